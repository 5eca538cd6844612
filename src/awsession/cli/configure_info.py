"""``configure list``, ``configure list-profiles`` and ``configure export-credentials``.

Rules:

1. ``list`` shows the AWS CLI's four rows (profile, access_key, secret_key, region), each with
   its type and location taken from awsession's own provenance (``Session.config_source`` and the
   credentials' ``method``). Keys are always masked.
2. ``export-credentials`` is the one command that prints secret values, on stdout only, in the
   format asked for (the AWS CLI's six formats). A profile whose ``credential_process`` runs
   ``awsession configure export-credentials`` for itself is stopped: the profiles being resolved
   travel in ``_AWSESSION_PROFILE_CHAIN`` to child processes, and a repeat (or more than four
   levels) is an error.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
from collections.abc import Callable
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from awsession.cli.context import Context
from awsession.cli.errors import CliError
from awsession.cli.tables import mask

if TYPE_CHECKING:
    from awsession.credentials.types import Credentials

__all__ = ["EXPORT_FORMATS", "format_credentials", "run_export", "run_list", "run_list_profiles"]

_LIST_ROW = "{:>10} {:>24} {:>16}    {}"
_CHAIN_VAR = "_AWSESSION_PROFILE_CHAIN"
_MAX_CHAIN = 4


def _source_columns(source: str) -> tuple[str, str]:
    """(type, location) of a provenance string such as ``config-file:/h/.aws/config [default]``."""
    kind, _, rest = source.partition(":")
    if kind == "env":
        return "env", rest
    if kind in ("config-file", "credentials-file"):
        return ("config-file" if kind == "config-file" else "shared-credentials-file",
                rest.rpartition(" [")[0])
    if kind == "explicit":
        return "manual", "--region"
    return kind, ""


def _credential_location(method: str, ctx: Context, secret: bool) -> str:
    files = ctx.files()
    locations = {
        "shared-credentials-file": files.credentials_path,
        "config-file": files.config_path,
        "env": "AWS_SECRET_ACCESS_KEY" if secret else "AWS_ACCESS_KEY_ID",
    }
    return locations.get(method, "")


def run_list(args: argparse.Namespace, ctx: Context) -> int:
    from awsession.exceptions import BotoCoreError
    from awsession.session import Session

    chosen = ctx.profile(args.profile)
    if chosen.source == "explicit":
        rows = [("profile", str(chosen.value), "manual", "--profile")]
    elif chosen.source.startswith("env:"):
        rows = [("profile", str(chosen.value), "env", chosen.source[4:])]
    else:
        rows = [("profile", "<not set>", "None", "None")]
    session = Session(profile_name=args.profile)
    problem = None
    try:
        credentials = session.get_credentials()
    except BotoCoreError as error:
        credentials, problem = None, str(error).splitlines()[0]
    if credentials is not None:
        frozen = credentials.get_frozen_credentials()
        method = credentials.method
        rows.append(("access_key", mask(frozen.access_key), method,
                     _credential_location(method, ctx, False)))
        rows.append(("secret_key", mask(frozen.secret_key), method,
                     _credential_location(method, ctx, True)))
    else:
        rows += [("access_key", "<not set>", "None", "None"),
                 ("secret_key", "<not set>", "None", "None")]
    region = session.config_source("region")
    if region.value is None:
        rows.append(("region", "<not set>", "None", "None"))
    else:
        rows.append(("region", str(region.value), *_source_columns(region.source)))
    for row in [("Name", "Value", "Type", "Location"), ("----", "-----", "----", "--------"),
                *rows]:
        ctx.out(_LIST_ROW.format(*row).rstrip())
    if problem is not None:
        ctx.warn(f"credentials could not be loaded: {problem}")
    return 0


def run_list_profiles(args: argparse.Namespace, ctx: Context) -> int:
    for name in ctx.files().profile_names:
        ctx.out(name)
    return 0


# -- export-credentials ---------------------------------------------------------------------------

def _per_line(template: str) -> Callable[[list[tuple[str, str]]], str]:
    return lambda pairs: "".join(template.format(name=n, value=v) + "\n" for n, v in pairs)


def _process_json(pairs: list[tuple[str, str]]) -> str:
    names = {"AWS_ACCESS_KEY_ID": "AccessKeyId", "AWS_SECRET_ACCESS_KEY": "SecretAccessKey",
             "AWS_SESSION_TOKEN": "SessionToken", "AWS_CREDENTIAL_EXPIRATION": "Expiration"}
    document: dict[str, object] = {"Version": 1}
    document.update({names[n]: v for n, v in pairs})
    return json.dumps(document, indent=2, separators=(",", ": ")) + "\n"


EXPORT_FORMATS: dict[str, Callable[[list[tuple[str, str]]], str]] = {
    "process": _process_json,
    "env": _per_line("export {name}={value}"),
    "env-no-export": _per_line("{name}={value}"),
    "powershell": _per_line('$Env:{name}="{value}"'),
    "windows-cmd": _per_line("set {name}={value}"),
    "fish": _per_line('set -gx {name} "{value}"'),
}


def format_credentials(fmt: str, access_key: str, secret_key: str, token: str | None,
                       expiry: float | None) -> str:
    """The text ``export-credentials --format fmt`` prints for these values."""
    pairs = [("AWS_ACCESS_KEY_ID", access_key), ("AWS_SECRET_ACCESS_KEY", secret_key)]
    if token is not None:
        pairs.append(("AWS_SESSION_TOKEN", token))
    if expiry is not None:
        pairs.append(("AWS_CREDENTIAL_EXPIRATION",
                      datetime.fromtimestamp(expiry, timezone.utc).isoformat()))
    return EXPORT_FORMATS[fmt](pairs)


def _enter_chain(profile: str) -> None:
    """Guard against a credential_process that calls back into this command for the same profile."""
    raw = os.environ.get(_CHAIN_VAR, "")
    seen = [name for name in next(csv.reader([raw]), []) if name] if raw else []
    if len(seen) >= _MAX_CHAIN:
        raise CliError(f"credential process recursion deeper than {_MAX_CHAIN} levels "
                       f"(profiles: {' -> '.join(seen)})")
    if profile in seen:
        raise CliError("credential process loop: " + " -> ".join([*seen, profile]))
    out = io.StringIO()
    csv.writer(out).writerow([*seen, profile])
    os.environ[_CHAIN_VAR] = out.getvalue().strip()


def run_export(args: argparse.Namespace, ctx: Context) -> int:
    from awsession.credentials.types import RefreshableCredentials
    from awsession.exceptions import BotoCoreError
    from awsession.session import Session

    _enter_chain(str(ctx.profile(args.profile).value))
    try:
        credentials: Credentials | None = Session(profile_name=args.profile).get_credentials()
        frozen = None if credentials is None else credentials.get_frozen_credentials()
    except BotoCoreError as error:
        raise CliError(f"unable to retrieve credentials: {str(error).splitlines()[0]}") from None
    if credentials is None or frozen is None:
        raise CliError("unable to retrieve credentials: no credentials found")
    expiry = credentials.expiry_time if isinstance(credentials, RefreshableCredentials) else None
    ctx.stdout.write(format_credentials(args.format, frozen.access_key, frozen.secret_key,
                                        frozen.token, expiry))
    return 0
