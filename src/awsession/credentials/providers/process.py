"""``custom-process``: a profile with ``credential_process``.

Detection only for now: configured means "not supported yet". Later this module runs the
command through a ``Spawn`` effect and parses its JSON output.
"""

from __future__ import annotations

from ..chain import ProviderContext
from ..types import Credentials, CredentialsNotLoaded
from .unsupported import not_supported_yet

__all__ = ["ProcessProvider"]


class ProcessProvider:
    method = "custom-process"

    def load(self, ctx: ProviderContext) -> Credentials:
        if ctx.files.profiles.get(ctx.profile, {}).get("credential_process") is None:
            raise CredentialsNotLoaded
        raise not_supported_yet(ctx, self.method, "credential_process")
