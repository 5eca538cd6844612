"""The first client's path imports no heavy standard-library module from the rooms it uses here.

Checked in a fresh interpreter: importing ``awsession.config``, the credential values and the retry
strategy, resolving settings the way a client is made, must not import ``dataclasses`` (which pulls
in ``inspect``), ``logging``, ``random``, ``shlex``, ``datetime``, ``threading`` or
``configparser``, nor the less common exception classes. Using the features that need them still
works (and then imports them).
"""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("dataclasses", "inspect", "logging", "random", "shlex", "datetime", "threading",
         "configparser", "awsession.exceptions._more")

_SCRIPT = """
import json, sys
from awsession._core.env import Environment
from awsession.config import Config, ConfigFiles, ConfigResolver
from awsession.config.resolve import resolve_profile_name
from awsession.credentials.providers.explicit import explicit_credentials
from awsession.retries.strategy import build_retry_strategy

env = Environment.from_os()
config = Config(s3={"addressing_style": "path"}, retries={"mode": "standard", "total_max_attempts": 1})
resolver = ConfigResolver(env, ConfigFiles(env), resolve_profile_name(env.env, None),
                          {"region": "us-east-1"})
for name in ("region", "retry_mode", "max_attempts", "defaults_mode", "use_fips_endpoint",
             "request_checksum_calculation", "sts_regional_endpoints", "s3"):
    resolver.resolve(name)
resolver.retry_config(config.retries)
resolver.resolve_endpoint_url("S3")
creds = explicit_credentials("AKIDEXAMPLE", "secret")
creds.get_frozen_credentials()
strategy = build_retry_strategy(mode="standard", max_attempts=1, service="s3",
                                endpoint_prefix="s3", retry_data=None, random=env.random,
                                clock=env.clock.monotonic)
strategy.start("HeadObject")
print(json.dumps(sorted(m for m in HEAVY if m in sys.modules)))
"""


def _run(script: str, home: str) -> list[str]:
    env = {"HOME": home, "PATH": "/usr/bin:/bin", "AWS_CONFIG_FILE": f"{home}/config",
           "AWS_SHARED_CREDENTIALS_FILE": f"{home}/credentials"}
    done = subprocess.run([sys.executable, "-c", f"HEAVY = {HEAVY!r}\n{script}"], env=env,
                          capture_output=True, text=True, check=True)
    result: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_first_client_path_imports_nothing_heavy(tmp_path: object) -> None:
    assert _run(_SCRIPT, str(tmp_path)) == []


def test_lazily_imported_features_still_work(tmp_path: object) -> None:
    script = _SCRIPT + """
import pickle
from datetime import datetime, timezone
from awsession.config.files import expand_path
from awsession.credentials.types import RefreshableCredentials, RefreshResult
from awsession import exceptions
assert expand_path("$HOME/x", env) == env.env["HOME"] + "/x"
assert "***" in repr(Config(proxies={"https": "http://u:pw@proxy:1"}))
assert 0.0 <= env.random() < 1.0
expiry = datetime(2030, 1, 1, tzinfo=timezone.utc)
fresh = RefreshableCredentials("A", "S", None, expiry, lambda: RefreshResult("A", "S", None, 0.0),
                               "test")
assert fresh.expiry_time == expiry.timestamp()
error = exceptions.EndpointConnectionError(endpoint_url="http://x")
assert type(error).__module__ == "awsession.exceptions"
assert type(pickle.loads(pickle.dumps(error))) is exceptions.EndpointConnectionError
print(json.dumps(sorted(m for m in HEAVY if m in sys.modules)))
"""
    loaded = _run(script, str(tmp_path))
    assert "random" in loaded and "datetime" in loaded and "awsession.exceptions._more" in loaded
