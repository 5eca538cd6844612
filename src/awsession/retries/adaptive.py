"""The client-side rate limiter of ``adaptive`` retry mode (standard mode plus a token bucket).

Theory of operation (botocore 1.43): the bucket starts disabled. The first throttling response turns
it on. After every attempt the limiter measures the send rate (smoothed over half-second buckets)
and moves the bucket's fill rate along a CUBIC curve: down by ``beta`` on throttling, back up
along ``scale * (t - k) ** 3 + w_max`` on success, never above twice the measured rate and never
below 0.5 requests per second. Before each attempt, :meth:`RateLimiter.acquire` returns how long the
caller must wait for a token (0 when one is available). Time comes in as arguments; the only state
change happens under one lock.
"""

from __future__ import annotations

import math
import threading

__all__ = ["RateLimiter"]

MIN_FILL_RATE = 0.5
SMOOTHING = 0.8
BUCKET_SECONDS = 0.5
BETA = 0.7
SCALE = 0.4


class RateLimiter:
    def __init__(self, now: float) -> None:
        self._lock = threading.Lock()
        self.enabled = False
        # token bucket
        self._fill_rate = MIN_FILL_RATE
        self._capacity = 0.0
        self._max_capacity = 1.0
        self._last_refill: float | None = None
        # measured send rate
        self._measured_rate = 0.0
        self._count = 0
        self._last_bucket = math.floor(now * 2) / 2
        # cubic state
        self._w_max = 0.0
        self._k = 0.0
        self._last_fail = now
        self._last_max_rate = 0.0

    @property
    def fill_rate(self) -> float:
        return self._fill_rate

    @property
    def measured_rate(self) -> float:
        return self._measured_rate

    def acquire(self, now: float) -> float:
        """Take one token; return 0, or the seconds to wait before asking again."""
        with self._lock:
            if not self.enabled:
                return 0.0
            self._refill(now)
            if self._capacity >= 1:
                self._capacity -= 1
                return 0.0
            return (1 - self._capacity) / self._fill_rate

    def update(self, now: float, throttled: bool) -> None:
        """Record one finished attempt and adjust the fill rate."""
        with self._lock:
            self._record(now)
            if throttled:
                rate = self._measured_rate if not self.enabled else min(
                    self._measured_rate, self._fill_rate)
                self._last_max_rate = rate
                self._w_max = rate
                self._k = ((rate * (1 - BETA)) / SCALE) ** (1 / 3)
                self._last_fail = now
                new_rate = rate * BETA
                self.enabled = True
            else:
                dt = now - self._last_fail
                new_rate = SCALE * (dt - self._k) ** 3 + self._w_max
            self._set_rate(min(new_rate, 2 * self._measured_rate), now)

    def _record(self, now: float) -> None:
        bucket = math.floor(now * 2) / 2
        self._count += 1
        if bucket > self._last_bucket:
            current = self._count / (bucket - self._last_bucket)
            self._measured_rate = current * SMOOTHING + self._measured_rate * (1 - SMOOTHING)
            self._count = 0
            self._last_bucket = bucket

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
