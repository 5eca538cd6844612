"""The ``json`` protocol (awsJson1_0 / awsJson1_1): every operation is a POST of one JSON document to ``/``.

Rules (botocore's):

* ``X-Amz-Target: <targetPrefix>.<Operation>`` and ``Content-Type: application/x-amz-json-<jsonVersion>``;
  ``x-amzn-query-mode: true`` when the service is ``awsQueryCompatible``.
* The body is always a JSON object: ``{}`` when there are no parameters or no input shape.
* Bodies are written with ``json.dumps`` defaults, byte-for-byte what botocore sends.
"""

from __future__ import annotations

import json
from typing import Any

from awsession._core.frozen import FrozenValue
from awsession._core.http import SerializedRequest
from awsession.model.shapes import OperationModel

from .json_values import IDENTITY, Encoder, json_encoder
from .operation import (
    OperationTraits,
    TokenFactory,
    expand_host_prefix,
    fill_idempotency_tokens,
    operation_traits,
)
from .shape_refs import operation_plan

__all__ = ["serialize"]

_dumps = json.dumps


class _Plan(FrozenValue):
    __slots__ = ("encoder", "headers", "traits")
    _fields = ("traits", "headers", "encoder")
    traits: OperationTraits
    headers: tuple[tuple[str, str], ...]
    encoder: Encoder | None

    def __init__(self, traits: OperationTraits, headers: tuple[tuple[str, str], ...],
                 encoder: Encoder | None) -> None:
        _set = object.__setattr__
        _set(self, "traits", traits)
        _set(self, "headers", headers)
        _set(self, "encoder", encoder)


def _build(operation: OperationModel) -> _Plan:
    traits = operation_traits(operation)
    metadata = operation.service.metadata
    headers = [
        ("X-Amz-Target", f"{metadata.get('targetPrefix', '')}.{operation.name}"),
        ("Content-Type", f"application/x-amz-json-{metadata.get('jsonVersion', '1.0')}"),
    ]
    if traits.query_compatible:
        headers.append(("x-amzn-query-mode", "true"))
    encoder = json_encoder(operation.service, traits.input_ref) if traits.input_ref else None
    return _Plan(traits, tuple(headers), encoder)


def serialize(
    operation: OperationModel, params: dict[str, Any], *, new_token: TokenFactory | None = None
) -> SerializedRequest:
    plan = operation_plan(operation, "json", _build)
    traits = plan.traits
    if traits.token_members:
        params = fill_idempotency_tokens(traits, params, new_token)
    encoder = plan.encoder
    if encoder is None or not params:
        body = b"{}"
    elif encoder is IDENTITY:
        body = _dumps(params).encode("utf-8")
    else:
        body = _dumps(encoder(params)).encode("utf-8")
    return SerializedRequest(
        traits.method,
        "/",
        {},
        dict(plan.headers),
        body,
        expand_host_prefix(traits, params) if traits.host_prefix else None,
        traits.checksum_required,
        traits.request_compression,
    )
