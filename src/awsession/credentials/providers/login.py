"""``login``: a profile with ``login_session`` (console login sessions).

Detection only for now: configured means "not supported yet". Later this module reads the login
token cache and refreshes it through ``signin CreateOAuth2Token``, as a flow.
"""

from __future__ import annotations

from ..chain import ProviderContext
from ..types import Credentials, CredentialsNotLoaded
from .unsupported import not_supported_yet

__all__ = ["LoginProvider"]


class LoginProvider:
    method = "login"

    def load(self, ctx: ProviderContext) -> Credentials:
        if "login_session" not in ctx.files.profiles.get(ctx.profile, {}):
            raise CredentialsNotLoaded
        raise not_supported_yet(ctx, self.method, "login_session")
