"""The per-client values an operation flow needs, gathered once when the client is made.

A :class:`ClientContext` is built by ``client/factory.py`` and never changes afterwards; every call
of the client shares it (it is safe to share across threads: its only mutable parts, the retry
quota/rate limiter, the credential cache and the memo dicts, lock internally or only ever gain
equal entries).

It is a plain ``__slots__`` class rather than a dataclass so that making a client does not import
:mod:`dataclasses`; it keeps a dataclass's behaviour where callers see it: keyword-only
construction, read-only attributes, value equality, :meth:`replace`, and
``dataclasses.replace(ctx, ...)`` (the field table is built when first asked for).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .._core.dataclass_compat import LazyDataclassFields

if TYPE_CHECKING:
    from .._core.env import Environment
    from ..model.shapes import ServiceModel
    from ..retries.strategy import RetryStrategy

__all__ = ["ClientContext", "FrozenCredentials"]

# (access_key, secret_key, token, account_id) or None for unsigned clients.
FrozenCredentials = Any

_REQUIRED = ("service_model", "service_name", "region", "env", "retry", "validate", "user_agent",
             "resolve_endpoint", "get_credentials", "error_class")
_DEFAULTS: dict[str, Any] = {
    "signature_version": None,
    "request_checksum_calculation": "when_supported",
    "response_checksum_validation": "when_supported",
    "account_id": None,
    "auth_token": None,
    "disable_request_compression": False,
    "request_min_compression_size_bytes": 10240,
}
# Fields whose default is a new mutable value per context.
_FACTORIES: dict[str, Callable[[], Any]] = {
    "s3_settings": dict,
    "auth_cache": dict,
    "clock_skew": lambda: [0.0],
    "plans": dict,
}
_FIELDS = _REQUIRED + tuple(_DEFAULTS) + tuple(_FACTORIES)


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
    signature_version: Any
    request_checksum_calculation: str
    response_checksum_validation: str
    s3_settings: dict[str, Any]
    account_id: str | None
    auth_token: Callable[[], str | None] | None
    disable_request_compression: bool
    request_min_compression_size_bytes: int
    auth_cache: dict[Any, Any]
    """Per-client memo of auth decisions by (operation, endpoint); races only recompute."""
    clock_skew: list[float]
    """Seconds to add to the local clock when signing, learnt from a server's ``Date``."""
    plans: dict[str, Any]
    """Per-client memo of each operation's call plan (``_pipeline.plan``); races only recompute."""

    __slots__ = _FIELDS
    __dataclass_fields__ = LazyDataclassFields(_FIELDS)  # for ``dataclasses.replace(ctx, ...)``

    def __init__(self, **values: Any) -> None:
        missing = [name for name in _REQUIRED if name not in values]
        if missing:
            raise TypeError(f"ClientContext() missing required keyword arguments: {missing}")
        unknown = set(values).difference(_FIELDS)
        if unknown:
            raise TypeError(f"ClientContext() got unexpected keyword arguments: {sorted(unknown)}")
        setter = object.__setattr__
        for name in _REQUIRED:
            setter(self, name, values[name])
        for name, default in _DEFAULTS.items():
            setter(self, name, values.get(name, default))
        for name, factory in _FACTORIES.items():
            setter(self, name, values[name] if name in values else factory())

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r} of a ClientContext")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r} of a ClientContext")

    def __getstate__(self) -> list[Any]:  # copy and pickle, as for a frozen slots dataclass
        return [getattr(self, name) for name in _FIELDS]

    def __setstate__(self, state: list[Any]) -> None:
        for name, value in zip(_FIELDS, state, strict=True):
            object.__setattr__(self, name, value)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, n) == getattr(other, n) for n in _FIELDS)

    __hash__ = None  # type: ignore[assignment]  # mutable members, as the dataclass was

    def __repr__(self) -> str:
        return (f"ClientContext(service_name={self.service_name!r}, region={self.region!r}, "
                f"signature_version={self.signature_version!r})")

    def replace(self, **changes: Any) -> ClientContext:
        """A copy with some fields changed (memo dicts and the skew cell are shared)."""
        values = {name: getattr(self, name) for name in _FIELDS}
        values.update(changes)
        return ClientContext(**values)
