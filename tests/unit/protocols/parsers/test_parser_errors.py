"""Error dicts for each protocol, compared with botocore's parser plus its endpoint's modeled merge."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.awsrequest import HeadersDict
from botocore.model import ServiceModel as BotoServiceModel
from botocore.parsers import create_parser

from awsession._core.http import HttpResponse
from awsession.model.loader import default_loader
from awsession.model.shapes import ServiceModel
from awsession.protocols.parsers.registry import parse

_MODELS: dict[str, tuple[ServiceModel, BotoServiceModel]] = {}


def _models(service: str) -> tuple[ServiceModel, BotoServiceModel]:
    if service not in _MODELS:
        loader = default_loader()
        raw = loader.load(f"{service}/{loader.list_dir(service)[-1]}/service-2")
        _MODELS[service] = (ServiceModel(raw, service), BotoServiceModel(raw, service))
    return _MODELS[service]


def botocore_error(
    service: str, operation: str, status: int, headers: dict[str, str], body: bytes
) -> dict[str, Any]:
    _, model = _models(service)
    op = model.operation_model(operation)
    parser = create_parser(model.resolved_protocol)
    response = {
        "status_code": status,
        "headers": HeadersDict(headers),
        "body": body,
        "context": {"operation_name": operation},
    }
    parsed = parser.parse(response, op.output_shape)
    shape = model.shape_for_error_code(parsed.get("Error", {}).get("Code"))
    if shape is not None:
        parsed.update(parser.parse(response, shape))
    return parsed


CASES = [
    ("s3", "HeadObject", 404, {"x-amz-request-id": "RID", "x-amz-id-2": "HID"}, b""),
    ("s3", "GetObject", 304, {"x-amz-request-id": "RID"}, b""),
    (
        "s3",
        "GetObject",
        404,
        {"x-amz-request-id": "RID", "x-amz-id-2": "HID"},
        b"<?xml version='1.0' encoding='UTF-8'?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist."
        b"</Message><Key>k</Key><RequestId>RID</RequestId><HostId>HID</HostId></Error>",
    ),
    (
        "s3",
        "ListObjectsV2",
        503,
        {"x-amz-request-id": "RID"},
        b"<html><body>Service Unavailable</body></html>",
    ),
    ("s3", "ListObjectsV2", 400, {}, b"not xml at all"),
    (
        "route53",
        "GetHostedZone",
        404,
        {"x-amzn-requestid": "r53"},
        b"<ErrorResponse xmlns='https://route53.amazonaws.com/doc/2013-04-01/'><Error><Type>Sender</Type>"
        b"<Code>NoSuchHostedZone</Code><Message>No hosted zone</Message></Error><RequestId>r53</RequestId></ErrorResponse>",
    ),
    (
        "iam",
        "GetUser",
        404,
        {},
        b"<ErrorResponse><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>nope</Message></Error>"
        b"<RequestId>iam-rid</RequestId></ErrorResponse>",
    ),
    (
        "ec2",
        "DescribeInstances",
        400,
        {},
        b"<Response><Errors><Error><Code>InvalidInstanceID.Malformed</Code><Message>bad</Message></Error></Errors>"
        b"<RequestID>ec2-rid</RequestID></Response>",
    ),
    (
        "dynamodb",
        "GetItem",
        400,
        {"x-amzn-requestid": "ddb"},
        json.dumps(
            {"__type": "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException", "message": "gone"}
        ).encode(),
    ),
    ("dynamodb", "GetItem", 500, {}, b""),
    (
        "sqs",
        "GetQueueUrl",
        400,
        {"x-amzn-requestid": "sqs", "x-amzn-query-error": "AWS.SimpleQueueService.NonExistentQueue;Sender"},
        json.dumps({"__type": "com.amazonaws.sqs#QueueDoesNotExist", "message": "no queue"}).encode(),
    ),
    (
        "lambda",
        "GetFunction",
        404,
        {"x-amzn-requestid": "lam", "x-amzn-errortype": "ResourceNotFoundException:http://x"},
        json.dumps({"Type": "User", "Message": "Function not found"}).encode(),
    ),
    (
        "lambda",
        "GetFunction",
        429,
        {"x-amzn-requestid": "lam"},
        json.dumps(
            {"code": "TooManyRequestsException", "message": "slow", "retryAfterSeconds": "3", "Type": "User"}
        ).encode(),
    ),
]


@pytest.mark.parametrize(
    ("service", "operation", "status", "headers", "body"), CASES, ids=[f"{c[0]}-{c[1]}-{c[2]}" for c in CASES]
)
def test_error_matches_botocore(
    service: str, operation: str, status: int, headers: dict[str, str], body: bytes
) -> None:
    ours, _ = _models(service)
    actual = parse(
        ours.operation_model(operation), HttpResponse(status, headers, body, tuple(headers.items()))
    )
    expected = botocore_error(service, operation, status, headers, body)
    assert actual == expected
    assert list(actual["Error"]) == list(expected["Error"]), "Error key order"


def test_head_object_404_quirk() -> None:
    ours, _ = _models("s3")
    parsed = parse(ours.operation_model("HeadObject"), HttpResponse(404, {"x-amz-request-id": "R"}, b""))
    assert parsed["Error"] == {"Code": "404", "Message": "Not Found"}
    assert parsed["ResponseMetadata"]["RequestId"] == "R"
    assert parsed["ResponseMetadata"]["HostId"] == ""


def test_query_compatible_error() -> None:
    ours, _ = _models("sqs")
    headers = {"x-amzn-query-error": "AWS.SimpleQueueService.NonExistentQueue;Sender"}
    body = json.dumps({"__type": "com.amazonaws.sqs#QueueDoesNotExist", "message": "no queue"}).encode()
    parsed = parse(ours.operation_model("GetQueueUrl"), HttpResponse(400, headers, body))
    assert parsed["Error"] == {
        "Message": "no queue",
        "Code": "AWS.SimpleQueueService.NonExistentQueue",
        "QueryErrorCode": "QueueDoesNotExist",
        "Type": "Sender",
    }


def test_repeated_headers_and_metadata() -> None:
    ours, _ = _models("dynamodb")
    headers = {"x-amzn-requestid": "abc", "set-cookie": "a=1, b=2"}
    parsed = parse(ours.operation_model("ListTables"), HttpResponse(200, headers, b'{"TableNames": ["t"]}'))
    assert parsed == {
        "TableNames": ["t"],
        "ResponseMetadata": {"RequestId": "abc", "HTTPStatusCode": 200, "HTTPHeaders": headers},
    }
    assert parsed["ResponseMetadata"]["HTTPHeaders"] is not headers


def test_streaming_body_is_passed_through_untouched() -> None:
    ours, _ = _models("s3")
    body = object()
    parsed = parse(
        ours.operation_model("GetObject"), HttpResponse(200, {"content-length": "3", "etag": '"e"'}, body)
    )
    assert parsed["Body"] is body
    assert parsed["ETag"] == '"e"' and parsed["ContentLength"] == 3
