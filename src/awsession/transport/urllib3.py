"""The default sync transport, over urllib3 connection pools.

One :class:`Urllib3Transport` per client: one ``PoolManager`` whose pools hold up to
``max_pool_connections`` connections each, the client's connect/read timeouts, TLS verification
(``verify`` / ``ca_bundle``, see ``tls.py``), client certificates, proxies (``proxies.py``) and TCP
keep-alive. Rules:

1. Foreign exceptions are translated once, in :meth:`Urllib3Transport.send`, to botocore's classes
   and messages: ``SSLError``, ``EndpointConnectionError`` (refused, DNS), ``ProxyConnectionError``
   (masked URL), ``ConnectTimeoutError``, ``ReadTimeoutError``, ``ConnectionClosedError`` (reset,
   truncated body) and ``HTTPClientError`` for anything else (including a bad ``proxies_config``,
   whose ``InvalidProxiesConfigError`` botocore also wraps this way).
2. Non-streaming bodies are read completely inside ``send`` (so a truncated body is a transport
   error the retry policy sees, as in botocore); streaming 2xx bodies become ``StreamingBody``.
3. File-like request bodies are handed to urllib3, which streams them in 128 KiB blocks; nothing
   copies them. Retries rewind them (the flow's job).
4. ``Expect: 100-continue``: urllib3 cannot wait for an interim ``100`` before sending the body, so
   awsession never adds the header (botocore adds it for S3 uploads of file objects); if a caller
   sets it, the body is sent at once and the server's ``100 Continue`` is skipped by http.client.
5. The common exchange (``http`` or ``https``, no proxy, a ``bytes`` or empty body, not
   chunked, a buffered answer) takes a short path: a connection from the same urllib3 pool (so
   pool size, socket options and the dropped-connection check are urllib3's), the request
   written and the answer read with :mod:`http.client` directly (the head written by
   ``_write_request``, the answer's head read by ``lean_response.py`` without the e-mail
   parser), and the connection put back. It skips ``urlopen``'s layers (retry bookkeeping,
   response wrappers, header re-validation), about a third of the CPU of a call, and keeps their
   semantics: connect and read timeouts, urllib3's connect errors, a broken pipe or reset while
   sending ignored so the answer is still read, read timeouts as ``ReadTimeoutError`` and
   anything else after connecting (reset, truncated body, bad status line) as
   ``ConnectionClosedError``; a failed connection is closed, never reused. For ``https`` the
   handshake is urllib3's own ``connect`` (the pool's context, verification, host name match,
   SNI, client certificate), the pool's ``_validate_conn`` warns ``InsecureRequestWarning`` on
   every request over an unverified connection as in ``urlopen``, and a TLS error (handshake,
   host name, framing) is ``SSLError`` wherever it happens, as there. Everything else
   (proxies, streamed answers, chunked or file bodies) goes through ``urlopen``.
"""

from __future__ import annotations

import errno
import http.client
import socket
import ssl
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import urllib3
from urllib3.exceptions import ConnectTimeoutError as U3ConnectTimeout
from urllib3.exceptions import (
    LocationParseError,
    NewConnectionError,
    ProtocolError,
    ProxyError,
)
from urllib3.exceptions import ReadTimeoutError as U3ReadTimeout
from urllib3.exceptions import SSLError as U3SSLError
from urllib3.util import SKIP_HEADER
from urllib3.util.ssl_match_hostname import CertificateError

from .._core.http import HttpRequest, HttpResponse
from ..exceptions import (
    ConnectionClosedError,
    ConnectTimeoutError,
    EndpointConnectionError,
    HTTPClientError,
    InvalidProxiesConfigError,
    ProxyConnectionError,
    ReadTimeoutError,
    SSLError,
)
from .lean_response import LeanResponse
from .proxies import ProxyRules, mask_proxy_url, proxy_headers
from .streaming import StreamingBody
from .tls import client_context, proxy_context

__all__ = ["Urllib3Transport"]

_NO_RETRY = urllib3.Retry(False)
BLOCK_SIZE = 128 * 1024
_READ_RESPONSE = http.client.HTTPConnection.getresponse
# While sending, the server may legitimately close after answering: read the answer anyway.
_SEND_ERRNOS_TO_IGNORE = frozenset({errno.EPROTOTYPE, errno.ECONNRESET})
_READ_TIMEOUT_ERRNOS = frozenset({errno.EAGAIN, errno.EWOULDBLOCK})
_METHODS_EXPECTING_BODY = frozenset({"PATCH", "POST", "PUT"})  # http.client's: "Content-Length: 0"
# Header names ``putheader`` has accepted once, ASCII-encoded (http.client validates every time).
_ACCEPTED_NAMES: dict[str, bytes] = {}


