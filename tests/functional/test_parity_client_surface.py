"""The client object itself, boto3 vs awsession, without any HTTP: ``meta``, exceptions, methods.

Checked for a spread of services and regions: ``meta.region_name``, ``meta.endpoint_url`` and
``meta.partition``; ``client.exceptions`` (every modeled class, ``from_code`` for each code and
for an unknown one); the public method names; ``help()`` on a client and an operation method.
"""

from __future__ import annotations

import importlib
import os
import pydoc
from typing import Any

import pytest

SERVICES = ["s3", "ec2", "iam", "sts", "dynamodb", "sqs", "sns", "kms", "secretsmanager", "ssm",
            "lambda", "route53", "cloudfront", "s3control", "organizations"]
REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2", "cn-north-1", "us-gov-west-1",
           "us-iso-east-1", "aws-global"]


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    for name in list(os.environ):
        if name.startswith("AWS_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))


_SESSIONS: dict[str, Any] = {}


def _session(sdk: str) -> Any:
    """One session per SDK for the module (boto3 sessions are slow to make); made with the clean
    environment of the first test that asks, which every test here shares."""
    if sdk not in _SESSIONS:
        module = importlib.import_module(sdk)
        _SESSIONS[sdk] = module.Session(aws_access_key_id="a", aws_secret_access_key="b")
    return _SESSIONS[sdk]


def _meta(sdk: str, service: str, **kwargs: Any) -> Any:
    session = _session(sdk)
    try:
        client = session.client(service, **kwargs)
    except Exception as error:
        return ("error", type(error).__name__, str(error))
    return (client.meta.region_name, client.meta.endpoint_url, client.meta.partition)


@pytest.mark.parametrize("service", SERVICES)
def test_meta_matches_boto3_across_regions(service: str) -> None:
    for region in [*REGIONS, None]:
        want = _meta("boto3", service, region_name=region)
        assert _meta("awsession", service, region_name=region) == want, region


@pytest.mark.parametrize("kwargs", [
    {"region_name": "eu-central-1", "use_ssl": False},
    {"region_name": "us-west-2", "endpoint_url": "http://127.0.0.1:1/base"},
    {"region_name": "us-east-2", "config": "fips"},
    {"region_name": "eu-west-1", "config": "dualstack"},
    {"region_name": "us-east-1", "config": "regional-s3"},
], ids=["no-ssl", "endpoint-url", "fips", "dualstack", "s3-us-east-1-regional"])
@pytest.mark.parametrize("service", ["s3", "sts", "dynamodb", "ec2"])
def test_meta_matches_boto3_with_options(service: str, kwargs: dict[str, Any]) -> None:
    results = []
    for sdk, config_module in (("boto3", "botocore.config"), ("awsession", "awsession.config")):
        call = dict(kwargs)
        config = {"fips": {"use_fips_endpoint": True},
                  "dualstack": {"use_dualstack_endpoint": True},
                  "regional-s3": {"s3": {"us_east_1_regional_endpoint": "regional"}},
                  }.get(call.pop("config", ""))
        if config is not None:
            call["config"] = importlib.import_module(config_module).Config(**config)
        results.append(_meta(sdk, service, **call))
    assert results[1] == results[0]


def _client(sdk: str, service: str) -> Any:
    return _session(sdk).client(service, region_name="us-east-1")


@pytest.mark.parametrize("service", SERVICES)
def test_exceptions_match_boto3(service: str) -> None:
    want, have = _client("boto3", service).exceptions, _client("awsession", service).exceptions
    want_map = {code: cls.__name__ for code, cls in want._code_to_exception.items()}
    have_map = {code: have.from_code(code).__name__ for code in want_map}
    assert have_map == want_map
    for name in want_map.values():
        cls = getattr(have, name)
        assert cls.__name__ == name and issubclass(cls, have.ClientError)
    assert have.from_code("NoSuchThingAnywhere") is have.ClientError
    with pytest.raises(AttributeError, match="Valid exceptions are"):
        have.NoSuchThingAnywhere  # noqa: B018


# generate_presigned_post is a descriptor on every awsession client class that raises
# AttributeError off S3, so dir() lists it everywhere; hasattr() is compared instead, below.
_NOT_IN_DIR_COMPARISON = frozenset({"generate_presigned_post"})


def _public(client: Any) -> list[str]:
    return sorted(name for name in dir(client)
                  if not name.startswith("_") and name not in _NOT_IN_DIR_COMPARISON)


@pytest.mark.parametrize("service", SERVICES)
def test_method_names_match_boto3(service: str) -> None:
    want, have = _client("boto3", service), _client("awsession", service)
    assert _public(have) == _public(want)
    assert hasattr(have, "generate_presigned_post") == hasattr(want, "generate_presigned_post")
    assert have.meta.method_to_api_mapping == want.meta.method_to_api_mapping
    assert have.waiter_names == want.waiter_names


def test_help_renders_for_client_and_operation() -> None:
    s3 = _client("awsession", "s3")
    method_doc = pydoc.render_doc(s3.put_object, renderer=pydoc.plaintext)
    assert "put_object" in method_doc and "Bucket" in method_doc
    client_doc = pydoc.render_doc(s3, renderer=pydoc.plaintext)
    assert "list_buckets" in client_doc
    assert s3.put_object.__name__ == "put_object"
    with pytest.raises(TypeError, match="only accepts keyword arguments"):
        s3.list_buckets("positional")
