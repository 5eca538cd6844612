"""Managed upload: one ``PutObject`` below the threshold, a threaded multipart upload above it.

Rules (s3transfer 0.17):

1. ``ExtraArgs`` are checked against ``ALLOWED_UPLOAD_ARGS`` and defaulted (``args.py``) before any
   request; each S3 call then gets only the arguments it takes.
2. The source decides how its size is known and how parts are read:
   - a file name: its size on disk; every part opens the file itself, so parts stream from disk
     in parallel and nothing is held in memory;
   - a seekable file object: the bytes from its current position to its end; parts are read in
     order, in the caller's thread, at most ``2 * max_concurrency`` parts in memory at a time;
   - any other readable object: up to ``multipart_threshold`` bytes are read to decide; the rest
     is read part by part as for a seekable object.
3. ``size >= multipart_threshold`` means multipart, with parts of ``adjust_chunksize``. Every part
   runs on the pool; the first failure stops the rest, and once ``CreateMultipartUpload`` has
   succeeded any failure aborts the upload before the error is raised.
4. Errors are raised as they are (``ClientError`` included); ``S3Transfer.upload_file`` is the one
   place that wraps them in ``S3UploadFailedError``.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

from .args import (
    ALLOWED_UPLOAD_ARGS,
    FULL_OBJECT_CHECKSUM_ARGS,
    UPLOAD_COMPLETE_ONLY,
    UPLOAD_CREATE_DROP,
    UPLOAD_PART_ONLY,
    UPLOAD_PUT_DROP,
    add_upload_defaults,
    check_bucket,
    full_object_checksum,
    keep,
    remove,
    validate_extra_args,
)
from .bodies import CHECKSUM_MEMBERS, PartBody, Progress, is_seekable
from .config import TransferConfig
from .plan import adjust_chunksize, plan_parts
from .pool import TaskPool
from .settings import checksum_calculation

__all__ = ["upload"]


def upload(client: Any, source: Any, bucket: str, key: str, extra_args: dict[str, Any] | None,
           callback: Callable[[int], Any] | None, config: TransferConfig) -> None:
    """Upload ``source`` (a file name or a readable file object) to ``bucket``/``key``."""
    extra = dict(extra_args) if extra_args else {}
    validate_extra_args(extra, ALLOWED_UPLOAD_ARGS)
    check_bucket(bucket)
    add_upload_defaults(extra, checksum_calculation(client))
    progress = Progress(callback)
    reader = _reader_for(source, config.multipart_threshold, progress)
    if not reader.multipart:
        _put(client, bucket, key, reader.whole(), remove(extra, UPLOAD_PUT_DROP))
        return
    full_object_checksum(extra)
    response = client.create_multipart_upload(Bucket=bucket, Key=key,
                                              **remove(extra, UPLOAD_CREATE_DROP))
    upload_id = response["UploadId"]
    try:
        part_args = keep(extra, UPLOAD_PART_ONLY)
        chunksize = adjust_chunksize(config.multipart_chunksize, reader.size)
        with TaskPool(config.use_threads, config.max_concurrency) as pool:
            futures = []
            for number, body in reader.parts(chunksize):
                if pool.stopped:
                    body.close()
                    break
                futures.append(pool.submit(_upload_part, client, bucket, key, upload_id, number,
                                           body, part_args))
            parts = pool.wait(futures)
        client.complete_multipart_upload(Bucket=bucket, Key=key, UploadId=upload_id,
                                         MultipartUpload={"Parts": parts},
                                         **keep(extra, UPLOAD_COMPLETE_ONLY))
    except BaseException:
        try:
            client.abort_multipart_upload(Bucket=bucket, Key=key, UploadId=upload_id)
        except Exception:  # noqa: S110 - the upload's own error is the one to report
            pass
        raise


def _with_checksum(body: PartBody, args: dict[str, Any]) -> dict[str, Any]:
    algorithm = args.get("ChecksumAlgorithm")
    if not isinstance(algorithm, str) or any(name in args for name in FULL_OBJECT_CHECKSUM_ARGS):
        return args
    value = body.checksum(algorithm)
    if value is None:
        return args
    return {**args, CHECKSUM_MEMBERS[algorithm.upper()][0]: value}


def _put(client: Any, bucket: str, key: str, body: PartBody, args: dict[str, Any]) -> None:
    with body:
        client.put_object(Bucket=bucket, Key=key, Body=body, **_with_checksum(body, args))


def _upload_part(client: Any, bucket: str, key: str, upload_id: str, number: int, body: PartBody,
                 args: dict[str, Any]) -> dict[str, Any]:
    with body:
        response = client.upload_part(Bucket=bucket, Key=key, UploadId=upload_id,
                                      PartNumber=number, Body=body, **_with_checksum(body, args))
    part = {"ETag": response["ETag"], "PartNumber": number}
    algorithm = args.get("ChecksumAlgorithm")
    if isinstance(algorithm, str):
        member = f"Checksum{algorithm.upper()}"
        if member in response:
            part[member] = response[member]
    return part


class _Reader:
    """How one source is read (rule 2): its size, the whole body, or its parts."""

    size: int | None
    multipart: bool

    def whole(self) -> PartBody:
        raise NotImplementedError

    def parts(self, chunksize: int) -> Iterator[tuple[int, PartBody]]:
        raise NotImplementedError


class _FileReader(_Reader):
    def __init__(self, filename: str, threshold: int, progress: Progress) -> None:
        self._filename = filename
        self._progress = progress
        self.size = os.path.getsize(filename)
        self.multipart = self.size >= threshold

    def _open(self) -> BinaryIO:
        return open(self._filename, "rb")

    def whole(self) -> PartBody:
        return PartBody(self._open, 0, self.size or 0, self._progress)

    def parts(self, chunksize: int) -> Iterator[tuple[int, PartBody]]:
        for part in plan_parts(self.size or 0, chunksize):
            yield part.number, PartBody(self._open, part.start, part.length, self._progress)


class _SeekableReader(_Reader):
    def __init__(self, fileobj: Any, threshold: int, progress: Progress) -> None:
        self._fileobj = fileobj
        self._progress = progress
        self._start = fileobj.tell()
        end = fileobj.seek(0, 2)
        fileobj.seek(self._start)
        self.size = max(0, int(end if end is not None else fileobj.tell()) - self._start)
        self.multipart = self.size >= threshold

    def whole(self) -> PartBody:
        return PartBody(lambda: self._fileobj, self._start, self.size or 0, self._progress,
                        owns_source=False)

    def parts(self, chunksize: int) -> Iterator[tuple[int, PartBody]]:
        for part in plan_parts(self.size or 0, chunksize):
            yield part.number, _in_memory(self._fileobj.read(part.length), self._progress)


class _StreamReader(_Reader):
    def __init__(self, fileobj: Any, threshold: int, progress: Progress) -> None:
        self._fileobj = fileobj
        self._progress = progress
        self._initial = _read_exactly(fileobj, threshold)
        self.size = None
        self.multipart = len(self._initial) >= threshold

    def whole(self) -> PartBody:
        data, self._initial = self._initial + _read_exactly(self._fileobj, -1), b""
        return _in_memory(data, self._progress)

    def parts(self, chunksize: int) -> Iterator[tuple[int, PartBody]]:
        number = 0
        while True:
            data = self._initial[:chunksize]
            self._initial = self._initial[chunksize:]
            if len(data) < chunksize:
                data += _read_exactly(self._fileobj, chunksize - len(data))
            if not data:
                return
            number += 1
            yield number, _in_memory(data, self._progress)


def _in_memory(data: bytes, progress: Progress) -> PartBody:
    return PartBody(lambda: io.BytesIO(data), 0, len(data), progress)


def _read_exactly(fileobj: Any, amount: int) -> bytes:
    """Read ``amount`` bytes (all when negative), looping over short reads, until end of stream."""
    if amount < 0:
        data = fileobj.read()
        return data.encode("utf-8") if isinstance(data, str) else bytes(data)
    chunks: list[bytes] = []
    left = amount
    while left > 0:
        chunk = fileobj.read(left)
        if not chunk:
            break
        chunks.append(chunk.encode("utf-8") if isinstance(chunk, str) else bytes(chunk))
        left -= len(chunks[-1])
    return b"".join(chunks)


def _reader_for(source: Any, threshold: int, progress: Progress) -> _Reader:
    if isinstance(source, str):
        return _FileReader(source, threshold, progress)
    if is_seekable(source):
        return _SeekableReader(source, threshold, progress)
    return _StreamReader(source, threshold, progress)
