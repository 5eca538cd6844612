"""The rules engine: scoping, parameter checks, templates, errors and the result cache.

Each rule set here is also run through botocore's ``EndpointProvider`` so the expectations are
botocore's behaviour, not just ours.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from botocore.endpoint_provider import EndpointProvider
from botocore.exceptions import EndpointResolutionError as BotocoreEndpointResolutionError

from awsession.endpoints import rules as rules_module
from awsession.endpoints.rules import Endpoint, compile_ruleset, resolve_endpoint
from awsession.exceptions import EndpointResolutionError
from awsession.model.services import load_endpoint_ruleset, load_partitions

REGION = {"Region": {"type": "String", "required": True, "builtIn": "AWS::Region"}}


def _ruleset(rules: list[dict[str, Any]], params: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"version": "1.0", "parameters": REGION if params is None else params, "rules": rules}


def _endpoint(url: str, **extra: Any) -> dict[str, Any]:
    return {"type": "endpoint", "conditions": extra.pop("conditions", []), "endpoint": {"url": url, **extra}}


def _ours(ruleset: dict[str, Any], params: dict[str, Any]) -> Any:
    try:
        found = resolve_endpoint(ruleset, params)
    except EndpointResolutionError as error:
        return ("error", str(error))
    return (found.url, found.headers, found.properties)


def _botocore(ruleset: dict[str, Any], params: dict[str, Any]) -> Any:
    try:
        found = EndpointProvider(ruleset, load_partitions()).resolve_endpoint(**params)
    except BotocoreEndpointResolutionError as error:
        return ("error", str(error))
    return (found.url, found.headers, found.properties)


def _same_as_botocore(ruleset: dict[str, Any], params: dict[str, Any]) -> Any:
    ours = _ours(ruleset, params)
    assert ours == _botocore(ruleset, params)
    return ours


PARTITION = {"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "P"}
NEVER = {"fn": "booleanEquals", "argv": [True, False]}


def test_a_binding_is_not_seen_by_later_siblings() -> None:
    ruleset = _ruleset([
        _endpoint("https://first", conditions=[PARTITION, NEVER]),
        _endpoint("https://leaked", conditions=[{"fn": "isSet", "argv": [{"ref": "P"}]}]),
        _endpoint("https://{Region}.fallback"),
    ])  # fmt: skip
    assert _same_as_botocore(ruleset, {"Region": "us-west-2"})[0] == "https://us-west-2.fallback"


def test_tree_bindings_reach_children_and_an_empty_tree_falls_through() -> None:
    ruleset = _ruleset([
        {"type": "tree", "conditions": [PARTITION], "rules": [
            _endpoint("https://never", conditions=[NEVER]),
        ]},
        {"type": "tree", "conditions": [PARTITION], "rules": [
            _endpoint("https://svc.{Region}.{P#dnsSuffix}", conditions=[NEVER]),
            _endpoint("https://svc.{Region}.{P#dualStackDnsSuffix}"),
        ]},
    ])  # fmt: skip
    assert _same_as_botocore(ruleset, {"Region": "cn-north-1"})[0] == (
        "https://svc.cn-north-1.api.amazonwebservices.com.cn"
    )


def test_rebinding_a_name_in_scope_is_an_error_only_when_reached() -> None:
    rebind = {"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "P"}
    ruleset = _ruleset([
        {"type": "tree", "conditions": [PARTITION], "rules": [
            _endpoint("https://skipped", conditions=[NEVER, rebind]),
            _endpoint("https://{P#name}.kept"),
        ]},
    ])  # fmt: skip
    assert _same_as_botocore(ruleset, {"Region": "us-east-1"})[0] == "https://aws.kept"
    clash = _ruleset(
        [{"type": "tree", "conditions": [PARTITION], "rules": [_endpoint("https://x", conditions=[rebind])]}]
    )
    assert _same_as_botocore(clash, {"Region": "us-east-1"}) == (
        "error", "Assignment P already exists in scoped variables and cannot be overwritten",
    )  # fmt: skip


def test_parameter_checks_defaults_and_types() -> None:
    params = {
        "Region": {"type": "String", "required": True},
        "UseFIPS": {"type": "Boolean", "required": True, "default": False},
        "Names": {"type": "stringArray", "required": False},
    }
    ruleset = _ruleset(
        [
            _endpoint(
                "https://fips", conditions=[{"fn": "booleanEquals", "argv": [{"ref": "UseFIPS"}, True]}]
            ),
            _endpoint(
                "https://{Region}.{first}",
                conditions=[{"fn": "getAttr", "argv": [{"ref": "Names"}, "[0]"], "assign": "first"}],
            ),
            _endpoint("https://{Region}"),
        ],
        params,
    )
    assert _same_as_botocore(ruleset, {"Region": "r"})[0] == "https://r"
    assert _same_as_botocore(ruleset, {"Region": "r", "Names": ["a", "b"]})[0] == "https://r.a"
    assert _same_as_botocore(ruleset, {"Region": "r", "UseFIPS": True})[0] == "https://fips"
    assert _same_as_botocore(ruleset, {}) == ("error", "Cannot find value for required parameter Region")
    assert _same_as_botocore(ruleset, {"Region": 5}) == (
        "error", "Value (Region) is the wrong type. Must be <class 'str'>.",
    )  # fmt: skip
    assert _same_as_botocore(ruleset, {"Region": "r", "UseFIPS": "yes"}) == (
        "error", "Value (UseFIPS) is the wrong type. Must be <class 'bool'>.",
    )  # fmt: skip


def test_no_matching_rule_lists_the_parameters() -> None:
    ruleset = _ruleset([_endpoint("https://x", conditions=[NEVER])])
    assert _same_as_botocore(ruleset, {"Region": "us-east-1"}) == (
        "error", "No endpoint found for parameters:\nRegion: us-east-1",
    )  # fmt: skip


def test_templates_headers_properties_and_error_messages() -> None:
    ruleset = _ruleset([
        _endpoint("https://{Region}.{{literal}}/Region1", conditions=[NEVER]),
        {"type": "error", "conditions": [{"fn": "stringEquals", "argv": [{"ref": "Region"}, "bad"]}],
         "error": "Region {Region} is not allowed"},
        _endpoint(
            "https://{Region}.{{literal}}",
            conditions=[PARTITION],
            headers={"x-a": ["{Region}", "static"], "x-b": [{"ref": "Region"}], "x-c": ["{Region1}"]},
            properties={
                "authSchemes": [{"name": "sigv4", "signingRegion": "{Region}", "disable": True}],
                "asData": {"ref": "Region"},
                "suffix": "{P#dnsSuffix}",
            },
        ),
    ])  # fmt: skip
    url, headers, properties = _same_as_botocore(ruleset, {"Region": "eu-west-1"})
    assert url == "https://eu-west-1.{literal}"
    # "{Region1}" is not a template (only letters and '#' make one), so it stays as written.
    assert headers == {"x-a": ["eu-west-1", "static"], "x-b": ["eu-west-1"], "x-c": ["{Region1}"]}
    assert properties == {
        "authSchemes": [{"name": "sigv4", "signingRegion": "eu-west-1", "disable": True}],
        "asData": {"ref": "Region"},
        "suffix": "amazonaws.com",
    }
    assert _same_as_botocore(ruleset, {"Region": "bad"}) == ("error", "Region bad is not allowed")


def test_a_condition_holds_for_empty_strings_but_not_for_none() -> None:
    empty = {"fn": "substring", "argv": [{"ref": "Region"}, 0, 0, False]}  # None: start >= stop
    prefix = {"fn": "substring", "argv": [{"ref": "Region"}, 0, 2, False], "assign": "pre"}
    ruleset = _ruleset(
        [_endpoint("https://none", conditions=[empty]), _endpoint("https://{pre}", conditions=[prefix])]
    )
    assert _same_as_botocore(ruleset, {"Region": "us-east-1"})[0] == "https://us"


def test_malformed_rule_sets_are_rejected_at_compile_time() -> None:
    with pytest.raises(EndpointResolutionError, match="Unknown rule type: bogus"):
        compile_ruleset(_ruleset([{"type": "bogus", "conditions": []}]))
    with pytest.raises(EndpointResolutionError, match="Unknown parameter type: number"):
        compile_ruleset(_ruleset([], {"N": {"type": "number"}}))
    with pytest.raises(EndpointResolutionError, match="Unknown rule function: nope"):
        compile_ruleset(_ruleset([_endpoint("https://x", conditions=[{"fn": "nope", "argv": []}])]))


def test_compiled_once_and_results_cached_and_shared() -> None:
    ruleset = load_endpoint_ruleset("s3")
    compiled = compile_ruleset(ruleset)
    assert compile_ruleset(ruleset) is compiled
    params = {"Region": "us-west-2", "Bucket": "cache-test-bucket", "UseFIPS": False}
    first = resolve_endpoint(ruleset, params)
    assert isinstance(first, Endpoint)
    assert resolve_endpoint(ruleset, dict(params)) is first
    assert first.url == "https://cache-test-bucket.s3.us-west-2.amazonaws.com"


def test_cached_errors_raise_a_fresh_exception_each_time() -> None:
    ruleset = load_endpoint_ruleset("s3")
    params = {"Region": "us-east-1", "Bucket": "arn:aws:not-s3:us-west-2:123456789012:accesspoint:x"}
    raised = []
    for _ in range(2):
        with pytest.raises(EndpointResolutionError) as info:
            resolve_endpoint(ruleset, params)
        raised.append(info.value)
    assert raised[0] is not raised[1]
    assert str(raised[1]) == "Invalid ARN: The ARN was not for the S3 service, found: not-s3"


def test_cache_is_bounded() -> None:
    ruleset = _ruleset([_endpoint("https://{Region}")])
    compiled = compile_ruleset(ruleset)
    for index in range(rules_module.CACHE_SIZE + 50):
        assert resolve_endpoint(ruleset, {"Region": f"r{index}"}).url == f"https://r{index}"
    assert compiled.cached_count == rules_module.CACHE_SIZE
    assert resolve_endpoint(ruleset, {"Region": "r0"}).url == "https://r0"  # evicted, recomputed


def test_concurrent_resolution_is_consistent() -> None:
    ruleset = load_endpoint_ruleset("s3")
    expected = {f"bucket-{i}": f"https://bucket-{i}.s3.eu-central-1.amazonaws.com" for i in range(300)}
    errors: list[str] = []

    def work() -> None:
        for _ in range(3):
            for bucket, url in expected.items():
                got = resolve_endpoint(ruleset, {"Region": "eu-central-1", "Bucket": bucket}).url
                if got != url:
                    errors.append(got)

    threads = [threading.Thread(target=work) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_unhashable_values_bypass_the_cache_and_fail_the_type_check() -> None:
    ruleset = _ruleset([_endpoint("https://{Region}")])
    for _ in range(2):
        with pytest.raises(EndpointResolutionError, match=r"Value \(Region\) is the wrong type"):
            resolve_endpoint(ruleset, {"Region": {"not": "hashable"}})


def test_boolean_parameters_with_defaults_take_the_fast_path_with_same_results() -> None:
    params = {"Region": {"type": "String"}, "UseFIPS": {"type": "Boolean", "default": False}}
    ruleset = _ruleset(
        [
            _endpoint(
                "https://fips.{Region}",
                conditions=[{"fn": "booleanEquals", "argv": [{"ref": "UseFIPS"}, True]}],
            ),
            _endpoint(
                "https://{Region}", conditions=[{"fn": "booleanEquals", "argv": [{"ref": "UseFIPS"}, False]}]
            ),
        ],
        params,
    )
    assert _same_as_botocore(ruleset, {"Region": "a", "UseFIPS": True})[0] == "https://fips.a"
    assert _same_as_botocore(ruleset, {"Region": "a"})[0] == "https://a"
