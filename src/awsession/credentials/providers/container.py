"""``container-role``: ECS/EKS container credentials, configured by environment variables.

Loaded when ``AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`` or ``..._FULL_URI`` is set (even empty,
as botocore checks presence). Detection only for now: configured means "not supported yet".
Later this module fetches the credentials over HTTP as a flow of ``Send`` effects.
"""

from __future__ import annotations

from ..chain import ProviderContext
from ..types import Credentials, CredentialsNotLoaded
from .unsupported import env_not_supported_yet

__all__ = ["ContainerProvider"]

VARIABLES = ("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI")


class ContainerProvider:
    method = "container-role"

    def load(self, ctx: ProviderContext) -> Credentials:
        for variable in VARIABLES:
            if variable in ctx.env.env:
                raise env_not_supported_yet(self.method, variable)
        raise CredentialsNotLoaded
