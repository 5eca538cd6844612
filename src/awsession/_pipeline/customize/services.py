"""Small per-service customizations: Glacier, Route 53 and API Gateway."""

from __future__ import annotations

from typing import Any

from ..._core.http import SerializedRequest
from ...model.shapes import OperationModel
from ..context import ClientContext

__all__ = [
    "accept_json",
    "glacier_default_account_id",
    "glacier_version_header",
    "route53_strip_id_prefixes",
]

_ROUTE53_ID_SHAPES = ("ResourceId", "DelegationSetId", "ChangeId")


def glacier_default_account_id(ctx: ClientContext, operation: OperationModel,
                               params: dict[str, Any]) -> dict[str, Any]:
    # Glacier requires accountId; '-' means the caller's own account.
    if params.get("accountId") is None:
        params = dict(params)
        params["accountId"] = "-"
    return params


def glacier_version_header(ctx: ClientContext, operation: OperationModel, params: dict[str, Any],
                           serialized: SerializedRequest) -> None:
    serialized.headers["x-amz-glacier-version"] = operation.service.api_version


def accept_json(ctx: ClientContext, operation: OperationModel, params: dict[str, Any],
                serialized: SerializedRequest) -> None:
    serialized.headers.setdefault("Accept", "application/json")


def route53_strip_id_prefixes(ctx: ClientContext, operation: OperationModel,
                              params: dict[str, Any]) -> dict[str, Any]:
    # '/hostedzone/Z123' as returned by one call is accepted as 'Z123' by the next.
    shape = operation.input_shape
    if not shape:
        return params
    for name, ref in shape.get("members", {}).items():
        if ref["shape"] in _ROUTE53_ID_SHAPES and isinstance(params.get(name), str):
            params = dict(params)
            params[name] = params[name].split("/")[-1]
    return params
