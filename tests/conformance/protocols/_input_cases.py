"""Loading AWS's protocol input suites and comparing a serialized request with their expectations.

Comparison follows botocore's own runner (conformance README section 2): bodies per protocol (JSON
values, canonical XML, exact form bytes, decoded CBOR), expected headers present with equal values
(with botocore's Content-Type and list-header adjustments), forbidden headers absent, the URI as path
plus encoded query, the method when given, and the host when given.
"""

from __future__ import annotations

import base64
import json
import math
import re
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.etree.ElementTree import canonicalize

from botocore.utils import percent_encode_sequence

from awsession._core.http import SerializedRequest
from awsession.model.shapes import ServiceModel

PLACEHOLDER_TOKEN = "00000000-0000-4000-8000-000000000000"
_SPECIAL_FLOATS = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


@dataclass(frozen=True)
class InputCase:
    file: str  # e.g. "input/json.json" or "legacy/input/query.json"
    protocol_key: str  # the ignore list's key: file basename without .json
    suite: dict[str, Any]
    case: dict[str, Any]
    index: tuple[int, int]

    @property
    def case_id(self) -> str:
        return str(self.case.get("id") or self.suite["description"])

    @property
    def test_id(self) -> str:
        return f"{self.file}:{self.index[0]}:{self.index[1]}:{self.case_id}"


def load_cases(root: Path) -> list[InputCase]:
    found: list[InputCase] = []
    for folder in ("input", "legacy/input"):
        for path in sorted((root / folder).glob("*.json")):
            suites = json.loads(path.read_text(encoding="utf-8"))
            for s_index, suite in enumerate(suites):
                for c_index, case in enumerate(suite["cases"]):
                    found.append(InputCase(f"{folder}/{path.name}", path.stem, suite, case, (s_index, c_index)))
    return found


def skip_reason(item: InputCase, ignore: dict[str, Any]) -> str | None:
    """Why botocore does not run this case, or ``None`` when it must pass."""
    if "params" not in item.case:
        return "legacy case without params: botocore's runner skips it"
    general = ignore.get("general", {}).get("input", {})
    if item.suite["description"] in general.get("suites", []):
        return f"ignore list (general input suites): {item.suite['description']!r}"
    per_protocol = ignore.get("protocols", {}).get(item.protocol_key, {}).get("input", {})
    if item.suite["description"] in per_protocol.get("suites", []):
        return f"ignore list ({item.protocol_key} input suites): {item.suite['description']!r}"
    if item.case.get("id") in per_protocol.get("cases", []):
        return f"ignore list ({item.protocol_key} input cases): {item.case['id']!r}"
    return None


def build_model(item: InputCase) -> ServiceModel:
    raw = {
        "metadata": item.suite["metadata"],
        "shapes": item.suite["shapes"],
        "operations": {item.case["given"]["name"]: item.case["given"]},
    }
    return ServiceModel(raw, "protocoltest")


def prepare_params(item: InputCase, service: ServiceModel) -> dict[str, Any]:
    """The case's params with top-level special floats given as words turned into floats."""
    params = dict(item.case["params"])
    input_ref = item.case["given"].get("input")
    if input_ref:
        members = service.shapes[input_ref["shape"]].get("members", {})
        for name, value in params.items():
            ref = members.get(name)
            if ref and isinstance(value, str) and value in _SPECIAL_FLOATS:
                if service.shapes[ref["shape"]].get("type") in ("float", "double"):
                    params[name] = _SPECIAL_FLOATS[value]
    return params


# ---- CBOR decoding (test-side, independent of the serializer) ---------------------------------


@dataclass(frozen=True)
class Tagged:
    tag: int
    value: Any


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def take(self, count: int) -> bytes:
        chunk = self.data[self.pos : self.pos + count]
        if len(chunk) != count:
            raise ValueError("truncated CBOR")
        self.pos += count
        return chunk

    def argument(self, info: int) -> int | None:
        if info < 24:
            return info
        if info == 31:
            return None
        return int.from_bytes(self.take({24: 1, 25: 2, 26: 4, 27: 8}[info]), "big")

    def item(self) -> Any:
        initial = self.take(1)[0]
        major, info = initial >> 5, initial & 31
        if major == 7:
            if info in (20, 21):
                return info == 21
            if info in (22, 23):
                return None
            fmt = {25: ">e", 26: ">f", 27: ">d"}[info]
            return struct.unpack(fmt, self.take(struct.calcsize(fmt)))[0]
        arg = self.argument(info)
        if major == 0:
            return arg
        if major == 1:
            return -1 - arg  # type: ignore[operator]
        if major in (2, 3):
            if arg is None:
                chunks = []
                while self.data[self.pos] != 0xFF:
                    chunks.append(self.item())
                self.pos += 1
                joined = b"".join(c if isinstance(c, bytes) else c.encode() for c in chunks)
                return joined if major == 2 else joined.decode()
            raw = self.take(arg)
            return raw if major == 2 else raw.decode("utf-8")
        if major == 4:
            return [self.item() for _ in self._count(arg)]
        if major == 5:
            return {self.item(): self.item() for _ in self._count(arg)}
        return Tagged(arg, self.item())  # type: ignore[arg-type]

    def _count(self, arg: int | None) -> Any:
        if arg is not None:
            yield from range(arg)
            return
        while self.data[self.pos] != 0xFF:
            yield None
        self.pos += 1


