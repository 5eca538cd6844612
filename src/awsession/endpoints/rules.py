"""The Endpoints 2.0 rules engine: compile a rule set once, then resolve parameters to an endpoint.

Theory of operation:

1. :func:`compile_ruleset` turns the JSON of an ``endpoint-rule-set-1`` into a tree of closures
   (see :mod:`awsession.endpoints.compiler`) exactly once per rule-set object. Resolution never looks
   at the JSON again.
2. :func:`resolve_endpoint` checks the parameters against the rule set's declarations (types,
   defaults, required), then runs the rules in order; the first endpoint rule whose conditions all
   hold gives the :class:`Endpoint`, the first such error rule raises
   ``EndpointResolutionError(msg=<its message>)``.
3. Results (endpoints and rule errors alike) are memoized per (rule set, partitions, parameter
   values) in a bounded, thread-safe LRU. The cached :class:`Endpoint` is shared: treat its
   ``headers`` and ``properties`` as read-only.

Parameters the rule set does not declare are ignored (botocore would let a rule refer to them, but
no published rule set does). Everything else follows botocore 1.43's ``EndpointProvider``.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from awsession._core.frozen import FrozenValue
from awsession.endpoints.compiler import CompiledRules, Context, compile_rules
from awsession.endpoints.partitions import Partitions, default_partitions, partitions_from
from awsession.exceptions import EndpointResolutionError

__all__ = ["CompiledRuleSet", "Endpoint", "ParamSpec", "compile_ruleset", "resolve_endpoint"]

CACHE_SIZE = 512

_PARAM_TYPES: dict[str, type] = {"string": str, "boolean": bool, "stringarray": tuple}


class Endpoint(FrozenValue):
    """A resolved endpoint. Shared between callers through the cache: never mutate the dicts."""

    __slots__ = ("headers", "properties", "url")
    _fields = ("url", "headers", "properties")
    url: str
    headers: dict[str, list[str]]
    properties: dict[str, Any]

    def __init__(self, url: str, headers: dict[str, list[str]], properties: dict[str, Any]) -> None:
        setattr_ = object.__setattr__
        setattr_(self, "url", url)
        setattr_(self, "headers", headers)
        setattr_(self, "properties", properties)


_Type = type  # ``type`` is shadowed by the field of that name inside ParamSpec


class ParamSpec(FrozenValue):
    """One declared rule-set parameter."""

    __slots__ = ("builtin", "default", "name", "required", "type")
    _fields = ("name", "type", "builtin", "default", "required")
    name: str
    type: _Type
    builtin: str | None
    default: Any
    required: bool

    def __init__(self, name: str, type: _Type, builtin: str | None, default: Any, required: bool) -> None:
        setattr_ = object.__setattr__
        setattr_(self, "name", name)
        setattr_(self, "type", type)
        setattr_(self, "builtin", builtin)
        setattr_(self, "default", default)
        setattr_(self, "required", required)


class _Failure:
    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message


def _param_spec(name: str, raw: dict[str, Any]) -> ParamSpec:
    declared = str(raw.get("type", ""))
    py_type = _PARAM_TYPES.get(declared.lower())
    if py_type is None:
        raise EndpointResolutionError(
            msg=f"Unknown parameter type: {declared}. "
            "A parameter must be of type string, boolean, or stringarray."
        )
    return ParamSpec(name, py_type, raw.get("builtIn"), raw.get("default"), bool(raw.get("required")))


class CompiledRuleSet:
    """A rule set ready to evaluate, with its own result cache."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw
        self.params: tuple[ParamSpec, ...] = tuple(
            _param_spec(name, spec) for name, spec in raw.get("parameters", {}).items()
        )
        self.param_names: tuple[str, ...] = tuple(p.name for p in self.params)
        self._has_arrays = any(p.type is tuple for p in self.params)
        always_bool = frozenset(p.name for p in self.params if p.type is bool and isinstance(p.default, bool))
        context = Context(outer=frozenset(self.param_names), always_bool=always_bool)
        self._rules: CompiledRules = compile_rules(raw.get("rules", ()), context)
        self._cache: OrderedDict[tuple[Any, ...], Endpoint | _Failure] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def cached_count(self) -> int:
        """How many results the memo holds now (at most ``CACHE_SIZE``)."""
        return len(self._cache)

    def resolve(self, params: dict[str, Any], partitions: Partitions) -> Endpoint:
        values = tuple(map(params.get, self.param_names))
        if self._has_arrays:
            values = tuple(tuple(v) if isinstance(v, list) else v for v in values)
        key = (partitions, values)
        cache = self._cache
        try:
            with self._lock:
                found = cache.get(key)
                if found is not None:
                    cache.move_to_end(key)
        except TypeError:  # an unhashable value: evaluate without the cache
            return _unwrap(self._evaluate(values, params, partitions))
        if found is None:
            found = self._evaluate(values, params, partitions)
            with self._lock:
                cache[key] = found
                if len(cache) > CACHE_SIZE:
                    cache.popitem(last=False)
        return _unwrap(found)

    def _evaluate(
        self, values: tuple[Any, ...], given: dict[str, Any], partitions: Partitions
    ) -> Endpoint | _Failure:
        scope: dict[str, Any] = {}
        try:
            for spec, value in zip(self.params, values, strict=True):
                if value is None:
                    if spec.default is not None:
                        value = spec.default
                    elif spec.required:
                        raise EndpointResolutionError(
                            msg=f"Cannot find value for required parameter {spec.name}"
                        )
                    else:
                        continue
                elif not isinstance(value, spec.type):
                    raise EndpointResolutionError(
                        msg=f"Value ({spec.name}) is the wrong type. Must be {spec.type}."
                    )
                scope[spec.name] = value
            for rule in self._rules:
                result = rule(scope, partitions)
                if result is not None:
                    url, headers, properties = result
                    return Endpoint(url, headers, properties)
        except EndpointResolutionError as error:
            return _Failure(str(error))
        listing = "\n".join(
            f"{name}: {tuple(value) if isinstance(value, list) else value}" for name, value in given.items()
        )
        return _Failure(f"No endpoint found for parameters:\n{listing}")


