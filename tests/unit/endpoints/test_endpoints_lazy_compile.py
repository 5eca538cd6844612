"""Tree branches compile when a resolution first reaches them; results equal the eager engine's."""

from __future__ import annotations

import pickle
from typing import Any

import pytest
from botocore.endpoint_provider import EndpointProvider
from botocore.exceptions import EndpointResolutionError as BotocoreEndpointResolutionError

from awsession.endpoints import compiler
from awsession.endpoints.compiler import Context, compile_rules
from awsession.endpoints.rules import Endpoint, ParamSpec, compile_ruleset, resolve_endpoint
from awsession.exceptions import EndpointResolutionError
from awsession.model.services import load_endpoint_ruleset, load_partitions

REGION = {"Region": {"type": "String", "required": True, "builtIn": "AWS::Region"}}


def _is(value: str) -> dict[str, Any]:
    return {"fn": "stringEquals", "argv": [{"ref": "Region"}, value]}


def _tree(condition: dict[str, Any], rules: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "tree", "conditions": [condition], "rules": rules}


def _endpoint(url: str) -> dict[str, Any]:
    return {"type": "endpoint", "conditions": [], "endpoint": {"url": url}}


def test_a_branch_is_compiled_when_first_reached(monkeypatch: pytest.MonkeyPatch) -> None:
    compiled_lists: list[int] = []
    real = compiler.compile_rules

    def counting(rules: Any, context: Any = None) -> Any:
        compiled_lists.append(len(rules))
        return real(rules, context)

    monkeypatch.setattr(compiler, "compile_rules", counting)
    ruleset = {
        "version": "1.0",
        "parameters": REGION,
        "rules": [
            _tree(_is("a"), [_endpoint("https://a-1"), _endpoint("https://a-2")]),
            _tree(_is("b"), [_endpoint("https://b")]),
        ],
    }
    compiled = compile_ruleset(ruleset)
    assert compiled_lists == []  # the top level is compiled directly, the branches not yet
    assert compiled.resolve({"Region": "b"}, _partitions()).url == "https://b"
    assert compiled_lists == [1]
    assert compiled.resolve({"Region": "a"}, _partitions()).url == "https://a-1"
    assert compiled.resolve({"Region": "a"}, _partitions()).url == "https://a-1"
    assert compiled_lists == [1, 2]  # each branch once, however often it is reached


def _partitions() -> Any:
    from awsession.endpoints.partitions import default_partitions

    return default_partitions()


def test_a_malformed_rule_inside_a_branch_fails_when_reached() -> None:
    ruleset = {
        "version": "1.0",
        "parameters": REGION,
        "rules": [
            _tree(_is("bad"), [{"type": "bogus", "conditions": []}]),
            _tree(
                _is("bad-fn"),
                [
                    {
                        "type": "endpoint",
                        "conditions": [{"fn": "nope", "argv": []}],
                        "endpoint": {"url": "https://x"},
                    }
                ],
            ),
            _endpoint("https://fine"),
        ],
    }
    assert resolve_endpoint(ruleset, {"Region": "ok"}).url == "https://fine"
    with pytest.raises(EndpointResolutionError, match="Unknown rule type: bogus"):
        resolve_endpoint(ruleset, {"Region": "bad"})
    with pytest.raises(EndpointResolutionError, match="Unknown rule function: nope"):
        resolve_endpoint(ruleset, {"Region": "bad-fn"})


@pytest.mark.parametrize("service", ["s3", "s3control", "ec2", "dynamodb", "sts", "iam"])
def test_lazily_compiled_rule_sets_agree_with_botocore(service: str) -> None:
    raw = load_endpoint_ruleset(service)
    fresh = type(compile_ruleset(raw))(raw)  # a private compiled copy, branches not yet compiled
    cases = [
        {"Region": region, "UseFIPS": fips, "UseDualStack": dual}
        for region in ("us-east-1", "eu-west-1", "cn-north-1", "us-gov-west-1", "aws-global")
        for fips in (False, True)
        for dual in (False, True)
    ]
    if service == "s3":
        cases += [
            {**case, "Bucket": "my-bucket", "ForcePathStyle": path}
            for case in cases[:8]
            for path in (False, True)
        ]
    for params in cases:
        declared = {k: v for k, v in params.items() if k in fresh.param_names}
        try:
            ours: Any = fresh.resolve(declared, _partitions())
        except EndpointResolutionError as error:
            ours = str(error)
        try:
            found = EndpointProvider(raw, load_partitions()).resolve_endpoint(**declared)
            reference: Any = Endpoint(found.url, found.headers, found.properties)
        except BotocoreEndpointResolutionError as error:
            reference = str(error)
        assert ours == reference


def test_value_objects_are_frozen_comparable_and_picklable() -> None:
    endpoint = Endpoint("https://x", {"h": ["v"]}, {"p": 1})
    assert endpoint == Endpoint("https://x", {"h": ["v"]}, {"p": 1})
    assert endpoint != Endpoint("https://y", {"h": ["v"]}, {"p": 1})
    assert repr(endpoint) == "Endpoint(url='https://x', headers={'h': ['v']}, properties={'p': 1})"
    assert pickle.loads(pickle.dumps(endpoint)) == endpoint
    with pytest.raises(AttributeError):
        endpoint.url = "https://z"  # type: ignore[misc]
    spec = ParamSpec("Region", str, "AWS::Region", None, True)
    assert hash(spec) == hash(ParamSpec("Region", str, "AWS::Region", None, True))
    assert spec.type is str and spec.required is True
    context = Context()
    assert context == Context(frozenset(), frozenset()) and context.outer == frozenset()
    assert compile_rules([], context) == ()
