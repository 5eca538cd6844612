"""Session metrics in a warm process: time for a new Session + client, and RSS per extra pair.

Rules: "warm" means the process already made one client of the service (models, rule sets and the
SDK's caches are loaded); what is timed is what a program pays for each further Session + client.
RSS is read from psutil when installed, else /proc/self/statm, and measured only in a child process
of its own (the worker's ``rss`` suite) so no other measurement's garbage muddies it.
"""

from __future__ import annotations

import gc
import os
from types import ModuleType
from typing import Any

from .sdk import make_client, make_session
from .timing import time_each

__all__ = [
    "WARM_SERVICES",
    "rss_bytes",
    "rss_per_session_client",
    "warm_session_client_samples",
    "warm_session_samples",
]

WARM_SERVICES = ("s3", "ec2", "dynamodb")


def warm_session_samples(sdk: ModuleType, count: int) -> list[float]:
    """Seconds for each new ``Session(...)`` alone (no client), after a first, untimed one."""
    return time_each(lambda: make_session(sdk), count, warmup=1)


def warm_session_client_samples(sdk: ModuleType, service: str, endpoint_url: str, count: int) -> list[float]:
    """Seconds for each new ``Session(...)`` + ``.client(service)`` after a first, untimed one."""
    return time_each(lambda: make_client(sdk, service, endpoint_url), count, warmup=1)


def rss_bytes() -> int:
    try:
        import psutil  # type: ignore[import-untyped,unused-ignore]  # optional bench dependency
    except ImportError:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    return int(psutil.Process().memory_info().rss)


def rss_per_session_client(sdk: ModuleType, endpoint_url: str, count: int) -> float:
    """Bytes of RSS growth per extra Session + s3 client, with ``count`` of them kept alive."""
    keep: list[Any] = [make_client(sdk, "s3", endpoint_url)]
    gc.collect()
    before = rss_bytes()
    keep.extend(make_client(sdk, "s3", endpoint_url) for _ in range(count))
    gc.collect()
    grown = rss_bytes() - before
    del keep
    return grown / count
