"""Python values <-> DynamoDB ``AttributeValue`` dicts (boto3's ``boto3.dynamodb.types``).

Rules (boto3's, value for value):

1. Serializing picks the first matching type in this order: ``None`` -> NULL, ``bool`` -> BOOL,
   ``int``/``Decimal`` -> N (``float`` is a ``TypeError``: use ``Decimal``), ``str`` -> S,
   ``bytes``/``bytearray``/:class:`Binary` -> B, a set of numbers/strings/binaries -> NS/SS/BS,
   a mapping -> M, a list or tuple -> L; anything else is a ``TypeError``.
2. Numbers go through :data:`DYNAMODB_CONTEXT` (38 digits, exponent -128..126) which traps
   inexact, rounded, clamped, overflowing and underflowing values; Infinity and NaN are refused.
3. Deserializing reads the one key of the dict (case-insensitively, as boto3's lookup does): N
   becomes ``Decimal``, B becomes :class:`Binary`, sets become ``set``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from decimal import Clamped, Context, Decimal, Inexact, Overflow, Rounded, Underflow
from typing import Any

__all__ = [
    "BINARY",
    "BINARY_SET",
    "BOOLEAN",
    "DYNAMODB_CONTEXT",
    "LIST",
    "MAP",
    "NULL",
    "NUMBER",
    "NUMBER_SET",
    "STRING",
    "STRING_SET",
    "Binary",
    "TypeDeserializer",
    "TypeSerializer",
]

STRING = "S"
NUMBER = "N"
BINARY = "B"
STRING_SET = "SS"
NUMBER_SET = "NS"
BINARY_SET = "BS"
NULL = "NULL"
BOOLEAN = "BOOL"
MAP = "M"
LIST = "L"

DYNAMODB_CONTEXT = Context(Emin=-128, Emax=126, prec=38,
                           traps=[Clamped, Overflow, Inexact, Rounded, Underflow])

BINARY_TYPES = (bytearray, bytes)


class Binary:
    """Bytes stored as DynamoDB binary (wraps ``bytes`` or ``bytearray``)."""

    def __init__(self, value: Any) -> None:
        if not isinstance(value, BINARY_TYPES):
            types = ", ".join(str(t) for t in BINARY_TYPES)
            raise TypeError(f"Value must be of the following types: {types}")
        self.value = value

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Binary):
            return self.value == other.value
        return self.value == other

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    def __repr__(self) -> str:
        return f"Binary({self.value!r})"

    def __str__(self) -> str:
        return self.value  # type: ignore[return-value]  # boto3 returns the bytes as they are

    def __bytes__(self) -> bytes:
        return bytes(self.value)

    def __hash__(self) -> int:
        return hash(self.value)


def _is_number(value: Any) -> bool:
    if isinstance(value, (int, Decimal)):
        return True
    if isinstance(value, float):
        raise TypeError("Float types are not supported. Use Decimal types instead.")
    return False


def _is_string(value: Any) -> bool:
    return isinstance(value, str)


def _is_binary(value: Any) -> bool:
    return isinstance(value, (Binary, bytearray, bytes))


def _is_set_of(value: Any, check: Callable[[Any], bool]) -> bool:
    return isinstance(value, AbstractSet) and all(check(v) for v in value)


def _serialize_number(value: Any) -> str:
    number = str(DYNAMODB_CONTEXT.create_decimal(value))
    if number in ("Infinity", "NaN"):
        raise TypeError("Infinity and NaN not supported")
    return number


def _serialize_binary(value: Any) -> Any:
    return value.value if isinstance(value, Binary) else value


class TypeSerializer:
    """Python value -> ``{"<type>": <wire value>}``."""

    def serialize(self, value: Any) -> dict[str, Any]:
        """The DynamoDB ``AttributeValue`` of ``value`` (see the module rules)."""
        if value is None:
            return {NULL: True}
        if isinstance(value, bool):
            return {BOOLEAN: value}
        if _is_number(value):
            return {NUMBER: _serialize_number(value)}
        if isinstance(value, str):
            return {STRING: value}
        if _is_binary(value):
            return {BINARY: _serialize_binary(value)}
        if _is_set_of(value, _is_number):
            return {NUMBER_SET: [_serialize_number(v) for v in value]}
        if _is_set_of(value, _is_string):
            return {STRING_SET: list(value)}
        if _is_set_of(value, _is_binary):
            return {BINARY_SET: [_serialize_binary(v) for v in value]}
        if isinstance(value, Mapping):
            return {MAP: {k: self.serialize(v) for k, v in value.items()}}
        if isinstance(value, (list, tuple)):
            return {LIST: [self.serialize(v) for v in value]}
        raise TypeError(f'Unsupported type "{type(value)}" for value "{value}"')


class TypeDeserializer:
    """``{"<type>": <wire value>}`` -> Python value."""

    def __init__(self) -> None:
        self._by_type: dict[str, Callable[[Any], Any]] = {
            "null": lambda v: None,
            "bool": lambda v: v,
            "n": DYNAMODB_CONTEXT.create_decimal,
            "s": lambda v: v,
            "b": Binary,
            "ns": lambda v: set(map(DYNAMODB_CONTEXT.create_decimal, v)),
            "ss": set,
            "bs": lambda v: set(map(Binary, v)),
            "l": lambda v: [self.deserialize(item) for item in v],
            "m": lambda v: {k: self.deserialize(item) for k, item in v.items()},
        }

    def deserialize(self, value: dict[str, Any]) -> Any:
        """The Python value of a DynamoDB ``AttributeValue``."""
        if not value:
            raise TypeError("Value must be a nonempty dictionary whose key is a valid dynamodb "
                            "type.")
        dynamodb_type = next(iter(value))
        function = self._by_type.get(dynamodb_type.lower())
        if function is None:
            raise TypeError(f"Dynamodb type {dynamodb_type} is not supported")
        return function(value[dynamodb_type])
