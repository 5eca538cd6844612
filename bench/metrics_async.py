"""Async-client metrics: concurrent ``head_object`` throughput and client creation, for awsession.aio
and aiobotocore.

Rules: both SDKs get the same recipe as the sync benchmark (``sdk.py``: fake explicit keys,
us-east-1, path-style S3, a single attempt) plus ``max_pool_connections=concurrency``. Throughput is
measured in rounds of ``concurrency`` calls started together with ``asyncio.gather`` (after one
untimed warm-up round that opens the pool); the result is ``concurrency / median round time``, so a
noisy neighbour spoils a round, not the number. An SDK that cannot be imported raises
``ImportError`` -- unless it is aiobotocore and ``BENCH_AIOBOTOCORE_PYTHON`` names an interpreter that
has it (aiobotocore needs a newer botocore than this repository pins): then the measurement runs in
that interpreter, as ``python -m bench.metrics_async``, with this repository's root as the working
directory (the variable is the only way: the benchmark never goes looking for interpreters).
``suite`` (what ``python -m bench`` runs in a child per round) never fails: a metric that cannot be
measured is reported as ``"n/a: <reason>"``. Nothing heavy is imported at module import time.

Command line (what the other interpreter runs; handy by hand too)::

    python -m bench.metrics_async calls SDK URL [--concurrency 64] [--calls 2000]
    python -m bench.metrics_async create SDK
    python -m bench.metrics_async suite SDK URL [--quick]  # both metrics, one JSON line (python -m bench)
    python -m bench.metrics_async compare [--runs 5] [--url URL]  # alternates both SDKs
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from .sdk import CONFIG_KWARGS, SESSION_KWARGS

__all__ = [
    "ASYNC_SDK_NAMES",
    "REFERENCE_OF",
    "async_client_creation_seconds",
    "async_head_object_calls_per_second",
    "suite",
]

ASYNC_SDK_NAMES = ("awsession", "aiobotocore")
REFERENCE_OF = {"boto3": "aiobotocore", "awsession": "awsession"}
"""Which async SDK stands for each sync one in ``python -m bench``'s rounds."""
PYTHON_ENV = "BENCH_AIOBOTOCORE_PYTHON"
_NESTED_ENV = "BENCH_ASYNC_NESTED"
SUITE_KEYS = ("async.head_object", "async.client")
_QUICK_CALLS = 256
_BUCKET = "bench-bucket"  # the canned server answers HeadObject for any /bucket/key
_KEY = "exports/2024/06/part-0001.bin"
_CREATIONS = 7
_QUICK_CREATIONS = 3
_ROOT = Path(__file__).resolve().parent.parent


@asynccontextmanager
async def _client(sdk_name: str, url: str, pool: int) -> AsyncIterator[Any]:
    """An entered async s3 client of ``sdk_name`` (a new session each time)."""
    config_kwargs = dict(CONFIG_KWARGS, max_pool_connections=pool)
    if sdk_name == "awsession":
        from awsession.aio import Session
        from awsession.config import Config

        async with Session(**SESSION_KWARGS).client(
                "s3", endpoint_url=url, config=Config(**config_kwargs)) as client:
            yield client
    elif sdk_name == "aiobotocore":
        from aiobotocore.config import AioConfig  # type: ignore[import-not-found,unused-ignore]
        from aiobotocore.session import get_session  # type: ignore[import-not-found,unused-ignore]

        session = get_session()
        async with session.create_client(
                "s3", endpoint_url=url, config=AioConfig(**config_kwargs),
                aws_access_key_id=SESSION_KWARGS["aws_access_key_id"],
                aws_secret_access_key=SESSION_KWARGS["aws_secret_access_key"],
                region_name=SESSION_KWARGS["region_name"]) as client:
            yield client
    else:
        raise ValueError(f"unknown async SDK {sdk_name!r}; expected one of {ASYNC_SDK_NAMES}")


