"""s3transfer's own transfer errors, with its names and message texts.

These three are not in ``awsession.exceptions`` yet (they are s3transfer's, not boto3's): raised
by downloads and copies whose source changed underneath them, and by a range reply that does not
match the request. ``RetriesExceededError``, ``S3UploadFailedError`` and
``S3TransferFailedError`` come from ``awsession.exceptions``.
"""

from __future__ import annotations

__all__ = ["S3CopyFailedError", "S3DownloadFailedError", "S3ValidationError"]


class S3DownloadFailedError(Exception):
    """The object changed during a ranged download (its ETag no longer matches)."""


class S3CopyFailedError(Exception):
    """The source object changed during a multipart copy (its ETag no longer matches)."""


class S3ValidationError(Exception):
    """A ranged GET answered with bytes other than the ones asked for."""
