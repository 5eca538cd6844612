"""botocore's ``standard`` retry mode: which outcomes are retryable and how long to wait.

Rules (botocore 1.43, reference §5):

1. Retryable = transient (codes ``RequestTimeout``, ``RequestTimeoutException``,
   ``PriorRequestNotComplete``; HTTP 500/502/503/504; any connection error), throttling (the fourteen
   codes below, or a modeled ``retryable`` error with ``throttling: true``), any other modeled
   ``retryable`` error, STS ``IDPCommunicationError``, or a DynamoDB CRC32 mismatch.
2. Default 3 attempts in all. Delay after failed attempt ``n`` is ``random() * min(2 ** (n - 1), 20)``.
3. The 2026 behaviour (``AWS_NEW_RETRIES_2026=true``) scales the exponential term: 1 s for throttling
   errors, 0.05 s otherwise (0.025 s for DynamoDB and DynamoDB Streams), and honours an
   ``x-amz-retry-after`` header (milliseconds) by waiting ``max(t, min(retry_after, t + 5))``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .outcome import Outcome

__all__ = [
    "THROTTLING_CODES",
    "TRANSIENT_CODES",
    "TRANSIENT_STATUS",
    "is_retryable_standard",
    "is_throttling",
    "new_standard_delay",
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
THROTTLING_SCALE = 1.0
NON_THROTTLING_SCALE = 0.05
SERVICE_NON_THROTTLING_SCALE = {"dynamodb": 0.025, "dynamodb-streams": 0.025}
RETRY_AFTER_MAX_EXTRA = 5.0


def is_throttling(outcome: Outcome) -> bool:
    return outcome.error_code in THROTTLING_CODES or outcome.modeled_throttling


def is_retryable_standard(outcome: Outcome, service_name: str) -> bool:
    """``service_name`` is the model's service name (``sts``, ``dynamodb``)."""
    if outcome.connection_error:
        return True
    code = outcome.error_code
    if code in TRANSIENT_CODES or code in THROTTLING_CODES:
        return True
    if outcome.status_code in TRANSIENT_STATUS:
        return True
    if outcome.modeled_retryable:
        return True
    if service_name == "sts" and code == "IDPCommunicationError":
        return True
    return service_name == "dynamodb" and outcome.crc32_mismatch


def standard_delay(attempt: int, random: Callable[[], float]) -> float:
    """Seconds to wait after failed attempt number ``attempt`` (1-based)."""
    return random() * min(2.0 ** (attempt - 1), MAX_BACKOFF)


def new_standard_delay(attempt: int, random: Callable[[], float], outcome: Outcome,
                       service_id: str) -> float:
    """The 2026 delay; ``service_id`` is the hyphenated service id (``dynamodb-streams``)."""
    if is_throttling(outcome):
        scale = THROTTLING_SCALE
    else:
        scale = SERVICE_NON_THROTTLING_SCALE.get(service_id, NON_THROTTLING_SCALE)
    delay = random() * min(scale * 2.0 ** (attempt - 1), MAX_BACKOFF)
    retry_after = _retry_after_seconds(outcome.retry_after)
    if retry_after is None:
        return delay
    return max(delay, min(retry_after, RETRY_AFTER_MAX_EXTRA + delay))


def _retry_after_seconds(raw: str | None) -> float | None:
    if raw is None:
        return None
    try:
        value = int(raw) / 1000.0
    except (ValueError, OverflowError):
        return None
    return value if value >= 0 else None
