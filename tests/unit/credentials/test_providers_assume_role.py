"""``assume-role``: source resolution, loop detection, the STS call, deferral, refresh, MFA, cache."""

from __future__ import annotations

import json
import os
import stat
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from awsession._core.effects import Effect, Invoke, Send, Spawn, SpawnResult
from awsession._core.env import FixedClock
from awsession.credentials.cache import assume_role_cache_key
from awsession.credentials.chain import ProviderContext
from awsession.credentials.default_chain import default_chain
from awsession.credentials.providers.assume_role import AssumeRoleProvider
from awsession.credentials.types import DeferredRefreshableCredentials
from awsession.exceptions import (
    CredentialRetrievalError,
    InfiniteLoopConfigError,
    InvalidConfigError,
    PartialCredentialsError,
    RefreshWithMFAUnsupportedError,
)
from tests.unit.credentials.helpers import context
from tests.unit.credentials.runner_fakes import (
    ScriptedRunner,
    disk_context,
    response,
    with_runner,
)

NOW = FixedClock().now
BASE = "[profile base]\naws_access_key_id = AKBASE\naws_secret_access_key = base-secret\n"


class FakeSTS:
    """Answers AssumeRole with numbered credentials expiring an hour after the call."""

    def __init__(self, clock: FixedClock | None = None) -> None:
        self.calls: list[Invoke] = []
        self.clock = clock
        self.signed_with: str | None = None

    def __call__(self, effect: Effect) -> Any:
        assert isinstance(effect, Invoke)
        if effect.credentials is not None:  # as the real runner: sign with the frozen values
            self.signed_with = effect.credentials.get_frozen_credentials().access_key
        self.calls.append(effect)
        now = self.clock.now if self.clock is not None else NOW
        role = effect.params["RoleArn"].rsplit("/", 1)[-1]
        account = effect.params["RoleArn"].split(":")[4]
        return {"Credentials": {
            "AccessKeyId": f"ASIA{len(self.calls)}", "SecretAccessKey": f"secret{len(self.calls)}",
            "SessionToken": f"token{len(self.calls)}",
            "Expiration": datetime.fromtimestamp(now + 3600, timezone.utc)},
            "AssumedRoleUser": {
                "Arn": f"arn:aws:sts::{account}:assumed-role/{role}/{effect.params['RoleSessionName']}",
                "AssumedRoleId": "AROA:x"}}


def _ctx(config: str, sts: FakeSTS, profile: str = "dev", env: dict[str, str] | None = None,
         prompter: Any = None) -> ProviderContext:
    base = context(env, config=config, profile=profile, profile_from_code=True)
    return with_runner(base, ScriptedRunner(sts), prompter)


def test_deferred_until_first_use_then_signed_with_the_source_profile() -> None:
    sts = FakeSTS()
    config = BASE + ("[profile dev]\nrole_arn = arn:aws:iam::111111111111:role/dev\n"
                     "source_profile = base\nexternal_id = ext\nduration_seconds = 1800\n")
    creds = AssumeRoleProvider().load(_ctx(config, sts))
    assert isinstance(creds, DeferredRefreshableCredentials) and sts.calls == []
    assert "not fetched yet" in repr(creds)
    frozen = creds.get_frozen_credentials()
    assert frozen == ("ASIA1", "secret1", "token1", "111111111111")
    (call,) = sts.calls
    assert (call.service, call.operation, call.signed, call.region) == ("sts", "AssumeRole",
                                                                        True, None)
    assert call.params == {"RoleArn": "arn:aws:iam::111111111111:role/dev",
                           "RoleSessionName": f"botocore-session-{int(NOW)}",
                           "ExternalId": "ext", "DurationSeconds": 1800}
    assert call.credentials.get_frozen_credentials()[:2] == ("AKBASE", "base-secret")
    assert creds.method == "assume-role" and "secret1" not in repr(creds)


def test_refreshes_fifteen_minutes_early_with_a_new_sts_call() -> None:
    ctx = _ctx(BASE + "[profile dev]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = base\n"
               "role_session_name = mine\n", FakeSTS())
    clock = ctx.env.clock
    assert isinstance(clock, FixedClock)
    sts = FakeSTS(clock)
    ctx = with_runner(ctx, ScriptedRunner(sts))
    creds = AssumeRoleProvider().load(ctx)
    assert creds.access_key == "ASIA1"
    clock.advance(40 * 60)  # 20 minutes left: still fresh
    assert creds.access_key == "ASIA1" and len(sts.calls) == 1
    clock.advance(6 * 60)  # 14 minutes left: advisory refresh
    assert creds.access_key == "ASIA2" and len(sts.calls) == 2
    assert sts.calls[1].params["RoleSessionName"] == "mine"


