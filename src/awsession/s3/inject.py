"""The transfer methods boto3 adds to S3 clients, Buckets and Objects, with boto3's signatures.

Rules (boto3 1.43 ``boto3/s3/inject.py``):

1. Client methods: ``upload_file``, ``download_file``, ``upload_fileobj``, ``download_fileobj`` and
   ``copy``; each makes its transfer from ``Config`` (a new ``TransferConfig`` when ``None``).
   Importing this module registers them for the ``s3`` client class (``_client/injected.py``).
2. ``upload_file`` wraps ``ClientError`` in ``S3UploadFailedError``; the others raise errors as
   they come. ``upload_fileobj`` needs a ``read`` method, ``download_fileobj`` a ``write`` method
   (``ValueError`` otherwise). ``copy`` always runs the classic manager.
3. ``download_fileobj`` into a file object opened for appending runs on one thread (writes to
   such a file land at its end whatever the offset), working on a copy of the caller's config.
4. Bucket and Object variants fill ``Bucket``/``Key`` from the resource (``self.name``;
   ``self.bucket_name``/``self.key``) and call the client method through ``self.meta.client``.
   They are registered with the resources room when it is already loaded as this module is
   imported (the usual order: ``resource("s3")`` loads resources, then builds its S3 client,
   which imports this module). ``s3 -> resources`` is not a declared layer edge and resources is
   too heavy to load for every S3 client, so the module is looked up, not imported.
"""

from __future__ import annotations

import copy as _copy
import sys
from collections.abc import Callable
from typing import Any

from .._client.injected import register_client_methods

__all__ = ["BUCKET_METHODS", "CLIENT_METHODS", "OBJECT_METHODS"]

Callback = Callable[[int], Any] | None


def _config(config: Any) -> Any:
    from .transfer import TransferConfig, check_transfer_client

    config = config if config is not None else TransferConfig()
    check_transfer_client(config)
    return config


def upload_file(self: Any, Filename: Any, Bucket: str, Key: str,
                ExtraArgs: dict[str, Any] | None = None, Callback: Callback = None,
                Config: Any = None) -> None:
    """Upload a file to an S3 object (multipart and threaded above the threshold)."""
    from .transfer import S3Transfer

    with S3Transfer(self, Config) as transfer:
        transfer.upload_file(filename=Filename, bucket=Bucket, key=Key, extra_args=ExtraArgs,
                             callback=Callback)


def download_file(self: Any, Bucket: str, Key: str, Filename: Any,
                  ExtraArgs: dict[str, Any] | None = None, Callback: Callback = None,
                  Config: Any = None) -> None:
    """Download an S3 object to a file (ranged and threaded above the threshold)."""
    from .transfer import S3Transfer

    with S3Transfer(self, Config) as transfer:
        transfer.download_file(bucket=Bucket, key=Key, filename=Filename, extra_args=ExtraArgs,
                               callback=Callback)


def upload_fileobj(self: Any, Fileobj: Any, Bucket: str, Key: str,
                   ExtraArgs: dict[str, Any] | None = None, Callback: Callback = None,
                   Config: Any = None) -> None:
    """Upload a readable file-like object to an S3 object."""
    if not hasattr(Fileobj, "read"):
        raise ValueError("Fileobj must implement read")
    from .upload import upload

    upload(self, Fileobj, Bucket, Key, ExtraArgs, Callback, _config(Config))


def _is_append_mode(fileobj: Any) -> bool:
    mode = getattr(fileobj, "mode", None)
    return isinstance(mode, str) and "a" in mode


def download_fileobj(self: Any, Bucket: str, Key: str, Fileobj: Any,
                     ExtraArgs: dict[str, Any] | None = None, Callback: Callback = None,
                     Config: Any = None) -> None:
    """Download an S3 object into a writable file-like object."""
    if not hasattr(Fileobj, "write"):
        raise ValueError("Fileobj must implement write")
    from .download import download

    config = _copy.copy(_config(Config))
    if _is_append_mode(Fileobj):
        config.use_threads = False
        import logging  # only here: logging costs more to import than this whole module

        logging.getLogger(__name__).warning(
            "A single thread will be used because the provided file object is in append mode. "
            "Writes may always be appended to the end of the file regardless of seek position, "
            "so a single thread must be used to ensure sequential writes.")
    download(self, Bucket, Key, Fileobj, ExtraArgs, Callback, config)


def copy(self: Any, CopySource: Any, Bucket: str, Key: str,
         ExtraArgs: dict[str, Any] | None = None, Callback: Callback = None,
         SourceClient: Any = None, Config: Any = None) -> None:
    """Copy an object (multipart and threaded above the threshold)."""
    from .copy import copy as managed_copy
    from .transfer import TransferConfig

    config = Config if Config is not None else TransferConfig()
    managed_copy(self, CopySource, Bucket, Key, ExtraArgs, Callback, config, SourceClient)


def bucket_upload_file(self: Any, Filename: Any, Key: str,
                       ExtraArgs: dict[str, Any] | None = None, Callback: Callback = None,
                       Config: Any = None) -> None:
    return self.meta.client.upload_file(Filename=Filename, Bucket=self.name, Key=Key,  # type: ignore[no-any-return]
                                        ExtraArgs=ExtraArgs, Callback=Callback, Config=Config)


