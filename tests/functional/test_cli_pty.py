"""`awsession configure` driven through a real pseudo-terminal (pexpect), files checked byte for
byte, and -- when the `aws` CLI is installed -- compared with what `aws configure` writes."""

from __future__ import annotations

import sys
from pathlib import Path

import pexpect
import pytest

from tests.functional._cli import AWS_CLI, cli_env

KEY = "AKIAIOSFODNN7EXAMPLE"
SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"


def drive(command: list[str], home: Path, answers: list[tuple[str, str]]) -> str:
    """Answer each exact prompt in turn; returns everything the terminal showed."""
    child = pexpect.spawn(command[0], command[1:], env=cli_env(home), encoding="utf-8",
                          timeout=60)
    for prompt, answer in answers:
        child.expect_exact(prompt)
        child.sendline(answer)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    return str(child.before)


AWSESSION = [sys.executable, "-m", "awsession"]
FIRST = [("AWS Access Key ID [None]: ", KEY), ("AWS Secret Access Key [None]: ", SECRET),
         ("Default region name [None]: ", "eu-west-1"), ("Default output format [None]: ", "json")]
SECOND = [("AWS Access Key ID [****************MPLE]: ", ""),
          ("AWS Secret Access Key [****************EKEY]: ", ""),
          ("Default region name [eu-west-1]: ", "us-west-2"),
          ("Default output format [json]: ", "")]


def test_prompts_through_a_pty(tmp_path: Path) -> None:
    drive([*AWSESSION, "configure", "--profile", "dev-account"], tmp_path, FIRST)
    aws_dir = tmp_path / ".aws"
    assert (aws_dir / "credentials").read_bytes() == (
        f"[dev-account]\naws_access_key_id = {KEY}\naws_secret_access_key = {SECRET}\n".encode())
    assert (aws_dir / "config").read_bytes() == (
        b"[profile dev-account]\nregion = eu-west-1\noutput = json\n")
    assert oct(aws_dir.stat().st_mode & 0o777) == "0o700"
    assert oct((aws_dir / "credentials").stat().st_mode & 0o777) == "0o600"
    shown = drive([*AWSESSION, "configure", "--profile", "dev-account"], tmp_path, SECOND)
    assert SECRET not in shown
    assert (aws_dir / "config").read_bytes() == (
        b"[profile dev-account]\nregion = us-west-2\noutput = json\n")


def test_keeps_other_profiles_and_comments(tmp_path: Path) -> None:
    aws_dir = tmp_path / ".aws"
    aws_dir.mkdir()
    config = b"# mine\n[default]\nregion = us-east-1  \n\n; prod below\n[profile prod]\noutput=text\n"
    (aws_dir / "config").write_bytes(config)
    drive([*AWSESSION, "configure", "--profile", "prod"], tmp_path,
          [("AWS Access Key ID [None]: ", ""), ("AWS Secret Access Key [None]: ", ""),
           ("Default region name [None]: ", "eu-central-1"),
           ("Default output format [text]: ", "")])
    assert (aws_dir / "config").read_bytes() == config.replace(
        b"output=text\n", b"output=text\nregion = eu-central-1\n")


@pytest.mark.skipif(AWS_CLI is None, reason="the aws CLI is not installed on this machine")
def test_same_bytes_as_aws_configure(tmp_path: Path) -> None:
    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    for home in (ours, theirs):
        (home / ".aws").mkdir(parents=True)
        (home / ".aws" / "config").write_bytes(b"[default]\nregion = us-east-1\n\n# keep\n")
    drive([*AWSESSION, "configure", "--profile", "dev-account"], ours, FIRST)
    assert AWS_CLI is not None
    drive([AWS_CLI, "configure", "--profile", "dev-account"], theirs, FIRST)
    for name in ("config", "credentials"):
        assert (ours / ".aws" / name).read_bytes() == (theirs / ".aws" / name).read_bytes()
    drive([*AWSESSION, "configure", "--profile", "dev-account"], ours, SECOND)
    drive([AWS_CLI, "configure", "--profile", "dev-account"], theirs, SECOND)
    for name in ("config", "credentials"):
        assert (ours / ".aws" / name).read_bytes() == (theirs / ".aws" / name).read_bytes()
