"""The async transport: HTTP/1.1 on asyncio itself, aiohttp only behind a proxy.

One :class:`AsyncHttpTransport` per async client, made inside the running loop on the first call.
It keeps what the aiohttp transport promised (``transport/aio.py``, still used whenever a proxy
applies) at a fraction of the cost per request (docs/design/async-backend.md has the numbers):

1. A pool of keep-alive connections (``aio_pool.py``) holds at most ``max_pool_connections``
   connections in all; callers beyond that wait. Connect timeout per connection, read timeout as
   the longest silence while waiting for bytes (``aio_http11.py``).
2. TLS: ``verify`` ``True`` (the system's trust store, as aiohttp's default context), ``False``, or
   a CA bundle path; a client certificate (``client_cert``) is loaded into the same context. The
   host name is checked when verifying. ``tcp_keepalive`` sets ``SO_KEEPALIVE``.
3. The request goes out as signed: the URL's path and query as they are (already encoded), the
   flow's headers plus ``Host`` and ``Content-Length`` when missing, nothing else (no ``Accept``,
   no ``User-Agent`` of our own, no cookies). The unsigned ``Expect: 100-continue`` is dropped and
   the body sent at once; ``Transfer-Encoding: chunked`` in the flow's headers chunks the body.
   Header values with line breaks are refused (``HTTPClientError``).
4. Bodies: ``bytes``/``str``; sync file objects are read in a worker thread; iterables joined;
   async iterables streamed (chunked unless the flow gave a ``Content-Length``). Error responses
   and non-streaming ones are read completely; a streaming 2xx body becomes an
   :class:`~.aio_streaming.AsyncStreamingBody` owning its connection until read or closed.
5. Failures leave as the sync transport's exceptions: ``EndpointConnectionError`` (refused, DNS),
   ``ConnectTimeoutError``, ``SSLError``, ``ReadTimeoutError``, ``ConnectionClosedError`` (closed,
   reset, unparseable answer), ``HTTPClientError`` for anything else; ``ProxyConnectionError``
   comes from the aiohttp transport. A connection that failed is closed, never reused.
6. Proxies (``Config(proxies=...)`` or ``HTTP(S)_PROXY``/``NO_PROXY``; loopback never proxied)
   are decided once per scheme and host; proxied requests go through ``AiohttpTransport``.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import ssl
import urllib.request
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from .._core.http import HttpRequest, HttpResponse
from ..exceptions import (
    ConnectionClosedError,
    ConnectTimeoutError,
    EndpointConnectionError,
    HTTPClientError,
    ReadTimeoutError,
    SSLError,
)
from .aio_http11 import BadResponse, Http11Connection
from .aio_pool import ConnectionPool
from .aio_streaming import AsyncStreamingBody

__all__ = ["AsyncHttpTransport", "decide_proxy"]

_LOOPBACK = ("127.0.0.1", "localhost", "::1")
_DEFAULT_PORTS = {"http": 80, "https": 443}
_DROPPED = frozenset({"expect", "transfer-encoding", "host", "content-length"})
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
_MAX_CACHED_ORIGINS = 1024
_CHUNK = 64 * 1024


def decide_proxy(url: str, proxies: Mapping[str, str] | None) -> str | None:
    """The proxy for ``url``: ``proxies`` by scheme (or ``scheme://host``), else the environment
    unless ``NO_PROXY`` or loopback exempts the host."""
    parts = urlsplit(url)
    if proxies is not None:
        return proxies.get(parts.scheme) or proxies.get(f"{parts.scheme}://{parts.hostname}")
    if parts.hostname in _LOOPBACK or urllib.request.proxy_bypass(parts.hostname or ""):
        return None
    return urllib.request.getproxies().get(parts.scheme) or None


class _Origin:
    __slots__ = ("host_header", "key", "proxied")

    def __init__(self, key: tuple[str, str, int], host_header: str, proxied: bool) -> None:
        self.key = key
        self.host_header = host_header
        self.proxied = proxied


class AsyncHttpTransport:
    def __init__(
        self,
        *,
        max_pool_connections: int = 10,
        connect_timeout: float | None = 60,
        read_timeout: float | None = 60,
        verify: bool | str = True,
        proxies: Mapping[str, str] | None = None,
        proxies_config: Mapping[str, Any] | None = None,
        client_cert: str | tuple[str, str] | None = None,
        tcp_keepalive: bool = False,
    ) -> None:
        self._kwargs: dict[str, Any] = {
            "max_pool_connections": max_pool_connections, "connect_timeout": connect_timeout,
            "read_timeout": read_timeout, "verify": verify, "proxies": proxies,
            "proxies_config": proxies_config, "client_cert": client_cert,
            "tcp_keepalive": tcp_keepalive}
        self._max_pool_connections = max_pool_connections
        self._connect_timeout = connect_timeout
        self._read_timeout = read_timeout
        self._verify = verify
        self._client_cert = client_cert
        self._proxies = dict(proxies) if proxies is not None else None
        self._tcp_keepalive = tcp_keepalive
        self._pool: ConnectionPool | None = None
        self._origins: dict[str, _Origin] = {}
        self._ssl_context: ssl.SSLContext | None = None
        self._proxy_transport: Any = None

    # -- set-up ----------------------------------------------------------------------------

    def _tls(self) -> ssl.SSLContext:
        context = self._ssl_context
        if context is None:
            if self._verify is False:
                context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
                context.check_hostname = False
                context.verify_mode = ssl.CERT_NONE
            else:
                cafile = self._verify if isinstance(self._verify, str) else None
                context = ssl.create_default_context(cafile=cafile)
            if isinstance(self._client_cert, str):
                context.load_cert_chain(self._client_cert)
            elif self._client_cert is not None:
                context.load_cert_chain(*self._client_cert)
            self._ssl_context = context
        return context

    def _origin(self, origin: str, url: str) -> _Origin:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in _DEFAULT_PORTS or not parts.hostname:
            raise ValueError(f"unsupported URL for HTTP: {origin!r}")
        port = parts.port or _DEFAULT_PORTS[scheme]
        host = parts.hostname
        shown = f"[{host}]" if ":" in host else host
        host_header = shown if port == _DEFAULT_PORTS[scheme] else f"{shown}:{port}"
        proxied = decide_proxy(url, self._proxies) is not None
        if len(self._origins) >= _MAX_CACHED_ORIGINS:
            self._origins.clear()
        found = self._origins[origin] = _Origin((scheme, host, port), host_header, proxied)
        return found

    async def _connect(self, key: tuple[str, str, int]) -> Http11Connection:
        scheme, host, port = key
        loop = asyncio.get_running_loop()
        conn = Http11Connection(loop, key, self._read_timeout)
        try:
            context = self._tls() if scheme == "https" else None
        except (OSError, ValueError) as e:  # a bad CA bundle or client certificate path
            raise _TlsSetupError(e) from e
        opening = loop.create_connection(lambda: conn, host, port, ssl=context,
                                         server_hostname=host if context is not None else None)
        if self._connect_timeout is None:
            transport, _ = await opening
        else:
            transport, _ = await asyncio.wait_for(opening, self._connect_timeout)
        if self._tcp_keepalive:
            sock = transport.get_extra_info("socket")
            if sock is not None:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
        return conn

    # -- sending ---------------------------------------------------------------------------

    async def send(self, request: HttpRequest) -> HttpResponse:
        url = request.url
        start = url.find("//") + 2
        end = len(url)
        for mark in "/?#":
            at = url.find(mark, start)
            if 0 <= at < end:
                end = at
        try:
            origin = self._origins.get(url[:end]) or self._origin(url[:end], url)
        except (ValueError, OSError) as e:
            raise HTTPClientError(error=e) from e
        if origin.proxied:
            return await self._through_proxy(request)
        target = url[end:]
        fragment = target.find("#")
        if fragment >= 0:
            target = target[:fragment]
        if not target or target[0] != "/":
            target = "/" + target
        try:
            body = request.body
            if type(body) is not bytes:
                body = await _payload(body)
            head, body, chunked = _prepare(request, target, origin.host_header, body)
        except HTTPClientError:
            raise
        except Exception as e:
            raise HTTPClientError(error=e) from e
        pool = self._pool
        if pool is None:
            pool = self._pool = ConnectionPool(self._max_pool_connections, self._connect)
        try:
            conn = await pool.acquire(origin.key)
        except Exception as e:
            raise _connect_error(e, url) from e
        try:
            conn.start(request.method == "HEAD", request.stream_response)
            if isinstance(body, bytes):
                conn.write(head + body if len(body) < _CHUNK else head)
                if len(body) >= _CHUNK:
                    conn.write(body)
            else:
                conn.write(head)
                await _stream_body(conn, body, chunked)
            status, headers, data = await conn.response()
        except BaseException as e:
            pool.release(conn, False)
            if isinstance(e, Exception) and not isinstance(e, HTTPClientError):
                raise _exchange_error(e, url) from e
            raise
        if data is None:
            raw = _NativeRaw(conn, pool)
            stream: Any = AsyncStreamingBody(raw, headers.get("content-length"), endpoint_url=url)
            return HttpResponse(status_code=status, headers=headers, body=stream)
        pool.release(conn, True)
        return HttpResponse(status_code=status, headers=headers, body=data)

    async def _through_proxy(self, request: HttpRequest) -> HttpResponse:
        transport = self._proxy_transport
        if transport is None:
            from .aio import AiohttpTransport

            transport = self._proxy_transport = AiohttpTransport(**self._kwargs)
        response: HttpResponse = await transport.send(request)
        return response

    async def close(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.close()
        proxied, self._proxy_transport = self._proxy_transport, None
        if proxied is not None:
            await proxied.close()


class _NativeRaw:
    """A streaming body's reader: the connection until the end of the body, then the pool's."""

    __slots__ = ("_conn", "_pool")

    def __init__(self, conn: Http11Connection, pool: ConnectionPool) -> None:
        self._conn: Http11Connection | None = conn
        self._pool = pool

    async def read(self, amount: int = -1) -> bytes:
        if self._conn is None:
            return b""
        return await self._conn.read(amount)

    def release(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            self._pool.release(conn, True)

    def close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            self._pool.release(conn, False)

    def __del__(self) -> None:  # a body dropped unread must not keep its pool slot
        conn = getattr(self, "_conn", None)
        if conn is not None:
            self._conn = None
            with contextlib.suppress(Exception):  # interpreter shutdown, closed loop
                self._pool.release(conn, False)


def _prepare(request: HttpRequest, target: str, host: str,
             body: Any) -> tuple[bytes, Any, bool]:
    """The request head as bytes, the body to send (``bytes`` or an async iterable from
    :func:`_payload`) and whether to chunk it."""
    method = request.method
    lines = [f"{method} {target} HTTP/1.1\r\n"]
    host_given = length_given = chunked = False
    for name, value in request.headers.items():
        low = name.lower()
        if low in _DROPPED:
            if low == "host":
                host_given = True
            elif low == "content-length":
                length_given = True
            elif low == "transfer-encoding":
                chunked = value.strip().lower() == "chunked"
                continue
            else:  # Expect: the body goes at once (rule 3)
                continue
        lines.append(f"{name}: {value}\r\n")
    if not host_given:
        lines.insert(1, f"Host: {host}\r\n")
    if chunked:
        lines.append("Transfer-Encoding: chunked\r\n")
        if length_given:
            lines = [line for line in lines if not line.lower().startswith("content-length:")]
    elif not length_given:
        if isinstance(body, bytes):
            if body or method in _BODY_METHODS:
                lines.append(f"Content-Length: {len(body)}\r\n")
        else:
            chunked = True
            lines.append("Transfer-Encoding: chunked\r\n")
    lines.append("\r\n")
    text = "".join(lines)
    if text.count("\n") != len(lines) or text.count("\r") != len(lines):
        raise ValueError("a header name or value contains a line break")
    if chunked and isinstance(body, bytes):
        body = (b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)) if body else b"0\r\n\r\n"
    return text.encode("utf-8"), body, chunked


async def _payload(body: Any) -> Any:
    """``bytes``, or an async iterable to stream: a sync file object is read off the loop."""
    if isinstance(body, bytes):
        return body
    if isinstance(body, (bytearray, memoryview)):
        return bytes(body)
    if isinstance(body, str):
        return body.encode("utf-8")
    if body is None:
        return b""
    if hasattr(body, "__aiter__"):
        return body
    read = getattr(body, "read", None)
    if read is not None:
        data = await asyncio.to_thread(read)
        return data.encode("utf-8") if isinstance(data, str) else bytes(data)
    if isinstance(body, (list, tuple)) or hasattr(body, "__iter__"):
        return b"".join(body)
    raise TypeError(f"unsupported request body type {type(body).__name__}")


async def _stream_body(conn: Http11Connection, body: Any, chunked: bool) -> None:
    async for piece in body:
        data = piece.encode("utf-8") if isinstance(piece, str) else bytes(piece)
        if not data:
            continue
        conn.write(b"%x\r\n%s\r\n" % (len(data), data) if chunked else data)
        await conn.drain()
    if chunked:
        conn.write(b"0\r\n\r\n")
    await conn.drain()


class _TlsSetupError(Exception):
    def __init__(self, error: Exception) -> None:
        super().__init__(str(error))
        self.error = error


def _connect_error(error: Exception, url: str) -> Exception:
    if isinstance(error, HTTPClientError):
        return error
    if isinstance(error, _TlsSetupError):
        return SSLError(endpoint_url=url, error=error.error)
    if isinstance(error, (ssl.SSLError, ssl.CertificateError)):
        return SSLError(endpoint_url=url, error=error)
    if isinstance(error, (TimeoutError, asyncio.TimeoutError)):
        return ConnectTimeoutError(endpoint_url=url, error=error)
    if isinstance(error, OSError):
        return EndpointConnectionError(endpoint_url=url, error=error)
    return HTTPClientError(error=error)


def _exchange_error(error: Exception, url: str) -> Exception:
    if isinstance(error, (ssl.SSLError, ssl.CertificateError)):
        return SSLError(endpoint_url=url, error=error)
    if isinstance(error, (TimeoutError, asyncio.TimeoutError)):
        return ReadTimeoutError(endpoint_url=url, error=error)
    if isinstance(error, (OSError, BadResponse)):  # closed, reset, unparseable answer
        return ConnectionClosedError(endpoint_url=url, error=error)
    return HTTPClientError(error=error)