def _unwrap(result: Endpoint | _Failure) -> Endpoint:
    if isinstance(result, _Failure):
        raise EndpointResolutionError(msg=result.message)
    return result


_compile_lock = threading.Lock()
_compiled: dict[int, CompiledRuleSet] = {}


def compile_ruleset(ruleset: dict[str, Any] | CompiledRuleSet) -> CompiledRuleSet:
    """The compiled form of ``ruleset``, built once per rule-set object and kept for the process."""
    if isinstance(ruleset, CompiledRuleSet):
        return ruleset
    compiled = _compiled.get(id(ruleset))
    if compiled is not None and compiled.raw is ruleset:
        return compiled
    with _compile_lock:
        compiled = _compiled.get(id(ruleset))
        if compiled is None or compiled.raw is not ruleset:
            compiled = CompiledRuleSet(ruleset)
            _compiled[id(ruleset)] = compiled  # holds ``ruleset``, so the id stays unique
    return compiled


def resolve_endpoint(
    ruleset: dict[str, Any] | CompiledRuleSet,
    params: dict[str, Any],
    partitions: dict[str, Any] | Partitions | None = None,
) -> Endpoint:
    """Resolve ``params`` (rule-set parameter name -> value) against ``ruleset``.

    ``partitions`` is a parsed ``partitions.json`` or a :class:`Partitions` table; by default the
    installed one. Raises ``EndpointResolutionError`` with the rule's message on an error rule.
    """
    table = default_partitions() if partitions is None else partitions_from(partitions)
    return compile_ruleset(ruleset).resolve(params, table)
