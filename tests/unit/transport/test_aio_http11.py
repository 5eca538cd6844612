"""The native async transport's HTTP/1.1 response parser, fed bytes in every possible split.

A fake asyncio transport records what the connection writes; the server's answer is fed through
``data_received`` in pieces of 1, 2, 3, 7 bytes and whole, so every framing rule is exercised at
every boundary (head, chunk sizes, chunk data, trailers).
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from awsession.transport.aio_http11 import BadResponse, Http11Connection, RemoteClosed


class FakeTransport(asyncio.Transport):
    def __init__(self) -> None:
        super().__init__()
        self.written = b""
        self.closed = False
        self.paused = False

    def write(self, data: Any) -> None:
        self.written += bytes(data)

    def close(self) -> None:
        self.closed = True

    def pause_reading(self) -> None:
        self.paused = True

    def resume_reading(self) -> None:
        self.paused = False


def _feed(conn: Http11Connection, data: bytes, size: int) -> None:
    for start in range(0, len(data), size or len(data) or 1):
        conn.data_received(data[start:start + (size or len(data))])


def _exchange(answer: bytes, size: int, *, head: bool = False, stream: bool = False,
              eof: bool = False) -> tuple[Any, Http11Connection]:
    async def main() -> Any:
        conn = Http11Connection(asyncio.get_running_loop(), ("http", "h", 80), read_timeout=5)
        conn.connection_made(FakeTransport())
        conn.start(head, stream)
        asyncio.get_running_loop().call_soon(_feed, conn, answer, size)
        if eof:
            asyncio.get_running_loop().call_soon(conn.connection_lost, None)
        result = await conn.response()
        if stream:
            body = b""
            while chunk := await conn.read(5):
                body += chunk
            result = (*result[:2], body)
        return result, conn

    result: tuple[Any, Http11Connection] = asyncio.run(main())
    return result


SIZES = [1, 2, 3, 7, 0]


@pytest.mark.parametrize("size", SIZES)
def test_content_length_body_and_keep_alive(size: int) -> None:
    answer = b"HTTP/1.1 200 OK\r\nX-A: 1\r\nx-a: 2\r\nContent-Length: 11\r\n\r\nhello world"
    (status, headers, body), conn = _exchange(answer, size)
    assert (status, body) == (200, b"hello world")
    assert headers == {"x-a": "1, 2", "content-length": "11"}
    assert conn.reusable


@pytest.mark.parametrize("size", SIZES)
def test_chunked_body_with_extensions_and_trailers(size: int) -> None:
    answer = (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
              b"5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n")
    (status, _, body), conn = _exchange(answer, size)
    assert (status, body) == (200, b"hello world")
    assert conn.reusable


@pytest.mark.parametrize("size", SIZES)
def test_interim_100_continue_is_skipped(size: int) -> None:
    answer = b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok"
    (status, _, body), _ = _exchange(answer, size)
    assert (status, body) == (201, b"ok")


@pytest.mark.parametrize("size", SIZES)
def test_head_and_no_content_answers_have_no_body(size: int) -> None:
    (status, headers, body), conn = _exchange(
        b"HTTP/1.1 200 OK\r\nContent-Length: 1024\r\n\r\n", size, head=True)
    assert (status, headers["content-length"], body) == (200, "1024", b"")
    assert conn.reusable
    (status, _, body), _ = _exchange(b"HTTP/1.1 204 No Content\r\n\r\n", size)
    assert (status, body) == (204, b"")


def test_body_to_end_of_connection_and_connection_close() -> None:
    (status, _, body), conn = _exchange(b"HTTP/1.0 200 OK\r\n\r\nall of it", 4, eof=True)
    assert (status, body) == (200, b"all of it")
    assert not conn.reusable
    (_, _, body), conn = _exchange(
        b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok", 0)
    assert body == b"ok" and not conn.reusable


@pytest.mark.parametrize("size", [1, 3, 0])
def test_streaming_reads_in_pieces(size: int) -> None:
    answer = b"HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\n0123456789ab"
    (status, _, body), conn = _exchange(answer, size, stream=True)
    assert (status, body) == (200, b"0123456789ab")
    assert conn.reusable


def test_streaming_error_status_is_buffered() -> None:
    answer = b"HTTP/1.1 404 Not Found\r\nContent-Length: 4\r\n\r\nnope"

    async def main() -> Any:
        conn = Http11Connection(asyncio.get_running_loop(), ("http", "h", 80), read_timeout=5)
        conn.connection_made(FakeTransport())
        conn.start(False, True)
        conn.data_received(answer)
        return await conn.response()

    assert asyncio.run(main()) == (404, {"content-length": "4"}, b"nope")


@pytest.mark.parametrize("answer", [
    b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort",
    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel",
    b"",
])
def test_closed_mid_message_is_remote_closed(answer: bytes) -> None:
    with pytest.raises(RemoteClosed):
        _exchange(answer, 0, eof=True)


@pytest.mark.parametrize("answer", [
    b"SPDY/3 200 OK\r\n\r\n",
    b"HTTP/1.1 abc OK\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nno colon here\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
])
def test_malformed_answers_are_bad_responses(answer: bytes) -> None:
    with pytest.raises(BadResponse):
        _exchange(answer, 0)


def test_read_timeout_is_silence_while_waiting() -> None:
    async def main() -> None:
        conn = Http11Connection(asyncio.get_running_loop(), ("http", "h", 80), read_timeout=0.05)
        transport = FakeTransport()
        conn.connection_made(transport)
        conn.start(False, False)
        try:
            await conn.response()
        finally:
            assert transport.closed and not conn.reusable

    with pytest.raises(TimeoutError):
        asyncio.run(main())


def test_unread_streaming_data_pauses_the_socket() -> None:
    async def main() -> tuple[bool, bool, int]:
        conn = Http11Connection(asyncio.get_running_loop(), ("http", "h", 80), read_timeout=5)
        transport = FakeTransport()
        conn.connection_made(transport)
        conn.start(False, True)
        size = 1024 * 1024
        conn.data_received(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % size)
        await conn.response()
        for _ in range(size // 65536):
            conn.data_received(b"x" * 65536)
        paused = transport.paused
        total = len(await conn.read(-1))
        return paused, transport.paused, total

    assert asyncio.run(main()) == (True, False, 1024 * 1024)
