"""Async waiters: poll until :class:`awsession.waiters.WaiterSpec` says stop, sleeping with
``asyncio.sleep`` (``self.sleep`` is injectable so tests never wait). Same verdicts, same
``WaiterError`` texts as the sync waiter.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from ..exceptions import ClientError, WaiterError
from ..waiters import Acceptor, WaiterSpec

__all__ = ["AioWaiter"]


class AioWaiter:
    def __init__(self, client: Any, spec: WaiterSpec,
                 sleep: Callable[[float], Awaitable[Any]] | None = None) -> None:
        self._client = client
        self._spec = spec
        self.name = spec.name
        self.config = spec
        self.sleep: Callable[[float], Awaitable[Any]] = sleep if sleep is not None else asyncio.sleep

    async def wait(self, **kwargs: Any) -> None:
        config = kwargs.pop("WaiterConfig", None) or {}
        delay = config.get("Delay", self._spec.delay)
        max_attempts = config.get("MaxAttempts", self._spec.max_attempts)
        last: Acceptor | None = None
        attempt = 0
        while True:
            try:
                response = await self._client._make_api_call(self._spec.operation, dict(kwargs))
            except ClientError as e:
                response = e.response
            attempt += 1
            verdict, last = self._spec.judge(response, attempt, max_attempts, last)
            if verdict.state == "success":
                return
            if verdict.state == "failure":
                raise WaiterError(name=self.name, reason=verdict.reason, last_response=response)
            await self.sleep(delay)
