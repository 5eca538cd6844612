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
    """Any transport failure (botocore's ``ConnectionError`` or ``HTTPClientError`` family):
    standard and adaptive modes retry all of them."""
    socket_error: bool = False
    """The narrower set legacy mode retries (botocore's ``GENERAL_CONNECTION_ERROR``):
    ``ConnectionError`` and its subclasses, ``ConnectionClosedError`` and ``ReadTimeoutError``;
    not a plain ``HTTPClientError`` nor ``ResponseStreamingError``."""
    timeout: bool = False
    """A connect or read timeout (costs more retry quota in standard mode)."""
    modeled_retryable: bool = False
    """The error's shape carries the ``retryable`` trait."""
    modeled_throttling: bool = False
    """The ``retryable`` trait says ``throttling: true``."""
    crc32_mismatch: bool = False
    """DynamoDB's ``x-amz-crc32`` header did not match the body."""
    retry_after: str | None = None
    """The raw ``x-amz-retry-after`` header (milliseconds), read only by the 2026 behaviour."""

    @property
    def succeeded(self) -> bool:
        return (self.status_code is not None and 200 <= self.status_code < 300
                and not self.crc32_mismatch and self.error_code is None)
