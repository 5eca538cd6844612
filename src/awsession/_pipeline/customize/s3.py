"""S3's customizations (what boto3 does to S3 calls beyond the model).

* ``Bucket`` must be a plain bucket name or an access-point/outpost ARN, checked before anything.
* ``CopySource`` given as a dict or a string becomes the percent-encoded ``bucket/key[?versionId=]``.
* SSE-C keys are sent base64-encoded with their base64 MD5, unless the caller gave the MD5.
* List operations ask for ``EncodingType=url`` when the caller did not, and decode the keys back,
  so keys with any characters survive the XML round trip.
* Object uploads (``PutObject``/``UploadPart`` with a ``Body``, or any PUT/POST whose body is a
  file) carry ``Expect: 100-continue``, as boto3 sends it.
* The model's ``/{Bucket}`` path prefix is dropped: the endpoint rules already place the bucket in
  the host (virtual style) or in the endpoint's path (path style).
"""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any
from urllib.parse import quote, unquote

from ..._core.http import HttpResponse, SerializedRequest
from ...exceptions import ParamValidationError
from ...model.shapes import OperationModel
from ..context import ClientContext

__all__ = [
    "LIST_OPERATIONS",
    "bucket_location",
    "copy_source_to_string",
    "decode_list_objects",
    "drop_account_host_prefix",
    "expect_continue",
    "list_objects_encoding_type",
    "sse_customer_key_md5",
    "strip_bucket_from_path",
    "validate_bucket_name",
]

_SAFE = "-._~/"
_VALID_BUCKET = re.compile(r"^[a-zA-Z0-9.\-_]{1,255}$")
# Patterns needed only off the common path (ARN buckets, copy sources): compiled (by ``re``'s
# cache) when first used, not when the first call imports this module.
_VERSION_ID_SUFFIX = r"\?versionId=[^\s]+$"
_VALID_BUCKET_ARN = (
    r"^arn:(aws).*:(s3|s3-object-lambda):[a-z\-0-9]*:[0-9]{12}:accesspoint[/:][a-zA-Z0-9\-.]{1,63}$"
    r"|^arn:(aws).*:s3-outposts:[a-z\-0-9]+:[0-9]{12}:outpost[/:][a-zA-Z0-9\-]{1,63}[/:]"
    r"accesspoint[/:][a-zA-Z0-9\-]{1,63}$")
_ACCESS_POINT_ARN = r"^arn:(aws).*:(s3|s3-object-lambda):[a-z\-0-9]*:[0-9]{12}:accesspoint[:/].+$"


def validate_bucket_name(ctx: ClientContext, operation: OperationModel,
                         params: dict[str, Any]) -> dict[str, Any]:
    bucket = params.get("Bucket")
    if (isinstance(bucket, str) and not _VALID_BUCKET.search(bucket)
            and not re.search(_VALID_BUCKET_ARN, bucket)):
        raise ParamValidationError(
            report=f'Invalid bucket name "{bucket}": Bucket name must match the regex '
                   f'"{_VALID_BUCKET.pattern}" or be an ARN matching the regex '
                   f'"{_VALID_BUCKET_ARN}"')
    return params


def copy_source_to_string(ctx: ClientContext, operation: OperationModel,
                          params: dict[str, Any]) -> dict[str, Any]:
    source = params.get("CopySource")
    if source is None or operation.name not in ("CopyObject", "UploadPartCopy"):
        return params
    params = dict(params)
    if isinstance(source, str):
        match = re.search(_VERSION_ID_SUFFIX, source)
        if match is None:
            params["CopySource"] = quote(source, safe=_SAFE)
        else:
            params["CopySource"] = (quote(source[: match.start()], safe=_SAFE)
                                    + source[match.start():])
    elif isinstance(source, dict):
        try:
            bucket, key = source["Bucket"], source["Key"]
        except KeyError as e:
            raise ParamValidationError(report=f"Missing required parameter: {e}") from None
        final = f"{bucket}/object/{key}" if re.search(_ACCESS_POINT_ARN, bucket) else f"{bucket}/{key}"
        final = quote(final, safe=_SAFE)
        if source.get("VersionId") is not None:
            final += f"?versionId={source['VersionId']}"
        params["CopySource"] = final
    return params


