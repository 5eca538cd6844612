"""The async transport over aiohttp: what ``AsyncHttpTransport`` (``aio_native.py``) sends proxied
requests through, with the same settings (the ``awsession[async]`` extra brings aiohttp).

One :class:`AiohttpTransport`: one ``aiohttp.ClientSession`` whose connector holds at most
``max_pool_connections`` connections in total (callers beyond that wait for a free one), the
client's connect/read timeouts, TLS verification (``verify`` / ``ca_bundle``), client certificates,
proxies (``Config(proxies=...)`` or ``HTTP(S)_PROXY``/``NO_PROXY``) and TCP keep-alive.

Rules:

1. The request goes out as signed: URLs are sent already encoded (no re-quoting), aiohttp adds no
   ``Content-Type``/``Accept``/``Accept-Encoding`` of its own and never decompresses bodies. The
   unsigned ``Expect: 100-continue`` is not sent (aiohttp would wait for a ``100 Continue``), and
   aiohttp's own retry of idempotent requests is off: retrying is the flow's decision.
2. Error responses (and every non-streaming one) are read completely before returning; a streaming
   2xx body becomes an :class:`AsyncStreamingBody` that owns the connection until read or closed.
3. Every failure leaves as the same awsession exception the sync transport raises
   (``EndpointConnectionError``, ``ConnectTimeoutError``, ``ReadTimeoutError``,
   ``ConnectionClosedError``, ``SSLError``, ``ProxyConnectionError`` or ``HTTPClientError``).
4. The aiohttp session is made lazily inside the running event loop, on the first ``send``.

Streaming bodies are :class:`~.aio_streaming.AsyncStreamingBody` (re-exported here), reading
the aiohttp response through a small adapter.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
from collections.abc import Mapping
from typing import Any

import aiohttp
from yarl import URL

from .._core.http import HttpRequest, HttpResponse
from ..exceptions import (
    ConnectionClosedError,
    ConnectTimeoutError,
    EndpointConnectionError,
    HTTPClientError,
    ProxyConnectionError,
    ReadTimeoutError,
    SSLError,
)
from .aio_native import decide_proxy
from .aio_streaming import AsyncStreamingBody
from .proxies import mask_proxy_url

__all__ = ["AiohttpTransport", "AsyncStreamingBody"]

_SKIP_AUTO_HEADERS = ("Content-Type", "Accept", "Accept-Encoding")
_LOOPBACK = ("127.0.0.1", "localhost", "::1")
# Unsigned headers aiohttp acts on itself: it would wait for a ``100 Continue`` that servers may
# never send (urllib3 sends the body at once, so the sync client never waits either), and it
# sets ``Transfer-Encoding`` from ``chunked=``.
_DROPPED_HEADERS = frozenset({"Expect", "Transfer-Encoding"})
_MAX_CACHED_ORIGINS = 1024  # proxy decisions kept (virtual-hosted S3 has one host per bucket)


class AiohttpTransport:
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
        self._max_pool_connections = max_pool_connections
        self._timeout = aiohttp.ClientTimeout(total=None, sock_connect=connect_timeout,
                                              sock_read=read_timeout)
        self._verify = verify
        self._client_cert = client_cert
        self._proxies = dict(proxies) if proxies is not None else None
        self._proxies_config = dict(proxies_config or {})
        self._tcp_keepalive = tcp_keepalive
        self._session: aiohttp.ClientSession | None = None
        self._proxy_by_origin: dict[str, str | None] = {}

    # -- set-up ----------------------------------------------------------------------------

    def _ssl_context(self) -> ssl.SSLContext | bool:
        if self._verify is False:
            return False
        cafile = self._verify if isinstance(self._verify, str) else None
        if cafile is None and self._client_cert is None:
            return True
        context = ssl.create_default_context(cafile=cafile)
        if self._client_cert is not None:
            if isinstance(self._client_cert, str):
                context.load_cert_chain(self._client_cert)
            else:
                context.load_cert_chain(*self._client_cert)
        return context

    def _get_session(self) -> aiohttp.ClientSession:
        session = self._session
        if session is None:
            kwargs: dict[str, Any] = {"limit": self._max_pool_connections, "limit_per_host": 0,
                                      "ssl": self._ssl_context()}
            if self._tcp_keepalive:
                kwargs["socket_factory"] = _keepalive_socket
            connector = aiohttp.TCPConnector(**kwargs)
            # No cookie jar: a ``Set-Cookie`` must never come back as an unsigned ``Cookie`` header
            # (the sync client keeps no cookies either), and the jar costs time on every call.
            session = self._session = aiohttp.ClientSession(
                connector=connector, timeout=self._timeout, auto_decompress=False,
                skip_auto_headers=_SKIP_AUTO_HEADERS, trust_env=False,
                cookie_jar=aiohttp.DummyCookieJar(),
            )
            # Retrying is the flow's decision: switch off aiohttp's silent second try of idempotent
            # requests on a dropped connection (no public switch; its own test client does this).
            if hasattr(session, "_retry_connection"):
                session._retry_connection = False
        return session

    def _proxy_for(self, url: str) -> str | None:
        """The proxy for ``url``, decided once per scheme and host (as the sync transport does):
        deciding from the environment costs ~0.2 ms (``getproxies`` scans ``os.environ``)."""
        start = url.find("//") + 2
        end = len(url)
        for mark in "/?#":
            at = url.find(mark, start)
            if 0 <= at < end:
                end = at
        origin = url[:end]
        cache = self._proxy_by_origin
        try:
            return cache[origin]
        except KeyError:
            if len(cache) >= _MAX_CACHED_ORIGINS:
                cache.clear()
            proxy = cache[origin] = self._decide_proxy(url)
            return proxy

    def _decide_proxy(self, url: str) -> str | None:
        return decide_proxy(url, self._proxies)

    # -- sending ---------------------------------------------------------------------------

    async def send(self, request: HttpRequest) -> HttpResponse:
        proxy_url: str | None = None
        response: aiohttp.ClientResponse | None = None
        try:
            proxy_url = self._proxy_for(request.url)
            headers = request.headers
            chunked = None
            if "Expect" in headers or "Transfer-Encoding" in headers:
                chunked = True if headers.get("Transfer-Encoding", "").lower() == "chunked" else None
                headers = {k: v for k, v in headers.items() if k not in _DROPPED_HEADERS}
            body = request.body
            response = await self._get_session().request(
                request.method, URL(request.url, encoded=True), headers=headers,
                data=await _payload(body) if body != b"" else None, proxy=proxy_url,
                allow_redirects=False, chunked=chunked,
            )
            out = _headers(response)
            if request.stream_response and response.status < 300:
                stream: Any = AsyncStreamingBody(_AiohttpRaw(response), out.get("content-length"),
                                                 endpoint_url=request.url)
                return HttpResponse(status_code=response.status, headers=out, body=stream)
            data = await response.read()
            response.release()
            return HttpResponse(status_code=response.status, headers=out, body=data)
        except BaseException as error:
            if response is not None:
                response.close()
            mapped = _map_error(error, request.url, proxy_url)
            if mapped is None:
                raise
            raise mapped from error

    async def close(self) -> None:
        session, self._session = self._session, None
        if session is not None:
            await session.close()


async def _payload(body: Any) -> Any:
    """What aiohttp can send: bytes as they are; a sync file-like object read off the loop."""
    if isinstance(body, (bytes, bytearray, memoryview, str)) or hasattr(body, "__aiter__"):
        return body
    read = getattr(body, "read", None)
    if read is not None:
        data = await asyncio.to_thread(read)
        return data.encode("utf-8") if isinstance(data, str) else data
    if isinstance(body, (list, tuple)) or hasattr(body, "__iter__"):
        return b"".join(body)
    return body


def _keepalive_socket(addr_info: Any) -> socket.socket:
    family, type_, proto, _, _ = addr_info
    sock = socket.socket(family=family, type=type_, proto=proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    return sock


def _headers(response: aiohttp.ClientResponse) -> dict[str, str]:
    headers: dict[str, str] = {}
    for name, value in response.headers.items():
        key = name.lower()
        if key in headers:
            headers[key] = f"{headers[key]}, {value}"
        else:
            headers[key] = value
    return headers


def _map_error(error: BaseException, url: str, proxy_url: str | None) -> Exception | None:
    """The awsession transport error for a foreign one; ``None`` to let it through as it is."""
    if isinstance(error, (HTTPClientError, asyncio.CancelledError)) or not isinstance(error,
                                                                                  Exception):
        return None
    if isinstance(error, (aiohttp.ClientSSLError, ssl.SSLError)):
        return SSLError(endpoint_url=url, error=error)
    if isinstance(error, (aiohttp.ClientProxyConnectionError, aiohttp.ClientHttpProxyError)):
        return ProxyConnectionError(proxy_url=mask_proxy_url(proxy_url or ""), error=error)
    if isinstance(error, aiohttp.ConnectionTimeoutError):
        return ConnectTimeoutError(endpoint_url=url, error=error)
    if isinstance(error, (aiohttp.SocketTimeoutError, aiohttp.ServerTimeoutError,
                          asyncio.TimeoutError)):
        return ReadTimeoutError(endpoint_url=url, error=error)
    if isinstance(error, (aiohttp.ClientConnectorError, socket.gaierror)):
        return EndpointConnectionError(endpoint_url=url, error=error)
    if isinstance(error, (aiohttp.ServerDisconnectedError, aiohttp.ClientOSError,
                          aiohttp.ClientPayloadError, ConnectionError)):
        return ConnectionClosedError(endpoint_url=url, error=error)
    return HTTPClientError(error=error)


class _AiohttpRaw:
    """An aiohttp response as :class:`AsyncStreamingBody`'s raw reader."""

    __slots__ = ("_response",)

    def __init__(self, response: aiohttp.ClientResponse) -> None:
        self._response = response

    async def read(self, amount: int = -1) -> bytes:
        return await self._response.content.read(amount)

    def release(self) -> None:
        self._response.release()

    def close(self) -> None:
        self._response.close()
