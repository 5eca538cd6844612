"""Turn STS ``AssumeRole*`` responses into refreshed credential values, with a shared cache step.

Rules (botocore 1.43):

1. The account id is the fifth field of ``AssumedRoleUser.Arn``
   (``arn:aws:sts::123456789012:assumed-role/...``); a response without a usable ARN has none.
2. ``Credentials.Expiration`` may be a ``datetime`` (a fresh response) or an ISO 8601 string (a
   cached one); both become epoch seconds.
3. :func:`fetch_cached` checks the opt-in cache first (15-minute window), fetches otherwise and
   stores the response, exactly what botocore's cached fetchers do. The fetch itself is a flow
   (:func:`sts_call_flow`) run by the context's runner; the cache is touched outside the flow.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Mapping
from datetime import datetime
from typing import Any

from .._core.effects import Effect, Invoke
from ..exceptions import CredentialRetrievalError
from .cache import JSONFileCache, load_fresh
from .timestamps import parse_expiry
from .types import RefreshResult

__all__ = [
    "account_id_from_arn",
    "expiry_seconds",
    "fetch_cached",
    "result_from_response",
    "sts_call_flow",
    "with_account_id",
]


def account_id_from_arn(arn: object) -> str | None:
    """The account field of an ARN, or ``None`` if ``arn`` is not one (Rule 1)."""
    if not isinstance(arn, str):
        return None
    parts = arn.split(":", 5)
    if len(parts) < 6 or parts[0] != "arn" or not parts[4]:
        return None
    return parts[4]


def expiry_seconds(value: object, provider: str) -> float:
    """Epoch seconds of an expiration given as a ``datetime`` or an ISO 8601 string (Rule 2)."""
    if isinstance(value, datetime):
        return value.timestamp()
    if isinstance(value, str):
        try:
            return parse_expiry(value)
        except ValueError:
            pass
    raise CredentialRetrievalError(provider=provider,
                                   error_msg=f"invalid credential expiration {value!r}")


def result_from_response(response: Mapping[str, Any], provider: str) -> RefreshResult:
    """The credential values of an ``AssumeRole``-shaped response (``Credentials`` member)."""
    creds = response.get("Credentials")
    if not isinstance(creds, Mapping):
        raise CredentialRetrievalError(provider=provider,
                                       error_msg="the response has no Credentials")
    try:
        return RefreshResult(
            access_key=creds["AccessKeyId"], secret_key=creds["SecretAccessKey"],
            token=creds.get("SessionToken"),
            expiry_time=expiry_seconds(creds.get("Expiration"), provider),
            account_id=creds.get("AccountId"),
        )
    except KeyError as missing:
        raise CredentialRetrievalError(
            provider=provider, error_msg=f"Missing required key in response: {missing}"
        ) from None


def with_account_id(response: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of an ``AssumeRole*`` response with ``Credentials.AccountId`` from the ARN."""
    result = dict(response)
    creds = dict(result.get("Credentials") or {})
    account_id = account_id_from_arn((result.get("AssumedRoleUser") or {}).get("Arn"))
    if account_id is not None:
        creds["AccountId"] = account_id
    result["Credentials"] = creds
    return result


def sts_call_flow(call: Invoke) -> Generator[Effect, Any, dict[str, Any]]:
    """One STS call; the response with the account id added (Rule 1)."""
    response = yield call
    return with_account_id(response)


def fetch_cached(*, provider: str, fetch: Callable[[], Mapping[str, Any]],
                 cache: JSONFileCache | None, cache_key: str,
                 now: Callable[[], float]) -> RefreshResult:
    """Cache, else ``fetch()`` and store: a cached fetcher's refresh (Rule 3).

    ``fetch`` runs only when the cache cannot answer, so an MFA prompt or a token-file read
    happens only then.
    """
    cached = load_fresh(cache, cache_key, now())
    if cached is not None:
        return result_from_response(cached, provider)
    response = fetch()
    if cache is not None:
        cache.put(cache_key, response)
    return result_from_response(response, provider)
