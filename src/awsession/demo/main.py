"""``awsession demo``: entry point (``run(argv) -> exit code``), set-up, tear-down, failures.

Rules:

1. Set-up order: temporary directory, scoped environment, local server, the prod keys (STS), the
   profile files; tear-down runs in reverse whatever happened (clients closed, server stopped,
   environment restored, directory removed), so the demo leaves nothing running and no file behind.
2. Any failure is one line on stderr and exit status 1 (a traceback only with ``--debug``); an
   interrupt exits 130; a missing ``local`` extra says how to install it.
3. Output goes to stdout, coloured only on a terminal.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from contextlib import ExitStack
from importlib.metadata import PackageNotFoundError, version

from .extras import paginate, presign, waiters
from .output import Printer, mask, wants_colour
from .profiles import (
    DEFAULT_PROFILE,
    DEV_PROFILE,
    PROD_ROLE_ARN,
    Profile,
    assume_prod_role,
    demo_files,
    write_files,
)
from .sandbox import scoped_environment, temporary_directory
from .server import LocalAws, LocalExtraMissing
from .steps import Demo, custom_session, default_session, named_profiles

__all__ = ["run"]

_PROG = "awsession demo"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=_PROG,
        description="Run the Session walk-through (default session, custom session, named "
                    "profiles in two accounts, pagination, waiters, presigned URLs) against an "
                    "embedded local AWS on 127.0.0.1. Needs the 'local' extra: "
                    "pip install 'awsession[local]'.")
    parser.add_argument("--debug", action="store_true",
                        help="print the full traceback when something fails")
    return parser


def _moto_version() -> str:
    try:
        return version("moto")
    except PackageNotFoundError:
        return "unknown"


def _introduce(out: Printer, server: LocalAws, tmp: str, profiles: tuple[Profile, ...]) -> None:
    import awsession

    out.title(f"awsession {awsession.__version__} demo: the Session walk-through on a local AWS")
    out.section(0, "A local AWS and two accounts' worth of profiles",
                "aws configure --profile dev-account; aws configure --profile prod-account")
    out.value("local AWS", f"{server.url}  (moto {_moto_version()}, in this process)")
    out.value("$DEMO", f"{tmp}  (temporary, removed at the end)", raw=True)
    out.value("AWS_CONFIG_FILE", f"{tmp}/config")
    out.value("AWS_SHARED_CREDENTIALS_FILE", f"{tmp}/credentials")
    for profile in profiles:
        kind = "temporary keys + session token" if profile.token else "static keys"
        out.item(f"[{profile.name}] region {profile.region}, {kind}, access key "
                 f"{mask(profile.access_key)}, endpoint_url {server.url}")
    out.note("prod-account is another account: the demo called STS AssumeRole (with the "
             f"dev-account keys, role {PROD_ROLE_ARN}) and wrote the temporary keys with their "
             "session token into the prod-account profile, as `aws configure` stores them")
    out.note("your own AWS_* variables are hidden while the demo runs and restored afterwards")


def _walk_through(out: Printer) -> str:
    """Run every step; returns the temporary directory's path (already removed)."""
    with ExitStack() as stack:
        tmp = stack.enter_context(temporary_directory())
        out.set_tmp_dir(str(tmp))
        files = demo_files(tmp)
        stack.enter_context(scoped_environment(
            {**files.environment(), "AWS_EC2_METADATA_DISABLED": "true"}))
        server = stack.enter_context(LocalAws())
        demo = Demo(out, server.url)
        stack.callback(demo.close_clients)
        profiles = (DEFAULT_PROFILE, DEV_PROFILE, assume_prod_role(server.url))
        write_files(files, server.url, profiles)
        _introduce(out, server, str(tmp), profiles)
        s3 = default_session(demo)
        custom_session(demo)
        runs = named_profiles(demo)
        paginate(demo, s3)
        waiters(demo, s3, runs["dev-account"])
        presign(demo, s3)
    out.set_tmp_dir(None)
    return str(tmp)


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def run(argv: list[str] | None = None) -> int:
    """Run the demo; returns the process exit status (0 when every step passed)."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as e:  # --help, or a usage error already printed by argparse
        return e.code if isinstance(e.code, int) else 2
    out = Printer(sys.stdout, colour=wants_colour(sys.stdout))
    started = time.monotonic()
    try:
        tmp = _walk_through(out)
    except LocalExtraMissing as e:
        print(f"{_PROG}: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{_PROG}: interrupted; the local server is stopped and temporary files removed",
              file=sys.stderr)
        return 130
    except Exception as e:
        if args.debug:
            traceback.print_exc()
        hint = "" if args.debug else " (run with --debug for the traceback)"
        print(f"{_PROG}: failed: {_one_line(e)}{hint}", file=sys.stderr)
        return 1
    out.plain()
    out.plain(f"Done in {time.monotonic() - started:.1f}s: the local server is stopped, "
              f"{tmp} is removed and your environment is as it was.")
    return 0
