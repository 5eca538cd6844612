"""``container-role``: ECS/EKS container credentials over HTTP, as a flow of ``Send`` effects.

Rules (botocore 1.43):

1. Loaded when ``AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`` or ``..._FULL_URI`` is set (presence,
   even empty). The relative URI wins and is appended to ``http://169.254.170.2``.
2. A full URI must be HTTPS, or name a loopback address or one of ``169.254.170.2``,
   ``169.254.170.23``, ``fd00:ec2::23``, ``localhost``; anything else stops the chain with
   ``ValueError`` (botocore's class).
3. The ``Authorization`` header comes from ``AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`` (read again
   for every fetch; wins) or ``AWS_CONTAINER_AUTHORIZATION_TOKEN``; a token with CR or LF is a
   ``ValueError``.
4. ``GET`` with ``Accept: application/json``, a 2 second timeout, up to 3 attempts with 1 second
   between them; a non-200 answer, a body that is not JSON or a connection/timeout error counts
   as a failed attempt. When all fail: ``CredentialRetrievalError``.
5. The JSON has ``AccessKeyId``, ``SecretAccessKey``, ``Token``, ``Expiration`` and optionally
   ``AccountId``; the credentials refresh by fetching again.
"""

from __future__ import annotations

import ipaddress
import json
import logging
from collections.abc import Generator, Mapping
from typing import Any
from urllib.parse import urlsplit

from ..._core.effects import Effect, Send, Sleep
from ..._core.http import HttpRequest, HttpResponse
from ...exceptions import (
    ConnectionClosedError,
    ConnectTimeoutError,
    CredentialRetrievalError,
    EndpointConnectionError,
    MetadataRetrievalError,
    ReadTimeoutError,
)
from ..chain import ProviderContext
from ..sts import expiry_seconds
from ..types import Credentials, CredentialsNotLoaded, RefreshableCredentials, RefreshResult

__all__ = ["ContainerProvider", "container_flow", "validate_full_uri"]

logger = logging.getLogger("awsession.credentials")

METHOD = "container-role"
RELATIVE = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"
FULL = "AWS_CONTAINER_CREDENTIALS_FULL_URI"
TOKEN = "AWS_CONTAINER_AUTHORIZATION_TOKEN"  # noqa: S105 - a variable name
TOKEN_FILE = "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"  # noqa: S105 - a variable name
BASE = "http://169.254.170.2"
ALLOWED_HOSTS = ("169.254.170.2", "169.254.170.23", "fd00:ec2::23", "localhost")
TIMEOUT_SECONDS = 2.0
ATTEMPTS = 3
SLEEP_SECONDS = 1.0
RETRYABLE = (ReadTimeoutError, EndpointConnectionError, ConnectionClosedError,
             ConnectTimeoutError)


def validate_full_uri(url: str) -> None:
    """Rule 2; raises ``ValueError`` for a host that may not serve credentials."""
    parts = urlsplit(url)
    if parts.scheme == "https":
        return
    host = parts.hostname or ""
    try:
        if ipaddress.ip_address(host).is_loopback:
            return
    except ValueError:
        pass
    if host in ALLOWED_HOSTS:
        return
    raise ValueError(f"Unsupported host '{host}'.  Can only retrieve metadata from a loopback "
                     f"address or one of these hosts: {', '.join(ALLOWED_HOSTS)}")


def _attempt(response: HttpResponse) -> Mapping[str, Any]:
    text = bytes(response.body).decode("utf-8", errors="replace")
    if response.status_code != 200:
        raise MetadataRetrievalError(error_msg=f"Received non 200 response "
                                               f"{response.status_code} from container metadata")
    try:
        parsed = json.loads(text)
    except ValueError:
        raise MetadataRetrievalError(error_msg="Unable to parse JSON returned from container "
                                               "metadata services") from None
    if not isinstance(parsed, dict):
        raise MetadataRetrievalError(error_msg="container metadata is not a JSON object")
    return parsed


def container_flow(url: str, headers: Mapping[str, str]) -> Generator[Effect, Any, RefreshResult]:
    """Fetch and parse the credentials (Rules 4-5)."""
    request = HttpRequest("GET", url, {"Accept": "application/json", **headers})
    for attempt in range(1, ATTEMPTS + 1):
        try:
            parsed = _attempt((yield Send(request)))
            break
        except RETRYABLE as error:
            failure = MetadataRetrievalError(error_msg="Received error when attempting to "
                                                       f"retrieve container metadata: {error}")
        except MetadataRetrievalError as error:
            failure = error
        logger.debug("Container credentials attempt %d failed: %s", attempt, failure)
        if attempt == ATTEMPTS:
            raise CredentialRetrievalError(provider=METHOD, error_msg=str(failure))
        yield Sleep(SLEEP_SECONDS)
    try:
        return RefreshResult(parsed["AccessKeyId"], parsed["SecretAccessKey"], parsed["Token"],
                             expiry_seconds(parsed["Expiration"], METHOD),
                             parsed.get("AccountId"))
    except KeyError as missing:
        raise CredentialRetrievalError(
            provider=METHOD, error_msg=f"Missing required key in response: {missing}") from None


class ContainerProvider:
    method = METHOD

    def load(self, ctx: ProviderContext) -> Credentials:
        environ = ctx.env.env
        if RELATIVE in environ:
            url = BASE + environ[RELATIVE]
        elif FULL in environ:
            url = environ[FULL]
            validate_full_uri(url)
        else:
            raise CredentialsNotLoaded
        env, runner = ctx.env, ctx.runner

        def headers() -> dict[str, str]:
            token: str | None = None
            token_file = environ.get(TOKEN_FILE)
            if token_file is not None:
                data = env.fs.read_bytes(token_file)
                if data is None:
                    raise CredentialRetrievalError(
                        provider=METHOD, error_msg=f"cannot read {TOKEN_FILE} {token_file}")
                token = data.decode("utf-8")
            elif TOKEN in environ:
                token = environ[TOKEN]
            if token is None:
                return {}
            if "\r" in token or "\n" in token:
                raise ValueError("Auth token value is not a legal header value")
            return {"Authorization": token}

        def fetch() -> RefreshResult:
            return runner.run(container_flow(url, headers()), timeout=TIMEOUT_SECONDS)

        first = fetch()
        return RefreshableCredentials(first.access_key, first.secret_key, first.token,
                                      first.expiry_time, refresh_using=fetch, method=METHOD,
                                      clock=env.clock, account_id=first.account_id)
