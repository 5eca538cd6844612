"""Response parsing for the ``json`` protocol (awsJson 1.0/1.1), plus the JSON error rules shared
with rest-json.

Success: the body is the output structure (scalars exactly as decoded); an event-stream output
reads its first message, which must be ``initial-response``, for the other members. RequestId comes
from ``x-amzn-requestid``. Errors: ``Message`` from ``message``/``Message``; ``Code`` from
``__type`` (``ns#Name:uri`` -> ``Name``) or the status code; ``x-amzn-query-error: Code;Type`` on
query-compatible services replaces the code and adds ``QueryErrorCode`` and ``Type``; then the
modeled exception's fields are merged in.
"""

from __future__ import annotations

from typing import Any

from ..._core.http import HttpResponse
from ...model.shapes import OperationModel
from .bodies import load_json
from .envelope import (
    TimestampParser,
    error_shape_for_code,
    finish_metadata,
    generic_error,
    is_generic_error,
    plan_cache,
    query_compatible_code,
)
from .errors import NoInitialResponseError, ResponseParserError
from .events import compile_message_parser
from .eventstream import EventStream
from .jsonplan import JsonPlanner
from .timestamps import parse_timestamp
from .traits import member_refs, resolve

__all__ = [
    "event_stream_member",
    "json_error",
    "open_event_stream",
    "parse_error",
    "parse_response",
    "planner",
    "rpc_error",
]


def planner(operation: OperationModel, timestamp: TimestampParser, flavour: str) -> JsonPlanner:
    cache = plan_cache(operation.service)
    key = ("json", flavour, timestamp)
    found: JsonPlanner | None = cache.get(key)
    if found is None:
        found = cache.setdefault(key, JsonPlanner(operation.service.shapes, timestamp, flavour))
    return found


def event_stream_member(operation: OperationModel, shape_name: str) -> str | None:
    """The name of the output member that is an event stream, if any (cached per shape)."""
    cache = plan_cache(operation.service)
    key = ("eventstream-member", shape_name)
    if key not in cache:
        shapes = operation.service.shapes
        found = None
        for name, ref in member_refs(shapes[shape_name]).items():
            if resolve(shapes, ref).get("eventstream"):
                found = name
                break
        cache[key] = found
    result: str | None = cache[key]
    return result


def open_event_stream(
    operation: OperationModel, response: HttpResponse, stream_ref: dict[str, Any], timestamp: TimestampParser
) -> EventStream:
    """An :class:`EventStream` over the body whose events are parsed as JSON."""
    json_planner = planner(operation, timestamp, "json")
    parse_message = compile_message_parser(
        operation.service.shapes,
        stream_ref,
        load_body=load_json,
        parser_for=json_planner.ref,
        timestamp=timestamp,
    )
    return EventStream(response.body, parse_message, operation.name)


def parse_response(
    operation: OperationModel, response: HttpResponse, *, timestamp_parser: TimestampParser | None = None
) -> dict[str, Any]:
    """Parse a successful awsJson response."""
    stamp = timestamp_parser or parse_timestamp
    parsed: Any = {}
    ref = operation.raw.get("output")
    if ref is not None:
        structure = planner(operation, stamp, "json").structure(ref["shape"])
        stream_name = event_stream_member(operation, ref["shape"])
        if stream_name is not None:
            stream_ref = operation.service.shapes[ref["shape"]]["members"][stream_name]
            stream = open_event_stream(operation, response, stream_ref, stamp)
            try:
                initial = stream.get_initial_response()
            except NoInitialResponseError:
                raise ResponseParserError("First event was not of type initial-response") from None
            parsed = structure(load_json(initial.payload))
            parsed[stream_name] = stream
        else:
            parsed = structure(load_json(response.body))
    if "x-amzn-requestid" in response.headers:
        parsed.setdefault("ResponseMetadata", {})["RequestId"] = response.headers["x-amzn-requestid"]
    return finish_metadata(parsed, response)


def json_error(response: HttpResponse) -> dict[str, Any]:
    """botocore's generic JSON error dict (before rest-json's extra code sources)."""
    body = load_json(response.body)
    return rpc_error(body, response, body.get("__type", str(response.status_code)))


def rpc_error(body: dict[str, Any], response: HttpResponse, code: Any) -> dict[str, Any]:
    """The error dict shared by the JSON and CBOR RPC protocols, from a decoded body and the raw
    ``__type`` code: namespace (``ns#``) and suffix (``:...``) trimmed, query-compatible codes
    taken from ``x-amzn-query-error``, ``RequestId`` from ``x-amzn-requestid``."""
    error: dict[str, Any] = {
        "Error": {"Message": body.get("message", body.get("Message", "")), "Code": ""},
        "ResponseMetadata": {},
    }
    headers = response.headers
    if isinstance(code, str):
        if ":" in code:
            code = code.split(":", 1)[0]
        if "#" in code:
            code = code.rsplit("#", 1)[1]
        if "x-amzn-query-error" in headers:
            code = query_compatible_code(code, headers, error)
    if code is not None:
        error["Error"]["Code"] = code
    if "x-amzn-requestid" in headers:
        error["ResponseMetadata"]["RequestId"] = headers["x-amzn-requestid"]
    return error


def _modeled(operation: OperationModel, response: HttpResponse, name: str, timestamp: TimestampParser) -> Any:
    if is_generic_error(response):
        return finish_metadata(generic_error(response), response)
    return planner(operation, timestamp, "json").structure(name)(load_json(response.body))


def parse_error(
    operation: OperationModel,
    response: HttpResponse,
    *,
    timestamp_parser: TimestampParser | None = None,
    modeled: bool = True,
) -> dict[str, Any]:
    """Parse an awsJson error response (``modeled=False`` skips merging the exception's fields)."""
    parsed = generic_error(response) if is_generic_error(response) else json_error(response)
    finish_metadata(parsed, response)
    if modeled:
        name = error_shape_for_code(operation, parsed["Error"].get("Code"))
        if name is not None:
            fields = _modeled(operation, response, name, timestamp_parser or parse_timestamp)
            if isinstance(fields, dict):
                parsed.update(fields)
    return parsed
