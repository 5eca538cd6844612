"""The client-side rate limiter of ``adaptive`` retry mode (standard mode plus a token bucket).

Theory of operation (botocore 1.43): the limiter starts disabled, with a bucket of rate 1 that holds
no token. The first throttling response turns it on. After every attempt (success, error or
transport failure) the limiter measures the send rate (smoothed 0.8 over half-second buckets) and
moves the bucket's fill rate along a CUBIC curve: to ``beta`` times the current rate on throttling,
back up along ``scale * (t - k) ** 3 + w_max`` otherwise, never above twice the measured rate and
never below 0.5 requests per second. Before each attempt, :meth:`RateLimiter.acquire` takes a token
and returns 0, or returns how long to wait; the caller turns that into a ``Sleep`` effect and then
takes the token with ``waited=True``. Time comes in as arguments; state changes happen under one lock.
"""

from __future__ import annotations

import math
from _thread import allocate_lock

__all__ = ["RateLimiter"]

MIN_FILL_RATE = 0.5
SMOOTHING = 0.8
BUCKET_SECONDS = 0.5
BETA = 0.7
SCALE = 0.4
MAX_RATE_ADJUST = 2.0


class RateLimiter:
    def __init__(self, now: float) -> None:
        self._lock = allocate_lock()
        self.enabled = False
        # token bucket (botocore starts it with max_rate=1 and no token)
        self._fill_rate = 1.0
        self._max_capacity = 1.0
        self._capacity = 0.0
        self._last_refill: float | None = None
        # measured send rate
        self._measured_rate = 0.0
        self._count = 0
        self._last_bucket = float(math.floor(now))
        # cubic state (starting max rate 0, so k = 0)
        self._w_max = 0.0
        self._k = 0.0
        self._last_fail = now

    @property
    def fill_rate(self) -> float:
        return self._fill_rate

    @property
    def measured_rate(self) -> float:
        return self._measured_rate

    @property
    def capacity(self) -> float:
        return self._capacity

    def acquire(self, now: float, waited: bool = False) -> float:
        """Take one token and return 0, or return the seconds to wait for one.

        After waiting what it said, the caller asks again with ``waited=True``: the token is then
        taken even if the refill fell a little short (the bucket goes briefly into debt, which the
        next callers wait off), so a caller never spins on a clock that did not move.
        """
        if not self.enabled:
            return 0.0
        with self._lock:
            self._refill(now)
            if self._capacity >= 1 or waited:
                self._capacity -= 1
                return 0.0
            return (1 - self._capacity) / self._fill_rate

    def update(self, now: float, throttled: bool) -> None:
        """Record one finished attempt and adjust the fill rate."""
        with self._lock:
            measured = self._record(now)
            if throttled:
                rate = measured if not self.enabled else min(measured, self._fill_rate)
                self._w_max = rate
                self._k = ((rate * (1 - BETA)) / SCALE) ** (1 / 3)
                self._last_fail = now
                new_rate = rate * BETA
                self.enabled = True
            else:
                new_rate = SCALE * (now - self._last_fail - self._k) ** 3 + self._w_max
            self._set_rate(min(new_rate, MAX_RATE_ADJUST * measured), now)

    def _record(self, now: float) -> float:
        bucket = math.floor(now / BUCKET_SECONDS) * BUCKET_SECONDS
        self._count += 1
        if bucket > self._last_bucket:
            current = self._count / (bucket - self._last_bucket)
            self._measured_rate = current * SMOOTHING + self._measured_rate * (1 - SMOOTHING)
            self._count = 0
            self._last_bucket = bucket
        return self._measured_rate

    def _refill(self, now: float) -> None:
        if self._last_refill is None:
            self._last_refill = now
            return
        amount = (now - self._last_refill) * self._fill_rate
        self._capacity = min(self._max_capacity, self._capacity + amount)
        self._last_refill = now

    def _set_rate(self, rate: float, now: float) -> None:
        self._refill(now)
        self._fill_rate = max(rate, MIN_FILL_RATE)
        self._max_capacity = max(rate, 1.0)
        self._capacity = min(self._capacity, self._max_capacity)
