"""The process-wide default session behind ``awsession.client(...)`` and ``awsession.resource(...)``.

Rules:

1. ``awsession.DEFAULT_SESSION`` is the one place the default session lives, as in boto3, so code
   that reads it, or resets it to ``None``, keeps working.
2. When it is ``None`` it is made on first use under a lock: concurrent first calls make exactly
   one Session (boto3 can race here, boto/boto3#2750).
3. ``setup_default_session(**kwargs)`` makes a new one with the given arguments and installs it.
"""

from __future__ import annotations

import sys
from _thread import RLock
from typing import Any

from .session import Session

__all__ = ["client", "get_default_session", "resource", "setup_default_session"]

_PACKAGE = __name__.rpartition(".")[0]
_lock = RLock()  # _thread's: importing threading is not free


def _install(session: Session | None) -> None:
    setattr(sys.modules[_PACKAGE], "DEFAULT_SESSION", session)  # noqa: B010 - boto3 compat


def _current() -> Session | None:
    session = sys.modules[_PACKAGE].__dict__.get("DEFAULT_SESSION")
    return session if isinstance(session, Session) else None


def setup_default_session(**kwargs: Any) -> None:
    """Make a Session with ``kwargs`` and install it as ``awsession.DEFAULT_SESSION``."""
    with _lock:
        _install(Session(**kwargs))


def get_default_session() -> Session:
    """The default session, made on first use (thread-safe)."""
    session = _current()
    if session is not None:
        return session
    with _lock:
        session = _current()
        if session is None:
            session = Session()
            _install(session)
        return session


def client(*args: Any, **kwargs: Any) -> Any:
    """A low-level client from the default session (see :meth:`Session.client`)."""
    return get_default_session().client(*args, **kwargs)


def resource(*args: Any, **kwargs: Any) -> Any:
    """A resource from the default session (see :meth:`Session.resource`)."""
    return get_default_session().resource(*args, **kwargs)
