"""The error for a credential source that is configured but not implemented yet.

A provider that detects its configuration but cannot act on it must stop the chain with this
error rather than fall through to another source (chain Rule 3): otherwise a profile meant to
assume a role would silently use some other credentials.
"""

from __future__ import annotations

from ...exceptions import CredentialRetrievalError
from ..chain import ProviderContext

__all__ = ["env_not_supported_yet", "not_supported_yet"]


def not_supported_yet(ctx: ProviderContext, method: str, key: str) -> CredentialRetrievalError:
    """The error for ``method`` configured through ``key`` in the active profile."""
    source = ctx.files.file_of(ctx.profile, key)
    where = f"file {source}" if source else "the shared config files"
    return CredentialRetrievalError(
        provider=method,
        error_msg=(f"{key} is configured in profile {ctx.profile!r} ({where}) but not "
                   "supported yet by awsession"),
    )


def env_not_supported_yet(method: str, variable: str) -> CredentialRetrievalError:
    """The error for ``method`` configured through the environment variable ``variable``."""
    return CredentialRetrievalError(
        provider=method,
        error_msg=(f"{variable} is set in the environment but {method} credentials are not "
                   "supported yet by awsession"),
    )
