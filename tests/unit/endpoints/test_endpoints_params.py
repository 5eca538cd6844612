"""Per-call rule-set parameters, checked against botocore's ``EndpointRulesetResolver``.

Each scenario builds a botocore client with some configuration, asks its resolver for the
provider parameters of one call, and compares them with ``build_endpoint_params`` given an
``EndpointBuiltins`` filled from the same settings.
"""

from __future__ import annotations

from typing import Any

import botocore.session
import pytest
from botocore.config import Config

from awsession.endpoints import EndpointBuiltins, build_endpoint_params, resolve_endpoint
from awsession.endpoints.builtins import customize_s3_builtins, is_s3_accelerate_url
from awsession.exceptions import (
    InvalidS3UsEast1RegionalEndpointConfigError,
    InvalidSTSRegionalEndpointsConfigError,
    UnknownEndpointResolutionBuiltInName,
)
from awsession.model.services import load_endpoint_ruleset, load_service_model

_SESSION = botocore.session.get_session()  # shared: models load once; env vars are read per client
CREDENTIALS = {"aws_access_key_id": "AKIDEXAMPLE", "aws_secret_access_key": "not-a-real-secret"}


def _botocore_params(
    service: str,
    operation: str,
    call: dict[str, Any],
    request_context: dict[str, Any] | None = None,
    **client_kwargs: Any,
) -> dict[str, Any]:
    client = _SESSION.create_client(service, **CREDENTIALS, **client_kwargs)
    resolver = client._ruleset_resolver
    model = client.meta.service_model.operation_model(operation)
    params = resolver._get_provider_params(model, call, request_context or {})
    return {k: (v() if callable(v) else v) for k, v in params.items()}


def _ours(
    service: str,
    operation: str,
    call: dict[str, Any],
    builtins: EndpointBuiltins,
    client_context: dict[str, Any] | None = None,
    request_context: dict[str, Any] | None = None,
) -> dict[str, Any]:
    model = load_service_model(service)
    return build_endpoint_params(
        load_endpoint_ruleset(service), model, model.operation_model(operation), call, builtins,
        client_context or {}, request_context=request_context,
    )  # fmt: skip


S3_GET = ("GetObject", {"Bucket": "my-bucket", "Key": "k"})

