"""Everything a client needs to resolve endpoints, fixed once at client creation.

Rules (boto3 1.43):

1. ``endpoint_url=`` beats a configured endpoint URL (``AWS_ENDPOINT_URL_<SERVICE>``,
   ``AWS_ENDPOINT_URL``, ``services`` sections, profile ``endpoint_url``), unless
   ``ignore_configured_endpoint_urls`` is on.
2. Without a region, S3 uses ``us-east-1`` and services with a partition endpoint (IAM, STS,
   Route 53, ...) use it (``aws-global``); any other service raises ``NoRegionError``.
3. The ``s3`` settings are the profile's merged with ``Config(s3=...)`` (the latter wins); other
   settings follow ``Config`` > environment > profile.
4. ``client.meta.endpoint_url`` and ``client.meta.region_name`` come, as in botocore, from the
   legacy ``endpoints.json`` when it knows the service there (so IAM in ``eu-west-1`` reports
   region ``aws-global``); otherwise, and for S3, STS, FIPS and dual-stack clients, from the rule
   set without operation input and the configured region. Calls always use the rule set.
5. ``client.meta.partition`` is botocore's answer from ``endpoints.json`` for the region (``aws``
   when no partition claims it); it is found when first asked for, so a client that never asks
   never loads that file.
"""

from __future__ import annotations

from typing import Any

from ..endpoints.builtins import EndpointBuiltins
from ..endpoints.legacy import get_partition_for_region, partition_endpoint
from ..endpoints.params import build_endpoint_params
from ..endpoints.partitions import default_partitions
from ..endpoints.rules import Endpoint, compile_ruleset
from ..exceptions import EndpointResolutionError, NoRegionError, UnknownRegionError
from ..model.services import load_endpoint_ruleset, load_endpoints_legacy
from ..model.shapes import OperationModel, ServiceModel
from .endpoint_errors import translate_rule_error

__all__ = ["EndpointSetup", "client_region"]


def client_region(service_model: ServiceModel, region: str | None) -> str:
    """The region a client reports (``meta.region_name``) when none was configured."""
    if region is not None:
        return region
    prefix = service_model.endpoint_prefix
    if prefix == "s3":
        return "us-east-1"
    found = partition_endpoint(prefix)
    if found is None:
        raise NoRegionError()
    return found


class EndpointSetup:
    """A client's endpoint inputs (immutable once :meth:`create` returns)."""

    __slots__ = ("_partition", "builtins", "client_context", "meta_endpoint_url", "meta_region",
                 "ruleset", "s3_settings", "service_model", "use_ssl")

    def __init__(self, *, service_model: ServiceModel, ruleset: Any, builtins: EndpointBuiltins,
                 client_context: dict[str, Any], use_ssl: bool, s3_settings: dict[str, Any],
                 meta_endpoint_url: str, meta_region: str) -> None:
        self.service_model = service_model
        self.ruleset = ruleset
        self.builtins = builtins
        self.client_context = client_context
        self.use_ssl = use_ssl
        self.s3_settings = s3_settings
        self.meta_endpoint_url = meta_endpoint_url
        self.meta_region = meta_region
        self._partition: str | None = None

    @property
    def partition(self) -> str:
        """The region's partition in ``endpoints.json`` (``aws`` when none claims it)."""
        found = self._partition
        if found is None:
            try:
                found = get_partition_for_region(self.builtins.region or "")
            except UnknownRegionError:
                found = "aws"
            self._partition = found
        return found

    @classmethod
    def create(cls, *, session: Any, service_model: ServiceModel, region: str, config: Any,
               endpoint_url: str | None, use_ssl: bool, account_id: str | None,
               loader: Any = None) -> EndpointSetup:
        resolver = session._resolver
        if endpoint_url is None and not (config.ignore_configured_endpoint_urls
                                         or resolver.get("ignore_configured_endpoint_urls")):
            configured = resolver.resolve_endpoint_url(service_model.service_id)
            endpoint_url = configured.value if configured is not None else None
        s3 = dict(resolver.s3_settings())
        s3.update(config.s3 or {})

        def pick(name: str) -> Any:
            value = getattr(config, name, None)
            return value if value is not None else resolver.get(name)

        builtins = EndpointBuiltins(
            region=region,
            endpoint_prefix=service_model.endpoint_prefix,
            use_fips=pick("use_fips_endpoint"),
            use_dualstack=pick("use_dualstack_endpoint"),
            endpoint_url=endpoint_url,
            s3=s3,
            sts_regional_endpoints=resolver.get("sts_regional_endpoints"),
            account_id=account_id,
            account_id_endpoint_mode=pick("account_id_endpoint_mode"),
        )
        builtins.validate()  # invalid S3/STS settings fail at client creation
        ruleset = _compiled_ruleset(service_model, loader)
        client_context = dict(config.client_context_params or {})
        setup = cls(service_model=service_model, ruleset=ruleset, builtins=builtins,
                    client_context=client_context, use_ssl=use_ssl, s3_settings=s3,
                    meta_endpoint_url="", meta_region=region)
        legacy = None
        if endpoint_url is None and not (service_model.endpoint_prefix in ("s3", "sts")
                                         or builtins.use_fips or builtins.use_dualstack):
            legacy = _legacy_endpoint(load_endpoints_legacy(loader=loader),
                                      service_model.endpoint_prefix, region)
        if legacy is not None:
            setup.meta_region = legacy[0]
            scheme = "https" if use_ssl and "https" in legacy[2] else "http"
            setup.meta_endpoint_url = f"{scheme}://{legacy[1]}"
        else:
            setup.meta_endpoint_url = endpoint_url or setup._meta_url()
        return setup

    def _meta_url(self) -> str:
        params = {}
        for spec in self.ruleset.params:
            raw = self.ruleset.raw["parameters"][spec.name]
            builtin = raw.get("builtIn")
            if builtin is not None:
                value = self.builtins.values.get(builtin)
                if value is not None and not callable(value):
                    params[spec.name] = value
        try:
            return self._scheme(self.ruleset.resolve(params, default_partitions()).url)
        except Exception:
            return ""

    def _scheme(self, url: str) -> str:
        if self.use_ssl:
            return url
        from urllib.parse import urlsplit, urlunsplit  # deferred: rarely needed (use_ssl=False)

        parts = urlsplit(url)
        return urlunsplit(("http", *parts[1:])) if parts.scheme == "https" else url

    def resolve(self, operation: OperationModel, params: dict[str, Any],
                request_context: dict[str, Any] | None = None) -> Endpoint:
        call_params = build_endpoint_params(self.ruleset, self.service_model, operation, params,
                                            self.builtins, self.client_context,
                                            request_context=request_context)
        try:
            endpoint: Endpoint = self.ruleset.resolve(call_params, default_partitions())
        except EndpointResolutionError as error:
            translated = translate_rule_error(self.service_model.service_name,
                                              str(error.kwargs.get("msg", "")), params)
            if translated is None:
                raise
            raise translated from error
        if not self.use_ssl and endpoint.url.startswith("https:"):
            return Endpoint(self._scheme(endpoint.url), endpoint.headers, endpoint.properties)
        return endpoint


