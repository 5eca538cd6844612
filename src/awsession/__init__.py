"""awsession: a fast, thread-safe, drop-in AWS SDK core built around the Session.

``import awsession as boto3`` runs boto3 code unchanged. Its public names are pinned by
``tests/unit/test_exports.py``.

Rules: importing the package is nearly free. ``Session``, ``client``, ``resource`` and
``setup_default_session`` are loaded on first access (PEP 562 module ``__getattr__``) and then
bound in the module's namespace, so later accesses are plain attribute reads; ``DEFAULT_SESSION``
is a real attribute from the start, as in boto3.
"""

from __future__ import annotations

from ._version import __version__

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing alone costs more than the rest
if TYPE_CHECKING:
    from typing import Any

    from ._default_session import client, resource, setup_default_session
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

del TYPE_CHECKING

# Lazily loaded public names -> the submodule that defines them.
_LAZY: dict[str, str] = {
    "Session": ".session",
    "client": "._default_session",
    "resource": "._default_session",
    "setup_default_session": "._default_session",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    # __import__, not importlib.import_module: importing importlib (and warnings) is not free.
    value = getattr(__import__(module[1:], globals(), None, [name], 1), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
