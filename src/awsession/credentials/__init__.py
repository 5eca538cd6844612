"""Layer 1: credentials: values, the refresh decision, the provider chain and its providers.

``awsession.credentials`` itself imports only the value types; the chain and the providers are
imported when credentials are first resolved (``awsession.credentials.default_chain``).
"""

from __future__ import annotations

from .types import (
    Credentials,
    CredentialsNotLoaded,
    ReadOnlyCredentials,
    RefreshableCredentials,
    RefreshResult,
)

__all__ = [
    "Credentials",
    "CredentialsNotLoaded",
    "ReadOnlyCredentials",
    "RefreshResult",
    "RefreshableCredentials",
]
