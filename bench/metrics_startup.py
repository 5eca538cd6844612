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

from .canned import BUCKET, KEY
from .sdk import CONFIG_KWARGS, CONFIG_MODULES, SESSION_KWARGS

__all__ = [
    "FIRST_CLIENT_SERVICES",
    "MODEL_SERVICES",
    "first_call_seconds",
    "first_client",
    "first_client_seconds",
    "import_seconds",
    "model_alone",
    "run_child",
]

FIRST_CLIENT_SERVICES = ("s3", "ec2", "dynamodb")
MODEL_SERVICES = ("s3", "ec2", "dynamodb")

# Resident set size in bytes from /proc (Linux); 0 elsewhere, which the report shows as n/a.
_RSS = """\
def _rss():
    try:
        with open("/proc/self/statm") as _f:
            return int(_f.read().split()[1]) * __import__("os").sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0
"""
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

_FIRST_CLIENT_SCRIPT = _RSS + """\
import time
_m0 = _rss()
_t0 = time.perf_counter()
try:
    import {sdk} as _sdk
    from {config_module} import Config as _Config
    _client = _sdk.Session(**{session!r}).client(
        {service!r}, endpoint_url={endpoint!r}, config=_Config(**{config!r}))
    _t1 = time.perf_counter()
    _m1 = _rss()
    if {call!r}:
        _client.head_object(Bucket={bucket!r}, Key={key!r})
    _out = {{"seconds": _t1 - _t0, "rss": _m1 - _m0, "first_call": time.perf_counter() - _t0}}
except Exception as _exc:
    _out = {{"error": (type(_exc).__name__ + ": " + str(_exc)).splitlines()[0][:160]}}
import json
print(json.dumps(_out))
"""


# The model alone: the SDK's loader module is imported first (untimed), then one service model is
# loaded and wrapped the way a client would (botocore: Loader + ServiceModel; awsession:
# load_service_model, which may be served from its on-disk cache of parsed files).
_MODEL_LOADS = {
    "boto3": ("from botocore.loaders import Loader\nfrom botocore.model import ServiceModel",
              "ServiceModel(Loader().load_service_model({service!r}, 'service-2'), "
              "service_name={service!r})"),
    "awsession": ("from awsession.model.services import load_service_model",
                  "load_service_model({service!r})"),
}

_MODEL_SCRIPT = _RSS + """\
import time
try:
    {imports}
    _m0 = _rss()
    _t0 = time.perf_counter()
    _model = {load}
    _out = {{"seconds": time.perf_counter() - _t0, "rss": _rss() - _m0}}
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
    return first_client(sdk_name, service, endpoint_url)[0]


def _rss_of(result: dict[str, object]) -> float | str:
    rss = result.get("rss")
    if isinstance(rss, (int, float)) and rss > 0:
        return float(rss)
    return f"n/a: {result.get('error') or 'no RSS on this platform'}"


def first_client(sdk_name: str, service: str, endpoint_url: str) -> tuple[float | str, float | str]:
    """(seconds, RSS growth in bytes) of a fresh interpreter's import and first client of ``service``."""
    result = _first_client_child(sdk_name, service, endpoint_url, call=False)
    return _seconds(result), _rss_of(result)


def first_call_seconds(sdk_name: str, endpoint_url: str) -> float | str:
    """Seconds from a fresh interpreter's first line to its first s3 ``head_object`` answered."""
    result = _first_client_child(sdk_name, "s3", endpoint_url, call=True)
    seconds = result.get("first_call")
    return float(seconds) if isinstance(seconds, (int, float)) else f"n/a: {result.get('error')}"


def _first_client_child(sdk_name: str, service: str, endpoint_url: str, *,
                        call: bool) -> dict[str, object]:
    _check(sdk_name)
    script = _FIRST_CLIENT_SCRIPT.format(sdk=sdk_name, config_module=CONFIG_MODULES[sdk_name],
                                         session=SESSION_KWARGS, service=service, endpoint=endpoint_url,
                                         config=CONFIG_KWARGS, bucket=BUCKET, key=KEY, call=call)
    return run_child(["-c", script])


def model_alone(sdk_name: str, service: str) -> tuple[float | str, float | str]:
    """(seconds, RSS growth in bytes) to load one service model in a fresh interpreter."""
    _check(sdk_name)
    imports, load = _MODEL_LOADS[sdk_name]
    script = _MODEL_SCRIPT.format(imports=imports.replace("\n", "\n    "),
                                  load=load.format(service=service))
    result = run_child(["-c", script])
    return _seconds(result), _rss_of(result)


def _check(sdk_name: str) -> None:
    if sdk_name not in CONFIG_MODULES:  # only known module names are ever rendered into a script
        raise ValueError(f"unknown SDK {sdk_name!r}")
