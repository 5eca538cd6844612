"""Response parsing for the ``json`` protocol (awsJson 1.0/1.1), plus the JSON error rules shared
with rest-json and the RPC output reader (``rpc_output``) shared with smithy-rpc-v2-cbor.

Success: the body is the output structure (scalars exactly as decoded); an event-stream output
reads its first message, which must be ``initial-response``, for the other members. RequestId comes
from ``x-amzn-requestid``. Errors: ``Message`` from ``message``/``Message``; ``Code`` from
``__type`` (``ns#Name:uri`` -> ``Name``) or the status code; ``x-amzn-query-error: Code;Type`` on
query-compatible services replaces the code and adds ``QueryErrorCode`` and ``Type``; then the
modeled exception's fields are merged in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..._core.http import HttpResponse
from ...model.shapes import OperationModel
from .bodies import load_json
from .envelope import TimestampParser, error_response, finish_metadata, plan_cache, query_compatible_code
from .errors import NoInitialResponseError, ResponseParserError
from .events import open_message_stream
from .jsonplan import JsonPlanner
from .timestamps import parse_timestamp
from .traits import member_refs, resolve

__all__ = [
    "event_stream_member",
    "json_error",
    "parse_error",
    "parse_response",
    "planner",
    "rpc_error",
    "rpc_output",
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


def rpc_output(
    operation: OperationModel,
    response: HttpResponse,
    timestamp: TimestampParser,
    *,
    flavour: str,
    load_body: Callable[[Any], Any],
    plan_initial: bool,
) -> Any:
    """The output structure of an RPC response (JSON or CBOR, as ``flavour``/``load_body`` say).

    With an event-stream member, the body is that stream and the other members come from its first
    message, which must be ``initial-response`` (read through the plan when ``plan_initial``, else
    kept as decoded)."""
    ref = operation.raw.get("output")
    if ref is None:
        return {}
    shape_name = ref["shape"]
    rpc_planner = planner(operation, timestamp, flavour)
    stream_name = event_stream_member(operation, shape_name)
    if stream_name is None:
        return rpc_planner.structure(shape_name)(load_body(response.body))
    stream = open_message_stream(
        operation.service.shapes,
        operation.service.shapes[shape_name]["members"][stream_name],
        response.body,
        operation.name,
        load_body=load_body,
        parser_for=rpc_planner.ref,
        timestamp=timestamp,
    )
    try:
        initial = load_body(stream.get_initial_response().payload)
    except NoInitialResponseError:
        raise ResponseParserError("First event was not of type initial-response") from None
    parsed = rpc_planner.structure(shape_name)(initial) if plan_initial else initial
    parsed[stream_name] = stream
    return parsed


def parse_response(
    operation: OperationModel, response: HttpResponse, *, timestamp_parser: TimestampParser | None = None
) -> dict[str, Any]:
    """Parse a successful awsJson response."""
    stamp = timestamp_parser or parse_timestamp
    parsed = rpc_output(operation, response, stamp, flavour="json", load_body=load_json, plan_initial=True)
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


def parse_error(
    operation: OperationModel,
    response: HttpResponse,
    *,
    timestamp_parser: TimestampParser | None = None,
    modeled: bool = True,
) -> dict[str, Any]:
    """Parse an awsJson error response (``modeled=False`` skips merging the exception's fields)."""

    def read_fields(name: str) -> Any:
        return planner(operation, timestamp_parser or parse_timestamp, "json").structure(name)(
            load_json(response.body)
        )

    return error_response(operation, response, modeled, json_error, read_fields)
