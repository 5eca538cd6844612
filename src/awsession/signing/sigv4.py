"""SigV4 header signing: string to sign, signing key, and ``sign_request``.

Theory of operation:

* ``sign_request`` takes an :class:`HttpRequest` and returns a new one carrying ``X-Amz-Date`` (or a
  rewritten ``Date``), ``X-Amz-Security-Token``, ``X-Amz-Content-SHA256`` (S3 rules) and
  ``Authorization``. Time is an argument (epoch seconds); nothing reads the clock.
* Headers the signer sets replace any earlier value under any letter case (a retry re-signs).
* Payload hash, in order: an ``X-Amz-Content-SHA256`` header that ends up on the request wins;
  else ``payload_hash`` when given (e.g. :data:`STREAMING_UNSIGNED_PAYLOAD_TRAILER`); else
  ``UNSIGNED-PAYLOAD`` when ``unsigned_payload``; else the body's SHA-256.
  Non-S3 with ``unsigned_payload`` also sends ``X-Amz-Content-SHA256: UNSIGNED-PAYLOAD`` (botocore's
  ``v4-unsigned-body``); S3 always sends the header. Which S3 requests go unsigned is decided by
  :func:`awsession.signing.payload.s3_payload_hash` before signing.
* The derived key is cached per ``(secret, date, region, service)`` in a small process-wide LRU
  (thread-safe); secrets never reach a repr, log line or error message.
"""

from __future__ import annotations

import hmac
import math
import time
from functools import lru_cache
from hashlib import sha256
from urllib.parse import SplitResult, urlsplit

from awsession._core.frozen import FrozenValue
from awsession._core.http import HttpRequest
from awsession.signing.canonical import (
    SIGNED_HEADERS_EXCLUDED,
    UNSIGNED_PAYLOAD,
    canonical_headers,
    canonical_path,
    canonical_query,
    headers_to_sign,
    host_from_url,
    payload_sha256,
)

__all__ = [
    "ALGORITHM",
    "SigV4Parts",
    "amz_date",
    "build_canonical_request",
    "credential_scope",
    "find_header",
    "signing_key",
    "sign_request",
    "sign_request_detailed",
    "signature",
    "string_to_sign",
    "with_headers",
    "without_headers",
]

ALGORITHM = "AWS4-HMAC-SHA256"


class SigV4Parts(FrozenValue):
    """The intermediate values of one signature, for debugging and conformance tests."""

    __slots__ = ("canonical_request", "signature", "signed_headers", "string_to_sign")
    _fields = ("canonical_request", "string_to_sign", "signed_headers", "signature")
    canonical_request: str
    string_to_sign: str
    signed_headers: str
    signature: str

    def __init__(self, canonical_request: str, string_to_sign: str, signed_headers: str,
                 signature: str) -> None:
        _set = object.__setattr__
        _set(self, "canonical_request", canonical_request)
        _set(self, "string_to_sign", string_to_sign)
        _set(self, "signed_headers", signed_headers)
        _set(self, "signature", signature)


def amz_date(timestamp: float) -> str:
    """``YYYYMMDDTHHMMSSZ`` in UTC for epoch seconds (fractions dropped)."""
    return _amz_date_seconds(math.floor(timestamp))


@lru_cache(maxsize=8)
def _amz_date_seconds(seconds: int) -> str:
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(seconds))


def with_headers(request: HttpRequest, headers: dict[str, str]) -> HttpRequest:
    """A copy of ``request`` with ``headers`` (a cheaper ``dataclasses.replace``)."""
    return HttpRequest(request.method, request.url, headers, request.body, request.stream_response)


def credential_scope(date: str, region: str, service: str) -> str:
    return f"{date}/{region}/{service}/aws4_request"


