"""``shared-credentials-file``: static keys in ``[profile]`` of ``~/.aws/credentials``.

Only the credentials file is read here (keys in the config file are the ``config-file``
provider's); a missing file or profile means "not loaded".
"""

from __future__ import annotations

from ..chain import ProviderContext
from ..types import Credentials, CredentialsNotLoaded
from .static_keys import credentials_from_section

__all__ = ["SharedCredentialsFileProvider"]


class SharedCredentialsFileProvider:
    method = "shared-credentials-file"

    def load(self, ctx: ProviderContext) -> Credentials:
        section = ctx.files.credentials_profiles.get(ctx.profile)
        if section is None:
            raise CredentialsNotLoaded
        return credentials_from_section(section, method=self.method, profile=ctx.profile,
                                        path=ctx.files.credentials_path)
