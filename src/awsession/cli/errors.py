"""The CLI's own errors: one readable line each, and the exit code that goes with it.

Exit codes: 0 success, 1 failure (:class:`CliError`), 2 usage error (:class:`UsageError`).
Messages never hold secret values.
"""

from __future__ import annotations

__all__ = ["EXIT_FAILURE", "EXIT_OK", "EXIT_USAGE", "CliError", "UsageError"]

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2


class CliError(Exception):
    """A failure reported as ``awsession: error: <message>`` with exit code ``code``."""

    code = EXIT_FAILURE

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(CliError):
    """The command line itself is wrong (exit code 2)."""

    code = EXIT_USAGE
