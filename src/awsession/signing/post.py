"""S3 presigned POST (``generate_presigned_post``): the policy document and its signature.

What botocore 1.43 produces, and so what this produces, byte for byte:

* fields: the caller's fields (copied), ``key``, then the auth fields, then ``policy`` and the
  signature. SigV4: ``x-amz-algorithm``, ``x-amz-credential``, ``x-amz-date``,
  [``x-amz-security-token``], ``policy``, ``x-amz-signature``. SigV2: ``AWSAccessKeyId``,
  [``x-amz-security-token``], ``policy``, ``signature``.
* policy: ``{"expiration": <now + expires_in, ISO 8601 Z>, "conditions": [caller's conditions...,
  {"bucket": b}, {"key": k} or ["starts-with", "$key", prefix] for a ``${filename}`` key, then one
  condition per auth field]}`` dumped with ``json.dumps`` defaults, then base64.
* SigV4 signs the base64 policy text with the derived key; SigV2 with HMAC-SHA1 of the secret.

The token condition and field are added whenever a token is given, even an empty one. The caller's
``conditions`` list is not changed (botocore appends to it; nobody should rely on that).
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Mapping, Sequence
from typing import Any

from awsession.signing.hmacv1 import sign_string
from awsession.signing.sigv4 import ALGORITHM, amz_date, credential_scope, signature, signing_key

__all__ = ["presigned_post_s3v2", "presigned_post_v4"]

_FILENAME = "${filename}"


def _start(
    bucket: str, key: str, fields: Mapping[str, Any] | None, conditions: Sequence[Any] | None,
    expires_in: float, timestamp: float,
) -> tuple[dict[str, Any], dict[str, Any]]:
    new_fields = dict(fields or {})
    new_conditions = list(conditions or [])
    new_conditions.append({"bucket": bucket})
    if key.endswith(_FILENAME):
        new_conditions.append(["starts-with", "$key", key[: -len(_FILENAME)]])
    else:
        new_conditions.append({"key": key})
    new_fields["key"] = key
    expiration = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(timestamp + expires_in))
    return new_fields, {"expiration": expiration, "conditions": new_conditions}


def _encode_policy(policy: dict[str, Any]) -> str:
    return base64.b64encode(json.dumps(policy).encode("utf-8")).decode("utf-8")


def presigned_post_v4(
    *,
    url: str,
    bucket: str,
    key: str,
    access_key: str,
    secret_key: str,
    token: str | None,
    region: str,
    timestamp: float,
    fields: Mapping[str, Any] | None = None,
    conditions: Sequence[Any] | None = None,
    expires_in: float = 3600,
    service: str = "s3",
) -> dict[str, Any]:
    """``{"url": url, "fields": {...}}`` for a SigV4-signed browser POST upload."""
    out, policy = _start(bucket, key, fields, conditions, expires_in, timestamp)
    stamp = amz_date(timestamp)
    credential = f"{access_key}/{credential_scope(stamp[:8], region, service)}"
    auth = {"x-amz-algorithm": ALGORITHM, "x-amz-credential": credential, "x-amz-date": stamp}
    if token is not None:
        auth["x-amz-security-token"] = token
    out.update(auth)
    policy["conditions"].extend({name: value} for name, value in auth.items())
    out["policy"] = _encode_policy(policy)
    out["x-amz-signature"] = signature(signing_key(secret_key, stamp[:8], region, service), out["policy"])
    return {"url": url, "fields": out}


def presigned_post_s3v2(
    *,
    url: str,
    bucket: str,
    key: str,
    access_key: str,
    secret_key: str,
    token: str | None,
    timestamp: float,
    fields: Mapping[str, Any] | None = None,
    conditions: Sequence[Any] | None = None,
    expires_in: float = 3600,
) -> dict[str, Any]:
    """``{"url": url, "fields": {...}}`` for a SigV2-signed browser POST upload."""
    out, policy = _start(bucket, key, fields, conditions, expires_in, timestamp)
    out["AWSAccessKeyId"] = access_key
    if token is not None:
        out["x-amz-security-token"] = token
        policy["conditions"].append({"x-amz-security-token": token})
    out["policy"] = _encode_policy(policy)
    out["signature"] = sign_string(secret_key, out["policy"])
    return {"url": url, "fields": out}
