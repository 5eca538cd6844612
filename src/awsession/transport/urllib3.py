"""The default sync transport, over urllib3 connection pools.

One :class:`Urllib3Transport` per client: one ``PoolManager`` sized by ``max_pool_connections``, the
client's connect/read timeouts, TLS verification (``verify`` / ``ca_bundle``), client certificates,
proxies (``Config(proxies=...)`` or ``HTTP(S)_PROXY``/``NO_PROXY``) and TCP keep-alive. Foreign
exceptions are translated once, in :meth:`Urllib3Transport.send`.
"""

from __future__ import annotations

import socket
import urllib.request
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
from .streaming import StreamingBody

__all__ = ["Urllib3Transport"]

_NO_RETRY = urllib3.Retry(False)


def _mask_proxy_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.username or parts.password:
        host = parts.hostname or ""
        if parts.port:
            host = f"{host}:{parts.port}"
        return f"{parts.scheme}://***:***@{host}{parts.path}"
    return url


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
        self._maxsize = max_pool_connections
        self._verify = verify
        self._proxies = dict(proxies) if proxies is not None else None
        self._proxies_config = dict(proxies_config or {})
        socket_options = list(urllib3.connection.HTTPConnection.default_socket_options)
        if tcp_keepalive:
            socket_options.append((socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1))
        self._pool_kwargs: dict[str, Any] = {
            "maxsize": max_pool_connections,
            "timeout": self._timeout,
            "socket_options": socket_options,
        }
        if verify is False:
            self._pool_kwargs["cert_reqs"] = "CERT_NONE"
        else:
            self._pool_kwargs["cert_reqs"] = "CERT_REQUIRED"
            if isinstance(verify, str):
                self._pool_kwargs["ca_certs"] = verify
        if client_cert is not None:
            if isinstance(client_cert, str):
                self._pool_kwargs["cert_file"] = client_cert
            else:
                self._pool_kwargs["cert_file"], self._pool_kwargs["key_file"] = client_cert
        self._manager = urllib3.PoolManager(**self._pool_kwargs)
        self._proxy_managers: dict[str, urllib3.ProxyManager] = {}

    # -- proxies -------------------------------------------------------------------------

    def _proxy_for(self, url: str) -> str | None:
        parts = urlsplit(url)
        if self._proxies is not None:
            return self._proxies.get(parts.scheme) or self._proxies.get(f"{parts.scheme}://{parts.hostname}")
        if parts.hostname in ("127.0.0.1", "localhost", "::1"):
            return None
        if urllib.request.proxy_bypass(parts.hostname or ""):
            return None
        found = urllib.request.getproxies().get(parts.scheme)
        return found or None

    def _manager_for(self, proxy_url: str | None) -> urllib3.PoolManager:
        if proxy_url is None:
            return self._manager
        manager = self._proxy_managers.get(proxy_url)
        if manager is None:
            kwargs = dict(self._pool_kwargs)
            if "proxy_ca_bundle" in self._proxies_config:
                kwargs["ca_certs"] = self._proxies_config["proxy_ca_bundle"]
            try:
                manager = urllib3.ProxyManager(
                    proxy_url,
                    use_forwarding_for_https=bool(
                        self._proxies_config.get("proxy_use_forwarding_for_https", False)),
                    **kwargs,
                )
            except (OSError, U3SSLError, LocationParseError) as e:
                raise InvalidProxiesConfigError(error=e) from e
            self._proxy_managers[proxy_url] = manager
        return manager

    # -- sending -------------------------------------------------------------------------

    def send(self, request: HttpRequest) -> HttpResponse:
        proxy_url = None
        try:
            proxy_url = self._proxy_for(request.url)
            manager = self._manager_for(proxy_url)
            conn = manager.connection_from_url(request.url)
            if proxy_url is None or request.url.startswith("https:"):
                parts = urlsplit(request.url)
                target = parts.path or "/"
                if parts.query:
                    target = f"{target}?{parts.query}"
            else:
                target = request.url
            chunked = request.headers.get("Transfer-Encoding", "").lower() == "chunked"
            raw = conn.urlopen(
                method=request.method,
                url=target,
                body=request.body if request.body != b"" else None,
                headers=request.headers,
                retries=_NO_RETRY,
                assert_same_host=False,
                preload_content=False,
                decode_content=False,
                chunked=chunked,
            )
            headers = _headers(raw.headers)
            if request.stream_response and raw.status < 300:
                body: Any = StreamingBody(raw, headers.get("content-length"))
            else:
                body = raw.read()
                raw.release_conn()
            return HttpResponse(status_code=raw.status, headers=headers, body=body)
        except U3SSLError as e:
            raise SSLError(endpoint_url=request.url, error=e) from e
        except (NewConnectionError, socket.gaierror) as e:
            raise EndpointConnectionError(endpoint_url=request.url, error=e) from e
        except ProxyError as e:
            raise ProxyConnectionError(proxy_url=_mask_proxy_url(proxy_url or ""), error=e) from e
        except U3ConnectTimeout as e:
            raise ConnectTimeoutError(endpoint_url=request.url, error=e) from e
        except U3ReadTimeout as e:
            raise ReadTimeoutError(endpoint_url=request.url, error=e) from e
        except ProtocolError as e:
            raise ConnectionClosedError(endpoint_url=request.url, error=e) from e
        except (HTTPClientError, InvalidProxiesConfigError):
            raise
        except Exception as e:
            raise HTTPClientError(error=e) from e

    def close(self) -> None:
        self._manager.clear()
        for manager in self._proxy_managers.values():
            manager.clear()


def _headers(raw: Any) -> dict[str, str]:
    headers: dict[str, str] = {}
    for name, value in raw.items():
        key = name.lower()
        if key in headers:
            headers[key] = f"{headers[key]}, {value}"
        else:
            headers[key] = value
    return headers
