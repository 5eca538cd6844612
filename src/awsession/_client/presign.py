"""``client.generate_presigned_url`` and S3's ``client.generate_presigned_post``.

Theory of operation: the request is prepared without being sent
(:func:`awsession._pipeline.presign_request.prepare_presign`), then signed into a URL (SigV4 query
or S3's SigV2 query) or a POST policy, with the time read from the client's ``ctx.env.clock``.

Rules (boto3 1.43.11, reference section 11):

1. S3 presigning resolves the endpoint with ``use_global_endpoint`` on in the ``aws`` partition,
   unless S3's ``use_dualstack_endpoint`` is on, ``us_east_1_regional_endpoint`` is ``regional``
   in ``us-east-1``, or the addressing style is ``virtual``; path-style, ARN and directory buckets
   keep their own host (the endpoints room applies that part).
2. Without a configured signature version (``Config(signature_version=...)`` or the profile's
   ``s3 = signature_version``), S3 presigns with SigV2 in the regions whose legacy endpoint data
   lists ``s3`` among the ``signatureVersions`` (and in ``aws-global``); elsewhere SigV4.
3. ``generate_presigned_post`` prepares ``CreateBucket`` for the URL and signs as ``PutObject``.
4. An unsigned client (``UNSIGNED``) gets the bare URL (or only the caller's fields and ``key``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import cache
from typing import Any

from .._pipeline.presign_request import PresignTarget, prepare_presign
from ..exceptions import NoCredentialsError, UnknownClientMethodError, UnsupportedSignatureVersionError
from ..signing.post import presigned_post_s3v2, presigned_post_v4
from ..signing.presign import presign_url_s3v2, presign_url_v4

__all__ = ["generate_presigned_post", "generate_presigned_url", "s3_presign_sigv2",
           "should_use_global_endpoint"]


def should_use_global_endpoint(partition: str, s3_settings: Mapping[str, Any],
                               region: str | None) -> bool:
    """botocore's ``_should_use_global_endpoint`` (rule 1), from the client's settings."""
    if partition != "aws":
        return False
    if s3_settings.get("use_dualstack_endpoint", False):
        return False
    if s3_settings.get("us_east_1_regional_endpoint") == "regional" and region == "us-east-1":
        return False
    return s3_settings.get("addressing_style") != "virtual"


@cache
def _legacy_s3_sigv2(partition: str, region: str) -> bool:
    from ..endpoints.legacy import get_available_regions
    from ..model.services import load_endpoints_legacy

    if region != "aws-global" and region not in get_available_regions("s3", partition):
        return False
    for data in load_endpoints_legacy()["partitions"]:
        if data["partition"] != partition:
            continue
        service = data["services"].get("s3", {})
        endpoint = service.get("endpoints", {}).get(region, {})
        versions = (endpoint.get("signatureVersions")
                    or service.get("defaults", {}).get("signatureVersions")
                    or data.get("defaults", {}).get("signatureVersions") or ())
        return "s3" in versions
    return False


def s3_presign_sigv2(client: Any) -> bool:
    """Whether S3 presigning defaults to SigV2 for this client (rule 2)."""
    ctx = client._ctx
    if ctx.service_name != "s3" or ctx.signature_version is not None:
        return False
    if ctx.s3_settings.get("signature_version"):
        return False
    return _legacy_s3_sigv2(client.meta.partition, ctx.region or "")


def _resolver(client: Any) -> Callable[[Any, dict[str, Any]], Any]:
    """The endpoint resolver for presigning: the call's one, with S3's global-endpoint context."""
    from ..endpoints.params import build_endpoint_params
    from ..endpoints.partitions import default_partitions
    from ..endpoints.rules import Endpoint
    from .endpoint_setup import EndpointSetup

    ctx = client._ctx
    setup = getattr(ctx.resolve_endpoint, "__self__", None)
    if ctx.service_name != "s3" or not isinstance(setup, EndpointSetup):
        return ctx.resolve_endpoint  # type: ignore[no-any-return]
    if not should_use_global_endpoint(client.meta.partition, ctx.s3_settings, ctx.region):
        return ctx.resolve_endpoint  # type: ignore[no-any-return]
    request_context = {"use_global_endpoint": True}

    def resolve(operation: Any, params: dict[str, Any]) -> Any:
        values = build_endpoint_params(setup.ruleset, setup.service_model, operation, params,
                                       setup.builtins, setup.client_context,
                                       request_context=request_context)
        endpoint: Endpoint = setup.ruleset.resolve(values, default_partitions())
        if not setup.use_ssl and endpoint.url.startswith("https:"):
            return Endpoint("http:" + endpoint.url[6:], endpoint.headers, endpoint.properties)
        return endpoint

    return resolve


def _credentials(ctx: Any) -> tuple[str, str, str | None] | None:
    credentials = ctx.get_credentials()
    if credentials is None:
        return None
    access_key, secret_key, token = credentials[0], credentials[1], credentials[2]
    if not access_key or not secret_key:
        raise NoCredentialsError()
    return access_key, secret_key, token


def generate_presigned_url(client: Any, ClientMethod: str,
                           Params: Mapping[str, Any] | None = None, ExpiresIn: int = 3600,
                           HttpMethod: str | None = None) -> str:
    """A URL that performs ``ClientMethod(**Params)`` for ``ExpiresIn`` seconds."""
    op_name = client._PY_TO_OP_NAME.get(ClientMethod)
    if op_name is None:
        raise UnknownClientMethodError(method_name=ClientMethod)
    ctx = client._ctx
    operation = ctx.service_model.operation_model(op_name)
    target = prepare_presign(ctx, operation, dict(Params or {}), signing_type="presign-url",
                             resolve_endpoint=_resolver(client),
                             s3_presign_sigv2=s3_presign_sigv2(client), method=HttpMethod)
    return _sign_url(ctx, target, ExpiresIn)


def _sign_url(ctx: Any, target: PresignTarget, expires_in: int) -> str:
    request, auth = target.request, target.auth
    if auth.scheme == "none":
        return request.url
    credentials = _credentials(ctx)
    if credentials is None:
        return request.url
    access_key, secret_key, token = credentials
    now = ctx.env.clock.time() + ctx.clock_skew[0]
    if auth.scheme in ("v4-query", "s3v4-query"):
        return presign_url_v4(request, access_key=access_key, secret_key=secret_key, token=token,
                              region=auth.signing_region or "us-east-1",
                              service=auth.signing_name, timestamp=now, expires=expires_in,
                              s3=auth.s3)
    if auth.scheme == "s3-query":
        return presign_url_s3v2(request, access_key=access_key, secret_key=secret_key,
                                token=token, timestamp=now, expires=expires_in,
                                auth_path=target.auth_path)
    raise UnsupportedSignatureVersionError(signature_version=auth.scheme)


def generate_presigned_post(client: Any, Bucket: str, Key: str,
                            Fields: Mapping[str, Any] | None = None,
                            Conditions: Sequence[Any] | None = None,
                            ExpiresIn: int = 3600) -> dict[str, Any]:
    """``{"url": ..., "fields": {...}}`` for a browser form upload of ``Key`` to ``Bucket``."""
    ctx = client._ctx
    operation = ctx.service_model.operation_model("CreateBucket")
    target = prepare_presign(ctx, operation, {"Bucket": Bucket}, signing_type="presign-post",
                             resolve_endpoint=_resolver(client),
                             s3_presign_sigv2=s3_presign_sigv2(client))
    url, auth = target.request.url, target.auth
    credentials = _credentials(ctx) if auth.scheme != "none" else None
    if credentials is None:
        return {"url": url, "fields": {**(Fields or {}), "key": Key}}
    access_key, secret_key, token = credentials
    now = ctx.env.clock.time() + ctx.clock_skew[0]
    if auth.scheme == "s3v4-presign-post":
        return presigned_post_v4(url=url, bucket=Bucket, key=Key, access_key=access_key,
                                 secret_key=secret_key, token=token,
                                 region=auth.signing_region or "us-east-1", timestamp=now,
                                 fields=Fields, conditions=Conditions, expires_in=ExpiresIn,
                                 service=auth.signing_name)
    if auth.scheme == "s3-presign-post":
        return presigned_post_s3v2(url=url, bucket=Bucket, key=Key, access_key=access_key,
                                   secret_key=secret_key, token=token, timestamp=now,
                                   fields=Fields, conditions=Conditions, expires_in=ExpiresIn)
    raise UnsupportedSignatureVersionError(signature_version=auth.scheme)
