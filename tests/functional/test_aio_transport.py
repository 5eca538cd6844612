"""The native async transport on the wire: framing, bodies, pool, TLS and the proxy fallback.

A scripted raw server on 127.0.0.1 answers each request with the next canned byte string and
records the request (line, headers, de-chunked body) and how many connections it accepted. TLS
and proxy checks reuse the sync transport suite's self-signed certificate and loopback proxy and
expect what the sync client does (same exception names, same proxy request line).
"""

from __future__ import annotations

import asyncio
import gc
import io
import socket
import ssl
import threading
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from awsession._core.http import HttpRequest
from awsession.aio import Session
from awsession.config.client_config import Config
from awsession.exceptions import HTTPClientError, ReadTimeoutError
from awsession.transport.aio_native import AsyncHttpTransport
from tests.functional._faults import FaultServer, Reply, closed_port
from tests.functional.test_transport_tls_proxy import _answer_ok, _Proxy, _self_signed, _Server

pytestmark = [pytest.mark.functional, pytest.mark.timeout(60)]

OK = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"


class ScriptedServer:
    """Answers the n-th request with ``answers[n]`` (the last one repeats)."""

    def __init__(self, *answers: bytes) -> None:
        self.answers = list(answers)
        self.requests: list[tuple[str, dict[str, str], bytes]] = []
        self.accepted = 0
        self._sock = socket.socket()
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(16)
        self.url = f"http://127.0.0.1:{self._sock.getsockname()[1]}"
        threading.Thread(target=self._loop, daemon=True).start()

    def _loop(self) -> None:
        while True:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            self.accepted += 1
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        reader = conn.makefile("rb")
        try:
            while True:
                line = reader.readline().decode("latin-1").rstrip("\r\n")
                if not line:
                    return
                headers: dict[str, str] = {}
                while header := reader.readline().decode("latin-1").rstrip("\r\n"):
                    name, _, value = header.partition(":")
                    headers[name.strip().lower()] = value.strip()
                body = b""
                if headers.get("transfer-encoding") == "chunked":
                    while size := int(reader.readline().split(b";")[0], 16):
                        body += reader.read(size)
                        reader.readline()
                    reader.readline()
                elif headers.get("content-length"):
                    body = reader.read(int(headers["content-length"]))
                self.requests.append((line, headers, body))
                index = min(len(self.requests), len(self.answers)) - 1
                conn.sendall(self.answers[index])
                if b"Connection: close" in self.answers[index]:
                    return
        except OSError:
            pass
        finally:
            conn.close()

    def close(self) -> None:
        self._sock.close()


@pytest.fixture
def scripted() -> Iterator[Any]:
    servers: list[ScriptedServer] = []

    def make(*answers: bytes) -> ScriptedServer:
        servers.append(ScriptedServer(*answers))
        return servers[-1]

    yield make
    for server in servers:
        server.close()


def _run(coro: Any) -> Any:
    return asyncio.run(asyncio.wait_for(coro, 30))


async def _send(transport: AsyncHttpTransport, url: str, method: str = "GET", body: Any = b"",
                headers: dict[str, str] | None = None, stream: bool = False) -> Any:
    request = HttpRequest(method, url, dict(headers or {}), body, stream_response=stream)
    return await transport.send(request)


def test_keep_alive_chunked_and_interim_answers_on_one_connection(scripted: Any) -> None:
    server = scripted(
        b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
        b"X-Amz-Id: 1\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n", OK)

    async def main() -> list[Any]:
        transport = AsyncHttpTransport()
        try:
            first = await _send(transport, server.url + "/b/k?list-type=2&prefix=a%2Fb")
            second = await _send(transport, server.url + "/b/k")
        finally:
            await transport.close()
        return [first, second]

    first, second = _run(main())
    assert (first.status_code, first.body, first.headers["x-amz-id"]) == (200, b"abcde", "1")
    assert (second.status_code, second.body) == (200, b"ok")
    assert server.accepted == 1
    line, headers, _ = server.requests[0]
    assert line == "GET /b/k?list-type=2&prefix=a%2Fb HTTP/1.1"  # sent as signed, not re-quoted
    assert headers["host"] == server.url.removeprefix("http://")
    assert "accept" not in headers and "accept-encoding" not in headers and "cookie" not in headers


