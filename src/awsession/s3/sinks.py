"""Where a download's bytes go: a file by name, a seekable file object, or a stream.

Rules (s3transfer 0.17):

1. A file name is written through a temporary sibling (``<name>.<8 hex digits>``) that is renamed
   over the target only when every byte has arrived, and removed if the download fails. A special
   file (device, FIFO, socket) is written directly, in order.
2. A seekable file object is written at absolute offsets (``seek(offset)``), parts in any order.
3. A non-seekable target is written strictly in order: early data waits in memory until the gap
   before it is filled. Data at offsets already written (a retried range) is skipped, and the
   unseen tail of a partly seen chunk is kept.
4. Writes come from several threads; each sink serializes them with its own lock.
"""

from __future__ import annotations

import os
import secrets
import stat
import threading
from collections.abc import Callable
from typing import Any

from .bodies import is_seekable

__all__ = ["FileSink", "OffsetSink", "Sink", "StreamSink", "sink_for"]


class Sink:
    def write(self, offset: int, data: bytes) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        """All bytes arrived: make the result visible."""

    def abort(self) -> None:
        """The download failed: leave no partial result behind where we can avoid it."""


class OffsetSink(Sink):
    def __init__(self, fileobj: Any) -> None:
        self._fileobj = fileobj
        self._lock = threading.Lock()

    def write(self, offset: int, data: bytes) -> None:
        with self._lock:
            self._fileobj.seek(offset)
            self._fileobj.write(data)


class FileSink(OffsetSink):
    def __init__(self, filename: str, suffix: Callable[[], str]) -> None:
        self._final = filename
        self._temp = f"{filename}{os.extsep}{suffix()}"
        super().__init__(open(self._temp, "wb"))

    def finish(self) -> None:
        self._fileobj.close()
        os.replace(self._temp, self._final)

    def abort(self) -> None:
        self._fileobj.close()
        try:
            os.remove(self._temp)
        except OSError:
            pass


class StreamSink(Sink):
    def __init__(self, fileobj: Any, *, owns: bool = False) -> None:
        self._fileobj = fileobj
        self._owns = owns
        self._lock = threading.Lock()
        self._next = 0
        self._pending: dict[int, bytes] = {}

    def write(self, offset: int, data: bytes) -> None:
        with self._lock:
            if offset + len(data) <= self._next:
                return
            if offset < self._next:
                data = data[self._next - offset:]
                offset = self._next
            queued = self._pending.get(offset)
            if queued is None or len(data) > len(queued):
                self._pending[offset] = data
            while self._next in self._pending:
                chunk = self._pending.pop(self._next)
                self._fileobj.write(chunk)
                self._next += len(chunk)

    def finish(self) -> None:
        if self._owns:
            self._fileobj.close()

    def abort(self) -> None:
        self.finish()


def _is_special(filename: str) -> bool:
    try:
        mode = os.stat(filename).st_mode
    except OSError:
        return False
    return (stat.S_ISCHR(mode) or stat.S_ISBLK(mode) or stat.S_ISFIFO(mode)
            or stat.S_ISSOCK(mode))


def _random_suffix() -> str:
    return secrets.token_hex(4)


def sink_for(target: Any, suffix: Callable[[], str] = _random_suffix) -> Sink:
    """The sink of a download target (a file name or a writable file object), rules 1-3."""
    if isinstance(target, str):
        if _is_special(target):
            return StreamSink(open(target, "wb"), owns=True)
        return FileSink(target, suffix)
    if is_seekable(target):
        return OffsetSink(target)
    return StreamSink(target)
