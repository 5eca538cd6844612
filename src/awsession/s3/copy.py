"""Managed copy: one ``CopyObject`` below the threshold, a threaded multipart copy above it.

Rules (s3transfer 0.17):

1. ``ExtraArgs`` are checked against ``ALLOWED_COPY_ARGS``. ``CopySource`` must be a dict
   (``Bucket``, ``Key``, optional ``VersionId``): it is also the ``HeadObject`` request sent, with
   the source conditions and SSE-C arguments under their HEAD names, through ``SourceClient`` when
   given, to learn the size and ETag.
2. ``size < multipart_threshold``: ``CopyObject`` with every extra argument; the callback then gets
   the whole size at once.
3. Otherwise ``CreateMultipartUpload`` (without the copy-source arguments), ``UploadPartCopy`` per
   part of ``adjust_chunksize`` with ``CopySourceRange`` (the last byte named) and
   ``CopySourceIfMatch`` set to the ETag, the callback getting each part's size as it completes,
   then ``CompleteMultipartUpload``; any failure after the create aborts the upload.
4. ``PreconditionFailed`` on a part (the source changed) is ``S3CopyFailedError``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..exceptions import ClientError
from .args import (
    ALLOWED_COPY_ARGS,
    COPY_COMPLETE_ONLY,
    COPY_CREATE_DROP,
    COPY_PART_ONLY,
    COPY_TO_HEAD,
    check_bucket,
    keep,
    remove,
    validate_extra_args,
)
from .bodies import Progress
from .config import TransferConfig
from .errors import S3CopyFailedError
from .plan import Part, adjust_chunksize, plan_parts
from .pool import TaskPool

__all__ = ["copy"]


def copy(client: Any, copy_source: Any, bucket: str, key: str,
         extra_args: dict[str, Any] | None, callback: Callable[[int], Any] | None,
         config: TransferConfig, source_client: Any = None) -> None:
    """Copy the object ``copy_source`` names to ``bucket``/``key``."""
    extra = dict(extra_args) if extra_args else {}
    source_client = source_client if source_client is not None else client
    validate_extra_args(extra, ALLOWED_COPY_ARGS)
    if isinstance(copy_source, dict):
        check_bucket(copy_source.get("Bucket"))
    check_bucket(bucket)
    if not isinstance(copy_source, dict):
        raise TypeError('Expecting dictionary formatted: {"Bucket": bucket_name, "Key": key} '
                        f"but got {copy_source} or type {type(copy_source)}.")
    head_request = dict(copy_source)
    for name, value in extra.items():
        head_name = COPY_TO_HEAD.get(name)
        if head_name is not None:
            head_request[head_name] = value
    head = source_client.head_object(**head_request)
    size, etag = int(head["ContentLength"]), head.get("ETag")
    progress = Progress(callback)
    if size < config.multipart_threshold:
        client.copy_object(CopySource=copy_source, Bucket=bucket, Key=key, **extra)
        progress(size)
        return
    response = client.create_multipart_upload(Bucket=bucket, Key=key,
                                              **remove(extra, COPY_CREATE_DROP))
    upload_id = response["UploadId"]
    try:
        parts = plan_parts(size, adjust_chunksize(config.multipart_chunksize, size))
        with TaskPool(config.use_threads, config.max_concurrency) as pool:
            futures = []
            for part in parts:
                if pool.stopped:
                    break
                args = keep(extra, COPY_PART_ONLY)
                args["CopySourceRange"] = part.range()
                if etag is not None:
                    args["CopySourceIfMatch"] = etag
                futures.append(pool.submit(_copy_part, client, copy_source, bucket, key,
                                           upload_id, part, args, extra.get("ChecksumAlgorithm"),
                                           progress))
            completed = pool.wait(futures)
        client.complete_multipart_upload(Bucket=bucket, Key=key, UploadId=upload_id,
                                         MultipartUpload={"Parts": completed},
                                         **keep(extra, COPY_COMPLETE_ONLY))
    except BaseException:
        try:
            client.abort_multipart_upload(Bucket=bucket, Key=key, UploadId=upload_id)
        except Exception:  # noqa: S110 - the copy's own error is the one to report
            pass
        raise


def _copy_part(client: Any, copy_source: dict[str, Any], bucket: str, key: str, upload_id: str,
               part: Part, args: dict[str, Any], checksum_algorithm: Any,
               progress: Progress) -> dict[str, Any]:
    try:
        response = client.upload_part_copy(CopySource=copy_source, Bucket=bucket, Key=key,
                                           UploadId=upload_id, PartNumber=part.number, **args)
    except ClientError as e:
        if e.response.get("Error", {}).get("Code") == "PreconditionFailed":
            raise S3CopyFailedError(
                f'Contents of stored object "{copy_source["Key"]}" in bucket '
                f'"{copy_source["Bucket"]}" did not match expected ETag.') from e
        raise
    progress(part.length)
    result = response["CopyPartResult"]
    completed = {"ETag": result["ETag"], "PartNumber": part.number}
    if checksum_algorithm:
        member = f"Checksum{str(checksum_algorithm).upper()}"
        if member in result:
            completed[member] = result[member]
    return completed
