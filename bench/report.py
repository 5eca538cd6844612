"""Turns the rounds' raw samples into the result: medians, derived overheads, ratios, pass marks.

Rules: pure except ``write_json``/``machine_info``. A metric's value is the median over rounds; when
an SDK produced no number for it, the value is the last ``"n/a: ..."`` it reported (never a crash,
never a silent gap). Overhead per round is that round's call time minus that round's raw floor.
Each row's ``"boto3"`` field holds the value of the row's ``"reference"`` SDK (boto3, or aiobotocore
for the async rows), so the table keeps one reference column.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

from .sdk import SDK_NAMES
from .targets import METRICS, passes

__all__ = ["Collector", "build_result", "machine_info", "write_json"]

Value = float | str


@dataclass
class Collector:
    """Per-SDK lists of per-round numbers, plus the latest failure text per metric."""

    samples: dict[str, dict[str, list[float]]] = field(default_factory=dict)
    failures: dict[str, dict[str, str]] = field(default_factory=dict)
    texts: dict[str, dict[str, str]] = field(default_factory=dict)

    def add(self, sdk: str, key: str, value: object) -> None:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            self.samples.setdefault(sdk, {}).setdefault(key, []).append(float(value))
        elif isinstance(value, str) and value.startswith("n/a"):
            self.failures.setdefault(sdk, {})[key] = value
        else:
            self.texts.setdefault(sdk, {})[key] = str(value)

    def add_all(self, sdk: str, values: dict[str, object]) -> None:
        for key, value in values.items():
            self.add(sdk, key, value)

    def derive_overheads(self, ops: list[str]) -> None:
        """``overhead.<op>`` = ``call.<op>`` minus ``floor.<op>``, paired round by round."""
        floors = self.samples.get("raw", {})
        for sdk in SDK_NAMES:
            own = self.samples.get(sdk, {})
            for op in ops:
                pairs = zip(own.get(f"call.{op}", []), floors.get(f"floor.{op}", []), strict=False)
                overheads = [call - floor for call, floor in pairs]
                if overheads:
                    own[f"overhead.{op}"] = overheads
                elif f"call.{op}" in self.failures.get(sdk, {}):
                    self.failures[sdk][f"overhead.{op}"] = self.failures[sdk][f"call.{op}"]

    def value(self, sdk: str, key: str) -> Value:
        numbers = self.samples.get(sdk, {}).get(key)
        if numbers:
            return statistics.median(numbers)
        return self.failures.get(sdk, {}).get(key, "n/a: not measured")


def _ratio(awsession: Value, boto3: Value) -> float | None:
    if isinstance(awsession, float) and isinstance(boto3, float) and boto3 > 0:
        return awsession / boto3
    return None


def build_result(collector: Collector, run: dict[str, object]) -> dict[str, object]:
    rows = []
    for metric in METRICS:
        reference = metric.reference
        boto3 = collector.value(reference, metric.key)
        awsession = collector.value("awsession", metric.key)
        ratio = _ratio(awsession, boto3)
        rows.append({
            "key": metric.key, "label": metric.label, "unit": metric.unit, "reference": reference,
            "target": metric.target, "target_text": metric.target_text(),
            "higher_is_better": metric.higher_is_better,
            "boto3": boto3, "awsession": awsession, "ratio": ratio,
            "pass": passes(metric, ratio) if ratio is not None else None,
            "samples": {sdk: collector.samples.get(sdk, {}).get(metric.key, [])
                        for sdk in dict.fromkeys((*SDK_NAMES, reference))},
        })
    floor = {key.removeprefix("floor."): statistics.median(values)
             for key, values in collector.samples.get("raw", {}).items()}
    return {
        "schema": 1,
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "machine": machine_info(),
        "run": run,
        "floor": floor,
        "metrics": rows,
    }


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "not installed"


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine_info() -> dict[str, object]:
    return {
        "nproc": os.cpu_count(),
        "cpu": _cpu_model(),
        "python": sys.version.split()[0],
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "versions": {name: _version(name) for name in ("awsession", "boto3", "botocore", "urllib3")},
    }


def write_json(result: dict[str, object], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2, sort_keys=False) + "\n")
