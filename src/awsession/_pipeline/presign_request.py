"""The request a presigned URL or POST stands for: prepared like a call, never sent.

Rules (botocore 1.43's ``generate_presigned_url``/``generate_presigned_post``):

1. Preparation is the call's own (:func:`prepare.prepare_call`: parameter customizations,
   validation, serialization, request customizations, endpoint, URL), with three differences:
   the endpoint is resolved by the caller's ``resolve_endpoint`` (the client layer passes one that
   sets S3's ``use_global_endpoint`` request context); no *default* request checksum and no
   default ``ChecksumMode`` are added (botocore's hooks see no client config when presigning; a
   checksum the caller asked for, by algorithm or value, stays); and there is no ``User-Agent``.
2. The signer is chosen for ``signing_type`` (``presign-url`` or ``presign-post``); S3's SigV2
   default applies when ``s3_presign_sigv2``; the endpoint's signing region is ignored unless the
   bucket is an ARN, so the client's region signs.
3. A query-protocol form body becomes a mapping, which the SigV4 query signer moves into the URL.

Nothing here performs I/O or reads the clock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from .._core.http import HttpRequest
from ..model.shapes import OperationModel
from ..signing.auth import AuthDecision, SigningType, is_unsigned
from .auth import choose_operation_auth
from .context import ClientContext
from .prepare import prepare_call

__all__ = ["PresignTarget", "is_arn", "prepare_presign"]

_FORM = "application/x-www-form-urlencoded"
_CHECKSUM_PREFIX = "x-amz-checksum-"


@dataclass(frozen=True, slots=True)
class PresignTarget:
    """An unsigned request and how to presign it."""

    request: HttpRequest
    auth: AuthDecision
    auth_path: str | None
    """S3 SigV2: the path with the bucket (virtual-hosted URLs drop it from the URL path)."""
    params: dict[str, Any]
    """The parameters after customizations."""


def is_arn(value: Any) -> bool:
    """botocore's ``ArnParser.is_arn``: ``arn:`` and at least six ``:``-separated parts."""
    return isinstance(value, str) and value.startswith("arn:") and len(value.split(":", 5)) >= 6


def prepare_presign(ctx: ClientContext, operation: OperationModel, params: dict[str, Any], *,
                    signing_type: SigningType, resolve_endpoint: Callable[[Any, dict[str, Any]], Any],
                    s3_presign_sigv2: bool = False, method: str | None = None) -> PresignTarget:
    presign_ctx = ctx.replace(resolve_endpoint=resolve_endpoint,
                              request_checksum_calculation="when_required",
                              response_checksum_validation="when_required",
                              auth_cache={})
    prepared = prepare_call(presign_ctx, operation, params)
    headers = _presign_headers(operation, prepared.params, prepared.headers)
    body: Any = prepared.body
    content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
    if body and content_type.startswith(_FORM):
        text = body.decode("utf-8") if isinstance(body, (bytes, bytearray)) else str(body)
        body = dict(parse_qsl(text, keep_blank_values=True))
    service = ctx.service_model
    endpoint = prepared.endpoint
    if is_unsigned(ctx.signature_version):
        # choose_auth gives "none-query" here (signing room); UNSIGNED simply means no signature.
        decision = AuthDecision("none", service.signing_name, ctx.region)
    else:
        decision = choose_operation_auth(
            ctx, operation, endpoint,
            operation_name="PutObject" if signing_type == "presign-post" else None,
            signing_type=signing_type, s3_presign_sigv2=s3_presign_sigv2,
            ignore_signing_region=not is_arn(prepared.params.get("Bucket", "")))
    request = HttpRequest(method=method if method is not None else prepared.method,
                          url=prepared.url, headers=headers, body=body)
    return PresignTarget(request=request, auth=decision, auth_path=prepared.auth_path,
                         params=prepared.params)


def _presign_headers(operation: OperationModel, params: dict[str, Any],
                     headers: dict[str, str]) -> dict[str, str]:
    """The prepared headers without ``User-Agent`` and without checksums nobody asked for."""
    http_checksum = operation.raw.get("httpChecksum") or {}
    member = http_checksum.get("requestAlgorithmMember")
    asked = bool(member and member in params)
    kept: set[str] = set()
    algorithm_header = None
    input_shape = operation.input_shape or {}
    for name, ref in input_shape.get("members", {}).items():
        if ref.get("location") != "header":
            continue
        wire = str(ref.get("locationName", name)).lower()
        if name in params:
            kept.add(wire)
        if name == member:
            algorithm_header = wire
    out: dict[str, str] = {}
    for name, value in headers.items():
        lower = name.lower()
        if lower == "user-agent":
            continue
        if not asked and lower not in kept and (
                lower.startswith(_CHECKSUM_PREFIX) or lower == algorithm_header):
            continue
        out[name] = value
    return out
