"""The native async transport's connection pool: keep-alive connections, at most ``limit`` open.

Rules:

1. ``limit`` bounds every open connection of the pool, idle or busy, whatever the host (as
   aiohttp's ``TCPConnector(limit=...)`` and the async client always did): a caller that finds
   no idle connection for its host and no room waits, first come first served, for a release.
2. When the pool is full but some idle connection (another host's, or one the server closed)
   exists, that one is closed to make room instead of waiting.
3. Idle connections are reused last-in first-out (the warmest first); one the server closed while
   idle is dropped when met. A connection that is not cleanly at the end of a message is closed
   on release, never reused.
4. ``close()`` closes every connection, busy ones included; the pool stays usable afterwards.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from .aio_http11 import Http11Connection

__all__ = ["ConnectionPool"]


class ConnectionPool:
    def __init__(self, limit: int,
                 connect: Callable[[Any], Awaitable[Http11Connection]]) -> None:
        self._limit = max(1, limit)
        self._connect = connect
        self._idle: dict[Any, list[Http11Connection]] = {}
        self._all: set[Http11Connection] = set()
        self._opening = 0
        self._waiters: deque[asyncio.Future[None]] = deque()

    @property
    def open_count(self) -> int:
        return len(self._all) + self._opening

    async def acquire(self, key: Any) -> Http11Connection:
        while True:
            idle = self._idle.get(key)
            while idle:
                conn = idle.pop()
                if conn.reusable:
                    return conn
                conn.close()  # closed by the server, or sent bytes nobody asked for, while idle
                self._all.discard(conn)
            if self.open_count < self._limit or self._evict_one():
                return await self._open(key)
            waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            self._waiters.append(waiter)
            try:
                await waiter
            except asyncio.CancelledError:
                if waiter.done() and not waiter.cancelled():
                    self._wake()  # it was our turn: pass it on
                else:
                    try:
                        self._waiters.remove(waiter)
                    except ValueError:
                        pass
                raise

    async def _open(self, key: Any) -> Http11Connection:
        self._opening += 1
        try:
            conn = await self._connect(key)
        except BaseException:
            self._opening -= 1
            self._wake()
            raise
        self._opening -= 1
        self._all.add(conn)
        return conn

    def _evict_one(self) -> bool:
        for key, idle in self._idle.items():
            if idle:
                conn = idle.pop(0)  # the coldest
                if not idle:
                    del self._idle[key]
                conn.close()
                self._all.discard(conn)
                return True
        return False

    def release(self, conn: Http11Connection, reuse: bool) -> None:
        if reuse and conn.reusable and conn in self._all:
            idle = self._idle.get(conn.key)
            if idle is None:
                idle = self._idle[conn.key] = []
            idle.append(conn)
        else:
            conn.close()
            self._all.discard(conn)
        self._wake()

    def _wake(self) -> None:
        waiters = self._waiters
        while waiters:
            waiter = waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)
                return

    def close(self) -> None:
        conns, self._all = self._all, set()
        self._idle.clear()
        for conn in conns:
            conn.close()
        while self._waiters:
            self._wake()
