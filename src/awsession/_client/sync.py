"""The sync client base class: every generated client class derives from :class:`BaseClient`.

A client holds its immutable :class:`~awsession._pipeline.context.ClientContext`, its ``meta`` and
``exceptions``, and a transport made on first use (so creating a client opens nothing). Calls run the
shared operation flow through the sync driver, both imported on the first call (creating a client
needs neither, which keeps a fresh process's first client cheap).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .._pipeline.context import ClientContext
from .errors import ClientExceptions

if TYPE_CHECKING:
    from ..transport.base import SyncTransport

__all__ = ["BaseClient", "ClientMeta"]


class ClientMeta:
    """``client.meta``: where the client points and how it is configured.

    ``partition`` may be given as a zero-argument callable: it is then called when
    ``meta.partition`` is first read (finding it may load a data file most clients never need).
    ``method_to_api_mapping`` is this client's own copy of the mapping given, made when first read
    (EC2's has hundreds of entries; most programs never look).
    """

    def __init__(self, *, service_model: Any, region_name: str | None, endpoint_url: str,
                 config: Any, partition: str | Callable[[], str],
                 method_to_api_mapping: dict[str, str]) -> None:
        self.service_model = service_model
        self.region_name = region_name
        self.endpoint_url = endpoint_url
        self.config = config
        self._partition = partition
        self._mapping_source: dict[str, str] | None = method_to_api_mapping
        self._mapping: dict[str, str] | None = None

    @property
    def method_to_api_mapping(self) -> dict[str, str]:
        mapping = self._mapping
        if mapping is None:
            mapping = self._mapping = dict(self._mapping_source or {})
            self._mapping_source = None
        return mapping

    @method_to_api_mapping.setter
    def method_to_api_mapping(self, value: dict[str, str]) -> None:
        self._mapping, self._mapping_source = value, None

    @property
    def partition(self) -> str:
        found = self._partition
        if not isinstance(found, str):
            found = self._partition = found()
        return found

    @partition.setter
    def partition(self, value: str) -> None:
        self._partition = value

    def __repr__(self) -> str:
        return (f"ClientMeta(service={self.service_model.service_name!r}, "
                f"region_name={self.region_name!r}, endpoint_url={self.endpoint_url!r})")


class _S3Only:
    """``generate_presigned_post``: an attribute of S3 clients only, as in boto3."""

    def __get__(self, client: Any, owner: type | None = None) -> Any:
        if client is None:
            return self
        if client._ctx.service_name != "s3":
            raise AttributeError(f"'{type(client).__name__}' object has no attribute "
                                 "'generate_presigned_post'")
        from .presign import generate_presigned_post

        return functools.partial(generate_presigned_post, client)


_named_lock = threading.Lock()
_named: dict[tuple[type, str, str], type] = {}


def _named_class(client_cls: type, kind: str, name: str) -> type:
    """``<Service>.Paginator.<Op>`` / ``<Service>.Waiter.<Name>``, made once per client class."""
    key = (client_cls, kind, name)
    cls = _named.get(key)
    if cls is None:
        if kind == "Paginator":
            from .paginator import Paginator as base
        else:
            from .waiter import Waiter as base  # type: ignore[assignment]
        cls = type(f"{client_cls.__name__}.{kind}.{name}", (base,), {})
        with _named_lock:
            cls = _named.setdefault(key, cls)
    return cls


class BaseClient:
    _PY_TO_OP_NAME: dict[str, str] = {}

    def __init__(self, ctx: ClientContext, meta: ClientMeta, exceptions: ClientExceptions,
                 transport_factory: Callable[[], SyncTransport],
                 recipe: tuple[Any, ...] | None = None) -> None:
        self._ctx = ctx
        self.meta = meta
        self.exceptions = exceptions
        self._transport_factory = transport_factory
        self._transport: SyncTransport | None = None
        self._transport_lock = threading.Lock()
        self._recipe = recipe

    def _get_transport(self) -> SyncTransport:
        transport = self._transport
        if transport is None:
            with self._transport_lock:
                if self._transport is None:
                    self._transport = self._transport_factory()
                transport = self._transport
        return transport

    def _make_api_call(self, operation_name: str, api_params: dict[str, Any]) -> dict[str, Any]:
        operation = self._ctx.service_model.operation_model(operation_name)
        flow, run = _call_path or _load_call_path()
        return run(flow(self._ctx, operation, api_params), self._get_transport(),  # type: ignore[no-any-return]
                   sleep=_sleep)

    def can_paginate(self, operation_name: str) -> bool:
        op = self._PY_TO_OP_NAME.get(operation_name)
        if op is None:
            return False
        return op in self._paginator_configs()

    def _paginator_configs(self) -> dict[str, Any]:
        from ..model.services import load_paginators

        service = self.meta.service_model
        try:
            data = load_paginators(service.service_name, service.api_version)
        except Exception:
            return {}
        return (data or {}).get("pagination", {})  # type: ignore[no-any-return]

    def get_paginator(self, operation_name: str) -> Any:
        """A paginator for ``operation_name`` (snake case), e.g. ``"list_objects_v2"``."""
        from ..exceptions import OperationNotPageableError

        op_name = self._PY_TO_OP_NAME.get(operation_name)
        config = self._paginator_configs().get(op_name) if op_name is not None else None
        if op_name is None or config is None:
            raise OperationNotPageableError(operation_name=operation_name)
        return _named_class(type(self), "Paginator", op_name)(self, op_name, config)

    @property
    def waiter_names(self) -> list[str]:
        from ..model.names import xform_name

        return [xform_name(name) for name in sorted(self._waiter_configs())]

    def _waiter_configs(self) -> dict[str, Any]:
        from ..model.services import load_waiters
        from .waiter import check_waiter_version

        service = self.meta.service_model
        try:
            data = load_waiters(service.service_name, service.api_version)
        except Exception:
            return {}
        if not data:
            return {}
        check_waiter_version(data)
        return data.get("waiters", {})  # type: ignore[no-any-return]

    def get_waiter(self, waiter_name: str) -> Any:
        from ..model.names import xform_name
        from .waiter import waiter_spec

        configs = self._waiter_configs()
        mapping = {xform_name(name): name for name in configs}
        if waiter_name not in mapping:
            raise ValueError(f"Waiter does not exist: {waiter_name}")
        name = mapping[waiter_name]
        spec = waiter_spec(name, configs[name])
        return _named_class(type(self), "Waiter", name)(self, spec, sleep=_sleep)

    def generate_presigned_url(self, ClientMethod: str,
                               Params: dict[str, Any] | None = None, ExpiresIn: int = 3600,
                               HttpMethod: str | None = None) -> str:
        """A presigned URL for ``ClientMethod(**Params)`` (see ``awsession._client.presign``)."""
        from .presign import generate_presigned_url

        return generate_presigned_url(self, ClientMethod, Params, ExpiresIn, HttpMethod)

    generate_presigned_post = _S3Only()

    def close(self) -> None:
        """Close the connection pool; the client can still be used (a new pool is made)."""
        with self._transport_lock:
            transport, self._transport = self._transport, None
        if transport is not None:
            transport.close()

    def __enter__(self) -> BaseClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __reduce__(self) -> tuple[Any, ...]:
        if self._recipe is None:
            raise TypeError(f"{type(self).__name__} client cannot be pickled: it was not "
                            "created by a Session")
        return self._recipe

    def __repr__(self) -> str:
        return f"<awsession.client.{type(self).__name__} object at {id(self):#x}>"


_call_path: tuple[Callable[..., Any], Callable[..., Any]] | None = None


def _load_call_path() -> tuple[Callable[..., Any], Callable[..., Any]]:
    """``(operation_flow, run_sync)``, imported once, on the first call of any client."""
    global _call_path
    from .._pipeline.operation import operation_flow
    from .driver import run_sync

    _call_path = (operation_flow, run_sync)
    return _call_path


def _sleep(seconds: float) -> None:
    import time

    time.sleep(seconds)
