"""The client settings a transfer reads: the checksum modes of the client it was given.

Rule: ``client.meta.config`` holds what the caller set; when a mode was left unset there, the
client's resolved value (environment, profile, default ``when_supported``) is used, which is what
botocore stores in ``meta.config`` itself.
"""

from __future__ import annotations

from typing import Any

__all__ = ["checksum_calculation", "checksum_validation"]


def _resolved(client: Any) -> Any:
    return getattr(client, "_ctx", None)


def checksum_calculation(client: Any) -> str:
    value = client.meta.config.request_checksum_calculation
    ctx = _resolved(client)
    if value is None and ctx is not None:
        value = ctx.request_checksum_calculation
    return str(value or "when_supported")


def checksum_validation(client: Any) -> str:
    value = client.meta.config.response_checksum_validation
    ctx = _resolved(client)
    if value is None and ctx is not None:
        value = ctx.response_checksum_validation
    return str(value or "when_supported")