def test_connection_close_and_body_to_eof_open_a_new_connection(scripted: Any) -> None:
    server = scripted(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil the end", OK)

    async def main() -> tuple[bytes, bytes]:
        transport = AsyncHttpTransport()
        try:
            first = await _send(transport, server.url + "/")
            second = await _send(transport, server.url + "/")
        finally:
            await transport.close()
        return first.body, second.body

    assert _run(main()) == (b"until the end", b"ok")
    assert server.accepted == 2


async def _chunks() -> AsyncIterator[bytes]:
    for piece in (b"as", b"", b"ync"):
        yield piece


@pytest.mark.parametrize(("body", "sent", "framing"), [
    (b"bytes", b"bytes", "content-length"),
    ("text \u00e9", "text \u00e9".encode(), "content-length"),
    (io.BytesIO(b"file object"), b"file object", "content-length"),
    ([b"it", b"er"], b"iter", "content-length"),
    ("async", b"async", "transfer-encoding"),
])
def test_request_bodies(scripted: Any, body: Any, sent: bytes, framing: str) -> None:
    server = scripted(OK)
    payload = _chunks() if body == "async" else body

    async def main() -> int:
        transport = AsyncHttpTransport()
        try:
            response = await _send(transport, server.url + "/up", "PUT", payload,
                                   {"Expect": "100-continue", "X-Custom": "v"})
            return int(response.status_code)
        finally:
            await transport.close()

    assert _run(main()) == 200
    _, headers, received = server.requests[0]
    assert received == sent
    assert framing in headers
    assert "expect" not in headers  # the body goes at once: nothing waits for 100 Continue
    assert headers["x-custom"] == "v"


def test_empty_put_says_content_length_zero_and_head_has_no_body(scripted: Any) -> None:
    server = scripted(OK, b"HTTP/1.1 200 OK\r\nContent-Length: 1024\r\n\r\n", OK)

    async def main() -> list[Any]:
        transport = AsyncHttpTransport()
        try:
            return [await _send(transport, server.url + "/", "PUT"),
                    await _send(transport, server.url + "/", "HEAD"),
                    await _send(transport, server.url + "/", "GET")]
        finally:
            await transport.close()

    put, head, get = _run(main())
    assert put.status_code == 200
    assert server.requests[0][1]["content-length"] == "0"
    assert "content-length" not in server.requests[2][1]
    assert (head.body, head.headers["content-length"], get.body) == (b"", "1024", b"ok")
    assert server.accepted == 1


def test_header_with_line_break_is_refused_before_sending(scripted: Any) -> None:
    server = scripted(OK)

    async def main() -> None:
        transport = AsyncHttpTransport()
        try:
            await _send(transport, server.url + "/", headers={"X-Evil": "a\r\nX-Injected: 1"})
        finally:
            await transport.close()

    with pytest.raises(HTTPClientError):
        _run(main())
    assert server.requests == []


def test_streaming_body_lines_then_the_connection_is_reused(scripted: Any) -> None:
    server = scripted(b"HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\none\ntwo\nend", OK)

    async def main() -> tuple[list[bytes], bytes]:
        transport = AsyncHttpTransport(max_pool_connections=1)
        try:
            response = await _send(transport, server.url + "/", stream=True)
            lines = [line async for line in response.body.iter_lines(chunk_size=3)]
            again = await _send(transport, server.url + "/")
            return lines, again.body
        finally:
            await transport.close()

    assert _run(main()) == ([b"one", b"two", b"end"], b"ok")
    assert server.accepted == 1


def test_an_unread_dropped_body_gives_its_pool_slot_back(scripted: Any) -> None:
    server = scripted(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", OK)

    async def main() -> bytes:
        transport = AsyncHttpTransport(max_pool_connections=1)
        try:
            response = await _send(transport, server.url + "/", stream=True)
            del response
            gc.collect()
            again = await asyncio.wait_for(_send(transport, server.url + "/"), 5)
            return bytes(again.body)
        finally:
            await transport.close()

    assert _run(main()) == b"ok"


def test_stalled_streaming_body_is_a_read_timeout() -> None:
    server = FaultServer()
    server.set_script(Reply(200, body=b"x" * 100, body_delay=2.0))

    async def main() -> None:
        transport = AsyncHttpTransport(read_timeout=0.3)
        try:
            response = await _send(transport, server.url + "/", stream=True)
            await response.body.read()
        finally:
            await transport.close()

    try:
        with pytest.raises(ReadTimeoutError):
            _run(main())
    finally:
        server.close()


def test_pool_limit_holds_across_hosts(scripted: Any) -> None:
    one, two = scripted(OK), scripted(OK)

    async def main() -> int:
        transport = AsyncHttpTransport(max_pool_connections=1)
        try:
            for _ in range(3):
                await _send(transport, one.url + "/")
                await _send(transport, two.url.replace("127.0.0.1", "localhost") + "/")
            assert transport._pool is not None
            return transport._pool.open_count
        finally:
            await transport.close()

    assert _run(main()) == 1
    assert one.accepted == two.accepted == 3  # the idle one was closed to make room each time


# -- TLS and proxies, through the async client (as the sync suite does for both sync SDKs) ----

@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, str]]:
    cert, key = _self_signed(tmp_path_factory.mktemp("aio-tls"))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = _Server(_answer_ok, context)
    yield server, cert
    server.close()


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import os

    for name in list(os.environ):
        if name.startswith("AWS_") or name.lower().endswith("_proxy"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "credentials"))