def bucket_download_file(self: Any, Key: str, Filename: Any,
                         ExtraArgs: dict[str, Any] | None = None, Callback: Callback = None,
                         Config: Any = None) -> None:
    return self.meta.client.download_file(Bucket=self.name, Key=Key, Filename=Filename,  # type: ignore[no-any-return]
                                          ExtraArgs=ExtraArgs, Callback=Callback, Config=Config)


def bucket_copy(self: Any, CopySource: Any, Key: str,
                ExtraArgs: dict[str, Any] | None = None, Callback: Callback = None,
                SourceClient: Any = None, Config: Any = None) -> None:
    return self.meta.client.copy(CopySource=CopySource, Bucket=self.name, Key=Key,  # type: ignore[no-any-return]
                                 ExtraArgs=ExtraArgs, Callback=Callback,
                                 SourceClient=SourceClient, Config=Config)


def bucket_upload_fileobj(self: Any, Fileobj: Any, Key: str,
                          ExtraArgs: dict[str, Any] | None = None, Callback: Callback = None,
                          Config: Any = None) -> None:
    return self.meta.client.upload_fileobj(Fileobj=Fileobj, Bucket=self.name, Key=Key,  # type: ignore[no-any-return]
                                           ExtraArgs=ExtraArgs, Callback=Callback,
                                           Config=Config)


def bucket_download_fileobj(self: Any, Key: str, Fileobj: Any,
                            ExtraArgs: dict[str, Any] | None = None, Callback: Callback = None,
                            Config: Any = None) -> None:
    return self.meta.client.download_fileobj(Bucket=self.name, Key=Key, Fileobj=Fileobj,  # type: ignore[no-any-return]
                                             ExtraArgs=ExtraArgs, Callback=Callback,
                                             Config=Config)


def object_upload_file(self: Any, Filename: Any,
                       ExtraArgs: dict[str, Any] | None = None, Callback: Callback = None,
                       Config: Any = None) -> None:
    return self.meta.client.upload_file(Filename=Filename, Bucket=self.bucket_name,  # type: ignore[no-any-return]
                                        Key=self.key, ExtraArgs=ExtraArgs, Callback=Callback,
                                        Config=Config)


def object_download_file(self: Any, Filename: Any,
                         ExtraArgs: dict[str, Any] | None = None, Callback: Callback = None,
                         Config: Any = None) -> None:
    return self.meta.client.download_file(Bucket=self.bucket_name, Key=self.key,  # type: ignore[no-any-return]
                                          Filename=Filename, ExtraArgs=ExtraArgs,
                                          Callback=Callback, Config=Config)


def object_copy(self: Any, CopySource: Any,
                ExtraArgs: dict[str, Any] | None = None, Callback: Callback = None,
                SourceClient: Any = None, Config: Any = None) -> None:
    return self.meta.client.copy(CopySource=CopySource, Bucket=self.bucket_name, Key=self.key,  # type: ignore[no-any-return]
                                 ExtraArgs=ExtraArgs, Callback=Callback,
                                 SourceClient=SourceClient, Config=Config)


def object_upload_fileobj(self: Any, Fileobj: Any,
                          ExtraArgs: dict[str, Any] | None = None, Callback: Callback = None,
                          Config: Any = None) -> None:
    return self.meta.client.upload_fileobj(Fileobj=Fileobj, Bucket=self.bucket_name,  # type: ignore[no-any-return]
                                           Key=self.key, ExtraArgs=ExtraArgs,
                                           Callback=Callback, Config=Config)


def object_download_fileobj(self: Any, Fileobj: Any,
                            ExtraArgs: dict[str, Any] | None = None, Callback: Callback = None,
                            Config: Any = None) -> None:
    return self.meta.client.download_fileobj(Bucket=self.bucket_name, Key=self.key,  # type: ignore[no-any-return]
                                             Fileobj=Fileobj, ExtraArgs=ExtraArgs,
                                             Callback=Callback, Config=Config)


CLIENT_METHODS: dict[str, Callable[..., Any]] = {
    "upload_file": upload_file, "download_file": download_file, "copy": copy,
    "upload_fileobj": upload_fileobj, "download_fileobj": download_fileobj,
}
BUCKET_METHODS: dict[str, Callable[..., Any]] = {
    "upload_file": bucket_upload_file, "download_file": bucket_download_file,
    "copy": bucket_copy, "upload_fileobj": bucket_upload_fileobj,
    "download_fileobj": bucket_download_fileobj,
}
OBJECT_METHODS: dict[str, Callable[..., Any]] = {
    "upload_file": object_upload_file, "download_file": object_download_file,
    "copy": object_copy, "upload_fileobj": object_upload_fileobj,
    "download_fileobj": object_download_fileobj,
}

register_client_methods("s3", CLIENT_METHODS)


def register_resource_methods() -> bool:
    """Rule 4: add the Bucket/Object methods if the resources room is loaded; True if it was."""
    resources = sys.modules.get("awsession.resources.factory")
    if resources is None:
        return False
    resources.register_injected("s3", "Bucket", BUCKET_METHODS)
    resources.register_injected("s3", "Object", OBJECT_METHODS)
    return True


register_resource_methods()
