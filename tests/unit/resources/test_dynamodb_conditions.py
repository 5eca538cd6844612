"""Condition expressions render exactly as boto3's, placeholders and errors included."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import boto3.dynamodb.conditions as theirs
import boto3.exceptions
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import awsession.dynamodb.conditions as ours
from awsession import exceptions


def _build(module: Any, recipe: Any, key: bool = False) -> Any:
    """Make a condition from a neutral recipe with either module's classes."""
    kind = recipe[0]
    if kind in ("and", "or"):
        left, right = _build(module, recipe[1], key), _build(module, recipe[2], key)
        return left & right if kind == "and" else left | right
    if kind == "not":
        return ~_build(module, recipe[1], key)
    attribute = (module.Key if key else module.Attr)(recipe[1])
    method, args = recipe[2], recipe[3]
    if method == "size":
        return attribute.size().gt(args[0])
    return {
        "eq": attribute.eq, "lt": attribute.lt, "lte": attribute.lte, "gt": attribute.gt,
        "gte": attribute.gte, "begins_with": attribute.begins_with, "between": attribute.between,
        "ne": getattr(attribute, "ne", None), "is_in": getattr(attribute, "is_in", None),
        "exists": getattr(attribute, "exists", None),
        "not_exists": getattr(attribute, "not_exists", None),
        "contains": getattr(attribute, "contains", None),
        "attribute_type": getattr(attribute, "attribute_type", None),
    }[method](*args)


_names = st.sampled_from(["id", "a.b", "list[1]", "m.n[0].p", "weird name", "x.y.z"])
_values = st.one_of(st.integers(-5, 5), st.text(max_size=3), st.decimals(allow_nan=False,
                                                                         allow_infinity=False))
_leaf = st.one_of(
    st.tuples(st.just("leaf"), _names,
              st.sampled_from(["eq", "lt", "lte", "gt", "gte", "begins_with", "ne", "contains",
                               "attribute_type", "size"]),
              st.tuples(_values)),
    st.tuples(st.just("leaf"), _names, st.just("between"), st.tuples(_values, _values)),
    st.tuples(st.just("leaf"), _names, st.just("is_in"), st.tuples(st.lists(_values, max_size=3))),
    st.tuples(st.just("leaf"), _names, st.sampled_from(["exists", "not_exists"]), st.just(())),
)
_recipes = st.recursive(_leaf, lambda inner: st.one_of(
    st.tuples(st.sampled_from(["and", "or"]), inner, inner), st.tuples(st.just("not"), inner)),
    max_leaves=6)


@settings(max_examples=300, deadline=None)
@given(_recipes, st.integers(0, 2))
def test_generated_conditions_render_like_boto3(recipe: Any, builds: int) -> None:
    mine, other = ours.ConditionExpressionBuilder(), theirs.ConditionExpressionBuilder()
    for _ in range(builds + 1):  # counters carry on between builds until reset
        assert tuple(mine.build_expression(_build(ours, recipe))) == tuple(
            other.build_expression(_build(theirs, recipe)))
    mine.reset()
    other.reset()
    assert mine.build_expression(_build(ours, recipe)) == tuple(
        other.build_expression(_build(theirs, recipe)))


@pytest.mark.parametrize("recipe", [
    ("and", ("leaf", "pk", "eq", ("a",)), ("leaf", "sk", "between", (1, 5))),
    ("leaf", "pk", "begins_with", ("x",)),
    ("and", ("leaf", "pk", "eq", (Decimal("1.5"),)), ("leaf", "sk", "lte", (3,))),
])
def test_key_conditions_render_like_boto3(recipe: Any) -> None:
    mine = ours.ConditionExpressionBuilder().build_expression(_build(ours, recipe, key=True),
                                                              is_key_condition=True)
    other = theirs.ConditionExpressionBuilder().build_expression(_build(theirs, recipe, key=True),
                                                                 is_key_condition=True)
    assert tuple(mine) == tuple(other)
    assert mine.condition_expression.startswith(("(", "#n0", "begins_with"))


def _error(call: Any) -> tuple[str, str]:
    with pytest.raises(Exception) as caught:
        call()
    text = re.sub(r" at 0x[0-9a-f]+", "", str(caught.value))  # object addresses
    return type(caught.value).__name__, text.replace("boto3.", "awsession.")  # module paths


@pytest.mark.parametrize("case", [
    lambda m: m.Attr("a").eq(1) & "text",
    lambda m: m.Attr("a").eq(1) | 3,
    lambda m: m.Attr("a") & m.Attr("b").eq(1),
    lambda m: m.Attr("a") | m.Attr("b").eq(1),
    lambda m: ~m.Attr("a"),
    lambda m: m.ConditionExpressionBuilder().build_expression("a = b"),
    lambda m: m.ConditionExpressionBuilder().build_expression(m.Attr("a").eq(1),
                                                              is_key_condition=True),
])
def test_errors_match_boto3(case: Any) -> None:
    assert _error(lambda: case(ours)) == _error(lambda: case(theirs))


def test_error_classes_are_boto3_compatible() -> None:
    with pytest.raises(exceptions.DynamoDBNeedsKeyConditionError):
        ours.ConditionExpressionBuilder().build_expression(ours.Attr("a").eq(1),
                                                           is_key_condition=True)
    assert issubclass(exceptions.DynamoDBNeedsConditionError, exceptions.Boto3Error)
    assert boto3.exceptions.DynamoDBNeedsConditionError.__name__ == "DynamoDBNeedsConditionError"


def test_equality_follows_boto3() -> None:
    assert ours.Attr("a").eq(1) == ours.Attr("a").eq(1)
    assert ours.Attr("a").eq(1) != ours.Attr("a").eq(2)
    assert ours.Key("a") == ours.Key("a")
    assert ours.Key("a") != ours.Attr("a")
    assert ours.Attr("a").size() == ours.Attr("a").size()
    expression = ours.Attr("a").eq(1).get_expression()
    assert expression["format"] == "{0} {operator} {1}" and expression["operator"] == "="
