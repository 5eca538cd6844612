"""What a command runs against: environment variables, standard streams, a prompt function.

Commands receive a :class:`Context` instead of reaching for ``os.environ``, ``sys.stdout`` or
``input`` themselves, so unit tests can drive them with in-memory streams and scripted answers.
``Context.from_os()`` is the real one. Sessions still read the process environment (as boto3's do).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from awsession.config.files import ConfigFiles
    from awsession.config.resolve import Resolved

__all__ = ["Context"]


@dataclass(frozen=True, slots=True)
class Context:
    """The outside world of one command run."""

    env: Mapping[str, str]
    stdout: TextIO
    stderr: TextIO
    ask: Callable[[str], str]

    @classmethod
    def from_os(cls) -> Context:
        return cls(env=os.environ, stdout=sys.stdout, stderr=sys.stderr, ask=input)

    def out(self, text: str = "") -> None:
        self.stdout.write(text + "\n")

    def warn(self, text: str) -> None:
        self.stderr.write(f"awsession: {text}\n")

    def files(self) -> ConfigFiles:
        """The shared config and credentials files named by this environment (parsed lazily)."""
        from awsession._core.env import Environment, OsFileSystem, SystemClock
        from awsession.config.files import ConfigFiles

        env = Environment(env=self.env, fs=OsFileSystem(), clock=SystemClock(), random=lambda: 0.5)
        return ConfigFiles(env)

    def profile(self, explicit: str | None) -> Resolved:
        """The profile a command acts on: ``--profile``, else AWS_DEFAULT_PROFILE / AWS_PROFILE,
        else ``default``."""
        from awsession.config.resolve import resolve_profile_name

        return resolve_profile_name(self.env, explicit)
