"""Shape references with their member traits merged in, and the per-service compile caches.

A *shape ref* (``{"shape": "Name", "locationName": ..., ...}``) points at a raw shape dict; the traits
on the ref win over the target shape's own keys, exactly as botocore merges them. Serializers compile
one encoder per (ref, protocol) and keep it for the life of the service model:

* :func:`resolve` gives the merged dict (the shape itself when the ref carries no traits).
* :func:`operation_plan` memoises a protocol's per-operation plan (one dict lookup per call).
* :func:`compile_cached` memoises a compiler per service model and per ref *signature* (shape name
  plus the traits that can change the wire form), and ties recursion together: a structure that
  refers to itself gets a forwarding stub while it is being compiled.

Shape caches hang off the service model in a ``WeakKeyDictionary`` and operation plans live in the
operation's own ``__dict__``, so throwaway models (tests) free them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from awsession.model.shapes import OperationModel, ServiceModel

from ..refs import build_tied, merged_ref

__all__ = ["compile_cached", "operation_cache", "operation_plan", "resolve", "shape_signature"]

T = TypeVar("T")

# Ref keys that never change how a value is written.
_INERT_KEYS = frozenset({"shape", "documentation", "deprecated", "deprecatedMessage", "box", "required"})

_SERVICE_CACHES: WeakKeyDictionary[ServiceModel, dict[Any, Any]] = WeakKeyDictionary()
# The attribute under which an operation keeps its serializer plans (a plain dict in its __dict__,
# like its cached properties): one dict lookup per call, freed with the operation.
_PLAN_ATTRIBUTE = "_awsession_serializer_plans"


def resolve(service: ServiceModel, ref: dict[str, Any]) -> dict[str, Any]:
    """The target shape with the ref's traits merged over it (botocore's member serialization)."""
    return merged_ref(service.shapes, ref)


def shape_signature(ref: dict[str, Any]) -> tuple[Any, ...]:
    """A hashable key for a ref: its shape name and every wire-relevant trait."""
    if len(ref) == 1:
        return (ref["shape"],)
    traits = tuple(sorted((k, repr(v)) for k, v in ref.items() if k not in _INERT_KEYS))
    return (ref["shape"], *traits)


def _service_cache(service: ServiceModel) -> dict[Any, Any]:
    cache = _SERVICE_CACHES.get(service)
    if cache is None:
        cache = _SERVICE_CACHES.setdefault(service, {})
    return cache


def operation_cache(operation: OperationModel) -> dict[str, Any]:
    """A per-operation dict where each protocol keeps its compiled plan."""
    attributes = vars(operation)
    cache: dict[str, Any] | None = attributes.get(_PLAN_ATTRIBUTE)
    if cache is None:
        cache = attributes.setdefault(_PLAN_ATTRIBUTE, {})
    return cache


def operation_plan(operation: OperationModel, key: str, build: Callable[[OperationModel], T]) -> T:
    """The plan ``build(operation)`` made on first use and kept in the operation's cache under ``key``."""
    cache = operation_cache(operation)
    plan: T | None = cache.get(key)
    if plan is None:
        plan = cache.setdefault(key, build(operation))
    return plan


def compile_cached(
    service: ServiceModel,
    namespace: str,
    ref: dict[str, Any],
    build: Callable[[dict[str, Any]], T],
    forward: Callable[[list[T]], T],
) -> T:
    """Compile ``ref`` once per service with ``build(merged_shape)``.

    ``forward(cell)`` must return an object that delegates to ``cell[0]``; it stands in for the
    result while a recursive shape is still being built.
    """
    cache = _service_cache(service)
    key = (namespace, *shape_signature(ref))
    found = cache.get(key)
    if found is not None:
        return found  # type: ignore[no-any-return]
    built: T = build_tied(cache, key, lambda: build(resolve(service, ref)), forward)
    return built