@lru_cache(maxsize=64)
def signing_key(secret_key: str, date: str, region: str, service: str) -> bytes:
    """The derived SigV4 key (cached: one HMAC instead of five per request)."""
    key = hmac.digest(f"AWS4{secret_key}".encode(), date.encode(), "sha256")
    key = hmac.digest(key, region.encode(), "sha256")
    key = hmac.digest(key, service.encode(), "sha256")
    return hmac.digest(key, b"aws4_request", "sha256")


def string_to_sign(timestamp: str, scope: str, canonical_request: str, algorithm: str = ALGORITHM) -> str:
    digest = sha256(canonical_request.encode("utf-8")).hexdigest()
    return f"{algorithm}\n{timestamp}\n{scope}\n{digest}"


def signature(key: bytes, to_sign: str) -> str:
    return hmac.digest(key, to_sign.encode("utf-8"), "sha256").hex()


def find_header(headers: dict[str, str], lname: str) -> str | None:
    """The first value of a header, looked up case-insensitively."""
    for name, value in headers.items():
        if name.lower() == lname:
            return value
    return None


def without_headers(headers: dict[str, str], lnames: frozenset[str]) -> dict[str, str]:
    """A copy of ``headers`` without any header whose lower-cased name is in ``lnames``."""
    return {k: v for k, v in headers.items() if k.lower() not in lnames}


def _http_date(timestamp: float) -> str:
    from email.utils import formatdate

    return formatdate(int(timestamp))


def build_canonical_request(
    method: str,
    parts: SplitResult,
    headers: dict[str, str],
    content_hash: str,
    *,
    normalize: bool,
    double_encode: bool,
) -> tuple[str, str]:
    """``(canonical request, signed header names)`` for a request whose URL is split as ``parts``."""
    block, signed = canonical_headers(headers_to_sign(headers, parts))
    path = canonical_path(parts.path, normalize=normalize, double_encode=double_encode)
    query = canonical_query(parts.query)
    return f"{method.upper()}\n{path}\n{query}\n{block}\n\n{signed}\n{content_hash}", signed


def sign_request_detailed(
    request: HttpRequest,
    *,
    access_key: str,
    secret_key: str,
    token: str | None,
    region: str,
    service: str,
    timestamp: float,
    s3: bool = False,
    payload_hash: str | None = None,
    unsigned_payload: bool = False,
    sign_content_sha256_header: bool = False,
    normalize_path: bool | None = None,
    double_encode: bool | None = None,
) -> tuple[HttpRequest, SigV4Parts]:
    """:func:`sign_request`, also returning the canonical request, string to sign and signature."""
    signed, creq, sts, names, sig = _sign(
        request, access_key, secret_key, token, region, service, timestamp, s3, payload_hash,
        unsigned_payload, sign_content_sha256_header, normalize_path, double_encode)
    return signed, SigV4Parts(creq, sts, names, sig)


# The header names (lower-case) the signer replaces, by (has token, sets the content hash header).
_DROPS = {
    (token, content): frozenset({"authorization", "date", "x-amz-date"}
                                | ({"x-amz-security-token"} if token else set())
                                | ({"x-amz-content-sha256"} if content else set()))
    for token in (False, True) for content in (False, True)
}


