"""``iam-role``: the EC2 instance metadata service (IMDS), last in the chain.

Rules: ``AWS_EC2_METADATA_DISABLED=true`` (any case) means not loaded, without any request. For
now every other case is not loaded too: reaching IMDS needs the network, which this provider
does not do yet. Unlike the other unimplemented providers it cannot tell whether it is
"configured" without a request, so it moves on instead of raising. Later this module fetches the
role credentials (IMDSv2 token first) as a flow of ``Send`` effects.
"""

from __future__ import annotations

from ..chain import ProviderContext
from ..types import Credentials, CredentialsNotLoaded

__all__ = ["InstanceMetadataProvider", "imds_disabled"]


def imds_disabled(ctx: ProviderContext) -> bool:
    return ctx.env.env.get("AWS_EC2_METADATA_DISABLED", "false").lower() == "true"


class InstanceMetadataProvider:
    method = "iam-role"

    def load(self, ctx: ProviderContext) -> Credentials:
        if imds_disabled(ctx):
            raise CredentialsNotLoaded
        raise CredentialsNotLoaded  # no network access yet: see the module docstring
