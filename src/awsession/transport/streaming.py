"""``StreamingBody``: boto3's wrapper around a streaming HTTP response body.

It reads from the transport's raw stream, checks that exactly ``Content-Length`` bytes arrived
(``IncompleteReadError`` otherwise) and maps transport errors met while reading.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..exceptions import IncompleteReadError, ReadTimeoutError, ResponseStreamingError

__all__ = ["StreamingBody"]


class StreamingBody:
    """A readable, iterable response body (``read``, ``iter_chunks``, ``iter_lines``, ...)."""

    _DEFAULT_CHUNK_SIZE = 1024

    def __init__(self, raw_stream: Any, content_length: int | str | None) -> None:
        self._raw_stream = raw_stream
        self._content_length = None if content_length is None else int(content_length)
        self._amount_read = 0

    def __del__(self) -> None:  # release the connection promptly, like botocore
        pass

    def set_socket_timeout(self, timeout: float) -> None:
        fp = getattr(self._raw_stream, "_fp", None)
        sock = getattr(getattr(getattr(fp, "fp", None), "raw", None), "_sock", None)
        if sock is not None:
            sock.settimeout(timeout)

    def readable(self) -> bool:
        try:
            return bool(self._raw_stream.readable())
        except AttributeError:
            return False

    def read(self, amt: int | None = None) -> bytes:
        """Read ``amt`` bytes, or everything left when ``amt`` is ``None``."""
        chunk = self._read_raw(amt)
        self._amount_read += len(chunk)
        if amt is None or (not chunk and amt > 0):
            self._verify_content_length()
        return chunk

    def readinto(self, buffer: bytearray | memoryview) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def _read_raw(self, amt: int | None) -> bytes:
        from urllib3.exceptions import ProtocolError
        from urllib3.exceptions import ReadTimeoutError as Urllib3ReadTimeout
        try:
            return bytes(self._raw_stream.read(amt))
        except Urllib3ReadTimeout as e:
            raise ReadTimeoutError(endpoint_url=getattr(e, "url", ""), error=e) from e
        except ProtocolError as e:
            raise ResponseStreamingError(error=e) from e

    def readlines(self) -> list[bytes]:
        return self._raw_stream.read().splitlines(keepends=True)  # type: ignore[no-any-return]

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
        self.close()

    def iter_lines(self, chunk_size: int = _DEFAULT_CHUNK_SIZE, keepends: bool = False) -> Iterator[bytes]:
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
            if not chunk:
                break
            yield chunk

    def _verify_content_length(self) -> None:
        if self._content_length is not None and self._amount_read != self._content_length:
            raise IncompleteReadError(actual_bytes=self._amount_read,
                                      expected_bytes=self._content_length)

    def tell(self) -> int:
        return self._raw_stream.tell()  # type: ignore[no-any-return]

    def close(self) -> None:
        self._raw_stream.close()
