"""AWS's protocol input suites (``protocols/input`` and ``protocols/legacy/input``) run as data.

Every case must serialize exactly as botocore's runner expects, except the cases botocore itself
skips (``protocol-tests-ignore-list.json``, and legacy cases without params), which are skipped here
with that reason. Idempotency tokens come from a fixed factory giving the Smithy placeholder.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from _conformance import conformance_available, conformance_path
from awsession.protocols.serializers.registry import SERIALIZERS
from tests.conformance.protocols._input_cases import (
    PLACEHOLDER_TOKEN,
    InputCase,
    assert_body,
    assert_headers,
    assert_host,
    build_model,
    load_cases,
    prepare_params,
    request_uri,
    skip_reason,
)


def _collect() -> list[Any]:
    if not conformance_available():
        return [pytest.param(None, id="conformance-data-missing")]
    root = conformance_path("protocols")
    ignore = json.loads((root / "protocol-tests-ignore-list.json").read_text(encoding="utf-8"))
    params = []
    for item in load_cases(root):
        reason = skip_reason(item, ignore)
        marks = [pytest.mark.skip(reason=reason)] if reason else []
        params.append(pytest.param(item, id=item.test_id, marks=marks))
    return params


_AUTOFILL_SUITES = ("Idempotency token auto fill", "Test cases for QueryIdempotencyTokenAutoFill operation")


def _collect_autofill() -> list[Any]:
    """The token auto-fill cases botocore skips only because it fills tokens outside its serializer."""
    if not conformance_available():
        return [pytest.param(None, id="conformance-data-missing")]
    params = []
    for item in load_cases(conformance_path("protocols")):
        if item.suite["description"] not in _AUTOFILL_SUITES:
            continue
        marks = []
        if item.case.get("id", "").startswith("Ec2Protocol"):
            reason = "expects ec2 to capitalise a member name without locationName; botocore does not"
            marks = [pytest.mark.skip(reason=reason)]
        params.append(pytest.param(item, id=item.test_id, marks=marks))
    return params


@pytest.mark.parametrize("item", _collect_autofill())
def test_idempotency_autofill_case(item: InputCase | None) -> None:
    test_input_case(item)


@pytest.mark.parametrize("item", _collect())
def test_input_case(item: InputCase | None) -> None:
    if item is None:
        conformance_path("protocols")
        return
    service = build_model(item)
    protocol = item.suite["metadata"]["protocol"]
    operation = service.operation_model(item.case["given"]["name"])
    serializer = SERIALIZERS[protocol]
    request = serializer(operation, prepare_params(item, service), new_token=lambda: PLACEHOLDER_TOKEN)
    expected = item.case["serialized"]
    if "body" in expected:
        assert_body(protocol, request.body, expected["body"])
    else:
        assert isinstance(request.body, bytes), "the serialized body must be bytes"
    assert_headers(protocol, service, item, request.headers)
    assert request_uri(request) == expected.get("uri", ""), "URI"
    if "method" in expected:
        assert request.method == expected["method"]
    assert_host(item, request)


def test_every_protocol_file_is_collected() -> None:
    root = conformance_path("protocols")
    files = {item.file for item in load_cases(root)}
    assert len(files) == 15
    assert sum(1 for _ in load_cases(root)) == 529
