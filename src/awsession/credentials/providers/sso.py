"""``sso``: a profile with ``sso_account_id`` or ``sso_role_name`` (IAM Identity Center).

Rules (botocore 1.43):

1. The profile needs ``sso_account_id``, ``sso_role_name``, ``sso_start_url`` and
   ``sso_region``. With ``sso_session = X`` the ``[sso-session X]`` section supplies its keys
   (it must exist; a key set differently in both places is ``InvalidConfigError``). Anything
   missing is ``InvalidConfigError`` listing the missing keys.
2. Credentials are deferred. A fetch takes the access token from
   :mod:`awsession.credentials.sso_token` (refreshing an ``sso_session`` token through
   ``sso-oidc``) and calls ``sso GetRoleCredentials`` unsigned in ``sso_region`` (the token goes in
   the ``x-amz-sso_bearer_token`` header). ``UnauthorizedException`` becomes
   ``UnauthorizedSSOTokenError``, noted with the session and cache file.
3. The credentials expire at the returned ``expiration`` (epoch milliseconds) and refresh 15
   minutes early; with the opt-in file cache they are stored under botocore's key.
"""

from __future__ import annotations

from collections.abc import Generator, Mapping
from typing import Any

from ..._core.effects import Effect, Invoke
from ...exceptions import ClientError, InvalidConfigError, UnauthorizedSSOTokenError
from ..cache import configured_cache, sso_role_cache_key
from ..chain import ProviderContext
from ..sso_token import SSOTokenSource, format_utc
from ..sts import fetch_cached
from ..types import Credentials, CredentialsNotLoaded, DeferredRefreshableCredentials, RefreshResult

__all__ = ["SSOProvider", "resolve_sso_config", "role_credentials_flow"]

METHOD = "sso"
TRIGGERS = ("sso_role_name", "sso_account_id")
REQUIRED = ("sso_role_name", "sso_account_id", "sso_start_url", "sso_region")


def resolve_sso_config(ctx: ProviderContext) -> dict[str, str] | None:
    """The profile's SSO settings merged with its sso-session, ``None`` if not SSO (Rule 1)."""
    name = ctx.profile
    profile = ctx.files.profiles.get(name, {})
    if all(key not in profile for key in TRIGGERS):
        return None
    merged = dict(profile)
    required: tuple[str, ...] = REQUIRED
    session_name = profile.get("sso_session")
    if session_name is not None:
        session = ctx.files.sso_sessions.get(session_name)
        if session is None:
            raise InvalidConfigError(
                error_msg=f'The specified sso-session does not exist: "{session_name}"')
        for key, value in session.items():
            if merged.get(key, value) != value:
                raise InvalidConfigError(
                    error_msg=(f"The value for {key} is inconsistent between profile "
                               f"({merged[key]}) and sso-session ({value})."))
            merged[key] = value
        required = (*REQUIRED, "sso_session")
    missing = [key for key in required if key not in merged]
    if missing:
        raise InvalidConfigError(
            error_msg=(f'The profile "{name}" is configured to use SSO but is missing required '
                       f"configuration: {', '.join(missing)}"))
    return {key: str(merged[key]) for key in required}


def role_credentials_flow(account_id: str, role_name: str, access_token: str,
                          region: str) -> Generator[Effect, Any, dict[str, Any]]:
    """``GetRoleCredentials`` as a flow; the response in the CLI's cache format (Rules 2-3)."""
    params = {"roleName": role_name, "accountId": account_id, "accessToken": access_token}
    try:
        response = yield Invoke("sso", "GetRoleCredentials", params, region=region, signed=False)
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") == "UnauthorizedException":
            raise UnauthorizedSSOTokenError() from error
        raise
    creds: Mapping[str, Any] = response["roleCredentials"]
    return {"ProviderType": "sso", "Credentials": {
        "AccessKeyId": creds["accessKeyId"], "SecretAccessKey": creds["secretAccessKey"],
        "SessionToken": creds["sessionToken"],
        "Expiration": format_utc(float(creds["expiration"]) / 1000.0),
        "AccountId": account_id,
    }}


class SSOProvider:
    method = METHOD

    def load(self, ctx: ProviderContext) -> Credentials:
        config = resolve_sso_config(ctx)
        if config is None:
            raise CredentialsNotLoaded
        session_name = config.get("sso_session")
        source = SSOTokenSource.create(ctx.env, start_url=config["sso_start_url"],
                                       region=config["sso_region"], session_name=session_name,
                                       profile=ctx.profile)
        account_id, role_name = config["sso_account_id"], config["sso_role_name"]
        key = sso_role_cache_key(account_id, role_name, session_name, config["sso_start_url"])
        cache = configured_cache(ctx)
        env, runner = ctx.env, ctx.runner

        def fetch() -> Mapping[str, Any]:
            token = source.access_token(runner, env.clock.time())
            flow = role_credentials_flow(account_id, role_name, token, source.region)
            try:
                return runner.run(flow)
            except UnauthorizedSSOTokenError as error:
                raise source.explain(error) from error.__cause__

        def refresh() -> RefreshResult:
            return fetch_cached(provider=METHOD, fetch=fetch, cache=cache, cache_key=key,
                                now=env.clock.time)

        return DeferredRefreshableCredentials(refresh, METHOD, env.clock)
