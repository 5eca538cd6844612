"""The REST response layout shared by rest-xml and rest-json: HTTP bindings, then the payload.

Both protocols parse a success as ``ResponseMetadata`` (from the headers), the bindings, the body;
a modeled error's fields are read the same way. What differs (body decoder, shape planners for the
body and for event-stream messages, plan-cache key) is a :class:`RestFormat`.

A :class:`RestPlan` is compiled once per (service, structure, format, timestamp function): the
header/status bindings and how the body maps to the structure. The body is either

* the whole structure (no ``payload`` trait): parsed and merged into the result;
* one member (``payload``): an event stream (wrapped lazily), a blob or string (the transport body
  passed through untouched when streaming; buffered ``bytes`` are decoded to ``str`` as botocore
  does), or a structure/list/document parsed from the body.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from ..._core.frozen import FrozenValue
from ..._core.http import HttpResponse
from ...model.shapes import OperationModel
from .envelope import TimestampParser, error_response, finish_metadata, plan_cache
from .events import ShapeParser, open_message_stream
from .restbind import Binding, compile_bindings, request_metadata, run_bindings
from .timestamps import parse_timestamp
from .traits import resolve

__all__ = [
    "RestFormat",
    "RestPlan",
    "ShapeParser",
    "apply_plan",
    "compile_plan",
    "parse_rest_error",
    "parse_rest_response",
    "read_rest_shape",
]

Parser = Callable[[Any], Any]
PlannerLookup = Callable[[OperationModel, TimestampParser], ShapeParser]


class RestFormat(NamedTuple):
    """The body format of one REST protocol (a NamedTuple: a dataclass costs ~0.7 ms at import)."""

    cache_key: str
    json_flavour: bool
    load_body: Callable[[Any], Any]
    parser_for: PlannerLookup
    """The shape-ref -> parser function of the operation's (cached) body planner."""
    stream_parser_for: PlannerLookup
    """The same for event-stream messages."""


class RestPlan(FrozenValue):
    __slots__ = ("bindings", "parse", "payload_kind", "payload_name", "payload_ref")
    _fields = ("bindings", "payload_name", "payload_kind", "payload_ref", "parse")
    bindings: tuple[Binding, ...]
    payload_name: str | None
    payload_kind: str  # "whole" | "eventstream" | "raw" | "parsed"
    payload_ref: dict[str, Any] | None
    parse: Parser | None

    def __init__(self, bindings: tuple[Binding, ...], payload_name: str | None, payload_kind: str,
                 payload_ref: dict[str, Any] | None, parse: Parser | None) -> None:
        _set = object.__setattr__
        _set(self, "bindings", bindings)
        _set(self, "payload_name", payload_name)
        _set(self, "payload_kind", payload_kind)
        _set(self, "payload_ref", payload_ref)
        _set(self, "parse", parse)


def compile_plan(
    shapes: dict[str, dict[str, Any]],
    shape_name: str,
    timestamp: TimestampParser,
    *,
    json_flavour: bool,
    parser_for: ShapeParser,
) -> RestPlan:
    shape = shapes[shape_name]
    bindings = compile_bindings(shapes, shape_name, timestamp, json_flavour=json_flavour)
    payload_name = shape.get("payload")
    if payload_name is None:
        return RestPlan(bindings, None, "whole", None, parser_for({"shape": shape_name}))
    ref = shape["members"][payload_name]
    member = resolve(shapes, ref)
    if member.get("eventstream"):
        return RestPlan(bindings, payload_name, "eventstream", ref, None)
    if member["type"] in ("string", "blob"):
        return RestPlan(bindings, payload_name, "raw", ref, None)
    return RestPlan(bindings, payload_name, "parsed", ref, parser_for(ref))


def apply_plan(
    plan: RestPlan,
    response: HttpResponse,
    parsed: dict[str, Any],
    *,
    load_body: Callable[[Any], Any],
    open_stream: Callable[[dict[str, Any]], Any],
) -> dict[str, Any]:
    run_bindings(plan.bindings, response, parsed)
    kind = plan.payload_kind
    parse = plan.parse
    if kind == "whole":
        body = load_body(response.body)
        value = body if parse is None else parse(body)
        if isinstance(value, dict):
            parsed.update(value)
        return parsed
    name = plan.payload_name
    assert name is not None and plan.payload_ref is not None
    if kind == "eventstream":
        parsed[name] = open_stream(plan.payload_ref)
    elif kind == "raw":
        body = response.body
        if isinstance(body, (bytes, bytearray)):
            body = bytes(body).decode("utf-8")
        parsed[name] = body
    else:
        body = load_body(response.body)
        parsed[name] = body if parse is None else parse(body)
    return parsed


def _operation_plan(
    fmt: RestFormat, operation: OperationModel, shape_name: str, timestamp: TimestampParser
) -> RestPlan:
    cache = plan_cache(operation.service)
    key = (fmt.cache_key, shape_name, timestamp)
    found: RestPlan | None = cache.get(key)
    if found is None:
        found = compile_plan(
            operation.service.shapes,
            shape_name,
            timestamp,
            json_flavour=fmt.json_flavour,
            parser_for=fmt.parser_for(operation, timestamp),
        )
        cache[key] = found
    return found


def read_rest_shape(
    fmt: RestFormat,
    operation: OperationModel,
    response: HttpResponse,
    shape_name: str,
    timestamp: TimestampParser,
    parsed: dict[str, Any],
) -> dict[str, Any]:
    """Read structure ``shape_name`` from ``response`` (bindings and body) into ``parsed``."""

    def open_stream(stream_ref: dict[str, Any]) -> Any:
        return open_message_stream(
            operation.service.shapes,
            stream_ref,
            response.body,
            operation.name,
            load_body=fmt.load_body,
            parser_for=fmt.stream_parser_for(operation, timestamp),
            timestamp=timestamp,
        )

    plan = _operation_plan(fmt, operation, shape_name, timestamp)
    return apply_plan(plan, response, parsed, load_body=fmt.load_body, open_stream=open_stream)


def parse_rest_response(
    fmt: RestFormat,
    operation: OperationModel,
    response: HttpResponse,
    timestamp_parser: TimestampParser | None,
) -> dict[str, Any]:
    """A successful REST response: ``ResponseMetadata`` first, then the output, then status/headers."""
    parsed: dict[str, Any] = {"ResponseMetadata": request_metadata(response.headers)}
    ref = operation.raw.get("output")
    if ref is not None:
        read_rest_shape(fmt, operation, response, ref["shape"], timestamp_parser or parse_timestamp, parsed)
    return finish_metadata(parsed, response)


def parse_rest_error(
    fmt: RestFormat,
    operation: OperationModel,
    response: HttpResponse,
    timestamp_parser: TimestampParser | None,
    modeled: bool,
    read_error: Callable[[HttpResponse], dict[str, Any]],
) -> dict[str, Any]:
    """A REST error: ``read_error``'s dict, then the modeled exception's bindings and body fields."""

    def read_fields(name: str) -> dict[str, Any]:
        return read_rest_shape(fmt, operation, response, name, timestamp_parser or parse_timestamp, {})

    return error_response(operation, response, modeled, read_error, read_fields)
