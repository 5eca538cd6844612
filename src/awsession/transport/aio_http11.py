"""One HTTP/1.1 client connection on ``asyncio.Protocol``: the native async transport's wire.

:class:`Http11Connection` sends one request at a time and parses the answer as bytes arrive, with
no stream or task in between (the cost of a keep-alive ``HEAD`` is one ``write`` and one
``data_received``). Rules:

1. Framing: no body for ``HEAD`` requests and 1xx/204/304 answers; else ``Transfer-Encoding:
   chunked``, else ``Content-Length``, else the body runs to the end of the connection (which then
   is not reused). Interim ``1xx`` answers (``100 Continue``) are skipped.
2. ``exchange(..., stream=False)`` returns when the whole message is in; with ``stream=True`` it
   returns at the end of the head *if the status is below 300* (otherwise the body is buffered
   too), and :meth:`read` hands out the body. Reading pauses the socket when more than
   ``_HIGH_WATER`` bytes wait unread and nobody is waiting, and resumes it when a read wants more.
3. The read timeout is the longest silence allowed while someone waits for bytes: one timer per
   connection, re-armed lazily from the time of the last data (never one per request).
4. Failures are raised as stdlib errors for the transport to map: ``TimeoutError`` (silence),
   :class:`RemoteClosed` (the server closed or reset mid-message), :class:`BadResponse`
   (unparseable). After any failure the connection is closed and never reused.
"""

from __future__ import annotations

import asyncio
from typing import Any

__all__ = ["BadResponse", "Http11Connection", "RemoteClosed", "ResponseHead"]

_MAX_HEAD = 64 * 1024
_HIGH_WATER = 256 * 1024
_HEAD, _LENGTH, _CHUNKED, _EOF, _DONE, _IDLE = range(6)
# chunked sub-states
_SIZE, _DATA, _DATA_END, _TRAILER = range(4)

ResponseHead = tuple[int, dict[str, str]]


class RemoteClosed(ConnectionError):
    """The server closed (or reset) the connection before the message was complete."""


class BadResponse(ValueError):
    """The bytes received are not an HTTP/1.1 response this client understands."""


