"""Caches for fetched temporary credentials: the AWS CLI's JSON file cache, and its cache keys.

Rules:

1. :class:`JSONFileCache` keeps one JSON document per key in ``<directory>/<key>.json``, the
   layout of the AWS CLI's ``~/.aws/cli/cache`` and ``~/.aws/sso/cache``. Writes are atomic: a
   temporary file in the same folder (created ``0600`` by ``mkstemp``), flushed and fsynced, then
   ``os.replace``d over the old one. A file that cannot be read or parsed is a cache miss.
2. A cached response counts only while more than :data:`EXPIRY_WINDOW_SECONDS` (15 minutes) are
   left before its ``Credentials.Expiration``, as botocore's cached fetchers do.
3. Keys are botocore's: SHA-1 of the sorted JSON of the call's arguments (a generated session
   name left out, a ``Policy`` document parsed so its key order does not matter), with ``:`` and
   path separators replaced so the key is a file name.
4. The file cache is opt-in: ``AWSESSION_CREDENTIAL_CACHE`` (environment) or
   ``awsession_credential_cache`` (profile key) names the folder; ``~/.aws/cli/cache`` shares it
   with the AWS CLI. Without it, fetched credentials live in memory only (boto3's behaviour).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from .._core.env import FileSystem, OsFileSystem
from ..config.files import expand_path
from .timestamps import parse_expiry

if TYPE_CHECKING:
    from .chain import ProviderContext

__all__ = [
    "CACHE_ENV_VAR",
    "CACHE_PROFILE_KEY",
    "EXPIRY_WINDOW_SECONDS",
    "JSONFileCache",
    "assume_role_cache_key",
    "configured_cache",
    "file_safe",
    "load_fresh",
    "sso_role_cache_key",
]

logger = logging.getLogger("awsession.credentials")

CACHE_ENV_VAR = "AWSESSION_CREDENTIAL_CACHE"
CACHE_PROFILE_KEY = "awsession_credential_cache"
EXPIRY_WINDOW_SECONDS = 15 * 60


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__} in the credential cache")


class JSONFileCache:
    """A folder of JSON files, one per key (Rule 1)."""

    __slots__ = ("_directory", "_fs")

    def __init__(self, directory: str, fs: FileSystem | None = None) -> None:
        self._directory = directory
        self._fs = fs if fs is not None else OsFileSystem()

    def __repr__(self) -> str:
        return f"JSONFileCache({self._directory!r})"

    @property
    def directory(self) -> str:
        return self._directory

    def path_of(self, key: str) -> str:
        return os.path.join(self._directory, key + ".json")

    def get(self, key: str) -> dict[str, Any] | None:
        """The stored document, or ``None`` when missing or unreadable."""
        data = self._fs.read_bytes(self.path_of(key))
        if data is None:
            return None
        try:
            value = json.loads(data)
        except ValueError:
            logger.debug("Ignoring unreadable cache file %s.", self.path_of(key))
            return None
        return value if isinstance(value, dict) else None

    def put(self, key: str, value: Mapping[str, Any]) -> None:
        """Store ``value`` atomically (datetimes written as ISO 8601)."""
        text = json.dumps(value, default=_json_default)
        os.makedirs(self._directory, mode=0o700, exist_ok=True)
        fd, temp_path = tempfile.mkstemp(dir=self._directory, suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(temp_path, self.path_of(key))
        except BaseException:
            try:
                os.unlink(temp_path)
            except OSError:
                pass
            raise


def configured_cache(ctx: ProviderContext) -> JSONFileCache | None:
    """The opt-in file cache for fetched credentials, if one is configured (Rule 4)."""
    folder = ctx.env.env.get(CACHE_ENV_VAR)
    if not folder:
        value = ctx.files.profiles.get(ctx.profile, {}).get(CACHE_PROFILE_KEY)
        folder = value if isinstance(value, str) else None
    if not folder:
        return None
    return JSONFileCache(expand_path(folder, ctx.env), ctx.env.fs)


def load_fresh(cache: JSONFileCache | None, key: str, now: float,
               window: float = EXPIRY_WINDOW_SECONDS) -> dict[str, Any] | None:
    """A cached response whose credentials have more than ``window`` seconds left (Rule 2)."""
    if cache is None:
        return None
    response = cache.get(key)
    if response is None:
        return None
    credentials = response.get("Credentials")
    expiration = credentials.get("Expiration") if isinstance(credentials, dict) else None
    if not isinstance(expiration, str):
        return None
    try:
        expiry = parse_expiry(expiration)
    except ValueError:
        return None
    if expiry - now < window:
        logger.debug("Cached credentials in %s are expired or about to be.", cache.path_of(key))
        return None
    logger.debug("Credentials for role retrieved from cache.")
    return response


def file_safe(text: str) -> str:
    """``text`` with ``:`` and path separators replaced by ``_`` (Rule 3)."""
    return text.replace(":", "_").replace(os.sep, "_").replace("/", "_")


def assume_role_cache_key(params: Mapping[str, Any], generated_session_name: bool) -> str:
    """botocore's key for an ``AssumeRole``/``AssumeRoleWithWebIdentity`` call (Rule 3)."""
    args = dict(params)
    if generated_session_name:
        args.pop("RoleSessionName", None)
    args.pop("TokenCode", None)
    args.pop("WebIdentityToken", None)
    policy = args.get("Policy")
    if isinstance(policy, str):
        try:
            args["Policy"] = json.loads(policy)
        except ValueError:
            pass
    text = json.dumps(args, sort_keys=True)
    return file_safe(hashlib.sha1(text.encode("utf-8")).hexdigest())  # noqa: S324 - a name


def sso_role_cache_key(account_id: str, role_name: str, session_name: str | None,
                       start_url: str) -> str:
    """botocore's key for SSO role credentials: compact sorted JSON, SHA-1 (Rule 3)."""
    args: dict[str, str] = {"roleName": role_name, "accountId": account_id}
    if session_name:
        args["sessionName"] = session_name
    else:
        args["startUrl"] = start_url
    text = json.dumps(args, sort_keys=True, separators=(",", ":"))
    return file_safe(hashlib.sha1(text.encode("utf-8")).hexdigest())  # noqa: S324 - a name
