"""Rule-set parameters for one call, computed the way botocore's ``EndpointRulesetResolver`` does.

Theory of operation: each rule-set parameter takes the first value that is not ``None`` from

1. the operation's ``staticContextParams``,
2. the input member bound to it with ``contextParam``,
3. the operation's ``operationContextParams`` (a JMESPath expression over the call's input),
4. the client context: ``Config(client_context_params=...)`` under the snake_case name of a
   ``clientContextParams`` entry -- for S3 and S3 Control the ``Config(s3=...)`` settings take
   priority over it, as in botocore,
5. the parameter's built-in (``AWS::Region``, ``SDK::Endpoint``, ...) computed from an
   :class:`EndpointBuiltins` value that the client layer fills from configuration.

Parameters that end up ``None`` are left out, so the rule set applies its defaults. The per-operation
plan (which source feeds which parameter) is built once per (rule set, operation) and kept.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any

from awsession._core.frozen import FrozenValue
from awsession.endpoints.builtins import (
    S3_CONTROL_PREFIX,
    S3_PREFIX,
    EndpointBuiltins,
    customize_s3_builtins,
)
from awsession.endpoints.rules import CompiledRuleSet, compile_ruleset
from awsession.exceptions import UnknownEndpointResolutionBuiltInName
from awsession.model.names import xform_name

if TYPE_CHECKING:
    from awsession.model.shapes import OperationModel, ServiceModel

__all__ = ["EndpointBuiltins", "ParamPlan", "build_endpoint_params", "operation_plan"]


class _Source(FrozenValue):
    __slots__ = ("builtin", "client_key", "expression", "member", "name", "static")
    _fields = ("name", "static", "member", "expression", "client_key", "builtin")
    name: str
    static: Any
    member: str | None
    expression: Any  # a compiled JMESPath expression, or None
    client_key: str | None
    builtin: str | None

    def __init__(
        self,
        name: str,
        static: Any,
        member: str | None,
        expression: Any,
        client_key: str | None,
        builtin: str | None,
    ) -> None:
        setattr_ = object.__setattr__
        setattr_(self, "name", name)
        setattr_(self, "static", static)
        setattr_(self, "member", member)
        setattr_(self, "expression", expression)
        setattr_(self, "client_key", client_key)
        setattr_(self, "builtin", builtin)


class ParamPlan(FrozenValue):
    """Where each rule-set parameter of one operation comes from.

    ``call_sources`` are the parameters the call itself may set (static value, input member,
    JMESPath); ``client_sources`` those the client may set (client context, built-in). The client
    part depends only on the client's settings, so it is computed once per settings value.
    """

    _fields = ("sources",)
    sources: tuple[_Source, ...]

    def __init__(self, sources: tuple[_Source, ...]) -> None:
        self.__dict__["sources"] = sources  # the dict also holds the cached properties

    @cached_property
    def call_sources(self) -> tuple[tuple[str, Any, str | None, Any], ...]:
        return tuple(
            (s.name, s.static, s.member, s.expression)
            for s in self.sources
            if s.static is not None or s.member is not None or s.expression is not None
        )

    @cached_property
    def client_sources(self) -> tuple[tuple[str, str | None, str | None], ...]:
        return tuple(
            (s.name, s.client_key, s.builtin)
            for s in self.sources
            if s.client_key is not None or s.builtin is not None
        )


def _context_members(service: ServiceModel, operation: OperationModel) -> dict[str, str]:
    """Rule-set parameter name -> input member name, from members' ``contextParam`` traits."""
    shape_name = operation.input_shape_name
    if shape_name is None:
        return {}
    members = service.shapes[shape_name].get("members", {})
    return {
        ref["contextParam"]["name"]: member
        for member, ref in members.items()
        if "contextParam" in ref and "name" in ref["contextParam"]
    }


