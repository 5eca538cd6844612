"""``assume-role``: a profile with ``role_arn`` (and no ``web_identity_token_file``).

Detection only for now: a configured profile stops the chain with "not supported yet". Later this
module resolves ``source_profile`` / ``credential_source`` and calls STS ``AssumeRole`` as a flow.
"""

from __future__ import annotations

from ..chain import ProviderContext
from ..types import Credentials, CredentialsNotLoaded
from .unsupported import not_supported_yet

__all__ = ["AssumeRoleProvider"]


class AssumeRoleProvider:
    method = "assume-role"

    def load(self, ctx: ProviderContext) -> Credentials:
        profile = ctx.files.profiles.get(ctx.profile, {})
        if "role_arn" not in profile or "web_identity_token_file" in profile:
            raise CredentialsNotLoaded
        raise not_supported_yet(ctx, self.method, "role_arn")
