"""Service customizations: the few places where boto3 changes a call beyond what the model says.

Each customization is a plain function in a module named for what it does, declared in the table
below by stage and by service (``"*"`` = every service). Stages:

* ``params``   — ``(ctx, operation, params) -> params`` before validation (return a new dict);
* ``request``  — ``(ctx, operation, params, serialized) -> None`` after serialization (may edit the
  ``SerializedRequest`` in place: it is private to this call);
* ``response`` — ``(ctx, operation, user_params, parsed, response) -> None`` after parsing a 2xx
  response (``user_params`` are the caller's, before customization).

There are no string events and no ordering flags: the table's order is the order of application.
``APPLIES`` says, for a hook that only concerns some operations, which ones (a predicate over the
operation model): :func:`hooks_for` leaves a hook out of an operation's plan when it cannot act
on it, so the common call runs none of them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..._core.http import HttpResponse, SerializedRequest
from ...model.shapes import OperationModel
from ..context import ClientContext
from . import checksums, compression, s3, services

__all__ = ["APPLIES", "customize_params", "customize_request", "customize_response", "hooks_for"]

ParamsHook = Callable[[ClientContext, OperationModel, dict[str, Any]], dict[str, Any]]
RequestHook = Callable[[ClientContext, OperationModel, dict[str, Any], SerializedRequest], None]
ResponseHook = Callable[[ClientContext, OperationModel, dict[str, Any], dict[str, Any], HttpResponse], None]

PARAMS: dict[str, tuple[ParamsHook, ...]] = {
    "*": (checksums.default_response_checksum_mode,),
    "s3": (s3.validate_bucket_name, s3.copy_source_to_string, s3.sse_customer_key_md5,
           s3.list_objects_encoding_type),
    "glacier": (services.glacier_default_account_id,),
    "route53": (services.route53_strip_id_prefixes,),
}

REQUEST: dict[str, tuple[RequestHook, ...]] = {
    "*": (compression.compress_request, checksums.request_checksum),
    "s3": (s3.strip_bucket_from_path, s3.expect_continue),
    "s3control": (s3.drop_account_host_prefix,),
    "glacier": (services.glacier_version_header,),
    "apigateway": (services.accept_json,),
}

RESPONSE: dict[str, tuple[ResponseHook, ...]] = {
    "*": (checksums.validate_response_checksum,),
    "s3": (s3.decode_list_objects, s3.bucket_location),
}

_EMPTY: tuple[Any, ...] = ()


def _has_http_checksum(operation: OperationModel) -> bool:
    return bool(operation.raw.get("httpChecksum"))


def _may_need_request_checksum(operation: OperationModel) -> bool:
    return bool(operation.raw.get("httpChecksumRequired") or operation.raw.get("httpChecksum"))


def _compresses(operation: OperationModel) -> bool:
    return bool(operation.raw.get("requestcompression"))


def _named(*names: str) -> Callable[[OperationModel], bool]:
    return lambda operation: operation.name in names


# A hook missing here applies to every operation of its services.
APPLIES: dict[Callable[..., Any], Callable[[OperationModel], bool]] = {
    checksums.default_response_checksum_mode: _has_http_checksum,
    checksums.validate_response_checksum: _has_http_checksum,
    checksums.request_checksum: _may_need_request_checksum,
    compression.compress_request: _compresses,
    s3.copy_source_to_string: _named("CopyObject", "UploadPartCopy"),
    s3.list_objects_encoding_type: _named(*s3.LIST_OPERATIONS),
    s3.decode_list_objects: _named(*s3.LIST_OPERATIONS),
    s3.bucket_location: _named("GetBucketLocation"),
    s3.strip_bucket_from_path:
        lambda operation: operation.http.get("requestUri", "").startswith("/{Bucket}"),
    s3.expect_continue: lambda operation: operation.http.get("method") in ("PUT", "POST"),
}


def hooks_for(service_name: str, operation: OperationModel) -> tuple[
        tuple[ParamsHook, ...], tuple[RequestHook, ...], tuple[ResponseHook, ...]]:
    """The hooks of each stage, in order, that can act on ``operation`` of ``service_name``."""
    def keep(hooks: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(h for h in hooks if APPLIES.get(h, _always)(operation))

    return (keep(PARAMS["*"] + PARAMS.get(service_name, _EMPTY)),
            keep(REQUEST.get(service_name, _EMPTY) + REQUEST["*"]),
            keep(RESPONSE["*"] + RESPONSE.get(service_name, _EMPTY)))


def _always(operation: OperationModel) -> bool:
    return True


def customize_params(ctx: ClientContext, operation: OperationModel,
                     params: dict[str, Any]) -> dict[str, Any]:
    for hook in PARAMS["*"] + PARAMS.get(ctx.service_name, _EMPTY):
        params = hook(ctx, operation, params)
    return params


def customize_request(ctx: ClientContext, operation: OperationModel, params: dict[str, Any],
                      serialized: SerializedRequest) -> None:
    for hook in REQUEST.get(ctx.service_name, _EMPTY) + REQUEST["*"]:
        hook(ctx, operation, params, serialized)


def customize_response(ctx: ClientContext, operation: OperationModel, user_params: dict[str, Any],
                       parsed: dict[str, Any], response: HttpResponse) -> None:
    for hook in RESPONSE["*"] + RESPONSE.get(ctx.service_name, _EMPTY):
        hook(ctx, operation, user_params, parsed, response)
