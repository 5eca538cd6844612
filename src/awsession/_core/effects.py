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
from dataclasses import dataclass, field
from typing import Any, TypeVar, Union

from .http import HttpRequest

__all__ = ["Effect", "Flow", "Invoke", "Send", "Sleep", "Spawn", "SpawnResult"]


@dataclass(frozen=True, slots=True)
class Send:
    request: HttpRequest


@dataclass(frozen=True, slots=True)
class Sleep:
    seconds: float


@dataclass(frozen=True, slots=True)
class Invoke:
    """Run a nested AWS operation (e.g. STS AssumeRole for a credential provider)."""

    service: str
    operation: str
    params: dict[str, Any] = field(default_factory=dict)
    region: str | None = None
    signed: bool = True
    credentials: Any = None


@dataclass(frozen=True, slots=True)
class Spawn:
    """Run a program without a shell (``credential_process``)."""

    argv: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SpawnResult:
    returncode: int
    stdout: bytes
    stderr: bytes


Effect = Union[Send, Sleep, Invoke, Spawn]  # noqa: UP007 - a runtime alias on Python 3.10
T = TypeVar("T")
Flow = Generator[Effect, Any, T]
