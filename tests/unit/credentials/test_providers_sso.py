"""``sso``: configuration, the token cache, token refresh through sso-oidc, GetRoleCredentials."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from awsession._core.effects import Effect, Invoke
from awsession._core.env import FixedClock
from awsession.credentials.cache import sso_role_cache_key
from awsession.credentials.providers.sso import SSOProvider
from awsession.credentials.types import CredentialsNotLoaded, DeferredRefreshableCredentials
from awsession.exceptions import (
    ClientError,
    InvalidConfigError,
    SSOTokenLoadError,
    TokenRetrievalError,
    UnauthorizedSSOTokenError,
)
from tests.unit.credentials.helpers import context
from tests.unit.credentials.runner_fakes import (
    ScriptedRunner,
    disk_context,
    with_runner,
)

NOW = FixedClock().now  # 2015-08-30T12:36:00Z
START = "https://d-123.awsapps.com/start"
LEGACY = (f"[profile dev]\nsso_start_url = {START}\nsso_region = eu-west-1\n"
          "sso_account_id = 123456789012\nsso_role_name = Admin\n")
SESSION = ("[profile dev]\nsso_session = corp\nsso_account_id = 123456789012\n"
           "sso_role_name = Admin\n"
           f"[sso-session corp]\nsso_start_url = {START}\nsso_region = eu-west-1\n")


def _cache_file(name: str) -> str:
    return f"/home/test/.aws/sso/cache/{hashlib.sha1(name.encode()).hexdigest()}.json"


def _token(expires: str = "2015-08-30T20:00:00Z", **extra: Any) -> str:
    return json.dumps({"startUrl": START, "region": "eu-west-1", "accessToken": "bearer-1",
                       "expiresAt": expires, **extra})


class FakeSSO:
    def __init__(self, unauthorized: bool = False, refresh_fails: bool = False) -> None:
        self.calls: list[Invoke] = []
        self.unauthorized = unauthorized
        self.refresh_fails = refresh_fails

    def __call__(self, effect: Effect) -> Any:
        assert isinstance(effect, Invoke)
        self.calls.append(effect)
        if effect.operation == "CreateToken":
            if self.refresh_fails:
                raise ClientError({"Error": {"Code": "InvalidGrantException"}}, "CreateToken")
            return {"accessToken": "bearer-2", "expiresIn": 28800, "refreshToken": "refresh-2"}
        if self.unauthorized:
            raise ClientError({"Error": {"Code": "UnauthorizedException", "Message": "no"}},
                              "GetRoleCredentials")
        return {"roleCredentials": {"accessKeyId": "AKSSO", "secretAccessKey": "sso-secret",
                                    "sessionToken": "sso-token",
                                    "expiration": int((NOW + 3600) * 1000)}}


def _load(config: str, files: dict[str, str], sso: FakeSSO) -> Any:
    ctx = with_runner(context(config=config, files=files, profile="dev", profile_from_code=True),
                      ScriptedRunner(sso))
    return SSOProvider().load(ctx)


def test_legacy_profile_gets_role_credentials_unsigned() -> None:
    sso = FakeSSO()
    creds = _load(LEGACY, {_cache_file(START): _token()}, sso)
    assert isinstance(creds, DeferredRefreshableCredentials) and sso.calls == []
    assert creds.get_frozen_credentials() == ("AKSSO", "sso-secret", "sso-token", "123456789012")
    assert creds.expiry_time == NOW + 3600
    (call,) = sso.calls
    assert (call.service, call.operation, call.region, call.signed) == (
        "sso", "GetRoleCredentials", "eu-west-1", False)
    assert call.params == {"roleName": "Admin", "accountId": "123456789012",
                           "accessToken": "bearer-1"}


def test_legacy_expired_token_names_the_cache_file() -> None:
    sso = FakeSSO()
    creds = _load(LEGACY, {_cache_file(START): _token("2015-08-30T12:00:00Z")}, sso)
    with pytest.raises(UnauthorizedSSOTokenError) as info:
        creds.get_frozen_credentials()
    notes = "\n".join(getattr(info.value, "__notes__", []))
    assert _cache_file(START) in notes and "aws sso login --profile dev" in notes
    assert sso.calls == []


def test_missing_and_invalid_token() -> None:
    with pytest.raises(SSOTokenLoadError, match="Token for corp does not exist") as info:
        _load(SESSION, {}, FakeSSO()).get_frozen_credentials()
    assert _cache_file("corp") in "\n".join(info.value.__notes__)
    with pytest.raises(SSOTokenLoadError, match="is invalid"):
        _load(LEGACY, {_cache_file(START): "{}"}, FakeSSO()).get_frozen_credentials()


def test_unauthorized_role_call() -> None:
    creds = _load(SESSION, {_cache_file("corp"): _token()}, FakeSSO(unauthorized=True))
    with pytest.raises(UnauthorizedSSOTokenError) as info:
        creds.get_frozen_credentials()
    assert "sso-session 'corp'" in "\n".join(info.value.__notes__)


@pytest.mark.parametrize(("config", "message"), [
    ("[profile dev]\nsso_session = nope\nsso_role_name = r\n",
     'The specified sso-session does not exist: "nope"'),
    (SESSION.replace("sso_role_name = Admin\n", "sso_role_name = Admin\nsso_region = us-east-1\n"),
     "The value for sso_region is inconsistent between profile (us-east-1) and sso-session "
     "(eu-west-1)."),
    ("[profile dev]\nsso_role_name = r\n", 'The profile "dev" is configured to use SSO but is '
     "missing required configuration: sso_account_id, sso_start_url, sso_region"),
])
def test_configuration_errors(config: str, message: str) -> None:
    with pytest.raises(InvalidConfigError) as info:
        _load(config, {}, FakeSSO())
    assert str(info.value) == message


def test_not_configured() -> None:
    with pytest.raises(CredentialsNotLoaded):
        _load("[profile dev]\nregion = x\n", {}, FakeSSO())


def _write(home: Path, token: str) -> Path:
    (home / ".aws").mkdir(parents=True, exist_ok=True)
    (home / ".aws" / "config").write_text(SESSION)
    cache = home / ".aws" / "sso" / "cache"
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / (hashlib.sha1(b"corp").hexdigest() + ".json")
    path.write_text(token)
    return path


REFRESHABLE = {"clientId": "cid", "clientSecret": "csecret", "refreshToken": "refresh-1",
               "registrationExpiresAt": "2015-12-01T00:00:00Z"}


def test_sso_session_token_refresh_is_written_back(tmp_path: Path) -> None:
    path = _write(tmp_path, _token("2015-08-30T12:40:00Z", **REFRESHABLE))  # 4 minutes left
    sso = FakeSSO()
    ctx = disk_context(str(tmp_path), ScriptedRunner(sso), profile="dev")
    assert SSOProvider().load(ctx).access_key == "AKSSO"
    refresh, role = sso.calls
    assert (refresh.service, refresh.operation, refresh.region, refresh.signed) == (
        "sso-oidc", "CreateToken", "eu-west-1", False)
    assert refresh.params == {"grantType": "refresh_token", "clientId": "cid",
                              "clientSecret": "csecret", "refreshToken": "refresh-1"}
    assert role.params["accessToken"] == "bearer-2"
    stored = json.loads(path.read_text())
    assert stored["accessToken"] == "bearer-2" and stored["refreshToken"] == "refresh-2"
    assert stored["expiresAt"] == "2015-08-30T20:36:00Z"
    assert stored["registrationExpiresAt"] == "2015-12-01T00:00:00Z"


def test_failed_refresh_of_an_expired_token(tmp_path: Path) -> None:
    _write(tmp_path, _token("2015-08-30T12:00:00Z", **REFRESHABLE))
    sso = FakeSSO(refresh_fails=True)
    creds = SSOProvider().load(disk_context(str(tmp_path), ScriptedRunner(sso), profile="dev"))
    with pytest.raises(TokenRetrievalError, match="Token has expired and refresh failed"):
        creds.get_frozen_credentials()
    # A still-valid token is used as it is when the refresh fails.
    _write(tmp_path, _token("2015-08-30T12:40:00Z", **REFRESHABLE))
    creds = SSOProvider().load(disk_context(str(tmp_path), ScriptedRunner(sso), profile="dev"))
    assert creds.access_key == "AKSSO"
    assert sso.calls[-1].params["accessToken"] == "bearer-1"


def test_cache_key_matches_botocore() -> None:
    from botocore.credentials import SSOCredentialFetcher

    for session in ("corp", None):
        fetcher = SSOCredentialFetcher(START, "eu-west-1", "Admin", "123456789012", None,
                                       sso_session_name=session)
        assert sso_role_cache_key("123456789012", "Admin", session, START) == fetcher._cache_key
