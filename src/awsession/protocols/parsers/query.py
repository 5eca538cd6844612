"""Response parsing for the ``query`` and ``ec2`` protocols (XML bodies, form-encoded requests).

Success: the output structure is read from the ``<Op>Result`` element named by the output ref's
``resultWrapper`` (or the root when there is none); query puts every child of ``ResponseMetadata``
into ``ResponseMetadata``, ec2 takes ``requestId``. Errors: the body's elements become a nested
dict (``Errors`` unwrapped; ``RequestId``/ec2's ``RequestID`` moved to ``ResponseMetadata``), then
the modeled exception's fields are merged in, exactly as botocore's endpoint does.
"""

from __future__ import annotations

from typing import Any

from ..._core.http import HttpResponse
from ...model.shapes import OperationModel
from .envelope import TimestampParser, error_response, finish_metadata, plan_cache
from .timestamps import parse_timestamp
from .traits import resolve
from .xmldoc import Element, element_to_dict, parse_xml, strip_ns
from .xmlplan import XmlPlanner

__all__ = [
    "ec2_parse_error",
    "ec2_parse_response",
    "parse_error",
    "parse_response",
    "planner",
]


def planner(operation: OperationModel, timestamp: TimestampParser, *, ec2: bool) -> XmlPlanner:
    cache = plan_cache(operation.service)
    key = ("xml", ec2, timestamp)
    found: XmlPlanner | None = cache.get(key)
    if found is None:
        found = cache.setdefault(key, XmlPlanner(operation.service.shapes, timestamp, ec2=ec2))
    return found


def _child(root: Element, name: str) -> Element | None:
    for child in root:
        if strip_ns(child.tag) == name:
            return child
    return None


def _parse_success(
    operation: OperationModel, response: HttpResponse, timestamp: TimestampParser | None, ec2: bool
) -> dict[str, Any]:
    stamp = timestamp or parse_timestamp
    root = parse_xml(response.body, local_names=True)  # read by the plan and by local name only
    parsed: dict[str, Any] = {}
    ref = operation.raw.get("output")
    if ref is not None:
        start: Element | None = root
        wrapper = resolve(operation.service.shapes, ref).get("resultWrapper")
        if wrapper:
            start = _child(root, wrapper)
            if start is None:
                start = Element("")
        parsed = planner(operation, stamp, ec2=ec2).structure(ref["shape"])(start)
    if ec2:
        request_id = _child(root, "requestId")
        if request_id is not None:
            parsed["ResponseMetadata"] = {"RequestId": request_id.text}
    else:
        metadata = _child(root, "ResponseMetadata")
        if metadata is not None:
            parsed["ResponseMetadata"] = {strip_ns(child.tag): child.text for child in metadata}
    return finish_metadata(parsed, response)


def _read_error(response: HttpResponse, ec2: bool) -> dict[str, Any]:
    parsed = element_to_dict(parse_xml(response.body))
    if "Errors" in parsed:
        parsed.update(parsed.pop("Errors"))
    if "RequestId" in parsed:
        parsed["ResponseMetadata"] = {"RequestId": parsed.pop("RequestId")}
    if ec2 and "RequestID" in parsed:
        parsed["ResponseMetadata"] = {"RequestId": parsed.pop("RequestID")}
    return parsed


def _parse_error(
    operation: OperationModel,
    response: HttpResponse,
    timestamp: TimestampParser | None,
    ec2: bool,
    modeled: bool,
) -> dict[str, Any]:
    def read_error(response: HttpResponse) -> dict[str, Any]:
        return _read_error(response, ec2)

    def read_fields(name: str) -> Any:
        structure = planner(operation, timestamp or parse_timestamp, ec2=ec2).structure(name)
        return structure(parse_xml(response.body))

    return error_response(operation, response, modeled, read_error, read_fields)


def parse_response(
    operation: OperationModel, response: HttpResponse, *, timestamp_parser: TimestampParser | None = None
) -> dict[str, Any]:
    """Parse a successful ``query`` response."""
    return _parse_success(operation, response, timestamp_parser, ec2=False)


def parse_error(
    operation: OperationModel,
    response: HttpResponse,
    *,
    timestamp_parser: TimestampParser | None = None,
    modeled: bool = True,
) -> dict[str, Any]:
    """Parse a ``query`` error response (``modeled=False`` skips merging the exception's fields)."""
    return _parse_error(operation, response, timestamp_parser, ec2=False, modeled=modeled)


def ec2_parse_response(
    operation: OperationModel, response: HttpResponse, *, timestamp_parser: TimestampParser | None = None
) -> dict[str, Any]:
    """Parse a successful ``ec2`` response."""
    return _parse_success(operation, response, timestamp_parser, ec2=True)


def ec2_parse_error(
    operation: OperationModel,
    response: HttpResponse,
    *,
    timestamp_parser: TimestampParser | None = None,
    modeled: bool = True,
) -> dict[str, Any]:
    """Parse an ``ec2`` error response."""
    return _parse_error(operation, response, timestamp_parser, ec2=True, modeled=modeled)
