"""Methods a service's client class carries besides its operations (boto3's injected methods).

Rules:

1. A service's extra methods are registered by a provider module of a higher layer (``s3`` ->
   ``awsession.s3.inject``), named in the explicit table ``_PROVIDERS`` and imported the first
   time that service's client class is built; on import it calls :func:`register_client_methods`.
   The module name is data here, so this layer holds no static import of the layer above.
2. Extra methods never replace an operation method of the same name (the factory adds them with
   ``setdefault``); they are plain functions, bound like any method.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["client_methods", "register_client_methods"]

_PROVIDERS: dict[str, str] = {"s3": "awsession.s3.inject"}

_lock = threading.Lock()
_methods: dict[str, dict[str, Callable[..., Any]]] = {}


def register_client_methods(service_name: str, methods: Mapping[str, Callable[..., Any]]) -> None:
    """Add ``methods`` to the client classes of ``service_name`` built from now on."""
    with _lock:
        _methods.setdefault(service_name, {}).update(methods)


def client_methods(service_name: str) -> dict[str, Callable[..., Any]]:
    """The extra methods of ``service_name``'s client class (importing its provider if needed)."""
    provider = _PROVIDERS.get(service_name)
    if provider is not None and service_name not in _methods:
        importlib.import_module(provider)
    return dict(_methods.get(service_name, {}))
