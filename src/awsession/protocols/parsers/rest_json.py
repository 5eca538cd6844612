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
from .envelope import TimestampParser
from .json_rpc import json_error, planner
from .rest import RestFormat, ShapeParser, parse_rest_error, parse_rest_response

__all__ = ["parse_error", "parse_response"]


def _parser_for(operation: OperationModel, timestamp: TimestampParser) -> ShapeParser:
    return planner(operation, timestamp, "rest-json").ref


def _event_parser_for(operation: OperationModel, timestamp: TimestampParser) -> ShapeParser:
    return planner(operation, timestamp, "json").ref  # event payloads: plain ``json`` (no coercion)


_FORMAT = RestFormat("rest-json-plan", True, load_json, _parser_for, _event_parser_for)


def parse_response(
    operation: OperationModel, response: HttpResponse, *, timestamp_parser: TimestampParser | None = None
) -> dict[str, Any]:
    """Parse a successful rest-json response."""
    return parse_rest_response(_FORMAT, operation, response, timestamp_parser)


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


def _read_error(response: HttpResponse) -> dict[str, Any]:
    error = json_error(response)
    _inject_error_code(error, response)
    return error


def parse_error(
    operation: OperationModel,
    response: HttpResponse,
    *,
    timestamp_parser: TimestampParser | None = None,
    modeled: bool = True,
) -> dict[str, Any]:
    """Parse a rest-json error response (``modeled=False`` skips merging the exception's fields)."""
    return parse_rest_error(_FORMAT, operation, response, timestamp_parser, modeled, _read_error)
