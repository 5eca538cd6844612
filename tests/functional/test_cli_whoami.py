"""`awsession whoami --all-profiles` against moto: three profiles in two accounts.

moto picks the account of a request from its access key (moto/core/responses.py
`get_current_account`): a key that belongs to an IAM user (or to an assumed role) of some account
means that account; any other key means the default account 123456789012. So the second account
is made by assuming a role in 210987654321 and creating an IAM user with keys there.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest

from tests.functional._cli import awsession
from tests.functional._moto import MotoProcess

OTHER = "210987654321"


@pytest.fixture(scope="module")
def moto_server() -> Iterator[MotoProcess]:
    server = MotoProcess()
    try:
        yield server
    finally:
        server.stop()


def _client(url: str, service: str, key: str = "seed", secret: str = "seed",
            token: str | None = None) -> object:
    return boto3.client(service, endpoint_url=url, region_name="us-east-1",
                        aws_access_key_id=key, aws_secret_access_key=secret,
                        aws_session_token=token)


def _user_keys(iam: object, name: str) -> tuple[str, str]:
    iam.create_user(UserName=name)  # type: ignore[attr-defined]
    key = iam.create_access_key(UserName=name)["AccessKey"]  # type: ignore[attr-defined]
    return key["AccessKeyId"], key["SecretAccessKey"]


def test_all_profiles_two_accounts(tmp_path: Path, moto_server: MotoProcess) -> None:
    moto_server.reset()
    url = moto_server.url
    beta = _user_keys(_client(url, "iam"), "beta")
    role = _client(url, "sts").assume_role(  # type: ignore[attr-defined]
        RoleArn=f"arn:aws:iam::{OTHER}:role/admin", RoleSessionName="setup")["Credentials"]
    gamma = _user_keys(_client(url, "iam", role["AccessKeyId"], role["SecretAccessKey"],
                               role["SessionToken"]), "gamma")
    aws_dir = tmp_path / ".aws"
    aws_dir.mkdir()
    (aws_dir / "credentials").write_text(
        "[alpha]\naws_access_key_id = AKIAALPHA00000000000\naws_secret_access_key = a\n"
        f"[beta]\naws_access_key_id = {beta[0]}\naws_secret_access_key = {beta[1]}\n"
        f"[gamma]\naws_access_key_id = {gamma[0]}\naws_secret_access_key = {gamma[1]}\n")
    (aws_dir / "config").write_text("".join(
        f"[profile {name}]\nregion = eu-west-1\nendpoint_url = {url}\n"
        for name in ("alpha", "beta", "gamma")))
    result = awsession(tmp_path, "whoami", "--all-profiles")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["PROFILE", "ACCOUNT", "ARN"]
    assert [line.split() for line in lines[1:]] == [
        ["alpha", "123456789012", "arn:aws:sts::123456789012:user/moto"],
        ["beta", "123456789012", "arn:aws:iam::123456789012:user/beta"],
        ["gamma", OTHER, f"arn:aws:iam::{OTHER}:user/gamma"],
    ]
    for secret in ("AKIAALPHA", beta[0], beta[1], gamma[0], gamma[1]):
        assert secret not in result.stdout + result.stderr
    as_json = json.loads(awsession(tmp_path, "whoami", "--all-profiles", "--json").stdout)
    assert {row["profile"]: row["account"] for row in as_json} == {
        "alpha": "123456789012", "beta": "123456789012", "gamma": OTHER}
    one = awsession(tmp_path, "whoami", "--profile", "gamma", "--region", "us-west-2")
    assert one.stdout.splitlines()[1].split()[:2] == ["gamma", OTHER]


def test_failing_profile_is_one_line_and_exit_1(tmp_path: Path, moto_server: MotoProcess) -> None:
    aws_dir = tmp_path / ".aws"
    aws_dir.mkdir()
    (aws_dir / "config").write_text(
        f"[profile ok]\nregion = us-east-1\nendpoint_url = {moto_server.url}\n"
        "aws_access_key_id = AKIAOK00000000000000\naws_secret_access_key = s\n"
        "[profile nokeys]\nregion = us-east-1\nendpoint_url = http://127.0.0.1:9\n")
    result = awsession(tmp_path, "whoami", "--all-profiles")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    assert lines[1].split()[:2] == ["ok", "123456789012"]
    assert lines[2].split()[:2] == ["nokeys", "-"] and "error: " in lines[2]
