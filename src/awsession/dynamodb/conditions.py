"""DynamoDB condition builders: ``Key("id").eq(1) & Attr("age").gt(3)`` -> expression strings.

Rules (boto3's ``boto3.dynamodb.conditions``, output for output):

1. ``Key(name)`` and ``Attr(name)`` make conditions (``eq``, ``lt``, ``lte``, ``gt``, ``gte``,
   ``begins_with``, ``between``; ``Attr`` adds ``ne``, ``is_in``, ``exists``, ``not_exists``,
   ``contains``, ``size``, ``attribute_type``). Conditions combine with ``&``, ``|`` and ``~``;
   combining with anything else raises ``DynamoDBOperationNotSupportedError``.
2. :class:`ConditionExpressionBuilder` renders a condition with placeholders: names become ``#n0``,
   ``#n1``... (each dotted/indexed part of a name gets its own: ``a.b[1]`` -> ``#n0.#n1[1]``),
   values ``:v0``, ``:v1``...; the counters run on across calls until :meth:`reset`.
3. In a key condition only ``Key`` names are allowed (``DynamoDBNeedsKeyConditionError``);
   anything but a condition is ``DynamoDBNeedsConditionError``.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from ..exceptions import (
    DynamoDBNeedsConditionError,
    DynamoDBNeedsKeyConditionError,
    DynamoDBOperationNotSupportedError,
)

__all__ = [
    "And",
    "Attr",
    "AttributeBase",
    "AttributeExists",
    "AttributeNotExists",
    "AttributeType",
    "BeginsWith",
    "Between",
    "BuiltConditionExpression",
    "ComparisonCondition",
    "ConditionAttributeBase",
    "ConditionBase",
    "ConditionExpressionBuilder",
    "Contains",
    "Equals",
    "GreaterThan",
    "GreaterThanEquals",
    "In",
    "Key",
    "LessThan",
    "LessThanEquals",
    "Not",
    "NotEquals",
    "Or",
    "Size",
]

ATTR_NAME_REGEX = re.compile(r"[^.\[\]]+(?![^\[]*\])")


class ConditionBase:
    """A condition: an operator over values (attributes, plain values or other conditions)."""

    expression_format = ""
    expression_operator = ""
    has_grouped_values = False

    def __init__(self, *values: Any) -> None:
        self._values = values

    def __and__(self, other: Any) -> And:
        if not isinstance(other, ConditionBase):
            raise DynamoDBOperationNotSupportedError("AND", other)
        return And(self, other)

    def __or__(self, other: Any) -> Or:
        if not isinstance(other, ConditionBase):
            raise DynamoDBOperationNotSupportedError("OR", other)
        return Or(self, other)

    def __invert__(self) -> Not:
        return Not(self)

    def get_expression(self) -> dict[str, Any]:
        return {"format": self.expression_format, "operator": self.expression_operator,
                "values": self._values}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, type(self)) and self._values == other._values

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    __hash__ = None  # type: ignore[assignment]


class AttributeBase:
    """A named attribute; its methods make conditions."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __and__(self, value: Any) -> Any:
        raise DynamoDBOperationNotSupportedError("AND", self)

    def __or__(self, value: Any) -> Any:
        raise DynamoDBOperationNotSupportedError("OR", self)

    def __invert__(self) -> Any:
        raise DynamoDBOperationNotSupportedError("NOT", self)

    def eq(self, value: Any) -> Equals:
        """The attribute equals ``value``."""
        return Equals(self, value)

    def lt(self, value: Any) -> LessThan:
        """The attribute is less than ``value``."""
        return LessThan(self, value)

    def lte(self, value: Any) -> LessThanEquals:
        """The attribute is at most ``value``."""
        return LessThanEquals(self, value)

    def gt(self, value: Any) -> GreaterThan:
        """The attribute is greater than ``value``."""
        return GreaterThan(self, value)

    def gte(self, value: Any) -> GreaterThanEquals:
        """The attribute is at least ``value``."""
        return GreaterThanEquals(self, value)

    def begins_with(self, value: Any) -> BeginsWith:
        """The attribute starts with ``value``."""
        return BeginsWith(self, value)

    def between(self, low_value: Any, high_value: Any) -> Between:
        """The attribute lies between ``low_value`` and ``high_value`` (inclusive)."""
        return Between(self, low_value, high_value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, type(self)) and self.name == other.name

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    __hash__ = None  # type: ignore[assignment]


class ConditionAttributeBase(ConditionBase, AttributeBase):
    """A condition that is also an attribute (``size(x)``), so it can be compared."""

    def __init__(self, *values: Any) -> None:
        ConditionBase.__init__(self, *values)
        AttributeBase.__init__(self, values[0].name)

    def __eq__(self, other: object) -> bool:
        return ConditionBase.__eq__(self, other) and AttributeBase.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    __hash__ = None


class ComparisonCondition(ConditionBase):
    expression_format = "{0} {operator} {1}"


class Equals(ComparisonCondition):
    expression_operator = "="


class NotEquals(ComparisonCondition):
    expression_operator = "<>"


class LessThan(ComparisonCondition):
    expression_operator = "<"


