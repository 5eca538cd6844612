"""Compile rule-set JSON (rules, conditions, values, templates) into closures.

Theory of operation:

* Every expression becomes an *evaluator* ``f(scope, partitions) -> value``; every rule becomes
  ``f(scope, partitions) -> (url, headers, properties) | None`` that raises
  ``EndpointResolutionError`` for a matching error rule.
* ``scope`` is one dict per resolution: the parameters, plus names bound by ``assign``. botocore
  copies the scope for each rule; instead, a rule that binds names removes them again when it does
  not match, which gives the same visibility (a rule sees its ancestors' bindings, never its
  earlier siblings') without copying.
* A condition holds unless its value is ``None`` or ``False`` (so ``""`` and ``0`` hold).
* Strings are templates only if they contain ``{Name}`` / ``{Name#attr}`` (letters and ``#``);
  then ``{{``/``}}`` are escapes and every ``{field}`` is looked up in the scope.
* Endpoint ``properties`` only substitute templates (``ref``/``fn`` objects there stay data), as
  botocore does; header values and the url are full expressions.
* A ``tree`` rule compiles its children when a resolution first reaches them (its conditions all
  held), so a client that never takes a branch never pays for compiling it: S3's rule set is large
  and most calls walk a few of its branches. Compiling is deterministic, so two threads racing to
  compile the same branch build equal closures and either may be kept. A malformed rule inside a
  branch (unknown rule type or function) therefore raises ``EndpointResolutionError`` when a
  resolution first reaches it rather than when the rule set is compiled; top-level rules still fail
  at compile time.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from awsession._core.frozen import FrozenValue
from awsession.endpoints.functions import (
    FUNCTIONS,
    PARTITION_AWARE,
    boolean_equals,
    parse_attr_path,
    walk_attr_path,
)
from awsession.endpoints.partitions import Partitions
from awsession.exceptions import EndpointResolutionError

__all__ = ["CompiledRules", "Context", "Evaluator", "Resolved", "Rule", "compile_rules", "compile_value"]

Evaluator = Callable[[dict[str, Any], Partitions], Any]
Resolved = tuple[str, dict[str, list[Any]], dict[str, Any]]
Rule = Callable[[dict[str, Any], Partitions], "Resolved | None"]
CompiledRules = tuple[Rule, ...]


class Context(FrozenValue):
    """What is known at compile time about the scope a rule list runs in.

    ``outer``: names that may already be bound (parameters, enclosing rules' assignments).
    ``always_bool``: boolean parameters with a default: always a ``bool`` in scope, never rebound.
    """

    __slots__ = ("always_bool", "outer")
    _fields = ("outer", "always_bool")
    outer: frozenset[str]
    always_bool: frozenset[str]

    def __init__(
        self, outer: frozenset[str] = frozenset(), always_bool: frozenset[str] = frozenset()
    ) -> None:
        object.__setattr__(self, "outer", outer)
        object.__setattr__(self, "always_bool", always_bool)


TEMPLATE_RE = re.compile(r"\{[a-zA-Z#]+\}")


def _constant(value: Any) -> Evaluator:
    return lambda scope, partitions: value


def _ref(name: str) -> Evaluator:
    return lambda scope, partitions: scope.get(name)


def _template(text: str) -> Evaluator:
    from string import Formatter  # deferred: only rule sets with templates need it

    pieces: list[tuple[str, tuple[str, ...] | None]] = []
    for literal, field, _spec, _conversion in Formatter().parse(text):
        pieces.append((literal, tuple(field.split("#")) if field is not None else None))
    frozen = tuple(pieces)

    def render(scope: dict[str, Any], partitions: Partitions) -> str:
        out: list[str] = []
        for literal, path in frozen:
            out.append(literal)
            if path is not None:
                value: Any = scope[path[0]]
                for attr in path[1:]:
                    value = value[attr]
                out.append(value if isinstance(value, str) else f"{value}")
        return "".join(out)

    return render


def compile_value(node: Any) -> Evaluator:
    """An evaluator for an argument / url / header value: a call, a ref, a template or a literal."""
    if isinstance(node, dict):
        if "fn" in node:
            return _compile_call(node)
        if "ref" in node:
            return _ref(node["ref"])
    elif isinstance(node, str) and TEMPLATE_RE.search(node) is not None:
        return _template(node)
    return _constant(node)


def _compile_call(node: dict[str, Any]) -> Evaluator:
    name = node["fn"]
    fn = FUNCTIONS.get(name)
    if fn is None:
        raise EndpointResolutionError(msg=f"Unknown rule function: {name}")
    argv = node.get("argv", ())
    call = _specialized_call(name, fn, argv) or _generic_call(name, fn, argv)
    assign = node.get("assign")
    if assign is None:
        return call
    return _assigning(call, assign)


def _assigning(call: Evaluator, name: str) -> Evaluator:
    def evaluate(scope: dict[str, Any], partitions: Partitions) -> Any:
        result = call(scope, partitions)
        if name in scope:
            raise EndpointResolutionError(
                msg=f"Assignment {name} already exists in scoped variables and cannot be overwritten"
            )
        scope[name] = result
        return result

    return evaluate


def _generic_call(name: str, fn: Callable[..., Any], argv: Sequence[Any]) -> Evaluator:
    args = tuple(compile_value(a) for a in argv)
    if name in PARTITION_AWARE:
        return lambda scope, partitions: fn(partitions, *[a(scope, partitions) for a in args])
    if len(args) == 1:
        (only,) = args
        return lambda scope, partitions: fn(only(scope, partitions))
    if len(args) == 2:
        first, second = args
        return lambda scope, partitions: fn(first(scope, partitions), second(scope, partitions))
    return lambda scope, partitions: fn(*[a(scope, partitions) for a in args])


def _is_ref(node: Any) -> bool:
    return isinstance(node, dict) and "ref" in node


def _specialized_call(name: str, fn: Callable[..., Any], argv: Sequence[Any]) -> Evaluator | None:
    """Faster closures for the shapes that dominate published rule sets (same semantics)."""
    if name == "isSet" and len(argv) == 1 and _is_ref(argv[0]):
        ref = argv[0]["ref"]
        return lambda scope, partitions: scope.get(ref) is not None
    if name == "booleanEquals" and len(argv) == 2 and _is_ref(argv[0]) and isinstance(argv[1], bool):
        ref, expected = argv[0]["ref"], argv[1]

        def bool_equals(scope: dict[str, Any], partitions: Partitions) -> bool:
            value = scope.get(ref)
            if value is True or value is False:
                return value is expected
            return boolean_equals(value, expected)

        return bool_equals
    if name == "getAttr" and len(argv) == 2 and isinstance(argv[1], str):
        target = compile_value(argv[0])
        steps = parse_attr_path(argv[1])
        return lambda scope, partitions: walk_attr_path(target(scope, partitions), steps)
    return None


def _compile_properties(node: Any) -> tuple[bool, Any]:
    """``(dynamic, value)``: a constant, or an evaluator when a template occurs somewhere inside."""
    if isinstance(node, list):
        parts = [_compile_properties(item) for item in node]
        if not any(dynamic for dynamic, _ in parts):
            return False, node
        items = tuple(parts)
        return True, lambda scope, partitions: [
            value(scope, partitions) if dynamic else value for dynamic, value in items
        ]
    if isinstance(node, dict):
        entries = {key: _compile_properties(value) for key, value in node.items()}
        if not any(dynamic for dynamic, _ in entries.values()):
            return False, node
        pairs = tuple((key, dynamic, value) for key, (dynamic, value) in entries.items())
        return True, lambda scope, partitions: {
            key: value(scope, partitions) if dynamic else value for key, dynamic, value in pairs
        }
    if isinstance(node, str) and TEMPLATE_RE.search(node) is not None:
        return True, _template(node)
    return False, node


def _endpoint_body(endpoint: dict[str, Any]) -> Rule:
    url = compile_value(endpoint["url"])
    headers = tuple(
        (name, tuple(compile_value(v) for v in values))
        for name, values in endpoint.get("headers", {}).items()
    )
    dynamic, properties = _compile_properties(endpoint.get("properties", {}))

    def build(scope: dict[str, Any], partitions: Partitions) -> Resolved:
        resolved_headers = {name: [v(scope, partitions) for v in values] for name, values in headers}
        props = properties(scope, partitions) if dynamic else properties
        return url(scope, partitions), resolved_headers, props

    return build


def _error_body(error: Any) -> Rule:
    message = compile_value(error)

    def fail(scope: dict[str, Any], partitions: Partitions) -> Resolved | None:
        raise EndpointResolutionError(msg=message(scope, partitions))

    return fail


def _tree_body(rules: Sequence[dict[str, Any]], context: Context) -> Rule:
    compiled: list[CompiledRules] = []  # filled on first use (see the module notes)

    def first_match(scope: dict[str, Any], partitions: Partitions) -> Resolved | None:
        if compiled:
            children = compiled[0]
        else:
            children = compile_rules(rules, context)
            compiled.append(children)
        for child in children:
            result = child(scope, partitions)
            if result is not None:
                return result
        return None

    return first_match


_BODIES: dict[str, tuple[str, Callable[..., Rule]]] = {
    "endpoint": ("endpoint", _endpoint_body),
    "error": ("error", _error_body),
    "tree": ("rules", _tree_body),
}


def _compile_condition(node: dict[str, Any], context: Context) -> Evaluator:
    argv = node.get("argv", ())
    if (
        node.get("fn") == "booleanEquals"
        and "assign" not in node
        and len(argv) == 2
        and _is_ref(argv[0])
        and argv[0]["ref"] in context.always_bool
        and isinstance(argv[1], bool)
    ):
        ref, expected = argv[0]["ref"], argv[1]
        return lambda scope, partitions: scope[ref] is expected
    return _compile_call(node)


def _compile_rule(raw: dict[str, Any], context: Context) -> Rule:
    kind = raw.get("type")
    entry = _BODIES.get(kind) if isinstance(kind, str) else None
    if entry is None:
        raise EndpointResolutionError(
            msg=f"Unknown rule type: {kind}. A rule must be of type tree, endpoint or error."
        )
    field, make_body = entry
    raw_conditions = raw.get("conditions", ())
    conditions = tuple(_compile_condition(c, context) for c in raw_conditions)
    bound = tuple(c["assign"] for c in raw_conditions if "assign" in c)
    if kind == "tree":
        body = make_body(raw[field], Context(context.outer.union(bound), context.always_bool))
    else:
        body = make_body(raw[field])

    if not bound:

        def rule(scope: dict[str, Any], partitions: Partitions) -> Resolved | None:
            for condition in conditions:
                value = condition(scope, partitions)
                if value is None or value is False:
                    return None
            return body(scope, partitions)

        return rule

    if context.outer.intersection(bound) or len(set(bound)) != len(bound):
        return _shadowing_rule(conditions, body, bound)

    def binding_rule(scope: dict[str, Any], partitions: Partitions) -> Resolved | None:
        for condition in conditions:
            value = condition(scope, partitions)
            if value is None or value is False:
                _forget(scope, bound)
                return None
        result = body(scope, partitions)
        if result is None:
            _forget(scope, bound)
        return result

    return binding_rule


def _shadowing_rule(conditions: tuple[Evaluator, ...], body: Rule, bound: tuple[str, ...]) -> Rule:
    """A rule that binds a name its context may already hold: forget only what it added itself."""

    def rule(scope: dict[str, Any], partitions: Partitions) -> Resolved | None:
        held = tuple(name for name in bound if name in scope)
        for condition in conditions:
            value = condition(scope, partitions)
            if value is None or value is False:
                _forget(scope, tuple(n for n in bound if n not in held))
                return None
        result = body(scope, partitions)
        if result is None:
            _forget(scope, tuple(n for n in bound if n not in held))
        return result

    return rule


def _forget(scope: dict[str, Any], names: tuple[str, ...]) -> None:
    for name in names:
        scope.pop(name, None)


def compile_rules(rules: Sequence[dict[str, Any]], context: Context | None = None) -> CompiledRules:
    """Compile a rule list in ``context`` (by default: nothing known about the scope)."""
    context = context or Context()
    return tuple(_compile_rule(r, context) for r in rules)
