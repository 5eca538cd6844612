"""The demo's sandbox: a temporary directory and a scoped set of environment variables.

Rules:

1. Every ``AWS_*`` variable the user has (and ``MOTO_ACCOUNT_ID``, which would make moto ignore the
   accounts) is hidden for the demo's duration, so nothing in the user's shell can send a request
   beyond 127.0.0.1 or change what the demo shows. The demo's own variables are set on top.
2. On exit the environment is put back exactly: variables the demo added are removed, hidden ones
   come back with their old values.
3. ``awsession.DEFAULT_SESSION`` is cleared on entry (so the default session is made from the demo's
   files) and restored on exit.
4. The temporary directory is removed on exit, whatever happened.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

__all__ = ["HIDDEN_PREFIXES", "scoped_environment", "temporary_directory"]

HIDDEN_PREFIXES = ("AWS_", "MOTO_ACCOUNT_ID")
"""Variables (by prefix) hidden while the demo runs."""


@contextmanager
def temporary_directory() -> Iterator[Path]:
    """A fresh private directory, removed with everything in it on exit."""
    path = tempfile.mkdtemp(prefix="awsession-demo-")
    try:
        yield Path(path)
    finally:
        shutil.rmtree(path, ignore_errors=True)


@contextmanager
def scoped_environment(settings: Mapping[str, str]) -> Iterator[None]:
    """Hide ``HIDDEN_PREFIXES`` variables, set ``settings``; restore everything on exit."""
    import awsession

    saved = {k: v for k, v in os.environ.items() if k.startswith(HIDDEN_PREFIXES)}
    saved.update({k: os.environ[k] for k in settings if k in os.environ})
    saved_session = awsession.DEFAULT_SESSION
    try:
        for name in saved:
            del os.environ[name]
        os.environ.update(settings)
        awsession.DEFAULT_SESSION = None
        yield
    finally:
        for name in set(settings) | set(saved):
            os.environ.pop(name, None)
        os.environ.update(saved)
        awsession.DEFAULT_SESSION = saved_session