def _compiled_ruleset(service_model: ServiceModel, loader: Any) -> Any:
    """The service's compiled rule set, remembered on the (per-process) model per data loader."""
    key = ("compiled-endpoint-ruleset", id(loader))
    found = service_model.derived.get(key)
    if found is not None and found[0] is loader:
        return found[1]
    ruleset = compile_ruleset(load_endpoint_ruleset(service_model.service_name,
                                                    service_model.api_version, loader=loader))
    service_model.derived[key] = (loader, ruleset)  # holds the loader, so its id stays unique
    return ruleset


_legacy_cache: dict[tuple[int, str, str], tuple[dict[str, Any], tuple[str, str, list[str]]]] = {}


def _legacy_endpoint(data: dict[str, Any], prefix: str,
                     region: str) -> tuple[str, str, list[str]]:
    """:func:`_find_legacy_endpoint`, memoized per process (per data document, prefix, region)."""
    key = (id(data), prefix, region)
    cached = _legacy_cache.get(key)
    if cached is not None and cached[0] is data:
        name, hostname, protocols = cached[1]
        return name, hostname, list(protocols)
    found = _find_legacy_endpoint(data, prefix, region)
    if len(_legacy_cache) >= 1024:
        _legacy_cache.clear()
    _legacy_cache[key] = (data, found)
    return found[0], found[1], list(found[2])


def _find_legacy_endpoint(data: dict[str, Any], prefix: str,
                          region: str) -> tuple[str, str, list[str]]:
    """``(endpoint name, hostname, protocols)`` for ``prefix`` in ``region`` from endpoints.json.

    The first partition that lists the region for the service, or whose region pattern matches
    it, answers (a service it does not list gets the partition's defaults); a service that is not
    regionalized there answers with its partition endpoint. When no partition matches the region,
    ``aws`` answers (as botocore does).
    """
    import re

    partitions = data.get("partitions", ())
    chosen: dict[str, Any] | None = None
    for partition in partitions:
        service = partition.get("services", {}).get(prefix, {})
        if region in service.get("endpoints", {}) or region in partition.get("regions", {}) or (
                re.match(partition.get("regionRegex", "^$"), region)):
            chosen = partition
            break
    if chosen is None:
        chosen = next((p for p in partitions if p.get("partition") == "aws"), {})
    service = chosen.get("services", {}).get(prefix, {})
    endpoints = service.get("endpoints", {})
    name = region
    if (region not in endpoints and service.get("partitionEndpoint")
            and not service.get("isRegionalized", True)):
        name = service["partitionEndpoint"]
    merged: dict[str, Any] = {}
    for layer in (chosen.get("defaults", {}), service.get("defaults", {}), endpoints.get(name, {})):
        merged.update({k: v for k, v in layer.items() if k != "variants"})
    hostname = str(merged.get("hostname", "{service}.{region}.{dnsSuffix}"))
    hostname = hostname.replace("{service}", prefix).replace("{region}", name).replace(
        "{dnsSuffix}", str(chosen.get("dnsSuffix", "")))
    return name, hostname, list(merged.get("protocols", ["https"]))
