"""Make async clients: the sync factory's resolution, the native async transport, credentials off the loop.

``await create_async_client(sync_session, service_name, **client_kwargs)`` runs, in one worker thread
(``asyncio.to_thread``), everything that may block: loading the service model (first time), the sync
factory's resolution of settings, endpoint inputs and retry strategy, and the credential chain and
first snapshot. The event loop is never blocked by client creation or credential resolution.
"""

from __future__ import annotations

import asyncio
from typing import Any

from .._client.factory import create_client
from ..config.client_config import UNSIGNED
from .client import AioBaseClient, aio_client_class
from .credentials import AsyncCredentialCache

__all__ = ["create_async_client"]

_EXPLICIT_KEYS = ("aws_access_key_id", "aws_secret_access_key", "aws_session_token")


def _never_sends() -> Any:
    raise RuntimeError("the sync twin of an async client never sends requests")


def _build(session: Any, service_name: str, kwargs: dict[str, Any]) -> AioBaseClient:
    from ..transport.aio_native import AsyncHttpTransport

    sync = create_client(session, service_name, transport_class=AsyncHttpTransport, **kwargs)
    transport_factory: Any = sync._transport_factory  # makes an AsyncHttpTransport
    cache: AsyncCredentialCache | None = None
    ctx = sync._ctx
    explicit = any(kwargs.get(name) for name in _EXPLICIT_KEYS)
    if sync.meta.config.signature_version is not UNSIGNED and not explicit:
        cache = AsyncCredentialCache(session.get_credentials(), session._env.clock)
        ctx = ctx.replace(get_credentials=cache.snapshot)
    twin = type(sync)(ctx, sync.meta, sync.exceptions, _never_sends, None)
    cls = aio_client_class(type(sync))
    return cls(twin, cache, transport_factory)


async def create_async_client(session: Any, service_name: str,
                              **kwargs: Any) -> AioBaseClient:
    """An async client for ``service_name``; ``kwargs`` are ``Session.client``'s."""
    return await asyncio.to_thread(_build, session, service_name, kwargs)
