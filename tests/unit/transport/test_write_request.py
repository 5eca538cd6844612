"""The short path's request writer against ``http.client``'s ``request`` on urllib3's connection.

Both write through a connection whose socket records what is sent: for every header set, method and
body the bytes on the wire must be the same, and a request ``http.client`` (or urllib3) refuses
must be refused with the same exception and message, whether the header name is new or was
accepted before.
"""

from __future__ import annotations

import http.client
from typing import Any

import pytest
from urllib3.connection import HTTPConnection
from urllib3.util import SKIP_HEADER

from awsession.transport.urllib3 import _write_request


class RecordingSocket:
    def __init__(self) -> None:
        self.sent: list[bytes] = []

    def sendall(self, data: bytes) -> None:
        self.sent.append(bytes(data))

    def close(self) -> None:
        pass


def _wire(write: Any, method: str, target: str, body: bytes | None,
          headers: dict[str, Any]) -> object:
    conn = HTTPConnection("127.0.0.1", 8080)
    sock = RecordingSocket()
    conn.sock = sock  # type: ignore[assignment]
    try:
        write(conn, method, target, body, headers)
    except Exception as e:
        return type(e), str(e)
    return b"".join(sock.sent)


def _reference(conn: Any, method: str, target: str, body: bytes | None,
               headers: dict[str, Any]) -> None:
    http.client.HTTPConnection.request(conn, method, target, body, headers)


SIGNED = {
    "Host": "127.0.0.1:8080",
    "User-Agent": "awsession/1 md/x",
    "X-Amz-Date": "20240603T120000Z",
    "X-Amz-Content-SHA256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "Authorization": "AWS4-HMAC-SHA256 Credential=AKID/20240603/us-east-1/s3/aws4_request, "
                     "SignedHeaders=host;x-amz-date, Signature=" + "a" * 64,
}

CASES: list[tuple[str, str, bytes | None, dict[str, Any]]] = [
    ("HEAD", "/bucket/key", None, SIGNED),
    ("GET", "/bucket?list-type=2", None, SIGNED),
    ("POST", "/", b"Action=DescribeInstances", {**SIGNED, "Content-Type": "application/x-www-form"}),
    ("POST", "/", None, SIGNED),
    ("PUT", "/b/k", None, {}),
    ("DELETE", "/b/k", None, {"host": "h", "accept-encoding": "gzip"}),
    ("GET", "", None, {"Accept-Encoding": "identity", "X-Meta": "caf\xe9"}),
    ("PUT", "/b/k", b"abc", {"Content-Length": "3", "A": "1"}),
    ("PUT", "/b/k", b"abc", {"transfer-encoding": "chunked"}),
    ("GET", "/", None, {"X-Folded": "a\r\n b", "X-Number": 5, "X-Bytes": b"raw"}),
    ("patch", "/", None, {"X-Empty": ""}),
    ("GET", "/", None, {"User-Agent": SKIP_HEADER}),
    # refused: a bad name, a bad value, a non-Latin-1 value, a skip marker on a header that
    # cannot be skipped, a bad method, a bad target
    ("GET", "/", None, {"Bad Name:": "x"}),
    ("GET", "/", None, {"Host": "h", "X-Amz-Date": "a\nb"}),
    ("GET", "/", None, {"Host": "h", "X-Amz-Date": "a\rb"}),
    ("GET", "/", None, {"Host": "h", "User-Agent": "\u20ac"}),
    ("GET", "/", None, {"X-Amz-Date": SKIP_HEADER}),
    ("GE\nT", "/", None, {}),
    ("GET", "/a b", None, {}),
]


@pytest.mark.parametrize(("method", "target", "body", "headers"), CASES, ids=range(len(CASES)))
def test_same_bytes_and_errors_as_http_client(method: str, target: str, body: bytes | None,
                                              headers: dict[str, Any]) -> None:
    expected = _wire(_reference, method, target, body, headers)
    assert _wire(_write_request, method, target, body, headers) == expected
    # Once more: the header names are now known, so the writer builds those lines itself.
    assert _wire(_write_request, method, target, body, headers) == expected


def test_the_body_follows_the_head() -> None:
    wire = _wire(_write_request, "POST", "/", b"Action=X", {"Host": "h"})
    assert wire == b"POST / HTTP/1.1\r\nAccept-Encoding: identity\r\nContent-Length: 8\r\nHost: h\r\n\r\nAction=X"
