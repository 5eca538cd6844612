"""Shared per-operation behaviour: idempotency tokens, host prefixes, hints, protocol choice."""

from __future__ import annotations

import json
from typing import Any

import pytest

from awsession.exceptions import InvalidHostLabelError, ParamValidationError
from awsession.model.shapes import ServiceModel
from awsession.protocols.serializers.registry import SERIALIZERS, serialize_request


def _service(protocol: str, operation: dict[str, Any], shapes: dict[str, Any], **meta: Any) -> ServiceModel:
    metadata = {"protocol": protocol, "apiVersion": "2020-01-01", "targetPrefix": "Svc", "jsonVersion": "1.0"}
    metadata.update(meta)
    return ServiceModel({"metadata": metadata, "shapes": shapes, "operations": {operation["name"]: operation}}, "svc")


SHAPES = {
    "In": {
        "type": "structure",
        "members": {
            "Name": {"shape": "Str"},
            "Token": {"shape": "Str", "idempotencyToken": True},
            "Label": {"shape": "Str", "hostLabel": True},
        },
    },
    "Str": {"type": "string"},
}
OP = {"name": "Do", "http": {"method": "POST", "requestUri": "/"}, "input": {"shape": "In"}}


@pytest.mark.parametrize("protocol", sorted(SERIALIZERS))
def test_missing_token_is_filled_from_the_factory_without_mutating_params(protocol: str) -> None:
    operation = _service(protocol, OP, SHAPES).operation_model("Do")
    params = {"Name": "n", "Label": "abc"}
    request = SERIALIZERS[protocol](operation, params, new_token=lambda: "tok-1")
    assert params == {"Name": "n", "Label": "abc"}
    body = request.body
    assert b"tok-1" in body or "tok-1" in json.dumps(request.query) + json.dumps(request.headers)


def test_default_token_is_a_uuid4_and_given_tokens_are_kept() -> None:
    operation = _service("json", OP, SHAPES).operation_model("Do")
    filled = json.loads(serialize_request(operation, {"Label": "a"}).body)
    assert len(filled["Token"]) == 36 and filled["Token"][14] == "4"
    kept = json.loads(serialize_request(operation, {"Label": "a", "Token": "mine"}).body)
    assert kept["Token"] == "mine"


def test_host_prefix_is_formatted_from_host_labels() -> None:
    op = dict(OP, endpoint={"hostPrefix": "{Label}.data."})
    operation = _service("json", op, SHAPES).operation_model("Do")
    assert serialize_request(operation, {"Label": "my-bucket.1"}).host_prefix == "my-bucket.1.data."


@pytest.mark.parametrize("bad", ["", "has space", "a/b", "ü"])
def test_invalid_host_label_raises_botocore_report(bad: str) -> None:
    op = dict(OP, endpoint={"hostPrefix": "{Label}."})
    operation = _service("rest-json", op, SHAPES).operation_model("Do")
    with pytest.raises(ParamValidationError) as caught:
        serialize_request(operation, {"Label": bad})
    assert isinstance(caught.value, InvalidHostLabelError)
    assert str(caught.value) == (
        "Parameter validation failed:\nInvalid value for parameter(s): Label. "
        "Must contain only alphanumeric characters, hyphen, or period."
    )


def test_static_host_prefix_and_no_prefix() -> None:
    plain = {"In": {"type": "structure", "members": {"Name": {"shape": "Str"}}}, "Str": {"type": "string"}}
    static = _service("query", dict(OP, endpoint={"hostPrefix": "data."}), plain).operation_model("Do")
    assert SERIALIZERS["query"](static, {}).host_prefix == "data."
    assert serialize_request(_service("query", OP, SHAPES).operation_model("Do"), {}).host_prefix is None