class LessThanEquals(ComparisonCondition):
    expression_operator = "<="


class GreaterThan(ComparisonCondition):
    expression_operator = ">"


class GreaterThanEquals(ComparisonCondition):
    expression_operator = ">="


class In(ComparisonCondition):
    expression_operator = "IN"
    has_grouped_values = True


class Between(ConditionBase):
    expression_operator = "BETWEEN"
    expression_format = "{0} {operator} {1} AND {2}"


class BeginsWith(ConditionBase):
    expression_operator = "begins_with"
    expression_format = "{operator}({0}, {1})"


class Contains(ConditionBase):
    expression_operator = "contains"
    expression_format = "{operator}({0}, {1})"


class Size(ConditionAttributeBase):
    expression_operator = "size"
    expression_format = "{operator}({0})"


class AttributeType(ConditionBase):
    expression_operator = "attribute_type"
    expression_format = "{operator}({0}, {1})"


class AttributeExists(ConditionBase):
    expression_operator = "attribute_exists"
    expression_format = "{operator}({0})"


class AttributeNotExists(ConditionBase):
    expression_operator = "attribute_not_exists"
    expression_format = "{operator}({0})"


class And(ConditionBase):
    expression_operator = "AND"
    expression_format = "({0} {operator} {1})"


class Or(ConditionBase):
    expression_operator = "OR"
    expression_format = "({0} {operator} {1})"


class Not(ConditionBase):
    expression_operator = "NOT"
    expression_format = "({operator} {0})"


class Key(AttributeBase):
    """A key attribute (the only kind a ``KeyConditionExpression`` accepts)."""


class Attr(AttributeBase):
    """Any attribute, for filter and condition expressions."""

    def ne(self, value: Any) -> NotEquals:
        """The attribute differs from ``value``."""
        return NotEquals(self, value)

    def is_in(self, value: Any) -> In:
        """The attribute is one of ``value`` (a list)."""
        return In(self, value)

    def exists(self) -> AttributeExists:
        """The attribute is present."""
        return AttributeExists(self)

    def not_exists(self) -> AttributeNotExists:
        """The attribute is absent."""
        return AttributeNotExists(self)

    def contains(self, value: Any) -> Contains:
        """The attribute (string, set or list) contains ``value``."""
        return Contains(self, value)

    def size(self) -> Size:
        """The attribute's size, to compare (``Attr("x").size().gt(3)``)."""
        return Size(self)

    def attribute_type(self, value: Any) -> AttributeType:
        """The attribute has DynamoDB type ``value`` (``"S"``, ``"N"``...)."""
        return AttributeType(self, value)


class BuiltConditionExpression(NamedTuple):
    condition_expression: str
    attribute_name_placeholders: dict[str, str]
    attribute_value_placeholders: dict[str, Any]


class ConditionExpressionBuilder:
    """Renders conditions with ``#n<i>`` / ``:v<i>`` placeholders (counters shared until reset)."""

    def __init__(self) -> None:
        self._name_count = 0
        self._value_count = 0

    def reset(self) -> None:
        """Start the placeholder counters again at zero."""
        self._name_count = 0
        self._value_count = 0

    def build_expression(self, condition: Any,
                         is_key_condition: bool = False) -> BuiltConditionExpression:
        """The expression string and the placeholders it uses."""
        if not isinstance(condition, ConditionBase):
            raise DynamoDBNeedsConditionError(condition)
        names: dict[str, str] = {}
        values: dict[str, Any] = {}
        expression = self._render(condition, names, values, is_key_condition)
        return BuiltConditionExpression(expression, names, values)

    def _render(self, condition: ConditionBase, names: dict[str, str], values: dict[str, Any],
                is_key_condition: bool) -> str:
        parts = [self._component(value, names, values, condition.has_grouped_values,
                                 is_key_condition)
                 for value in condition._values]
        return condition.expression_format.format(*parts,
                                                  operator=condition.expression_operator)

    def _component(self, value: Any, names: dict[str, str], values: dict[str, Any],
                   grouped: bool, is_key_condition: bool) -> str:
        if isinstance(value, ConditionBase):
            return self._render(value, names, values, is_key_condition)
        if isinstance(value, AttributeBase):
            if is_key_condition and not isinstance(value, Key):
                raise DynamoDBNeedsKeyConditionError(
                    f"Attribute object {value.name} is of type {type(value)}. "
                    "KeyConditionExpression only supports Attribute objects of type Key")
            return self._name(value.name, names)
        if grouped:
            return "(" + ", ".join(self._value(v, values) for v in value) + ")"
        return self._value(value, values)

    def _name(self, name: str, names: dict[str, str]) -> str:
        placeholders = []
        for part in ATTR_NAME_REGEX.findall(name):
            placeholder = f"#n{self._name_count}"
            self._name_count += 1
            placeholders.append(placeholder)
            names[placeholder] = part
        return ATTR_NAME_REGEX.sub("%s", name) % tuple(placeholders)

    def _value(self, value: Any, values: dict[str, Any]) -> str:
        placeholder = f":v{self._value_count}"
        self._value_count += 1
        values[placeholder] = value
        return placeholder
