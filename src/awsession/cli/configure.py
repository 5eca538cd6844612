"""``awsession configure`` (the four prompts), ``configure set`` and ``configure get``.

Rules:

1. The prompts are the AWS CLI's, byte for byte: ``AWS Access Key ID [None]: `` and so on; a
   current key is shown masked (``****************ABCD``), region and output as they are; Enter
   keeps a value. Every answer is checked before anything is written; end of input writes nothing.
2. Keys go to the credentials file (``[NAME]``), region and output to the config file
   (``[default]`` / ``[profile NAME]``), through ``config.filewrite`` (locked, atomic, 0600).
3. ``get`` prints the value as the files hold it (no environment variables, as the AWS CLI); a
   setting that is not set prints nothing on stdout and exits 1.
"""

from __future__ import annotations

import argparse
from typing import Any

from awsession.cli.context import Context
from awsession.cli.errors import CliError
from awsession.cli.names import Target, check_profile_name, parse_setting, profile_edit, target_edit
from awsession.cli.tables import mask
from awsession.config.filewrite import update_file
from awsession.config.writer import SectionEdit, validate_edit

__all__ = ["PROMPTS", "run_get", "run_interactive", "run_set"]

# (key, prompt label, masked when shown, lives in the credentials file)
PROMPTS = (
    ("aws_access_key_id", "AWS Access Key ID", True, True),
    ("aws_secret_access_key", "AWS Secret Access Key", True, True),
    ("region", "Default region name", False, False),
    ("output", "Default output format", False, False),
)


def _shown(value: Any, secret: bool) -> str:
    if not isinstance(value, str) or not value:
        return "None"
    return mask(value) if secret else value


def _require_path(path: str, what: str) -> str:
    if not path:
        raise CliError(f"no {what} file to write: its environment variable is set but empty")
    return path


def run_interactive(args: argparse.Namespace, ctx: Context) -> int:
    """The four prompts for one profile, then at most two file writes."""
    profile = check_profile_name(str(ctx.profile(args.profile).value))
    files = ctx.files()
    current = files.profile(profile) or {}
    credentials: dict[str, str] = {}
    config: dict[str, str] = {}
    for key, label, secret, in_credentials in PROMPTS:
        try:
            answer = ctx.ask(f"{label} [{_shown(current.get(key), secret)}]: ").strip()
        except EOFError:
            ctx.stdout.write("\n")
            raise CliError("configure stopped at end of input; nothing was written") from None
        if answer:
            (credentials if in_credentials else config)[key] = answer
    edits: list[tuple[str, SectionEdit]] = []
    if credentials:
        edits.append((_require_path(files.credentials_path, "credentials"),
                      profile_edit(profile, credentials, credentials=True)))
    if config:
        edits.append((_require_path(files.config_path, "config"),
                      profile_edit(profile, config, credentials=False)))
    for path, edit in edits:
        validate_edit(edit, path)  # all answers checked before the first write
    for path, edit in edits:
        update_file(path, [edit])
    return 0


def run_set(args: argparse.Namespace, ctx: Context) -> int:
    """``configure set NAME VALUE``: one key, one locked write."""
    target = parse_setting(args.name, str(ctx.profile(args.profile).value))
    in_credentials, edit = target_edit(target, args.value)
    files = ctx.files()
    path = files.credentials_path if in_credentials else files.config_path
    update_file(_require_path(path, "credentials" if in_credentials else "config"), [edit])
    return 0


def _lookup(target: Target, ctx: Context) -> Any:
    files = ctx.files()
    if target.section is None:
        assert target.profile is not None
        values: Any = files.profile(target.profile) or {}
    else:
        kind, _, name = target.section.partition(" ")
        groups = {"sso-session": files.sso_sessions, "services": files.services}
        values = groups[kind].get(name) if name else files.other_sections.get(kind)
    value = values.get(target.key.lower()) if isinstance(values, dict) else None
    if target.sub is not None:
        value = value.get(target.sub) if isinstance(value, dict) else None
    return value


def run_get(args: argparse.Namespace, ctx: Context) -> int:
    """``configure get NAME``: the raw value from the files."""
    target = parse_setting(args.name, str(ctx.profile(args.profile).value))
    value = _lookup(target, ctx)
    if value is None:
        where = f"profile {target.profile!r}" if target.section is None else f"[{target.section}]"
        raise CliError(f"{target.display} is not set in {where}")
    if isinstance(value, dict):
        for name, sub in value.items():
            ctx.out(f"{name} = {sub}")
    else:
        ctx.out(str(value))
    return 0
