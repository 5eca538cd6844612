"""Which payload hash a SigV4 request carries, decided before signing (botocore 1.43's rules).

The answer is one of three: :data:`STREAMING_UNSIGNED_PAYLOAD_TRAILER` (a flexible checksum sent
in a trailer: S3 PutObject/UploadPart with aws-chunked bodies), :data:`UNSIGNED_PAYLOAD`, or
``None`` meaning "hash the body". Pass it to ``sign_request(payload_hash=...)``.

S3 rules, in order: a trailer checksum wins; an explicit ``payload_signing_enabled`` from the
``s3`` config wins next; plain HTTP, or a request without its checksum header (``Content-MD5``
unless the flexible checksum travels in a header of its own), is always hashed; streaming inputs
over HTTPS with a checksum go unsigned; otherwise the operation's own setting decides
(``unsignedPayload`` / ``v4-unsigned-body`` turn it off).
"""

from __future__ import annotations

from collections.abc import Mapping

from awsession.signing.canonical import STREAMING_UNSIGNED_PAYLOAD_TRAILER, UNSIGNED_PAYLOAD

__all__ = ["payload_hash_mode", "s3_payload_hash_mode", "s3_should_sign_payload"]


def _has_header(headers: Mapping[str, str], lname: str) -> bool:
    return any(name.lower() == lname for name in headers)


def s3_should_sign_payload(
    url: str,
    headers: Mapping[str, str],
    *,
    configured: bool | None = None,
    checksum_header: str | None = None,
    has_streaming_input: bool = False,
    operation_payload_signing: bool = True,
) -> bool:
    """Whether an S3 request's body is hashed into its signature.

    ``configured`` is ``Config(s3={'payload_signing_enabled': ...})``; ``checksum_header`` is the
    flexible-checksum header name when the checksum goes in a header (``None``: ``Content-MD5``).
    """
    if configured is not None:
        return configured
    header = (checksum_header or "Content-MD5").lower()
    if not url.startswith("https") or not _has_header(headers, header):
        return True
    if has_streaming_input:
        return False
    return operation_payload_signing


def s3_payload_hash_mode(
    url: str,
    headers: Mapping[str, str],
    *,
    checksum_in_trailer: bool = False,
    configured: bool | None = None,
    checksum_header: str | None = None,
    has_streaming_input: bool = False,
    operation_payload_signing: bool = True,
) -> str | None:
    """The constant payload hash for an S3 request, or ``None`` to hash the body."""
    if checksum_in_trailer:
        return STREAMING_UNSIGNED_PAYLOAD_TRAILER
    if s3_should_sign_payload(
        url,
        headers,
        configured=configured,
        checksum_header=checksum_header,
        has_streaming_input=has_streaming_input,
        operation_payload_signing=operation_payload_signing,
    ):
        return None
    return UNSIGNED_PAYLOAD


def payload_hash_mode(
    url: str, *, checksum_in_trailer: bool = False, operation_payload_signing: bool = True
) -> str | None:
    """The constant payload hash for a non-S3 SigV4 request, or ``None`` to hash the body.

    When the operation turns payload signing off, prefer ``sign_request(unsigned_payload=True)``,
    which also sends the ``X-Amz-Content-SHA256: UNSIGNED-PAYLOAD`` header botocore sends.
    """
    if checksum_in_trailer:
        return STREAMING_UNSIGNED_PAYLOAD_TRAILER
    if url.startswith("https") and not operation_payload_signing:
        return UNSIGNED_PAYLOAD
    return None
