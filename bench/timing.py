"""Timing primitives shared by the metric modules: per-call samples, medians, guarded runs.

Rules: ``time.perf_counter`` only; a measurement that raises is never fatal — ``guarded`` turns the
exception into the ``"n/a: ..."`` string that the results record instead of a number.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import TypeVar

from .sdk import failure

__all__ = ["guarded", "median", "time_each"]

T = TypeVar("T")


def time_each(call: Callable[[], object], count: int, warmup: int = 3) -> list[float]:
    """Seconds taken by each of ``count`` calls, after ``warmup`` untimed ones."""
    for _ in range(warmup):
        call()
    clock = time.perf_counter
    samples = []
    for _ in range(count):
        start = clock()
        call()
        samples.append(clock() - start)
    return samples


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def guarded(measure: Callable[[], T]) -> T | str:
    try:
        return measure()
    except Exception as exc:
        return failure(exc)
