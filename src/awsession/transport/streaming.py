"""``StreamingBody``: boto3's wrapper around a streaming HTTP response body.

Rules (botocore 1.43 ``response.StreamingBody``):

1. It is an ``io.IOBase``; ``read()``/``readinto()`` count the bytes that arrive and, at the end of
   the stream, check that exactly ``Content-Length`` bytes came (``IncompleteReadError`` otherwise).
2. Transport errors met while reading are translated here, once: a urllib3 read timeout becomes
   ``ReadTimeoutError``, a broken connection ``ResponseStreamingError``.
3. Garbage collection does not close the raw stream (as botocore); ``close()`` and leaving a
   ``with`` block do. ``with body as b`` gives the body itself (botocore gives the raw urllib3
   stream; both read the same bytes, ours keeps the length check).
"""

from __future__ import annotations

from collections.abc import Iterator
from io import IOBase
from typing import Any

from ..exceptions import IncompleteReadError, ReadTimeoutError, ResponseStreamingError

__all__ = ["StreamingBody"]


def _translate(error: Exception) -> Exception:
    from urllib3.exceptions import ProtocolError
    from urllib3.exceptions import ReadTimeoutError as Urllib3ReadTimeout

    if isinstance(error, Urllib3ReadTimeout):
        return ReadTimeoutError(endpoint_url=getattr(error, "url", None) or "", error=error)
    if isinstance(error, ProtocolError):
        return ResponseStreamingError(error=error)
    return error


class StreamingBody(IOBase):
    """A readable, iterable response body (``read``, ``iter_chunks``, ``iter_lines``, ...)."""

    _DEFAULT_CHUNK_SIZE = 1024

    def __init__(self, raw_stream: Any, content_length: int | str | None) -> None:
        self._raw_stream = raw_stream
        self._content_length = None if content_length is None else int(content_length)
        self._amount_read = 0

    def __del__(self) -> None:  # keep the raw stream alive, as botocore does
        pass

    def set_socket_timeout(self, timeout: float) -> None:
        """Set the read timeout of the socket under the stream."""
        self._raw_stream._fp.fp.raw._sock.settimeout(timeout)

    def readable(self) -> bool:
        try:
            return bool(self._raw_stream.readable())
        except AttributeError:
            return False

    def read(self, amt: int | None = None) -> bytes:
        """Read at most ``amt`` bytes, or everything left when ``amt`` is ``None``."""
        try:
            chunk: bytes = self._raw_stream.read(amt)
        except Exception as e:
            raise _translate(e) from e
        self._amount_read += len(chunk)
        if amt is None or (not chunk and amt > 0):
            self._verify_content_length()
        return chunk

    def readinto(self, buffer: Any) -> int:
        try:
            count: int = self._raw_stream.readinto(buffer)
        except Exception as e:
            raise _translate(e) from e
        self._amount_read += count
        if count == 0 and len(buffer) > 0:
            self._verify_content_length()
        return count

    def readlines(self, hint: int = -1) -> list[bytes]:
        return self._raw_stream.readlines(hint)  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[bytes]:
        return self.iter_chunks(self._DEFAULT_CHUNK_SIZE)

    def __next__(self) -> bytes:
        chunk = self.read(self._DEFAULT_CHUNK_SIZE)
        if chunk:
            return chunk
        raise StopIteration

    next = __next__

    def __enter__(self) -> StreamingBody:
        return self

    def __exit__(self, *exc: object) -> None:
        self._raw_stream.close()

    def iter_lines(self, chunk_size: int = _DEFAULT_CHUNK_SIZE,
                   keepends: bool = False) -> Iterator[bytes]:
        """Yield lines (split on any line boundary), reading ``chunk_size`` bytes at a time."""
        pending = b""
        for chunk in self.iter_chunks(chunk_size):
            lines = (pending + chunk).splitlines(True)
            for line in lines[:-1]:
                yield line.splitlines(keepends)[0]
            pending = lines[-1]
        if pending:
            yield pending.splitlines(keepends)[0]

    def iter_chunks(self, chunk_size: int = _DEFAULT_CHUNK_SIZE) -> Iterator[bytes]:
        while True:
            chunk = self.read(chunk_size)
            if chunk == b"":
                break
            yield chunk

    def _verify_content_length(self) -> None:
        if self._content_length is not None and self._amount_read != self._content_length:
            raise IncompleteReadError(actual_bytes=self._amount_read,
                                      expected_bytes=self._content_length)

    def tell(self) -> int:
        return self._raw_stream.tell()  # type: ignore[no-any-return]

    def close(self) -> None:
        """Close the underlying HTTP response stream."""
        self._raw_stream.close()
