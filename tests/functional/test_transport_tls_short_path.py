"""The urllib3 transport's short path over https, side by side with ``urlopen``, loopback only.

A keep-alive server with a self-signed certificate for 127.0.0.1 (``FaultServer`` behind TLS)
answers scripted replies. Each case runs the same request through the short path and through
``urlopen`` and expects the same answer or the same error (class and message): verification
failures, a host name mismatch, client certificates, urllib3's ``InsecureRequestWarning`` with
``verify=False``, resets, truncated bodies and stalls; connections are reused and replaced as
for plain http. Proxied and streamed requests keep taking ``urlopen``.
"""

from __future__ import annotations

import socket
import ssl
import warnings
from collections.abc import Iterator
from typing import Any

import pytest
from urllib3.exceptions import InsecureRequestWarning

from awsession._core.http import HttpRequest
from awsession.exceptions import (
    ConnectionClosedError,
    ReadTimeoutError,
    SSLError,
)
from awsession.transport.urllib3 import Urllib3Transport
from tests.functional._faults import FaultServer, Reply
from tests.functional.test_transport_tls_proxy import _Proxy, _self_signed

pytestmark = [pytest.mark.functional, pytest.mark.timeout(60)]


class _TlsFaultServer(FaultServer):
    """``FaultServer`` with every accepted connection wrapped in TLS (server side)."""

    def __init__(self, context: ssl.SSLContext) -> None:
        self._context = context
        super().__init__()
        self.url = f"https://127.0.0.1:{self.port}"

    def _serve(self, conn: socket.socket) -> None:
        try:
            wrapped = self._context.wrap_socket(conn, server_side=True)
        except (OSError, ssl.SSLError):
            conn.close()
            return
        super()._serve(wrapped)


@pytest.fixture(scope="module")
def cert(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    return _self_signed(tmp_path_factory.mktemp("tls-short"))


@pytest.fixture
def server(cert: tuple[str, str]) -> Iterator[_TlsFaultServer]:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*cert)
    s = _TlsFaultServer(context)
    yield s
    s.close()


