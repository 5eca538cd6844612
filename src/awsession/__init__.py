"""awsession: a fast, thread-safe, drop-in AWS SDK core built around the Session.

``import awsession as boto3`` runs boto3 code unchanged. This module is filled in as the rooms land;
its public names are pinned by ``tests/unit/test_exports.py``.
"""

from __future__ import annotations

from ._version import __version__

__all__ = ["__version__"]
