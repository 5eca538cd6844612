"""Cold-start metrics, each in a fresh interpreter: ``import`` time and the first client.

Rules: a fresh process cannot be handed a module object, so these functions take the SDK's *name*.
The child is a tiny ``python -c`` script that imports only ``time`` before its clock starts, so the
interpreter's own start-up is excluded and nothing of the harness is pre-imported for the SDK. The
client recipe in the script is rendered from ``sdk.py``'s constants, the same one the warm metrics
use. A child that fails reports ``{"error": ...}`` and the metric becomes ``"n/a: ..."``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .sdk import CONFIG_KWARGS, CONFIG_MODULES, SESSION_KWARGS

__all__ = ["FIRST_CLIENT_SERVICES", "first_client_seconds", "import_seconds", "run_child"]

FIRST_CLIENT_SERVICES = ("s3", "ec2")
REPO_ROOT = Path(__file__).resolve().parent.parent

_IMPORT_SCRIPT = """\
import time
_t0 = time.perf_counter()
try:
    import {sdk}
    _out = {{"seconds": time.perf_counter() - _t0}}
except Exception as _exc:
    _out = {{"error": (type(_exc).__name__ + ": " + str(_exc)).splitlines()[0][:160]}}
import json
print(json.dumps(_out))
"""

_FIRST_CLIENT_SCRIPT = """\
import time
_t0 = time.perf_counter()
try:
    import {sdk} as _sdk
    from {config_module} import Config as _Config
    _client = _sdk.Session(**{session!r}).client(
        {service!r}, endpoint_url={endpoint!r}, config=_Config(**{config!r}))
    _out = {{"seconds": time.perf_counter() - _t0}}
except Exception as _exc:
    _out = {{"error": (type(_exc).__name__ + ": " + str(_exc)).splitlines()[0][:160]}}
import json
print(json.dumps(_out))
"""


def run_child(argv: list[str], timeout: float = 300) -> dict[str, object]:
    """Run a child interpreter from the repo root and return the JSON object on its last stdout line."""
    done = subprocess.run([sys.executable, *argv], capture_output=True, text=True, timeout=timeout,
                          cwd=REPO_ROOT, check=False)
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        tail = (done.stderr.strip().splitlines() or [f"exit code {done.returncode}"])[-1]
        return {"error": f"child failed: {tail[:160]}"}
    result: dict[str, object] = json.loads(lines[-1])
    return result


def _seconds(result: dict[str, object]) -> float | str:
    seconds = result.get("seconds")
    return float(seconds) if isinstance(seconds, (int, float)) else f"n/a: {result.get('error')}"


def import_seconds(sdk_name: str) -> float | str:
    """Seconds for ``import <sdk>`` in a fresh interpreter."""
    _check(sdk_name)
    return _seconds(run_child(["-c", _IMPORT_SCRIPT.format(sdk=sdk_name)]))


def first_client_seconds(sdk_name: str, service: str, endpoint_url: str) -> float | str:
    """Seconds from a fresh interpreter's first line to its first ``Session(...).client(service)``."""
    _check(sdk_name)
    script = _FIRST_CLIENT_SCRIPT.format(sdk=sdk_name, config_module=CONFIG_MODULES[sdk_name],
                                         session=SESSION_KWARGS, service=service, endpoint=endpoint_url,
                                         config=CONFIG_KWARGS)
    return _seconds(run_child(["-c", script]))


def _check(sdk_name: str) -> None:
    if sdk_name not in CONFIG_MODULES:  # only known module names are ever rendered into a script
        raise ValueError(f"unknown SDK {sdk_name!r}")
