"""One client's retry strategy: the mode's rules plus the state shared across its calls.

``RetryStrategy.start(operation_name)`` gives a fresh per-call :class:`CallRetries`; after each
attempt the pipeline asks it :meth:`CallRetries.decide`, which returns a :class:`RetryDecision`
(retry after a delay, or stop, plus the facts boto3 writes into ``ResponseMetadata``). Adaptive mode
also asks :meth:`CallRetries.wait_before_send` for a token-bucket wait before every attempt (and,
after sleeping it, takes the token with ``waited=True``). The caller (a flow) turns delays into
``Sleep`` effects; nothing here sleeps.

Rules (botocore 1.43):

1. ``legacy``: ``_retry.json`` conditions; ``MaxAttemptsReached`` only when a retryable response met
   the limit. ``standard``/``adaptive``: the attempt limit is checked first, so *any* response on the
   last allowed attempt (even a success) carries ``MaxAttemptsReached``; then retryability, then the
   quota (``RetryQuotaReached`` when empty).
2. The quota is refunded when a call ends in a 2xx response: 1 without retries, else the cost of the
   last retry.
3. With the 2026 behaviour, DynamoDB (and Streams) default to 4 attempts, costs and delays change
   (see ``standard.py``/``quota.py``), and long-poll operations still wait their delay (without
   retrying) when the quota is empty.
4. An unknown mode means no retries at all (botocore registers no handler).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, NoReturn

from .quota import (
    NEW_RETRY_COST,
    NO_RETRY_INCREMENT,
    RETRY_COST,
    THROTTLING_RETRY_COST,
    TIMEOUT_RETRY_COST,
    RetryQuota,
)
from .standard import is_retryable_standard, is_throttling, new_standard_delay, standard_delay

if TYPE_CHECKING:  # legacy and adaptive are imported only by the modes that use them
    from .adaptive import RateLimiter
    from .legacy import LegacyRules
    from .outcome import Outcome

__all__ = ["CallRetries", "RetryDecision", "RetryStrategy", "build_retry_strategy"]

MODES = ("legacy", "standard", "adaptive")
DEFAULT_MAX_ATTEMPTS = 3
NEW_SERVICE_MAX_ATTEMPTS = {"dynamodb": 4, "dynamodb-streams": 4}
LONG_POLL_OPERATIONS = {
    "sqs": frozenset({"ReceiveMessage"}),
    "sfn": frozenset({"GetActivityTask"}),
    "swf": frozenset({"PollForActivityTask", "PollForDecisionTask"}),
}


_DECISION_FIELDS = ("retry", "delay", "max_attempts_reached", "quota_reached", "checksum_error")


class RetryDecision:
    """What to do after an attempt (immutable, compared by value).

    ``delay``: seconds to sleep first; may be set without ``retry`` (a long poll with an empty
    quota). ``checksum_error`` (legacy only): end the call with ``ChecksumError`` (a CRC32 mismatch
    on the last attempt).
    """

    __slots__ = _DECISION_FIELDS

    retry: bool
    delay: float
    max_attempts_reached: bool
    quota_reached: bool
    checksum_error: bool

    def __init__(self, retry: bool, delay: float = 0.0, max_attempts_reached: bool = False,
                 quota_reached: bool = False, checksum_error: bool = False) -> None:
        setter = object.__setattr__
        setter(self, "retry", retry)
        setter(self, "delay", delay)
        setter(self, "max_attempts_reached", max_attempts_reached)
        setter(self, "quota_reached", quota_reached)
        setter(self, "checksum_error", checksum_error)

    def __setattr__(self, name: str, value: Any) -> NoReturn:
        raise AttributeError(f"cannot assign to field {name!r}: RetryDecision is immutable")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"cannot delete field {name!r}: RetryDecision is immutable")

    def _values(self) -> tuple[Any, ...]:
        return (self.retry, self.delay, self.max_attempts_reached, self.quota_reached,
                self.checksum_error)

    def __eq__(self, other: object) -> bool:
        if type(other) is not RetryDecision:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}"
                          for name, value in zip(_DECISION_FIELDS, self._values(), strict=True))
        return f"RetryDecision({shown})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (RetryDecision, self._values())


_STOP = RetryDecision(retry=False)
_STOP_AT_MAX = RetryDecision(retry=False, max_attempts_reached=True)


class RetryStrategy:
    """Rules and shared state (quota, rate limiter) for every call of one client."""

    def __init__(self, mode: str, max_attempts: int, service: str,
                 legacy: LegacyRules | None, random: Callable[[], float],
                 clock: Callable[[], float], *, service_id: str | None = None,
                 new_retries: bool = False, read_timeout: float | None = 60.0) -> None:
        self.mode = mode
        self.max_attempts = max_attempts
        self.service = service
        self.service_id = service_id or service
        self.new_retries = new_retries
        self.read_timeout = read_timeout
        """For the ``ttl`` part of ``amz-sdk-request`` (botocore's client read timeout)."""
        self._legacy = legacy
        self._random = random
        self._clock = clock
        self.quota = RetryQuota() if mode in ("standard", "adaptive") else None
        self.limiter: RateLimiter | None = None
        if mode == "adaptive":
            from .adaptive import RateLimiter

            self.limiter = RateLimiter(clock())
        self._long_poll = LONG_POLL_OPERATIONS.get(self.service_id, frozenset())

    @property
    def adds_max_header(self) -> bool:
        """Whether ``max=`` appears in ``amz-sdk-request`` once a first attempt was judged."""
        return self.mode in MODES

    def start(self, operation_name: str = "") -> CallRetries:
        return CallRetries(self, operation_name in self._long_poll)


class CallRetries:
    """The retry state of one call: attempts made so far and the cost of the last retry."""

    __slots__ = ("_last_cost", "_long_poll", "attempt", "strategy")

    def __init__(self, strategy: RetryStrategy, long_poll: bool = False) -> None:
        self.strategy = strategy
        self.attempt = 0
        self._last_cost = 0
        self._long_poll = long_poll

    def wait_before_send(self, waited: bool = False) -> float:
        """Adaptive mode: seconds to wait for a token (then call again with ``waited=True``)."""
        limiter = self.strategy.limiter
        return limiter.acquire(self.strategy._clock(), waited) if limiter is not None else 0.0

    def decide(self, outcome: Outcome) -> RetryDecision:
        """Called after each attempt (``self.attempt`` then counts the attempts made)."""
        self.attempt += 1
        s = self.strategy
        if s.limiter is not None:
            s.limiter.update(s._clock(), throttled=is_throttling(outcome))
        if s._legacy is not None:
            return self._decide_legacy(outcome, s._legacy)
        if s.quota is None:
            return _STOP
        return self._decide_standard(outcome, s, s.quota)

    def _decide_legacy(self, outcome: Outcome, rules: LegacyRules) -> RetryDecision:
        status = outcome.status_code
        if status is not None and status < 300 and not outcome.crc32_mismatch:
            return _STOP  # no _retry.json condition matches a clean 2xx
        if not rules.is_retryable(outcome):
            return _STOP
        if self.attempt < self.strategy.max_attempts:
            return RetryDecision(retry=True, delay=rules.delay(self.attempt, self.strategy._random))
        if rules.only_crc32(outcome):
            return RetryDecision(retry=False, checksum_error=True)
        return _STOP_AT_MAX if outcome.status_code is not None else _STOP

    def _decide_standard(self, outcome: Outcome, s: RetryStrategy,
                         quota: RetryQuota) -> RetryDecision:
        at_max = self.attempt >= s.max_attempts
        if at_max or not is_retryable_standard(outcome, s.service):
            self._finish(outcome, quota)
            return _STOP_AT_MAX if at_max else _STOP
        if s.new_retries:
            cost = THROTTLING_RETRY_COST if is_throttling(outcome) else NEW_RETRY_COST
        else:
            cost = TIMEOUT_RETRY_COST if outcome.timeout else RETRY_COST
        if not quota.acquire(cost):
            self._finish(outcome, quota)
            if s.new_retries and self._long_poll:
                return RetryDecision(retry=False, delay=self._delay(outcome), quota_reached=True)
            return RetryDecision(retry=False, quota_reached=True)
        self._last_cost = cost
        return RetryDecision(retry=True, delay=self._delay(outcome))

    def _delay(self, outcome: Outcome) -> float:
        s = self.strategy
        if s.new_retries:
            return new_standard_delay(self.attempt, s._random, outcome, s.service_id)
        return standard_delay(self.attempt, s._random)

    def _finish(self, outcome: Outcome, quota: RetryQuota) -> None:
        status = outcome.status_code
        if status is not None and 200 <= status < 300:
            quota.release(self._last_cost if self._last_cost else NO_RETRY_INCREMENT)


def build_retry_strategy(*, mode: str, max_attempts: int | None, service: str,
                         endpoint_prefix: str, retry_data: Mapping[str, Any] | None,
                         random: Callable[[], float], clock: Callable[[], float],
                         service_id: str | None = None, new_retries: bool = False,
                         read_timeout: float | None = 60.0) -> RetryStrategy:
    """Make a client's strategy.

    ``max_attempts`` counts all attempts (``None`` = the mode's default); ``service`` is the model's
    service name, ``service_id`` the hyphenated service id (``dynamodb-streams``), ``new_retries``
    whether ``AWS_NEW_RETRIES_2026`` is on.
    """
    legacy = None
    service_id = service_id or service
    if mode == "legacy":
        if retry_data is None:
            raise ValueError("legacy retry mode needs botocore's _retry.json data")
        from .legacy import legacy_rules_for

        legacy = legacy_rules_for(retry_data, endpoint_prefix)
        default = legacy.max_attempts
    elif mode in MODES:
        default = DEFAULT_MAX_ATTEMPTS
        if new_retries:
            default = NEW_SERVICE_MAX_ATTEMPTS.get(service_id, DEFAULT_MAX_ATTEMPTS)
    else:
        default = 1
        max_attempts = None
    return RetryStrategy(mode, max_attempts if max_attempts is not None else default, service,
                         legacy, random, clock, service_id=service_id, new_retries=new_retries,
                         read_timeout=read_timeout)