def _outcome(url: str, verify: Any = None, **config: Any) -> tuple[str, str]:
    session = Session(aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret",
                      region_name="us-east-1")
    config.setdefault("retries", {"total_max_attempts": 1})

    async def main() -> tuple[str, str]:
        async with session.client("sts", endpoint_url=url, verify=verify,
                                  config=Config(**config)) as sts:
            try:
                await sts.get_caller_identity()
            except Exception as e:
                return type(e).__name__, str(e).replace(url, "<url>")
            return "ok", ""

    result: tuple[str, str] = _run(main())
    return result


def test_tls_verification_like_the_sync_client(tls: Any, tmp_path: Path) -> None:
    server, cert = tls
    url = f"https://127.0.0.1:{server.port}"
    kind, message = _outcome(url)
    assert kind == "SSLError" and message.startswith("SSL validation failed for <url>/ ")
    assert "CERTIFICATE_VERIFY_FAILED" in message
    assert _outcome(url, verify=cert) == ("ok", "")
    assert _outcome(url, verify=False) == ("ok", "")
    assert _outcome(url, verify=str(tmp_path / "missing.pem"))[0] == "SSLError"


def test_proxied_requests_go_through_the_proxy(tls: Any) -> None:
    proxy = _Proxy()
    try:
        url = f"http://127.0.0.1:{closed_port()}"
        assert _outcome(url, proxies={"http": f"http://127.0.0.1:{proxy.port}"}) == ("ok", "")
        assert proxy.requests[0][0] == f"POST {url}/ HTTP/1.1"
        server, cert = tls
        secure = f"https://127.0.0.1:{server.port}"
        assert _outcome(secure, verify=cert,
                        proxies={"https": f"http://127.0.0.1:{proxy.port}"}) == ("ok", "")
        assert proxy.requests[1][0].startswith(f"CONNECT 127.0.0.1:{server.port} HTTP/1.")
    finally:
        proxy.server.close()


def test_environment_proxy_skips_loopback_and_unreachable_proxy_is_masked(
        monkeypatch: pytest.MonkeyPatch) -> None:
    proxy, fault = _Proxy(), FaultServer()
    fault.set_script(Reply(200, b"<GetCallerIdentityResponse><GetCallerIdentityResult><Account>1"
                                b"</Account></GetCallerIdentityResult></GetCallerIdentityResponse>"))
    try:
        monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.port}")
        assert _outcome(fault.url) == ("ok", "")
        assert not proxy.requests and len(fault.received) == 1  # loopback is never proxied
        port = closed_port()
        kind, message = _outcome(fault.url, proxies={"http": f"http://user:secret@127.0.0.1:{port}"})
        assert (kind, message) == (
            "ProxyConnectionError", f'Failed to connect to proxy URL: "http://***:***@127.0.0.1:{port}"')
    finally:
        proxy.server.close()
        fault.close()


def test_large_streaming_body_left_unread_for_a_while_then_read_whole(scripted: Any) -> None:
    size = 3 * 1024 * 1024
    big = b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % size + b"z" * size
    server = scripted(big, big, OK)

    async def main() -> tuple[int, tuple[int, int], bytes]:
        transport = AsyncHttpTransport(max_pool_connections=1)
        try:
            first = await _send(transport, server.url + "/", stream=True)
            await asyncio.sleep(0.3)  # the socket fills our buffer and gets paused meanwhile
            whole = await asyncio.wait_for(first.body.read(), 10)
            second = await _send(transport, server.url + "/", stream=True)
            pieces = [len(piece) async for piece in second.body.iter_chunks(65536)]
            third = await _send(transport, server.url + "/")
            return len(whole), (sum(pieces), max(pieces)), bytes(third.body)
        finally:
            await transport.close()

    assert _run(main()) == (size, (size, 65536), b"ok")
    assert server.accepted == 1
