"""``config-file``: static keys in the active profile of ``~/.aws/config``.

Only the config file is read here; keys from the credentials file are not merged in (botocore).
"""

from __future__ import annotations

from ..chain import ProviderContext
from ..types import Credentials, CredentialsNotLoaded
from .static_keys import credentials_from_section

__all__ = ["ConfigFileProvider"]


class ConfigFileProvider:
    method = "config-file"

    def load(self, ctx: ProviderContext) -> Credentials:
        section = ctx.files.config_profiles.get(ctx.profile)
        if section is None:
            raise CredentialsNotLoaded
        return credentials_from_section(section, method=self.method, profile=ctx.profile,
                                        path=ctx.files.config_path)
