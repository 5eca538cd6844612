"""The ``User-Agent`` header in AWS's structured format (``ua/2.1``), computed once per client."""

from __future__ import annotations

import os
import sys

from .._version import __version__

__all__ = ["build_user_agent"]

_BASE: str | None = None


def _base() -> str:
    global _BASE
    if _BASE is None:
        system, release, machine, implementation = _platform()
        py = ".".join(str(v) for v in sys.version_info[:3])
        _BASE = (f"awsession/{__version__} ua/2.1 os/{system.lower() or 'other'}#"
                 f"{release or 'unknown'} md/arch#{machine.lower()} lang/python#{py} "
                 f"md/pyimpl#{implementation}")
    return _BASE


_IMPLEMENTATIONS = {"cpython": "CPython", "pypy": "PyPy", "ironpython": "IronPython",
                    "jython": "Jython"}


def _platform() -> tuple[str, str, str, str]:
    """``platform``'s system, release, machine and implementation, from ``os.uname`` when it can.

    ``platform`` costs milliseconds to import; ``os.uname`` gives the same answers on POSIX.
    """
    implementation = _IMPLEMENTATIONS.get(sys.implementation.name)
    uname = getattr(os, "uname", None)
    if uname is not None and implementation is not None:
        info = uname()
        return info.sysname, info.release, info.machine, implementation
    import platform

    return (platform.system(), platform.release(), platform.machine(),
            platform.python_implementation())


def build_user_agent(*, retry_mode: str, user_agent: str | None = None,
                     user_agent_extra: str | None = None, app_id: str | None = None,
                     execution_env: str | None = None) -> str:
    """boto3-style: a ``Config(user_agent=...)`` replaces the base; extra and app id are appended."""
    parts = [user_agent or _base()]
    if execution_env:
        parts.append(f"exec-env/{execution_env}")
    parts.append(f"cfg/retry-mode#{retry_mode}")
    if app_id:
        parts.append(f"app/{app_id}")
    if user_agent_extra:
        parts.append(user_agent_extra)
    return " ".join(parts)
