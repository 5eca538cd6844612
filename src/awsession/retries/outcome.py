"""What happened on one attempt, reduced to the facts retry policies look at.

The pipeline builds an :class:`Outcome` after each attempt (a parsed response or a transport error)
and hands it to the client's retry strategy. Keeping the facts in fields (not in exception types
checked all over) lets every policy be a pure function of ``Outcome``.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Outcome"]


@dataclass(frozen=True, slots=True)
class Outcome:
    status_code: int | None = None
    """HTTP status, or ``None`` when no response arrived."""
    error_code: str | None = None
    """The parsed AWS error code (``Error.Code``), if the response was an error."""
    connection_error: bool = False
    """A transport failure: connection refused/reset/closed, DNS, TLS, read timeout..."""
    timeout: bool = False
    """A connect or read timeout (costs more retry quota in standard mode)."""
    modeled_retryable: bool = False
    """The error's shape carries the ``retryable`` trait."""
    modeled_throttling: bool = False
    """The ``retryable`` trait says ``throttling: true``."""
    crc32_mismatch: bool = False
    """DynamoDB's ``x-amz-crc32`` header did not match the body."""

    @property
    def succeeded(self) -> bool:
        return (self.status_code is not None and 200 <= self.status_code < 300
                and not self.crc32_mismatch and self.error_code is None)
