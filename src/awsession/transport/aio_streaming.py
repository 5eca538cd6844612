"""The async twin of boto3's ``StreamingBody``, for every async transport.

:class:`AsyncStreamingBody`: ``await body.read()``, ``await body.read(n)``, ``async for chunk in
body.iter_chunks()``, ``async for line in body.iter_lines()``, ``async for chunk in body``. It
checks that exactly ``Content-Length`` bytes arrived (``IncompleteReadError``) and maps errors met
while reading (``ReadTimeoutError``, ``ResponseStreamingError``). It owns its connection until read
to the end or ``close()``d.

The transport hands it a *raw* object with three methods: ``await raw.read(n)`` (``-1``: all that
is left; ``b""`` at the end), ``raw.release()`` (the body was read to the end: the connection may
be reused) and ``raw.close()`` (drop the connection).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import Any

from ..exceptions import IncompleteReadError, ReadTimeoutError, ResponseStreamingError

__all__ = ["AsyncStreamingBody"]

_DEFAULT_CHUNK_SIZE = 1024


class AsyncStreamingBody:
    """A readable response body over a transport's ``raw`` reader (see the module's notes)."""

    def __init__(self, raw: Any, content_length: int | str | None, endpoint_url: str = "") -> None:
        self._raw = raw
        self._content_length = None if content_length is None else int(content_length)
        self._amount_read = 0
        self._endpoint_url = endpoint_url
        self._hasher: Any = None
        self._check: Callable[[Any], None] | None = None

    def add_checksum(self, hasher: Any, check: Callable[[Any], None]) -> None:
        """Hash every byte read and call ``check(hasher)`` at the end (response checksums)."""
        self._hasher = hasher
        self._check = check

    async def read(self, amt: int | None = None) -> bytes:
        """Read ``amt`` bytes at most, or everything left when ``amt`` is ``None``."""
        try:
            chunk = bytes(await self._raw.read(-1 if amt is None else amt))
        except asyncio.CancelledError:
            self._raw.close()
            raise
        except (asyncio.TimeoutError, TimeoutError) as e:
            self._raw.close()
            raise ReadTimeoutError(endpoint_url=self._endpoint_url, error=e) from e
        except Exception as e:
            self._raw.close()
            raise ResponseStreamingError(error=e) from e
        self._amount_read += len(chunk)
        if self._hasher is not None:
            self._hasher.update(chunk)
        if amt is None or (not chunk and amt > 0):
            if self._content_length is not None and self._amount_read != self._content_length:
                self._raw.close()
                raise IncompleteReadError(actual_bytes=self._amount_read,
                                          expected_bytes=self._content_length)
            self._raw.release()
            if self._check is not None:
                self._check(self._hasher)
        return chunk

    async def iter_chunks(self, chunk_size: int = _DEFAULT_CHUNK_SIZE) -> AsyncIterator[bytes]:
        while True:
            chunk = await self.read(chunk_size)
            if not chunk:
                return
            yield chunk

    async def iter_lines(self, chunk_size: int = _DEFAULT_CHUNK_SIZE,
                         keepends: bool = False) -> AsyncIterator[bytes]:
        pending = b""
        async for chunk in self.iter_chunks(chunk_size):
            lines = (pending + chunk).splitlines(True)
            for line in lines[:-1]:
                yield line.splitlines(keepends)[0]
            pending = lines[-1]
        if pending:
            yield pending.splitlines(keepends)[0]

    def __aiter__(self) -> AsyncIterator[bytes]:
        return self.iter_chunks(_DEFAULT_CHUNK_SIZE)

    async def __aenter__(self) -> AsyncStreamingBody:
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.close()

    def tell(self) -> int:
        return self._amount_read

    def close(self) -> None:
        """Drop the rest of the body and its connection."""
        self._raw.close()

    def __repr__(self) -> str:
        return f"<AsyncStreamingBody content_length={self._content_length}>"