def test_checksum_and_compression_hints() -> None:
    op = dict(OP, httpChecksumRequired=True, requestcompression={"encodings": ["gzip"]})
    request = serialize_request(_service("json", op, SHAPES).operation_model("Do"), {})
    assert request.checksum_required is True
    assert request.request_compression == {"encodings": ["gzip"]}
    op2 = dict(OP, httpChecksum={"requestChecksumRequired": True})
    assert serialize_request(_service("json", op2, SHAPES).operation_model("Do"), {}).checksum_required
    op3 = dict(OP, httpChecksum={"requestAlgorithmMember": "X"})
    assert not serialize_request(_service("json", op3, SHAPES).operation_model("Do"), {}).checksum_required


def test_registry_follows_the_protocol_priority() -> None:
    operation = _service("query", OP, SHAPES, protocols=["query", "json", "smithy-rpc-v2-cbor"]).operation_model("Do")
    request = serialize_request(operation, {"Name": "x", "Label": "a", "Token": "t"})
    assert request.headers["X-Amz-Target"] == "Svc.Do"


def test_unknown_protocol_is_an_error() -> None:
    with pytest.raises(ValueError, match="Unsupported protocol"):
        serialize_request(_service("soap", OP, SHAPES).operation_model("Do"), {})


def test_plans_are_cached_per_operation() -> None:
    operation = _service("json", OP, SHAPES).operation_model("Do")
    serialize_request(operation, {"Label": "a", "Token": "t"})
    first = dict(vars(operation)["_awsession_serializer_plans"])
    serialize_request(operation, {"Label": "b", "Token": "t"})
    assert vars(operation)["_awsession_serializer_plans"] == first


def test_json_protocol_headers_and_empty_body() -> None:
    operation = _service("json", OP, SHAPES, awsQueryCompatible={}).operation_model("Do")
    request = serialize_request(operation, {"Token": "t", "Label": "a"})
    assert request.headers == {
        "X-Amz-Target": "Svc.Do",
        "Content-Type": "application/x-amz-json-1.0",
        "x-amzn-query-mode": "true",
    }
    no_input = _service("json", {"name": "Do", "http": {"method": "POST", "requestUri": "/"}}, {}).operation_model("Do")
    assert serialize_request(no_input, {}).body == b"{}"


def test_cbor_protocol_envelope() -> None:
    operation = _service("smithy-rpc-v2-cbor", OP, SHAPES).operation_model("Do")
    request = serialize_request(operation, {"Label": "a", "Token": "t"})
    assert request.url_path == "/service/Svc/operation/Do"
    assert request.headers["smithy-protocol"] == "rpc-v2-cbor"
    assert request.headers["Content-Type"] == request.headers["Accept"] == "application/cbor"
    assert request.body == bytes.fromhex("a2") + b"\x65Label\x61a" + b"\x65Token\x61t"


def test_query_and_ec2_form_bodies() -> None:
    shapes = {
        "In": {"type": "structure", "members": {"Names": {"shape": "L", "locationName": "name"}, "Txt": {"shape": "Str"}}},
        "L": {"type": "list", "member": {"shape": "Str"}},
        "Str": {"type": "string"},
    }
    params = {"Names": ["a b", "c&d"], "Txt": "x/y~z"}
    query = SERIALIZERS["query"](_service("query", OP, shapes).operation_model("Do"), params)
    assert query.body == b"Action=Do&Version=2020-01-01&name.member.1=a+b&name.member.2=c%26d&Txt=x%2Fy~z"
    ec2 = SERIALIZERS["ec2"](_service("ec2", OP, shapes).operation_model("Do"), params)
    assert ec2.body == b"Action=Do&Version=2020-01-01&Name.1=a+b&Name.2=c%26d&Txt=x%2Fy~z"
    empty = SERIALIZERS["query"](_service("query", OP, shapes).operation_model("Do"), {"Names": []})
    assert empty.body.endswith(b"&name=")
    assert SERIALIZERS["ec2"](_service("ec2", OP, shapes).operation_model("Do"), {"Names": []}).body == (
        b"Action=Do&Version=2020-01-01"
    )
