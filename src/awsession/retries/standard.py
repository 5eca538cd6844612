"""botocore's ``standard`` retry mode: which outcomes are retryable and how long to wait.

Rules (botocore 1.43, reference §5):

1. Retryable = transient (codes ``RequestTimeout``, ``RequestTimeoutException``,
   ``PriorRequestNotComplete``; HTTP 500/502/503/504; any connection error), throttling (the fourteen
   codes below), a modeled ``retryable`` error, STS ``IDPCommunicationError``, or a DynamoDB CRC32
   mismatch.
2. Default 3 attempts in all. Delay before attempt ``n + 1`` is ``random() * min(2 ** (n - 1), 20)``.
3. Each retry takes tokens from the client's :class:`~.quota.RetryQuota`; none left, no retry.
"""

from __future__ import annotations

from collections.abc import Callable

from .outcome import Outcome

__all__ = [
    "THROTTLING_CODES",
    "TRANSIENT_CODES",
    "TRANSIENT_STATUS",
    "is_retryable_standard",
    "is_throttling",
    "standard_delay",
]

TRANSIENT_CODES = frozenset({"RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete"})
TRANSIENT_STATUS = frozenset({500, 502, 503, 504})
THROTTLING_CODES = frozenset({
    "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
    "TooManyRequestsException", "ProvisionedThroughputExceededException",
    "TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded",
    "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
    "EC2ThrottledException",
})
MAX_BACKOFF = 20.0


def is_throttling(outcome: Outcome) -> bool:
    return outcome.error_code in THROTTLING_CODES or outcome.modeled_throttling


def is_retryable_standard(outcome: Outcome, service: str) -> bool:
    if outcome.connection_error:
        return True
    code = outcome.error_code
    if code in TRANSIENT_CODES or code in THROTTLING_CODES:
        return True
    if outcome.status_code in TRANSIENT_STATUS:
        return True
    if outcome.modeled_retryable:
        return True
    if service == "sts" and code == "IDPCommunicationError":
        return True
    return service == "dynamodb" and outcome.crc32_mismatch


def standard_delay(attempt: int, random: Callable[[], float]) -> float:
    """Seconds to wait after failed attempt number ``attempt`` (1-based)."""
    return random() * min(2.0 ** (attempt - 1), MAX_BACKOFF)