class Urllib3Transport:
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
        self._timeout = urllib3.Timeout(connect=connect_timeout, read=read_timeout)
        self._connect_timeout = connect_timeout
        self._read_timeout = read_timeout
        # The short path (rule 5) needs a read timeout it can set on the socket as is.
        self._short_path_ok = read_timeout is None or read_timeout > 0
        self._verify = verify
        self._proxies_config = dict(proxies_config or {})
        self._proxy_rules = ProxyRules(
            proxies, bool(self._proxies_config.get("proxy_use_forwarding_for_https")))
        socket_options = [(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)]
        if tcp_keepalive:
            socket_options.append((socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1))
        self._pool_kwargs: dict[str, Any] = {
            "maxsize": max_pool_connections,
            "timeout": self._timeout,
            "socket_options": socket_options,
            "blocksize": BLOCK_SIZE,
            "cert_reqs": "CERT_NONE" if verify is False else "CERT_REQUIRED",
        }
        self._client_cert = client_cert
        self._tls_error: Exception | None = None
        self._tls_ready = False  # the TLS context (CA bundle load) is made on the first https use
        self._https_pool_kwargs: dict[str, Any] | None = None
        self._manager = urllib3.PoolManager(**self._pool_kwargs)
        self._proxy_managers: dict[str, urllib3.ProxyManager] = {}
        self._pools: dict[tuple[str, str], Any] = {}

    def _prepare_tls(self) -> None:
        """Make (or fetch the shared) TLS context for target servers and hand it to new pools.

        Deferred until a request needs it (an ``https`` URL, or a request through a proxy), so a
        client that only speaks plain HTTP never loads a CA bundle, as in botocore. The direct
        manager gets the context per ``https`` pool (``_direct_pool``), never in its shared
        keywords, so plain-HTTP pools made before keep their pool keys.
        """
        try:
            context = client_context(self._verify, self._client_cert)
        except (OSError, ValueError) as e:  # a bad CA bundle or client certificate path
            self._tls_error = e
        else:
            self._pool_kwargs["ssl_context"] = context
            self._https_pool_kwargs = {"ssl_context": context}
        self._tls_ready = True

    def _direct_pool(self, url: str, scheme: str, netloc: str) -> Any:
        """The manager's pool for a host, remembered so later requests skip its key building.

        The manager evicts (and closes) its least recently used pool only when it makes a new one,
        so the memo is dropped whenever the manager's pool count changes.
        """
        before = len(self._manager.pools)
        pool = self._manager.connection_from_url(
            url, pool_kwargs=self._https_pool_kwargs if scheme == "https" else None)
        if len(self._manager.pools) != before or len(self._pools) >= 64:
            self._pools.clear()
        self._pools[(scheme, netloc)] = pool
        return pool

    def _proxy_manager(self, proxy_url: str) -> urllib3.ProxyManager:
        manager = self._proxy_managers.get(proxy_url)
        if manager is not None:
            return manager
        kwargs = dict(self._pool_kwargs)
        settings = self._proxies_config
        ca_bundle = settings.get("proxy_ca_bundle")
        cert = settings.get("proxy_client_cert")
        if ca_bundle is not None or cert is not None:
            try:
                host = urlsplit(proxy_url).hostname or ""
                kwargs["proxy_ssl_context"] = proxy_context(host, ca_bundle, cert)
            except (OSError, ValueError, LocationParseError) as e:
                raise InvalidProxiesConfigError(error=e) from e
        if self._proxy_rules.forwarding_for_https:
            kwargs["use_forwarding_for_https"] = True
        manager = urllib3.proxy_from_url(proxy_url, proxy_headers=proxy_headers(proxy_url),
                                         **kwargs)
        self._proxy_managers[proxy_url] = manager
        return manager

    def send(self, request: HttpRequest) -> HttpResponse:
        url = request.url
        proxy_url = None
        try:
            scheme, netloc, path, query, _ = urlsplit(url)
            if not self._proxy_rules.empty:
                proxy_url = self._proxy_rules.proxy_for(scheme, netloc)
            if not self._tls_ready and (scheme == "https" or proxy_url is not None):
                self._prepare_tls()
            if scheme == "https" and self._tls_error is not None:
                raise U3SSLError(self._tls_error)
            if proxy_url is None:
                conn = self._pools.get((scheme, netloc)) or self._direct_pool(url, scheme, netloc)
                body = request.body
                if ((scheme == "http" or scheme == "https") and self._short_path_ok
                        and not request.stream_response
                        and (body is None or body.__class__ is bytes)
                        and "Transfer-Encoding" not in request.headers):
                    target = f"{path or '/'}?{query}" if query else (path or "/")
                    return self._short_exchange(conn, request, url, target, body or None)
            else:
                conn = self._proxy_manager(proxy_url).connection_from_url(url)
            if proxy_url is not None and self._proxy_rules.absolute_target(scheme, proxy_url):
                target = url
            else:
                target = path or "/"
                if query:
                    target = f"{target}?{query}"
            headers = request.headers
            body = request.body
            raw = conn.urlopen(
                method=request.method,
                url=target,
                body=body if body != b"" else None,
                headers=headers,
                retries=_NO_RETRY,
                assert_same_host=False,
                preload_content=False,
                decode_content=False,
                chunked=headers.get("Transfer-Encoding", "").lower() == "chunked",
            )
            response_headers = _headers(raw.headers)
            status = raw.status
            if request.stream_response and status < 300:
                content: Any = StreamingBody(raw, response_headers.get("content-length"))
            else:
                content = raw.read()
                raw.release_conn()
            return HttpResponse(status, response_headers, content)
        except U3SSLError as e:
            raise SSLError(endpoint_url=url, error=e) from e
        except (NewConnectionError, socket.gaierror) as e:
            raise EndpointConnectionError(endpoint_url=url, error=e) from e
        except ProxyError as e:
            raise ProxyConnectionError(proxy_url=mask_proxy_url(proxy_url or ""), error=e) from e
        except U3ConnectTimeout as e:
            raise ConnectTimeoutError(endpoint_url=url, error=e) from e
        except U3ReadTimeout as e:
            raise ReadTimeoutError(endpoint_url=url, error=e) from e
        except ProtocolError as e:
            raise ConnectionClosedError(endpoint_url=url, error=e) from e
        except HTTPClientError:
            raise
        except Exception as e:
            raise HTTPClientError(error=e) from e

    def _short_exchange(self, pool: Any, request: HttpRequest, url: str, target: str,
                        body: bytes | None) -> HttpResponse:
        """Rule 5: one exchange on a pooled connection through :mod:`http.client` directly."""
        conn = pool._get_conn()
        try:
            if conn.sock is None:
                conn.timeout = self._connect_timeout
                conn.connect()  # urllib3's: its own connect errors, mapped by ``send``
            if pool.scheme == "https":
                pool._validate_conn(conn)  # urllib3's InsecureRequestWarning, as ``urlopen``
            conn.sock.settimeout(self._read_timeout)
            try:
                _write_request(conn, request.method, target, body, request.headers)
            except BrokenPipeError:
                pass
            except OSError as e:
                if e.errno not in _SEND_ERRNOS_TO_IGNORE:
                    raise
            if conn.sock is not None:
                conn.sock.settimeout(self._read_timeout)
            conn.response_class = LeanResponse  # this exchange only: urllib3 expects its own
            try:
                raw = _READ_RESPONSE(conn)
            finally:
                del conn.response_class
            content = raw.read()
            headers = raw.msg.joined()  # type: ignore[attr-defined]  # LeanResponse: HeaderPairs
            status = raw.status
        except BaseException as e:
            conn.close()
            pool._put_conn(None)
            if isinstance(e, (TimeoutError, OSError, http.client.HTTPException, CertificateError)):
                raise _after_connect_error(e, url) from e
            raise
        pool._put_conn(conn)
        return HttpResponse(status, headers, content)

    def close(self) -> None:
        self._pools.clear()
        self._manager.clear()
        for manager in self._proxy_managers.values():
            manager.clear()


