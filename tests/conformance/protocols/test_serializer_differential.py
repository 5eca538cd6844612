"""Differential check: awsession's serializers against botocore 1.43.11's on real service models.

For every operation of a set of services covering all six protocols, seeded random valid parameters
(checked by botocore's own validator) are serialized by both; method, path, query, headers, host
prefix and body must agree. Bodies are compared byte-for-byte (JSON, XML, CBOR and form bodies are all
written the way botocore writes them); a streaming payload must be passed through untouched.
"""

from __future__ import annotations

import functools
import json
from types import SimpleNamespace
from typing import Any

import botocore.serialize
import botocore.session
import pytest
from botocore.awsrequest import AWSRequestPreparer
from botocore.model import ServiceModel as BotoServiceModel

from awsession.model.services import load_service_model
from awsession.model.shapes import ServiceModel
from awsession.protocols.serializers.registry import SERIALIZERS
from tests.conformance.protocols._input_generate import ParamGenerator, Unsupported

# service -> protocols forced on both sides
SERVICES: dict[str, tuple[str, ...]] = {
    "s3": ("rest-xml",),
    "route53": ("rest-xml",),
    "ec2": ("ec2",),
    "sts": ("query",),
    "iam": ("query",),
    "sns": ("query",),
    "dynamodb": ("json",),
    "sqs": ("json",),
    "kms": ("json",),
    "cloudwatch": ("json", "smithy-rpc-v2-cbor", "query"),
    "lambda": ("rest-json",),
    "apigateway": ("rest-json",),
    "arc-region-switch": ("smithy-rpc-v2-cbor",),
    "gamelift": ("smithy-rpc-v2-cbor",),
}
SEEDS = (1, 2, 3)
_NOT_SERIALIZED_BY_BOTOCORE_SERIALIZER = {"User-Agent", "Date"}


@functools.cache
def _ours(service: str) -> ServiceModel:
    return load_service_model(service)


@functools.cache
def _theirs(service: str) -> BotoServiceModel:
    return botocore.session.get_session().get_service_model(service)


@functools.cache
def _botocore_serializer(protocol: str) -> Any:
    return botocore.serialize.create_serializer(protocol, include_validation=True)


def _cases() -> list[Any]:
    cases = []
    for service, protocols in SERVICES.items():
        for protocol in protocols:
            for operation in _ours(service).operation_names:
                cases.append(pytest.param(service, protocol, operation, id=f"{protocol}-{service}-{operation}"))
    return cases


def _form(body: dict[str, Any]) -> bytes:
    encoded = AWSRequestPreparer()._prepare_body(SimpleNamespace(data=body))
    return encoded.encode("ascii") if isinstance(encoded, str) else encoded


def _query(query: Any) -> dict[str, Any]:
    if not query:
        return {}
    return {k: [str(x) for x in v] if isinstance(v, list) else str(v) for k, v in query.items()}


def _expected_body(protocol: str, body: Any) -> Any:
    if protocol in ("query", "ec2"):
        return _form(body)
    return body


@pytest.mark.parametrize(("service", "protocol", "operation"), _cases())
def test_serializer_matches_botocore(service: str, protocol: str, operation: str) -> None:
    ours = _ours(service).operation_model(operation)
    theirs = _theirs(service).operation_model(operation)
    serialize = SERIALIZERS[protocol]
    botocore_serializer = _botocore_serializer(protocol)
    compared = 0
    for seed in SEEDS:
        generator = ParamGenerator(_ours(service).shapes, seed * 7919 + len(operation), cbor=protocol == "smithy-rpc-v2-cbor")
        try:
            params = generator.for_input(ours.raw.get("input"))
        except Unsupported as exc:
            pytest.skip(f"cannot generate parameters: {exc}")
        expected = botocore_serializer.serialize_to_request(params, theirs)
        actual = serialize(ours, params, new_token=lambda: "unused-token")
        context = f"params={params!r}"
        assert actual.method == expected["method"], context
        assert actual.url_path == expected["url_path"], context
        assert _query(actual.query) == _query(expected["query_string"]), context
        headers = {k: v for k, v in expected["headers"].items() if k not in _NOT_SERIALIZED_BY_BOTOCORE_SERIALIZER}
        assert actual.headers == headers, context
        assert actual.host_prefix == expected.get("host_prefix"), context
        want = _expected_body(protocol, expected["body"])
        if isinstance(want, (bytes, bytearray)):
            assert actual.body == want, context
        else:
            assert actual.body is want, f"streaming body must pass through untouched; {context}"
        compared += 1
    assert compared == len(SEEDS)


def test_differential_covers_enough_operations() -> None:
    protocols = {p for ps in SERVICES.values() for p in ps}
    assert protocols == {"query", "ec2", "json", "rest-json", "rest-xml", "smithy-rpc-v2-cbor"}
    assert len(_cases()) >= 60


def test_json_bodies_are_also_semantically_equal_sample() -> None:
    """A readable spot check: DynamoDB PutItem bodies decode to the same document."""
    ours = _ours("dynamodb").operation_model("PutItem")
    theirs = _theirs("dynamodb").operation_model("PutItem")
    params = {"TableName": "t", "Item": {"pk": {"S": "a/b"}, "bin": {"B": b"\x00\x01"}, "n": {"N": "1"}}}
    expected = _botocore_serializer("json").serialize_to_request(params, theirs)
    actual = SERIALIZERS["json"](ours, params)
    assert json.loads(actual.body) == json.loads(expected["body"]) == {
        "TableName": "t",
        "Item": {"pk": {"S": "a/b"}, "bin": {"B": "AAE="}, "n": {"N": "1"}},
    }