def sse_customer_key_md5(ctx: ClientContext, operation: OperationModel,
                         params: dict[str, Any]) -> dict[str, Any]:
    for prefix in ("SSECustomer", "CopySourceSSECustomer"):
        key_member, md5_member = f"{prefix}Key", f"{prefix}KeyMD5"
        key = params.get(key_member)
        if key is None or md5_member in params:
            continue
        raw = key.encode("utf-8") if isinstance(key, str) else bytes(key)
        params = dict(params)
        params[key_member] = base64.b64encode(raw).decode("utf-8")
        params[md5_member] = base64.b64encode(hashlib.md5(raw).digest()).decode("utf-8")  # noqa: S324
    return params


LIST_OPERATIONS = {
    "ListObjects": (("Delimiter", "Marker", "NextMarker"),
                    (("Contents", "Key"), ("CommonPrefixes", "Prefix"))),
    "ListObjectsV2": (("Delimiter", "Prefix", "StartAfter"),
                      (("Contents", "Key"), ("CommonPrefixes", "Prefix"))),
    "ListObjectVersions": (("KeyMarker", "NextKeyMarker", "Prefix", "Delimiter"),
                           (("Versions", "Key"), ("DeleteMarkers", "Key"),
                            ("CommonPrefixes", "Prefix"))),
}


def list_objects_encoding_type(ctx: ClientContext, operation: OperationModel,
                               params: dict[str, Any]) -> dict[str, Any]:
    if operation.name in LIST_OPERATIONS and "EncodingType" not in params:
        params = dict(params)
        params["EncodingType"] = "url"
    return params


def decode_list_objects(ctx: ClientContext, operation: OperationModel, user_params: dict[str, Any],
                        parsed: dict[str, Any], response: HttpResponse) -> None:
    keys = LIST_OPERATIONS.get(operation.name)
    if keys is None or "EncodingType" in user_params or parsed.get("EncodingType") != "url":
        return
    top_level, nested = keys
    for key in top_level:
        if key in parsed:
            parsed[key] = unquote(parsed[key])
    for outer, inner in nested:
        for member in parsed.get(outer, ()):
            value = member[inner]
            # Most keys hold no escape; ``unquote`` returns such a ``str`` as is, so skip the call.
            if value.__class__ is not str or "%" in value:
                member[inner] = unquote(value)


def bucket_location(ctx: ClientContext, operation: OperationModel, user_params: dict[str, Any],
                    parsed: dict[str, Any], response: HttpResponse) -> None:
    """GetBucketLocation's answer is the root element's text, which the model cannot describe."""
    if operation.name != "GetBucketLocation" or not isinstance(response.body, bytes):
        return
    from ...protocols.parsers.xmldoc import parse_xml

    parsed["LocationConstraint"] = parse_xml(response.body).text


def strip_bucket_from_path(ctx: ClientContext, operation: OperationModel, params: dict[str, Any],
                           serialized: SerializedRequest) -> None:
    if not operation.http.get("requestUri", "").startswith("/{Bucket}"):
        return
    path = serialized.url_path
    query = ""
    if "?" in path:
        path, query = path.split("?", 1)
    bucket_only = operation.http["requestUri"].split("?", 1)[0] == "/{Bucket}"
    serialized.auth_path = f"{path}/" if bucket_only else path
    rest = path.find("/", 1)
    path = path[rest:] if rest != -1 else "/"
    serialized.url_path = f"{path}?{query}" if query else path


_UPLOADS = frozenset({"PutObject", "UploadPart"})


def expect_continue(ctx: ClientContext, operation: OperationModel, params: dict[str, Any],
                    serialized: SerializedRequest) -> None:
    if operation.http.get("method") not in ("PUT", "POST"):
        return
    # boto3 turns an upload's bytes/str Body into a file first, so every upload body counts.
    if (operation.name in _UPLOADS and params.get("Body") is not None) or hasattr(
            serialized.body, "read"):
        serialized.headers["Expect"] = "100-continue"


def drop_account_host_prefix(ctx: ClientContext, operation: OperationModel, params: dict[str, Any],
                             serialized: SerializedRequest) -> None:
    # S3 Control's rule set puts the account id in the host itself.
    serialized.host_prefix = None
