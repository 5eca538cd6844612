"""``custom-process``: a profile with ``credential_process``, run as a program (never a shell).

Rules (botocore 1.43):

1. The command line is split shell-like (``shlex.split``) and run directly, through a ``Spawn``
   effect; nothing is passed through a shell.
2. A non-zero exit stops the chain with ``CredentialRetrievalError`` carrying the program's
   stderr. Its stdout holds secrets and never appears in an error or a log.
3. stdout is JSON with ``Version: 1``, ``AccessKeyId``, ``SecretAccessKey`` and optionally
   ``SessionToken``, ``Expiration`` (ISO 8601) and ``AccountId`` (else the profile's
   ``aws_account_id``).
4. With ``Expiration`` the credentials are refreshable: each refresh runs the program again.
   Without it they are static for the life of the session.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Generator
from typing import Any

from ..._core.effects import Effect, Spawn, SpawnResult
from ...exceptions import CredentialRetrievalError
from ..chain import ProviderContext, add_note
from ..timestamps import parse_expiry
from ..types import Credentials, CredentialsNotLoaded, RefreshableCredentials, RefreshResult

__all__ = ["ProcessProvider", "parse_process_output", "process_flow"]

METHOD = "custom-process"
KEY = "credential_process"


def _fail(message: str) -> CredentialRetrievalError:
    return CredentialRetrievalError(provider=METHOD, error_msg=message)


def parse_process_output(stdout: bytes, fallback_account_id: str | None) -> RefreshResult:
    """The credentials in a ``credential_process``'s stdout (Rule 3); ``expiry_time`` is NaN
    when the output has no ``Expiration``."""
    try:
        parsed = json.loads(stdout.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise _fail("the credential_process output is not valid JSON") from None
    if not isinstance(parsed, dict):
        raise _fail("the credential_process output is not a JSON object")
    version = parsed.get("Version", "<Version key not provided>")
    if version != 1:
        raise _fail(f"Unsupported version '{version}' for credential process provider, "
                    "supported versions: 1")
    try:
        access_key, secret_key = parsed["AccessKeyId"], parsed["SecretAccessKey"]
    except KeyError as missing:
        raise _fail(f"Missing required key in response: {missing}") from None
    expiry = float("nan")
    expiration = parsed.get("Expiration")
    if expiration is not None:
        try:
            expiry = parse_expiry(str(expiration))
        except ValueError:
            raise _fail(f"Expiration is not an ISO 8601 timestamp: {expiration!r}") from None
    return RefreshResult(access_key, secret_key, parsed.get("SessionToken"), expiry,
                         parsed.get("AccountId") or fallback_account_id)


def process_flow(argv: tuple[str, ...],
                 fallback_account_id: str | None) -> Generator[Effect, Any, RefreshResult]:
    """Run the program once and parse what it printed (Rules 1-3)."""
    done: SpawnResult = yield Spawn(argv)
    if done.returncode != 0:
        raise _fail(done.stderr.decode("utf-8", errors="replace"))
    return parse_process_output(done.stdout, fallback_account_id)


class ProcessProvider:
    method = METHOD

    def load(self, ctx: ProviderContext) -> Credentials:
        profile = ctx.files.profiles.get(ctx.profile, {})
        command = profile.get(KEY)
        if command is None:
            raise CredentialsNotLoaded
        try:
            argv = tuple(shlex.split(str(command)))
        except ValueError as error:
            failure = _fail(f"cannot split the command line: {error}")
            add_note(failure, f"{KEY} of profile {ctx.profile!r} "
                              f"({ctx.files.file_of(ctx.profile, KEY)})")
            raise failure from None
        if not argv:
            raise _fail(f"{KEY} of profile {ctx.profile!r} is empty")
        account = profile.get("aws_account_id")
        fallback = account if isinstance(account, str) else None
        runner = ctx.runner

        def fetch() -> RefreshResult:
            try:
                return runner.run(process_flow(argv, fallback))
            except OSError as error:
                raise _fail(f"cannot run {argv[0]!r}: {error.strerror or error}") from None

        def refresh() -> RefreshResult:
            result = fetch()
            if result.expiry_time != result.expiry_time:  # NaN
                raise _fail("the refreshed credential_process output has no Expiration")
            return result

        first = fetch()
        if first.expiry_time != first.expiry_time:  # NaN: no Expiration, static credentials
            return Credentials(first.access_key, first.secret_key, first.token, method=METHOD,
                               account_id=first.account_id)
        return RefreshableCredentials(first.access_key, first.secret_key, first.token,
                                      first.expiry_time, refresh_using=refresh, method=METHOD,
                                      clock=ctx.env.clock, account_id=first.account_id)
