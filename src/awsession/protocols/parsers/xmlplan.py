"""Compile XML shapes (query, ec2, rest-xml bodies) into parse functions over ``etree`` elements.

Theory of operation: for each structure we precompute, once per service, the element name of each
member (``locationName``, or for a flattened list its member's ``locationName``), which members are
flattened (their elements are gathered into a list) and a parse function per member, indexed by
element name. Parsing an element is then one pass over its children, each dispatched through that
index; text, integer, boolean and timestamp members are read inline, without a call. Keys come out
in model order, as botocore's do: each index entry carries its member's position, and only a
structure whose children arrived out of that order (AWS's STS writes ``Arn`` before ``UserId``) is
rebuilt in model order afterwards. A repeated element overwrites the earlier one. Unknown
elements are ignored. The rare structure where two members share an element name takes the
general form: children by name, then members in model order.

Rules mirrored from botocore 1.43: empty elements give ``""``; booleans are ``text == "true"``;
blobs are base64-decoded bytes; exception structures start at ``ErrorResponse/Error`` (or, for ec2,
``Errors/Error``); ``xmlAttribute`` members are read from attributes only when no child element
matches; a map entry with an element other than its key/value names is an error; a tagged union
with an unknown member gives ``{"SDK_UNKNOWN_MEMBER": {"name": tag}}``.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

from ..refs import build_tied, forward_call
from .envelope import TimestampParser
from .errors import ResponseParserError
from .traits import member_refs, resolve
from .xmldoc import Element

__all__ = ["NodeParser", "XmlPlanner", "member_xml_name"]

NodeParser = Callable[[Any], Any]
SKIPPED_LOCATIONS = frozenset({"header", "headers", "statusCode"})
_INDEX_LIMIT = 512
# What the structure loop does with a child element (its ``kind``).
_TEXT, _CALL, _TIMESTAMP, _INT, _BOOL, _GATHER, _SKIP = range(7)
# An unknown element's position is "after everything": the next known member then counts as out of
# order, which costs a rebuild but never a wrong order.
_SKIP_ENTRY: tuple[str, NodeParser, int, int] = ("", lambda node: None, _SKIP, 1 << 30)


def member_xml_name(name: str, member: dict[str, Any], shapes: dict[str, dict[str, Any]]) -> str:
    if member.get("type") == "list" and member.get("flattened"):
        inner = member["member"]
        inner_name = inner.get("locationName") or shapes[inner["shape"]].get("locationName")
        if inner_name is not None:
            return str(inner_name)
    location_name = member.get("locationName")
    return str(location_name) if location_name is not None else name


def _tag(element: Element) -> str:
    tag = element.tag
    return tag.rpartition("}")[2] if tag[:1] == "{" else tag


def _error_root(root: Element) -> Element:
    if _tag(root) == "ErrorResponse":
        for child in root:
            if _tag(child) == "Error":
                return child
    return root


def _ec2_error_root(root: Element) -> Element:
    for child in root:
        if _tag(child) == "Errors":
            for inner in child:
                if _tag(inner) == "Error":
                    return inner
    return root


class XmlPlanner:
    """Builds and memoizes element parsers for one service and one timestamp function."""

    def __init__(self, shapes: dict[str, dict[str, Any]], timestamp: TimestampParser, *, ec2: bool) -> None:
        self._shapes = shapes
        self._timestamp = timestamp
        self._error_root = _ec2_error_root if ec2 else _error_root
        self._structures: dict[str, NodeParser] = {}
        self._scalars: dict[str, NodeParser] = self._scalar_table()
        # Scalar parsers the structure loop inlines, by the ``kind`` it switches on.
        self._kinds: dict[NodeParser, int] = {
            _text: _TEXT,
            parse_int: _INT,
            parse_bool: _BOOL,
            self._scalars["timestamp"]: _TIMESTAMP,
        }

    # -- public ---------------------------------------------------------------------------------
    def ref(self, ref: dict[str, Any]) -> NodeParser:
        shape = resolve(self._shapes, ref)
        kind = shape["type"]
        if kind == "structure":
            return self.structure(ref["shape"])
        if kind == "list":
            return self._list(shape)
        if kind == "map":
            return self._map(shape)
        return self._scalars.get(kind, _text)

    def structure(self, name: str) -> NodeParser:
        found = self._structures.get(name)
        if found is not None:
            return found
        return build_tied(self._structures, name, lambda: self._build_structure(name), forward_call)

    # -- builders -------------------------------------------------------------------------------
    def _scalar_table(self) -> dict[str, NodeParser]:
        timestamp = self._timestamp
        b64decode = base64.b64decode

        def parse_float(node: Element) -> float:
            return float(node.text or "")

        def parse_blob(node: Element) -> bytes:
            return b64decode(node.text or "")

        def parse_timestamp(node: Element) -> Any:
            return timestamp(node.text or "")

        return {
            "string": _text,
            "character": _text,
            "boolean": parse_bool,
            "integer": parse_int,
            "long": parse_int,
            "byte": parse_int,
            "short": parse_int,
            "float": parse_float,
            "double": parse_float,
            "blob": parse_blob,
            "timestamp": parse_timestamp,
        }

    def _list(self, shape: dict[str, Any]) -> NodeParser:
        item = self.ref(shape["member"])
        if item is _text:

            def parse_text_list(node: Any) -> list[Any]:
                return [child.text or "" for child in node]

            return parse_text_list

        def parse_list(node: Any) -> list[Any]:
            return list(map(item, node))

        return parse_list

    def _map(self, shape: dict[str, Any]) -> NodeParser:
        shapes = self._shapes
        key_ref, value_ref = shape["key"], shape["value"]
        key_name = resolve(shapes, key_ref).get("locationName") or "key"
        value_name = resolve(shapes, value_ref).get("locationName") or "value"
        parse_key, parse_value = self.ref(key_ref), self.ref(value_ref)

        def parse_map(node: Any) -> dict[Any, Any]:
            parsed: dict[Any, Any] = {}
            key: Any = None
            value: Any = None
            for entry in node:
                for pair in entry:
                    tag = _tag(pair)
                    if tag == key_name:
                        key = parse_key(pair)
                    elif tag == value_name:
                        value = parse_value(pair)
                    else:
                        raise ResponseParserError(f"Unknown tag: {tag}")
                parsed[key] = value
            return parsed

        return parse_map

    def _build_structure(self, name: str) -> NodeParser:
        shapes = self._shapes
        shape = shapes[name]
        entries: list[tuple[str, str, NodeParser]] = []
        flattened: set[str] = set()
        attributes: list[tuple[str, str, str]] = []
        serialized_names: set[str] = set()
        for member_name, member_ref in member_refs(shape).items():
            member = resolve(shapes, member_ref)
            serialized_names.add(member.get("locationName", member_name))
            if member.get("location") in SKIPPED_LOCATIONS or member.get("eventheader"):
                continue
            tag = member_xml_name(member_name, member, shapes)
            entries.append((member_name, tag, self.ref(member_ref)))
            if member.get("flattened") and member.get("type") in ("list", "map"):
                flattened.add(tag)
            if member.get("xmlAttribute"):
                location_name = str(member["locationName"])
                attributes.append((member_name, location_name, location_name.split(":")[0] + ":"))
        exception = bool(shape.get("exception"))
        error_root = self._error_root
        union = bool(shape.get("union"))
        tags = [tag for _, tag, _ in entries]
        if len(set(tags)) != len(tags):
            return self._structure_by_members(
                name, entries, flattened, attributes, serialized_names, exception
            )
        # tag -> (member name, parser, kind, model position); kinds are listed at the top.
        index: dict[str, tuple[str, NodeParser, int, int]] = {}
        gathered: list[tuple[str, NodeParser]] = []
        for position, (member_name, tag, parse) in enumerate(entries):
            kind = _GATHER if tag in flattened else self._kinds.get(parse, _CALL)
            index[tag] = (member_name, parse, kind, position)
            if kind == _GATHER:
                gathered.append((member_name, parse))
        order = tuple(member_name for member_name, _, _ in entries)
        timestamp = self._timestamp

        def lookup(tag: str) -> tuple[str, NodeParser, int, int]:
            entry = index.get(tag.rpartition("}")[2], _SKIP_ENTRY) if tag[:1] == "{" else _SKIP_ENTRY
            if len(index) < _INDEX_LIMIT:
                index[tag] = entry
            return entry

        def parse_plain(node: Any) -> dict[str, Any]:
            parsed: dict[str, Any] = {}
            gather = unordered = False
            last = -1
            for child in node:
                try:
                    member_name, parse, kind, position = index[child.tag]
                except KeyError:
                    member_name, parse, kind, position = lookup(child.tag)
                if position < last:
                    unordered = True
                last = position
                if kind == _TEXT:
                    parsed[member_name] = child.text or ""
                elif kind == _CALL:
                    parsed[member_name] = parse(child)
                elif kind == _TIMESTAMP:
                    parsed[member_name] = timestamp(child.text or "")
                elif kind == _INT:
                    parsed[member_name] = int(child.text or "")
                elif kind == _BOOL:
                    parsed[member_name] = child.text == "true"
                elif kind == _GATHER:
                    gather = True
                    parsed.setdefault(member_name, []).append(child)
            if gather:
                for member_name, parse in gathered:
                    found = parsed.get(member_name)
                    if found is not None:
                        parsed[member_name] = parse(found)
            if unordered:
                return {name: parsed[name] for name in order if name in parsed}
            return parsed

        if not (exception or union or attributes):
            return parse_plain

        def parse_structure(node: Any) -> Any:
            if exception:
                node = error_root(node)
            if union:
                unknown = _unknown_union_member(name, node, serialized_names)
                if unknown is not None:
                    return unknown
            parsed = parse_plain(node)
            if attributes:
                count = len(parsed)
                _read_attributes(node, attributes, parsed)
                if len(parsed) != count:  # attribute members take their model places too
                    return {name: parsed[name] for name in order if name in parsed}
            return parsed

        return parse_structure

    def _structure_by_members(
        self,
        name: str,
        entries: list[tuple[str, str, NodeParser]],
        flattened: set[str],
        attributes: list[tuple[str, str, str]],
        serialized_names: set[str],
        exception: bool,
    ) -> NodeParser:
        """The general form, for the rare structure where two members share an element name."""
        error_root = self._error_root
        union = bool(self._shapes[name].get("union"))
        frozen_entries = tuple(entries)
        frozen_flat = frozenset(flattened)

        def parse_structure(node: Any) -> Any:
            if exception:
                node = error_root(node)
            if union:
                unknown = _unknown_union_member(name, node, serialized_names)
                if unknown is not None:
                    return unknown
            children: dict[str, Any] = {}
            for child in node:
                tag = child.tag
                if tag[:1] == "{":
                    tag = tag.rpartition("}")[2]
                if frozen_flat and tag in frozen_flat:
                    children.setdefault(tag, []).append(child)
                else:
                    children[tag] = child
            parsed: dict[str, Any] = {}
            for member_name, tag, parse in frozen_entries:
                child = children.get(tag)
                if child is not None:
                    parsed[member_name] = parse(child)
            if attributes:
                _read_attributes(node, attributes, parsed)
            return parsed

        return parse_structure


def _text(node: Element) -> str:
    return node.text or ""


def parse_bool(node: Element) -> bool:
    return node.text == "true"


def parse_int(node: Element) -> int:
    return int(node.text or "")


def _read_attributes(node: Element, attributes: list[tuple[str, str, str]], parsed: dict[str, Any]) -> None:
    for member_name, location_name, prefix in attributes:
        if member_name in parsed:
            continue
        renamed: dict[str, str] = {}
        for key, value in node.attrib.items():
            if key[:1] == "{":
                key = prefix + key.rpartition("}")[2]
            renamed[key] = value
        if location_name in renamed:
            parsed[member_name] = renamed[location_name]


def _unknown_union_member(name: str, node: Element, serialized_names: set[str]) -> dict[str, Any] | None:
    tags = {_tag(child) for child in node}
    tags.discard("__type")
    if len(tags) != 1:
        raise ResponseParserError(f"Invalid service response: {name} must have one and only one member set.")
    tag = next(iter(tags))
    if tag not in serialized_names:
        return {"SDK_UNKNOWN_MEMBER": {"name": tag}}
    return None
