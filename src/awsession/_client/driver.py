"""The sync driver: the only loop that turns a flow's effects into real I/O.

``run_sync(flow, transport)`` advances the generator, performs each effect it yields and sends the
result back in. Transport errors are thrown *into* the flow, which decides whether to retry. The
async driver (``client/aio_driver.py``) is the same loop with ``await``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

from .._core.effects import Flow, Invoke, Send, Sleep, Spawn, SpawnResult
from ..exceptions import ConnectionError as AwsConnectionError
from ..exceptions import HTTPClientError
from ..transport.base import SyncTransport

__all__ = ["TRANSPORT_ERRORS", "run_sync"]

T = TypeVar("T")

# The errors a transport raises for the flow to judge (retry or re-raise); both drivers use it.
TRANSPORT_ERRORS = (HTTPClientError, AwsConnectionError)


def run_sync(flow: Flow[T], transport: SyncTransport,
             sleep: Callable[[float], None] = time.sleep,
             invoke: Callable[[Invoke], Any] | None = None) -> T:
    send = flow.send
    value: Any = None
    error: BaseException | None = None
    while True:
        try:
            effect = send(value) if error is None else flow.throw(error)
        except StopIteration as stop:
            return stop.value  # type: ignore[no-any-return]
        value = None
        error = None
        kind = type(effect)
        if kind is Send:
            try:
                value = transport.send(effect.request)  # type: ignore[union-attr]
            except TRANSPORT_ERRORS as e:
                error = e
        elif kind is Sleep:
            if effect.seconds > 0:  # type: ignore[union-attr]
                sleep(effect.seconds)  # type: ignore[union-attr]
        elif kind is Spawn:
            import subprocess  # credential processes only: not on every client's first call

            done = subprocess.run(list(effect.argv), capture_output=True, check=False)  # type: ignore[union-attr]  # noqa: S603
            value = SpawnResult(done.returncode, done.stdout, done.stderr)
        elif kind is Invoke:
            if invoke is None:
                error = RuntimeError(f"no handler for nested call {effect!r}")
            else:
                try:
                    value = invoke(effect)  # type: ignore[arg-type]
                except Exception as e:
                    error = e
        else:
            error = TypeError(f"unknown effect {effect!r}")
