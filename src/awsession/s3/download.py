"""Managed download: one GET below the threshold, parallel ranged GETs above it.

Rules (s3transfer 0.17):

1. ``ExtraArgs`` are checked against ``ALLOWED_DOWNLOAD_ARGS``, then ``HeadObject`` (with them)
   gives the size and ETag; a missing key fails here, as ``ClientError`` 404 from ``HeadObject``.
   When the client's ``response_checksum_validation`` is ``when_required`` the HEAD is skipped:
   the first part's GET (``bytes=0-<chunk-1>``) tells the size from its ``Content-Range``.
2. ``size < multipart_threshold``: one ``GetObject``. Otherwise ``multipart_chunksize`` ranges,
   the last one open ended, each with ``IfMatch`` set to the ETag, run on the pool.
3. Each GET is read ``io_chunksize`` bytes at a time, reported to the progress callback and
   written to the sink at its offset. A streaming error while reading (timeout, broken or short
   stream) restarts that GET, taking the progress it had made back, up to
   ``num_download_attempts`` times; then ``RetriesExceededError`` carries the last error.
4. ``PreconditionFailed`` (the object changed) is ``S3DownloadFailedError``; ``InvalidRange`` means
   an empty object; a ``Content-Range`` other than the one asked for is ``S3ValidationError``.
5. The sink (``sinks.py``) is made only after the HEAD, finished when every part has arrived and
   aborted on any failure.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from typing import Any

from ..exceptions import (
    ClientError,
    IncompleteReadError,
    ReadTimeoutError,
    ResponseStreamingError,
    RetriesExceededError,
)
from .args import ALLOWED_DOWNLOAD_ARGS, check_bucket, validate_extra_args
from .bodies import Progress
from .config import TransferConfig
from .errors import S3DownloadFailedError, S3ValidationError
from .plan import plan_parts
from .pool import TaskPool
from .settings import checksum_validation
from .sinks import Sink, sink_for

__all__ = ["RETRYABLE_STREAM_ERRORS", "download"]

RETRYABLE_STREAM_ERRORS: tuple[type[BaseException], ...] = (
    socket.timeout, ConnectionError, ReadTimeoutError, IncompleteReadError, ResponseStreamingError,
)


def download(client: Any, bucket: str, key: str, target: Any,
             extra_args: dict[str, Any] | None, callback: Callable[[int], Any] | None,
             config: TransferConfig) -> None:
    """Download ``bucket``/``key`` into ``target`` (a file name or a writable file object)."""
    extra = dict(extra_args) if extra_args else {}
    validate_extra_args(extra, ALLOWED_DOWNLOAD_ARGS)
    check_bucket(bucket)
    size: int | None = None
    etag: str | None = None
    if checksum_validation(client) != "when_required":
        head = client.head_object(Bucket=bucket, Key=key, **extra)
        size, etag = int(head["ContentLength"]), head.get("ETag")
    sink = sink_for(target)
    get = _Getter(client, bucket, key, extra, sink, Progress(callback), config)
    try:
        with TaskPool(config.use_threads, config.max_concurrency) as pool:
            get.pool = pool
            if size is None:
                response = get.part(0, {"Range": f"bytes=0-{config.multipart_chunksize - 1}"})
                size, etag = _size_and_etag(response)
                parts = plan_parts(size, config.multipart_chunksize)[1:]
            elif size < config.multipart_threshold:
                pool.wait([pool.submit(get.part, 0, {})])
                parts = ()
            else:
                parts = plan_parts(size, config.multipart_chunksize)
            last = parts[-1] if parts else None
            futures = []
            for part in parts:
                if pool.stopped:
                    break
                args = {"Range": part.range(open_ended=part is last)}
                if etag is not None:
                    args["IfMatch"] = etag
                futures.append(pool.submit(get.part, part.start, args))
            pool.wait(futures)
        sink.finish()
    except BaseException:
        sink.abort()
        raise


def _size_and_etag(response: dict[str, Any]) -> tuple[int, str | None]:
    content_range = response.get("ContentRange")
    if content_range:
        return int(content_range.rsplit("/", 1)[-1]), response.get("ETag")
    return int(response.get("ContentLength") or 0), response.get("ETag")


class _Getter:
    """Runs the GETs of one download (rules 3 and 4)."""

    pool: TaskPool | None = None

    def __init__(self, client: Any, bucket: str, key: str, extra: dict[str, Any], sink: Sink,
                 progress: Progress, config: TransferConfig) -> None:
        self._client = client
        self._bucket = bucket
        self._key = key
        self._extra = extra
        self._sink = sink
        self._progress = progress
        self._attempts = config.num_download_attempts
        self._io_chunksize = config.io_chunksize

    def part(self, start: int, args: dict[str, Any]) -> dict[str, Any]:
        args = {**args, **self._extra}
        last: BaseException | None = None
        for _ in range(self._attempts):
            offset = start
            try:
                response: dict[str, Any] = self._client.get_object(
                    Bucket=self._bucket, Key=self._key, **args)
                _check_range(args.get("Range"), response.get("ContentRange"))
                body = response["Body"]
                while self.pool is None or not self.pool.stopped:
                    chunk = body.read(self._io_chunksize)
                    if not chunk:
                        break
                    self._progress(len(chunk))
                    self._sink.write(offset, chunk)
                    offset += len(chunk)
                else:
                    body.close()
                return response
            except ClientError as e:
                code = e.response.get("Error", {}).get("Code")
                if code == "PreconditionFailed":
                    raise S3DownloadFailedError(
                        f'Contents of stored object "{self._key}" in bucket "{self._bucket}" '
                        "did not match expected ETag.") from e
                if code == "InvalidRange":
                    return {"ContentLength": 0, "ContentRange": None, "ETag": None}
                raise
            except RETRYABLE_STREAM_ERRORS as e:
                last = e
                self._progress(start - offset)
        raise RetriesExceededError(last)


def _check_range(requested: str | None, content_range: str | None) -> None:
    if not requested or not content_range:
        return
    returned, total = content_range.split("/")
    asked = requested[len("bytes="):]
    if "-" not in asked:
        return
    asked_start, asked_end = asked.split("-", 1)
    want_start = int(asked_start)
    want_end = int(asked_end) if asked_end else int(total) - 1
    got_start, got_end = (int(x) for x in returned[len("bytes "):].split("-", 1))
    if got_start != want_start:
        raise S3ValidationError(f"Response range start `{got_start}` does not match requested "
                                f"start `{want_start}`")
    if got_end > want_end:
        raise S3ValidationError(f"Response range end `{got_end}` exceeds requested end "
                                f"`{want_end}`")
