"""HTTP bindings shared by rest-xml and rest-json responses: headers, header maps, status code.

Theory of operation: per output (or error) structure we precompute the list of members bound to
the HTTP envelope, each with a function from header text to value. Parsing runs them in model order
before the body is read, as botocore does.

Rules mirrored from botocore 1.43: header names are matched case-insensitively (the response's
names are lower-case); list headers split on ``,`` and strip each item; ``jsonvalue`` string
headers are base64 JSON; ``headers`` maps keep the header name after the prefix with the case the
server sent (taken from ``raw_headers`` when the transport gives them) and the raw string values;
booleans are ``== "true"`` for rest-xml and case-insensitive for rest-json.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from typing import Any

from ..._core.http import HttpResponse
from .envelope import TimestampParser
from .traits import member_refs, resolve

__all__ = ["Binding", "compile_bindings", "request_metadata", "run_bindings"]

TextParser = Callable[[str], Any]
# (member name, kind, header name or prefix, text parser)
Binding = tuple[str, str, str, TextParser | None]


def _identity(text: str) -> str:
    return text


def _json_value(text: str) -> Any:
    return json.loads(base64.b64decode(text).decode("utf-8"))


def _xml_bool(text: str) -> bool:
    return text == "true"


def _json_bool(text: str) -> bool:
    return text.lower() == "true"


def _scalar(kind: str, timestamp: TimestampParser, json_flavour: bool) -> TextParser:
    table: dict[str, TextParser] = {
        "boolean": _json_bool if json_flavour else _xml_bool,
        "integer": int,
        "long": int,
        "byte": int,
        "short": int,
        "float": float,
        "double": float,
        "blob": base64.b64decode,
        "timestamp": timestamp,
    }
    return table.get(kind, _identity)


def _header_parser(
    shapes: dict[str, dict[str, Any]], member: dict[str, Any], timestamp: TimestampParser, json_flavour: bool
) -> TextParser:
    kind = member["type"]
    if kind == "string" and member.get("jsonvalue"):
        return _json_value
    if kind == "list":
        item_shape = resolve(shapes, member["member"])
        item = _scalar(item_shape["type"], timestamp, json_flavour)

        def parse_list(text: str) -> list[Any]:
            return [item(part.strip()) for part in text.split(",")]

        return parse_list
    return _scalar(kind, timestamp, json_flavour)


def compile_bindings(
    shapes: dict[str, dict[str, Any]], shape_name: str, timestamp: TimestampParser, *, json_flavour: bool
) -> tuple[Binding, ...]:
    bindings: list[Binding] = []
    for name, ref in member_refs(shapes[shape_name]).items():
        member = resolve(shapes, ref)
        location = member.get("location")
        if location == "header":
            header = str(member.get("locationName", name)).lower()
            bindings.append((name, "header", header, _header_parser(shapes, member, timestamp, json_flavour)))
        elif location == "headers":
            bindings.append((name, "headers", str(member.get("locationName", "")).lower(), None))
        elif location == "statusCode":
            bindings.append((name, "statusCode", "", None))
    return tuple(bindings)


def run_bindings(bindings: tuple[Binding, ...], response: HttpResponse, parsed: dict[str, Any]) -> None:
    headers = response.headers
    for name, kind, key, parse in bindings:
        if kind == "header":
            text = headers.get(key)
            if text is not None and parse is not None:
                parsed[name] = parse(text)
        elif kind == "headers":
            parsed[name] = _prefixed(response, key)
        else:
            parsed[name] = int(response.status_code)


def _prefixed(response: HttpResponse, prefix: str) -> dict[str, str]:
    headers = response.headers
    names = [pair[0] for pair in response.raw_headers] if response.raw_headers else list(headers)
    found: dict[str, str] = {}
    seen: set[str] = set()
    for name in names:
        lower = name.lower()
        if lower in seen or not lower.startswith(prefix):
            continue
        seen.add(lower)
        value = headers.get(lower)
        if value is not None:
            found[name[len(prefix) :]] = value
    return found


def request_metadata(headers: dict[str, str]) -> dict[str, Any]:
    """RequestId (and HostId for S3-style ids) from the response headers, as botocore reads them."""
    metadata: dict[str, Any] = {}
    if "x-amzn-requestid" in headers:
        metadata["RequestId"] = headers["x-amzn-requestid"]
    elif "x-amz-request-id" in headers:
        metadata["RequestId"] = headers["x-amz-request-id"]
        metadata["HostId"] = headers.get("x-amz-id-2", "")
    return metadata
