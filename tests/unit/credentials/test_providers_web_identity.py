"""``assume-role-with-web-identity``: settings precedence, unsigned STS call, token re-read."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest

from awsession._core.effects import Effect, Invoke
from awsession._core.env import FixedClock, MemoryFileSystem
from awsession.credentials.providers.web_identity import WebIdentityProvider
from awsession.credentials.types import DeferredRefreshableCredentials
from awsession.exceptions import CredentialRetrievalError, InvalidConfigError
from tests.unit.credentials.helpers import context
from tests.unit.credentials.runner_fakes import ScriptedRunner, with_runner

NOW = FixedClock().now
ENV = {"AWS_WEB_IDENTITY_TOKEN_FILE": "/var/run/token", "AWS_ROLE_ARN":
       "arn:aws:iam::444444444444:role/web", "AWS_ROLE_SESSION_NAME": "pod-1"}


class FakeSTS:
    def __init__(self) -> None:
        self.calls: list[Invoke] = []

    def __call__(self, effect: Effect) -> Any:
        assert isinstance(effect, Invoke)
        self.calls.append(effect)
        return {"Credentials": {"AccessKeyId": f"ASIAWEB{len(self.calls)}",
                                "SecretAccessKey": "s", "SessionToken": "t",
                                "Expiration": datetime.fromtimestamp(NOW + 3600, timezone.utc)},
                "AssumedRoleUser": {"Arn": "arn:aws:sts::444444444444:assumed-role/web/pod-1"}}


def test_env_settings_unsigned_call_and_token_reread_per_refresh() -> None:
    sts = FakeSTS()
    ctx = with_runner(context(ENV, files={"/var/run/token": "jwt-1"}), ScriptedRunner(sts))
    creds = WebIdentityProvider().load(ctx)
    assert isinstance(creds, DeferredRefreshableCredentials) and sts.calls == []
    assert creds.get_frozen_credentials() == ("ASIAWEB1", "s", "t", "444444444444")
    (call,) = sts.calls
    assert (call.service, call.operation, call.signed) == ("sts", "AssumeRoleWithWebIdentity",
                                                           False)
    assert call.params == {"RoleArn": ENV["AWS_ROLE_ARN"], "RoleSessionName": "pod-1",
                           "WebIdentityToken": "jwt-1"}
    fs = ctx.env.fs
    assert isinstance(fs, MemoryFileSystem)
    fs.files["/var/run/token"] = b"jwt-2"  # the token is rotated on disk
    clock = ctx.env.clock
    assert isinstance(clock, FixedClock)
    clock.advance(50 * 60)
    assert creds.access_key == "ASIAWEB2"
    assert sts.calls[1].params["WebIdentityToken"] == "jwt-2"


def test_profile_settings_and_generated_session_name() -> None:
    sts = FakeSTS()
    config = ("[profile dev]\nweb_identity_token_file = /t\n"
              "role_arn = arn:aws:iam::1:role/p\n")
    ctx = with_runner(context(ENV, config=config, files={"/t": "jwt"}, profile="dev",
                              profile_from_code=True), ScriptedRunner(sts))
    WebIdentityProvider().load(ctx).get_frozen_credentials()
    assert sts.calls[0].params == {"RoleArn": "arn:aws:iam::1:role/p",
                                   "RoleSessionName": f"botocore-session-{int(NOW)}",
                                   "WebIdentityToken": "jwt"}


def test_not_configured_and_errors() -> None:
    sts = FakeSTS()
    with pytest.raises(Exception) as info:
        WebIdentityProvider().load(context())
    assert type(info.value).__name__ == "CredentialsNotLoaded"
    # Set but empty: not configured, and the profile is not consulted.
    with pytest.raises(Exception) as info:
        WebIdentityProvider().load(context({"AWS_WEB_IDENTITY_TOKEN_FILE": ""},
                                           config="[default]\nweb_identity_token_file = /t\n"))
    assert type(info.value).__name__ == "CredentialsNotLoaded"
    with pytest.raises(InvalidConfigError, match="has no role ARN configured"):
        WebIdentityProvider().load(context({"AWS_WEB_IDENTITY_TOKEN_FILE": "/t"}))
    creds = WebIdentityProvider().load(with_runner(context(ENV), ScriptedRunner(sts)))
    with pytest.raises(CredentialRetrievalError, match="cannot read the web identity token "
                                                       "file /var/run/token"):
        creds.get_frozen_credentials()
    assert sts.calls == []
