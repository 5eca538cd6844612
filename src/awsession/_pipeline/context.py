"""The per-client values an operation flow needs, gathered once when the client is made.

A :class:`ClientContext` is built by ``client/factory.py`` and never changes afterwards; every call
of the client shares it (it is safe to share across threads: its only mutable parts, the retry
quota/rate limiter and the credential cache, lock internally).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .._core.env import Environment
from ..model.shapes import ServiceModel
from ..retries.strategy import RetryStrategy

__all__ = ["ClientContext", "FrozenCredentials"]

# (access_key, secret_key, token, account_id) or None for unsigned clients.
FrozenCredentials = Any


@dataclass(frozen=True, slots=True, kw_only=True)
class ClientContext:
    service_model: ServiceModel
    service_name: str
    region: str | None
    env: Environment
    retry: RetryStrategy
    validate: bool
    user_agent: str
    resolve_endpoint: Callable[[Any, dict[str, Any]], Any]
    """``(operation, params) -> Endpoint`` (memoized by the endpoints room)."""
    get_credentials: Callable[[], FrozenCredentials]
    """Returns frozen credentials, or ``None`` when requests go unsigned."""
    error_class: Callable[[str], type[Exception]]
    """Maps an error code to the client's exception class (``client.exceptions.from_code``)."""
    signature_version: Any = None
    request_checksum_calculation: str = "when_supported"
    response_checksum_validation: str = "when_supported"
    s3_settings: dict[str, Any] = field(default_factory=dict)
    account_id: str | None = None
    auth_token: Callable[[], str | None] | None = None
    disable_request_compression: bool = False
    request_min_compression_size_bytes: int = 10240
    auth_cache: dict[Any, Any] = field(default_factory=dict)
    """Per-client memo of auth decisions by (operation, endpoint); races only recompute."""
    clock_skew: list[float] = field(default_factory=lambda: [0.0])
    """Seconds to add to the local clock when signing, learnt from a server's ``Date``."""
