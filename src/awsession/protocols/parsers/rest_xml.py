"""Response parsing for the ``rest-xml`` protocol (S3, CloudFront, Route 53).

Success: ``ResponseMetadata`` first (``x-amzn-requestid``, or S3's ``x-amz-request-id`` with
``x-amz-id-2`` as ``HostId``), then header/status bindings, then the XML payload (see ``rest``).
Errors, in botocore's order of attempts:

1. a generic 5xx (empty or HTML body): code = status, message = reason phrase;
2. a body whose root is ``<Error>`` (S3): its children are the ``Error`` dict as sent, ``RequestId``
   and ``HostId`` come from the headers (and are dropped from the body);
3. any other XML body (``<ErrorResponse><Error>..``): ``Error`` = ``{"Message": "", "Code": ""}``
   merged with the body's fields, ``RequestId`` moved to ``ResponseMetadata``;
4. an empty or unparseable body: code = status (``HeadObject`` 404 -> ``"404"``, ``"Not Found"``),
   ``RequestId``/``HostId`` from ``x-amz-request-id``/``x-amz-id-2`` (empty strings if absent).

Then the modeled exception's header and body fields are merged in.
"""

from __future__ import annotations

from typing import Any

from ..._core.http import HttpResponse
from ...model.shapes import OperationModel
from .bodies import load_xml
from .envelope import (
    TimestampParser,
    error_shape_for_code,
    finish_metadata,
    generic_error,
    http_reason,
    is_generic_error,
    plan_cache,
)
from .errors import ResponseParserError
from .events import compile_message_parser
from .eventstream import EventStream
from .query import planner
from .rest import RestPlan, apply_plan, compile_plan
from .restbind import request_metadata
from .timestamps import parse_timestamp
from .xmldoc import element_to_dict, parse_xml

__all__ = ["parse_error", "parse_response"]


def _plan(operation: OperationModel, shape_name: str, timestamp: TimestampParser) -> RestPlan:
    cache = plan_cache(operation.service)
    key = ("rest-xml-plan", shape_name, timestamp)
    found: RestPlan | None = cache.get(key)
    if found is None:
        xml_planner = planner(operation, timestamp, ec2=False)
        found = compile_plan(
            operation.service.shapes, shape_name, timestamp, json_flavour=False, parser_for=xml_planner.ref
        )
        cache[key] = found
    return found


def _apply(
    operation: OperationModel,
    response: HttpResponse,
    shape_name: str,
    timestamp: TimestampParser,
    parsed: dict[str, Any],
) -> dict[str, Any]:
    xml_planner = planner(operation, timestamp, ec2=False)

    def open_stream(stream_ref: dict[str, Any]) -> EventStream:
        parse_message = compile_message_parser(
            operation.service.shapes,
            stream_ref,
            load_body=load_xml,
            parser_for=xml_planner.ref,
            timestamp=timestamp,
        )
        return EventStream(response.body, parse_message, operation.name)

    plan = _plan(operation, shape_name, timestamp)
    return apply_plan(plan, response, parsed, load_body=load_xml, open_stream=open_stream)


def parse_response(
    operation: OperationModel, response: HttpResponse, *, timestamp_parser: TimestampParser | None = None
) -> dict[str, Any]:
    """Parse a successful rest-xml response."""
    stamp = timestamp_parser or parse_timestamp
    parsed: dict[str, Any] = {"ResponseMetadata": request_metadata(response.headers)}
    ref = operation.raw.get("output")
    if ref is not None:
        _apply(operation, response, ref["shape"], stamp, parsed)
    return finish_metadata(parsed, response)


def _from_status(response: HttpResponse) -> dict[str, Any]:
    headers = response.headers
    return {
        "Error": {"Code": str(response.status_code), "Message": http_reason(response.status_code)},
        "ResponseMetadata": {
            "RequestId": headers.get("x-amz-request-id", ""),
            "HostId": headers.get("x-amz-id-2", ""),
        },
    }


def _merge(target: dict[str, Any], extra: dict[str, Any]) -> None:
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = value


def _from_body(response: HttpResponse) -> dict[str, Any]:
    root = parse_xml(response.body)
    parsed = element_to_dict(root)
    if root.tag == "Error":
        metadata = request_metadata(response.headers)
        parsed.pop("RequestId", None)
        parsed.pop("HostId", None)
        return {"Error": parsed, "ResponseMetadata": metadata}
    if "RequestId" in parsed:
        parsed["ResponseMetadata"] = {"RequestId": parsed.pop("RequestId")}
    result: dict[str, Any] = {"Error": {"Message": "", "Code": ""}}
    _merge(result, parsed)
    return result


def parse_error(
    operation: OperationModel,
    response: HttpResponse,
    *,
    timestamp_parser: TimestampParser | None = None,
    modeled: bool = True,
) -> dict[str, Any]:
    """Parse a rest-xml error response (``modeled=False`` skips merging the exception's fields)."""
    if is_generic_error(response):
        parsed = generic_error(response)
    elif response.body:
        try:
            parsed = _from_body(response)
        except ResponseParserError:
            parsed = _from_status(response)
    else:
        parsed = _from_status(response)
    finish_metadata(parsed, response)
    if modeled:
        error = parsed.get("Error")
        name = error_shape_for_code(operation, error.get("Code") if isinstance(error, dict) else None)
        if name is not None:
            if is_generic_error(response):
                parsed.update(finish_metadata(generic_error(response), response))
            else:
                parsed.update(_apply(operation, response, name, timestamp_parser or parse_timestamp, {}))
    return parsed
