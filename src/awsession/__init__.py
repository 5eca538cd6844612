"""awsession: a fast, thread-safe, drop-in AWS SDK core built around the Session.

``import awsession as boto3`` runs boto3 code unchanged. Its public names are pinned by
``tests/unit/test_exports.py``.
"""

from __future__ import annotations

from ._default_session import client, resource, setup_default_session
from ._version import __version__
from .session import Session

DEFAULT_SESSION: Session | None = None
"""The default session (boto3's name); made on first use of :func:`client`/:func:`resource`."""

__all__ = [
    "DEFAULT_SESSION",
    "Session",
    "__version__",
    "client",
    "resource",
    "setup_default_session",
]