def _write_request(conn: Any, method: str, target: str, body: bytes | None,
                   headers: Mapping[str, str]) -> None:
    """``http.client``'s ``request(method, target, body, headers)``, the same bytes, cheaper.

    The request line, ``Host``/``Accept-Encoding`` and ``Content-Length`` go through the
    connection's own methods as in ``request``. A header line is built here when ``putheader``
    would only encode it: a name it has accepted before and a ``str`` value without line breaks
    (its only value check) or urllib3's skip marker; any other goes through ``putheader``, so its
    errors (and urllib3's) are unchanged.
    """
    names = {name.lower() for name in headers}
    conn.putrequest(method, target, skip_host="host" in names,
                    skip_accept_encoding="accept-encoding" in names)
    if "content-length" not in names and "transfer-encoding" not in names:
        if body is not None:
            conn.putheader("Content-Length", str(len(body)))
        elif method.upper() in _METHODS_EXPECTING_BODY:
            conn.putheader("Content-Length", "0")
    output = conn._output
    for name, value in headers.items():
        encoded = _ACCEPTED_NAMES.get(name)
        if (encoded is not None and value.__class__ is str and "\r" not in value
                and "\n" not in value and value != SKIP_HEADER):
            output(encoded + b": " + value.encode("latin-1"))
            continue
        conn.putheader(name, value)
        if name.__class__ is str and value != SKIP_HEADER and len(_ACCEPTED_NAMES) < 256:
            _ACCEPTED_NAMES[name] = name.encode("ascii")
    conn.endheaders(body)


def _after_connect_error(error: BaseException, url: str) -> BaseException:
    """What ``urlopen`` (retries off) makes of a failure once connected, in botocore's classes."""
    if isinstance(error, TimeoutError) or (
            isinstance(error, OSError) and error.errno in _READ_TIMEOUT_ERRNOS):
        return ReadTimeoutError(endpoint_url=url, error=error)
    if isinstance(error, (ssl.SSLError, CertificateError)):  # handshake, host name, framing
        return U3SSLError(error)  # ``send`` makes it botocore's ``SSLError``, as for ``urlopen``
    if isinstance(error, (OSError, http.client.HTTPException)):
        return ConnectionClosedError(endpoint_url=url, error=error)
    return error


def _headers(raw: Any) -> dict[str, str]:
    headers: dict[str, str] = {}
    for name, value in raw.items():
        key = name.lower()
        if key in headers:
            headers[key] = f"{headers[key]}, {value}"
        else:
            headers[key] = value
    return headers
