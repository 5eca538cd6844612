"""The REST response layout shared by rest-xml and rest-json: HTTP bindings, then the payload.

A :class:`RestPlan` is compiled once per (service, structure, format, timestamp function): the
header/status bindings and how the body maps to the structure. The body is either

* the whole structure (no ``payload`` trait): parsed and merged into the result;
* one member (``payload``): an event stream (wrapped lazily), a blob or string (the transport body
  passed through untouched when streaming; buffered ``bytes`` are decoded to ``str`` as botocore
  does), or a structure/list/document parsed from the body.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..._core.http import HttpResponse
from .envelope import TimestampParser
from .restbind import Binding, compile_bindings, run_bindings
from .traits import resolve

__all__ = ["RestPlan", "apply_plan", "compile_plan"]

Parser = Callable[[Any], Any]


@dataclass(frozen=True, slots=True)
class RestPlan:
    bindings: tuple[Binding, ...]
    payload_name: str | None
    payload_kind: str  # "whole" | "eventstream" | "raw" | "parsed"
    payload_ref: dict[str, Any] | None
    parse: Parser | None


def compile_plan(
    shapes: dict[str, dict[str, Any]],
    shape_name: str,
    timestamp: TimestampParser,
    *,
    json_flavour: bool,
    parser_for: Callable[[dict[str, Any]], Parser | None],
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
