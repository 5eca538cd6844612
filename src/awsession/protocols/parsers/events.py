"""Turn one event-stream message into botocore's event dict, for a given event-stream union shape.

Rules (botocore 1.43's event-stream parsers):

* A normal message is ``{event_type: {...}}`` where ``event_type`` is the ``:event-type`` header;
  an event type the model does not know gives ``{}`` (which :class:`EventStream` skips).
* Members marked ``eventheader`` come from the message headers by member name (timestamps are
  milliseconds); the member marked ``eventpayload`` gets the raw payload bytes (blob), its text
  (string) or its parsed body; without one, the whole body is parsed as the event structure.
* An ``exception`` message whose ``:exception-type`` is a member gives ``{"Error": {"Code": type,
  "Message": ...}}`` from its body; any other error uses ``:error-code``/``:error-message``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .eventstream import EventMessage, EventStream
from .traits import member_refs, resolve

__all__ = ["ShapeParser", "compile_message_parser", "open_message_stream"]

BodyLoader = Callable[[bytes], Any]
ShapeParser = Callable[[dict[str, Any]], Callable[[Any], Any] | None]


def _apply(parse: Callable[[Any], Any] | None, value: Any) -> Any:
    return value if parse is None else parse(value)


def compile_message_parser(
    shapes: dict[str, dict[str, Any]],
    stream_ref: dict[str, Any],
    *,
    load_body: BodyLoader,
    parser_for: ShapeParser,
    timestamp: Callable[[Any], Any],
) -> Callable[[EventMessage], dict[str, Any]]:
    """A function from one decoded message to its parsed dict."""
    stream_shape = resolve(shapes, stream_ref)
    members = member_refs(stream_shape)
    events: dict[str, Callable[[EventMessage], dict[str, Any]]] = {}
    for name, ref in members.items():
        events[name] = _compile_event(shapes, ref, load_body, parser_for, timestamp)

    def parse_message(message: EventMessage) -> dict[str, Any]:
        headers = message.headers
        if message.status_code != 200:
            exception_type = headers.get(":exception-type")
            ref = members.get(exception_type) if isinstance(exception_type, str) else None
            if ref is not None:
                body = _apply(parser_for(ref), load_body(message.payload))
                text = body.get("Message", body.get("message", "")) if isinstance(body, dict) else ""
                return {"Error": {"Code": exception_type, "Message": text}}
            return {
                "Error": {
                    "Code": headers.get(":error-code", ""),
                    "Message": headers.get(":error-message", ""),
                }
            }
        event_type = headers.get(":event-type")
        parse_event = events.get(event_type) if isinstance(event_type, str) else None
        if parse_event is None:
            return {}
        return {str(event_type): parse_event(message)}

    return parse_message


def open_message_stream(
    shapes: dict[str, dict[str, Any]],
    stream_ref: dict[str, Any],
    body: Any,
    operation_name: str,
    *,
    load_body: BodyLoader,
    parser_for: ShapeParser,
    timestamp: Callable[[Any], Any],
) -> EventStream:
    """An :class:`EventStream` over ``body`` whose messages are parsed for ``stream_ref``."""
    parse_message = compile_message_parser(
        shapes, stream_ref, load_body=load_body, parser_for=parser_for, timestamp=timestamp
    )
    return EventStream(body, parse_message, operation_name)


def _compile_event(
    shapes: dict[str, dict[str, Any]],
    ref: dict[str, Any],
    load_body: BodyLoader,
    parser_for: ShapeParser,
    timestamp: Callable[[Any], Any],
) -> Callable[[EventMessage], dict[str, Any]]:
    shape = resolve(shapes, ref)
    header_members: list[tuple[str, bool]] = []
    payload: tuple[str, str, Callable[[Any], Any] | None] | None = None
    for name, member_ref in member_refs(shape).items():
        member = resolve(shapes, member_ref)
        if member.get("eventheader"):
            header_members.append((name, member["type"] == "timestamp"))
        if member.get("eventpayload") and payload is None:
            kind = member["type"]
            payload = (name, kind, None if kind in ("blob", "string") else parser_for(member_ref))
    is_event = bool(shape.get("event"))
    whole = parser_for(ref)

    def parse_event(message: EventMessage) -> dict[str, Any]:
        parsed: dict[str, Any] = {}
        headers = message.headers
        for name, is_timestamp in header_members:
            if name in headers:
                value = headers[name]
                parsed[name] = timestamp(value / 1000.0) if is_timestamp else value
        if not is_event:
            return parsed
        if payload is not None:
            name, kind, parse = payload
            if kind == "blob":
                parsed[name] = message.payload
            elif kind == "string":
                parsed[name] = message.payload.decode("utf-8")
            else:
                parsed[name] = _apply(parse, load_body(message.payload))
            return parsed
        body = _apply(whole, load_body(message.payload))
        if isinstance(body, dict):
            parsed.update(body)
        return parsed

    return parse_event
