"""Presigned URLs: SigV4 query-string signing, and S3's SigV2 (``s3-query``) variant.

SigV4 query rules (byte-compatible with botocore 1.43's ``SigV4QueryAuth``/``S3SigV4QueryAuth``):

* The URL's query is decoded (``+`` is a space; a repeated key keeps its first value), the body's
  parameters (a mapping, or a JSON object body) are merged in, and the whole is re-encoded with only
  ``A-Z a-z 0-9 - _ . ~`` bare; then come ``X-Amz-Algorithm``, ``X-Amz-Credential``, ``X-Amz-Date``,
  ``X-Amz-Expires``, ``X-Amz-SignedHeaders`` and (when a token is given, even empty)
  ``X-Amz-Security-Token``, in that order; ``X-Amz-Signature`` is appended last.
* The form content type botocore sets by default is dropped; other headers are signed.
* Payload: an ``X-Amz-Content-SHA256`` header wins; else ``payload_hash``; else S3 uses
  ``UNSIGNED-PAYLOAD`` and other services the SHA-256 of the (now empty) body.

SigV2 rules: see :mod:`awsession.signing.hmacv1`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit, urlunsplit

from awsession._core.http import HttpRequest
from awsession.signing.canonical import UNSIGNED_PAYLOAD, canonical_headers, headers_to_sign, payload_sha256
from awsession.signing.hmacv1 import canonical_string, sign_string
from awsession.signing.sigv4 import (
    ALGORITHM,
    SigV4Parts,
    amz_date,
    build_canonical_request,
    credential_scope,
    find_header,
    signature,
    signing_key,
    string_to_sign,
)

__all__ = ["percent_encode_pairs", "presign_url_s3v2", "presign_url_v4", "presign_url_v4_detailed"]

_FORM_CONTENT_TYPE = "application/x-www-form-urlencoded; charset=utf-8"
_SAFE = "-_.~"


def _encode(value: Any) -> str:
    if not isinstance(value, (bytes, str)):
        value = str(value)
    return quote(value, safe=_SAFE)


def percent_encode_pairs(pairs: Iterable[tuple[str, Any]]) -> str:
    """``k=v&...`` with AWS's encoding; a list value gives one pair per element."""
    out: list[str] = []
    for key, value in pairs:
        if isinstance(value, list):
            out.extend(f"{_encode(key)}={_encode(item)}" for item in value)
        else:
            out.append(f"{_encode(key)}={_encode(value)}")
    return "&".join(out)


def _body_params(body: Any) -> Mapping[str, Any]:
    if isinstance(body, Mapping):
        return body
    if isinstance(body, (bytes, bytearray)):
        body = bytes(body).decode("utf-8")
    if isinstance(body, str):
        loaded = json.loads(body)
        if isinstance(loaded, dict):
            return loaded
    raise ValueError("a presigned request's body must be a mapping or a JSON object to move into the query")


def presign_url_v4_detailed(
    request: HttpRequest,
    *,
    access_key: str,
    secret_key: str,
    token: str | None,
    region: str,
    service: str,
    timestamp: float,
    expires: int = 3600,
    s3: bool = False,
    payload_hash: str | None = None,
    normalize_path: bool | None = None,
    double_encode: bool | None = None,
) -> tuple[str, SigV4Parts]:
    """:func:`presign_url_v4`, also returning the intermediate signing values."""
    headers = request.headers
    if find_header(headers, "content-type") == _FORM_CONTENT_TYPE:
        headers = {k: v for k, v in headers.items() if k.lower() != "content-type"}
    stamp = amz_date(timestamp)
    date = stamp[:8]
    scope = credential_scope(date, region, service)
    parts = urlsplit(request.url)
    _, signed_names = canonical_headers(headers_to_sign(headers, parts))
    auth_params: list[tuple[str, Any]] = [
        ("X-Amz-Algorithm", ALGORITHM),
        ("X-Amz-Credential", f"{access_key}/{scope}"),
        ("X-Amz-Date", stamp),
        ("X-Amz-Expires", expires),
        ("X-Amz-SignedHeaders", signed_names),
    ]
    if token is not None:
        auth_params.append(("X-Amz-Security-Token", token))
    query = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
    body = request.body
    if body:
        query.update(_body_params(body))
        body = b""
    operation_params = percent_encode_pairs(query.items()) + "&" if query else ""
    new_query = operation_params + percent_encode_pairs(auth_params)
    url = urlunsplit((parts.scheme, parts.netloc, parts.path, new_query, parts.fragment))
    content_hash = find_header(headers, "x-amz-content-sha256")
    if content_hash is None:
        if payload_hash is not None:
            content_hash = payload_hash
        else:
            content_hash = UNSIGNED_PAYLOAD if s3 else payload_sha256(body)
    creq, signed = build_canonical_request(
        request.method,
        urlsplit(url),
        headers,
        content_hash,
        normalize=(not s3) if normalize_path is None else normalize_path,
        double_encode=(not s3) if double_encode is None else double_encode,
    )
    sts = string_to_sign(stamp, scope, creq)
    sig = signature(signing_key(secret_key, date, region, service), sts)
    return f"{url}&X-Amz-Signature={sig}", SigV4Parts(creq, sts, signed, sig)


def presign_url_v4(
    request: HttpRequest,
    *,
    access_key: str,
    secret_key: str,
    token: str | None,
    region: str,
    service: str,
    timestamp: float,
    expires: int = 3600,
    s3: bool = False,
    payload_hash: str | None = None,
    normalize_path: bool | None = None,
    double_encode: bool | None = None,
) -> str:
    """The SigV4 presigned URL for ``request`` (``s3`` selects S3's path and payload rules)."""
    return presign_url_v4_detailed(
        request,
        access_key=access_key,
        secret_key=secret_key,
        token=token,
        region=region,
        service=service,
        timestamp=timestamp,
        expires=expires,
        s3=s3,
        payload_hash=payload_hash,
        normalize_path=normalize_path,
        double_encode=double_encode,
    )[0]


def presign_url_s3v2(
    request: HttpRequest,
    *,
    access_key: str,
    secret_key: str,
    token: str | None,
    timestamp: float,
    expires: int = 3600,
    auth_path: str | None = None,
) -> str:
    """S3's SigV2 presigned URL: ``AWSAccessKeyId``, ``Signature``, chosen headers, ``Expires``.

    ``auth_path`` is the path including the bucket for virtual-hosted URLs (``/bucket/key``).
    """
    expires_at = str(int(timestamp + int(expires)))
    headers = {k: v for k, v in request.headers.items() if k.lower() != "date"}
    if token:
        headers = {k: v for k, v in headers.items() if k.lower() != "x-amz-security-token"}
        headers["x-amz-security-token"] = token
    headers["Date"] = expires_at
    parts = urlsplit(request.url)
    to_sign = canonical_string(request.method, parts, headers, auth_path=auth_path)
    query: dict[str, str] = {"AWSAccessKeyId": access_key, "Signature": sign_string(secret_key, to_sign)}
    for name in headers:
        lname = name.lower()
        if name == "Date":
            query["Expires"] = expires_at
        elif lname.startswith("x-amz-") or lname in ("content-md5", "content-type"):
            value = find_header(headers, lname)
            if value is not None:
                query[lname] = value
    new_query = percent_encode_pairs(query.items())
    if parts.query:
        new_query = f"{parts.query}&{new_query}"
    return urlunsplit((parts.scheme, parts.netloc, parts.path, new_query, parts.fragment))
