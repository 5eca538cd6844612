"""Differential check: our parsers against botocore 1.43.11's on generated responses.

For each chosen operation of real service models (six protocols, 60 operations), a random valid
output is generated from the output shape, written in the protocol's wire format (XML, JSON, CBOR,
HTTP headers), and parsed by both ``botocore.parsers.create_parser(protocol)`` and our registry;
the dicts (including ``ResponseMetadata``) must be equal.
"""

from __future__ import annotations

import json
import random
from typing import Any

import pytest
from botocore.awsrequest import HeadersDict
from botocore.model import ServiceModel as BotoServiceModel
from botocore.parsers import create_parser

from awsession._core.http import HttpResponse
from awsession.model.loader import default_loader
from awsession.model.shapes import OperationModel, ServiceModel
from awsession.protocols.parsers.registry import PARSERS
from tests.conformance.protocols._output_wire import (
    Generator,
    cbor_encode,
    header_text,
    json_value,
    resolve,
    xml_members,
    xml_value,
)

# protocol -> (service, preferred operations); more are added from the model to reach 10 each.
_PLAN: dict[str, tuple[str, tuple[str, ...]]] = {
    "query": ("iam", ("ListUsers", "GetRole", "ListAttachedRolePolicies", "GetAccountSummary")),
    "ec2": ("ec2", ("DescribeInstances", "DescribeVpcs", "DescribeSecurityGroups", "DescribeImages")),
    "json": ("dynamodb", ("Query", "DescribeTable", "ListTables", "BatchGetItem")),
    "rest-json": ("lambda", ("GetFunction", "ListFunctions", "GetPolicy", "ListAliases")),
    "rest-xml": ("s3", ("ListObjectsV2", "HeadObject", "ListBuckets", "GetBucketAcl")),
    "smithy-rpc-v2-cbor": ("cloudwatch", ("GetMetricData", "DescribeAlarms", "ListMetrics", "GetDashboard")),
}
_PER_PROTOCOL = 10
_SEEDS = (1, 2, 3)
_MODELS: dict[str, tuple[ServiceModel, BotoServiceModel]] = {}


def _models(service: str) -> tuple[ServiceModel, BotoServiceModel]:
    if service not in _MODELS:
        loader = default_loader()
        raw = loader.load(f"{service}/{loader.list_dir(service)[-1]}/service-2")
        _MODELS[service] = (ServiceModel(raw, service), BotoServiceModel(raw, service))
    return _MODELS[service]


def _usable(raw: dict[str, Any], name: str) -> bool:
    ref = raw["operations"][name].get("output")
    if not ref:
        return False
    shapes = raw["shapes"]
    for member_ref in shapes[ref["shape"]].get("members", {}).values():
        member = resolve(shapes, member_ref)
        if member.get("eventstream") or member.get("streaming"):
            return False
    return True


