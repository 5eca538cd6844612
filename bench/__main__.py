"""``python -m bench``: run the whole benchmark, both SDKs alternating, and write every output.

Rules: the canned server runs in its own process (its CPU never competes with the measured client
for a GIL); each measurement runs in a fresh child process (``metrics_startup`` for cold starts,
``bench.worker`` for the rest), and in every round the two SDKs alternate, each step taking turns
to go first. No step can crash the run: whatever fails is recorded as ``"n/a: ..."``. AWS
configuration from the environment and ``~/.aws`` is hidden from every child.

The async step (first ``--async-rounds`` rounds) measures awsession.aio in boto3's turn's partner
slot and aiobotocore in boto3's turn (``metrics_async``); aiobotocore runs only in the interpreter
named by ``BENCH_AIOBOTOCORE_PYTHON`` (or this one, if it has aiobotocore), else its rows read
``"n/a: ..."``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from . import chart, markdown
from .metrics_async import REFERENCE_OF, SUITE_KEYS
from .metrics_calls import OPERATIONS
from .metrics_startup import (
    FIRST_CLIENT_SERVICES,
    MODEL_SERVICES,
    REPO_ROOT,
    first_call_seconds,
    first_client,
    import_seconds,
    model_alone,
    run_child,
)
from .report import Collector, build_result, write_json
from .sdk import SDK_NAMES
from .worker import suite_keys

RESULTS = REPO_ROOT / "bench" / "results"
DOCS = REPO_ROOT / "docs" / "benchmarks.md"
IMPORT_SAMPLES_PER_ROUND = 2
BUDGET_SECONDS = 240.0
Step = Callable[[str, str], dict[str, object]]


def _isolate_environment(home: Path) -> None:
    for name in list(os.environ):
        if name.startswith(("AWS_", "BOTO_", "BOTOCORE_")):
            del os.environ[name]
    os.environ["AWS_CONFIG_FILE"] = str(home / "config")
    os.environ["AWS_SHARED_CREDENTIALS_FILE"] = str(home / "credentials")
    os.environ["AWS_EC2_METADATA_DISABLED"] = "true"
    # Children run as an installed package would: with bytecode caches (boto3's come with its
    # wheel; awsession's are written by the warm-up). Without this, a PYTHONDONTWRITEBYTECODE
    # environment recompiles awsession from source in every fresh process and never boto3.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


def _start_server() -> tuple[subprocess.Popen[str], str]:
    server = subprocess.Popen([sys.executable, "-m", "bench.server"], cwd=REPO_ROOT, text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert server.stdout is not None
    port = int(server.stdout.readline())
    return server, f"http://127.0.0.1:{port}"


def _worker(suite: str, quick: bool) -> Step:
    def step(sdk: str, url: str) -> dict[str, object]:
        result = run_child(["-m", "bench.worker", suite, sdk, url, *(["--quick"] if quick else [])])
        if "error" in result:  # the worker itself could not run: every metric of the suite is n/a
            reason = f"n/a: {str(result['error']).removeprefix('n/a: ')}"
            return dict.fromkeys(suite_keys(suite), reason)
        return result

    return step


def _async_step(quick: bool) -> Step:
    """The async metrics of ``sdk``'s async counterpart, recorded under that counterpart's name."""

    def step(sdk: str, url: str) -> dict[str, object]:
        name = REFERENCE_OF[sdk]
        result = run_child(["-m", "bench.metrics_async", "suite", name, url,
                            *(["--quick"] if quick else [])])
        if "error" in result:
            return dict.fromkeys(SUITE_KEYS, f"n/a: {str(result['error']).removeprefix('n/a: ')}")
        return result

    return step


def _startup(sdk: str, url: str) -> dict[str, object]:
    out: dict[str, object] = {"import": [import_seconds(sdk) for _ in range(IMPORT_SAMPLES_PER_ROUND)]}
    for service in FIRST_CLIENT_SERVICES:
        out[f"first_client.{service}"], out[f"first_client_rss.{service}"] = first_client(sdk, service, url)
    out["first_call.s3"] = first_call_seconds(sdk, url)
    for service in MODEL_SERVICES:
        out[f"model.{service}"], out[f"model_rss.{service}"] = model_alone(sdk, service)
    return out


def _warm_up(sdks: list[str], url: str) -> None:
    """One untimed cold start per SDK and service: writes bytecode and data caches, warms the OS cache."""
    for sdk in sdks:
        import_seconds(sdk)
        for service in FIRST_CLIENT_SERVICES:
            first_client(sdk, service, url)


def _record(collector: Collector, sdk: str, values: dict[str, object]) -> None:
    for key, value in values.items():
        for one in value if isinstance(value, list) else [value]:
            collector.add(sdk, key, one)


_EARLY_STEPS = ("rss", "async")  # steps only the first rounds run: not part of a later round's cost


def _one_round(index: int, args: argparse.Namespace, url: str, collector: Collector) -> dict[str, float]:
    """Run one round; return the seconds each early-only step took in it."""
    sdks = [name for name in SDK_NAMES if name in args.sdk]
    order = sdks if index % 2 == 0 else sdks[::-1]
    steps: list[tuple[str, Step]] = [("startup", _startup), ("warm", _worker("warm", args.quick)),
                                     ("components", _worker("components", args.quick))]
    if index < args.rss_rounds:
        steps.append(("rss", _worker("rss", args.quick)))
    if index < args.async_rounds:
        steps.append(("async", _async_step(args.quick)))
    _progress(f"round {index + 1}/{args.rounds}: floor")
    _record(collector, "raw", _worker("floor", args.quick)("raw", url))
    early: dict[str, float] = dict.fromkeys(_EARLY_STEPS, 0.0)
    for name, step in steps:
        for sdk in order:
            recorded = REFERENCE_OF[sdk] if name == "async" else sdk
            _progress(f"round {index + 1}/{args.rounds}: {name} {recorded}")
            started = time.perf_counter()
            _record(collector, recorded, step(sdk, url))
            if name in early:
                early[name] += time.perf_counter() - started
    return early


def _next_round_estimate(last_round: float, early: dict[str, float], next_index: int,
                         args: argparse.Namespace) -> float:
    """The last round's time, less the early-only steps the next round will not run."""
    skipped = (early["rss"] if next_index >= args.rss_rounds else 0.0) + (
        early["async"] if next_index >= args.async_rounds else 0.0)
    return max(last_round - skipped, 0.0)