def test_unparsable_duration_is_ignored() -> None:
    sts = FakeSTS()
    config = BASE + ("[profile dev]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = base\n"
                     "duration_seconds = soon\n")
    AssumeRoleProvider().load(_ctx(config, sts)).get_frozen_credentials()
    assert "DurationSeconds" not in sts.calls[0].params


def test_mfa_prompts_once_and_refresh_is_refused() -> None:
    prompts: list[str] = []
    config = BASE + ("[profile dev]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = base\n"
                     "mfa_serial = arn:aws:iam::1:mfa/me\n")
    ctx = _ctx(config, FakeSTS(), prompter=lambda text: prompts.append(text) or "123456")
    creds = AssumeRoleProvider().load(ctx)
    assert creds.access_key == "ASIA1"
    assert prompts == ["Enter MFA code for arn:aws:iam::1:mfa/me: "]
    runner = ctx.runner
    assert isinstance(runner, ScriptedRunner)
    call = runner.effects[0]
    assert isinstance(call, Invoke)
    assert call.params["SerialNumber"] == "arn:aws:iam::1:mfa/me"
    assert call.params["TokenCode"] == "123456"
    clock = ctx.env.clock
    assert isinstance(clock, FixedClock)
    clock.advance(55 * 60)
    with pytest.raises(RefreshWithMFAUnsupportedError):
        creds.get_frozen_credentials()


def test_role_chaining_signs_each_hop_with_the_previous_one() -> None:
    sts = FakeSTS()
    config = BASE + ("[profile middle]\nrole_arn = arn:aws:iam::222222222222:role/m\n"
                     "source_profile = base\n"
                     "[profile dev]\nrole_arn = arn:aws:iam::333333333333:role/d\n"
                     "source_profile = middle\n")
    creds = AssumeRoleProvider().load(_ctx(config, sts))
    assert creds.account_id == "333333333333"
    first, second = sts.calls
    assert first.params["RoleArn"].endswith("role/m")
    assert first.credentials.access_key == "AKBASE"
    assert second.params["RoleArn"].endswith("role/d")
    assert second.credentials.access_key == "ASIA1"


@pytest.mark.parametrize(("config", "error", "message"), [
    ("[profile dev]\nrole_arn = a\nsource_profile = base\ncredential_source = Environment\n",
     InvalidConfigError, 'The profile "dev" contains both source_profile and credential_source.'),
    ("[profile dev]\nrole_arn = a\n", PartialCredentialsError,
     "Partial credentials found in assume-role, missing: source_profile or credential_source"),
    ("[profile dev]\nrole_arn = a\ncredential_source = environment\n", InvalidConfigError,
     'The credential source "environment" referenced in profile "dev" is not valid.'),
    ("[profile dev]\nrole_arn = a\nsource_profile = nope\n", InvalidConfigError,
     'The source_profile "nope" referenced in the profile "dev" does not exist.'),
    ("[profile dev]\nrole_arn = a\nsource_profile = other\n"
     "[profile other]\nrole_arn = b\nsource_profile = dev\n", InfiniteLoopConfigError,
     "Attempting to load from profile dev which has already been visited. "
     "Visited profiles: ['dev', 'other']"),
    ("[profile dev]\nrole_arn = a\nsource_profile = dev\n", InfiniteLoopConfigError,
     "profile dev which has already been visited"),
    ("[profile dev]\nrole_arn = a\nsource_profile = empty\n[profile empty]\nregion = x\n",
     InvalidConfigError, 'The source profile "empty" must have credentials.'),
    ("[profile dev]\nrole_arn = a\ncredential_source = EcsContainer\n", CredentialRetrievalError,
     "from EcsContainer: No credentials found in credential_source referenced in profile dev"),
])
def test_configuration_errors_match_botocore(config: str, error: type[Exception],
                                             message: str) -> None:
    sts = FakeSTS()
    with pytest.raises(error) as info:
        AssumeRoleProvider().load(_ctx(config, sts))
    assert message in str(info.value)
    assert sts.calls == []


def test_errors_match_botocore_text() -> None:
    import botocore.exceptions

    ours = InfiniteLoopConfigError(source_profile="a", visited_profiles=["a", "b"])
    theirs = botocore.exceptions.InfiniteLoopConfigError(source_profile="a",
                                                         visited_profiles=["a", "b"])
    assert str(ours) == str(theirs)


def test_self_reference_with_static_keys_is_allowed() -> None:
    sts = FakeSTS()
    config = ("[profile dev]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = dev\n"
              "aws_access_key_id = AKSELF\naws_secret_access_key = s\n")
    AssumeRoleProvider().load(_ctx(config, sts)).get_frozen_credentials()
    assert sts.calls[0].credentials.access_key == "AKSELF"


