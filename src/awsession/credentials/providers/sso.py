"""``sso``: a profile with ``sso_account_id`` or ``sso_role_name`` (IAM Identity Center).

Detection only for now: configured means "not supported yet". Later this module reads the token
cache, refreshes it through ``sso-oidc`` and calls ``sso GetRoleCredentials``, as a flow.
"""

from __future__ import annotations

from ..chain import ProviderContext
from ..types import Credentials, CredentialsNotLoaded
from .unsupported import not_supported_yet

__all__ = ["SSOProvider"]

TRIGGERS = ("sso_role_name", "sso_account_id")


class SSOProvider:
    method = "sso"

    def load(self, ctx: ProviderContext) -> Credentials:
        profile = ctx.files.profiles.get(ctx.profile, {})
        for key in TRIGGERS:
            if key in profile:
                raise not_supported_yet(ctx, self.method, key)
        raise CredentialsNotLoaded
