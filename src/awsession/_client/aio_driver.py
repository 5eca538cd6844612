"""The async driver: the sync driver's loop with ``await`` -- the same flows, the same answers.

``await run_async(flow, transport)`` advances the generator, performs each effect it yields and
sends the result back in: ``Send`` through the async transport, ``Sleep`` with ``asyncio.sleep``,
``Spawn`` with ``asyncio.create_subprocess_exec``, ``Invoke`` through an async callback. Transport
errors are thrown *into* the flow, which decides whether to retry. All decisions stay in the flow;
this loop only does I/O.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from .._core.effects import Flow, Invoke, Send, Sleep, Spawn, SpawnResult
from ..transport.base import AsyncTransport
from .driver import TRANSPORT_ERRORS

__all__ = ["run_async"]

T = TypeVar("T")



async def _spawn(argv: tuple[str, ...]) -> SpawnResult:
    process = await asyncio.create_subprocess_exec(
        *argv, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    stdout, stderr = await process.communicate()
    return SpawnResult(process.returncode if process.returncode is not None else -1, stdout, stderr)


async def run_async(flow: Flow[T], transport: AsyncTransport,
                    sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
                    invoke: Callable[[Invoke], Awaitable[Any]] | None = None) -> T:
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
                value = await transport.send(effect.request)  # type: ignore[union-attr]
            except TRANSPORT_ERRORS as e:
                error = e
        elif kind is Sleep:
            if effect.seconds > 0:  # type: ignore[union-attr]
                await sleep(effect.seconds)  # type: ignore[union-attr]
        elif kind is Spawn:
            value = await _spawn(effect.argv)  # type: ignore[union-attr]
        elif kind is Invoke:
            if invoke is None:
                error = RuntimeError(f"no handler for nested call {effect!r}")
            else:
                try:
                    value = await invoke(effect)  # type: ignore[arg-type]
                except Exception as e:
                    error = e
        else:
            error = TypeError(f"unknown effect {effect!r}")
