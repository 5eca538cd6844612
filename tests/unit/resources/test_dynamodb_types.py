"""TypeSerializer/TypeDeserializer give boto3's results (and errors) on generated values."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import boto3.dynamodb.types as theirs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import awsession.dynamodb.types as ours

_numbers = st.one_of(
    st.integers(-(10**38) + 1, 10**38 - 1),
    st.decimals(allow_nan=False, allow_infinity=False, places=5, min_value=-(10**20),
                max_value=10**20),
)
_scalars = st.one_of(st.none(), st.booleans(), _numbers, st.text(max_size=5),
                     st.binary(max_size=5))
_sets = st.one_of(st.frozensets(st.integers(-100, 100), max_size=4).map(set),
                  st.frozensets(st.text(max_size=3), max_size=4).map(set),
                  st.frozensets(st.binary(min_size=1, max_size=3), min_size=1, max_size=4).map(set))
_values = st.recursive(
    st.one_of(_scalars, _sets),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.text(max_size=3), inner, max_size=3)),
    max_leaves=10,
)


def _plain(value: Any) -> Any:
    """Binary wrappers from either module compared by their bytes."""
    if isinstance(value, (ours.Binary, theirs.Binary)):
        return ("binary", value.value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, set):
        return {_plain(v) for v in value}
    return value


@settings(max_examples=400, deadline=None)
@given(_values)
def test_serialize_then_deserialize_like_boto3(value: Any) -> None:
    wire = ours.TypeSerializer().serialize(value)
    expected = theirs.TypeSerializer().serialize(value)
    if isinstance(value, set):  # set order is arbitrary: compare contents
        (kind, items), = wire.items()
        assert set(expected) == {kind} and sorted(items) == sorted(expected[kind])
    else:
        assert wire == expected
    assert _plain(ours.TypeDeserializer().deserialize(expected)) == _plain(
        theirs.TypeDeserializer().deserialize(expected))


def _error(module: Any, method: str, value: Any) -> tuple[str, str]:
    target = module.TypeSerializer() if method == "serialize" else module.TypeDeserializer()
    with pytest.raises(Exception) as caught:
        target.serialize(value) if method == "serialize" else target.deserialize(value)
    return type(caught.value).__name__, re.sub(r" at 0x[0-9a-f]+", "", str(caught.value))


@pytest.mark.parametrize(("method", "value"), [
    ("serialize", 1.5),
    ("serialize", [1.5]),
    ("serialize", {"a": object}),
    ("serialize", Decimal("Infinity")),
    ("serialize", Decimal("1.00000000000000000000000000000000000001")),
    ("serialize", Decimal("1e200")),
    ("serialize", {1, "a"}),
    ("deserialize", {}),
    ("deserialize", {"X": 1}),
])
def test_errors_match_boto3(method: str, value: Any) -> None:
    assert _error(ours, method, value) == _error(theirs, method, value)


def test_binary_behaves_like_boto3() -> None:
    assert ours.Binary(b"x") == b"x" and ours.Binary(b"x") == ours.Binary(b"x")
    assert repr(ours.Binary(b"x")) == repr(theirs.Binary(b"x"))
    assert hash(ours.Binary(b"x")) == hash(b"x")
    with pytest.raises(TypeError, match="Value must be of the following types"):
        ours.Binary("text")
    assert ours.TypeDeserializer().deserialize({"n": "5"}) == Decimal(5)  # boto3 lower-cases
    assert ours.TypeSerializer().serialize(ours.Binary(b"y")) == {"B": b"y"}
    assert ours.TypeSerializer().serialize((1, "a")) == {"L": [{"N": "1"}, {"S": "a"}]}
