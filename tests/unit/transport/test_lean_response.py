"""``LeanResponse`` against ``http.client.HTTPResponse``: the same heads give the same answers.

Both classes read the same bytes (a fake socket); every attribute ``http.client`` sets in ``begin``
and the body read afterwards must agree, and the header pairs must be what ``http.client``'s
e-mail parser makes of the head, including its odd corners (folded lines, skipped lines, a
malformed line ending the head).
"""

from __future__ import annotations

import http.client
import io
import random
from typing import Any

import pytest

from awsession.transport.lean_response import LeanResponse


class FakeSocket:
    def __init__(self, data: bytes) -> None:
        self._data = data

    def makefile(self, mode: str) -> io.BufferedReader:
        return io.BufferedReader(io.BytesIO(self._data))  # type: ignore[arg-type]


def _outcome(cls: type[http.client.HTTPResponse], data: bytes, method: str) -> Any:
    response = cls(FakeSocket(data), method=method)  # type: ignore[arg-type]
    try:
        response.begin()
    except Exception as e:
        return type(e), str(e)
    facts = (response.status, response.reason, response.version, response.chunked,
             response.will_close, response.length, list(response.msg.items()),
             response.getheader("content-type"), response.getheader("X-REPEATED"))
    try:
        body: Any = response.read()
    except Exception as e:
        body = type(e)
    return facts, body, response.isclosed()


HEADS = [
    b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/xml\r\n\r\nhello",
    b"HTTP/1.1 200 OK\r\nX-Repeated: a\r\nx-repeated: b\r\nContent-Length: 0\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n3\r\nabc\r\n0\r\nT: 1\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: CHUNKED\r\nContent-Length: 99\r\n\r\n2\r\nhi\r\n0\r\n\r\n",
    b"HTTP/1.1 100 Continue\r\nX-Skip: 1\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok",
    b"HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n",
    b"HTTP/1.1 304 Not Modified\r\n\r\n",
    b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end",
    b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 3\r\n\r\nabc",
    b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort",
    b"HTTP/1.1 200 OK\r\nContent-Length: nope\r\n\r\nbody",
    b"HTTP/1.1 200 OK\r\nContent-Length: -3\r\nConnection: keep-alive\r\n\r\nbody",
    b"HTTP/1.1 503 Slow Down \r\nX-Folded: a\r\n  b\r\n\tc\r\nContent-Length: 0\r\n\r\n",
    b"HTTP/1.1 200 OK\r\n continued-first\r\nFrom someone\r\n:empty\r\nA:  x \r\n\r\n",
    b"HTTP/1.1 200 OK\r\nA: 1\r\nnot a header\r\nContent-Length: 4\r\n\r\nbody",
    b"HTTP/1.1 200 OK\nA: 1\nContent-Length: 2\n\nok",
    b"HTTP/1.1 200 OK\r\nx-amz-meta-caf\xe9: 1\r\nContent-Length: 2\r\n\r\nok",
    b"HTTP/2 200 OK\r\n\r\n",
    b"garbage\r\n\r\n",
    b"",
    b"HTTP/1.1 200 OK\r\n" + b"A: 1\r\n" * 101 + b"\r\n",
    b"HTTP/1.1 200 OK\r\nA: " + b"x" * 70000 + b"\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nA:\tv \t\r\nB:\r\nC: x\ry\r\nD: z\r\r\nE::f\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nA: 1\r\nB: 2",
    b"HTTP/1.1 200 OK\r\nA: 1\r\n\r",
]

# Pieces of header lines, plain and odd, for heads made at random (seeded): the one-pass reading
# of plain heads and the line-by-line rules must both agree with the e-mail parser.
_NAMES = ["A", "x-amz-id-2", "Content-Length", "From", "na me", "", "caf\xe9", "t\tab", "b\rc"]
_VALUES = ["1", "", " v", "\tv\t", "a:b", "x\ry", "z\r", "  ", "\xff"]
_ENDS = ["\r\n", "\n", "\r\n", "\r\n"]
_ODD_LINES = [" folded\r\n", "\tfolded\n", "From me\r\n", "no colon\r\n", ":x\r\n"]


def _random_head(rng: random.Random) -> bytes:
    lines = []
    for _ in range(rng.randrange(6)):
        if rng.random() < 0.15:
            lines.append(rng.choice(_ODD_LINES))
        else:
            name = rng.choice(_NAMES) if rng.random() < 0.5 else rng.choice(_NAMES[:3])
            value = rng.choice(_VALUES) if rng.random() < 0.5 else "plain value"
            lines.append(f"{name}:{' ' if rng.random() < 0.7 else ''}{value}{rng.choice(_ENDS)}")
    end = rng.choice(["\r\n", "\n", "\r\n", ""])
    return ("HTTP/1.1 200 OK\r\n" + "".join(lines) + end + "Content-Length: 0\r\n").encode("latin-1")


@pytest.mark.parametrize("seed", range(300))
def test_random_heads_same_header_pairs_as_http_client(seed: int) -> None:
    data = _random_head(random.Random(seed))
    assert _outcome(LeanResponse, data, "GET") == _outcome(http.client.HTTPResponse, data, "GET")


@pytest.mark.parametrize("data", HEADS, ids=range(len(HEADS)))
@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_same_answers_as_http_client(data: bytes, method: str) -> None:
    assert _outcome(LeanResponse, data, method) == _outcome(http.client.HTTPResponse, data, method)


def test_headers_get_is_case_insensitive_first_value() -> None:
    response = LeanResponse(FakeSocket(HEADS[1]), method="GET")  # type: ignore[arg-type]
    response.begin()
    assert response.msg.get("X-REPEATED") == "a"
    assert response.msg.get("missing", "d") == "d"
    assert list(response.msg) == ["X-Repeated", "x-repeated", "Content-Length"]


def _joined_from(pairs: list[tuple[str, str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, value in pairs:
        key = name.lower()
        out[key] = f"{out[key]}, {value}" if key in out else value
    return out


@pytest.mark.parametrize("data", [*HEADS[:16], *(_random_head(random.Random(s)) for s in range(60))])
def test_joined_headers_are_the_e_mail_parsers_pairs_joined(data: bytes) -> None:
    ours = LeanResponse(FakeSocket(data), method="GET")  # type: ignore[arg-type]
    theirs = http.client.HTTPResponse(FakeSocket(data), method="GET")  # type: ignore[arg-type]
    ours.begin()
    theirs.begin()
    assert ours.msg.joined() == _joined_from(list(theirs.msg.items()))  # type: ignore[attr-defined]
    for name in ("x-repeated", "A", "content-length", "missing"):
        assert ours.msg.get(name) == theirs.msg.get(name)
