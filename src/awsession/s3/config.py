"""``TransferConfig``: the knobs of a managed transfer, with boto3 1.43's defaults and checks.

Rules:

1. Defaults are boto3's: 8 MiB threshold and parts, 10 threads, 5 download attempts, an I/O queue
   of 100, 256 KiB I/O chunks, threads on, no bandwidth cap, ``preferred_transfer_client='auto'``.
   The CRT transfer client is never available here, so ``auto`` and ``classic`` behave the same and
   ``crt`` is refused by the transfer functions.
2. Every numeric setting given must be > 0: ``ValueError`` with s3transfer's text, naming the
   setting by its s3transfer name (``max_request_concurrency`` for ``max_concurrency``).
3. The object is mutable, as boto3's is (``config.use_threads = False`` is common code), and the
   aliases ``max_concurrency``/``max_request_concurrency`` and ``max_io_queue``/
   ``max_io_queue_size`` stay in step whichever one is set.
"""

from __future__ import annotations

from typing import Any

__all__ = ["GB", "KB", "MAX_PARTS", "MAX_SINGLE_UPLOAD_SIZE", "MB", "MIN_UPLOAD_CHUNKSIZE",
           "TransferConfig"]

KB = 1024
MB = KB * KB
GB = MB * KB
MAX_PARTS = 10000
MAX_SINGLE_UPLOAD_SIZE = 5 * GB
MIN_UPLOAD_CHUNKSIZE = 5 * MB

# boto3 name -> the s3transfer name it mirrors.
_ALIASES = {"max_concurrency": "max_request_concurrency", "max_io_queue": "max_io_queue_size"}


class TransferConfig:
    """Configuration of managed S3 transfers (``boto3.s3.transfer.TransferConfig``)."""

    def __init__(self, multipart_threshold: int | None = None, max_concurrency: int | None = None,
                 multipart_chunksize: int | None = None, num_download_attempts: int | None = None,
                 max_io_queue: int | None = None, io_chunksize: int | None = None,
                 use_threads: bool | None = None, max_bandwidth: int | None = None,
                 preferred_transfer_client: str | None = None) -> None:
        # Order matters: the first bad value named in the error is s3transfer's first.
        checked: dict[str, int | None] = {
            "multipart_threshold": _or(multipart_threshold, 8 * MB),
            "multipart_chunksize": _or(multipart_chunksize, 8 * MB),
            "max_request_concurrency": _or(max_concurrency, 10),
            "max_io_queue_size": _or(max_io_queue, 100),
            "io_chunksize": _or(io_chunksize, 256 * KB),
            "num_download_attempts": _or(num_download_attempts, 5),
            "max_bandwidth": max_bandwidth,
        }
        for name, value in checked.items():
            if value is not None and value <= 0:
                raise ValueError(f"Provided parameter {name} of value {value} must be greater "
                                 "than 0.")
        self.multipart_threshold: int = checked["multipart_threshold"]  # type: ignore[assignment]
        self.multipart_chunksize: int = checked["multipart_chunksize"]  # type: ignore[assignment]
        self.max_request_concurrency: int = checked["max_request_concurrency"]  # type: ignore[assignment]
        self.max_io_queue_size: int = checked["max_io_queue_size"]  # type: ignore[assignment]
        self.io_chunksize: int = checked["io_chunksize"]  # type: ignore[assignment]
        self.num_download_attempts: int = checked["num_download_attempts"]  # type: ignore[assignment]
        self.max_bandwidth: int | None = max_bandwidth
        self.max_concurrency: int = self.max_request_concurrency
        self.max_io_queue: int = self.max_io_queue_size
        self.use_threads: bool = True if use_threads is None else use_threads
        self.preferred_transfer_client: str = preferred_transfer_client or "auto"

    def __setattr__(self, name: str, value: Any) -> None:
        alias = _ALIASES.get(name)
        if alias is not None:
            object.__setattr__(self, alias, value)
        object.__setattr__(self, name, value)

    def __repr__(self) -> str:
        return (f"TransferConfig(multipart_threshold={self.multipart_threshold}, "
                f"multipart_chunksize={self.multipart_chunksize}, "
                f"max_concurrency={self.max_concurrency}, use_threads={self.use_threads})")


def _or(value: int | None, default: int) -> int:
    return default if value is None else value
