"""The DynamoDB resource's client: Python values and condition objects in, Python values out.

Rules (boto3's ``boto3.dynamodb.transform``, without an event system):

1. A DynamoDB resource upgrades its client once (:func:`upgrade_client`): the client's class is
   swapped for a subclass, with the same name, whose ``_make_api_call`` transforms the call. Every
   path to the service (operation methods, paginators, waiters) goes through it.
2. Input, in this order: members of shape ``ConditionExpression`` holding a condition object are
   rendered (placeholders ``#n``/``:v`` counted from zero per call), then members of shape
   ``KeyExpression`` (key conditions); the placeholders are merged into
   ``ExpressionAttributeNames``/``ExpressionAttributeValues``. Then every ``AttributeValue``
   is serialized with :class:`TypeSerializer`. The caller's dicts are never modified.
3. Output: every ``AttributeValue`` of the parsed response is deserialized with
   :class:`TypeDeserializer`.
4. Which members lead to which target shape is computed once per service model (reverse
   reachability over the shape graph), so a call only walks the parts that need changing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, MutableSequence
from typing import Any

from .conditions import ConditionBase, ConditionExpressionBuilder
from .types import TypeDeserializer, TypeSerializer

__all__ = ["reaching_shapes", "transform_input", "transform_output", "transform_value", "upgrade_client"]

_lock = threading.Lock()
_classes: dict[type, type] = {}
_SERIALIZER = TypeSerializer()
_DESERIALIZER = TypeDeserializer()


def _children(shape: dict[str, Any]) -> list[str]:
    kind = shape.get("type")
    if kind == "structure":
        return [ref["shape"] for ref in shape.get("members", {}).values()]
    if kind == "list":
        return [shape["member"]["shape"]]
    if kind == "map":
        return [shape["key"]["shape"], shape["value"]["shape"]]
    return []


def reaching_shapes(service_model: Any, target: str) -> frozenset[str]:
    """Names of the shapes from which ``target`` can be reached (``target`` included)."""
    key = ("awsession.dynamodb.reaching", target)
    found: frozenset[str] | None = service_model.derived.get(key)
    if found is None:
        parents: dict[str, set[str]] = {}
        for name, shape in service_model.shapes.items():
            for child in _children(shape):
                parents.setdefault(child, set()).add(name)
        seen = {target}
        stack = [target]
        while stack:
            for parent in parents.get(stack.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    stack.append(parent)
        found = service_model.derived[key] = frozenset(seen)
    return found


def transform_value(shapes: dict[str, Any], shape_name: str, value: Any, target: str,
                    reaching: frozenset[str], function: Callable[[Any], Any]) -> Any:
    """``value`` (of shape ``shape_name``) with ``function`` applied to each ``target`` part.

    Containers on the way to a target are copied; everything else is shared, not copied.
    """
    if shape_name == target:
        return function(value)
    if shape_name not in reaching:
        return value
    shape = shapes[shape_name]
    kind = shape.get("type")
    if kind == "structure" and isinstance(value, Mapping):
        members = shape.get("members", {})
        result = {}
        for name, item in value.items():
            ref = members.get(name)
            result[name] = (item if ref is None else
                            transform_value(shapes, ref["shape"], item, target, reaching, function))
        return result
    if kind == "map" and isinstance(value, Mapping):
        inner = shape["value"]["shape"]
        return {k: transform_value(shapes, inner, v, target, reaching, function)
                for k, v in value.items()}
    if kind == "list" and isinstance(value, MutableSequence):
        inner = shape["member"]["shape"]
        return [transform_value(shapes, inner, v, target, reaching, function) for v in value]
    return value


def _conditions(builder: ConditionExpressionBuilder, names: dict[str, str],
                values: dict[str, Any], is_key: bool) -> Callable[[Any], Any]:
    def render(value: Any) -> Any:
        if isinstance(value, ConditionBase):
            built = builder.build_expression(value, is_key_condition=is_key)
            names.update(built.attribute_name_placeholders)
            values.update(built.attribute_value_placeholders)
            return built.condition_expression
        return value

    return render


def transform_input(service_model: Any, operation_name: str, params: dict[str, Any]) -> dict[str, Any]:
    """The parameters as the service expects them (see rules 2)."""
    operation = service_model.operation_model(operation_name)
    shape_name = operation.input_shape_name
    if shape_name is None:
        return params
    shapes = service_model.shapes
    builder = ConditionExpressionBuilder()
    names: dict[str, str] = {}
    values: dict[str, Any] = {}
    for target, is_key in (("ConditionExpression", False), ("KeyExpression", True)):
        params = transform_value(shapes, shape_name, params, target,
                                 reaching_shapes(service_model, target),
                                 _conditions(builder, names, values, is_key))
    if names:
        params["ExpressionAttributeNames"] = {**params.get("ExpressionAttributeNames", {}), **names}
    if values:
        params["ExpressionAttributeValues"] = {**params.get("ExpressionAttributeValues", {}),
                                               **values}
    return transform_value(shapes, shape_name, params, "AttributeValue",  # type: ignore[no-any-return]
                           reaching_shapes(service_model, "AttributeValue"),
                           _SERIALIZER.serialize)


def transform_output(service_model: Any, operation_name: str, parsed: Any) -> Any:
    """The parsed response with Python values (see rule 3)."""
    shape_name = service_model.operation_model(operation_name).output_shape_name
    if shape_name is None:
        return parsed
    return transform_value(service_model.shapes, shape_name, parsed, "AttributeValue",
                           reaching_shapes(service_model, "AttributeValue"),
                           _DESERIALIZER.deserialize)


def _high_level_class(client_cls: type) -> type:
    cls = _classes.get(client_cls)
    if cls is not None:
        return cls

    def _make_api_call(self: Any, operation_name: str, api_params: dict[str, Any]) -> Any:
        model = self.meta.service_model
        params = transform_input(model, operation_name, api_params)
        parsed = client_cls._make_api_call(self, operation_name, params)  # type: ignore[attr-defined]
        return transform_output(model, operation_name, parsed)

    made = type(client_cls.__name__, (client_cls,), {
        "_make_api_call": _make_api_call, "_awsession_high_level": True,
        "__module__": client_cls.__module__, "__qualname__": client_cls.__qualname__,
    })
    with _lock:
        return _classes.setdefault(client_cls, made)


def upgrade_client(client: Any) -> None:
    """Make ``client`` take and return Python values (idempotent; other objects are left alone)."""
    from .._client.sync import BaseClient

    cls = type(client)
    if not isinstance(client, BaseClient) or cls.__dict__.get("_awsession_high_level"):
        return
    client.__class__ = _high_level_class(cls)
