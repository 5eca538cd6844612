"""Response dicts list their keys in botocore's order (the model's), whatever order AWS wrote.

Dict equality ignores order, so the differential tests elsewhere cannot see this; printed
responses and JSON snapshots of them can. AWS itself does not write members in model order: STS
puts ``Arn`` first, S3 writes ``Owner/ID`` before ``DisplayName`` and ``Name`` before
``IsTruncated``.
"""

from __future__ import annotations

from typing import Any

import botocore.session
import pytest
from botocore.parsers import create_parser
from urllib3._collections import HTTPHeaderDict

from awsession._core.http import HttpResponse
from awsession.model.services import load_service_model
from awsession.protocols.parsers.registry import parse
from bench.canned import RESPONSES


def _key_paths(value: Any, path: str = "") -> list[tuple[str, list[str]]]:
    """Every dict's key list, depth first, with where it sits."""
    found: list[tuple[str, list[str]]] = []
    if isinstance(value, dict):
        found.append((path, list(value)))
        for key, item in value.items():
            found.extend(_key_paths(item, f"{path}/{key}"))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_key_paths(item, f"{path}[{index}]"))
    return found


def _both(service: str, operation: str, body: bytes, headers: dict[str, str]) -> tuple[Any, Any]:
    model = botocore.session.get_session().get_service_model(service)
    expected = create_parser(model.metadata["protocol"]).parse(
        {"status_code": 200, "headers": HTTPHeaderDict(headers), "body": body},
        model.operation_model(operation).output_shape)
    ours = parse(load_service_model(service).operation_model(operation),
                 HttpResponse(200, headers, body))
    for result in (expected, ours):
        result.pop("ResponseMetadata", None)
    return expected, ours


def _canned(operation: str) -> tuple[bytes, dict[str, str]]:
    head, _, body = RESPONSES[operation].wire.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")[1:]
    return body, {name.strip().lower(): value.strip()
                  for name, _, value in (line.partition(":") for line in lines)}


STS_BODY = (b'<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">'
            b"<GetCallerIdentityResult><Arn>arn:aws:iam::1:user/x</Arn><UserId>AIDA</UserId>"
            b"<Account>123456789012</Account></GetCallerIdentityResult>"
            b"<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>"
            b"</GetCallerIdentityResponse>")


def test_sts_keys_follow_the_model_not_the_document() -> None:
    expected, ours = _both("sts", "GetCallerIdentity", STS_BODY, {})
    assert list(ours) == list(expected) == ["UserId", "Account", "Arn"]


@pytest.mark.parametrize(("service", "operation"), [
    ("s3", "ListObjectsV2"),
    ("s3", "ListBuckets"),
    ("s3", "HeadObject"),
    ("sts", "GetCallerIdentity"),
    ("dynamodb", "GetItem"),
    ("ec2", "DescribeInstances"),
])
def test_canned_responses_have_botocores_key_order(service: str, operation: str) -> None:
    body, headers = _canned(operation)
    expected, ours = _both(service, operation, body, headers)
    assert ours == expected
    assert _key_paths(ours) == _key_paths(expected)


def test_in_order_documents_are_untouched_and_unknown_elements_ignored() -> None:
    body = (b"<GetCallerIdentityResponse><GetCallerIdentityResult><UserId>u</UserId>"
            b"<Surprise>x</Surprise><Account>1</Account><Arn>a</Arn>"
            b"</GetCallerIdentityResult></GetCallerIdentityResponse>")
    expected, ours = _both("sts", "GetCallerIdentity", body, {})
    assert list(ours) == list(expected) == ["UserId", "Account", "Arn"]