class Http11Connection(asyncio.Protocol):
    """A keep-alive connection; ``key`` is the pool's ``(scheme, host, port)``."""

    def __init__(self, loop: asyncio.AbstractEventLoop, key: Any,
                 read_timeout: float | None) -> None:
        self.key = key
        self._loop = loop
        self._read_timeout = read_timeout
        self._transport: asyncio.Transport | None = None
        self.closed = False
        self._state = _IDLE
        self._buf = bytearray()
        self._parts: list[bytes] = []
        self._parts_size = 0
        self._remaining = 0
        self._chunk_state = _SIZE
        self._no_body = False
        self._stream = False
        self._streaming = False
        self._keep_alive = True
        self._head: ResponseHead | None = None
        self._error: BaseException | None = None
        self._waiter: asyncio.Future[Any] | None = None
        self._paused = False
        self._last_data = 0.0
        self._timer: asyncio.TimerHandle | None = None
        self._drain: asyncio.Future[None] | None = None
        self._writing_paused = False

    # -- asyncio.Protocol ------------------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._transport = transport  # type: ignore[assignment]

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._state == _EOF:
            self._finish()
        elif self._state not in (_DONE, _IDLE):
            self._fail(RemoteClosed("Connection was closed by the server before the response "
                                    "was complete" + (f": {exc}" if exc else "")))
        drain, self._drain = self._drain, None
        if drain is not None and not drain.done():
            drain.set_exception(RemoteClosed("Connection closed while sending"))

    def eof_received(self) -> bool | None:
        return False  # close our side too

    def pause_writing(self) -> None:
        self._writing_paused = True

    def resume_writing(self) -> None:
        self._writing_paused = False
        drain, self._drain = self._drain, None
        if drain is not None and not drain.done():
            drain.set_result(None)

    def data_received(self, data: bytes) -> None:
        if self._read_timeout is not None:
            self._last_data = self._loop.time()
        state = self._state
        if state == _HEAD:
            buf = self._buf
            buf += data
            while True:
                end = buf.find(b"\r\n\r\n")
                if end < 0:
                    if len(buf) > _MAX_HEAD:
                        self._fail(BadResponse("response head too long"))
                    return
                head = bytes(buf[:end])
                del buf[:end + 4]
                try:
                    status = self._parse_head(head)
                except (ValueError, IndexError) as e:
                    self._fail(BadResponse(f"malformed response head: {e}"))
                    return
                if 100 <= status < 200 and status != 101:
                    self._head = None
                    continue  # interim answer (100 Continue): the real one follows
                break
            data = bytes(buf)
            buf.clear()
            if self._streaming and self._state != _DONE:
                self._wake(self._head)
            if not data or self._state == _DONE:
                if data:
                    self._keep_alive = False  # bytes after a complete message: do not reuse
                return
            state = self._state
        if state == _LENGTH:
            remaining = self._remaining
            if len(data) >= remaining:
                if len(data) > remaining:
                    self._keep_alive = False
                    data = data[:remaining]
                self._remaining = 0
                self._add(data)
                self._finish()
            else:
                self._remaining = remaining - len(data)
                self._add(data)
        elif state == _CHUNKED:
            self._buf += data
            self._feed_chunked()
        elif state == _EOF:
            self._add(data)
        elif state == _DONE or state == _IDLE:
            self._keep_alive = False  # unexpected bytes: never reuse this connection

    # -- parsing -----------------------------------------------------------------------------

    def _parse_head(self, head: bytes) -> int:
        lines = head.decode("utf-8", "surrogateescape").split("\r\n")
        version, status_text = lines[0].split(" ", 2)[:2]
        if not version.startswith("HTTP/1."):
            raise ValueError(f"not HTTP/1.x: {lines[0][:40]!r}")
        status = int(status_text)
        headers: dict[str, str] = {}
        last = ""
        for line in lines[1:]:
            if line[:1] in (" ", "\t") and last:  # obsolete line folding
                headers[last] = f"{headers[last]} {line.strip()}"
                continue
            name, colon, value = line.partition(":")
            if not colon:
                raise ValueError(f"bad header line {line[:40]!r}")
            key = last = name.strip().lower()
            value = value.strip()
            if key in headers:
                headers[key] = f"{headers[key]}, {value}"
            else:
                headers[key] = value
        self._head = (status, headers)
        if 100 <= status < 200 and status != 101:
            return status
        connection = headers.get("connection", "").lower()
        if version == "HTTP/1.0":
            self._keep_alive = "keep-alive" in connection
        elif "close" in connection:
            self._keep_alive = False
        self._streaming = self._stream and status < 300
        if self._no_body or status in (204, 304) or 100 <= status < 200:
            self._finish()
        elif "chunked" in headers.get("transfer-encoding", "").lower():
            self._state = _CHUNKED
            self._chunk_state = _SIZE
        elif "content-length" in headers:
            length = int(headers["content-length"].split(",")[0])
            if length < 0:
                raise ValueError("negative Content-Length")
            if length == 0:
                self._finish()
            else:
                self._state = _LENGTH
                self._remaining = length
        else:
            self._state = _EOF
            self._keep_alive = False
        return status

    def _feed_chunked(self) -> None:
        buf = self._buf
        while buf:
            state = self._chunk_state
            if state == _DATA:
                take = min(self._remaining, len(buf))
                self._add(bytes(buf[:take]))
                del buf[:take]
                self._remaining -= take
                if self._remaining == 0:
                    self._chunk_state = _DATA_END
                continue
            end = buf.find(b"\r\n")
            if end < 0:
                if len(buf) > _MAX_HEAD:
                    self._fail(BadResponse("chunk header too long"))
                return
            line = bytes(buf[:end])
            del buf[:end + 2]
            if state == _DATA_END:
                if line:
                    self._fail(BadResponse("chunk data longer than its size"))
                    return
                self._chunk_state = _SIZE
            elif state == _SIZE:
                try:
                    size = int(line.split(b";", 1)[0].strip(), 16)
                except ValueError:
                    self._fail(BadResponse(f"bad chunk size {line[:20]!r}"))
                    return
                if size < 0:
                    self._fail(BadResponse("negative chunk size"))
                    return
                if size == 0:
                    self._chunk_state = _TRAILER
                else:
                    self._remaining = size
                    self._chunk_state = _DATA
            elif not line:  # _TRAILER: an empty line ends the message
                if buf:
                    self._keep_alive = False
                buf.clear()
                self._finish()
                return

    # -- state changes -----------------------------------------------------------------------

    def _add(self, data: bytes) -> None:
        if not data:
            return
        self._parts.append(data)
        self._parts_size += len(data)
        if self._streaming:
            if (self._parts_size > _HIGH_WATER and self._waiter is None and not self._paused
                    and self._transport):
                self._paused = True
                self._transport.pause_reading()
            self._wake(None)

    def _finish(self) -> None:
        self._state = _DONE
        if self._streaming:
            self._wake(None)
        else:
            self._wake(self._head)

    def _fail(self, error: BaseException) -> None:
        self._error = error
        self._state = _DONE
        self._keep_alive = False
        self.close()
        waiter, self._waiter = self._waiter, None
        if waiter is not None and not waiter.done():
            waiter.set_exception(error)

    def _wake(self, value: Any) -> None:
        waiter, self._waiter = self._waiter, None
        if waiter is not None and not waiter.done():
            waiter.set_result(value)

    # -- timeouts ----------------------------------------------------------------------------

    def _arm(self) -> None:
        if self._read_timeout is not None and self._timer is None:
            self._timer = self._loop.call_at(self._last_data + self._read_timeout, self._on_timer)

    def _on_timer(self) -> None:
        self._timer = None
        if self._waiter is None or self.closed or self._read_timeout is None:
            return
        due = self._last_data + self._read_timeout
        if self._loop.time() >= due:
            self._fail(TimeoutError(f"no data for {self._read_timeout} seconds"))
        else:
            self._timer = self._loop.call_at(due, self._on_timer)

    async def _wait(self) -> Any:
        waiter = self._waiter = self._loop.create_future()
        if self._read_timeout is not None:
            self._last_data = self._loop.time()  # the silence counts from now
            self._arm()
        try:
            return await waiter
        except asyncio.CancelledError:
            self._fail(asyncio.CancelledError())
            raise

    # -- the caller's side -------------------------------------------------------------------

    @property
    def reusable(self) -> bool:
        return self._keep_alive and self._state == _DONE and not self.closed

    def write(self, data: bytes) -> None:
        assert self._transport is not None
        self._transport.write(data)

    async def drain(self) -> None:
        if self._writing_paused and not self.closed:
            self._drain = self._loop.create_future()
            await self._drain
        if self.closed and self._state not in (_DONE, _EOF):
            raise RemoteClosed("Connection closed while sending")

    def start(self, is_head: bool, stream: bool) -> None:
        """Expect a response to a request about to be written."""
        if self.closed:
            raise RemoteClosed("Connection closed before the request was sent")
        self._state = _HEAD
        self._no_body = is_head
        self._stream = stream
        self._streaming = False
        self._parts = []
        self._parts_size = 0
        self._head = None
        self._error = None
        if self._read_timeout is not None:
            self._last_data = self._loop.time()

    async def response(self) -> tuple[int, dict[str, str], bytes | None]:
        """The answer's status, headers and (unless streaming) body."""
        if self._state != _DONE and not (self._streaming and self._head is not None):
            if self._error is None:
                await self._wait()
        if self._error is not None:
            raise self._error
        assert self._head is not None
        status, headers = self._head
        if self._streaming:
            return status, headers, None
        parts, self._parts = self._parts, []
        self._parts_size = 0
        return status, headers, parts[0] if len(parts) == 1 else b"".join(parts)

    async def read(self, amount: int = -1) -> bytes:
        """Up to ``amount`` bytes of a streaming body (all that is left for ``-1``); ``b""`` at
        the end."""
        if amount == 0:
            return b""
        while self._state != _DONE and not (amount > 0 and self._parts):
            if self._paused and self._transport is not None:  # we want more: let it flow
                self._paused = False
                self._transport.resume_reading()
            await self._wait()  # raises the connection's failure
        if self._error is not None and (amount < 0 or not self._parts):
            raise self._error
        parts = self._parts
        if amount < 0 or amount >= self._parts_size:
            data = b"".join(parts)
            parts.clear()
        else:
            joined = b"".join(parts)
            data = joined[:amount]
            parts[:] = [joined[amount:]]
        self._parts_size -= len(data)
        if self._paused and self._parts_size < _HIGH_WATER // 2 and self._transport:
            self._paused = False
            self._transport.resume_reading()
        return data

    def close(self) -> None:
        self.closed = True
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._transport is not None:
            self._transport.close()