def decode_cbor(data: bytes) -> Any:
    reader = _Reader(data)
    value = reader.item()
    if reader.pos != len(data):
        raise ValueError("trailing bytes after CBOR item")
    return value


def _normalise(value: Any) -> Any:
    """NaN compares equal to NaN; tags compare by tag and value; tuples are lists."""
    if isinstance(value, float) and math.isnan(value):
        return "NaN"
    if isinstance(value, dict):
        return {k: _normalise(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_normalise(v) for v in value]
    if isinstance(value, Tagged):
        return ("tag", value.tag, _normalise(value.value))
    return value


# ---- request comparison -------------------------------------------------------------------------


def _body_bytes(body: Any) -> bytes:
    if isinstance(body, (bytes, bytearray)):
        return bytes(body)
    if hasattr(body, "read"):
        return body.read()  # type: ignore[no-any-return]
    raise AssertionError(f"body is {type(body).__name__}, not bytes")


def _xml_canonical(data: bytes) -> str:
    return canonicalize(xml_data=data.decode("utf-8"), strip_text=True)


def assert_body(protocol: str, actual: Any, expected_text: str) -> None:
    assert isinstance(actual, (bytes, bytearray)), f"body must be bytes, got {type(actual).__name__}"
    actual = bytes(actual)
    if protocol == "smithy-rpc-v2-cbor":
        expected = base64.b64decode(expected_text)
        if not actual or not expected:
            assert actual == expected, f"CBOR body {actual!r} != {expected!r}"
            return
        assert _normalise(decode_cbor(actual)) == _normalise(decode_cbor(expected))
        return
    expected_bytes = expected_text.encode("utf-8")
    if protocol in ("json", "rest-json"):
        try:
            left, right = json.loads(actual), json.loads(expected_bytes)
        except ValueError:
            if protocol == "json":
                raise
            assert actual == expected_bytes
            return
        assert left == right, f"JSON body {left!r} != {right!r}"
        return
    if protocol == "rest-xml":
        try:
            left_xml, right_xml = _xml_canonical(actual), _xml_canonical(expected_bytes)
        except Exception:
            assert actual == expected_bytes
            return
        assert left_xml == right_xml, f"XML body {left_xml} != {right_xml}"
        return
    assert actual == expected_bytes, f"form body {actual!r} != {expected_bytes!r}"


def _list_header_names(service: ServiceModel, item: InputCase) -> set[str]:
    input_ref = item.case["given"].get("input")
    if not input_ref:
        return set()
    names = set()
    for name, ref in service.shapes[input_ref["shape"]].get("members", {}).items():
        if ref.get("location") == "header" and service.shapes[ref["shape"]].get("type") == "list":
            names.add(str(ref.get("locationName", name)).lower())
    return names


def assert_headers(protocol: str, service: ServiceModel, item: InputCase, actual: dict[str, str]) -> None:
    lowered = {k.lower(): v for k, v in actual.items()}
    expected: dict[str, str] = dict(item.case["serialized"].get("headers", {}))
    list_headers = _list_header_names(service, item)
    for name, value in expected.items():
        key = name.lower()
        if key == "content-type":
            if protocol in ("query", "ec2") and "charset" not in value:
                value = f"{value}; charset=utf-8"
            elif protocol == "rest-xml":
                continue
            elif protocol == "rest-json" and value != "application/json":
                continue
        assert key in lowered, f"missing header {name!r} (have {sorted(lowered)})"
        got = lowered[key]
        if key in list_headers:
            got, value = re.sub(r",\s+", ",", got), re.sub(r",\s+", ",", value)
        assert got == value, f"header {name!r}: {got!r} != {value!r}"
    for name in item.case["serialized"].get("forbidHeaders", []):
        assert name.lower() not in lowered, f"forbidden header {name!r} present"


def request_uri(request: SerializedRequest) -> str:
    path = request.url_path
    encoded = percent_encode_sequence(request.query) if request.query else ""
    if encoded:
        path += ("&" if "?" in path else "?") + encoded
    return path


def assert_host(item: InputCase, request: SerializedRequest) -> None:
    expected = item.case["serialized"].get("host")
    if expected is None:
        return
    endpoint = item.suite.get("clientEndpoint", "https://example.com")
    netloc = urlsplit(endpoint).netloc
    actual = (request.host_prefix or "") + netloc
    assert actual == expected, f"host {actual!r} != {expected!r}"
