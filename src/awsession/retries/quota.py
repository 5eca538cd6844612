"""The per-client retry quota of ``standard`` and ``adaptive`` modes (the one lock in this room).

A client starts with 500 tokens. A retry costs 5 (10 after a connect/read timeout; with the 2026
behaviour, 5 for throttling errors and 14 for anything else); with too few tokens left the call is
not retried. A call that ends in a 2xx response gives back 1 when it needed no retry, or what its
last retry cost; never above the starting capacity.
"""

from __future__ import annotations

from _thread import allocate_lock

__all__ = [
    "NEW_RETRY_COST",
    "NO_RETRY_INCREMENT",
    "RETRY_COST",
    "THROTTLING_RETRY_COST",
    "TIMEOUT_RETRY_COST",
    "RetryQuota",
]

INITIAL_CAPACITY = 500
RETRY_COST = 5
TIMEOUT_RETRY_COST = 10
NEW_RETRY_COST = 14
THROTTLING_RETRY_COST = 5
NO_RETRY_INCREMENT = 1


class RetryQuota:
    __slots__ = ("_available", "_lock", "max_capacity")

    def __init__(self, capacity: int = INITIAL_CAPACITY) -> None:
        self.max_capacity = capacity
        self._available = capacity
        self._lock = allocate_lock()

    @property
    def available(self) -> int:
        return self._available

    def acquire(self, amount: int) -> bool:
        with self._lock:
            if amount > self._available:
                return False
            self._available -= amount
            return True

    def release(self, amount: int) -> None:
        if amount <= 0 or self._available == self.max_capacity:
            return
        with self._lock:
            self._available = min(self._available + amount, self.max_capacity)
