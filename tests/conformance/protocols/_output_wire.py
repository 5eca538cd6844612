"""Random valid outputs for a shape, and their wire forms (XML, JSON, CBOR, headers), for the
parser differential test. Deterministic for a given ``random.Random``.
"""

from __future__ import annotations

import base64
import json
import random
import struct
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from typing import Any
from xml.sax.saxutils import escape

_WORDS = ["alpha", "beta", "gamma", "delta", "x y", "a&b", "<tag>", "caf\u00e9", "1234", "z"]
_EPOCH = datetime(2001, 1, 1, tzinfo=timezone.utc)


def resolve(shapes: dict[str, Any], ref: dict[str, Any]) -> dict[str, Any]:
    merged = dict(shapes[ref["shape"]])
    merged.update({k: v for k, v in ref.items() if k != "shape"})
    return merged


class Generator:
    """Makes a random value for a shape ref: plain Python values, timestamps as aware datetimes."""

    def __init__(self, shapes: dict[str, Any], rng: random.Random, *, rest: bool) -> None:
        self.shapes = shapes
        self.rng = rng
        self.rest = rest

    def value(self, ref: dict[str, Any], depth: int = 0) -> Any:
        shape = resolve(self.shapes, ref)
        kind = shape["type"]
        rng = self.rng
        if kind == "structure":
            if shape.get("document"):
                return {"k": rng.choice(_WORDS), "n": rng.randint(0, 9), "l": [True, None]}
            return self.structure(shape, depth)
        if kind == "list":
            return [self.value(shape["member"], depth + 1) for _ in range(rng.randint(1, 3))]
        if kind == "map":
            return {
                f"k{i}{rng.choice('abc')}": self.value(shape["value"], depth + 1)
                for i in range(rng.randint(1, 3))
            }
        if kind == "string":
            return rng.choice(shape["enum"]) if shape.get("enum") else rng.choice(_WORDS)
        if kind in ("integer", "long", "short", "byte"):
            return rng.randint(-5, 10**6)
        if kind in ("float", "double"):
            return round(rng.uniform(-1000, 1000), 3)
        if kind == "boolean":
            return rng.random() < 0.5
        if kind == "blob":
            return bytes(rng.randrange(32, 127) for _ in range(rng.randint(1, 12)))
        if kind == "timestamp":
            return _EPOCH + timedelta(seconds=rng.randint(0, 700_000_000), milliseconds=rng.randint(0, 999))
        raise AssertionError(kind)

    def structure(self, shape: dict[str, Any], depth: int, *, top: bool = False) -> dict[str, Any]:
        members = shape.get("members", {})
        names = list(members)
        if shape.get("union"):
            names = [self.rng.choice(names)] if names else []
        out: dict[str, Any] = {}
        for name in names:
            member = resolve(self.shapes, members[name])
            if member.get("eventstream") or member.get("streaming") or member.get("xmlAttribute"):
                continue
            location = member.get("location")
            if location == "statusCode" or (location and not (top and self.rest)):
                continue
            if location == "headers":
                out[name] = {f"m{i}": self.rng.choice(_WORDS[:4]) for i in range(self.rng.randint(1, 2))}
                continue
            if location == "header" and member["type"] in ("structure", "map"):
                continue
            if location == "header" and member["type"] == "list":
                item_type = resolve(self.shapes, member["member"])["type"]
                if item_type not in ("string", "integer", "long", "boolean"):
                    continue
                out[name] = [self.value({"shape": member["member"]["shape"]}) for _ in range(2)]
                if item_type == "string":
                    out[name] = [self.rng.choice(["a", "b c", "d"]) for _ in range(2)]
                continue
            if member.get("jsonvalue"):
                out[name] = {"k": self.rng.choice(_WORDS)}
                continue
            if depth > 3 and member["type"] in ("structure", "list", "map"):
                continue
            if not shape.get("union") and self.rng.random() < 0.25:
                continue
            out[name] = self.value(members[name], depth + 1)
        return out


