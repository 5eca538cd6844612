"""The request values never show secrets in their repr (headers, signed URLs, bodies)."""

from __future__ import annotations

from awsession._core.http import HttpRequest, SerializedRequest


def test_request_repr_hides_headers_url_and_body() -> None:
    request = HttpRequest(method="GET",
                          url="https://b.s3.amazonaws.com/k?X-Amz-Signature=deadbeef",
                          headers={"x-amz-security-token": "TOKEN-SECRET",
                                   "Authorization": "AWS4-HMAC-SHA256 Signature=abc"},
                          body=b"payload-secret")
    text = repr(request)
    for secret in ("TOKEN-SECRET", "deadbeef", "Signature=abc", "payload-secret"):
        assert secret not in text
    assert "GET" in text


def test_serialized_request_repr_hides_headers_and_body() -> None:
    serialized = SerializedRequest(headers={"x-amz-server-side-encryption-customer-key": "KEY"},
                                   body=b"BODY", query={"X-Amz-Security-Token": "Q"})
    text = repr(serialized)
    assert "KEY" not in text and "BODY" not in text and "'Q'" not in text
