"""Event-stream outputs for async clients: ``async for event in response["Payload"]``.

The protocol parsers hand every client the same lazy
:class:`~awsession.protocols.parsers.eventstream.EventStream`; for an async client its raw body is
an :class:`~awsession.transport.aio_streaming.AsyncStreamingBody`, which a sync iterator cannot
read. :func:`async_event_streams` swaps it, in the parsed output, for an :class:`AioEventStream`
over the same body and the same per-message parser (aiobotocore's ``AioEventStream`` surface).

Rules:

1. Frames are decoded by the shared incremental
   :class:`~awsession.protocols.parsers.eventstream.EventStreamDecoder`; this module only awaits
   the chunks it feeds in. A message whose ``:message-type`` is ``error`` or ``exception`` raises
   ``EventStreamError``, events of an unknown type (parsed as ``{}``) are skipped -- as the sync
   stream does.
2. A stream whose body was already read whole (the JSON and CBOR RPC protocols, which consume the
   ``initial-response`` message while parsing) continues from where the parser left it: its
   remaining messages are in memory, so nothing is awaited.
3. Sync iteration raises ``TypeError``; ``close()`` drops the connection; ``async with`` closes.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

from ..exceptions import EventStreamError
from ..model.shapes import OperationModel
from ..protocols.parsers.eventstream import (
    EventMessage,
    EventStream,
    EventStreamDecoder,
    ParseMessage,
    initial_response,
)

__all__ = ["AioEventStream", "async_event_streams", "event_stream_members"]

_CHUNK = 64 * 1024


class AioEventStream:
    """Async iterable of parsed events read lazily from an async (or in-memory) response body."""

    def __init__(self, raw_stream: Any, parse_message: ParseMessage, operation_name: str,
                 messages: Iterator[EventMessage] | None = None) -> None:
        self._raw_stream = raw_stream
        self._parse_message = parse_message
        self._operation_name = operation_name
        self._messages: AsyncIterator[EventMessage] = (
            self._read_messages() if messages is None else _from_memory(messages))

    async def _read_messages(self) -> AsyncIterator[EventMessage]:
        decoder = EventStreamDecoder()
        read = self._raw_stream.read
        while True:
            chunk = await read(_CHUNK)
            if not chunk:
                return
            decoder.feed(chunk)
            for message in decoder:
                yield message

    def __iter__(self) -> Iterator[dict[str, Any]]:
        raise TypeError("an async event stream is iterated with 'async for'")

    def __aiter__(self) -> AioEventStream:
        return self

    async def __anext__(self) -> dict[str, Any]:
        async for message in self._messages:
            parsed = self._parse_message(message)
            if message.status_code != 200:
                raise EventStreamError(parsed, self._operation_name)
            if parsed:
                return parsed
        raise StopAsyncIteration

    async def get_initial_response(self) -> EventMessage:
        """Consume the first message, which must be the ``initial-response`` event."""
        try:
            first: EventMessage | None = await self._messages.__anext__()
        except StopAsyncIteration:
            first = None
        return initial_response(first)

    def close(self) -> None:
        """Drop the rest of the stream and its connection."""
        close = getattr(self._raw_stream, "close", None)
        if callable(close):
            close()

    async def __aenter__(self) -> AioEventStream:
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<AioEventStream operation={self._operation_name!r}>"


async def _from_memory(messages: Iterator[EventMessage]) -> AsyncIterator[EventMessage]:
    for message in messages:
        yield message


def _to_async(stream: EventStream) -> AioEventStream:
    # The sync stream's parts (H8's module keeps them private; read in this one place only).
    raw = stream._raw_stream
    messages = None if callable(getattr(raw, "__aiter__", None)) else stream._messages
    return AioEventStream(raw, stream._parse_message, stream._operation_name, messages)


def event_stream_members(operation: OperationModel) -> tuple[str, ...]:
    """The output members of ``operation`` that are event streams (usually none)."""
    shape: Any = operation.output_shape
    if not shape:
        return ()
    shapes = operation.service.shapes
    return tuple(name for name, ref in shape.get("members", {}).items()
                 if shapes.get(ref.get("shape"), {}).get("eventstream"))


def async_event_streams(parsed: dict[str, Any], members: tuple[str, ...]) -> dict[str, Any]:
    """``parsed`` with each sync :class:`EventStream` under ``members`` made an :class:`AioEventStream`."""
    for name in members:
        stream = parsed.get(name)
        if isinstance(stream, EventStream):
            parsed[name] = _to_async(stream)
    return parsed
