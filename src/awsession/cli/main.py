"""The ``awsession`` command: argument parsing, dispatch and the exit-code contract.

Rules:

1. Exit codes: 0 success, 1 failure, 2 usage error. Every error is one readable line on stderr
   (``awsession: error: ...``); a traceback only with ``--debug``.
2. Every command and subcommand has ``--help`` with examples.
3. ``awsession demo ...`` is handed untouched to ``awsession.demo.main.run(argv)``, imported only
   then; without that module it is a one-line error.
4. Heavy modules (sessions, clients, moto) are imported only by the command that needs them.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import NoReturn

from awsession.cli.configure import run_get, run_interactive, run_set
from awsession.cli.configure_info import EXPORT_FORMATS, run_export, run_list, run_list_profiles
from awsession.cli.context import Context
from awsession.cli.errors import EXIT_FAILURE, EXIT_USAGE, CliError
from awsession.cli.import_csv import run_import
from awsession.cli.local import run_local
from awsession.cli.profiles import run_profiles
from awsession.cli.whoami import run_whoami

__all__ = ["build_parser", "main"]

Handler = Callable[[argparse.Namespace, Context], int]


class _Parser(argparse.ArgumentParser):
    """argparse with a one-line usage error (and exit code 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def _sub(parent: argparse._SubParsersAction[_Parser], name: str, summary: str, examples: str,
         handler: Handler | None) -> _Parser:
    parser = parent.add_parser(name, help=summary, description=summary,
                               epilog="examples:\n" + examples,
                               formatter_class=argparse.RawDescriptionHelpFormatter)
    if handler is not None:
        parser.set_defaults(handler=handler)
    return parser


def _profile_option(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    parser.add_argument("--profile", metavar="P", default=argparse.SUPPRESS if suppress else None,
                        help="the profile to use (default: AWS_PROFILE, else 'default')")


def _add_configure(commands: argparse._SubParsersAction[_Parser]) -> None:
    configure = _sub(commands, "configure", "Set up profiles: prompts for keys, region, output.",
                     "  awsession configure\n  awsession configure --profile dev\n"
                     "  awsession configure set region eu-west-1 --profile dev\n",
                     run_interactive)
    _profile_option(configure, suppress=False)
    sub = configure.add_subparsers(title="subcommands", metavar="SUBCOMMAND", parser_class=_Parser)
    cmd = _sub(sub, "set", "Set one value in the config or credentials file.",
               "  awsession configure set region us-west-2\n"
               "  awsession configure set s3.addressing_style path --profile dev\n"
               "  awsession configure set profile.dev.region eu-west-1\n"
               "  awsession configure set aws_access_key_id AKIA... --profile dev\n", run_set)
    cmd.add_argument("name", metavar="NAME", help="setting name, optionally dotted")
    cmd.add_argument("value", metavar="VALUE", help="the value to write")
    _profile_option(cmd, suppress=True)
    cmd = _sub(sub, "get", "Print one value as the files hold it (exit 1 if unset).",
               "  awsession configure get region\n"
               "  awsession configure get s3.addressing_style --profile dev\n"
               "  awsession configure get profile.dev.region\n", run_get)
    cmd.add_argument("name", metavar="NAME", help="setting name, optionally dotted")
    _profile_option(cmd, suppress=True)
    cmd = _sub(sub, "list", "Show the profile, keys (masked) and region in use, and their sources.",
               "  awsession configure list\n  awsession configure list --profile dev\n", run_list)
    _profile_option(cmd, suppress=True)
    _sub(sub, "list-profiles", "Print every profile name, one a line.",
         "  awsession configure list-profiles\n", run_list_profiles)
    cmd = _sub(sub, "export-credentials", "Print a profile's credentials for a shell or a "
               "credential_process (this prints secrets).",
               "  eval \"$(awsession configure export-credentials --profile dev --format env)\"\n"
               "  credential_process = awsession configure export-credentials --profile dev\n",
               run_export)
    _profile_option(cmd, suppress=True)
    cmd.add_argument("--format", choices=list(EXPORT_FORMATS), default="process",
                     help="output format (default: process)")
    cmd = _sub(sub, "import", "Import access keys from the CSV the AWS console gives.",
               "  awsession configure import --csv credentials.csv\n"
               "  awsession configure import --csv file://keys.csv --profile-prefix work-\n",
               run_import)
    cmd.add_argument("--csv", required=True, metavar="FILE", help="the CSV file (or file://FILE)")
    cmd.add_argument("--profile-prefix", default="", metavar="PREFIX",
                     help="put PREFIX before every profile name")
    cmd.add_argument("--skip-invalid", action="store_true",
                     help="skip rows that are incomplete instead of failing")
    _profile_option(cmd, suppress=True)


def build_parser() -> _Parser:
    parser = _Parser(prog="awsession", description="awsession: profiles, identities and a local "
                     "AWS for the awsession SDK.",
                     epilog="examples:\n  awsession configure\n  awsession profiles\n"
                            "  awsession whoami --all-profiles\n  awsession local --port 5000\n",
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)
    _add_configure(commands)
    cmd = _sub(commands, "profiles", "List every profile with its credential source, region "
               "and expiry (no secrets).",
               "  awsession profiles\n  awsession profiles --json\n"
               "  awsession profiles --resolve\n", run_profiles)
    cmd.add_argument("--json", action="store_true", help="print JSON instead of a table")
    cmd.add_argument("--resolve", action="store_true",
                     help="load each profile's credentials to show their real expiry")
    cmd = _sub(commands, "whoami", "Show the account and ARN behind one or every profile "
               "(STS GetCallerIdentity).",
               "  awsession whoami\n  awsession whoami --profile dev\n"
               "  awsession whoami --all-profiles --region eu-west-1\n", run_whoami)
    group = cmd.add_mutually_exclusive_group()
    group.add_argument("--profile", metavar="P", help="the profile to ask about")
    group.add_argument("--all-profiles", action="store_true", help="ask about every profile")
    cmd.add_argument("--region", metavar="R", help="the STS region (default: the profile's)")
    cmd.add_argument("--json", action="store_true", help="print JSON instead of a table")
    cmd = _sub(commands, "local", "Run moto's server on 127.0.0.1 and point a 'local' profile "
               "at it; Ctrl-C stops it.",
               "  awsession local\n  awsession local --port 4566 --profile moto\n", run_local)
    cmd.add_argument("--port", type=int, default=5000, metavar="N",
                     help="the port (default 5000; 0 picks a free one)")
    cmd.add_argument("--profile", metavar="P", help="the profile to write (default: local)")
    _sub(commands, "demo", "Run the awsession demo (see 'awsession demo --help').",
         "  awsession demo\n", None)
    return parser


def _first_command(argv: Sequence[str]) -> int | None:
    for index, token in enumerate(argv):
        if not token.startswith("-"):
            return index
    return None


def _run_demo(argv: list[str]) -> int:
    try:
        from awsession.demo.main import run  # type: ignore[import-not-found, unused-ignore]
    except ImportError as error:
        raise CliError(f"the demo is not available in this installation ({error})") from None
    return int(run(argv))


def _dispatch(argv: list[str], ctx: Context) -> int:
    index = _first_command(argv)
    if index is not None and argv[index] == "demo":
        return _run_demo(argv[index + 1:])
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(ctx.stderr)
        return EXIT_USAGE
    return handler(args, ctx)


def main(argv: Sequence[str] | None = None, ctx: Context | None = None) -> int:
    """Run the command line; returns the exit code (``console_scripts`` passes it to exit)."""
    args = list(sys.argv[1:] if argv is None else argv)
    ctx = ctx or Context.from_os()
    debug = "--debug" in args[:_first_command(args)]
    try:
        return _dispatch(args, ctx)
    except CliError as error:
        ctx.stderr.write(f"awsession: error: {error.message}\n")
        return error.code
    except KeyboardInterrupt:
        ctx.stderr.write("\nawsession: interrupted\n")
        return EXIT_FAILURE
    except Exception as error:
        if debug:
            traceback.print_exc(file=ctx.stderr)
        lines = str(error).strip().splitlines()
        ctx.stderr.write(f"awsession: error: {lines[0] if lines else type(error).__name__}\n")
        return EXIT_FAILURE
