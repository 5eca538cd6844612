"""Async clients on the same pure core (the ``awsession[async]`` extra, over aiohttp).

``from awsession.aio import Session``; ``async with Session().client("s3") as s3:
await s3.list_buckets()``. ``import awsession`` never imports this package, and importing it does
not import aiohttp: the transport is loaded when the first client is made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .session import ClientCreatorContext, Session

if TYPE_CHECKING:
    from ..transport.aio import AsyncStreamingBody

__all__ = ["AsyncStreamingBody", "ClientCreatorContext", "Session"]


def __getattr__(name: str) -> Any:
    if name == "AsyncStreamingBody":  # loads aiohttp, so only on demand
        from ..transport.aio import AsyncStreamingBody

        return AsyncStreamingBody
    raise AttributeError(f"module 'awsession.aio' has no attribute {name!r}")
