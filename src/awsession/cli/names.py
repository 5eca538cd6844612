"""Setting names of ``configure set/get`` and the file sections they land in.

Pure. The dotted-name rules are the AWS CLI's:

* ``region`` -- a key of the current profile (``--profile``, else AWS_DEFAULT_PROFILE/AWS_PROFILE,
  else ``default``); ``s3.addressing_style`` -- a nested key of the current profile;
* ``default.region``, ``profile.dev.region``, ``profile.dev.s3.addressing_style`` -- a named
  profile;
* ``preview.cloudfront``, ``plugins.name`` -- the ``[preview]`` / ``[plugins]`` sections;
* (awsession) ``sso-session.NAME.key`` and ``services.NAME.service.key`` -- those sections.

Credential keys of a profile (not nested) live in the credentials file under ``[NAME]``;
everything else lives in the config file under ``[default]`` or ``[profile NAME]``.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Mapping
from dataclasses import dataclass

from awsession.cli.errors import UsageError
from awsession.config.writer import EditValue, SectionEdit

__all__ = [
    "CREDENTIAL_KEYS",
    "Target",
    "check_profile_name",
    "config_profile_name",
    "parse_setting",
    "profile_edit",
    "target_edit",
]

CREDENTIAL_KEYS = frozenset(
    {"aws_access_key_id", "aws_secret_access_key", "aws_session_token", "aws_security_token"})
_PLAIN_SECTIONS = ("preview", "plugins")
_NAMED_SECTIONS = ("sso-session", "services")
_PROFILE_NAME = re.compile(r"[A-Za-z0-9_.@+=,:/\-]+\Z")


@dataclass(frozen=True, slots=True)
class Target:
    """Where a setting lives: a profile's key, or a key of another config-file section."""

    key: str
    sub: str | None = None
    profile: str | None = None
    section: str | None = None  # config-file header (``preview``, ``sso-session corp``...)

    @property
    def is_credential(self) -> bool:
        return self.profile is not None and self.sub is None and self.key in CREDENTIAL_KEYS

    @property
    def display(self) -> str:
        return self.key if self.sub is None else f"{self.key}.{self.sub}"


def check_profile_name(name: str) -> str:
    """``name`` if it can head a section that every reader maps back to it; else a usage error."""
    if not _PROFILE_NAME.match(name):
        raise UsageError(f"invalid profile name {name!r}: use letters, digits and _.@+=,:/-")
    return name


def _key_parts(parts: list[str], original: str) -> tuple[str, str | None]:
    if len(parts) == 1 and parts[0]:
        return parts[0], None
    if len(parts) == 2 and all(parts):
        return parts[0], parts[1]
    raise UsageError(f"invalid setting name {original!r}: expected NAME or NAME.SUBNAME after "
                     "the profile or section part")


def parse_setting(name: str, profile: str) -> Target:
    """The :class:`Target` of setting ``name`` when the current profile is ``profile``."""
    parts = name.split(".")
    head = parts[0]
    if head == "default" and len(parts) > 1:
        key, sub = _key_parts(parts[1:], name)
        return Target(key, sub, profile="default")
    if head == "profile" and len(parts) > 2:
        key, sub = _key_parts(parts[2:], name)
        return Target(key, sub, profile=check_profile_name(parts[1]))
    if head in _PLAIN_SECTIONS and len(parts) > 1:
        key, sub = _key_parts(parts[1:], name)
        return Target(key, sub, section=head)
    if head in _NAMED_SECTIONS and len(parts) > 2:
        key, sub = _key_parts(parts[2:], name)
        return Target(key, sub, section=f"{head} {check_profile_name(parts[1])}")
    key, sub = _key_parts(parts, name)
    return Target(key, sub, profile=check_profile_name(profile))


def config_profile_name(header: str) -> str | None:
    """The profile a config-file header defines (``default``, ``profile "dev"`` -> ``dev``)."""
    if header == "default":
        return "default"
    if not header.startswith("profile"):
        return None
    try:
        words = shlex.split(header)
    except ValueError:
        return None
    return words[1] if len(words) == 2 else None  # as files.py reads it


def profile_edit(profile: str, values: Mapping[str, EditValue], *, credentials: bool) -> SectionEdit:
    """The edit of ``profile`` in the credentials file (``[NAME]``) or the config file."""
    if credentials:
        return SectionEdit(profile, values)
    header = "default" if profile == "default" else f"profile {profile}"
    return SectionEdit(header, values, match=lambda h: config_profile_name(h) == profile)


def target_edit(target: Target, value: str) -> tuple[bool, SectionEdit]:
    """``(in_credentials_file, edit)`` that writes ``value`` to ``target``."""
    values: dict[str, EditValue] = {target.key: value if target.sub is None
                                    else {target.sub: value}}
    if target.section is not None:
        return False, SectionEdit(target.section, values)
    assert target.profile is not None
    credentials = target.is_credential
    return credentials, profile_edit(target.profile, values, credentials=credentials)
