"""Child-process entry that runs one suite of in-process measurements for one SDK, as JSON.

``python -m bench.worker SUITE SDK ENDPOINT_URL [--quick]`` prints one JSON object mapping metric keys
to a number (seconds, bytes or calls/s: the round's median), a string (``"n/a: ..."``, or profile
text). Suites: ``warm`` (Session + client, per-call times, threads), ``rss``, ``components``
(parsing, signing, endpoint resolution), ``profile`` (these take
``boto3`` or ``awsession``) and ``floor`` (raw urllib3; SDK ``raw``). One process per suite and SDK
keeps the SDKs from sharing a heap, a GC or imports.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from functools import partial
from types import ModuleType
from typing import Any

from .metrics_calls import OPERATIONS, call_samples, raw_samples, threaded_calls_per_second
from .metrics_components import PARSE_CASES, endpoint_samples, parse_samples, sign_samples
from .metrics_profile import profile_head_object
from .metrics_session import (
    WARM_SERVICES,
    rss_per_session_client,
    warm_session_client_samples,
    warm_session_samples,
)
from .sdk import failure, load_sdk
from .timing import guarded, median

__all__ = ["SUITES", "THREADS", "run_suite", "suite_keys"]

THREADS = 8
Result = dict[str, float | str]


def _median_of(samples: Callable[..., list[float]], *args: Any) -> float:
    return median(samples(*args))


def _warm(sdk: ModuleType, url: str, quick: bool) -> Result:
    sessions = 5 if quick else 20
    out: Result = {"warm_session": guarded(partial(_median_of, warm_session_samples, sdk, sessions))}
    for service in WARM_SERVICES:
        out[f"warm_client.{service}"] = guarded(
            partial(_median_of, warm_session_client_samples, sdk, service, url, 2 if quick else 4))
    clients: dict[str, Any] = {}
    for op in OPERATIONS:
        out[f"call.{op.name}"] = guarded(partial(_median_of, call_samples, sdk, op, url, quick, clients))
    out["threads.head_object"] = guarded(
        lambda: threaded_calls_per_second(sdk, url, THREADS, 10 if quick else 50))
    return out


def _components(sdk: ModuleType, url: str, quick: bool) -> Result:
    out: Result = {}
    for case in PARSE_CASES:
        out[f"parse.{case}"] = guarded(partial(_median_of, parse_samples, sdk, case, quick))
    out["sign.sigv4"] = guarded(partial(_median_of, sign_samples, sdk, quick))
    for cached in (True, False):
        out[f"endpoint.{'cached' if cached else 'uncached'}"] = guarded(
            partial(_median_of, endpoint_samples, sdk, url, cached, quick))
    return out


def _rss(sdk: ModuleType, url: str, quick: bool) -> Result:
    return {"rss_per_client": guarded(lambda: rss_per_session_client(sdk, url, 10 if quick else 100))}


def _profile(sdk: ModuleType, url: str, quick: bool) -> Result:
    return {"profile": guarded(lambda: profile_head_object(sdk, url))}


def _floor(url: str, quick: bool) -> Result:
    import urllib3

    host_port = url.removeprefix("http://")
    host, _, port = host_port.partition(":")
    with urllib3.HTTPConnectionPool(host, int(port), maxsize=1) as pool:
        return {f"floor.{op.name}": median(raw_samples(op, pool, quick)) for op in OPERATIONS}


SUITES: dict[str, Callable[[ModuleType, str, bool], Result]] = {
    "warm": _warm,
    "rss": _rss,
    "profile": _profile,
    "components": _components,
}


def suite_keys(suite: str) -> list[str]:
    """The metric keys a suite reports (so a worker that died can be recorded key by key)."""
    keys = {
        "warm": ["warm_session", *(f"warm_client.{s}" for s in WARM_SERVICES),
                 *(f"call.{op.name}" for op in OPERATIONS), "threads.head_object"],
        "rss": ["rss_per_client"],
        "components": [*(f"parse.{case}" for case in PARSE_CASES), "sign.sigv4",
                       "endpoint.cached", "endpoint.uncached"],
        "profile": ["profile"],
        "floor": [f"floor.{op.name}" for op in OPERATIONS],
    }
    return keys[suite]


def run_suite(suite: str, sdk_name: str, url: str, quick: bool) -> Result:
    if suite == "floor":
        return _floor(url, quick)
    try:
        sdk = load_sdk(sdk_name)
    except Exception as exc:
        return {"error": failure(exc)}
    return SUITES[suite](sdk, url, quick)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.worker")
    parser.add_argument("suite", choices=[*SUITES, "floor"])
    parser.add_argument("sdk")
    parser.add_argument("url")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    print(json.dumps(run_suite(args.suite, args.sdk, args.url, args.quick)))


if __name__ == "__main__":
    main()
