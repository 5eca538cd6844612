"""Region and partition listings answered from the legacy ``endpoints.json``, as boto3 answers them.

Rules:

1. ``get_available_regions`` takes a service name (the data-folder name, e.g. ``elb``), reads its
   model's ``endpointPrefix`` and lists that prefix's endpoint names in one partition, in file
   order. Non-regional names (``aws-global``, ``fips-...``) only with ``allow_non_regional``. An
   unknown service or partition gives ``[]``.
2. ``get_partition_for_region`` is the first partition listing the region or matching its
   ``regionRegex``; none raises ``UnknownRegionError``.
3. ``partition_endpoint`` tells which endpoint name a client without a region falls back to (the
   service's ``partitionEndpoint`` in the ``aws`` partition), which sets the rule-set region then.
4. All answers come from data loaded once per process; lists are fresh copies for the caller.
   Partitions found for a region are memoized per data document.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from awsession.exceptions import UnknownRegionError, UnknownServiceError

__all__ = [
    "get_available_partitions",
    "get_available_regions",
    "get_partition_for_region",
    "partition_endpoint",
]


def _endpoints_data() -> dict[str, Any]:
    from awsession.model.services import load_endpoints_legacy

    return load_endpoints_legacy()


@cache
def _region_regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _endpoint_prefix(service_name: str) -> str | None:
    from awsession.model.services import load_service_model

    try:
        model = load_service_model(service_name)
    except UnknownServiceError:
        return None
    return str(model.metadata.get("endpointPrefix", service_name))


def get_available_partitions() -> list[str]:
    """The partition names of ``endpoints.json`` (``["aws", "aws-cn", ...]``)."""
    return [p["partition"] for p in _endpoints_data()["partitions"]]


def get_available_regions(
    service_name: str, partition_name: str = "aws", allow_non_regional: bool = False
) -> list[str]:
    """The endpoint names known for ``service_name`` in ``partition_name`` (boto3's answer)."""
    prefix = _endpoint_prefix(service_name)
    if prefix is None:
        return []
    result: list[str] = []
    for partition in _endpoints_data()["partitions"]:
        if partition["partition"] != partition_name:
            continue
        service = partition["services"].get(prefix)
        if service is None:
            continue
        regions = partition["regions"]
        result.extend(name for name in service["endpoints"] if allow_non_regional or name in regions)
    return result


_partition_cache: dict[str, tuple[dict[str, Any], str]] = {}


def get_partition_for_region(region_name: str) -> str:
    """The partition a region belongs to; ``UnknownRegionError`` when none claims it."""
    data = _endpoints_data()
    cached = _partition_cache.get(region_name)
    if cached is not None and cached[0] is data:  # memoized per data document
        return cached[1]
    found = _find_partition(data, region_name)
    if len(_partition_cache) >= 256:
        _partition_cache.clear()
    _partition_cache[region_name] = (data, found)
    return found


def _find_partition(data: dict[str, Any], region_name: str) -> str:
    for partition in data["partitions"]:
        if region_name in partition["regions"]:
            return str(partition["partition"])
        pattern = partition.get("regionRegex")
        if pattern and _region_regex(pattern).match(region_name):
            return str(partition["partition"])
    raise UnknownRegionError(
        region_name=region_name, error_msg="No partition found for provided region_name."
    )


def partition_endpoint(endpoint_prefix: str, partition_name: str = "aws") -> str | None:
    """The ``partitionEndpoint`` (e.g. ``aws-global``) of a service in a partition, if it has one."""
    for partition in _endpoints_data()["partitions"]:
        if partition["partition"] == partition_name:
            service = partition["services"].get(endpoint_prefix)
            if service is not None and "partitionEndpoint" in service:
                return str(service["partitionEndpoint"])
    return None