SCENARIOS: list[tuple[str, str, str, dict[str, Any], dict[str, Any], EndpointBuiltins, dict[str, Any]]] = [
    ("s3 us-east-1 defaults", "s3", *S3_GET, {"region_name": "us-east-1"},
     EndpointBuiltins(region="us-east-1", endpoint_prefix="s3"), {}),
    ("s3 us-east-1 regional", "s3", *S3_GET,
     {"region_name": "us-east-1", "config": Config(s3={"us_east_1_regional_endpoint": "regional"})},
     EndpointBuiltins(region="us-east-1", endpoint_prefix="s3", s3={"us_east_1_regional_endpoint": "regional"}), {}),
    ("s3 no region", "s3", *S3_GET, {}, EndpointBuiltins(endpoint_prefix="s3"), {}),
    ("s3 path style", "s3", "ListObjects", {"Bucket": "b"},
     {"region_name": "eu-west-1", "config": Config(s3={"addressing_style": "path"})},
     EndpointBuiltins(region="eu-west-1", endpoint_prefix="s3", s3={"addressing_style": "path"}), {}),
    ("s3 custom endpoint", "s3", *S3_GET, {"region_name": "us-west-2", "endpoint_url": "http://127.0.0.1:9000"},
     EndpointBuiltins(region="us-west-2", endpoint_prefix="s3", endpoint_url="http://127.0.0.1:9000"), {}),
    ("s3 custom endpoint virtual", "s3", *S3_GET,
     {"region_name": "us-west-2", "endpoint_url": "https://s3.example.com",
      "config": Config(s3={"addressing_style": "virtual"})},
     EndpointBuiltins(region="us-west-2", endpoint_prefix="s3", endpoint_url="https://s3.example.com",
                      s3={"addressing_style": "virtual"}), {}),
    ("s3 accelerate + dualstack", "s3", *S3_GET,
     {"region_name": "us-west-2", "config": Config(s3={"use_accelerate_endpoint": True, "use_dualstack_endpoint": True})},
     EndpointBuiltins(region="us-west-2", endpoint_prefix="s3",
                      s3={"use_accelerate_endpoint": True, "use_dualstack_endpoint": True}), {}),
    ("s3 fips pseudo region", "s3", *S3_GET, {"region_name": "fips-us-gov-west-1"},
     EndpointBuiltins(region="fips-us-gov-west-1", endpoint_prefix="s3"), {}),
    ("s3 GetBucketLocation", "s3", "GetBucketLocation", {"Bucket": "b"}, {"region_name": "us-west-2"},
     EndpointBuiltins(region="us-west-2", endpoint_prefix="s3"), {}),
    ("s3 ARN bucket", "s3", "GetObject",
     {"Bucket": "arn:aws:s3:us-west-2:123456789012:accesspoint:ap", "Key": "k"},
     {"region_name": "us-west-2", "config": Config(s3={"addressing_style": "path", "use_arn_region": False})},
     EndpointBuiltins(region="us-west-2", endpoint_prefix="s3", s3={"addressing_style": "path", "use_arn_region": False}),
     {}),
    ("s3 CreateBucket static context", "s3", "CreateBucket", {"Bucket": "b"}, {"region_name": "ap-south-1"},
     EndpointBuiltins(region="ap-south-1", endpoint_prefix="s3"), {}),
    ("s3 client context params", "s3", *S3_GET,
     {"region_name": "us-west-2", "config": Config(client_context_params={"disable_s3_express_session_auth": True})},
     EndpointBuiltins(region="us-west-2", endpoint_prefix="s3"), {"disable_s3_express_session_auth": True}),
    ("s3control account", "s3control", "GetAccessPoint", {"AccountId": "123456789012", "Name": "ap"},
     {"region_name": "us-west-2", "config": Config(use_fips_endpoint=True)},
     EndpointBuiltins(region="us-west-2", endpoint_prefix="s3-control", use_fips=True), {}),
    ("sts regional", "sts", "GetCallerIdentity", {}, {"region_name": "us-east-1"},
     EndpointBuiltins(region="us-east-1", endpoint_prefix="sts"), {}),
    ("iam without region", "iam", "ListUsers", {}, {}, EndpointBuiltins(endpoint_prefix="iam"), {}),
    ("ec2 dualstack", "ec2", "DescribeInstances", {}, {"region_name": "sa-east-1", "config": Config(use_dualstack_endpoint=True)},
     EndpointBuiltins(region="sa-east-1", endpoint_prefix="ec2", use_dualstack=True), {}),
    ("ec2 custom endpoint turns fips off", "ec2", "DescribeInstances", {},
     {"region_name": "us-east-1", "endpoint_url": "https://ec2.example.com", "config": Config(use_fips_endpoint=True)},
     EndpointBuiltins(region="us-east-1", endpoint_prefix="ec2", use_fips=True, endpoint_url="https://ec2.example.com"),
     {}),
    ("dynamodb operation context params", "dynamodb", "TransactGetItems",
     {"TransactItems": [{"Get": {"TableName": "t1", "Key": {}}}, {"Get": {"TableName": "t2", "Key": {}}}]},
     {"region_name": "us-east-1", "aws_account_id": "111122223333",
      "config": Config(account_id_endpoint_mode="preferred")},
     EndpointBuiltins(region="us-east-1", endpoint_prefix="dynamodb", account_id=lambda: "111122223333",
                      account_id_endpoint_mode="preferred"), {}),
    ("dynamodb keys()", "dynamodb", "BatchGetItem", {"RequestItems": {"a": {"Keys": []}, "b": {"Keys": []}}},
     {"region_name": "us-east-1"},
     EndpointBuiltins(region="us-east-1", endpoint_prefix="dynamodb", account_id_endpoint_mode="preferred"), {}),
]  # fmt: skip


@pytest.mark.parametrize(
    ("service", "operation", "call", "client_kwargs", "builtins", "client_context"),
    [pytest.param(*s[1:], id=s[0]) for s in SCENARIOS],
)
def test_params_match_botocore(
    service: str,
    operation: str,
    call: dict[str, Any],
    client_kwargs: dict[str, Any],
    builtins: EndpointBuiltins,
    client_context: dict[str, Any],
) -> None:
    expected = _botocore_params(service, operation, call, **client_kwargs)
    ours = _ours(service, operation, call, builtins, client_context)
    assert ours == expected
    # Resolution must work (or fail) the same way on the same parameters.
    ruleset = load_endpoint_ruleset(service)
    assert resolve_endpoint(ruleset, ours).url.startswith("http")


def test_sts_legacy_global_endpoint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_STS_REGIONAL_ENDPOINTS", "legacy")
    for region in ("us-east-1", "eu-west-1", "ap-east-1"):
        expected = _botocore_params("sts", "GetCallerIdentity", {}, region_name=region)
        builtins = EndpointBuiltins(region=region, endpoint_prefix="sts", sts_regional_endpoints="legacy")
        assert _ours("sts", "GetCallerIdentity", {}, builtins) == expected
    url = resolve_endpoint(load_endpoint_ruleset("sts"), expected).url
    assert url == "https://sts.ap-east-1.amazonaws.com"
    global_params = _ours("sts", "GetCallerIdentity", {}, EndpointBuiltins(
        region="eu-west-1", endpoint_prefix="sts", sts_regional_endpoints="legacy"))  # fmt: skip
    assert resolve_endpoint(load_endpoint_ruleset("sts"), global_params).url == "https://sts.amazonaws.com"


