"""``configure import --csv FILE``: access keys downloaded from the AWS console become profiles.

Rules:

1. The CSV's header names its columns (any case, a byte-order mark ignored): ``Access key ID``
   and ``Secret access key`` are required; ``User name`` (the IAM user CSV) names each profile.
   The console's single-key CSV has no user name: its one row becomes ``--profile`` (else
   ``default``). ``--profile-prefix`` is put before every name.
2. A row without a key id or secret, or with a malformed key id, is an error naming the row
   (never its values); ``--skip-invalid`` skips such rows instead. Nothing is written unless every
   kept row is valid.
3. All profiles are written to the credentials file in one locked, atomic write.
"""

from __future__ import annotations

import argparse
import csv
import re
from dataclasses import dataclass, field

from awsession.cli.context import Context
from awsession.cli.errors import CliError
from awsession.cli.names import check_profile_name, profile_edit
from awsession.config.filewrite import update_file

__all__ = ["ImportedKey", "parse_csv", "run_import"]

_USER = "user name"
_KEY_ID = "access key id"
_SECRET = "secret access key"  # noqa: S105 - a CSV column title
_KEY_ID_FORMAT = re.compile(r"[A-Z0-9]{16,128}\Z")


@dataclass(frozen=True, slots=True)
class ImportedKey:
    profile: str
    access_key_id: str
    secret_access_key: str = field(repr=False)


def parse_csv(text: str, *, default_profile: str, prefix: str = "",
              skip_invalid: bool = False) -> list[ImportedKey]:
    """The keys of a console CSV (see the module rules); raises ``CliError``."""
    rows = list(csv.reader(text.lstrip("\ufeff").splitlines()))
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise CliError("the CSV file is empty")
    header = [cell.strip().lower() for cell in rows[0]]
    for required in (_KEY_ID, _SECRET):
        if required not in header:
            raise CliError(f'the CSV file has no "{required}" column (expected the CSV the AWS '
                           "console offers when an access key is created)")
    columns = {name: header.index(name) for name in (_USER, _KEY_ID, _SECRET) if name in header}
    if _USER not in columns and len(rows) > 2:
        raise CliError('the CSV file has several keys but no "User name" column to name them')
    keys: list[ImportedKey] = []
    for number, row in enumerate(rows[1:], start=2):
        cells = {name: row[index].strip() if index < len(row) else ""
                 for name, index in columns.items()}
        user = cells.get(_USER, default_profile)
        problem = None
        if not user or not cells[_KEY_ID] or not cells[_SECRET]:
            problem = "a user name, access key id or secret access key is missing"
        elif not _KEY_ID_FORMAT.match(cells[_KEY_ID]):
            problem = "the access key id is not 16-128 upper-case letters and digits"
        if problem is not None:
            if skip_invalid:
                continue
            raise CliError(f"CSV line {number}: {problem} (use --skip-invalid to skip it)")
        keys.append(ImportedKey(check_profile_name(prefix + user), cells[_KEY_ID],
                                cells[_SECRET]))
    return keys


def _read(source: str) -> str:
    path = source[len("file://"):] if source.startswith("file://") else source
    try:
        with open(path, encoding="utf-8-sig") as handle:
            return handle.read()
    except OSError as error:
        raise CliError(f"cannot read {path}: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise CliError(f"cannot read {path}: it is not UTF-8 text") from None


def run_import(args: argparse.Namespace, ctx: Context) -> int:
    default_profile = str(ctx.profile(args.profile).value)
    keys = parse_csv(_read(args.csv), default_profile=default_profile,
                     prefix=args.profile_prefix, skip_invalid=args.skip_invalid)
    path = ctx.files().credentials_path
    if not path:
        raise CliError("no credentials file to write: AWS_SHARED_CREDENTIALS_FILE is empty")
    if keys:
        update_file(path, [profile_edit(key.profile, {"aws_access_key_id": key.access_key_id,
                                                      "aws_secret_access_key": key.secret_access_key},
                                        credentials=True) for key in keys])
    ctx.out(f"Successfully imported {len(keys)} profile(s)")
    return 0
