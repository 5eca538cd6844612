"""Which ``ExtraArgs`` a transfer accepts, and which of them each S3 call of the transfer gets.

Rules (s3transfer 0.17):

1. Each transfer kind has an allow-list; any other key is a ``ValueError`` naming the key and the
   whole list, in s3transfer's words and order.
2. Buckets that are S3 Object Lambda access point ARNs are refused (direct client calls only).
3. Uploads default ``ChecksumAlgorithm`` to ``CRC32`` when ``request_checksum_calculation`` is
   ``when_supported``, unless the caller gave a full-object checksum value.
4. A multipart upload with a full-object checksum value becomes ``ChecksumType=FULL_OBJECT`` with
   the matching ``ChecksumAlgorithm``; the value itself goes on the completing call only.
5. The per-call filters below are plain tables: ``*_ONLY`` keep the listed keys, ``*_DROP`` remove
   them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = [
    "ALLOWED_COPY_ARGS", "ALLOWED_DOWNLOAD_ARGS", "ALLOWED_UPLOAD_ARGS", "COPY_COMPLETE_ONLY",
    "COPY_CREATE_DROP", "COPY_PART_ONLY", "COPY_TO_HEAD", "FULL_OBJECT_CHECKSUM_ARGS",
    "UPLOAD_COMPLETE_ONLY", "UPLOAD_CREATE_DROP", "UPLOAD_PART_ONLY", "UPLOAD_PUT_DROP",
    "add_upload_defaults", "check_bucket", "full_object_checksum", "keep", "remove", "validate_extra_args",
]

ALLOWED_DOWNLOAD_ARGS = [
    "ChecksumMode", "VersionId", "SSECustomerAlgorithm", "SSECustomerKey", "SSECustomerKeyMD5",
    "RequestPayer", "ExpectedBucketOwner",
]

FULL_OBJECT_CHECKSUM_ARGS = [
    "ChecksumCRC32", "ChecksumCRC32C", "ChecksumCRC64NVME", "ChecksumMD5", "ChecksumSHA1",
    "ChecksumSHA256", "ChecksumSHA512", "ChecksumXXHASH3", "ChecksumXXHASH64",
    "ChecksumXXHASH128",
]

_SHARED = [
    "ACL", "CacheControl", "ChecksumAlgorithm", "ContentDisposition", "ContentEncoding",
    "ContentLanguage", "ContentType", "ExpectedBucketOwner", "Expires", "GrantFullControl",
    "GrantRead", "GrantReadACP", "GrantWriteACP", "Metadata", "ObjectLockLegalHoldStatus",
    "ObjectLockMode", "ObjectLockRetainUntilDate", "RequestPayer", "ServerSideEncryption",
    "StorageClass", "SSECustomerAlgorithm", "SSECustomerKey", "SSECustomerKeyMD5", "SSEKMSKeyId",
    "SSEKMSEncryptionContext", "Tagging", "WebsiteRedirectLocation",
]

ALLOWED_UPLOAD_ARGS = [*_SHARED, "ChecksumType", "MpuObjectSize", *FULL_OBJECT_CHECKSUM_ARGS]

_COPY_SOURCE_CONDITIONS = [
    "CopySourceIfMatch", "CopySourceIfModifiedSince", "CopySourceIfNoneMatch",
    "CopySourceIfUnmodifiedSince", "CopySourceSSECustomerAlgorithm", "CopySourceSSECustomerKey",
    "CopySourceSSECustomerKeyMD5",
]

ALLOWED_COPY_ARGS = [*_SHARED, *_COPY_SOURCE_CONDITIONS, "MetadataDirective", "TaggingDirective"]

_SSE_C_AND_OWNER = ["SSECustomerKey", "SSECustomerAlgorithm", "SSECustomerKeyMD5", "RequestPayer",
                    "ExpectedBucketOwner"]

UPLOAD_PUT_DROP = frozenset({"ChecksumType", "MpuObjectSize"})
UPLOAD_CREATE_DROP = frozenset({*FULL_OBJECT_CHECKSUM_ARGS, "MpuObjectSize"})
UPLOAD_PART_ONLY = frozenset({"ChecksumAlgorithm", *_SSE_C_AND_OWNER})
UPLOAD_COMPLETE_ONLY = frozenset({*_SSE_C_AND_OWNER, "ChecksumType", "MpuObjectSize",
                                  *FULL_OBJECT_CHECKSUM_ARGS})

COPY_CREATE_DROP = frozenset({*_COPY_SOURCE_CONDITIONS, "MetadataDirective", "TaggingDirective"})
COPY_PART_ONLY = frozenset({*_COPY_SOURCE_CONDITIONS, *_SSE_C_AND_OWNER})
COPY_COMPLETE_ONLY = frozenset(_SSE_C_AND_OWNER)
# ExtraArgs of a copy that also condition the HeadObject on the source, under their HEAD names.
COPY_TO_HEAD = {
    "CopySourceIfMatch": "IfMatch", "CopySourceIfModifiedSince": "IfModifiedSince",
    "CopySourceIfNoneMatch": "IfNoneMatch", "CopySourceIfUnmodifiedSince": "IfUnmodifiedSince",
    "CopySourceSSECustomerKey": "SSECustomerKey",
    "CopySourceSSECustomerAlgorithm": "SSECustomerAlgorithm",
    "CopySourceSSECustomerKeyMD5": "SSECustomerKeyMD5", "RequestPayer": "RequestPayer",
    "ExpectedBucketOwner": "ExpectedBucketOwner",
}

_UNSUPPORTED_BUCKETS = {
    "S3 Object Lambda": re.compile(
        r"^arn:(aws).*:s3-object-lambda:[a-z\-0-9]+:[0-9]{12}:accesspoint[/:][a-zA-Z0-9\-]{1,63}"),
}


def validate_extra_args(extra_args: Iterable[str], allowed: list[str]) -> None:
    for key in extra_args:
        if key not in allowed:
            raise ValueError(f"Invalid extra_args key '{key}', must be one of: "
                             f"{', '.join(allowed)}")


def check_bucket(bucket: Any) -> None:
    if not isinstance(bucket, str):
        return
    for resource, pattern in _UNSUPPORTED_BUCKETS.items():
        if pattern.match(bucket):
            raise ValueError(f"TransferManager methods do not support {resource} resource. "
                             "Use direct client calls instead.")


def add_upload_defaults(extra_args: dict[str, Any], checksum_calculation: str | None) -> None:
    """Rule 3, in place on the transfer's own copy of ``ExtraArgs``."""
    if checksum_calculation != "when_supported":
        return
    if any(name in extra_args for name in FULL_OBJECT_CHECKSUM_ARGS):
        return
    extra_args.setdefault("ChecksumAlgorithm", "CRC32")


def full_object_checksum(extra_args: dict[str, Any]) -> None:
    """Rule 4, in place: the last full-object value given names the algorithm (as s3transfer)."""
    for name in FULL_OBJECT_CHECKSUM_ARGS:
        if name in extra_args:
            extra_args["ChecksumType"] = "FULL_OBJECT"
            extra_args["ChecksumAlgorithm"] = name[len("Checksum"):]


def keep(extra_args: Mapping[str, Any], names: frozenset[str]) -> dict[str, Any]:
    return {k: v for k, v in extra_args.items() if k in names}


def remove(extra_args: Mapping[str, Any], names: frozenset[str]) -> dict[str, Any]:
    return {k: v for k, v in extra_args.items() if k not in names}
