"""The ``User-Agent`` header in AWS's structured format (``ua/2.1``), computed once per client."""

from __future__ import annotations

import platform
import sys

from .._version import __version__

__all__ = ["build_user_agent"]

_BASE: str | None = None


def _base() -> str:
    global _BASE
    if _BASE is None:
        system = platform.system().lower() or "other"
        release = platform.release() or "unknown"
        py = ".".join(str(v) for v in sys.version_info[:3])
        _BASE = (f"awsession/{__version__} ua/2.1 os/{system}#{release} "
                 f"md/arch#{platform.machine().lower()} lang/python#{py} "
                 f"md/pyimpl#{platform.python_implementation()}")
    return _BASE


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
