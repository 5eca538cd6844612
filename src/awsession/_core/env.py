"""The injected Environment: environment variables, file system, clock and randomness.

Pure code never reads ``os.environ``, the disk, the clock or ``random`` directly; it is handed an
:class:`Environment`. ``Environment.from_os()`` is the real one; ``Environment.empty()`` gives tests
an isolated one (no variables, an in-memory file system, a fixed clock, ``random() == 0.5``).

These classes sit on the path of the first client in a process, so they are plain ``__slots__``
classes (no ``dataclasses``, which drags in ``inspect``) and ``random`` is imported on first draw.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Protocol

from .dataclass_compat import LazyDataclassFields

__all__ = [
    "Clock",
    "Environment",
    "FileSystem",
    "FixedClock",
    "MemoryFileSystem",
    "OsEnviron",
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


class MemoryFileSystem:
    """A dict of path -> bytes, for tests."""

    __slots__ = ("files", "home_dir")

    def __init__(self, files: dict[str, bytes] | None = None,
                 home_dir: str = "/home/test") -> None:
        self.files: dict[str, bytes] = {} if files is None else files
        self.home_dir = home_dir

    def __repr__(self) -> str:
        return f"MemoryFileSystem(files={self.files!r}, home_dir={self.home_dir!r})"

    def __eq__(self, other: object) -> bool:
        if type(other) is not MemoryFileSystem:
            return NotImplemented
        return (self.files, self.home_dir) == (other.files, other.home_dir)

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it replaced

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


class FixedClock:
    """A clock that only moves when told to."""

    __slots__ = ("mono", "now")

    def __init__(self, now: float = 1_440_938_160.0, mono: float = 0.0) -> None:
        self.now = now  # default: 2015-08-30T12:36:00Z, the SigV4 suite's instant
        self.mono = mono

    def __repr__(self) -> str:
        return f"FixedClock(now={self.now!r}, mono={self.mono!r})"

    def __eq__(self, other: object) -> bool:
        if type(other) is not FixedClock:
            return NotImplemented
        return (self.now, self.mono) == (other.now, other.mono)

    __hash__ = None  # type: ignore[assignment]  # mutable

    def time(self) -> float:
        return self.now

    def monotonic(self) -> float:
        return self.mono

    def advance(self, seconds: float) -> None:
        self.now += seconds
        self.mono += seconds


class OsEnviron(Mapping[str, str]):
    """``os.environ``, read live, whose look-ups of unset names are cheap (POSIX only).

    ``os.environ.get`` raises and catches a ``KeyError`` inside for every unset name (about 1 µs);
    making a client asks for some thirty variables, most of them unset. This view reads the very
    dict ``os.environ`` keeps its encoded variables in, so it sees every change made through
    ``os.environ`` (``os.putenv`` is invisible to both). Its ``repr`` never shows values.
    """

    __slots__ = ("_data", "_encoding")

    def __init__(self, data: dict[bytes, bytes]) -> None:
        self._data = data
        self._encoding = sys.getfilesystemencoding()

    @classmethod
    def of_process(cls) -> Mapping[str, str]:
        """The view of ``os.environ``, or ``os.environ`` itself where it keeps no bytes dict."""
        data = getattr(os.environ, "_data", None)
        if os.name != "posix" or type(data) is not dict:
            return os.environ
        return cls(data)

    def get(self, key: str, default: Any = None) -> Any:
        value = self._data.get(key.encode(self._encoding, "surrogateescape"))
        return default if value is None else value.decode(self._encoding, "surrogateescape")

    def __getitem__(self, key: str) -> str:
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return str(value)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key.encode(self._encoding, "surrogateescape") in self._data

    def __iter__(self) -> Iterator[str]:
        encoding = self._encoding
        return iter([key.decode(encoding, "surrogateescape") for key in list(self._data)])

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"OsEnviron(<{len(self._data)} variables>)"


def system_random() -> float:
    """``random.random()``, importing :mod:`random` on the first draw (it costs ~2 ms)."""
    from random import random

    return random()  # noqa: S311 - retry jitter, not cryptography


_FIELDS = ("env", "fs", "clock", "random")


class Environment:
    """Everything from the outside world that pure code may consult (immutable).

    ``replace(**changes)`` gives a changed copy; ``dataclasses.replace`` works too.
    """

    __slots__ = _FIELDS
    __dataclass_fields__ = LazyDataclassFields(_FIELDS)

    env: Mapping[str, str]
    fs: FileSystem
    clock: Clock
    random: Callable[[], float]

    def __init__(self, env: Mapping[str, str], fs: FileSystem, clock: Clock,
                 random: Callable[[], float]) -> None:
        setter = object.__setattr__
        setter(self, "env", env)
        setter(self, "fs", fs)
        setter(self, "clock", clock)
        setter(self, "random", random)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: Environment is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: Environment is immutable")

    def _values(self) -> tuple[Any, ...]:
        return (self.env, self.fs, self.clock, self.random)

    def __eq__(self, other: object) -> bool:
        if type(other) is not Environment:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        return (f"Environment(env={self.env!r}, fs={self.fs!r}, clock={self.clock!r}, "
                f"random={self.random!r})")

    def __reduce__(self) -> tuple[Any, ...]:
        return (Environment, self._values())

    def replace(self, **changes: Any) -> Environment:
        """A copy with the given fields changed."""
        values = dict(zip(_FIELDS, self._values(), strict=True))
        for name in changes:
            if name not in values:
                raise TypeError(f"Environment has no field {name!r}")
        values.update(changes)
        return Environment(**values)

    __replace__ = replace  # copy.replace() on Python 3.13+

    @classmethod
    def from_os(cls) -> Environment:
        """The process environment, read live (``os.environ`` is consulted at each lookup)."""
        return cls(env=OsEnviron.of_process(), fs=OsFileSystem(), clock=SystemClock(),
                   random=system_random)

    @classmethod
    def empty(cls, env: Mapping[str, str] | None = None,
              files: Mapping[str, bytes | str] | None = None) -> Environment:
        """An isolated environment for tests: given variables and files only, fixed clock."""
        data = {k: (v.encode() if isinstance(v, str) else v) for k, v in (files or {}).items()}
        return cls(env=dict(env or {}), fs=MemoryFileSystem(files=data), clock=FixedClock(),
                   random=lambda: 0.5)
