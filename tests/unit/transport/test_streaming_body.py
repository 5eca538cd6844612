"""StreamingBody against botocore's: same reads, chunks, lines, length check and error mapping."""

from __future__ import annotations

import io

import pytest
from botocore.response import StreamingBody as BotocoreBody
from urllib3.exceptions import ProtocolError
from urllib3.exceptions import ReadTimeoutError as U3ReadTimeout

from awsession.exceptions import IncompleteReadError, ReadTimeoutError, ResponseStreamingError
from awsession.transport.streaming import StreamingBody

DATA = b"line one\nline two\r\nline three\rlast"


def both(data: bytes = DATA, length: int | None = None):
    length = len(data) if length is None else length
    return StreamingBody(io.BytesIO(data), length), BotocoreBody(io.BytesIO(data), length)


@pytest.mark.parametrize("size", [1, 3, 7, 1024])
def test_iter_chunks_and_lines_match_botocore(size):
    ours, theirs = both()
    assert list(ours.iter_chunks(size)) == list(theirs.iter_chunks(size))
    for keepends in (False, True):
        ours, theirs = both()
        assert list(ours.iter_lines(size, keepends)) == list(theirs.iter_lines(size, keepends))


def test_read_amounts_iteration_and_readlines():
    ours, theirs = both()
    assert [ours.read(5), ours.read(5), ours.read()] == [theirs.read(5), theirs.read(5),
                                                         theirs.read()]
    ours, theirs = both()
    assert list(ours) == list(theirs)
    ours, theirs = both()
    assert ours.readlines() == theirs.readlines()
    ours, _ = both()
    assert next(ours) == DATA and ours.tell() == len(DATA)
    with pytest.raises(StopIteration):
        next(ours)


def test_readinto_and_io_base():
    ours, _ = both()
    buffer = bytearray(10)
    assert ours.readinto(buffer) == 10 and bytes(buffer) == DATA[:10]
    assert isinstance(ours, io.IOBase) and ours.readable()


@pytest.mark.parametrize("amt", [None, 4])
def test_short_body_raises_incomplete_read(amt):
    ours, _ = both(length=len(DATA) + 5)
    with pytest.raises(IncompleteReadError) as caught:
        while ours.read(amt):
            if amt is None:
                break
    assert str(caught.value) == (f"{len(DATA)} read, but total bytes expected is "
                                 f"{len(DATA) + 5}.")


def test_unknown_length_is_not_checked():
    body = StreamingBody(io.BytesIO(DATA), None)
    assert body.read() == DATA


class _Broken(io.RawIOBase):
    def __init__(self, error: Exception) -> None:
        self.error = error

    def read(self, amt: int | None = -1) -> bytes:
        raise self.error

    def readinto(self, buffer) -> int:
        raise self.error


def test_transport_errors_are_mapped_once():
    timeout = U3ReadTimeout(None, "http://x", "Read timed out.")
    with pytest.raises(ReadTimeoutError):
        StreamingBody(_Broken(timeout), 10).read()
    with pytest.raises(ResponseStreamingError):
        StreamingBody(_Broken(ProtocolError("broken")), 10).read(3)
    with pytest.raises(ResponseStreamingError):
        StreamingBody(_Broken(ProtocolError("broken")), 10).readinto(bytearray(4))


def test_close_and_context_manager_close_the_raw_stream():
    raw = io.BytesIO(DATA)
    with StreamingBody(raw, len(DATA)) as body:
        assert body.read(4) == DATA[:4]
    assert raw.closed
    raw = io.BytesIO(DATA)
    StreamingBody(raw, len(DATA)).close()
    assert raw.closed
