"""One client's retry strategy: the mode's rules plus the state shared across its calls.

``RetryStrategy.start()`` gives a fresh per-call :class:`CallRetries`; after each attempt the
pipeline asks it :meth:`CallRetries.decide`, which returns a :class:`RetryDecision` (retry after a
delay, or stop). Adaptive mode also asks :meth:`CallRetries.wait_before_send` for a token-bucket
wait. The caller (a flow) turns delays into ``Sleep`` effects; nothing here sleeps.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .adaptive import RateLimiter
from .legacy import LegacyRules, legacy_rules_for
from .outcome import Outcome
from .quota import NO_RETRY_INCREMENT, RETRY_COST, TIMEOUT_RETRY_COST, RetryQuota
from .standard import is_retryable_standard, is_throttling, standard_delay

__all__ = ["CallRetries", "RetryDecision", "RetryStrategy", "build_retry_strategy"]

MODES = ("legacy", "standard", "adaptive")


@dataclass(frozen=True, slots=True)
class RetryDecision:
    retry: bool
    delay: float = 0.0
    max_attempts_reached: bool = False


class RetryStrategy:
    """Rules and shared state (quota, rate limiter) for every call of one client."""

    def __init__(self, mode: str, max_attempts: int, service: str,
                 legacy: LegacyRules | None, random: Callable[[], float],
                 clock: Callable[[], float]) -> None:
        self.mode = mode
        self.max_attempts = max_attempts
        self.service = service
        self._legacy = legacy
        self._random = random
        self._clock = clock
        self.quota = RetryQuota() if mode != "legacy" else None
        self.limiter = RateLimiter(clock()) if mode == "adaptive" else None

    def start(self) -> CallRetries:
        return CallRetries(self)


class CallRetries:
    __slots__ = ("_last_cost", "attempt", "strategy")

    def __init__(self, strategy: RetryStrategy) -> None:
        self.strategy = strategy
        self.attempt = 0
        self._last_cost = 0

    def wait_before_send(self) -> float:
        limiter = self.strategy.limiter
        return limiter.acquire(self.strategy._clock()) if limiter is not None else 0.0

    def decide(self, outcome: Outcome) -> RetryDecision:
        """Called after each attempt; ``self.attempt`` counts attempts made so far."""
        self.attempt += 1
        s = self.strategy
        if s.limiter is not None:
            s.limiter.update(s._clock(), throttled=is_throttling(outcome))
        if outcome.succeeded:
            if s.quota is not None:
                s.quota.release(self._last_cost if self.attempt > 1 else NO_RETRY_INCREMENT)
            return RetryDecision(retry=False)
        if s.mode == "legacy":
            assert s._legacy is not None
            if not s._legacy.is_retryable(outcome):
                return RetryDecision(retry=False)
            if self.attempt >= s.max_attempts:
                return RetryDecision(retry=False, max_attempts_reached=True)
            return RetryDecision(retry=True, delay=s._legacy.delay(self.attempt, s._random))
        if not is_retryable_standard(outcome, s.service):
            return RetryDecision(retry=False)
        if self.attempt >= s.max_attempts:
            return RetryDecision(retry=False, max_attempts_reached=True)
        assert s.quota is not None
        cost = TIMEOUT_RETRY_COST if outcome.timeout else RETRY_COST
        if not s.quota.acquire(cost):
            return RetryDecision(retry=False)
        self._last_cost = cost
        return RetryDecision(retry=True, delay=standard_delay(self.attempt, s._random))


def build_retry_strategy(*, mode: str, max_attempts: int | None, service: str,
                         endpoint_prefix: str, retry_data: Mapping[str, Any] | None,
                         random: Callable[[], float], clock: Callable[[], float]) -> RetryStrategy:
    """``max_attempts`` counts all attempts (``None`` = the mode's default)."""
    legacy = None
    if mode == "legacy":
        if retry_data is None:
            raise ValueError("legacy retry mode needs botocore's _retry.json data")
        legacy = legacy_rules_for(retry_data, endpoint_prefix)
        default = legacy.max_attempts
    else:
        default = 3
    return RetryStrategy(mode, max_attempts if max_attempts is not None else default, service,
                         legacy, random, clock)
