"""``awsession demo``: the brief's walk-through on an embedded local AWS, run as a user would.

Each run is a fresh Python process with no ``AWS_*`` variables and a private ``TMPDIR`` (so "no
file left behind" is checked exactly, whatever else runs on the machine). A small driver calls
``awsession.demo.main.run`` and, before the process exits, reports what the demo left in the
process: the environment, ``awsession.DEFAULT_SESSION``, threads, and whether the local server's
port still accepts connections.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from awsession.demo.extras import PRESIGN_UNAVAILABLE
from awsession.demo.output import mask, mask_query
from awsession.demo.profiles import (
    CUSTOM_KEYS,
    DEFAULT_ACCOUNT,
    DEFAULT_PROFILE,
    DEV_PROFILE,
    PROD_ACCOUNT,
)
from awsession.demo.sandbox import scoped_environment

pytestmark = pytest.mark.functional

TIME_LIMIT = 15.0
KNOWN_KEYS = (DEFAULT_PROFILE, DEV_PROFILE, CUSTOM_KEYS)
SECRET_LIKE = re.compile(r"[A-Za-z0-9/+=]{40,}")
PORT_LINE = re.compile(r"local AWS\s+http://127\.0\.0\.1:(\d+)")
DEMO_LINE = re.compile(r"\$DEMO\s+(\S+)")

# Runs the demo, then inspects the process it ran in. ``FAIL_AT`` names a step to replace with
# one that raises, to exercise the failure path; ``BLOCK_MOTO`` hides moto (no "local" extra).
DRIVER = r"""
import io, json, os, socket, sys, threading, time
if os.environ.get("BLOCK_MOTO"):
    sys.modules["moto"] = None
import awsession
import awsession.demo.main as main
from awsession.demo.steps import DemoFailure

fail_at = os.environ.get("FAIL_AT")
if fail_at:
    def boom(*args, **kwargs):
        raise DemoFailure("injected failure")
    setattr(main, fail_at, boom)

class Tee(io.TextIOBase):
    def __init__(self, real):
        self.real, self.seen = real, []
    def write(self, text):
        self.seen.append(text)
        return self.real.write(text)
    def flush(self):
        self.real.flush()
    def isatty(self):
        return self.real.isatty()

env_before = dict(os.environ)
session_before = awsession.DEFAULT_SESSION = awsession.Session()
tee = sys.stdout = Tee(sys.stdout)
code = main.run(sys.argv[1:])
sys.stdout = tee.real
deadline = time.monotonic() + 3
while threading.active_count() > 1 and time.monotonic() < deadline:
    time.sleep(0.05)
port_open = None
for line in "".join(tee.seen).splitlines():
    if "local AWS" in line and "127.0.0.1:" in line:
        port = int(line.split("127.0.0.1:")[1].split()[0])
        with socket.socket() as s:
            s.settimeout(1)
            port_open = s.connect_ex(("127.0.0.1", port)) == 0
