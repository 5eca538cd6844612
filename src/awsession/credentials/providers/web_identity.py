"""``assume-role-with-web-identity``: ``AWS_WEB_IDENTITY_TOKEN_FILE`` or the profile's
``web_identity_token_file``.

Rules: the environment variable is consulted first unless the profile was passed in code; an
empty value counts as not configured (botocore). Detection only for now: configured means "not
supported yet". Later this module reads the token file and calls STS unsigned, as a flow.
"""

from __future__ import annotations

from ..chain import ProviderContext
from ..types import Credentials, CredentialsNotLoaded
from .unsupported import env_not_supported_yet, not_supported_yet

__all__ = ["WebIdentityProvider"]

VARIABLE = "AWS_WEB_IDENTITY_TOKEN_FILE"
KEY = "web_identity_token_file"


class WebIdentityProvider:
    method = "assume-role-with-web-identity"

    def load(self, ctx: ProviderContext) -> Credentials:
        if not ctx.profile_from_code:
            from_env = ctx.env.env.get(VARIABLE)
            if from_env is not None:
                if not from_env:
                    raise CredentialsNotLoaded
                raise env_not_supported_yet(self.method, VARIABLE)
        if ctx.files.profiles.get(ctx.profile, {}).get(KEY):
            raise not_supported_yet(ctx, self.method, KEY)
        raise CredentialsNotLoaded
