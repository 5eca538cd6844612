"""``assume-role-with-web-identity``: an OIDC token file exchanged for role credentials.

Rules (botocore 1.43):

1. Each setting comes from its environment variable first, then the profile key:
   ``AWS_WEB_IDENTITY_TOKEN_FILE``/``web_identity_token_file``, ``AWS_ROLE_ARN``/``role_arn``,
   ``AWS_ROLE_SESSION_NAME``/``role_session_name``. The environment is skipped when the profile
   was passed in code (and for a ``source_profile``).
2. No (or an empty) token file setting: not loaded. A token file without a role ARN stops the
   chain with ``InvalidConfigError``.
3. The call is STS ``AssumeRoleWithWebIdentity``, unsigned, in the chain's region, with the
   session name defaulting to ``botocore-session-<unix time>``.
4. Credentials are deferred and refresh 15 minutes early; the token file is read again for every
   fetch (tokens are rotated on disk). A token file that cannot be read stops with
   ``CredentialRetrievalError`` naming the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..._core.effects import Invoke
from ...config.files import expand_path
from ...exceptions import CredentialRetrievalError, InvalidConfigError
from ..cache import assume_role_cache_key, configured_cache
from ..chain import ProviderContext
from ..sts import fetch_cached, sts_call_flow
from ..types import Credentials, CredentialsNotLoaded, DeferredRefreshableCredentials, RefreshResult
from .assume_role import default_session_name

__all__ = ["WebIdentityProvider"]

METHOD = "assume-role-with-web-identity"
VARIABLE = "AWS_WEB_IDENTITY_TOKEN_FILE"
KEY = "web_identity_token_file"
_ENV_VARS = {KEY: VARIABLE, "role_arn": "AWS_ROLE_ARN",
             "role_session_name": "AWS_ROLE_SESSION_NAME"}

_NO_ROLE = ("The provided profile or the current environment is configured to assume role with "
            "web identity but has no role ARN configured. Ensure that the profile has the "
            "role_arnconfiguration set or the AWS_ROLE_ARN env var is set.")


def _setting(ctx: ProviderContext, key: str) -> str | None:
    if not ctx.profile_from_code:
        value = ctx.env.env.get(_ENV_VARS[key])
        if value is not None:
            return value
    found = ctx.files.profiles.get(ctx.profile, {}).get(key)
    return found if isinstance(found, str) else None


class WebIdentityProvider:
    method = METHOD

    def load(self, ctx: ProviderContext) -> Credentials:
        token_file = _setting(ctx, KEY)
        if not token_file:
            raise CredentialsNotLoaded
        role_arn = _setting(ctx, "role_arn")
        if not role_arn:
            raise InvalidConfigError(error_msg=_NO_ROLE)
        params: dict[str, Any] = {"RoleArn": role_arn}
        session_name = _setting(ctx, "role_session_name")
        generated = session_name is None
        params["RoleSessionName"] = (default_session_name(ctx.env.clock) if session_name is None
                                     else session_name)
        path = expand_path(token_file, ctx.env)
        key = assume_role_cache_key(params, generated)
        cache = configured_cache(ctx)
        env, runner = ctx.env, ctx.runner

        def call() -> Mapping[str, Any]:
            data = env.fs.read_bytes(path)
            if data is None:
                raise CredentialRetrievalError(
                    provider=METHOD, error_msg=f"cannot read the web identity token file {path}")
            args = dict(params, WebIdentityToken=data.decode("utf-8", errors="replace"))
            effect = Invoke("sts", "AssumeRoleWithWebIdentity", args, signed=False)
            return runner.run(sts_call_flow(effect))

        def refresh() -> RefreshResult:
            return fetch_cached(provider=METHOD, fetch=call, cache=cache, cache_key=key,
                                now=env.clock.time)

        return DeferredRefreshableCredentials(refresh, METHOD, env.clock)
