"""File safety of `awsession configure set` as separate processes: 50 concurrent writers, broken
files refused untouched, and what awsession writes read identically by boto3 and the AWS CLI."""

from __future__ import annotations

import configparser
import hashlib
import subprocess
import sys
from pathlib import Path

import boto3
import pytest

from tests.functional._cli import AWS_CLI, aws, awsession, cli_env


def test_fifty_concurrent_set_processes(tmp_path: Path) -> None:
    config = tmp_path / ".aws" / "config"
    config.parent.mkdir()
    config.write_text("# shared file\n[default]\nregion = us-east-1\n\n[profile other]\nx = 1\n")
    procs = [subprocess.Popen([sys.executable, "-m", "awsession", "configure", "set",
                               f"key_{i:02d}", f"value-{i}"], env=cli_env(tmp_path),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for i in range(50)]
    for proc in procs:
        _, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err
    text = config.read_text()
    assert text.startswith("# shared file\n[default]\nregion = us-east-1\n")
    assert text.endswith("\n\n[profile other]\nx = 1\n")
    parser = configparser.RawConfigParser()
    parser.read_string(text)  # intact: parses, no duplicate sections or keys
    default = dict(parser.items("default"))
    assert default == {"region": "us-east-1", **{f"key_{i:02d}": f"value-{i}" for i in range(50)}}
    assert sorted(p.name for p in config.parent.iterdir()) == ["config", "config.lock"]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(("content", "line"), [
    (b"[default]\nregion = us-east-1\n[profile dev]\nregion\n", 4),      # corrupt
    (b"[default]\nregion = us-east-1\n[profile de", 3),                 # truncated
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", 1),                      # binary
    (b"[default]\nregion = caf\xe9\n", 2),                                # not UTF-8
])
def test_broken_file_refused_untouched(tmp_path: Path, content: bytes, line: int) -> None:
    config = tmp_path / ".aws" / "config"
    config.parent.mkdir()
    config.write_bytes(content)
    before = _sha(config)
    for argv in (["configure", "set", "region", "eu-west-1"], ["configure", "get", "region"],
                 ["configure", "set", "profile.x.output", "json"]):
        result = awsession(tmp_path, *argv)
        assert result.returncode == 1
        assert result.stdout == ""
        assert result.stderr.count("\n") == 1, result.stderr
        assert str(config) in result.stderr and f"line {line}" in result.stderr
        assert "Traceback" not in result.stderr
    assert _sha(config) == before


def test_read_only_file_refused_untouched(tmp_path: Path) -> None:
    config = tmp_path / ".aws" / "config"
    config.parent.mkdir()
    config.write_text("[default]\nregion = us-east-1\n")
    config.chmod(0o444)
    before = _sha(config)
    result = awsession(tmp_path, "configure", "set", "region", "eu-west-1")
    assert (result.returncode, result.stderr) == (
        1, f"awsession: error: refusing to write {config}: the file is read-only\n")
    assert _sha(config) == before


def test_debug_shows_traceback(tmp_path: Path) -> None:
    (tmp_path / ".aws").mkdir()
    (tmp_path / ".aws" / "config").write_text("[default]\nregion\n")
    result = awsession(tmp_path, "--debug", "configure", "get", "region")
    assert result.returncode == 1 and "Traceback (most recent call last)" in result.stderr


SCRIPT = [
    ["configure", "set", "region", "us-west-2"],
    ["configure", "set", "output", "json"],
    ["configure", "set", "aws_access_key_id", "AKIADEFAULT000000001"],
    ["configure", "set", "aws_secret_access_key", "secret/default+0001"],
    ["configure", "set", "region", "eu-west-1", "--profile", "dev-account"],
    ["configure", "set", "aws_access_key_id", "AKIADEV0000000000001", "--profile", "dev-account"],
    ["configure", "set", "aws_secret_access_key", "secret-dev", "--profile", "dev-account"],
    ["configure", "set", "aws_session_token", "token-dev", "--profile", "dev-account"],
    ["configure", "set", "s3.addressing_style", "path", "--profile", "dev-account"],
    ["configure", "set", "profile.dev-account.s3.signature_version", "s3v4"],
    ["configure", "set", "profile.prod.region", "ap-southeast-2"],
    ["configure", "set", "default.ca_bundle", "/etc/ssl/bundle.pem"],
    ["configure", "set", "region", "us-east-2"],
]
SEED = "# my settings\n[default]\nregion = us-east-1\n\n[profile old]\nregion = sa-east-1\n"


def _home(root: Path) -> Path:
    (root / ".aws").mkdir(parents=True)
    (root / ".aws" / "config").write_text(SEED)
    return root


def _boto3_view(home: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    monkeypatch.setenv("AWS_CONFIG_FILE", str(home / ".aws" / "config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(home / ".aws" / "credentials"))
    view: dict[str, object] = {}
    for name in boto3.Session().available_profiles:
        session = boto3.Session(profile_name=name)
        creds = session.get_credentials()
        frozen = None if creds is None else creds.get_frozen_credentials()
        full = session._session.full_config["profiles"][name]  # the parsed profile, as botocore has it
        view[name] = (session.region_name, frozen and tuple(frozen[:3]), full.get("s3"),
                      full.get("ca_bundle"), full.get("output"))
    return view


def test_boto3_reads_what_awsession_wrote(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = _home(tmp_path / "ours")
    for argv in SCRIPT:
        assert awsession(home, *argv).returncode == 0
    view = _boto3_view(home, monkeypatch)
    assert view == {
        "default": ("us-east-2", ("AKIADEFAULT000000001", "secret/default+0001", None), None,
                    "/etc/ssl/bundle.pem", "json"),
        "old": ("sa-east-1", None, None, None, None),
        "dev-account": ("eu-west-1", ("AKIADEV0000000000001", "secret-dev", "token-dev"),
                        {"addressing_style": "path", "signature_version": "s3v4"}, None, None),
        "prod": ("ap-southeast-2", None, None, None, None),
    }
    assert (home / ".aws" / "config").read_text() == (
        "# my settings\n[default]\nregion = us-east-2\noutput = json\n"
        "ca_bundle = /etc/ssl/bundle.pem\n\n[profile old]\nregion = sa-east-1\n"
        "[profile dev-account]\nregion = eu-west-1\ns3 =\n    addressing_style = path\n"
        "    signature_version = s3v4\n[profile prod]\nregion = ap-southeast-2\n")


@pytest.mark.skipif(AWS_CLI is None, reason="the aws CLI is not installed on this machine")
def test_same_bytes_as_aws_configure_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ours, theirs = _home(tmp_path / "ours"), _home(tmp_path / "theirs")
    for argv in SCRIPT:
        assert awsession(ours, *argv).returncode == 0
        assert aws(theirs, *argv).returncode == 0
    for name in ("config", "credentials"):
        assert (ours / ".aws" / name).read_bytes() == (theirs / ".aws" / name).read_bytes(), name
    for argv in (["configure", "get", "region"], ["configure", "get", "profile.prod.region"],
                 ["configure", "get", "s3.addressing_style", "--profile", "dev-account"],
                 ["configure", "get", "output"]):
        assert awsession(ours, *argv).stdout == aws(theirs, *argv).stdout
    assert _boto3_view(ours, monkeypatch) == _boto3_view(theirs, monkeypatch)
