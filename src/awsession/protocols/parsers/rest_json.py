"""Response parsing for the ``rest-json`` protocol (API Gateway style services, Lambda, ...).

Success: ``ResponseMetadata`` first (as rest-xml), header/status bindings, then the JSON payload
(booleans, numbers coerced; see ``jsonplan``). Errors: the awsJson error rules, after which the
code is replaced by the ``x-amzn-errortype`` header or else a ``code``/``Code`` body field (each
cut down to the bare name: ``ns#Name:uri`` -> ``Name``); then the modeled exception's header and
body fields are merged in.
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
)
from .eventstream import EventStream
from .json_rpc import json_error, open_event_stream, planner
from .rest import RestPlan, apply_plan, compile_plan
from .restbind import request_metadata
from .timestamps import parse_timestamp

__all__ = ["parse_error", "parse_response"]


def _plan(operation: OperationModel, shape_name: str, timestamp: TimestampParser) -> RestPlan:
    cache = plan_cache(operation.service)
    key = ("rest-json-plan", shape_name, timestamp)
    found: RestPlan | None = cache.get(key)
    if found is None:
        json_planner = planner(operation, timestamp, "rest-json")
        found = compile_plan(
            operation.service.shapes, shape_name, timestamp, json_flavour=True, parser_for=json_planner.ref
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
    def open_stream(stream_ref: dict[str, Any]) -> EventStream:
        return open_event_stream(operation, response, stream_ref, timestamp)

    plan = _plan(operation, shape_name, timestamp)
    return apply_plan(plan, response, parsed, load_body=load_json, open_stream=open_stream)


def parse_response(
    operation: OperationModel, response: HttpResponse, *, timestamp_parser: TimestampParser | None = None
) -> dict[str, Any]:
    """Parse a successful rest-json response."""
    stamp = timestamp_parser or parse_timestamp
    parsed: dict[str, Any] = {"ResponseMetadata": request_metadata(response.headers)}
    ref = operation.raw.get("output")
    if ref is not None:
        _apply(operation, response, ref["shape"], stamp, parsed)
    return finish_metadata(parsed, response)


def _inject_error_code(error: dict[str, Any], response: HttpResponse) -> None:
    body = load_json(response.body)
    code: Any = None
    if "x-amzn-errortype" in response.headers:
        code = response.headers["x-amzn-errortype"]
    elif isinstance(body, dict) and ("code" in body or "Code" in body):
        code = body.get("code", body.get("Code", ""))
    if code is None:
        return
    if isinstance(code, str):
        code = code.split(":", 1)[0].rsplit("#", 1)[-1]
    error["Error"]["Code"] = code


def parse_error(
    operation: OperationModel,
    response: HttpResponse,
    *,
    timestamp_parser: TimestampParser | None = None,
    modeled: bool = True,
) -> dict[str, Any]:
    """Parse a rest-json error response (``modeled=False`` skips merging the exception's fields)."""
    if is_generic_error(response):
        parsed = generic_error(response)
    else:
        parsed = json_error(response)
        _inject_error_code(parsed, response)
    finish_metadata(parsed, response)
    if modeled:
        name = error_shape_for_code(operation, parsed["Error"].get("Code"))
        if name is not None:
            if is_generic_error(response):
                parsed.update(finish_metadata(generic_error(response), response))
            else:
                parsed.update(_apply(operation, response, name, timestamp_parser or parse_timestamp, {}))
    return parsed
