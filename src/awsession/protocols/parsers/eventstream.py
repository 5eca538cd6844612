"""The binary ``application/vnd.amazon.eventstream`` framing, and a lazy ``EventStream`` over it.

Wire format (per message; all integers big-endian)::

    total length (u32) | headers length (u32) | prelude CRC32 (u32)
    headers: name length (u8) name (utf-8) type (u8) value ...
    payload | message CRC32 (u32, over everything before it)

Rules:

1. Both CRCs are checked; headers are limited to 128 KiB and payloads to 24 MiB; a repeated header
   name is an error (botocore's limits and messages).
2. :class:`EventStream` reads the transport body only when iterated, chunk by chunk, and yields one
   parsed event dict per message (messages of an unknown event type are skipped). A message whose
   ``:message-type`` is ``error`` or ``exception`` raises ``EventStreamError`` with the parsed error.
3. The protocol supplies ``parse_message(headers, payload, status_code) -> dict``; this module knows
   nothing about shapes.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterator
from typing import Any
from zlib import crc32

from ..._core.frozen import FrozenValue
from ...exceptions import EventStreamError
from .errors import (
    ChecksumMismatch,
    DuplicateHeader,
    InvalidHeadersLength,
    InvalidPayloadLength,
    NoInitialResponseError,
)

__all__ = [
    "EventMessage",
    "EventStream",
    "EventStreamDecoder",
    "ParseMessage",
    "initial_response",
    "iter_chunks",
]

_PRELUDE = struct.Struct(">III")
_MAX_HEADERS = 128 * 1024
_MAX_PAYLOAD = 24 * 1024 * 1024
_CHUNK = 64 * 1024


class EventMessage(FrozenValue):
    __slots__ = ("headers", "payload")
    _fields = ("headers", "payload")
    headers: dict[str, Any]
    payload: bytes

    def __init__(self, headers: dict[str, Any], payload: bytes) -> None:
        _set = object.__setattr__
        _set(self, "headers", headers)
        _set(self, "payload", payload)

    @property
    def status_code(self) -> int:
        kind = self.headers.get(":message-type")
        return 400 if kind in ("error", "exception") else 200


def _fixed(fmt: str) -> Callable[[bytes, int], tuple[Any, int]]:
    packer = struct.Struct(fmt)

    def read(data: bytes, pos: int) -> tuple[Any, int]:
        return packer.unpack_from(data, pos)[0], pos + packer.size

    return read


def _true(data: bytes, pos: int) -> tuple[Any, int]:
    return True, pos


def _false(data: bytes, pos: int) -> tuple[Any, int]:
    return False, pos


def _bytes(data: bytes, pos: int) -> tuple[Any, int]:
    (length,) = struct.unpack_from(">H", data, pos)
    return data[pos + 2 : pos + 2 + length], pos + 2 + length


def _string(data: bytes, pos: int) -> tuple[Any, int]:
    raw, end = _bytes(data, pos)
    return raw.decode("utf-8"), end


def _uuid(data: bytes, pos: int) -> tuple[Any, int]:
    return bytes(data[pos : pos + 16]), pos + 16


_HEADER_VALUES: dict[int, Callable[[bytes, int], tuple[Any, int]]] = {
    0: _true,
    1: _false,
    2: _fixed(">b"),
    3: _fixed(">h"),
    4: _fixed(">i"),
    5: _fixed(">q"),
    6: _bytes,
    7: _string,
    8: _fixed(">q"),
    9: _uuid,
}


def decode_headers(data: bytes) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    pos = 0
    end = len(data)
    while pos < end:
        name_length = data[pos]
        name = data[pos + 1 : pos + 1 + name_length].decode("utf-8")
        pos += 1 + name_length
        kind = data[pos]
        value, pos = _HEADER_VALUES[kind](data, pos + 1)
        if name in headers:
            raise DuplicateHeader(name)
        headers[name] = value
    return headers


class EventStreamDecoder:
    """Incremental decoder: ``feed`` bytes, iterate the complete messages received so far."""

    def __init__(self) -> None:
        self._buffer = bytearray()

    def feed(self, data: bytes) -> None:
        self._buffer += data

    def __iter__(self) -> Iterator[EventMessage]:
        buffer = self._buffer
        while len(buffer) >= 12:
            total, headers_length, prelude_crc = _PRELUDE.unpack_from(buffer, 0)
            computed = crc32(bytes(buffer[:8]))
            if computed != prelude_crc:
                raise ChecksumMismatch(prelude_crc, computed)
            if headers_length > _MAX_HEADERS:
                raise InvalidHeadersLength(headers_length, _MAX_HEADERS)
            payload_length = total - headers_length - 16
            if payload_length > _MAX_PAYLOAD:
                raise InvalidPayloadLength(payload_length, _MAX_PAYLOAD)
            if len(buffer) < total:
                return
            message = bytes(buffer[:total])
            del buffer[:total]
            (message_crc,) = struct.unpack_from(">I", message, total - 4)
            computed = crc32(message[8 : total - 4], prelude_crc)
            if computed != message_crc:
                raise ChecksumMismatch(message_crc, computed)
            headers = decode_headers(message[12 : 12 + headers_length])
            yield EventMessage(headers, message[12 + headers_length : total - 4])


def iter_chunks(raw: Any) -> Iterator[bytes]:
    """Read a transport body lazily: bytes, ``.stream()`` (urllib3), ``.read(n)`` or an iterable."""
    if isinstance(raw, (bytes, bytearray, memoryview)):
        yield bytes(raw)
        return
    stream = getattr(raw, "stream", None)
    if callable(stream):
        yield from stream()
        return
    read = getattr(raw, "read", None)
    if not callable(read):
        yield from raw
        return
    chunk = read(_CHUNK)
    while chunk:
        yield chunk
        chunk = read(_CHUNK)


ParseMessage = Callable[[EventMessage], dict[str, Any]]


def initial_response(first: EventMessage | None) -> EventMessage:
    """``first`` (a stream's first message, ``None`` if it had none) when it is the
    ``initial-response`` event; otherwise :class:`NoInitialResponseError`."""
    if first is None or first.headers.get(":event-type") != "initial-response":
        raise NoInitialResponseError()
    return first


class EventStream:
    """Iterable of parsed events read lazily from the raw response body (botocore's EventStream)."""

    def __init__(self, raw_stream: Any, parse_message: ParseMessage, operation_name: str) -> None:
        self._raw_stream = raw_stream
        self._parse_message = parse_message
        self._operation_name = operation_name
        self._messages = self._raw_messages()

    def _raw_messages(self) -> Iterator[EventMessage]:
        decoder = EventStreamDecoder()
        for chunk in iter_chunks(self._raw_stream):
            decoder.feed(chunk)
            yield from decoder

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for message in self._messages:
            parsed = self._parse_message(message)
            if message.status_code != 200:
                raise EventStreamError(parsed, self._operation_name)
            if parsed:
                yield parsed

    def get_initial_response(self) -> EventMessage:
        """Consume the first message, which must be the ``initial-response`` event."""
        return initial_response(next(self._messages, None))

    def close(self) -> None:
        close = getattr(self._raw_stream, "close", None)
        if callable(close):
            close()

    def __repr__(self) -> str:
        return f"<EventStream operation={self._operation_name!r}>"
