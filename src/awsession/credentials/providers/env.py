"""``env``: credentials from environment variables.

Rules (botocore 1.43):

1. Loaded when ``AWS_ACCESS_KEY_ID`` is non-empty; then ``AWS_SECRET_ACCESS_KEY`` must be
   non-empty too, else ``PartialCredentialsError``.
2. The token is the first non-empty of ``AWS_SECURITY_TOKEN`` then ``AWS_SESSION_TOKEN``;
   ``AWS_ACCOUNT_ID`` is optional.
3. With ``AWS_CREDENTIAL_EXPIRATION`` set the credentials are refreshable: each refresh re-reads
   the variables and then requires the expiration to be present.
4. The default chain drops this provider when the profile was passed in code (not when it only
   comes from ``AWS_PROFILE``); see :mod:`awsession.credentials.default_chain`.
"""

from __future__ import annotations

from collections.abc import Mapping

from ...exceptions import CredentialRetrievalError, PartialCredentialsError
from ..chain import ProviderContext
from ..types import Credentials, CredentialsNotLoaded, RefreshableCredentials, RefreshResult

__all__ = ["EnvProvider"]

METHOD = "env"
ACCESS_KEY = "AWS_ACCESS_KEY_ID"
SECRET_KEY = "AWS_SECRET_ACCESS_KEY"  # noqa: S105 - a variable name
TOKENS = ("AWS_SECURITY_TOKEN", "AWS_SESSION_TOKEN")
EXPIRATION = "AWS_CREDENTIAL_EXPIRATION"
ACCOUNT_ID = "AWS_ACCOUNT_ID"


def _read(environ: Mapping[str, str], *, require_expiry: bool) -> RefreshResult:
    access_key = environ.get(ACCESS_KEY, "")
    if not access_key:
        raise PartialCredentialsError(provider=METHOD, cred_var=ACCESS_KEY)
    secret_key = environ.get(SECRET_KEY, "")
    if not secret_key:
        raise PartialCredentialsError(provider=METHOD, cred_var=SECRET_KEY)
    token = next((environ[name] for name in TOKENS if environ.get(name)), None)
    expiry_text = environ.get(EXPIRATION, "")
    if require_expiry and not expiry_text:
        raise PartialCredentialsError(provider=METHOD, cred_var=EXPIRATION)
    expiry = float("nan")
    if expiry_text:
        from ..timestamps import parse_expiry  # re and datetime, only for an expiry

        try:
            expiry = parse_expiry(expiry_text)
        except ValueError:
            raise CredentialRetrievalError(
                provider=METHOD,
                error_msg=f"{EXPIRATION} is not an ISO 8601 timestamp: {expiry_text!r}",
            ) from None
    return RefreshResult(access_key, secret_key, token, expiry, environ.get(ACCOUNT_ID) or None)


class EnvProvider:
    method = METHOD

    def load(self, ctx: ProviderContext) -> Credentials:
        environ = ctx.env.env
        if not environ.get(ACCESS_KEY):
            raise CredentialsNotLoaded
        values = _read(environ, require_expiry=False)
        if not environ.get(EXPIRATION):
            return Credentials(values.access_key, values.secret_key, values.token,
                               method=METHOD, account_id=values.account_id)
        return RefreshableCredentials(
            values.access_key, values.secret_key, values.token, values.expiry_time,
            refresh_using=lambda: _read(environ, require_expiry=True), method=METHOD,
            clock=ctx.env.clock, account_id=values.account_id,
        )
