"""S3's legacy SigV2 (HMAC-SHA1, botocore's "hmacv1"): canonical string, header signing.

Canonical string (botocore 1.43's rules)::

    METHOD \\n Content-MD5 \\n Content-Type \\n Date \\n [x-amz-name:value \\n ...] resource

* The three standard header values are stripped (missing ones are empty lines); ``Date`` is the
  HTTP date for header signing and the expiry epoch seconds for presigned URLs.
* ``x-amz-*`` headers are lower-cased, sorted, values stripped (case-variant repeats joined by ``,``).
* The resource is ``auth_path`` (``/bucket/key`` for virtual-hosted URLs) or the URL path, plus
  the sub-resources of interest from the query (``acl``, ``uploads``, ``response-*`` overrides, ...),
  sorted by name, values percent-decoded, a bare ``uploads`` kept bare.
"""

from __future__ import annotations

import base64
import hmac
from collections.abc import Mapping
from hashlib import sha1
from urllib.parse import SplitResult, unquote, urlsplit

from awsession._core.http import HttpRequest

__all__ = ["SUBRESOURCES", "canonical_resource", "canonical_string", "sign_request_s3v2", "sign_string"]

SUBRESOURCES = frozenset(
    {
        "accelerate", "acl", "cors", "defaultObjectAcl", "location", "logging", "partNumber",
        "policy", "requestPayment", "torrent", "versioning", "versionId", "versions", "website",
        "uploads", "uploadId", "response-content-type", "response-content-language",
        "response-expires", "response-cache-control", "response-content-disposition",
        "response-content-encoding", "delete", "lifecycle", "tagging", "restore", "storageClass",
        "notification", "replication", "analytics", "metrics", "inventory", "select",
        "select-type", "object-lock",
    }
)
_STANDARD = ("content-md5", "content-type", "date")


def sign_string(secret_key: str, to_sign: str) -> str:
    """Base64 HMAC-SHA1 of ``to_sign``."""
    digest = hmac.digest(secret_key.encode("utf-8"), to_sign.encode("utf-8"), sha1)
    return base64.b64encode(digest).decode("ascii")


def _first(headers: Mapping[str, str], lname: str) -> str | None:
    for name, value in headers.items():
        if name.lower() == lname:
            return value
    return None


def canonical_resource(parts: SplitResult, auth_path: str | None = None) -> str:
    resource = auth_path if auth_path is not None else parts.path
    if not parts.query:
        return resource
    chosen: list[list[str]] = []
    for pair in parts.query.split("&"):
        split = pair.split("=", 1)
        if split[0] in SUBRESOURCES:
            if len(split) == 2:
                split[1] = unquote(split[1])
            chosen.append(split)
    if not chosen:
        return resource
    chosen.sort(key=lambda item: item[0])
    return resource + "?" + "&".join("=".join(item) for item in chosen)


def canonical_string(
    method: str, parts: SplitResult, headers: Mapping[str, str], *, auth_path: str | None = None
) -> str:
    """The SigV2 string to sign; ``headers`` must already hold the final ``Date`` value."""
    lines = [method.upper()]
    for wanted in _STANDARD:
        # A name present in several letter cases counts once per variant, with the first value.
        found = [_first(headers, wanted) for name in headers if name.lower() == wanted]
        lines.append("\n".join(v.strip() for v in found if v is not None))
    custom: dict[str, list[str]] = {}
    for name, value in headers.items():
        lname = name.lower()
        if lname.startswith("x-amz-"):
            custom.setdefault(lname, []).append(value.strip())
    text = "\n".join(lines) + "\n"
    if custom:
        text += "\n".join(f"{k}:{','.join(custom[k])}" for k in sorted(custom)) + "\n"
    return text + canonical_resource(parts, auth_path)


def sign_request_s3v2(
    request: HttpRequest,
    *,
    access_key: str,
    secret_key: str,
    token: str | None,
    timestamp: float,
    auth_path: str | None = None,
) -> HttpRequest:
    """A copy of ``request`` with ``Date`` and ``Authorization: AWS <key>:<signature>`` (SigV2)."""
    from email.utils import formatdate

    drop = {"date", "authorization"}
    if token:
        drop.add("x-amz-security-token")
    headers = {k: v for k, v in request.headers.items() if k.lower() not in drop}
    if token:
        headers["x-amz-security-token"] = token
    headers["Date"] = formatdate(int(timestamp), usegmt=True)
    to_sign = canonical_string(request.method, urlsplit(request.url), headers, auth_path=auth_path)
    headers["Authorization"] = f"AWS {access_key}:{sign_string(secret_key, to_sign)}"
    return HttpRequest(request.method, request.url, headers, request.body, request.stream_response)
