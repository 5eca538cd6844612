"""Async clients on the same pure core (the ``awsession[async]`` extra).

``from awsession.aio import Session``; ``async with Session().client("s3") as s3:
await s3.list_buckets()``. ``import awsession`` never imports this package, and importing it does
not import the transport: it is loaded when the first client is made (HTTP/1.1 on asyncio itself;
aiohttp only when a proxy applies).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .session import ClientCreatorContext, Session

if TYPE_CHECKING:
    from ..transport.aio_streaming import AsyncStreamingBody

__all__ = ["AsyncStreamingBody", "ClientCreatorContext", "Session"]


def __getattr__(name: str) -> Any:
    if name == "AsyncStreamingBody":  # loads the transport's modules, so only on demand
        from ..transport.aio_streaming import AsyncStreamingBody

        return AsyncStreamingBody
    raise AttributeError(f"module 'awsession.aio' has no attribute {name!r}")
