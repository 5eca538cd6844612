"""botocore's CBOR decoder suite (protocols/cbor) against our decoder.

Typed expectations are turned into Python values (float bit patterns reinterpreted); maps compare
"every expected key present with the expected value", as botocore's runner does. Tags are decoded
with ``keep_tags=True`` so those cases run too (botocore skips them: it only supports tag 1).
"""

from __future__ import annotations

import json
import math
import struct
from typing import Any

import pytest

from awsession.protocols.parsers.cbor import CborTag, decode
from awsession.protocols.parsers.errors import ResponseParserError
from tests._conformance import CONFORMANCE_DIR, conformance_path

_DIR = CONFORMANCE_DIR / "protocols" / "cbor"
_NULL_IN_MAP = {"map - {_ null}", "map - {null}"}


def _load(name: str) -> list[dict[str, Any]]:
    path = _DIR / name
    return json.loads(path.read_text()) if path.is_file() else []


SUCCESS = _load("decode-success-tests.json")
ERRORS = _load("decode-error-tests.json")


def _typed(expect: dict[str, Any]) -> Any:
    ((kind, value),) = expect.items()
    if kind in ("uint", "negint", "string", "bool"):
        return value
    if kind == "null":
        return None
    if kind == "bytestring":
        return bytes(value)
    if kind == "float32":
        return struct.unpack(">f", struct.pack(">I", value))[0]
    if kind == "float64":
        return struct.unpack(">d", struct.pack(">Q", value))[0]
    if kind == "list":
        return [_typed(item) for item in value]
    if kind == "map":
        return {key: _typed(item) for key, item in value.items()}
    if kind == "tag":
        return CborTag(value["id"], _typed(value["value"]))
    raise AssertionError(f"unknown expectation type {kind}")


def _same(actual: Any, expected: Any) -> bool:
    if isinstance(expected, float):
        if math.isnan(expected):
            return isinstance(actual, float) and math.isnan(actual)
        return isinstance(actual, float) and actual == expected
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(
            k in actual and _same(actual[k], v) for k, v in expected.items()
        )
    if isinstance(expected, list):
        return isinstance(actual, list) and len(actual) == len(expected) and all(map(_same, actual, expected))
    if isinstance(expected, CborTag):
        return (
            isinstance(actual, CborTag) and actual.tag == expected.tag and _same(actual.value, expected.value)
        )
    return type(actual) is type(expected) and actual == expected


def test_suites_present() -> None:
    conformance_path("protocols", "cbor")
    assert (len(SUCCESS), len(ERRORS)) == (151, 56)


@pytest.mark.parametrize("case", SUCCESS, ids=[c["description"] for c in SUCCESS])
def test_decode_success(case: dict[str, Any]) -> None:
    if case["description"] in _NULL_IN_MAP:
        pytest.skip("null map values are dropped while decoding, as botocore does (botocore skips this too)")
    actual = decode(bytes.fromhex(case["input"]), keep_tags=True)
    assert _same(actual, _typed(case["expect"])), (actual, case["expect"])


@pytest.mark.parametrize("case", ERRORS, ids=[c["description"] for c in ERRORS])
def test_decode_error(case: dict[str, Any]) -> None:
    with pytest.raises(ResponseParserError):
        decode(bytes.fromhex(case["input"]), keep_tags=True)


def test_null_map_values_are_dropped() -> None:
    assert decode(bytes.fromhex("a163666f6ff6")) == {}
    assert decode(bytes.fromhex("bf63666f6ff6ff")) == {}


def test_tag_one_goes_through_the_timestamp_function() -> None:
    assert decode(bytes.fromhex("c11a5e0be100"), timestamp=lambda v: ("ts", v)) == ("ts", 1577836800)
    with pytest.raises(ResponseParserError):
        decode(bytes.fromhex("c20100"))