def _build_plan(compiled: CompiledRuleSet, service: ServiceModel, operation: OperationModel) -> ParamPlan:
    static = operation.raw.get("staticContextParams", {})
    members = _context_members(service, operation)
    op_context = operation.raw.get("operationContextParams", {})
    client_params = service.client_context_params
    sources: list[_Source] = []
    for spec in compiled.params:
        expression = None
        if spec.name in op_context:
            import jmespath

            expression = jmespath.compile(op_context[spec.name]["path"])
        sources.append(
            _Source(
                name=spec.name,
                static=static[spec.name].get("value") if spec.name in static else None,
                member=members.get(spec.name),
                expression=expression,
                client_key=xform_name(spec.name) if spec.name in client_params else None,
                builtin=spec.builtin,
            )
        )
    return ParamPlan(tuple(sources))


_plans_lock = threading.Lock()
_plans: dict[tuple[int, int], tuple[Any, OperationModel, ParamPlan]] = {}


def operation_plan(
    ruleset: dict[str, Any] | CompiledRuleSet, service: ServiceModel, operation: OperationModel
) -> ParamPlan:
    """The (cached) parameter plan of ``operation`` against ``ruleset``."""
    key = (id(ruleset), id(operation))
    entry = _plans.get(key)
    if entry is not None and entry[0] is ruleset and entry[1] is operation:
        return entry[2]
    plan = _build_plan(compile_ruleset(ruleset), service, operation)
    with _plans_lock:
        _plans[key] = (ruleset, operation, plan)  # holds both so their ids stay unique
    return plan


def build_endpoint_params(
    ruleset: dict[str, Any] | CompiledRuleSet,
    service_model: ServiceModel,
    operation_model: OperationModel,
    call_params: Mapping[str, Any],
    builtins: EndpointBuiltins,
    client_context: Mapping[str, Any] | None = None,
    *,
    request_context: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The rule-set parameters for one call (``None`` values left out).

    ``client_context`` is ``Config.client_context_params`` (snake_case keys). ``request_context``
    may carry ``use_global_endpoint`` (set for S3 presigning) as in botocore.
    """
    plan = operation_plan(ruleset, service_model, operation_model)
    values: Mapping[str, Any] = builtins.values
    if builtins.exact is None and builtins.endpoint_prefix == S3_PREFIX and plan.client_sources:
        values = customize_s3_builtins(
            values, operation_model.name, call_params.get("Bucket"), request_context or {}
        )
    if client_context or values is not builtins.values:
        out = _client_part(plan, values, builtins, client_context or {})[0]
    else:
        memo = builtins.plan_memo
        known = memo.get(id(plan))
        if known is None:
            known, deferred = _client_part(plan, values, builtins, {})
            if not deferred:
                memo[id(plan)] = known
        out = dict(known)
    for name, static, member, expression in plan.call_sources:
        value = static
        if value is None and member is not None:
            value = call_params.get(member)
        if value is None and expression is not None:
            value = expression.search(call_params)
        if value is not None:
            out[name] = value
    return out


def _client_part(
    plan: ParamPlan, values: Mapping[str, Any], builtins: EndpointBuiltins, client_context: Mapping[str, Any]
) -> tuple[dict[str, Any], bool]:
    """The client-supplied parameters, and whether a deferred (callable) built-in was used."""
    s3_context = builtins.s3_client_context
    if builtins.endpoint_prefix not in (S3_PREFIX, S3_CONTROL_PREFIX):
        s3_context = {}
    out: dict[str, Any] = {}
    deferred = False
    for name, client_key, builtin in plan.client_sources:
        value = None
        if client_key is not None:
            value = s3_context[client_key] if client_key in s3_context else client_context.get(client_key)
        if value is None and builtin is not None:
            value = _builtin_value(values, builtin)
            if callable(value):
                deferred = True
                value = value()
        if value is not None:
            out[name] = value
    return out, deferred


def _builtin_value(values: Mapping[str, Any], name: str) -> Any:
    try:
        value = values[name]
    except KeyError:
        if name not in EndpointBuiltins.KNOWN:
            raise UnknownEndpointResolutionBuiltInName(name=name) from None
        return None
    return value
