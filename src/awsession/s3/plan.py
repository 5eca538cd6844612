"""Part planning for multipart uploads, ranged downloads and multipart copies (pure arithmetic).

Rules (s3transfer 0.17):

1. Upload and copy part sizes start at ``multipart_chunksize``, double until the object fits in
   10,000 parts, then are clamped to [5 MiB, 5 GiB]. Downloads use ``multipart_chunksize`` as is.
2. Part ``i`` (0-based) covers ``[i * size, min((i + 1) * size, total))``; part numbers are 1-based.
3. Range headers: ``bytes=start-end`` (inclusive). A download's last range is open ended
   (``bytes=start-``); a copy's last range names the last byte.
"""

from __future__ import annotations

from dataclasses import dataclass

from .config import MAX_PARTS, MAX_SINGLE_UPLOAD_SIZE, MIN_UPLOAD_CHUNKSIZE

__all__ = ["Part", "adjust_chunksize", "plan_parts"]


@dataclass(frozen=True, slots=True)
class Part:
    """One part of a transfer: its 1-based number, first byte and length."""

    number: int
    start: int
    length: int

    def range(self, *, open_ended: bool = False) -> str:
        if open_ended:
            return f"bytes={self.start}-"
        return f"bytes={self.start}-{self.start + self.length - 1}"


def adjust_chunksize(chunksize: int, size: int | None = None) -> int:
    """Rule 1: a part size S3 accepts for an object of ``size`` bytes (``None``: unknown)."""
    if size is not None:
        while -(-size // chunksize) > MAX_PARTS:
            chunksize *= 2
    return max(MIN_UPLOAD_CHUNKSIZE, min(chunksize, MAX_SINGLE_UPLOAD_SIZE))


def plan_parts(size: int, part_size: int) -> tuple[Part, ...]:
    """Rule 2: the parts of a ``size``-byte object (one empty part when ``size`` is 0)."""
    count = max(1, -(-size // part_size))
    return tuple(Part(i + 1, i * part_size, min(part_size, size - i * part_size))
                 for i in range(count))
