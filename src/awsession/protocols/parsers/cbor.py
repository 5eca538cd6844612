"""A small, strict CBOR (RFC 8949) decoder for smithy-rpc-v2-cbor response bodies.

Rules:

1. Supported: unsigned/negative integers (up to 64-bit arguments), definite and indefinite byte
   and text strings, arrays and maps, tags, ``false``/``true``/``null``/``undefined`` and half,
   single and double floats. Map entries whose value is ``null`` are dropped (botocore does so).
2. Tag 1 (epoch seconds) goes through the ``timestamp`` function when one is given. Any other tag
   is an error unless ``keep_tags`` asks for :class:`CborTag` values (used by the decoder tests).
3. Every malformed input raises :class:`ResponseParserError`: truncated arguments or payloads,
   reserved additional-info values (28-30), indefinite lengths where not allowed, a missing break
   marker, nested indefinite or wrongly typed chunks in an indefinite string.
4. Decoding is a plain recursive walk over ``bytes`` with an integer offset: no streams, no copies
   except for the strings themselves.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from typing import Any

from ..._core.frozen import FrozenValue
from .errors import ResponseParserError

__all__ = ["CborTag", "decode", "load_cbor"]

_BREAK = 0xFF
_SIMPLE: dict[int, Any] = {20: False, 21: True, 22: None, 23: None}
_FLOATS: dict[int, tuple[struct.Struct, int]] = {
    25: (struct.Struct(">e"), 2),
    26: (struct.Struct(">f"), 4),
    27: (struct.Struct(">d"), 8),
}
_ARG_SIZES = {24: 1, 25: 2, 26: 4, 27: 8}


class CborTag(FrozenValue):
    """A tagged data item kept as is (only with ``keep_tags=True``)."""

    __slots__ = ("tag", "value")
    _fields = ("tag", "value")
    tag: int
    value: Any

    def __init__(self, tag: int, value: Any) -> None:
        _set = object.__setattr__
        _set(self, "tag", tag)
        _set(self, "value", value)


def decode(data: bytes, *, timestamp: Callable[[Any], Any] | None = None, keep_tags: bool = False) -> Any:
    """Decode the first data item of ``data``."""
    decoder = _Decoder(bytes(data), timestamp, keep_tags)
    value, _ = decoder.item(0)
    return value


def load_cbor(body: Any, timestamp: Callable[[Any], Any]) -> Any:
    """A response body as CBOR: empty -> ``{}``; tag-1 timestamps go through ``timestamp``."""
    if not body:
        return {}
    return decode(bytes(body), timestamp=timestamp)


class _Decoder:
    __slots__ = ("data", "keep_tags", "timestamp")

    def __init__(self, data: bytes, timestamp: Callable[[Any], Any] | None, keep_tags: bool) -> None:
        self.data = data
        self.timestamp = timestamp
        self.keep_tags = keep_tags

    def _head(self, pos: int) -> tuple[int, int, int]:
        data = self.data
        if pos >= len(data):
            raise ResponseParserError("Malformed CBOR: unexpected end of payload")
        initial = data[pos]
        return initial >> 5, initial & 0x1F, pos + 1

    def _argument(self, info: int, pos: int, major: int) -> tuple[int, int]:
        if info < 24:
            return info, pos
        size = _ARG_SIZES.get(info)
        if size is None:
            raise ResponseParserError(f"Malformed CBOR: unexpected minor value {info} for major type {major}")
        end = pos + size
        if end > len(self.data):
            raise ResponseParserError(
                f"Malformed CBOR: argument length {size} greater than remaining buffer length"
            )
        return int.from_bytes(self.data[pos:end], "big"), end

    def _slice(self, length: int, pos: int) -> tuple[bytes, int]:
        end = pos + length
        if end > len(self.data):
            raise ResponseParserError(f"Malformed CBOR: slice length {length} greater than remaining buffer")
        return self.data[pos:end], end

    def _is_break(self, pos: int) -> bool:
        if pos >= len(self.data):
            raise ResponseParserError("Malformed CBOR: expected break marker")
        return self.data[pos] == _BREAK

    def item(self, pos: int) -> tuple[Any, int]:
        major, info, pos = self._head(pos)
        if major == 0:
            return self._argument(info, pos, major)
        if major == 1:
            value, pos = self._argument(info, pos, major)
            return -1 - value, pos
        if major == 2 or major == 3:
            raw, pos = self._string(major, info, pos)
            if major == 3:
                try:
                    return raw.decode("utf-8"), pos
                except UnicodeDecodeError as exc:
                    raise ResponseParserError(f"Malformed CBOR: invalid UTF-8 text ({exc})") from None
            return raw, pos
        if major == 4:
            return self._array(info, pos)
        if major == 5:
            return self._map(info, pos)
        if major == 6:
            return self._tag(info, pos)
        return self._simple(info, pos)

    def _string(self, major: int, info: int, pos: int) -> tuple[bytes, int]:
        if info != 31:
            length, pos = self._argument(info, pos, major)
            return self._slice(length, pos)
        chunks: list[bytes] = []
        while not self._is_break(pos):
            chunk_major, chunk_info, pos = self._head(pos)
            if chunk_major != major:
                raise ResponseParserError(
                    f"Malformed CBOR: unexpected major type {chunk_major} in indefinite string"
                )
            if chunk_info == 31:
                raise ResponseParserError("Malformed CBOR: nested indefinite string")
            length, pos = self._argument(chunk_info, pos, chunk_major)
            chunk, pos = self._slice(length, pos)
            chunks.append(chunk)
        return b"".join(chunks), pos + 1

    def _array(self, info: int, pos: int) -> tuple[list[Any], int]:
        items: list[Any] = []
        if info != 31:
            length, pos = self._argument(info, pos, 4)
            for _ in range(length):
                value, pos = self.item(pos)
                items.append(value)
            return items, pos
        while not self._is_break(pos):
            value, pos = self.item(pos)
            items.append(value)
        return items, pos + 1

    def _map(self, info: int, pos: int) -> tuple[dict[Any, Any], int]:
        result: dict[Any, Any] = {}
        if info != 31:
            length, pos = self._argument(info, pos, 5)
            for _ in range(length):
                key, pos = self.item(pos)
                value, pos = self.item(pos)
                if value is not None:
                    result[key] = value
            return result, pos
        while not self._is_break(pos):
            key, pos = self.item(pos)
            value, pos = self.item(pos)
            if value is not None:
                result[key] = value
        return result, pos + 1

    def _tag(self, info: int, pos: int) -> tuple[Any, int]:
        tag, pos = self._argument(info, pos, 6)
        value, pos = self.item(pos)
        if tag == 1 and self.timestamp is not None:
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return self.timestamp(value), pos
            raise ResponseParserError(f"Unable to parse datetime value: {value}")
        if self.keep_tags:
            return CborTag(tag, value), pos
        raise ResponseParserError(f"Found CBOR tag not supported by botocore: {tag}")

    def _simple(self, info: int, pos: int) -> tuple[Any, int]:
        if info in _SIMPLE:
            return _SIMPLE[info], pos
        found = _FLOATS.get(info)
        if found is None:
            raise ResponseParserError(
                f"Invalid additional info found for major type 7: {info}. This indicates an unsupported "
                "simple type or an indefinite float value"
            )
        unpacker, size = found
        raw, pos = self._slice(size, pos)
        return unpacker.unpack(raw)[0], pos
