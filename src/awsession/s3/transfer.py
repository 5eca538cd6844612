"""The public transfer API of ``boto3.s3.transfer``: ``TransferConfig`` and ``S3Transfer``.

Rules (boto3 1.43):

1. ``S3Transfer(client, config)`` runs uploads and downloads with one client and one config;
   it is also a context manager (leaving it does nothing more: every call finishes before it
   returns).
2. ``upload_file`` wraps a ``ClientError`` in ``S3UploadFailedError`` ("Failed to upload <file> to
   <bucket>/<key>: <error>"); every other error, and every error of ``download_file``, is raised
   as it came.
3. File names may be ``str`` or path-like; anything else is a ``ValueError``.
4. The CRT transfer client is never available: ``preferred_transfer_client='crt'`` is refused
   with boto3's ``MissingDependencyException`` text, ``auto`` and ``classic`` run the classic
   manager. ``osutil`` and a prebuilt s3transfer ``manager`` are not supported (the latter is a
   ``ValueError`` when given alone, with the mutual-exclusion checks of boto3 kept as they are).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from ..exceptions import ClientError, MissingDependencyException, S3UploadFailedError
from .args import ALLOWED_COPY_ARGS, ALLOWED_DOWNLOAD_ARGS, ALLOWED_UPLOAD_ARGS
from .config import KB, MB, TransferConfig

__all__ = ["KB", "MB", "S3Transfer", "TransferConfig", "check_transfer_client"]


def check_transfer_client(config: TransferConfig) -> None:
    """Rule 4: the CRT client cannot be had here."""
    if str(config.preferred_transfer_client).lower() == "crt":
        raise MissingDependencyException(
            msg="CRT transfer client is configured but is missing minimum CRT version. "
                "CRT installed: False")


def _filename(value: Any) -> str:
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    if not isinstance(value, str):
        raise ValueError("Filename must be a string or a path-like object")
    return value


class S3Transfer:
    """Upload and download files with one client and one ``TransferConfig``."""

    ALLOWED_DOWNLOAD_ARGS = ALLOWED_DOWNLOAD_ARGS
    ALLOWED_UPLOAD_ARGS = ALLOWED_UPLOAD_ARGS
    ALLOWED_COPY_ARGS = ALLOWED_COPY_ARGS

    def __init__(self, client: Any = None, config: TransferConfig | None = None,
                 osutil: Any = None, manager: Any = None) -> None:
        if not client and not manager:
            raise ValueError("Either a boto3.Client or s3transfer.manager.TransferManager must "
                             "be provided")
        if manager and any([client, config, osutil]):
            raise ValueError("Manager cannot be provided with client, config, nor osutil. These "
                             "parameters are mutually exclusive.")
        if manager:
            raise ValueError("awsession does not use s3transfer: pass a client (and a "
                             "TransferConfig) instead of a manager")
        self._client = client
        self._config = config if config is not None else TransferConfig()
        check_transfer_client(self._config)

    def upload_file(self, filename: Any, bucket: str, key: str,
                    callback: Callable[[int], Any] | None = None,
                    extra_args: dict[str, Any] | None = None) -> None:
        from .upload import upload

        filename = _filename(filename)
        try:
            upload(self._client, filename, bucket, key, extra_args, callback, self._config)
        except ClientError as e:
            raise S3UploadFailedError(f"Failed to upload {filename} to {bucket}/{key}: {e}") from e

    def download_file(self, bucket: str, key: str, filename: Any,
                      extra_args: dict[str, Any] | None = None,
                      callback: Callable[[int], Any] | None = None) -> None:
        from .download import download

        download(self._client, bucket, key, _filename(filename), extra_args, callback,
                 self._config)

    def __enter__(self) -> S3Transfer:
        return self

    def __exit__(self, *args: object) -> None:
        return None
