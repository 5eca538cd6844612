"""credential_process with a real program (a small Python script), boto3 and awsession alike."""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.functional._moto import MotoProcess

SCRIPT = """\
import json, sys
if sys.argv[1] == "fail":
    sys.stderr.write("no credentials for " + sys.argv[2] + "\\n")
    print(json.dumps({"Version": 1, "AccessKeyId": "AKLEAK", "SecretAccessKey": "leaked"}))
    sys.exit(2)
body = {"Version": 1, "AccessKeyId": "AKPROCESSEXAMPLE", "SecretAccessKey": "process-secret",
        "SessionToken": "process-token"}
if sys.argv[1] == "expiring":
    body["Expiration"] = "2999-01-01T00:00:00Z"
print(json.dumps(body))
"""


@pytest.fixture
def config(moto: MotoProcess, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    script = tmp_path / "creds tool.py"  # a space in the path: quoting must survive
    script.write_text(SCRIPT)
    command = f'"{sys.executable}" "{script}"'
    path = tmp_path / "config"
    path.write_text(f"[profile static]\ncredential_process = {command} static\n"
                    "aws_account_id = 123456789012\nregion = us-east-1\n"
                    f"[profile expiring]\ncredential_process = {command} expiring\n"
                    "region = us-east-1\n"
                    f"[profile broken]\ncredential_process = {command} fail 'my role'\n"
                    "region = us-east-1\n")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(path))
    return path


@pytest.mark.parametrize("profile", ["static", "expiring"])
def test_process_credentials_match_boto3(sdk: ModuleType, config: Path, profile: str) -> None:
    session = sdk.Session(profile_name=profile)
    credentials = session.get_credentials()
    frozen = credentials.get_frozen_credentials()
    assert (frozen.access_key, frozen.secret_key, frozen.token) == (
        "AKPROCESSEXAMPLE", "process-secret", "process-token")
    assert credentials.method == "custom-process"
    assert hasattr(credentials, "refresh_needed") == (profile == "expiring")
    if profile == "static":
        assert frozen.account_id == "123456789012"
    # moto accepts the keys: a real signed call goes through.
    assert session.client("sts").get_caller_identity()["ResponseMetadata"]["HTTPStatusCode"] == 200


def test_failing_process_error_carries_stderr_only(sdk: ModuleType, config: Path) -> None:
    with pytest.raises(Exception) as info:
        sdk.Session(profile_name="broken").get_credentials()
    assert type(info.value).__name__ == "CredentialRetrievalError"
    message = str(info.value)
    assert message.startswith("Error when retrieving credentials from custom-process: ")
    assert "no credentials for my role" in message
    assert "leaked" not in message