def test_presign_global_endpoint_context() -> None:
    context = {"use_global_endpoint": True}
    expected = _botocore_params("s3", *S3_GET, request_context=context, region_name="us-east-1")
    builtins = EndpointBuiltins(region="us-east-1", endpoint_prefix="s3")
    ours = _ours("s3", *S3_GET, builtins, request_context=context)
    assert ours == expected
    assert ours["Region"] == "aws-global"


def test_exact_builtins_bypass_all_computation() -> None:
    builtins = EndpointBuiltins(exact={"AWS::Region": "fips-us-east-1"}, endpoint_prefix="s3")
    params = _ours("s3", "GetBucketLocation", {"Bucket": "b"}, builtins)
    # No FIPS normalisation, no forced path style; operation and client context still apply.
    assert params == {
        "Region": "fips-us-east-1", "Bucket": "b", "UseS3ExpressControlEndpoint": True,
        "DisableS3ExpressSessionAuth": False,
    }  # fmt: skip


def test_invalid_regional_settings_raise_botocore_errors() -> None:
    with pytest.raises(InvalidS3UsEast1RegionalEndpointConfigError):
        _ = EndpointBuiltins(region="us-east-1", s3={"us_east_1_regional_endpoint": "nope"}).values
    with pytest.raises(InvalidSTSRegionalEndpointsConfigError):
        _ = EndpointBuiltins(region="us-east-1", sts_regional_endpoints="nope").values


def test_unknown_builtin_is_an_error() -> None:
    ruleset = {"version": "1.0", "parameters": {"X": {"type": "string", "builtIn": "AWS::Nope"}}, "rules": []}
    model = load_service_model("sts")
    with pytest.raises(UnknownEndpointResolutionBuiltInName, match="AWS::Nope"):
        build_endpoint_params(
            ruleset, model, model.operation_model("GetCallerIdentity"), {}, EndpointBuiltins(), {}
        )


def test_s3_customization_leaves_values_alone_when_nothing_changes() -> None:
    values = EndpointBuiltins(region="us-west-2", endpoint_prefix="s3").values
    assert customize_s3_builtins(values, "GetObject", "bucket", {}) is values
    forced = customize_s3_builtins(values, "GetBucketLocation", "bucket", {})
    assert forced["AWS::S3::ForcePathStyle"] is True
    assert values["AWS::S3::ForcePathStyle"] is False


def test_accelerate_url_detection() -> None:
    assert is_s3_accelerate_url("https://s3-accelerate.amazonaws.com")
    assert is_s3_accelerate_url("https://s3-accelerate.dualstack.amazonaws.com")
    assert not is_s3_accelerate_url("https://s3-accelerate.dualstack.dualstack.amazonaws.com")
    assert not is_s3_accelerate_url("https://s3.amazonaws.com")
    assert not is_s3_accelerate_url("ftp://s3-accelerate.amazonaws.com")
    assert not is_s3_accelerate_url(None)


@pytest.mark.parametrize("service", ["s3", "s3control", "dynamodb", "sts", "lambda", "events"])
def test_every_operation_matches_botocore(service: str) -> None:
    call = {
        "Bucket": "my-bucket", "Key": "k", "AccountId": "123456789012", "Name": "n", "TableName": "t",
        "FunctionName": "f", "EndpointId": "abc.def", "RequestItems": {"t1": {}}, "TransactItems": [],
    }  # fmt: skip
    region = "us-west-2"
    client = _SESSION.create_client(service, region_name=region, **CREDENTIALS)
    resolver = client._ruleset_resolver
    model = load_service_model(service)
    builtins = EndpointBuiltins(
        region=region, endpoint_prefix=model.endpoint_prefix, account_id_endpoint_mode="preferred"
    )
    mismatches = []
    for name in model.operation_names:
        expected = resolver._get_provider_params(client.meta.service_model.operation_model(name), call, {})
        ours = _ours(service, name, call, builtins)
        if ours != expected:
            mismatches.append((name, ours, expected))
    assert mismatches == []


def test_deferred_account_id_is_asked_for_on_every_call() -> None:
    asked: list[int] = []

    def account_id() -> str:
        asked.append(1)
        return "111122223333"

    builtins = EndpointBuiltins(
        region="us-east-1",
        endpoint_prefix="dynamodb",
        account_id=account_id,
        account_id_endpoint_mode="required",
    )
    for _ in range(2):
        params = _ours("dynamodb", "GetItem", {"TableName": "t", "Key": {}}, builtins)
        assert params["AccountId"] == "111122223333"
    assert len(asked) == 2
    url = resolve_endpoint(load_endpoint_ruleset("dynamodb"), params).url
    assert url == "https://111122223333.ddb.us-east-1.amazonaws.com"