def iso(value: datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def epoch(value: datetime) -> float:
    return round(value.timestamp(), 3)


# -- XML ---------------------------------------------------------------------------------------
def xml_member_name(shapes: dict[str, Any], name: str, member: dict[str, Any]) -> str:
    if member["type"] == "list" and member.get("flattened"):
        inner = member["member"].get("locationName")
        if inner:
            return str(inner)
    return str(member.get("locationName", name))


def xml_value(shapes: dict[str, Any], ref: dict[str, Any], value: Any) -> str:
    """The inner XML of an element holding ``value``."""
    shape = resolve(shapes, ref)
    kind = shape["type"]
    if kind == "structure":
        return xml_members(shapes, shape, value)
    if kind == "list":
        child = shape["member"].get("locationName", "member")
        return "".join(f"<{child}>{xml_value(shapes, shape['member'], v)}</{child}>" for v in value)
    if kind == "map":
        return "".join(_xml_entry(shapes, shape, k, v, "entry") for k, v in value.items())
    return escape(scalar_text(kind, value))


def _xml_entry(shapes: dict[str, Any], shape: dict[str, Any], key: Any, value: Any, tag: str) -> str:
    key_name = shape["key"].get("locationName", "key")
    value_name = shape["value"].get("locationName", "value")
    return (
        f"<{tag}><{key_name}>{escape(str(key))}</{key_name}>"
        f"<{value_name}>{xml_value(shapes, shape['value'], value)}</{value_name}></{tag}>"
    )


def xml_members(shapes: dict[str, Any], shape: dict[str, Any], value: dict[str, Any]) -> str:
    parts = []
    for name, item in value.items():
        ref = shape["members"][name]
        member = resolve(shapes, ref)
        if member.get("location"):
            continue
        tag = xml_member_name(shapes, name, member)
        if member["type"] == "list" and member.get("flattened"):
            parts.extend(f"<{tag}>{xml_value(shapes, member['member'], v)}</{tag}>" for v in item)
        elif member["type"] == "map" and member.get("flattened"):
            parts.extend(_xml_entry(shapes, member, k, v, tag) for k, v in item.items())
        else:
            parts.append(f"<{tag}>{xml_value(shapes, ref, item)}</{tag}>")
    return "".join(parts)


def scalar_text(kind: str, value: Any) -> str:
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "blob":
        return base64.b64encode(value).decode()
    if kind == "timestamp":
        return iso(value)
    return str(value)


def header_text(shapes: dict[str, Any], member: dict[str, Any], value: Any) -> str:
    kind = member["type"]
    if member.get("jsonvalue"):
        return base64.b64encode(json.dumps(value).encode()).decode()
    if kind == "list":
        item_kind = resolve(shapes, member["member"])["type"]
        return ", ".join(scalar_text(item_kind, v) for v in value)
    if kind == "timestamp":
        return format_datetime(value.replace(microsecond=0), usegmt=True)
    return scalar_text(kind, value)


# -- JSON --------------------------------------------------------------------------------------
def json_value(shapes: dict[str, Any], ref: dict[str, Any], value: Any) -> Any:
    shape = resolve(shapes, ref)
    kind = shape["type"]
    if kind == "structure":
        if shape.get("document"):
            return value
        out = {}
        for name, item in value.items():
            member = resolve(shapes, shape["members"][name])
            if member.get("location"):
                continue
            out[member.get("locationName", name)] = json_value(shapes, shape["members"][name], item)
        return out
    if kind == "list":
        return [json_value(shapes, shape["member"], v) for v in value]
    if kind == "map":
        return {k: json_value(shapes, shape["value"], v) for k, v in value.items()}
    if kind == "blob":
        return base64.b64encode(value).decode()
    if kind == "timestamp":
        return epoch(value)
    return value


# -- CBOR --------------------------------------------------------------------------------------
def _head(major: int, length: int) -> bytes:
    if length < 24:
        return bytes([major << 5 | length])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if length < 1 << (8 * size):
            return bytes([major << 5 | info]) + length.to_bytes(size, "big")
    raise ValueError(length)


def cbor_encode(value: Any) -> bytes:
    if value is None:
        return b"\xf6"
    if value is True:
        return b"\xf5"
    if value is False:
        return b"\xf4"
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, float):
        return b"\xfb" + struct.pack(">d", value)
    if isinstance(value, datetime):
        return b"\xc1" + cbor_encode(epoch(value))
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode()
        return _head(3, len(raw)) + raw
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(cbor_encode(v) for v in value)
    if isinstance(value, dict):
        return _head(5, len(value)) + b"".join(cbor_encode(k) + cbor_encode(v) for k, v in value.items())
    raise TypeError(type(value))
