"""Effects: what a pure flow asks the outside world to do.

A *flow* is a generator that makes every decision itself and ``yield``s an effect whenever it needs
I/O. The driver performs the effect and ``send``s the result back in:

=========================  ==========================================================
effect                     the driver answers with
=========================  ==========================================================
``Send(request)``          an :class:`~awsession._core.http.HttpResponse`, or throws a
                           transport error (``awsession.exceptions.HTTPClientError``
                           subclasses) into the flow
``Sleep(seconds)``         ``None`` after sleeping
``Invoke(...)``            the parsed response dict of a nested AWS call
``Spawn(argv)``            a :class:`SpawnResult`
=========================  ==========================================================

The flow's return value (``StopIteration.value``) is the result of the whole call.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any, TypeVar, Union

from .frozen import FrozenValue
from .http import HttpRequest

__all__ = ["Effect", "Flow", "Invoke", "Send", "Sleep", "Spawn", "SpawnResult"]

_set = object.__setattr__


class Send(FrozenValue):
    __slots__ = ("request",)
    _fields = ("request",)
    request: HttpRequest

    def __init__(self, request: HttpRequest) -> None:
        _set(self, "request", request)


class Sleep(FrozenValue):
    __slots__ = ("seconds",)
    _fields = ("seconds",)
    seconds: float

    def __init__(self, seconds: float) -> None:
        _set(self, "seconds", seconds)


class Invoke(FrozenValue):
    """Run a nested AWS operation (e.g. STS AssumeRole for a credential provider)."""

    __slots__ = ("credentials", "operation", "params", "region", "service", "signed")
    _fields = ("service", "operation", "params", "region", "signed", "credentials")
    service: str
    operation: str
    params: dict[str, Any]
    region: str | None
    signed: bool
    credentials: Any

    def __init__(self, service: str, operation: str, params: dict[str, Any] | None = None,
                 region: str | None = None, signed: bool = True, credentials: Any = None) -> None:
        _set(self, "service", service)
        _set(self, "operation", operation)
        _set(self, "params", {} if params is None else params)
        _set(self, "region", region)
        _set(self, "signed", signed)
        _set(self, "credentials", credentials)


class Spawn(FrozenValue):
    """Run a program without a shell (``credential_process``)."""

    __slots__ = ("argv",)
    _fields = ("argv",)
    argv: tuple[str, ...]

    def __init__(self, argv: tuple[str, ...]) -> None:
        _set(self, "argv", argv)


class SpawnResult(FrozenValue):
    __slots__ = ("returncode", "stderr", "stdout")
    _fields = ("returncode", "stdout", "stderr")
    returncode: int
    stdout: bytes
    stderr: bytes

    def __init__(self, returncode: int, stdout: bytes, stderr: bytes) -> None:
        _set(self, "returncode", returncode)
        _set(self, "stdout", stdout)
        _set(self, "stderr", stderr)


Effect = Union[Send, Sleep, Invoke, Spawn]  # noqa: UP007 - a runtime alias on Python 3.10
T = TypeVar("T")
Flow = Generator[Effect, Any, T]