async def _round_seconds(client: Any, concurrency: int, rounds: int) -> list[float]:
    head = client.head_object
    keys = [f"{_KEY}-{i}" for i in range(concurrency)]
    await asyncio.gather(*(head(Bucket=_BUCKET, Key=key) for key in keys))  # warm-up: the pool
    clock = time.perf_counter
    samples = []
    for _ in range(rounds):
        start = clock()
        await asyncio.gather(*(head(Bucket=_BUCKET, Key=key) for key in keys))
        samples.append(clock() - start)
    return samples


async def _calls_per_second(sdk_name: str, url: str, concurrency: int, calls: int) -> float:
    async with _client(sdk_name, url, concurrency) as client:
        samples = await _round_seconds(client, concurrency, max(1, calls // concurrency))
    return concurrency / statistics.median(samples)


async def _creation_seconds(sdk_name: str, url: str, creations: int = _CREATIONS) -> float:
    samples = []
    for i in range(creations + 1):
        start = time.perf_counter()
        async with _client(sdk_name, url, 10):
            elapsed = time.perf_counter() - start
        if i:  # the first one loads models and caches: not what each further client pays
            samples.append(elapsed)
    return statistics.median(samples)


def _in_other_python(sdk_name: str, argv: list[str], error: ImportError) -> float:
    nested = os.environ.get(_NESTED_ENV) == "1"  # already the other interpreter: never recurse
    python = os.environ.get(PYTHON_ENV) if sdk_name == "aiobotocore" and not nested else None
    if not python:
        if sdk_name == "aiobotocore" and not nested:
            raise ImportError(f"aiobotocore is not importable here ({error}) and {PYTHON_ENV} "
                              "does not name an interpreter that has it") from error
        if nested:
            raise ImportError(f"{sys.executable}: {error}") from error
        raise error
    return float(_other_python_output(python, argv).split()[-1])


def _other_python_output(python: str, argv: list[str]) -> str:
    done = subprocess.run([python, "-m", "bench.metrics_async", *argv], cwd=_ROOT, text=True,
                          capture_output=True, check=False, env={**os.environ, _NESTED_ENV: "1"})
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines() or [f"exit status {done.returncode}"]
        raise ImportError(f"{python}: {lines[-1]}")
    return done.stdout


def _run(sdk_name: str, argv: list[str], measure: Callable[[], Any]) -> float:
    if sdk_name not in ASYNC_SDK_NAMES:
        raise ValueError(f"unknown async SDK {sdk_name!r}; expected one of {ASYNC_SDK_NAMES}")
    try:
        __import__("aiobotocore.session" if sdk_name == "aiobotocore" else "awsession.aio")
    except ImportError as error:
        return _in_other_python(sdk_name, argv, error)
    return float(asyncio.run(measure()))


def async_head_object_calls_per_second(sdk_name: str, url: str, concurrency: int = 64,
                                       calls: int = 2000) -> float:
    """``head_object`` calls per second with ``concurrency`` in flight (median round)."""
    argv = ["calls", sdk_name, url, "--concurrency", str(concurrency), "--calls", str(calls)]
    return _run(sdk_name, argv, lambda: _calls_per_second(sdk_name, url, concurrency, calls))


def async_client_creation_seconds(sdk_name: str, creations: int = _CREATIONS) -> float:
    """Median seconds for a new session + entered s3 client, once the first one is made."""
    url = "http://127.0.0.1:9"  # creation opens no connection
    return _run(sdk_name, ["create", sdk_name, "--creations", str(creations)],
                lambda: _creation_seconds(sdk_name, url, creations))


def _na(error: BaseException) -> str:
    lines = str(error).strip().splitlines() or [""]
    return f"n/a: {type(error).__name__}: {lines[-1][:200]}"


def suite(sdk_name: str, url: str, quick: bool = False) -> dict[str, float | str]:
    """Both async metrics of ``sdk_name`` for ``python -m bench``; ``"n/a: ..."`` instead of errors."""
    out: dict[str, float | str] = {}
    python = os.environ.get(PYTHON_ENV)
    if sdk_name == "aiobotocore" and python and os.environ.get(_NESTED_ENV) != "1":
        try:
            __import__("aiobotocore.session")
        except ImportError:  # one process in the other interpreter measures both
            argv = ["suite", sdk_name, url, *(["--quick"] if quick else [])]
            try:
                text = _other_python_output(python, argv)
                found: dict[str, float | str] = json.loads(text.strip().splitlines()[-1])
                return found
            except Exception as error:
                return dict.fromkeys(SUITE_KEYS, _na(error))
    try:
        out["async.head_object"] = async_head_object_calls_per_second(
            sdk_name, url, 64, _QUICK_CALLS if quick else 2000)
    except Exception as error:
        out["async.head_object"] = _na(error)
    try:
        out["async.client"] = async_client_creation_seconds(
            sdk_name, _QUICK_CREATIONS if quick else _CREATIONS)
    except Exception as error:
        out["async.client"] = _na(error)
    return out


def _python_for(sdk_name: str) -> str:
    return (os.environ.get(PYTHON_ENV) or sys.executable) if sdk_name == "aiobotocore" \
        else sys.executable


def _compare(runs: int, concurrency: int, calls: int, url: str | None) -> None:
    """Both SDKs alternately, each run in a fresh process, against ``url`` or, without it, a
    canned server started in a process of its own (so it does not share the client's GIL)."""
    server = None
    if url is None:
        server = subprocess.Popen([sys.executable, "-m", "bench.server"], cwd=_ROOT, text=True,
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        assert server.stdout is not None
        url = f"http://127.0.0.1:{server.stdout.readline().strip()}"
    results: dict[str, list[float]] = {name: [] for name in ASYNC_SDK_NAMES}
    try:
        for run in range(runs):
            for name in ASYNC_SDK_NAMES:
                argv = ["calls", name, url, "--concurrency", str(concurrency), "--calls", str(calls)]
                done = subprocess.run([_python_for(name), "-m", "bench.metrics_async", *argv],
                                      cwd=_ROOT, text=True, capture_output=True, check=False)
                if done.returncode != 0:
                    print(f"run {run + 1} {name:12s} n/a: {done.stderr.strip().splitlines()[-1:]}")
                    continue
                results[name].append(float(done.stdout.split()[-1]))
                print(f"run {run + 1} {name:12s} {results[name][-1]:8.0f} calls/s", flush=True)
    finally:
        if server is not None:
            server.communicate("")
    medians = {name: statistics.median(v) for name, v in results.items() if v}
    for name, value in medians.items():
        print(f"median {name:12s} {value:8.0f} calls/s over {len(results[name])} runs")
    if len(medians) == 2:
        print(f"ratio awsession/aiobotocore {medians['awsession'] / medians['aiobotocore']:.2f}x")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.metrics_async")
    sub = parser.add_subparsers(dest="command", required=True)
    calls = sub.add_parser("calls")
    calls.add_argument("sdk", choices=ASYNC_SDK_NAMES)
    calls.add_argument("url")
    create = sub.add_parser("create")
    create.add_argument("sdk", choices=ASYNC_SDK_NAMES)
    create.add_argument("--creations", type=int, default=_CREATIONS)
    suite_cmd = sub.add_parser("suite")
    suite_cmd.add_argument("sdk", choices=ASYNC_SDK_NAMES)
    suite_cmd.add_argument("url")
    suite_cmd.add_argument("--quick", action="store_true")
    compare = sub.add_parser("compare")
    compare.add_argument("--runs", type=int, default=5)
    compare.add_argument("--url", help="an already running server (default: start bench.server)")
    for p in (calls, compare):
        p.add_argument("--concurrency", type=int, default=64)
        p.add_argument("--calls", type=int, default=2000)
    args = parser.parse_args(argv)
    if args.command == "calls":
        print(async_head_object_calls_per_second(args.sdk, args.url, args.concurrency, args.calls))
    elif args.command == "create":
        print(async_client_creation_seconds(args.sdk, args.creations))
    elif args.command == "suite":
        print(json.dumps(suite(args.sdk, args.url, args.quick)))
    else:
        _compare(args.runs, args.concurrency, args.calls, args.url)


if __name__ == "__main__":
    main()
