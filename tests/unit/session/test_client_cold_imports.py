"""Making a client in a fresh interpreter imports no heavy standard-library module.

With the on-disk data cache warm (the second process), ``Session(...).client(svc, endpoint_url=...,
config=Config(...))`` must not import ``json`` (every data file comes from the cache),
``dataclasses``/``inspect``, ``urllib.parse``/``ipaddress``, ``string``, ``logging``, ``random`` or
``platform``: each costs a fresh process milliseconds, and a client needs none of them until it
makes a call (or never).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = (
    "dataclasses",
    "inspect",
    "json",
    "urllib.parse",
    "ipaddress",
    "string",
    "logging",
    "random",
    "platform",
    "textwrap",
    "gzip",
)

_SCRIPT = """
import sys
import awsession
from awsession.config import Config
client = awsession.Session(aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret",
                           region_name="us-east-1").client(
    SERVICE, endpoint_url="http://127.0.0.1:1",
    config=Config(s3={"addressing_style": "path"}, retries={"mode": "standard", "total_max_attempts": 1}))
assert client.meta.endpoint_url == "http://127.0.0.1:1"
print(repr(sorted(m for m in HEAVY if m in sys.modules)))
"""


def _run(service: str, home: Path) -> list[str]:
    env = {
        "HOME": str(home),
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "AWSESSION_CACHE_DIR": str(home / "cache"),
        "AWS_CONFIG_FILE": str(home / "config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(home / "credentials"),
    }
    script = f"HEAVY = {HEAVY!r}\nSERVICE = {service!r}\n{_SCRIPT}"
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1].replace("'", '"'))  # type: ignore[no-any-return]


@pytest.mark.parametrize("service", ["s3", "ec2", "dynamodb"])
def test_a_fresh_process_makes_a_client_without_heavy_imports(service: str, tmp_path: Path) -> None:
    _run(service, tmp_path)  # fills the data cache
    assert _run(service, tmp_path) == []
