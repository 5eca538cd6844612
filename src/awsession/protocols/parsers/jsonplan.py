"""Compile shapes into parse functions over decoded JSON (or CBOR) values.

Three flavours, mirroring botocore 1.43's parser classes:

* ``json`` (awsJson 1.0/1.1, and every JSON event-stream payload): scalars are returned exactly as
  decoded (no coercion), blobs are base64-decoded, timestamps go through the timestamp function.
* ``rest-json``: as ``json`` but booleans, integers and floats are coerced (``"NaN"`` -> ``nan``).
* ``cbor`` (smithy-rpc-v2-cbor): structure keys are member names (never ``locationName``), every
  scalar, blob and map is returned as decoded (tag-1 timestamps were converted by the decoder).

A function of ``None`` means "identity": structures then copy the raw value without a call, which is
most members of most responses. Structures check tagged unions as botocore does; ``null`` values
are skipped in structures and kept as ``None`` in lists and maps.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

from ..refs import build_tied, forward_call
from .envelope import TimestampParser
from .errors import ResponseParserError
from .traits import member_refs, resolve

__all__ = ["FLAVOURS", "JsonPlanner", "ValueParser"]

ValueParser = Callable[[Any], Any]
FLAVOURS = ("json", "rest-json", "cbor")


def _ensure_boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return value.lower() == "true"
    return False


class JsonPlanner:
    """Builds and memoizes value parsers for one service, flavour and timestamp function."""

    def __init__(self, shapes: dict[str, dict[str, Any]], timestamp: TimestampParser, flavour: str) -> None:
        self._shapes = shapes
        self._flavour = flavour
        self._structures: dict[str, ValueParser] = {}
        b64decode = base64.b64decode
        table: dict[str, ValueParser | None] = {}
        if flavour != "cbor":
            table["blob"] = b64decode
            table["timestamp"] = timestamp
        if flavour == "rest-json":
            table.update(
                boolean=_ensure_boolean, integer=int, long=int, byte=int, short=int, float=float, double=float
            )
        self._scalars = table

    def ref(self, ref: dict[str, Any]) -> ValueParser | None:
        """The parser for a member ref, or ``None`` when values pass through unchanged."""
        shape = resolve(self._shapes, ref)
        kind = shape["type"]
        if kind == "structure":
            if shape.get("document"):
                return None
            return self.structure(ref["shape"])
        if kind == "list":
            return self._list(shape)
        if kind == "map":
            return self._map(shape)
        return self._scalars.get(kind)

    def structure(self, name: str) -> ValueParser:
        found = self._structures.get(name)
        if found is not None:
            return found
        return build_tied(self._structures, name, lambda: self._build_structure(name), forward_call)

    def _list(self, shape: dict[str, Any]) -> ValueParser | None:
        item = self.ref(shape["member"])
        if item is None:
            return None

        def parse_list(value: Any) -> list[Any]:
            return [None if entry is None else item(entry) for entry in value]

        return parse_list

    def _map(self, shape: dict[str, Any]) -> ValueParser | None:
        if self._flavour == "cbor":
            return None
        parse_key = self.ref(shape["key"])
        parse_value = self.ref(shape["value"])
        if parse_key is None and parse_value is None:
            return None
        key_fn: ValueParser = parse_key or _identity
        value_fn: ValueParser = parse_value or _identity

        def parse_map(value: Any) -> dict[Any, Any]:
            return {key_fn(k): (None if v is None else value_fn(v)) for k, v in value.items()}

        return parse_map

    def _build_structure(self, name: str) -> ValueParser:
        shapes = self._shapes
        shape = shapes[name]
        cbor = self._flavour == "cbor"
        entries: list[tuple[str, str, ValueParser | None]] = []
        serialized: set[str] = set()
        for member_name, member_ref in member_refs(shape).items():
            member = resolve(shapes, member_ref)
            key = member_name if cbor else str(member.get("locationName", member_name))
            serialized.add(str(member.get("locationName", member_name)))
            entries.append((member_name, key, self.ref(member_ref)))
        frozen = tuple(entries)
        union = bool(shape.get("union"))
        # Sparse values (a DynamoDB AttributeValue sets 1 of its 10 members) are parsed by walking
        # the value's own keys; results keep the shape's member order either way.
        by_key = {key: (index, member_name, parse) for index, (member_name, key, parse) in enumerate(frozen)}
        sparse_below = len(frozen) // 3 if len(by_key) == len(frozen) else 0

        def parse_structure(value: Any) -> Any:
            if value is None:
                return None
            if union:
                unknown = _check_union(name, value, serialized, report_unknown=not cbor)
                if unknown is not None:
                    return unknown
            size = len(value)
            if size == 1 and sparse_below:
                for key, raw in value.items():
                    found = by_key.get(key)
                    if found is None or raw is None:
                        return {}
                    _, member_name, parse = found
                    return {member_name: raw if parse is None else parse(raw)}
            if size < sparse_below:
                hits = []
                for key, raw in value.items():
                    found = by_key.get(key)
                    if found is not None and raw is not None:
                        hits.append((found, raw))
                if len(hits) > 1:
                    hits.sort(key=_member_index)
                return {
                    member_name: raw if parse is None else parse(raw) for (_, member_name, parse), raw in hits
                }
            get = value.get
            parsed: dict[str, Any] = {}
            for member_name, key, parse in frozen:
                raw = get(key)
                if raw is not None:
                    parsed[member_name] = raw if parse is None else parse(raw)
            return parsed

        return parse_structure


def _member_index(hit: tuple[tuple[int, str, ValueParser | None], Any]) -> int:
    return hit[0][0]


def _identity(value: Any) -> Any:
    return value


def _check_union(name: str, value: dict[str, Any], serialized: set[str], *, report_unknown: bool) -> Any:
    set_members = [key for key, item in value.items() if key != "__type" and item is not None]
    if len(set_members) != 1:
        raise ResponseParserError(f"Invalid service response: {name} must have one and only one member set.")
    tag = set_members[0]
    if report_unknown and tag not in serialized:
        return {"SDK_UNKNOWN_MEMBER": {"name": tag}}
    return None
