"""Flexible checksums on requests, as botocore 1.43 applies them (``request_checksum_calculation``).

Rules:

1. A checksum header the caller set already wins; nothing is computed.
2. The algorithm is the operation's ``requestAlgorithmMember`` parameter when given; otherwise CRC32
   when the operation requires a checksum, or supports one and the setting is ``when_supported``.
3. The checksum goes in the ``x-amz-checksum-<algorithm>`` header (base64 of the big-endian
   digest) and the algorithm header (``x-amz-sdk-checksum-algorithm``) is filled when defaulted.
4. For ``response_checksum_validation = when_supported`` the operation's validation-mode member
   (``ChecksumMode``) is set to ``ENABLED`` when the caller left it out.
"""

from __future__ import annotations

import base64
import hashlib
import zlib
from typing import Any

from ..._core.http import SerializedRequest
from ...exceptions import FlexibleChecksumError, MissingDependencyException
from ...model.shapes import OperationModel
from ..context import ClientContext

__all__ = ["compute_checksum", "default_response_checksum_mode", "request_checksum"]

_SUPPORTED = ("crc32", "crc32c", "sha1", "sha256", "crc64nvme")


def default_response_checksum_mode(ctx: ClientContext, operation: OperationModel,
                                   params: dict[str, Any]) -> dict[str, Any]:
    http_checksum = operation.raw.get("httpChecksum")
    if not http_checksum or ctx.response_checksum_validation != "when_supported":
        return params
    member = http_checksum.get("requestValidationModeMember")
    if member and member not in params:
        params = dict(params)
        params[member] = "ENABLED"
    return params


def _read_all(body: Any) -> bytes:
    if isinstance(body, (bytes, bytearray)):
        return bytes(body)
    if isinstance(body, str):
        return body.encode("utf-8")
    if body is None:
        return b""
    start = body.tell()
    data = body.read()
    body.seek(start)
    return data.encode("utf-8") if isinstance(data, str) else bytes(data)


def compute_checksum(algorithm: str, body: Any) -> str:
    data = _read_all(body)
    if algorithm == "crc32":
        digest = (zlib.crc32(data) & 0xFFFFFFFF).to_bytes(4, "big")
    elif algorithm == "sha1":
        digest = hashlib.sha1(data).digest()  # noqa: S324 - AWS's checksum algorithm, not security
    elif algorithm == "sha256":
        digest = hashlib.sha256(data).digest()
    else:
        raise MissingDependencyException(
            msg=f"Using {algorithm.upper()} requires an additional dependency that awsession "
                "does not support yet.")
    return base64.b64encode(digest).decode("ascii")


def request_checksum(ctx: ClientContext, operation: OperationModel, params: dict[str, Any],
                     serialized: SerializedRequest) -> None:
    http_checksum = operation.raw.get("httpChecksum") or {}
    required = bool(operation.raw.get("httpChecksumRequired")
                    or http_checksum.get("requestChecksumRequired"))
    member = http_checksum.get("requestAlgorithmMember")
    if not (required or member):
        return
    if any(name.lower().startswith("x-amz-checksum-") for name in serialized.headers):
        return
    algorithm_header = None
    if member and member in params:
        algorithm = str(params[member]).lower()
        if algorithm not in _SUPPORTED:
            raise FlexibleChecksumError(
                error_msg=f"Unsupported checksum algorithm: {params[member]}")
    elif required or (member and ctx.request_checksum_calculation == "when_supported"):
        algorithm = "crc32"
        if member:
            input_shape = operation.input_shape or {}
            ref = input_shape.get("members", {}).get(member, {})
            if ref.get("location") == "header":
                algorithm_header = ref.get("locationName")
    else:
        return
    serialized.headers[f"x-amz-checksum-{algorithm}"] = compute_checksum(algorithm, serialized.body)
    if algorithm_header:
        serialized.headers[algorithm_header] = "CRC32"
