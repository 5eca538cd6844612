"""Request bodies of an upload: a window on a file or buffer that reports progress as it is read.

Rules:

1. A :class:`PartBody` shows bytes ``[start, start + length)`` of its source as a seekable,
   readable file of ``length`` bytes; the source (a file path, a buffer, or the caller's own file
   object) is opened on first use, and closed at the end unless it is the caller's.
2. Progress counts each byte once, the first time it is read (a high-water mark): the SDK may read
   a body more than once (hashing it for a signature, retrying the request), and the callback
   total still equals the object's size, never going backwards.
3. The flexible checksum of a part is computed here, chunk by chunk and without reporting
   progress, so the pipeline never needs the whole part in memory (the value is sent as the
   operation's ``Checksum<ALGORITHM>`` member, which gives the same headers botocore sends).
"""

from __future__ import annotations

import base64
import hashlib
import io
import threading
import zlib
from collections.abc import Callable
from typing import Any, BinaryIO

__all__ = ["CHECKSUM_MEMBERS", "PartBody", "Progress", "is_seekable"]

_READ_CHUNK = 256 * 1024


class Progress:
    """Relays byte counts to a user's ``Callback(bytes_transferred)``, one call at a time."""

    def __init__(self, callback: Callable[[int], Any] | None) -> None:
        self._callback = callback
        self._lock = threading.Lock()

    def __call__(self, amount: int) -> None:
        if self._callback is not None and amount:
            with self._lock:
                self._callback(amount)


def is_seekable(fileobj: Any) -> bool:
    """Whether a file object can seek (its ``seekable()``, else a trial ``seek(0, 1)``)."""
    if hasattr(fileobj, "seekable"):
        return bool(fileobj.seekable())
    if hasattr(fileobj, "seek") and hasattr(fileobj, "tell"):
        try:
            fileobj.seek(0, 1)
            return True
        except OSError:
            return False
    return False


class _Crc32:
    def __init__(self) -> None:
        self.value = 0

    def update(self, data: bytes) -> None:
        self.value = zlib.crc32(data, self.value)

    def digest(self) -> bytes:
        return (self.value & 0xFFFFFFFF).to_bytes(4, "big")


# ChecksumAlgorithm value -> (request member carrying the value, hasher factory).
CHECKSUM_MEMBERS: dict[str, tuple[str, Callable[[], Any]]] = {
    "CRC32": ("ChecksumCRC32", _Crc32),
    "SHA1": ("ChecksumSHA1", hashlib.sha1),
    "SHA256": ("ChecksumSHA256", hashlib.sha256),
}


class PartBody(io.IOBase):
    """A seekable, progress-reporting window on a source (rule 1)."""

    def __init__(self, opener: Callable[[], BinaryIO], start: int, length: int,
                 progress: Callable[[int], None], *, owns_source: bool = True) -> None:
        self._opener = opener
        self._start = start
        self._length = length
        self._progress = progress
        self._owns = owns_source
        self._handle: BinaryIO | None = None
        self._pos = 0
        self._reported = 0

    def _source(self) -> BinaryIO:
        if self._handle is None:
            self._handle = self._opener()
        return self._handle

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = 0) -> int:
        base = (0, self._pos, self._length)[whence]
        self._pos = max(0, min(base + offset, self._length))
        return self._pos

    def read(self, amt: int | None = -1) -> bytes:
        left = self._length - self._pos
        if amt is None or amt < 0 or amt > left:
            amt = left
        if amt == 0:
            return b""
        source = self._source()
        source.seek(self._start + self._pos)
        data = source.read(amt)
        self._pos += len(data)
        if self._pos > self._reported:
            self._progress(self._pos - self._reported)
            self._reported = self._pos
        return data

    def checksum(self, algorithm: str) -> str | None:
        """Rule 3: base64 of the part's digest, or None for an algorithm computed elsewhere."""
        entry = CHECKSUM_MEMBERS.get(algorithm.upper())
        if entry is None:
            return None
        hasher = entry[1]()
        source = self._source()
        source.seek(self._start)
        left = self._length
        while left > 0:
            data = source.read(min(_READ_CHUNK, left))
            if not data:
                break
            hasher.update(data)
            left -= len(data)
        return base64.b64encode(hasher.digest()).decode("ascii")

    def close(self) -> None:
        handle, self._handle = self._handle, None
        if handle is not None and self._owns:
            handle.close()
        super().close()