def _sign(
    request: HttpRequest,
    access_key: str,
    secret_key: str,
    token: str | None,
    region: str,
    service: str,
    timestamp: float,
    s3: bool,
    payload_hash: str | None,
    unsigned_payload: bool,
    sign_content_sha256_header: bool,
    normalize_path: bool | None,
    double_encode: bool | None,
) -> tuple[HttpRequest, str, str, str, str]:
    """One pass over the headers: the signed copy and the values :class:`SigV4Parts` holds.

    Headers the signer sets are dropped under any case and appended after the kept ones; the
    headers to sign are gathered (lower-cased, values folded and joined) in the same pass.
    """
    stamp = amz_date(timestamp)
    drop = _DROPS[bool(token), s3 or unsigned_payload]
    excluded = SIGNED_HEADERS_EXCLUDED
    new_headers: dict[str, str] = {}
    selected: dict[str, str] = {}
    had_date = False
    content_hash: str | None = None
    for name, value in request.headers.items():
        lname = name.lower()
        if lname in drop:
            if lname == "date":
                had_date = True
            continue
        new_headers[name] = value
        if lname == "x-amz-content-sha256" and content_hash is None:
            content_hash = value
        if lname not in excluded:
            folded = " ".join(value.split())
            previous = selected.get(lname)
            selected[lname] = folded if previous is None else f"{previous},{folded}"
    added: list[tuple[str, str]] = []
    if had_date:
        added.append(("Date", _http_date(timestamp)))
    else:
        added.append(("X-Amz-Date", stamp))
    if token:
        added.append(("X-Amz-Security-Token", token))
    if s3:
        if payload_hash is None:
            payload_hash = UNSIGNED_PAYLOAD if unsigned_payload else payload_sha256(request.body)
        content_hash = payload_hash
        added.append(("X-Amz-Content-SHA256", payload_hash))
    elif unsigned_payload:
        content_hash = UNSIGNED_PAYLOAD
        added.append(("X-Amz-Content-SHA256", UNSIGNED_PAYLOAD))
    elif content_hash is None:
        content_hash = payload_hash if payload_hash is not None else payload_sha256(request.body)
        if sign_content_sha256_header:
            added.append(("X-Amz-Content-SHA256", content_hash))
    for name, value in added:
        new_headers[name] = value
        selected[name.lower()] = " ".join(value.split())
    parts = urlsplit(request.url)
    if "host" not in selected:
        selected["host"] = host_from_url(parts)
    names = sorted(selected)
    signed = ";".join(names)
    block = "\n".join([f"{name}:{selected[name]}" for name in names])
    path = _canonical_path(parts.path, (not s3) if normalize_path is None else normalize_path,
                           (not s3) if double_encode is None else double_encode)
    creq = (f"{request.method.upper()}\n{path}\n{canonical_query(parts.query)}\n{block}\n\n"
            f"{signed}\n{content_hash}")
    date = stamp[:8]
    scope = f"{date}/{region}/{service}/aws4_request"
    sts = f"{ALGORITHM}\n{stamp}\n{scope}\n{sha256(creq.encode('utf-8')).hexdigest()}"
    sig = hmac.digest(signing_key(secret_key, date, region, service), sts.encode("utf-8"),
                      "sha256").hex()
    new_headers["Authorization"] = (
        f"{ALGORITHM} Credential={access_key}/{scope}, SignedHeaders={signed}, Signature={sig}"
    )
    return with_headers(request, new_headers), creq, sts, signed, sig


@lru_cache(maxsize=512)
def _canonical_path(path: str, normalize: bool, double_encode: bool) -> str:
    return canonical_path(path, normalize=normalize, double_encode=double_encode)


def sign_request(
    request: HttpRequest,
    *,
    access_key: str,
    secret_key: str,
    token: str | None,
    region: str,
    service: str,
    timestamp: float,
    s3: bool = False,
    payload_hash: str | None = None,
    unsigned_payload: bool = False,
    sign_content_sha256_header: bool = False,
    normalize_path: bool | None = None,
    double_encode: bool | None = None,
) -> HttpRequest:
    """A copy of ``request`` signed with SigV4 in the ``Authorization`` header.

    ``s3`` selects S3's rules (path neither normalised nor re-encoded, ``X-Amz-Content-SHA256``
    always sent); ``normalize_path``/``double_encode`` override the path rules one by one (from an
    endpoint's ``disableNormalizePath``/``disableDoubleEncoding``). ``sign_content_sha256_header``
    adds and signs ``X-Amz-Content-SHA256`` for non-S3 services that want it.
    """
    return _sign(request, access_key, secret_key, token, region, service, timestamp, s3,
                 payload_hash, unsigned_payload, sign_content_sha256_header, normalize_path,
                 double_encode)[0]
