"""The IAM Identity Center (SSO) access token: read from the CLI's cache, refreshed when possible.

Rules (botocore 1.43):

1. ``aws sso login`` writes the token to ``~/.aws/sso/cache/<sha1(name)>.json`` where ``name`` is
   the ``sso_session`` name, or the start URL for a legacy profile. A missing file or one without
   ``accessToken``/``expiresAt`` is ``SSOTokenLoadError``.
2. Only ``sso_session`` tokens refresh: with fewer than 15 minutes left, and ``refreshToken``,
   ``clientId``, ``clientSecret`` and an unexpired ``registrationExpiresAt`` present, an unsigned
   ``sso-oidc CreateToken(grantType=refresh_token)`` in ``sso_region`` gives a new token, which is
   written back to the cache file. A failed refresh (an AWS error) is logged and the old token kept.
3. A token that is still expired after that stops with ``TokenRetrievalError`` ("Token has expired
   and refresh failed") for an ``sso_session``, ``UnauthorizedSSOTokenError`` for a legacy profile.
   Every error carries a note naming the session (or start URL), the cache file and the fix
   (``aws sso login --profile <name>``).
4. The token is read from disk for every credential fetch (awsession keeps no token object in
   memory between fetches; the file written by ``aws sso login`` is the source of truth).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Generator, Mapping
from datetime import datetime, timezone
from typing import Any

from .._core.effects import Effect, Invoke
from .._core.env import Environment
from .._core.frozen import FrozenValue
from ..config.files import expand_path
from ..exceptions import ClientError, SSOTokenLoadError, TokenRetrievalError, UnauthorizedSSOTokenError
from .cache import JSONFileCache
from .chain import add_note
from .runner import FlowRunner
from .timestamps import parse_expiry

__all__ = ["SSO_CACHE_DIR", "SSOTokenSource", "create_token_flow", "format_utc"]

logger = logging.getLogger("awsession.credentials")
_set = object.__setattr__

SSO_CACHE_DIR = "~/.aws/sso/cache"
REFRESH_WINDOW_SECONDS = 15 * 60
_REFRESH_KEYS = ("refreshToken", "clientId", "clientSecret", "registrationExpiresAt")


def format_utc(epoch: float) -> str:
    """``2024-05-01T12:00:00Z``: how botocore writes SSO timestamps."""
    return datetime.fromtimestamp(epoch, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _seconds(value: object) -> float | None:
    try:
        return parse_expiry(str(value))
    except ValueError:
        return None


def create_token_flow(token: Mapping[str, Any], start_url: str, region: str,
                      now: float) -> Generator[Effect, Any, dict[str, Any] | None]:
    """A refreshed token document, or ``None`` when it cannot be refreshed (Rule 2)."""
    missing = [key for key in _REFRESH_KEYS if key not in token]
    if missing:
        logger.info("Unable to refresh SSO token: missing keys: %s", missing)
        return None
    registration = _seconds(token["registrationExpiresAt"])
    if registration is None or registration - now <= 0:
        logger.info("SSO token registration expired at %s", token["registrationExpiresAt"])
        return None
    params = {"grantType": "refresh_token", "clientId": token["clientId"],
              "clientSecret": token["clientSecret"], "refreshToken": token["refreshToken"]}
    try:
        response = yield Invoke("sso-oidc", "CreateToken", params, region=region, signed=False)
    except ClientError:
        logger.warning("SSO token refresh attempt failed", exc_info=True)
        return None
    new_token: dict[str, Any] = {
        "startUrl": start_url, "region": region, "accessToken": response["accessToken"],
        "expiresAt": format_utc(now + float(response["expiresIn"])),
        "clientId": token["clientId"], "clientSecret": token["clientSecret"],
        "registrationExpiresAt": token["registrationExpiresAt"],
    }
    if "refreshToken" in response:
        new_token["refreshToken"] = response["refreshToken"]
    logger.info("SSO Token refresh succeeded")
    return new_token


class SSOTokenSource(FrozenValue):
    """Where one profile's SSO token lives and how to refresh it."""

    __slots__ = ("cache", "profile", "region", "session_name", "start_url")
    _fields = ("start_url", "region", "session_name", "profile", "cache")
    start_url: str
    region: str
    session_name: str | None
    profile: str
    cache: JSONFileCache

    def __init__(self, start_url: str, region: str, session_name: str | None, profile: str,
                 cache: JSONFileCache) -> None:
        _set(self, "start_url", start_url)
        _set(self, "region", region)
        _set(self, "session_name", session_name)
        _set(self, "profile", profile)
        _set(self, "cache", cache)

    @classmethod
    def create(cls, env: Environment, *, start_url: str, region: str,
               session_name: str | None, profile: str) -> SSOTokenSource:
        return cls(start_url, region, session_name, profile,
                   JSONFileCache(expand_path(SSO_CACHE_DIR, env), env.fs))

    @property
    def key(self) -> str:
        name = self.session_name if self.session_name is not None else self.start_url
        return hashlib.sha1(name.encode("utf-8")).hexdigest()  # noqa: S324 - a file name

    @property
    def path(self) -> str:
        return self.cache.path_of(self.key)

    def explain(self, error: Exception) -> Exception:
        who = (f"sso-session {self.session_name!r}" if self.session_name is not None
               else f"start URL {self.start_url!r}")
        add_note(error, f"SSO token for {who} (profile {self.profile!r}), cache file "
                        f"{self.path}; run: aws sso login --profile {self.profile}")
        return error

    def load(self) -> dict[str, Any]:
        """The cached token document (Rule 1)."""
        token = self.cache.get(self.key)
        name = self.session_name if self.session_name is not None else self.start_url
        if token is None:
            raise self.explain(SSOTokenLoadError(error_msg=f"Token for {name} does not exist"))
        if "accessToken" not in token or "expiresAt" not in token:
            raise self.explain(SSOTokenLoadError(error_msg=f"Token for {self.start_url} is "
                                                            "invalid"))
        return token

    def access_token(self, runner: FlowRunner, now: float) -> str:
        """A usable access token, refreshed and written back if needed (Rules 2-3)."""
        token = self.load()
        expiry = _seconds(token["expiresAt"])
        if self.session_name is not None and (expiry is None
                                              or expiry - now < REFRESH_WINDOW_SECONDS):
            refreshed = runner.run(create_token_flow(token, self.start_url, self.region, now))
            if refreshed is not None:
                token = refreshed
                expiry = _seconds(token["expiresAt"])
                try:
                    self.cache.put(self.key, token)
                except OSError as error:
                    logger.warning("Could not write the refreshed SSO token to %s: %s",
                                   self.path, error)
        if expiry is None or expiry <= now:
            if self.session_name is not None:
                raise self.explain(TokenRetrievalError(
                    provider="sso", error_msg="Token has expired and refresh failed"))
            raise self.explain(UnauthorizedSSOTokenError())
        return str(token["accessToken"])