@pytest.fixture
def mtls_server(cert: tuple[str, str]) -> Iterator[_TlsFaultServer]:
    """A server that requires a client certificate signed by (here: equal to) its own."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*cert)
    context.load_verify_locations(cert[0])
    context.verify_mode = ssl.CERT_REQUIRED
    s = _TlsFaultServer(context)
    yield s
    s.close()


def _request(url: str, method: str = "POST", body: bytes | None = b"Action=X",
             stream: bool = False) -> HttpRequest:
    return HttpRequest(method, f"{url}/path?x=1", {"User-Agent": "t"}, body,
                       stream_response=stream)


def _spy(method: Any, calls: list[bool]) -> Any:
    def spy(*args: Any) -> Any:
        calls.append(True)
        return method(*args)

    return spy


def _transport(force_long: bool, used: list[bool], **kwargs: Any) -> Urllib3Transport:
    kwargs.setdefault("read_timeout", 0.5)
    transport = Urllib3Transport(connect_timeout=2, **kwargs)
    if force_long:
        transport._short_path_ok = False
    transport._short_exchange = _spy(transport._short_exchange, used)  # type: ignore[method-assign]
    return transport


def _outcome(transport: Urllib3Transport, url: str, **kwargs: Any) -> object:
    try:
        response = transport.send(_request(url, **kwargs))
    except Exception as e:
        return type(e), str(e)
    return response.status_code, response.headers.get("x-a"), response.body


def _short_and_long(server: _TlsFaultServer, replies: tuple[Reply, ...], url: str | None = None,
                    **kwargs: Any) -> list[object]:
    """The answer (or error class and message) of the short path and of ``urlopen``."""
    answers: list[object] = []
    for force_long in (False, True):
        server.set_script(*replies)
        used: list[bool] = []
        transport = _transport(force_long, used, **kwargs)
        try:
            answers.append(_outcome(transport, url or server.url))
        finally:
            transport.close()
        assert used == ([] if force_long else [True])
    return answers


def test_answer_matches_urlopen(server: _TlsFaultServer, cert: tuple[str, str]) -> None:
    reply = Reply(status=503, body=b"<Error/>", headers={"X-A": "1", "x-a": "2"})
    short, long = _short_and_long(server, (reply,), verify=cert[0])
    assert short == long == (503, "1, 2", b"<Error/>")
    assert server.received[0].headers["host"] == f"127.0.0.1:{server.port}"


def test_default_verification_fails_as_urlopen(server: _TlsFaultServer) -> None:
    short, long = _short_and_long(server, (Reply(),))
    assert short == long
    assert short[0] is SSLError and "CERTIFICATE_VERIFY_FAILED" in short[1]  # type: ignore[index]


def test_host_name_mismatch_fails_as_urlopen(server: _TlsFaultServer,
                                             cert: tuple[str, str]) -> None:
    url = f"https://localhost:{server.port}"  # the certificate names only 127.0.0.1
    short, long = _short_and_long(server, (Reply(),), url=url, verify=cert[0])
    assert short == long
    assert short[0] is SSLError and "localhost" in short[1]  # type: ignore[index]


def test_client_certificate(mtls_server: _TlsFaultServer, cert: tuple[str, str]) -> None:
    ok = _short_and_long(mtls_server, (Reply(body=b"hi"),), verify=cert[0], client_cert=cert)
    assert ok == [(200, None, b"hi")] * 2
    refused = _short_and_long(mtls_server, (Reply(),), verify=cert[0])
    # TLS 1.3: the server's refusal arrives after the handshake, while sending or reading.
    for answer in refused:
        assert isinstance(answer, tuple) and answer[0] in (SSLError, ConnectionClosedError)


def test_verify_false_warns_per_request_as_urlopen(server: _TlsFaultServer) -> None:
    seen: list[list[tuple[type, str, str, int]]] = []
    for force_long in (False, True):
        used: list[bool] = []
        transport = _transport(force_long, used, verify=False)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            for _ in range(2):
                assert transport.send(_request(server.url)).status_code == 200
        transport.close()
        seen.append([(w.category, str(w.message), w.filename, w.lineno) for w in caught])
        assert used == ([] if force_long else [True, True])
    short, long = seen
    assert short == long and len(short) == 2  # same text and origin (urllib3): same filtering
    assert short[0][0] is InsecureRequestWarning and "'127.0.0.1'" in short[0][1]


def test_verified_requests_do_not_warn(server: _TlsFaultServer, cert: tuple[str, str]) -> None:
    transport = Urllib3Transport(verify=cert[0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert transport.send(_request(server.url)).status_code == 200
    transport.close()


def test_connection_is_reused_and_replaced_after_a_failure(server: _TlsFaultServer,
                                                           cert: tuple[str, str]) -> None:
    transport = Urllib3Transport(read_timeout=2, verify=cert[0])
    server.set_script(Reply(), Reply(), Reply(reset=True), Reply())
    transport.send(_request(server.url))
    transport.send(_request(server.url))
    with pytest.raises(ConnectionClosedError):
        transport.send(_request(server.url))
    transport.send(_request(server.url))
    pool = next(iter(transport._pools.values()))
    assert pool.num_connections == 2  # one for the first three requests, a new one after the reset
    transport.close()


def test_server_closing_after_answer_is_handled(server: _TlsFaultServer,
                                                cert: tuple[str, str]) -> None:
    transport = Urllib3Transport(verify=cert[0])
    server.set_script(Reply(headers={"Connection": "close"}), Reply(status=201))
    assert transport.send(_request(server.url)).status_code == 200
    assert transport.send(_request(server.url)).status_code == 201
    transport.close()


@pytest.mark.parametrize("reply, error", [
    (Reply(reset=True), ConnectionClosedError),
    (Reply(body=b"0123456789", truncate_to=3), ConnectionClosedError),
    (Reply(delay=3), ReadTimeoutError),
    (Reply(body=b"0123456789", body_delay=3), ReadTimeoutError),
])
def test_failures_map_as_urlopen_does(server: _TlsFaultServer, cert: tuple[str, str],
                                      reply: Reply, error: type) -> None:
    short, long = _short_and_long(server, (reply,), verify=cert[0])
    assert short[0] is long[0] is error  # type: ignore[index]


def test_streamed_answers_take_urlopen(server: _TlsFaultServer, cert: tuple[str, str]) -> None:
    used: list[bool] = []
    transport = _transport(False, used, verify=cert[0])
    server.set_script(Reply(body=b"streamed"))
    response = transport.send(_request(server.url, method="GET", body=None, stream=True))
    assert response.body.read() == b"streamed"
    assert used == []
    transport.close()


def test_proxied_https_takes_urlopen(server: _TlsFaultServer, cert: tuple[str, str]) -> None:
    proxy = _Proxy()
    try:
        used: list[bool] = []
        transport = _transport(False, used, verify=cert[0],
                               proxies={"https": f"http://127.0.0.1:{proxy.port}"})
        assert transport.send(_request(server.url)).status_code == 200
        assert used == []
        assert proxy.requests[0][0].startswith(f"CONNECT 127.0.0.1:{server.port} ")
        transport.close()
    finally:
        proxy.server.close()