def test_credential_source_environment_and_container() -> None:
    sts = FakeSTS()
    config = "[profile dev]\nrole_arn = arn:aws:iam::1:role/r\ncredential_source = Environment\n"
    ctx = _ctx(config, sts, env={"AWS_ACCESS_KEY_ID": "AKENV", "AWS_SECRET_ACCESS_KEY": "e"})
    AssumeRoleProvider().load(ctx).get_frozen_credentials()
    assert sts.calls[0].credentials.access_key == "AKENV"

    container = json.dumps({"AccessKeyId": "AKECS", "SecretAccessKey": "c", "Token": "t",
                            "Expiration": "2015-08-30T14:00:00Z"})
    calls: list[Any] = []

    def handle(effect: Effect) -> Any:
        calls.append(effect)
        return response(200, container) if isinstance(effect, Send) else sts(effect)

    config = "[profile dev]\nrole_arn = arn:aws:iam::1:role/r\ncredential_source = EcsContainer\n"
    base = context({"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/c"}, config=config,
                   profile="dev", profile_from_code=True)
    AssumeRoleProvider().load(with_runner(base, ScriptedRunner(handle))).get_frozen_credentials()
    assert sts.calls[-1].credentials.access_key == "AKECS"


def test_source_profile_with_credential_process() -> None:
    out = json.dumps({"Version": 1, "AccessKeyId": "AKPROC", "SecretAccessKey": "p"}).encode()
    sts = FakeSTS()

    def handle(effect: Effect) -> Any:
        return SpawnResult(0, out, b"") if isinstance(effect, Spawn) else sts(effect)

    config = ("[profile src]\ncredential_process = /bin/creds\n"
              "[profile dev]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = src\n")
    base = context(config=config, profile="dev", profile_from_code=True)
    AssumeRoleProvider().load(with_runner(base, ScriptedRunner(handle))).get_frozen_credentials()
    assert sts.calls[0].credentials.access_key == "AKPROC"


def test_the_chain_stops_at_assume_role_before_static_keys() -> None:
    sts = FakeSTS()
    config = "[default]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = base\n" + BASE
    ctx = with_runner(context(config=config), ScriptedRunner(sts))
    creds = default_chain(profile_from_code=False).resolve(ctx)
    assert creds is not None and creds.method == "assume-role"


def test_cache_key_matches_botocore() -> None:
    from botocore.credentials import AssumeRoleCredentialFetcher

    extra = {"RoleSessionName": "s1", "ExternalId": "x", "DurationSeconds": 900,
             "Policy": '{"b": 1, "a": 2}'}
    fetcher = AssumeRoleCredentialFetcher(client_creator=None, source_credentials=None,
                                          role_arn="arn:aws:iam::1:role/r", extra_args=extra)
    params = {"RoleArn": "arn:aws:iam::1:role/r", **extra}
    assert assume_role_cache_key(params, generated_session_name=False) == fetcher._cache_key
    generated = AssumeRoleCredentialFetcher(client_creator=None, source_credentials=None,
                                            role_arn="arn:aws:iam::1:role/r")
    assert assume_role_cache_key({"RoleArn": "arn:aws:iam::1:role/r", "RoleSessionName": "x"},
                                 generated_session_name=True) == generated._cache_key


def test_opt_in_file_cache_is_cli_compatible(tmp_path: Path) -> None:
    from botocore.utils import JSONFileCache as BotocoreCache

    (tmp_path / ".aws").mkdir()
    (tmp_path / ".aws" / "config").write_text(
        BASE + "[profile dev]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = base\n"
        "role_session_name = cached\n")
    env = {"AWSESSION_CREDENTIAL_CACHE": "~/.aws/cli/cache"}
    sts = FakeSTS()
    ctx = disk_context(str(tmp_path), ScriptedRunner(sts), env, profile="dev")
    first = AssumeRoleProvider().load(ctx).get_frozen_credentials()
    (entry,) = (tmp_path / ".aws" / "cli" / "cache").iterdir()
    assert stat.S_IMODE(os.stat(entry).st_mode) == 0o600
    stored = BotocoreCache(str(entry.parent))[entry.stem]
    assert stored["Credentials"]["AccessKeyId"] == "ASIA1"
    assert stored["Credentials"]["AccountId"] == "1"
    assert datetime.fromisoformat(stored["Credentials"]["Expiration"]) == datetime.fromtimestamp(
        NOW + 3600, timezone.utc)
    # A second session (a second run of the script) is served from the cache.
    again = disk_context(str(tmp_path), ScriptedRunner(sts), env, profile="dev")
    assert AssumeRoleProvider().load(again).get_frozen_credentials() == first
    assert len(sts.calls) == 1
    # ...until fewer than 15 minutes are left.
    clock = FixedClock(now=NOW + timedelta(minutes=46).total_seconds())
    late = disk_context(str(tmp_path), ScriptedRunner(FakeSTS(clock)), env, profile="dev",
                        clock=clock)
    assert AssumeRoleProvider().load(late).access_key == "ASIA1"  # a new call's first key
    assert not list((tmp_path / ".aws" / "cli" / "cache").glob("*.tmp"))
