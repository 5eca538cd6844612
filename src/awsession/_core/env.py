"""The injected Environment: environment variables, file system, clock and randomness.

Pure code never reads ``os.environ``, the disk, the clock or ``random`` directly; it is handed an
:class:`Environment`. ``Environment.from_os()`` is the real one; ``Environment.empty()`` gives tests
an isolated one (no variables, an in-memory file system, a fixed clock, ``random() == 0.5``).
"""

from __future__ import annotations

import os
import random as _random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

__all__ = [
    "Clock",
    "Environment",
    "FileSystem",
    "FixedClock",
    "MemoryFileSystem",
    "OsFileSystem",
    "SystemClock",
]


class FileSystem(Protocol):
    def read_bytes(self, path: str) -> bytes | None:
        """The file's bytes, or ``None`` when it does not exist."""

    def home(self) -> str:
        """The user's home directory, used to expand ``~``."""

    def version(self, path: str) -> tuple[int, int] | None:
        """A cheap change marker ``(mtime_ns, size)`` for cache checks, or ``None`` if missing."""


class OsFileSystem:
    """The real file system."""

    __slots__ = ()

    def read_bytes(self, path: str) -> bytes | None:
        try:
            with open(path, "rb") as fh:
                return fh.read()
        except (FileNotFoundError, NotADirectoryError):
            return None
        except IsADirectoryError:
            return None

    def home(self) -> str:
        return os.path.expanduser("~")

    def version(self, path: str) -> tuple[int, int] | None:
        try:
            st = os.stat(path)
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size)


@dataclass(slots=True)
class MemoryFileSystem:
    """A dict of path -> bytes, for tests."""

    files: dict[str, bytes] = field(default_factory=dict)
    home_dir: str = "/home/test"

    def read_bytes(self, path: str) -> bytes | None:
        return self.files.get(path)

    def home(self) -> str:
        return self.home_dir

    def version(self, path: str) -> tuple[int, int] | None:
        data = self.files.get(path)
        return None if data is None else (hash(data), len(data))


class Clock(Protocol):
    def time(self) -> float:
        """Seconds since the epoch (wall clock, UTC)."""

    def monotonic(self) -> float:
        """A monotonic reading for measuring intervals."""


class SystemClock:
    __slots__ = ()

    def time(self) -> float:
        return time.time()

    def monotonic(self) -> float:
        return time.monotonic()


@dataclass(slots=True)
class FixedClock:
    """A clock that only moves when told to."""

    now: float = 1_440_938_160.0  # 2015-08-30T12:36:00Z, the SigV4 suite's instant
    mono: float = 0.0

    def time(self) -> float:
        return self.now

    def monotonic(self) -> float:
        return self.mono

    def advance(self, seconds: float) -> None:
        self.now += seconds
        self.mono += seconds


@dataclass(frozen=True, slots=True)
class Environment:
    """Everything from the outside world that pure code may consult."""

    env: Mapping[str, str]
    fs: FileSystem
    clock: Clock
    random: Callable[[], float]

    @classmethod
    def from_os(cls) -> Environment:
        """The process environment, read live (``os.environ`` is consulted at each lookup)."""
        return cls(env=os.environ, fs=OsFileSystem(), clock=SystemClock(), random=_random.random)

    @classmethod
    def empty(cls, env: Mapping[str, str] | None = None,
              files: Mapping[str, bytes | str] | None = None) -> Environment:
        """An isolated environment for tests: given variables and files only, fixed clock."""
        data = {k: (v.encode() if isinstance(v, str) else v) for k, v in (files or {}).items()}
        return cls(env=dict(env or {}), fs=MemoryFileSystem(files=data), clock=FixedClock(),
                   random=lambda: 0.5)
