"""``explicit``: keys passed in code to a Session or a client.

Rules (botocore 1.43, client kwargs):

1. An access key and a secret key (each not ``None``) make credentials with method ``explicit``;
   the token and account id ride along.
2. Exactly one of the two: ``PartialCredentialsError(provider='explicit', cred_var=<missing>)``.
3. Neither: no explicit credentials (``None``); a lone token or account id is ignored (logged at
   debug level), and the caller falls back to the session's credentials or the chain.

awsession applies the same rules to ``Session(...)`` keys (boto3 would keep half a key pair).
"""

from __future__ import annotations

from ...exceptions import PartialCredentialsError
from ..types import LOGGER_NAME, Credentials

__all__ = ["explicit_credentials"]


def explicit_credentials(access_key: str | None, secret_key: str | None,
                         token: str | None = None,
                         account_id: str | None = None) -> Credentials | None:
    """Credentials from keys given in code, ``None`` if no key pair was given (Rules 1-3)."""
    if access_key is not None and secret_key is not None:
        return Credentials(access_key, secret_key, token, method="explicit",
                           account_id=account_id)
    if access_key is not None:
        raise PartialCredentialsError(provider="explicit", cred_var="aws_secret_access_key")
    if secret_key is not None:
        raise PartialCredentialsError(provider="explicit", cred_var="aws_access_key_id")
    ignored = [name for name, value in (("aws_session_token", token),
                                        ("aws_account_id", account_id)) if value]
    if ignored:
        import logging  # only here: importing logging is not free and this is the cold path

        logging.getLogger(LOGGER_NAME).debug(
            "Ignoring %s: set without an access key id and secret key.", ", ".join(ignored))
    return None
