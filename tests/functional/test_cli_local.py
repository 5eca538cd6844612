"""`awsession local`: moto's server in the foreground, a `local` profile that works, Ctrl-C."""

from __future__ import annotations

import sys
from pathlib import Path

import pexpect
import pytest

from tests.functional._cli import awsession, cli_env
from tests.functional._moto import free_port


def test_local_server_profile_and_ctrl_c(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    port = free_port()
    child = pexpect.spawn(sys.executable, ["-m", "awsession", "local", "--port", str(port)],
                          env=cli_env(tmp_path), encoding="utf-8", timeout=60)
    try:
        child.expect_exact(f"moto server running on http://127.0.0.1:{port}")
        child.expect_exact("Press Ctrl-C to stop.")
        config = (tmp_path / ".aws" / "config").read_text()
        assert config == f"[profile local]\nendpoint_url = http://127.0.0.1:{port}\nregion = us-east-1\n"
        assert (tmp_path / ".aws" / "credentials").read_text() == (
            "[local]\naws_access_key_id = testing\naws_secret_access_key = testing\n")
        monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / ".aws" / "config"))
        monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / ".aws" / "credentials"))
        import awsession

        s3 = awsession.Session(profile_name="local").client("s3")
        s3.create_bucket(Bucket="from-local-profile")
        assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == ["from-local-profile"]
        child.sendintr()
        child.expect_exact(f"moto server on http://127.0.0.1:{port} stopped")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0


def test_local_port_taken_is_one_line(tmp_path: Path) -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        result = awsession(tmp_path, "local", "--port", str(busy.getsockname()[1]))
    assert result.returncode == 1
    assert result.stderr.startswith("awsession: error: cannot listen on 127.0.0.1:")
    assert not (tmp_path / ".aws").exists()
