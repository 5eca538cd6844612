"""``credential_process``: the Spawn flow, its output rules and refreshing, with a scripted runner."""

from __future__ import annotations

import json

import pytest

from awsession._core.effects import Effect, Spawn, SpawnResult
from awsession._core.env import FixedClock
from awsession.credentials.providers.process import ProcessProvider
from awsession.credentials.types import CredentialsNotLoaded, RefreshableCredentials
from awsession.exceptions import CredentialRetrievalError
from tests.unit.credentials.helpers import context
from tests.unit.credentials.runner_fakes import ScriptedRunner, with_runner

SECRET = "process-secret-value"
CONFIG = ("[profile dev]\ncredential_process = /opt/bin/creds --role \"my role\" 'a b'\n"
          "aws_account_id = 999999999999\n")


def _output(**extra: object) -> bytes:
    body = {"Version": 1, "AccessKeyId": "AKPROC", "SecretAccessKey": SECRET,
            "SessionToken": "TOKEN", **extra}
    return json.dumps(body).encode()


def _runner(*outputs: SpawnResult) -> ScriptedRunner:
    queue = list(outputs)

    def handle(effect: Effect) -> SpawnResult:
        assert isinstance(effect, Spawn)
        return queue.pop(0)

    return ScriptedRunner(handle)


def _load(runner: ScriptedRunner, config: str = CONFIG) -> object:
    ctx = with_runner(context(config=config, profile="dev", profile_from_code=True), runner)
    return ProcessProvider().load(ctx)


def test_static_credentials_command_split_without_shell() -> None:
    runner = _runner(SpawnResult(0, _output(), b""))
    creds = _load(runner)
    assert runner.of(Spawn) == [Spawn(("/opt/bin/creds", "--role", "my role", "a b"))]
    assert not isinstance(creds, RefreshableCredentials)
    frozen = creds.get_frozen_credentials()  # type: ignore[attr-defined]
    assert frozen == ("AKPROC", SECRET, "TOKEN", "999999999999")  # account id from the profile
    assert creds.method == "custom-process"  # type: ignore[attr-defined]
    assert SECRET not in repr(creds)


def test_account_id_in_output_wins() -> None:
    creds = _load(_runner(SpawnResult(0, _output(AccountId="111111111111"), b"")))
    assert creds.account_id == "111111111111"  # type: ignore[attr-defined]


def test_expiration_makes_refreshable_credentials_that_rerun_the_program() -> None:
    first = _output(Expiration="2015-08-30T13:36:00Z")  # one hour after the clock
    second = json.dumps({"Version": 1, "AccessKeyId": "AKNEW", "SecretAccessKey": "s2",
                         "Expiration": "2015-08-30T15:00:00Z"}).encode()
    runner = _runner(SpawnResult(0, first, b""), SpawnResult(0, second, b""))
    ctx = with_runner(context(config=CONFIG, profile="dev", profile_from_code=True), runner)
    clock = ctx.env.clock
    assert isinstance(clock, FixedClock)
    creds = ProcessProvider().load(ctx)
    assert isinstance(creds, RefreshableCredentials)
    assert creds.access_key == "AKPROC" and len(runner.of(Spawn)) == 1
    clock.advance(56 * 60)  # 4 minutes left: mandatory refresh
    assert creds.access_key == "AKNEW"
    assert len(runner.of(Spawn)) == 2


def test_non_zero_exit_carries_stderr_never_stdout() -> None:
    runner = _runner(SpawnResult(3, _output(), b"role not found\n"))
    with pytest.raises(CredentialRetrievalError) as info:
        _load(runner)
    assert "role not found" in str(info.value)
    assert SECRET not in str(info.value)
    assert str(info.value).startswith("Error when retrieving credentials from custom-process")


@pytest.mark.parametrize(("stdout", "message"), [
    (json.dumps({"Version": 2, "AccessKeyId": "A", "SecretAccessKey": SECRET}).encode(),
     "Unsupported version '2' for credential process provider, supported versions: 1"),
    (json.dumps({"AccessKeyId": "A", "SecretAccessKey": SECRET}).encode(),
     "Unsupported version '<Version key not provided>'"),
    (json.dumps({"Version": 1, "SecretAccessKey": SECRET}).encode(),
     "Missing required key in response: 'AccessKeyId'"),
    (b"AccessKeyId=A SecretAccessKey=" + SECRET.encode(), "not valid JSON"),
    (_output(Expiration="tomorrow"), "Expiration is not an ISO 8601 timestamp"),
])
def test_bad_output(stdout: bytes, message: str) -> None:
    with pytest.raises(CredentialRetrievalError, match=message) as info:
        _load(_runner(SpawnResult(0, stdout, b"")))
    assert SECRET not in str(info.value)


def test_program_that_cannot_start() -> None:
    def handle(effect: Effect) -> SpawnResult:
        raise FileNotFoundError(2, "No such file or directory")

    with pytest.raises(CredentialRetrievalError, match="cannot run '/opt/bin/creds'"):
        _load(ScriptedRunner(handle))


def test_not_configured_and_bad_command_line() -> None:
    with pytest.raises(CredentialsNotLoaded):
        _load(_runner(), "[profile dev]\nregion = x\n")
    with pytest.raises(CredentialRetrievalError, match="cannot split the command line"):
        _load(_runner(), "[profile dev]\ncredential_process = /bin/x 'unclosed\n")
