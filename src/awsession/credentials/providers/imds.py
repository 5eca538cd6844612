"""``iam-role``: the EC2 instance metadata service (IMDS), last in the chain, as a flow.

Rules (botocore 1.43):

1. ``AWS_EC2_METADATA_DISABLED=true`` (any case): not loaded, without a request.
2. The base URL is ``ec2_metadata_service_endpoint`` when set (it must be an http(s) URL with a
   host, else ``InvalidIMDSEndpointError``), else ``http://[fd00:ec2::254]/`` when
   ``ec2_metadata_service_endpoint_mode`` is ``ipv6`` (or ``imds_use_ipv6`` is true), else
   ``http://169.254.169.254/``. Timeout ``metadata_service_timeout`` (1 s) and attempts
   ``metadata_service_num_attempts`` (1) per request come from the settings table.
3. IMDSv2 first: ``PUT latest/api/token`` with a 21600 s TTL. 200 gives the token; 403/404/405, a
   read timeout or exhausted attempts fall back to IMDSv1 (no token) -- unless
   ``ec2_metadata_v1_disabled``, which raises ``MetadataRetrievalError``; 400 means not loaded.
4. ``GET .../iam/security-credentials/`` gives the role name and ``.../<role>`` the credentials
   JSON; non-200, empty or (for the credentials) non-JSON answers and connection errors are
   retried up to the attempt count, then the provider is not loaded. A JSON without all of
   ``AccessKeyId``, ``SecretAccessKey``, ``Token``, ``Expiration`` is not loaded either.
5. Static stability: credentials that expire within 15 minutes + a random 2-10 minutes get their
   expiry pushed to now + that interval, so stale credentials keep working (and a refresh is
   tried again later) while IMDS is unavailable.
6. The credentials refresh by fetching again; a refresh that finds nothing raises
   ``CredentialRetrievalError`` (logged and tolerated in the advisory window).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Generator
from typing import Any
from urllib.parse import urlsplit

from ..._core.effects import Effect, Send
from ..._core.frozen import FrozenValue
from ..._core.http import HttpRequest, HttpResponse
from ...config.resolve import ConfigResolver
from ...exceptions import (
    CredentialRetrievalError,
    InvalidIMDSEndpointError,
    MetadataRetrievalError,
    ReadTimeoutError,
)
from ..chain import ProviderContext
from ..refresh import ADVISORY_REFRESH_SECONDS
from ..timestamps import parse_expiry
from ..types import Credentials, CredentialsNotLoaded, RefreshableCredentials, RefreshResult
from .container import RETRYABLE

__all__ = ["ImdsSettings", "InstanceMetadataProvider", "imds_disabled", "imds_flow"]

logger = logging.getLogger("awsession.credentials")
_set = object.__setattr__

METHOD = "iam-role"
BASE_IPV4 = "http://169.254.169.254/"
BASE_IPV6 = "http://[fd00:ec2::254]/"
TOKEN_PATH = "latest/api/token"  # noqa: S105 - a URL path
ROLE_PATH = "latest/meta-data/iam/security-credentials/"
TOKEN_TTL = "21600"  # noqa: S105 - seconds, not a secret
REQUIRED = ("AccessKeyId", "SecretAccessKey", "Token", "Expiration")


class _BadRequest(Exception):
    """IMDS answered the token request with 400."""


def imds_disabled(ctx: ProviderContext) -> bool:
    return ctx.env.env.get("AWS_EC2_METADATA_DISABLED", "false").lower() == "true"


class ImdsSettings(FrozenValue):
    """Where IMDS is and how patiently to ask it."""

    __slots__ = ("attempts", "base_url", "timeout", "v1_disabled")
    _fields = ("base_url", "timeout", "attempts", "v1_disabled")
    base_url: str
    timeout: float
    attempts: int
    v1_disabled: bool

    def __init__(self, base_url: str, timeout: float = 1.0, attempts: int = 1,
                 v1_disabled: bool = False) -> None:
        _set(self, "base_url", base_url)
        _set(self, "timeout", timeout)
        _set(self, "attempts", attempts)
        _set(self, "v1_disabled", v1_disabled)

    @classmethod
    def resolve(cls, ctx: ProviderContext) -> ImdsSettings:
        """Rule 2, from the environment and the profile."""
        resolver = ConfigResolver(ctx.env, ctx.files, ctx.profile)
        custom = resolver.get("ec2_metadata_service_endpoint")
        mode = resolver.get("ec2_metadata_service_endpoint_mode")
        if custom:
            base = str(custom)
            parts = urlsplit(base)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise InvalidIMDSEndpointError(endpoint=base)
        elif (str(mode).lower() == "ipv6" if mode is not None
              else bool(resolver.get("imds_use_ipv6"))):
            base = BASE_IPV6
        else:
            base = BASE_IPV4
        if not base.endswith("/"):
            base += "/"
        return cls(base, float(resolver.get("metadata_service_timeout") or 1),
                   max(1, int(resolver.get("metadata_service_num_attempts") or 1)),
                   bool(resolver.get("ec2_metadata_v1_disabled")))


def _token_flow(settings: ImdsSettings) -> Generator[Effect, Any, str | None]:
    request = HttpRequest("PUT", settings.base_url + TOKEN_PATH,
                          {"x-aws-ec2-metadata-token-ttl-seconds": TOKEN_TTL})
    for _ in range(settings.attempts):
        try:
            response: HttpResponse = yield Send(request)
        except ReadTimeoutError:
            return None
        except RETRYABLE as error:
            logger.debug("IMDS token request failed: %s", error)
            continue
        if response.status_code == 200:
            return bytes(response.body).decode("utf-8")
        if response.status_code in (403, 404, 405):
            return None
        if response.status_code == 400:
            raise _BadRequest
    return None


def _text(response: HttpResponse) -> str:
    return bytes(response.body).decode("utf-8", errors="replace")


def _is_json(response: HttpResponse) -> bool:
    try:
        json.loads(_text(response))
    except ValueError:
        return False
    return True


def _get_flow(settings: ImdsSettings, path: str, token: str | None,
              usable: Callable[[HttpResponse], bool]) -> Generator[Effect, Any, str | None]:
    headers = {} if token is None else {"x-aws-ec2-metadata-token": token}
    request = HttpRequest("GET", settings.base_url + path, headers)
    for _ in range(settings.attempts):
        try:
            response: HttpResponse = yield Send(request)
        except RETRYABLE as error:
            logger.debug("IMDS request to %s failed: %s", path, error)
            continue
        if response.status_code == 200 and response.body and usable(response):
            return _text(response)
        logger.debug("IMDS answered %s for %s.", response.status_code, path)
    return None


def imds_flow(settings: ImdsSettings, now: Callable[[], float],
              random: Callable[[], float]) -> Generator[Effect, Any, RefreshResult | None]:
    """The role credentials, or ``None`` when IMDS has none to give (Rules 3-5)."""
    try:
        token = yield from _token_flow(settings)
    except _BadRequest:
        logger.debug("IMDS rejected the token request (400).")
        return None
    if token is None and settings.v1_disabled:
        raise MetadataRetrievalError(error_msg="Unable to retrieve token for use in IMDSv2 call "
                                               "and IMDSv1 has been disabled")
    role = yield from _get_flow(settings, ROLE_PATH, token, lambda r: True)
    if role is None:
        return None
    text = yield from _get_flow(settings, ROLE_PATH + role, token, _is_json)
    if text is None:
        return None
    data = json.loads(text)
    if not isinstance(data, dict) or any(key not in data for key in REQUIRED):
        logger.debug("IMDS credentials for role %r lack required fields.", role)
        return None
    try:
        expiry = parse_expiry(str(data["Expiration"]))
    except ValueError:
        return None
    interval = ADVISORY_REFRESH_SECONDS + 120 + int(random() * 481)
    current = now()
    if current >= expiry - interval:
        logger.info("Extending the expiry of IMDS credentials by %.0f minutes (static "
                    "stability): IMDS returned credentials that are about to expire.",
                    interval / 60)
        expiry = current + interval
    return RefreshResult(data["AccessKeyId"], data["SecretAccessKey"], data["Token"], expiry,
                         data.get("AccountId"))


class InstanceMetadataProvider:
    method = METHOD

    def load(self, ctx: ProviderContext) -> Credentials:
        if imds_disabled(ctx):
            raise CredentialsNotLoaded
        settings = ImdsSettings.resolve(ctx)
        env, runner = ctx.env, ctx.runner

        def fetch() -> RefreshResult | None:
            return runner.run(imds_flow(settings, env.clock.time, env.random),
                              timeout=settings.timeout)

        def refresh() -> RefreshResult:
            result = fetch()
            if result is None:
                raise CredentialRetrievalError(provider=METHOD, error_msg="the instance metadata "
                                               "service returned no credentials")
            return result

        first = fetch()
        if first is None:
            raise CredentialsNotLoaded
        return RefreshableCredentials(first.access_key, first.secret_key, first.token,
                                      first.expiry_time, refresh_using=refresh, method=METHOD,
                                      clock=env.clock, account_id=first.account_id)