report = {
    "env_restored": dict(os.environ) == env_before,
    "default_session_restored": awsession.DEFAULT_SESSION is session_before,
    "threads": [t.name for t in threading.enumerate() if t is not threading.main_thread()],
    "port_open": port_open,
}
print("DEMO-CHECK " + json.dumps(report), file=sys.stderr)
sys.exit(code)
"""


@dataclass(frozen=True)
class DemoRun:
    code: int
    stdout: str
    stderr: str
    seconds: float
    report: dict[str, Any] | None
    tmp_left: list[str]


def _environment(tmp: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("AWS_") and k not in ("MOTO_ACCOUNT_ID", "NO_COLOR")}
    env.update(TMPDIR=str(tmp), PYTHONDONTWRITEBYTECODE="1", **extra)
    return env


def _split_report(stderr: str) -> tuple[str, dict[str, Any] | None]:
    lines, report = [], None
    for line in stderr.splitlines():
        if line.startswith("DEMO-CHECK "):
            report = json.loads(line.removeprefix("DEMO-CHECK "))
        else:
            lines.append(line)
    return "\n".join(lines), report


def run_demo(tmp_path: Path, *args: str, **extra_env: str) -> DemoRun:
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    assert os.listdir(tmp) == []
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", DRIVER, *args], env=_environment(tmp, **extra_env),
                          capture_output=True, text=True, timeout=60, cwd=tmp_path, check=False)
    seconds = time.monotonic() - started
    stderr, report = _split_report(done.stderr)
    return DemoRun(done.returncode, done.stdout, stderr, seconds, report, sorted(os.listdir(tmp)))


def assert_left_nothing(run: DemoRun, *, server_started: bool = True) -> None:
    assert run.tmp_left == [], f"files left in TMPDIR: {run.tmp_left}"
    assert run.report is not None
    assert run.report["env_restored"] is True
    assert run.report["default_session_restored"] is True
    assert run.report["threads"] == []
    # None: no server line was printed (the demo stopped before starting one)
    assert run.report["port_open"] is (False if server_started else None)


def assert_no_secrets(text: str) -> None:
    for profile in KNOWN_KEYS:
        assert profile.secret_key not in text
        assert profile.access_key not in text  # access key ids are shown masked too
    assert SECRET_LIKE.findall(text) == []
    assert "aws_secret_access_key =" not in text


def test_demo_runs_the_brief_walk_through(tmp_path: Path) -> None:
    run = run_demo(tmp_path)

    assert run.code == 0, run.stderr
    assert run.seconds < TIME_LIMIT
    assert run.stderr == ""
    assert_left_nothing(run)
    out = run.stdout
    demo_dir = DEMO_LINE.search(out)
    assert demo_dir is not None and demo_dir.group(1).startswith(str(tmp_path / "tmp"))
    assert PORT_LINE.search(out) is not None
    for heading in ("[0] A local AWS", "[1] Default session (automatic)",
                    "[2] Custom session (manual)", "[3] Named profiles: two accounts side by side",
                    "[4] Paginated listing", "[5] Waiters", "[6] Presigned URL"):
        assert heading in out
    # where credentials and regions came from
    assert "credentials from            shared-credentials-file" in out
    assert "credentials from            explicit" in out
    assert "region                      us-east-1  (from config-file:$DEMO/config [default])" in out
    assert "region                      ap-southeast-2  (from explicit)" in out
    assert "config-file:$DEMO/config [profile dev-account]" in out
    assert "config-file:$DEMO/config [profile prod-account]" in out
    # the two accounts, side by side, from STS GetCallerIdentity
    account_row = next(line for line in out.splitlines() if "account (STS)" in line)
    assert account_row.split()[-2:] == [DEFAULT_ACCOUNT, PROD_ACCOUNT]
    assert f"dev-account is {DEFAULT_ACCOUNT}, prod-account is {PROD_ACCOUNT}" in out
    assert "prod-account: list_buckets -> awsession-demo-prod-account\n" in out
    # pagination and waiters
    assert "page 1: 10 keys" in out and "page 2: 10 keys" in out and "page 3: 5 keys" in out
    assert "25 keys in 3 pages" in out
    assert re.search(r"instance_running\s+i-\w+ is running", out)
    assert re.search(r"bucket_exists\s+awsession-demo-default exists", out)
    # the presigned URL, fetched with urllib (or reported as missing from this build)
    from awsession._client.sync import BaseClient

    if hasattr(BaseClient, "generate_presigned_url"):
        assert re.search(r"HTTP status\s+200", out)
        assert "Hello from awsession, served by the local AWS on 127.0.0.1" in out
        assert PRESIGN_UNAVAILABLE not in out
    else:
        assert f"skipped: {PRESIGN_UNAVAILABLE}" in out
    assert_no_secrets(out)
    assert "\033[" not in out  # stdout is a pipe: no colour
    assert "Done in" in out


def test_demo_failure_is_one_line_and_cleans_up(tmp_path: Path) -> None:
    run = run_demo(tmp_path, FAIL_AT="named_profiles")

    assert run.code == 1
    assert run.stderr == ("awsession demo: failed: DemoFailure: injected failure "
                          "(run with --debug for the traceback)")
    assert "Traceback" not in run.stdout + run.stderr
    assert "[2] Custom session" in run.stdout and "[3]" not in run.stdout
    assert_left_nothing(run)
    assert_no_secrets(run.stdout)


def test_demo_debug_shows_the_traceback(tmp_path: Path) -> None:
    run = run_demo(tmp_path, "--debug", FAIL_AT="default_session")

    assert run.code == 1
    assert run.stderr.startswith("Traceback (most recent call last):")
    assert run.stderr.splitlines()[-1] == "awsession demo: failed: DemoFailure: injected failure"
    assert_left_nothing(run)


def test_demo_without_the_local_extra_says_how_to_install(tmp_path: Path) -> None:
    run = run_demo(tmp_path, BLOCK_MOTO="1")

    assert run.code == 1
    assert run.stdout == ""
    assert run.stderr == ("awsession demo: the demo needs moto's server (moto is not installed): "
                          "pip install 'awsession[local]'")
    assert_left_nothing(run, server_started=False)


@pytest.mark.parametrize(("no_color", "coloured"), [(None, True), ("1", False)])
def test_demo_colours_only_a_terminal(tmp_path: Path, no_color: str | None, coloured: bool) -> None:
    if sys.platform == "win32":
        pytest.skip("needs a pseudo-terminal (POSIX pty)")
    import pty

    tmp = tmp_path / "tmp"
    tmp.mkdir()
    extra = {"FAIL_AT": "default_session"} | ({} if no_color is None else {"NO_COLOR": no_color})
    leader, follower = pty.openpty()
    try:
        proc = subprocess.Popen([sys.executable, "-c", DRIVER], env=_environment(tmp, **extra),
                                stdout=follower, stderr=subprocess.PIPE, cwd=tmp_path)
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        _, stderr = proc.communicate(timeout=60)
    finally:
        os.close(leader)
    out = b"".join(chunks).decode()
    assert proc.returncode == 1, stderr
    assert "[0] A local AWS" in out
    assert ("\033[" in out) is coloured
    assert os.listdir(tmp) == []


def test_mask_keeps_only_the_last_four_characters() -> None:
    assert mask("AKIADEMODEVACCOUNT01") == "****************NT01"
    assert mask(DEV_PROFILE.secret_key) == "****************0001"
    assert mask("short") == "****************"  # too short to show any of it
    assert mask(None) == mask("") == "-"


def test_mask_query_hides_the_signing_parameters() -> None:
    url = ("http://127.0.0.1:5000/b/k?X-Amz-Algorithm=AWS4-HMAC-SHA256"
           "&X-Amz-Credential=AKIAXXXXXXXX%2F20250101%2Fus-east-1%2Fs3%2Faws4_request"
           "&X-Amz-Security-Token=tok%2Ben&X-Amz-Expires=300&X-Amz-Signature=abcdef0123")
    assert mask_query(url) == ("http://127.0.0.1:5000/b/k?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                               "&X-Amz-Credential=****&X-Amz-Security-Token=****"
                               "&X-Amz-Expires=300&X-Amz-Signature=****")
    assert mask_query("http://h/p?AWSAccessKeyId=AKIA&Signature=s&Expires=1") == (
        "http://h/p?AWSAccessKeyId=****&Signature=****&Expires=1")


def test_scoped_environment_hides_and_restores(monkeypatch: pytest.MonkeyPatch) -> None:
    import awsession

    monkeypatch.setenv("AWS_PROFILE", "users-own")
    monkeypatch.setenv("AWS_CONFIG_FILE", "/users/own/config")
    monkeypatch.setenv("MOTO_ACCOUNT_ID", "999999999999")
    monkeypatch.delenv("AWS_SHARED_CREDENTIALS_FILE", raising=False)
    monkeypatch.setattr(awsession, "DEFAULT_SESSION", None)
    before = dict(os.environ)

    with pytest.raises(RuntimeError), scoped_environment(
            {"AWS_CONFIG_FILE": "/demo/config", "AWS_SHARED_CREDENTIALS_FILE": "/demo/creds"}):
        assert os.environ["AWS_CONFIG_FILE"] == "/demo/config"
        assert os.environ["AWS_SHARED_CREDENTIALS_FILE"] == "/demo/creds"
        assert "AWS_PROFILE" not in os.environ and "MOTO_ACCOUNT_ID" not in os.environ
        awsession.DEFAULT_SESSION = awsession.Session()
        raise RuntimeError("step failed")

    assert dict(os.environ) == before
    assert awsession.DEFAULT_SESSION is None
