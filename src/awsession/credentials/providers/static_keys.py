"""Static keys in a profile section: shared by ``shared-credentials-file`` and ``config-file``.

Rules (botocore 1.43):

1. The section provides credentials only if it has ``aws_access_key_id``; otherwise the provider
   is not loaded.
2. With the access key present, ``aws_secret_access_key`` must be present too (an empty value is
   accepted, as botocore does), else ``PartialCredentialsError`` naming the missing key.
3. The token is ``aws_security_token`` if present, else ``aws_session_token``; ``aws_account_id``
   is optional.
"""

from __future__ import annotations

from collections.abc import Mapping

from ...exceptions import PartialCredentialsError
from ..chain import add_note
from ..types import Credentials, CredentialsNotLoaded

__all__ = ["credentials_from_section"]

_TOKEN_KEYS = ("aws_security_token", "aws_session_token")


def _text(section: Mapping[str, object], key: str) -> str | None:
    value = section.get(key)
    return value if isinstance(value, str) else None


def credentials_from_section(section: Mapping[str, object], *, method: str, profile: str,
                             path: str | None) -> Credentials:
    """Credentials from one profile's keys (Rules 1-3); ``path`` names the file in errors."""
    access_key = _text(section, "aws_access_key_id")
    if access_key is None:
        raise CredentialsNotLoaded
    secret_key = _text(section, "aws_secret_access_key")
    if secret_key is None:
        error = PartialCredentialsError(provider=method, cred_var="aws_secret_access_key")
        add_note(error, f"profile {profile!r} in {path or 'the shared files'} has "
                        "aws_access_key_id but no aws_secret_access_key")
        raise error
    token = next((t for t in (_text(section, k) for k in _TOKEN_KEYS) if t is not None), None)
    return Credentials(access_key, secret_key, token, method=method,
                       account_id=_text(section, "aws_account_id"))
