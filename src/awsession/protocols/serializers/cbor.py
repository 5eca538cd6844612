"""A small CBOR (RFC 8949) writer: the primitives the rpcv2Cbor serializer is built from.

Rules:

* Every item is definite-length; heads use the shortest argument form (0-23 inline, then 1, 2, 4 or 8
  bytes), as botocore writes them.
* Integers below zero use major type 1 (``-1 - n``). Integers outside 64 bits are rejected.
* Floats are written at the width the caller asks for (``float`` shapes 32-bit, ``double`` 64-bit);
  NaN and the infinities are always the canonical half-precision forms ``f97e00``/``f97c00``/``f9fc00``.
* :func:`write_value` encodes plain Python data (documents, or when no shape is known): ``dict``,
  ``list``/``tuple``, ``str``, ``bytes``, ``bool``, ``int``, ``float`` (64-bit) and ``None``.

Writers append to a ``bytearray`` and return nothing.
"""

from __future__ import annotations

import math
import struct
from typing import Any

__all__ = [
    "write_bool",
    "write_bytes",
    "write_double",
    "write_float",
    "write_head",
    "write_int",
    "write_null",
    "write_tag",
    "write_text",
    "write_value",
]

_F32 = struct.Struct(">Bf").pack
_F64 = struct.Struct(">Bd").pack
_NAN = b"\xf9\x7e\x00"
_POS_INF = b"\xf9\x7c\x00"
_NEG_INF = b"\xf9\xfc\x00"
# Heads for the small arguments of each major type, precomputed.
_SMALL = tuple(tuple(bytes(((major << 5) | n,)) for n in range(24)) for major in range(8))


def write_head(out: bytearray, major: int, argument: int) -> None:
    """The initial byte and argument of an item of ``major`` type."""
    if argument < 24:
        out += _SMALL[major][argument]
    elif argument < 0x100:
        out += bytes(((major << 5) | 24, argument))
    elif argument < 0x10000:
        out.append((major << 5) | 25)
        out += argument.to_bytes(2, "big")
    elif argument < 0x100000000:
        out.append((major << 5) | 26)
        out += argument.to_bytes(4, "big")
    elif argument < 0x10000000000000000:
        out.append((major << 5) | 27)
        out += argument.to_bytes(8, "big")
    else:
        raise ValueError(f"Integer too large for CBOR: {argument}")


def write_int(out: bytearray, value: int) -> None:
    if value >= 0:
        write_head(out, 0, value)
    else:
        write_head(out, 1, -1 - value)


def write_text(out: bytearray, value: str) -> None:
    data = value.encode("utf-8")
    write_head(out, 3, len(data))
    out += data


def write_bytes(out: bytearray, value: bytes | bytearray | memoryview) -> None:
    write_head(out, 2, len(value))
    out += value


def write_bool(out: bytearray, value: bool) -> None:
    out.append(0xF5 if value else 0xF4)


def write_null(out: bytearray) -> None:
    out.append(0xF6)


def write_tag(out: bytearray, tag: int) -> None:
    write_head(out, 6, tag)


def _write_special(out: bytearray, value: float) -> bool:
    if math.isfinite(value):
        return False
    out += _NAN if math.isnan(value) else (_POS_INF if value > 0 else _NEG_INF)
    return True


def write_float(out: bytearray, value: float) -> None:
    """A 32-bit float (``float`` shapes)."""
    value = float(value)
    if not _write_special(out, value):
        out += _F32(0xFA, value)


def write_double(out: bytearray, value: float) -> None:
    """A 64-bit float (``double`` shapes)."""
    value = float(value)
    if not _write_special(out, value):
        out += _F64(0xFB, value)


def write_value(out: bytearray, value: Any) -> None:
    """Plain Python data, no shape needed."""
    if value is None:
        out.append(0xF6)
    elif value is True or value is False:
        write_bool(out, value)
    elif isinstance(value, str):
        write_text(out, value)
    elif isinstance(value, int):
        write_int(out, value)
    elif isinstance(value, float):
        write_double(out, value)
    elif isinstance(value, (bytes, bytearray, memoryview)):
        write_bytes(out, value)
    elif isinstance(value, dict):
        write_head(out, 5, len(value))
        for key, item in value.items():
            write_value(out, key)
            write_value(out, item)
    elif isinstance(value, (list, tuple)):
        write_head(out, 4, len(value))
        for item in value:
            write_value(out, item)
    else:
        raise TypeError(f"Cannot encode {type(value).__name__} as CBOR")
