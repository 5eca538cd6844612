"""Flexible checksums on requests, as botocore 1.43 applies them (``request_checksum_calculation``).

Rules:

1. A checksum header the caller set already wins; nothing is computed.
2. The algorithm is the operation's ``requestAlgorithmMember`` parameter when given; otherwise CRC32
   when the operation requires a checksum, or supports one and the setting is ``when_supported``.
3. The checksum goes in the ``x-amz-checksum-<algorithm>`` header (base64 of the big-endian
   digest) and the algorithm header (``x-amz-sdk-checksum-algorithm``) is filled when defaulted.
4. For ``response_checksum_validation = when_supported`` the operation's validation-mode member
   (``ChecksumMode``) is set to ``ENABLED`` when the caller left it out.
5. When the validation-mode member is present, the first response algorithm (in botocore's
   priority order, among those we can compute) whose ``x-amz-checksum-*`` header came back is
   checked: bytes at once, a streamed body when it has been read to the end
   (``FlexibleChecksumError`` on mismatch). Composite checksums (``...-<parts>``) are skipped.
   ``ResponseMetadata.ChecksumAlgorithm`` names the algorithm checked.
"""

from __future__ import annotations

import base64
import hashlib
import zlib
from typing import Any

from ..._core.http import HttpResponse, SerializedRequest
from ...exceptions import FlexibleChecksumError, MissingDependencyException
from ...model.shapes import OperationModel
from ..context import ClientContext

__all__ = [
    "compute_checksum",
    "default_response_checksum_mode",
    "request_checksum",
    "validate_response_checksum",
]

_SUPPORTED = ("crc32", "crc32c", "sha1", "sha256", "crc64nvme")
# botocore's priority order, limited to what the standard library computes.
_RESPONSE_PRIORITY = ("crc32", "sha1", "sha256")


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


class _Crc32:
    def __init__(self) -> None:
        self._value = 0

    def update(self, data: bytes) -> None:
        self._value = zlib.crc32(data, self._value)

    def digest(self) -> bytes:
        return (self._value & 0xFFFFFFFF).to_bytes(4, "big")


def _hasher(algorithm: str) -> Any:
    if algorithm == "crc32":
        return _Crc32()
    if algorithm == "sha1":
        return hashlib.sha1()  # noqa: S324 - AWS's checksum algorithm, not security
    if algorithm == "sha256":
        return hashlib.sha256()
    raise MissingDependencyException(
        msg=f"Using {algorithm.upper()} requires an additional dependency that awsession "
            "does not support yet.")


def compute_checksum(algorithm: str, body: Any) -> str:
    hasher = _hasher(algorithm)
    hasher.update(_read_all(body))
    return base64.b64encode(hasher.digest()).decode("ascii")


def _check(hasher: Any, expected: str) -> None:
    digest = hasher.digest()
    if digest != base64.b64decode(expected):
        raise FlexibleChecksumError(
            error_msg=f"Expected checksum {expected} did not match calculated checksum: "
                      f"{base64.b64encode(digest).decode('ascii')}")


class _ChecksummedRead:
    """Mixed into a streamed body's own class: hashes what is read, checks at the end."""

    _awsession_hasher: Any
    _awsession_expected: str

    def read(self, amt: int | None = None) -> bytes:
        chunk: bytes = super().read(amt)  # type: ignore[misc]
        self._awsession_hasher.update(chunk)
        if amt is None or (not chunk and amt > 0):
            _check(self._awsession_hasher, self._awsession_expected)
        return chunk


_checksummed_classes: dict[type, type] = {}


def _wrap_stream(body: Any, algorithm: str, expected: str) -> Any:
    add_checksum = getattr(body, "add_checksum", None)
    if add_checksum is not None:  # a body that checks itself (the async one): hand it the check
        add_checksum(_hasher(algorithm), lambda hasher: _check(hasher, expected))
        return body
    base = type(body)
    cls = _checksummed_classes.get(base)
    if cls is None:
        cls = _checksummed_classes.setdefault(
            base, type(base.__name__, (_ChecksummedRead, base), {"__module__": base.__module__}))
    body.__class__ = cls
    body._awsession_hasher = _hasher(algorithm)
    body._awsession_expected = expected
    return body


def validate_response_checksum(ctx: ClientContext, operation: OperationModel,
                               user_params: dict[str, Any], parsed: dict[str, Any],
                               response: HttpResponse) -> None:
    http_checksum = operation.raw.get("httpChecksum")
    if not http_checksum:
        return
    member = http_checksum.get("requestValidationModeMember")
    if not member or not (member in user_params
                          or ctx.response_checksum_validation == "when_supported"):
        return
    offered = {a.lower() for a in http_checksum.get("responseAlgorithms", ())}
    headers = response.headers
    for algorithm in _RESPONSE_PRIORITY:
        expected = headers.get(f"x-amz-checksum-{algorithm}")
        if algorithm not in offered or expected is None or "-" in expected:
            continue
        body = response.body
        if isinstance(body, (bytes, bytearray)):
            hasher = _hasher(algorithm)
            hasher.update(bytes(body))
            _check(hasher, expected)
        else:
            payload = (operation.output_shape or {}).get("payload")
            if payload is None or parsed.get(payload) is not body:
                return
            _wrap_stream(body, algorithm, expected)
        parsed.setdefault("ResponseMetadata", {})["ChecksumAlgorithm"] = algorithm
        return


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
