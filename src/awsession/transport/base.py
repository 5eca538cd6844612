"""What a transport promises the drivers.

* ``send(request)`` returns an :class:`~awsession._core.http.HttpResponse` with lower-cased header
  names. The body is ``bytes`` unless ``request.stream_response`` is set *and* the status is below
  300, in which case it is a :class:`~.streaming.StreamingBody`. Error responses are always buffered,
  so parsers never do I/O.
* Every failure leaves as one of awsession's transport errors (``EndpointConnectionError``,
  ``ConnectTimeoutError``, ``ReadTimeoutError``, ``ConnectionClosedError``, ``SSLError``,
  ``ProxyConnectionError`` or plain ``HTTPClientError``), translated once at this boundary.
"""

from __future__ import annotations

from typing import Protocol

from .._core.http import HttpRequest, HttpResponse

__all__ = ["AsyncTransport", "SyncTransport"]


class SyncTransport(Protocol):
    def send(self, request: HttpRequest) -> HttpResponse: ...

    def close(self) -> None: ...


class AsyncTransport(Protocol):
    async def send(self, request: HttpRequest) -> HttpResponse: ...

    async def close(self) -> None: ...
