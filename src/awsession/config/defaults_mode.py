"""Defaults modes: the per-mode default values of ``sdk-default-configuration.json``.

A defaults mode (``AWS_DEFAULTS_MODE`` / ``defaults_mode`` / ``Config(defaults_mode=...)``) only
changes *defaults*: env vars, profile keys and explicit values still win. ``legacy`` (the default)
changes nothing; ``auto`` picks ``in-region`` or ``cross-region`` by comparing the client's region
with the region the code runs in, and ``standard`` when that is unknown. botocore asks IMDS for the
running region when ``AWS_EXECUTION_ENV`` is unset; this pure module never does I/O, so a driver that
wants that lookup passes its result in as ``imds_region``.

The JSON is read once per process through the model loader. ``base`` holds the values, each mode
lists modifications (``override``, ``multiply`` or ``add``).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

__all__ = ["MODE_KEYS", "defaults_mode_names", "mode_values", "resolve_auto_mode"]

# Which logical setting each key of the JSON feeds, and how its value is turned into ours.
MODE_KEYS: Mapping[str, tuple[str, float | None]] = {
    "retryMode": ("retry_mode", None),
    "stsRegionalEndpoints": ("sts_regional_endpoints", None),
    "s3UsEast1RegionalEndpoints": ("s3.us_east_1_regional_endpoint", None),
    "connectTimeoutInMillis": ("connect_timeout", 1000.0),
}


@lru_cache(maxsize=1)
def _data() -> Mapping[str, Any]:
    from awsession.model.loader import default_loader

    loaded = default_loader().load("sdk-default-configuration")
    if not isinstance(loaded, dict):
        return {"base": {}, "modes": {}}
    return loaded


def defaults_mode_names() -> tuple[str, ...]:
    """Every valid mode, in botocore's order: legacy, auto, then the file's modes."""
    return ("legacy", "auto", *_data().get("modes", {}))


def _apply(value: Any, change: Mapping[str, Any]) -> Any:
    operation, operand = next(iter(change.items()))
    if operation == "multiply":
        return value * operand
    if operation == "add":
        return value + operand
    if operation == "override":
        return operand
    return value


@lru_cache(maxsize=16)
def mode_values(mode: str) -> Mapping[str, Any]:
    """Logical setting name -> default value for a concrete mode (not ``legacy``/``auto``)."""
    data = _data()
    raw = dict(data.get("base", {}))
    for key, change in data.get("modes", {}).get(mode, {}).items():
        if key in raw:
            raw[key] = _apply(raw[key], change)
    values: dict[str, Any] = {}
    for key, value in raw.items():
        target = MODE_KEYS.get(key)
        if target is None:
            continue
        name, divisor = target
        values[name] = value / divisor if divisor else value
    return values


def resolve_auto_mode(region: str | None, env: Mapping[str, str],
                      imds_region: str | None = None) -> str:
    """``in-region``, ``cross-region`` or ``standard`` for ``auto``, as botocore decides."""
    current: str | None = None
    if env.get("AWS_EXECUTION_ENV"):
        current = env.get("AWS_REGION", env.get("AWS_DEFAULT_REGION"))
    if not current:
        current = imds_region
    if current:
        return "in-region" if region == current else "cross-region"
    return "standard"