def _run(args: argparse.Namespace, url: str) -> tuple[Collector, dict[str, str], int]:
    """All rounds that fit the time budget, then the profiles; returns how many rounds ran."""
    collector = Collector()
    _progress("warm-up (bytecode and data caches)")
    _warm_up([name for name in SDK_NAMES if name in args.sdk], url)
    started = time.perf_counter()
    done = 0
    estimate = 0.0
    while done < args.rounds:
        elapsed = time.perf_counter() - started
        if done and elapsed + estimate > args.budget:
            _progress(f"stopping after {done} round(s): another would pass the {args.budget:.0f} s budget")
            break
        round_started = time.perf_counter()
        early = _one_round(done, args, url, collector)
        done += 1
        estimate = _next_round_estimate(time.perf_counter() - round_started, early, done, args)
    profiles: dict[str, str] = {}
    for sdk in (name for name in SDK_NAMES if name in args.sdk):
        _progress(f"profile {sdk}")
        profiles[sdk] = str(_worker("profile", args.quick)(sdk, url).get("profile", "n/a: no profile"))
    collector.derive_overheads([op.name for op in OPERATIONS])
    return collector, profiles, done


_START = time.perf_counter()


def _progress(text: str) -> None:
    print(f"[{time.perf_counter() - _START:6.1f}s] {text}", file=sys.stderr, flush=True)


def _write_outputs(args: argparse.Namespace, result: dict[str, object], profiles: dict[str, str]) -> None:
    out: Path = args.out
    write_json(result, out / "latest.json")
    for sdk, text in profiles.items():
        (out / f"profile-{sdk}.txt").write_text(text + "\n")
    (out / "latest.md").write_text(markdown.table(result))
    print(markdown.table(result))
    if args.no_docs:
        return
    png = args.docs.with_suffix(".png")
    drawn = chart.draw(result, png)
    existing = args.docs.read_text() if args.docs.exists() else None
    section = markdown.results_section(result, png.name if drawn else None)
    args.docs.write_text(markdown.docs_page(existing, section))
    _progress(f"wrote {out / 'latest.json'}, {args.docs}" + (f", {png}" if drawn else " (no chart)"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one round, small counts (CI smoke)")
    parser.add_argument("--rounds", type=int, default=None, help="rounds (default 5, or 1 with --quick)")
    parser.add_argument("--rss-rounds", type=int, default=None, help="rounds that measure RSS (default 1)")
    parser.add_argument("--async-rounds", type=int, default=None,
                        help="rounds that measure the async clients (default 3)")
    parser.add_argument("--budget", type=float, default=BUDGET_SECONDS,
                        help="seconds for the rounds; no round starts that would pass it (default 240)")
    parser.add_argument("--sdk", nargs="+", choices=SDK_NAMES, default=list(SDK_NAMES))
    parser.add_argument("--out", type=Path, default=None,
                        help="results folder (default bench/results, or bench/results/quick with --quick)")
    parser.add_argument("--docs", type=Path, default=None,
                        help="docs page to update (default docs/benchmarks.md; none with --quick)")
    parser.add_argument("--no-docs", action="store_true", help="do not touch the docs page or chart")
    args = parser.parse_args(argv)
    args.rounds = args.rounds or (1 if args.quick else 5)
    args.rss_rounds = args.rss_rounds if args.rss_rounds is not None else 1
    args.async_rounds = args.async_rounds if args.async_rounds is not None else 3
    args.out = args.out or (RESULTS / "quick" if args.quick else RESULTS)
    args.no_docs = args.no_docs or (args.quick and args.docs is None)
    args.docs = args.docs or DOCS
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="bench-aws-home-") as home:
        _isolate_environment(Path(home))
        server, url = _start_server()
        try:
            collector, profiles, rounds_done = _run(args, url)
        finally:
            assert server.stdin is not None
            server.stdin.close()
            server.wait(timeout=10)
    run = {"rounds": rounds_done, "rounds_asked": args.rounds, "quick": args.quick,
           "seconds": time.perf_counter() - _START, "sdks": args.sdk,
           "load_average_1m": {"start": load_before, "end": os.getloadavg()[0]}}
    _write_outputs(args, build_result(collector, run), profiles)
    return 0


if __name__ == "__main__":
    sys.exit(main())
