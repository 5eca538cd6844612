"""The ``query`` protocol (awsQuery): a form-encoded POST of ``Action``, ``Version`` and the flattened params.

Rules (botocore's):

* Method from the model (POST by default), path ``/``, header
  ``Content-Type: application/x-www-form-urlencoded; charset=utf-8``.
* Body: ``Action=<Operation>&Version=<apiVersion>`` then the parameters in the caller's order,
  flattened as ``query_form`` describes and encoded with form rules (space is ``+``).

``make_serializer`` builds the same function for the ``ec2`` dialect (see ``ec2.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from awsession._core.frozen import FrozenValue
from awsession._core.http import SerializedRequest
from awsession.model.shapes import OperationModel

from .operation import (
    OperationTraits,
    TokenFactory,
    expand_host_prefix,
    fill_idempotency_tokens,
    operation_traits,
)
from .query_form import Flattener, flattener
from .shape_refs import operation_plan
from .uri import encode_form, form_quote

__all__ = ["make_serializer", "serialize"]

Serializer = Callable[..., SerializedRequest]

_CONTENT_TYPE = "application/x-www-form-urlencoded; charset=utf-8"


class _Plan(FrozenValue):
    __slots__ = ("flatten", "prefix", "traits")
    _fields = ("traits", "prefix", "flatten")
    traits: OperationTraits
    prefix: str  # ``Action=<op>&Version=<api>``, already encoded
    flatten: Flattener | None

    def __init__(self, traits: OperationTraits, prefix: str, flatten: Flattener | None) -> None:
        _set = object.__setattr__
        _set(self, "traits", traits)
        _set(self, "prefix", prefix)
        _set(self, "flatten", flatten)


def make_serializer(dialect: str) -> Serializer:
    """The serializer for one form dialect, ``"query"`` or ``"ec2"``."""
    cache_key = f"form-{dialect}"

    def build(operation: OperationModel) -> _Plan:
        traits = operation_traits(operation)
        flatten = flattener(operation.service, dialect, traits.input_ref) if traits.input_ref else None
        version = operation.service.api_version
        prefix = f"Action={form_quote(operation.name)}&Version={form_quote(version)}"
        return _Plan(traits, prefix, flatten)

    def serialize(
        operation: OperationModel, params: dict[str, Any], *, new_token: TokenFactory | None = None
    ) -> SerializedRequest:
        plan = operation_plan(operation, cache_key, build)
        traits = plan.traits
        if traits.token_members:
            params = fill_idempotency_tokens(traits, params, new_token)
        form: dict[str, str] = {}
        if plan.flatten is not None and params:
            plan.flatten(form, params, "")
        return SerializedRequest(
            traits.method,
            "/",
            {},
            {"Content-Type": _CONTENT_TYPE},
            encode_form(form, plan.prefix),
            expand_host_prefix(traits, params) if traits.host_prefix else None,
            traits.checksum_required,
            traits.request_compression,
        )

    serialize.__name__ = f"serialize_{dialect}"
    return serialize


serialize = make_serializer("query")
