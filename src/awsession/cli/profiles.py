"""``awsession profiles``: every profile, its credential source, region and expiry; no secrets.

Rules:

1. The source is decided from the profile's keys in the default chain's order (assume-role,
   web identity, SSO, keys in the credentials file, login, process, keys in the config file), so
   the table names the source a Session would actually use. Pure: :func:`describe_profile`.
2. Expiry is shown when it can be known without a network call: the ``expiresAt`` of the SSO
   token cache (``~/.aws/sso/cache/<sha1>.json``) and the expiry keys that SAML helpers write next
   to temporary keys. ``--resolve`` loads each profile's credentials (which may call STS, run
   processes...) and shows their real expiry or the error.
3. Output never holds a key id, a secret or a token; ``--json`` prints the same rows as JSON.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timezone
from typing import Any

from awsession.cli.context import Context
from awsession.cli.tables import render_table

__all__ = ["ProfileInfo", "describe_profile", "run_profiles"]

_EXPIRY_KEYS = ("aws_expiration", "aws_session_expiration", "x_security_token_expires",
                "expiration")


@dataclass(frozen=True, slots=True)
class ProfileInfo:
    """One row of the table."""

    profile: str
    source: str
    detail: str
    region: str | None
    expires: str | None


def _static_source(settings: Mapping[str, Any]) -> str:
    token = settings.get("aws_session_token") or settings.get("aws_security_token")
    return "static (temporary)" if token else "static"


def describe_profile(name: str, settings: Mapping[str, Any],
                     credentials_section: Mapping[str, Any]) -> ProfileInfo:
    """The credential source of profile ``name`` (merged ``settings``; its credentials-file
    section separately, because keys there come before ``credential_process``)."""
    region = settings.get("region") if isinstance(settings.get("region"), str) else None
    expires = next((str(settings[k]) for k in _EXPIRY_KEYS if settings.get(k)), None)
    if "role_arn" in settings and "web_identity_token_file" not in settings:
        if "source_profile" in settings:
            detail = f"from profile {settings['source_profile']}"
        elif "credential_source" in settings:
            detail = f"from {settings['credential_source']}"
        else:
            detail = "(no source_profile or credential_source)"
        return ProfileInfo(name, "assume-role", detail, region, None)
    if "role_arn" in settings:
        return ProfileInfo(name, "web-identity", "", region, None)
    if "sso_role_name" in settings or "sso_account_id" in settings:
        session = settings.get("sso_session")
        detail = f"session {session}" if session else "legacy"
        return ProfileInfo(name, "sso", detail, region, None)
    if "aws_access_key_id" in credentials_section:
        return ProfileInfo(name, _static_source(settings), "credentials file",
                           region, expires)
    if "login_session" in settings:
        return ProfileInfo(name, "login", "", region, None)
    if "credential_process" in settings:
        return ProfileInfo(name, "process", "", region, None)
    if "aws_access_key_id" in settings:
        return ProfileInfo(name, _static_source(settings), "config file", region, expires)
    return ProfileInfo(name, "none", "", region, None)


def _sso_expiry(settings: Mapping[str, Any], home: str) -> str | None:
    """``expiresAt`` of the cached SSO token of this profile, if any (no network)."""
    key = settings.get("sso_session") or settings.get("sso_start_url")
    if not isinstance(key, str):
        return None
    name = hashlib.sha1(key.encode("utf-8"), usedforsecurity=False).hexdigest()
    try:
        with open(os.path.join(home, ".aws", "sso", "cache", f"{name}.json"),
                  encoding="utf-8") as handle:
            value = json.load(handle).get("expiresAt")
    except (OSError, ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None


def _resolved(info: ProfileInfo) -> ProfileInfo:
    """``info`` with the expiry of the credentials a Session really gets (``--resolve``)."""
    from awsession.credentials.types import RefreshableCredentials
    from awsession.exceptions import BotoCoreError
    from awsession.session import Session

    try:
        credentials = Session(profile_name=info.profile).get_credentials()
    except BotoCoreError as error:
        return replace(info, expires=f"error: {str(error).splitlines()[0]}")
    if isinstance(credentials, RefreshableCredentials):
        when = datetime.fromtimestamp(credentials.expiry_time, timezone.utc)
        return replace(info, expires=when.isoformat())
    return info


def run_profiles(args: argparse.Namespace, ctx: Context) -> int:
    files = ctx.files()
    home = ctx.env.get("HOME") or os.path.expanduser("~")
    infos = []
    for name in files.profile_names:
        settings = files.profile(name) or {}
        info = describe_profile(name, settings, files.credentials_profiles.get(name, {}))
        if info.source == "sso":
            info = replace(info, expires=_sso_expiry(settings, home))
        infos.append(info)
    if args.resolve and infos:
        with ThreadPoolExecutor(max_workers=min(16, len(infos))) as pool:
            infos = list(pool.map(_resolved, infos))
    if args.json:
        ctx.out(json.dumps([asdict(info) for info in infos], indent=2))
        return 0
    if not infos:
        ctx.warn(f"no profiles in {files.config_path} or {files.credentials_path}")
        return 0
    rows = [(info.profile, f"{info.source} {info.detail}".strip(), info.region or "-",
             info.expires or "-") for info in infos]
    ctx.out(render_table(("PROFILE", "CREDENTIALS", "REGION", "EXPIRES"), rows))
    return 0
