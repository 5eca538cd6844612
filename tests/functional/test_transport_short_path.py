"""The urllib3 transport's short path (plain http, bytes body, buffered answer) against a real socket.

Each case runs the same request through the short path and through ``urlopen`` (a streamed answer
or a chunked body takes the long way) and expects the same answer or the same error class, so the
short path keeps the transport's contract: status, lower-cased headers with repeats joined, the
body; a reset, a truncated body and a stall mapped as before; the pooled connection reused when it
can be and never after a failure.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from awsession._core.http import HttpRequest
from awsession.exceptions import (
    ConnectionClosedError,
    EndpointConnectionError,
    ReadTimeoutError,
)
from awsession.transport.urllib3 import Urllib3Transport
from tests.functional._faults import FaultServer, Reply, closed_port

pytestmark = [pytest.mark.functional, pytest.mark.timeout(60)]


@pytest.fixture
def server() -> Iterator[FaultServer]:
    s = FaultServer()
    yield s
    s.close()


def _request(url: str, method: str = "POST", body: bytes | None = b"Action=X",
             headers: dict[str, str] | None = None) -> HttpRequest:
    return HttpRequest(method, f"{url}/path/a%20b?x=1&y=2", dict(headers or {"User-Agent": "t"}),
                       body)


def _spy(method: Any, calls: list[bool]) -> Any:
    def spy(*args: Any) -> Any:
        calls.append(True)
        return method(*args)

    return spy


def _short_and_long(server: FaultServer, replies: tuple[Reply, ...],
                    **kwargs: object) -> list[object]:
    """The answer (or error class) of the short path and of ``urlopen`` for the same script."""
    answers: list[object] = []
    for force_long in (False, True):
        server.set_script(*replies)
        transport = Urllib3Transport(read_timeout=0.5, connect_timeout=2)
        if force_long:
            transport._short_path_ok = False
        used: list[bool] = []
        transport._short_exchange = _spy(transport._short_exchange, used)  # type: ignore[method-assign]
        try:
            response = transport.send(_request(server.url, **kwargs))  # type: ignore[arg-type]
            answers.append((response.status_code, response.headers.get("x-a"), response.body))
        except Exception as e:
            answers.append(type(e))
        finally:
            transport.close()
        assert used == ([] if force_long else [True])
    return answers


def test_answer_matches_urlopen(server: FaultServer) -> None:
    reply = Reply(status=503, body=b"<Error/>", headers={"X-A": "1", "x-a": "2"})
    short, long = _short_and_long(server, (reply,))
    assert short == long == (503, "1, 2", b"<Error/>")


def test_request_on_the_wire(server: FaultServer) -> None:
    transport = Urllib3Transport()
    transport.send(_request(server.url, headers={"User-Agent": "t", "X-Amz-Target": "T"}))
    transport.send(_request(server.url, method="GET", body=None))
    transport.send(_request(server.url, method="POST", body=b""))
    first, get, empty_post = server.received
    assert (first.method, first.target, first.body) == ("POST", "/path/a%20b?x=1&y=2", b"Action=X")
    assert first.headers["content-length"] == "8" and first.headers["x-amz-target"] == "T"
    assert first.headers["host"] == f"127.0.0.1:{server.port}"
    assert "content-length" not in get.headers
    assert empty_post.headers["content-length"] == "0"
    transport.close()


def test_connection_is_reused_and_replaced_after_a_failure(server: FaultServer) -> None:
    transport = Urllib3Transport(read_timeout=2)
    server.set_script(Reply(), Reply(), Reply(reset=True), Reply())
    transport.send(_request(server.url))
    transport.send(_request(server.url))
    with pytest.raises(ConnectionClosedError):
        transport.send(_request(server.url))
    transport.send(_request(server.url))
    pool = next(iter(transport._pools.values()))
    assert pool.num_connections == 2  # one for the first three requests, a new one after the reset
    transport.close()


@pytest.mark.parametrize("reply, error", [
    (Reply(reset=True), ConnectionClosedError),
    (Reply(body=b"0123456789", truncate_to=3), ConnectionClosedError),
    (Reply(delay=3), ReadTimeoutError),
    (Reply(body=b"0123456789", body_delay=3), ReadTimeoutError),
])
def test_failures_map_as_urlopen_does(server: FaultServer, reply: Reply, error: type) -> None:
    assert _short_and_long(server, (reply,)) == [error, error]


def test_refused_connection() -> None:
    transport = Urllib3Transport(connect_timeout=2)
    with pytest.raises(EndpointConnectionError):
        transport.send(_request(f"http://127.0.0.1:{closed_port()}"))
    transport.close()


def test_server_closing_after_answer_is_handled(server: FaultServer) -> None:
    transport = Urllib3Transport()
    server.set_script(Reply(headers={"Connection": "close"}), Reply(status=201))
    assert transport.send(_request(server.url)).status_code == 200
    assert transport.send(_request(server.url)).status_code == 201
    transport.close()


def test_head_answer_has_no_body(server: FaultServer) -> None:
    transport = Urllib3Transport()
    server.set_script(Reply(body=b"abc"))
    response = transport.send(_request(server.url, method="HEAD", body=None))
    assert response.status_code == 200 and response.body == b""
    assert response.headers["content-length"] == "3"
    transport.close()
