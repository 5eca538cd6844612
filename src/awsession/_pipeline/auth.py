"""Step 2b of a call: choose the signer once per call, sign a fresh copy on every attempt.

The choice (``signing.auth.choose_auth``) depends on the service and operation traits, the
resolved endpoint's ``authSchemes`` and the client's ``signature_version``; it is cached per client
by operation and endpoint. Signing reads credentials (which may refresh) and the clock through the
client context, so a retry carries a new date and current credentials.
"""

from __future__ import annotations

from typing import Any

from .._core.http import HttpRequest
from ..exceptions import NoCredentialsError, UnsupportedSignatureVersionError
from ..model.shapes import OperationModel
from ..signing.auth import AuthDecision, SigningType, choose_auth
from ..signing.hmacv1 import sign_request_s3v2
from ..signing.payload import payload_hash_mode, s3_payload_hash_mode
from ..signing.sigv4 import sign_request
from .context import ClientContext

__all__ = ["choose_operation_auth", "decide_auth", "sign_for_operation"]


def decide_auth(ctx: ClientContext, operation: OperationModel, endpoint: Any) -> AuthDecision:
    key = (operation.name, id(endpoint))
    cached = ctx.auth_cache.get(key)
    if cached is not None and cached[0] is endpoint:
        return cached[1]  # type: ignore[no-any-return]
    decision = choose_operation_auth(ctx, operation, endpoint)
    ctx.auth_cache[key] = (endpoint, decision)
    return decision


def choose_operation_auth(ctx: ClientContext, operation: OperationModel, endpoint: Any, *,
                          operation_name: str | None = None,
                          signing_type: SigningType = "standard", s3_presign_sigv2: bool = False,
                          ignore_signing_region: bool = False) -> AuthDecision:
    """``choose_auth`` fed from the client, the operation and the resolved endpoint.

    Calls use the defaults; presigning passes its signing type and switches, and presigned POSTs
    decide as ``PutObject`` (``operation_name``).
    """
    service = ctx.service_model
    return choose_auth(
        service_name=service.service_name,
        signing_name=service.signing_name,
        region=ctx.region,
        operation_name=operation.name if operation_name is None else operation_name,
        service_auth=service.auth,
        service_signature_version=service.signature_version,
        operation_auth=operation.auth,
        operation_authtype=operation.auth_type,
        unsigned_payload=operation.unsigned_payload,
        endpoint_auth_schemes=(endpoint.properties or {}).get("authSchemes"),
        signature_version=ctx.signature_version,
        configured_signature_version=ctx.s3_settings.get("signature_version")
        if service.service_name == "s3" else None,
        signing_type=signing_type,
        s3_presign_sigv2=s3_presign_sigv2,
        ignore_signing_region=ignore_signing_region,
    )


def sign_for_operation(ctx: ClientContext, prepared: Any, request: HttpRequest) -> HttpRequest:
    decision: AuthDecision = prepared.auth
    scheme = decision.scheme
    if scheme == "none":
        return request
    credentials = ctx.get_credentials()
    if credentials is None:
        return request
    access_key, secret_key, token = credentials[0], credentials[1], credentials[2]
    if not access_key or not secret_key:
        raise NoCredentialsError()
    now = ctx.env.clock.time() + ctx.clock_skew[0]
    if scheme in ("v4", "s3v4"):
        operation = prepared.operation
        if decision.s3:
            checksum = next((name for name in request.headers
                             if name.lower().startswith("x-amz-checksum-")), None)
            payload_hash = s3_payload_hash_mode(
                request.url, request.headers,
                configured=ctx.s3_settings.get("payload_signing_enabled"),
                checksum_header=checksum,
                has_streaming_input=operation.has_streaming_input,
                operation_payload_signing=decision.payload_signing,
            )
            unsigned = False
        else:
            payload_hash = payload_hash_mode(request.url,
                                             operation_payload_signing=decision.payload_signing)
            unsigned = not decision.payload_signing and request.url.startswith("https")
            if unsigned:
                payload_hash = None
        return sign_request(
            request, access_key=access_key, secret_key=secret_key, token=token,
            region=decision.signing_region or ctx.region or "us-east-1",
            service=decision.signing_name, timestamp=now, s3=decision.s3,
            payload_hash=payload_hash, unsigned_payload=unsigned,
        )
    if scheme == "s3":
        return sign_request_s3v2(request, access_key=access_key, secret_key=secret_key,
                                 token=token, timestamp=now, auth_path=prepared.auth_path)
    raise UnsupportedSignatureVersionError(signature_version=scheme)
