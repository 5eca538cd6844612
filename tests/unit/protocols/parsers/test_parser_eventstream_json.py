"""rest-json event streams (Lambda ``InvokeWithResponseStream``), compared with botocore."""

from __future__ import annotations

import json
from typing import Any

from botocore.awsrequest import HeadersDict
from botocore.model import ServiceModel as BotoServiceModel
from botocore.parsers import create_parser

from awsession._core.http import HttpResponse
from awsession.model.loader import default_loader
from awsession.model.shapes import ServiceModel
from awsession.protocols.parsers.eventstream import EventStream
from awsession.protocols.parsers.registry import parse
from tests.unit.protocols.parsers.test_parser_eventstream import Chunked, event

OPERATION = "InvokeWithResponseStream"
HEADERS = {"x-amzn-requestid": "req-1", "x-amz-executed-version": "$LATEST"}
STREAM = (
    event("PayloadChunk", b'{"partial": ')
    + event("PayloadChunk", b"true}")
    + event("InvokeComplete", json.dumps({"ErrorCode": "Oops", "LogResult": "bG9n"}).encode(),
            "application/json")
)


def _lambda() -> tuple[ServiceModel, BotoServiceModel]:
    raw = default_loader().load("lambda/2015-03-31/service-2")
    return ServiceModel(raw, "lambda"), BotoServiceModel(raw, "lambda")


def _botocore(body: Any) -> dict[str, Any]:
    _, boto = _lambda()
    parsed: dict[str, Any] = create_parser("rest-json").parse(
        {"status_code": 200, "headers": HeadersDict(HEADERS), "body": body,
         "context": {"operation_name": OPERATION}},
        boto.operation_model(OPERATION).output_shape,
    )
    return parsed


def test_invoke_with_response_stream_events_match_botocore() -> None:
    ours, _ = _lambda()
    raw = Chunked(STREAM)
    parsed = parse(ours.operation_model(OPERATION), HttpResponse(200, dict(HEADERS), raw))
    stream = parsed["EventStream"]
    assert isinstance(stream, EventStream)
    assert raw.reads == 0, "the body must not be read before iteration"
    expected = _botocore(Chunked(STREAM))
    events = list(stream)
    assert events == list(expected["EventStream"])
    assert events[0] == {"PayloadChunk": {"Payload": b'{"partial": '}}
    assert events[2] == {"InvokeComplete": {"ErrorCode": "Oops", "LogResult": "bG9n"}}
    assert parsed["ExecutedVersion"] == expected["ExecutedVersion"] == "$LATEST"
    assert parsed["StatusCode"] == 200
