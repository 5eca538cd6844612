"""CPU profile of one warm head_object call per SDK: cProfile's top 25 entries by cumulative time.

Rules: the client is made and warmed (connection open, caches filled) before profiling, so the
profile shows the steady per-call path, not start-up. Output is pstats text, saved by the harness
to ``bench/results/profile-<sdk>.txt``.
"""

from __future__ import annotations

import cProfile
import io
import pstats
from types import ModuleType

from .metrics_calls import OPERATIONS
from .sdk import make_client

__all__ = ["profile_head_object"]

_TOP = 25


def profile_head_object(sdk: ModuleType, endpoint_url: str, warmup: int = 20) -> str:
    client = make_client(sdk, "s3", endpoint_url)
    head = OPERATIONS[0].invoke
    for _ in range(warmup):
        head(client)
    profiler = cProfile.Profile()
    profiler.runcall(head, client)
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.strip_dirs().sort_stats("cumulative").print_stats(_TOP)
    return f"{sdk.__name__}: one warm head_object call, top {_TOP} by cumulative time\n{out.getvalue()}"
