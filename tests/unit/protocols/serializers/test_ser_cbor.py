"""The CBOR writer against RFC 8949 appendix A vectors."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pytest

from awsession.protocols.serializers import cbor


def _hex(writer: Callable[[bytearray, Any], None], value: Any) -> str:
    out = bytearray()
    writer(out, value)
    return out.hex()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "00"), (23, "17"), (24, "1818"), (100, "1864"), (1000, "1903e8"), (1000000, "1a000f4240"),
        (1000000000000, "1b000000e8d4a51000"), (18446744073709551615, "1bffffffffffffffff"),
        (-1, "20"), (-10, "29"), (-100, "3863"), (-1000, "3903e7"),
    ],
)
def test_integers(value: int, expected: str) -> None:
    assert _hex(cbor.write_int, value) == expected


def test_integer_out_of_range() -> None:
    with pytest.raises(ValueError, match="too large"):
        _hex(cbor.write_int, 2**64)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("", "60"), ("a", "6161"), ("IETF", "6449455446"), ("\u00fc", "62c3bc"), ("\u6c34", "63e6b0b4")],
)
def test_text(value: str, expected: str) -> None:
    assert _hex(cbor.write_text, value) == expected


def test_bytes_and_long_lengths() -> None:
    assert _hex(cbor.write_bytes, b"\x01\x02\x03\x04") == "4401020304"
    assert _hex(cbor.write_bytes, b"x" * 300)[:6] == "59012c"


def test_floats_at_the_requested_width_and_specials_as_half_precision() -> None:
    assert _hex(cbor.write_double, 1.1) == "fb3ff199999999999a"
    assert _hex(cbor.write_float, 100000.0) == "fa47c35000"
    assert _hex(cbor.write_float, math.inf) == "f97c00"
    assert _hex(cbor.write_double, -math.inf) == "f9fc00"
    assert _hex(cbor.write_double, math.nan) == "f97e00"


def test_plain_values() -> None:
    assert _hex(cbor.write_value, [1, [2, 3], [4, 5]]) == "8301820203820405"
    assert _hex(cbor.write_value, {"a": 1, "b": [2, 3]}) == "a26161016162820203"
    assert _hex(cbor.write_value, [True, False, None]) == "83f5f4f6"
    assert _hex(cbor.write_value, 1.5) == "fb3ff8000000000000"
    with pytest.raises(TypeError):
        _hex(cbor.write_value, object())


def test_tag_head() -> None:
    out = bytearray()
    cbor.write_tag(out, 1)
    cbor.write_int(out, 1363896240)
    assert out.hex() == "c11a514b67b0"