def _operations() -> list[Any]:
    params = []
    for protocol, (service, preferred) in _PLAN.items():
        raw = default_loader().load(f"{service}/{default_loader().list_dir(service)[-1]}/service-2")
        chosen = [name for name in preferred if _usable(raw, name)]
        names = sorted(raw["operations"])
        step = max(1, len(names) // (_PER_PROTOCOL * 2))
        for name in names[::step]:
            if len(chosen) >= _PER_PROTOCOL:
                break
            if name not in chosen and _usable(raw, name):
                chosen.append(name)
        for name in chosen:
            for seed in _SEEDS:
                params.append(pytest.param(protocol, service, name, seed, id=f"{protocol}-{name}-{seed}"))
    return params


CASES = _operations()


def test_covers_forty_operations_in_six_protocols() -> None:
    operations = {(p.values[0], p.values[2]) for p in CASES}
    assert len(operations) >= 40
    assert {p for p, _ in operations} == set(PARSERS)


def _wire(protocol: str, operation: OperationModel, value: dict[str, Any]) -> tuple[dict[str, str], bytes]:
    shapes = operation.service.shapes
    ref = operation.raw["output"]
    shape = shapes[ref["shape"]]
    headers = {"content-type": "text/xml", "date": "Tue, 29 Apr 2014 18:30:38 GMT"}
    ns = 'xmlns="https://example.com/doc/2010-05-08/"'
    if protocol == "query":
        wrapper = ref.get("resultWrapper", f"{operation.name}Result")
        inner = xml_members(shapes, shape, value)
        body = (
            f"<{operation.name}Response {ns}><{wrapper}>{inner}</{wrapper}>"
            "<ResponseMetadata><RequestId>rid-123</RequestId></ResponseMetadata>"
            f"</{operation.name}Response>"
        )
        return headers, body.encode()
    if protocol == "ec2":
        inner = xml_members(shapes, shape, value)
        return (
            headers,
            f"<{operation.name}Response {ns}><requestId>rid-9</requestId>{inner}</{operation.name}Response>".encode(),
        )
    if protocol == "json":
        headers = {"x-amzn-requestid": "rid-json", "content-type": "application/x-amz-json-1.0"}
        return headers, json.dumps(json_value(shapes, ref, value)).encode()
    if protocol == "smithy-rpc-v2-cbor":
        headers = {"x-amzn-requestid": "rid-cbor", "smithy-protocol": "rpc-v2-cbor"}
        return headers, cbor_encode(value)
    # rest protocols: header members, then the payload.
    rest_headers = (
        {"x-amz-request-id": "rid-s3", "x-amz-id-2": "host-id"}
        if protocol == "rest-xml"
        else {"x-amzn-requestid": "rid-rest"}
    )
    body_value = {}
    for name, item in value.items():
        member = resolve(shapes, shape["members"][name])
        location = member.get("location")
        if location == "header":
            rest_headers[str(member.get("locationName", name)).lower()] = header_text(shapes, member, item)
        elif location == "headers":
            prefix = str(member.get("locationName", "")).lower()
            rest_headers.update({prefix + k: v for k, v in item.items()})
        else:
            body_value[name] = item
    payload = shape.get("payload")
    if payload is not None:
        payload_ref = shape["members"][payload]
        member = resolve(shapes, payload_ref)
        if payload not in body_value:
            return rest_headers, b""
        item = body_value[payload]
        if member["type"] in ("blob", "string"):
            return rest_headers, item if isinstance(item, bytes) else item.encode()
        if protocol == "rest-json":
            return rest_headers, json.dumps(json_value(shapes, payload_ref, item)).encode()
        tag = member.get("locationName", payload)
        return rest_headers, f"<{tag} {ns}>{xml_value(shapes, payload_ref, item)}</{tag}>".encode()
    if protocol == "rest-json":
        return rest_headers, json.dumps(json_value(shapes, ref, body_value)).encode()
    root = shape.get("locationName", ref["shape"])
    return rest_headers, f"<{root} {ns}>{xml_members(shapes, shape, body_value)}</{root}>".encode()


@pytest.mark.parametrize(("protocol", "service", "operation_name", "seed"), CASES)
def test_same_dict_as_botocore(protocol: str, service: str, operation_name: str, seed: int) -> None:
    ours_model, boto_model = _models(service)
    operation = ours_model.operation_model(operation_name)
    rng = random.Random(f"{service}/{operation_name}/{seed}")
    generator = Generator(ours_model.shapes, rng, rest=protocol.startswith("rest"))
    value = generator.structure(ours_model.shapes[operation.raw["output"]["shape"]], 0, top=True)
    headers, body = _wire(protocol, operation, value)
    boto_operation = boto_model.operation_model(operation_name)
    expected = create_parser(protocol).parse(
        {
            "status_code": 200,
            "headers": HeadersDict(headers),
            "body": body,
            "context": {"operation_name": operation_name},
        },
        boto_operation.output_shape,
    )
    response = HttpResponse(200, dict(headers), body, tuple(headers.items()))
    parse_response, _ = PARSERS[protocol]
    actual = parse_response(operation, response)
    assert actual == expected
