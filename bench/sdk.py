"""The one client recipe both SDKs are measured with, so the same code drives boto3 and awsession.

Rules: fake explicit credentials, region us-east-1, ``endpoint_url`` of the canned server, S3 path
style, a single attempt (no retries). The SDK is a module (``boto3`` or ``awsession``); its ``Config``
class comes from the module named in ``CONFIG_MODULES``. This module imports nothing heavy, because
fresh-process children import it inside the timed region.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

__all__ = [
    "CONFIG_KWARGS",
    "CONFIG_MODULES",
    "SDK_NAMES",
    "SESSION_KWARGS",
    "failure",
    "load_sdk",
    "make_client",
    "make_config",
    "make_session",
]

SDK_NAMES = ("boto3", "awsession")
CONFIG_MODULES = {"boto3": "botocore.config", "awsession": "awsession.config"}
SESSION_KWARGS: dict[str, str] = {
    "aws_access_key_id": "AKIDBENCHFAKE0000000",
    "aws_secret_access_key": "bench-fake-secret-not-a-real-key-000000",
    "region_name": "us-east-1",
}
CONFIG_KWARGS: dict[str, Any] = {
    "s3": {"addressing_style": "path"},
    "retries": {"mode": "standard", "total_max_attempts": 1},
}


def load_sdk(name: str) -> ModuleType:
    if name not in CONFIG_MODULES:
        raise ValueError(f"unknown SDK {name!r}; expected one of {SDK_NAMES}")
    return importlib.import_module(name)


def make_config(sdk: ModuleType) -> Any:
    return importlib.import_module(CONFIG_MODULES[sdk.__name__]).Config(**CONFIG_KWARGS)


def make_session(sdk: ModuleType) -> Any:
    return sdk.Session(**SESSION_KWARGS)


def make_client(sdk: ModuleType, service: str, endpoint_url: str, session: Any = None) -> Any:
    """A new client of ``service``; a new Session too unless one is given."""
    session = make_session(sdk) if session is None else session
    return session.client(service, endpoint_url=endpoint_url, config=make_config(sdk))


def failure(exc: BaseException) -> str:
    """How a measurement that could not run is recorded: ``"n/a: <Type>: <first line>"``."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    line = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return f"n/a: {line[:160]}"
