"""The async client base class: every async client class derives from :class:`AioBaseClient`.

An async client is a sync client's twin: the same :class:`~awsession._pipeline.context.ClientContext`
(except that it signs with the :class:`~awsession.aio.credentials.AsyncCredentialCache` snapshot),
the same ``meta`` and ``exceptions``, the same operation methods -- which return coroutines here,
because ``_make_api_call`` is one. Calls run the shared operation flow through the async driver and
an :class:`~awsession.transport.aio_native.AsyncHttpTransport` made inside the running loop on first use.
Around the flow, two steps keep blocking I/O off the loop and outputs async: a sync file given as
the payload is read in a worker thread first (:mod:`.bodies`), and event-stream outputs become
:class:`~awsession.aio.eventstream.AioEventStream` (:mod:`.eventstream`).

Presigning does no I/O and is delegated to the sync twin (after making sure the credentials are
fresh), so both clients presign identically. An async client belongs to the event loop it was
first used in; ``await client.close()`` (or leaving ``async with``) releases its connections.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable
from typing import Any

from .._client.aio_driver import run_async
from .._client.methods import OperationMethod
from .._pipeline.operation import operation_flow
from ..transport.base import AsyncTransport
from .bodies import file_payload_member, is_sync_file, read_file_payload, rewind
from .credentials import AsyncCredentialCache
from .eventstream import async_event_streams, event_stream_members

__all__ = ["AioBaseClient", "aio_client_class"]


class AioBaseClient:
    _PY_TO_OP_NAME: dict[str, str] = {}

    def __init__(self, sync_client: Any, credentials: AsyncCredentialCache | None,
                 transport_factory: Callable[[], AsyncTransport]) -> None:
        self._sync = sync_client
        self._ctx = sync_client._ctx
        self.meta = sync_client.meta
        self.exceptions = sync_client.exceptions
        self._credentials = credentials
        self._transport_factory = transport_factory
        self._transport: AsyncTransport | None = None
        self._sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep
        """How retries wait (``asyncio.sleep``); tests may replace it to record delays."""
        self._io_members: dict[str, tuple[str | None, tuple[str, ...]]] = {}
        """Per operation: its file-payload input member and its event-stream output members."""

    def _get_transport(self) -> AsyncTransport:
        transport = self._transport
        if transport is None:  # no await in between: one transport even under a burst of calls
            transport = self._transport = self._transport_factory()
        return transport

    async def _make_api_call(self, operation_name: str,
                             api_params: dict[str, Any]) -> dict[str, Any]:
        operation = self._ctx.service_model.operation_model(operation_name)
        io_members = self._io_members.get(operation_name)
        if io_members is None:
            io_members = self._io_members[operation_name] = (
                file_payload_member(operation), event_stream_members(operation))
        payload_member, stream_members = io_members
        if self._credentials is not None:
            await self._credentials.refresh_if_needed()
        file = None
        if payload_member is not None and is_sync_file(api_params.get(payload_member)):
            api_params, file, start = await read_file_payload(api_params, payload_member)
        try:
            parsed = await run_async(operation_flow(self._ctx, operation, api_params),
                                     self._get_transport(), sleep=self._sleep)
        except BaseException:
            if file is not None:
                rewind(file, start)
            raise
        return async_event_streams(parsed, stream_members) if stream_members else parsed

    # -- paginators and waiters ------------------------------------------------------------

    def can_paginate(self, operation_name: str) -> bool:
        return bool(self._sync.can_paginate(operation_name))

    def get_paginator(self, operation_name: str) -> Any:
        """An async paginator for ``operation_name`` (snake case), e.g. ``"list_objects_v2"``."""
        from ..exceptions import OperationNotPageableError
        from ..model.services import load_paginators
        from .paginator import AioPaginator

        if not self.can_paginate(operation_name):
            raise OperationNotPageableError(operation_name=operation_name)
        service = self.meta.service_model
        op_name = self._PY_TO_OP_NAME[operation_name]
        config = load_paginators(service.service_name, service.api_version)["pagination"][op_name]
        cls = type(f"{type(self).__name__}.Paginator.{op_name}", (AioPaginator,), {})
        return cls(self, op_name, config)

    @property
    def waiter_names(self) -> list[str]:
        return list(self._sync.waiter_names)

    def get_waiter(self, waiter_name: str) -> Any:
        from .._client.waiter import waiter_spec
        from ..model.names import xform_name
        from ..model.services import load_waiters
        from .waiter import AioWaiter

        service = self.meta.service_model
        try:
            configs = dict((load_waiters(service.service_name, service.api_version) or {})
                           .get("waiters", {}))
        except Exception:
            configs = {}
        mapping = {xform_name(name): name for name in configs}
        if waiter_name not in mapping:
            raise ValueError(f"Waiter does not exist: {waiter_name}")
        name = mapping[waiter_name]
        cls = type(f"{type(self).__name__}.Waiter.{name}", (AioWaiter,), {})
        return cls(self, waiter_spec(name, configs[name]))

    # -- presigning (no I/O: the sync twin does it with the same context) ------------------

    async def generate_presigned_url(self, *args: Any, **kwargs: Any) -> Any:
        if self._credentials is not None:
            await self._credentials.refresh_if_needed()
        return self._sync.generate_presigned_url(*args, **kwargs)

    async def generate_presigned_post(self, *args: Any, **kwargs: Any) -> Any:
        if self._credentials is not None:
            await self._credentials.refresh_if_needed()
        return self._sync.generate_presigned_post(*args, **kwargs)

    # -- life cycle ------------------------------------------------------------------------

    async def close(self) -> None:
        """Close the connection pool; the client can still be used (a new pool is made)."""
        transport, self._transport = self._transport, None
        if transport is not None:
            await transport.close()

    async def __aenter__(self) -> AioBaseClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    def __reduce__(self) -> tuple[Any, ...]:
        raise TypeError(f"{type(self).__name__} async clients cannot be pickled: they belong to "
                        "an event loop; pickle the Session instead")

    def __repr__(self) -> str:
        return f"<awsession.aio.client.{type(self).__name__} object at {id(self):#x}>"


_classes_lock = threading.Lock()
_classes: dict[type, type[AioBaseClient]] = {}


def aio_client_class(sync_class: type) -> type[AioBaseClient]:
    """The async twin of a generated sync client class, made once per process."""
    cls = _classes.get(sync_class)
    if cls is not None:
        return cls
    attrs: dict[str, Any] = {name: value for name, value in vars(sync_class).items()
                             if isinstance(value, OperationMethod)}
    attrs["_PY_TO_OP_NAME"] = dict(sync_class._PY_TO_OP_NAME)  # type: ignore[attr-defined]
    attrs["__module__"] = "awsession.aio.client"
    cls = type(sync_class.__name__, (AioBaseClient,), attrs)
    with _classes_lock:
        return _classes.setdefault(sync_class, cls)
