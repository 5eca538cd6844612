"""Differential: our SigV4 header signer against botocore's ``SigV4Auth``/``S3SigV4Auth``.

Hypothesis builds requests with odd paths (spaces, unicode, ``~``, ``%``, ``//``, ``..``), raw and
encoded queries with repeated and empty keys, headers in mixed case with folding whitespace and
excluded names, bytes and file-like bodies (read from the middle), with and without tokens. Both
signers run at one frozen instant; every header after signing must be identical.
"""

from __future__ import annotations

import datetime
import io
from typing import Any
from unittest import mock

import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awsession._core.http import HttpRequest
from awsession.signing.canonical import STREAMING_UNSIGNED_PAYLOAD_TRAILER
from awsession.signing.payload import payload_hash_mode, s3_payload_hash_mode
from awsession.signing.sigv4 import sign_request

NOW = datetime.datetime(2024, 2, 29, 23, 59, 58)
TIMESTAMP = NOW.replace(tzinfo=datetime.timezone.utc).timestamp() + 0.75
ACCESS, SECRET = "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
HYPOTHESIS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

hosts = st.sampled_from(
    [
        "https://example.amazonaws.com",
        "https://Example.AmazonAWS.com:443",
        "http://example.com:80",
        "http://localhost:8080",
        "https://127.0.0.1:4566",
        "https://[::1]:8443",
        "https://bucket.s3.us-west-2.amazonaws.com",
    ]
)
segment = st.text(alphabet="abcXYZ019-_.~% é€ሴ$!*'()+,;=:@", max_size=8) | st.sampled_from(["..", ".", "", "%2F", "a%20b"])
paths = st.lists(segment, max_size=5).map(lambda segs: "/" + "/".join(segs))
query_piece = st.text(alphabet="abXY09-_.~%+ é=", max_size=6)
queries = st.lists(st.tuples(query_piece, st.sampled_from(["=", ""]), query_piece), max_size=5).map(
    lambda pairs: "&".join(k + eq + v for k, eq, v in pairs)
)
header_names = st.sampled_from(
    [
        "Content-Type", "content-type", "X-Amz-Meta-Key", "x-amz-meta-key", "X-Custom",
        "User-Agent", "Expect", "X-Amzn-Trace-Id", "Transfer-Encoding", "Authorization",
        "X-Amz-Date", "x-amz-security-token", "Content-MD5", "Host", "X-Amz-Content-SHA256",
        "x-amz-checksum-crc32", "Date", "Content-Length",
    ]
)
header_values = st.text(alphabet="ab c\t\n-=/+Z09,", min_size=1, max_size=12).filter(lambda v: v[0] not in "\n\t ")
headers = st.dictionaries(header_names, header_values, max_size=6)
bodies = st.one_of(
    st.just(b""),
    st.binary(max_size=64),
    st.tuples(st.binary(max_size=64), st.integers(0, 8)).map(lambda b: ("file", b[0], b[1])),
)
tokens = st.sampled_from([None, "", "FwoGZXIvYXdzEPT//////////token+value=="])


def _body(spec: Any) -> Any:
    if isinstance(spec, tuple):
        _, data, start = spec
        stream = io.BytesIO(b"x" * start + data)
        stream.seek(start)
        return stream
    return spec


def _botocore_sign(signer_cls: type, method: str, url: str, hdrs: dict[str, str], body: Any,
                   token: str | None, context: dict[str, Any]) -> list[tuple[str, str]]:
    request = AWSRequest(method=method, url=url, headers=hdrs, data=body)
    request.context.update(context)
    signer = signer_cls(Credentials(ACCESS, SECRET, token), "svc", "us-west-2")
    with mock.patch.object(botocore.auth, "get_current_datetime", return_value=NOW):
        signer.add_auth(request)
    return sorted((k.lower(), v) for k, v in request.headers.items())


def _ours(request: HttpRequest) -> list[tuple[str, str]]:
    return sorted((k.lower(), v) for k, v in request.headers.items())


@HYPOTHESIS
@given(st.sampled_from(["GET", "PUT", "POST", "delete"]), hosts, paths, queries, headers, bodies, tokens,
       st.booleans(), st.booleans())
def test_sigv4_header_signing_matches_botocore(
    method: str, host: str, path: str, query: str, hdrs: dict[str, str], body: Any,
    token: str | None, unsigned_body: bool, trailer: bool,
) -> None:
    url = host + path + (f"?{query}" if query else "")
    context: dict[str, Any] = {}
    if unsigned_body:
        context["payload_signing_enabled"] = False
    if trailer:
        context["checksum"] = {"request_algorithm": {"in": "trailer", "name": "x-amz-checksum-crc32"}}
    expected = _botocore_sign(botocore.auth.SigV4Auth, method, url, dict(hdrs), _body(body), token, context)
    stream = _body(body)
    start = stream.tell() if hasattr(stream, "tell") else None
    signed = sign_request(
        HttpRequest(method, url, dict(hdrs), stream),
        access_key=ACCESS, secret_key=SECRET, token=token, region="us-west-2", service="svc",
        timestamp=TIMESTAMP, unsigned_payload=unsigned_body,
        payload_hash=payload_hash_mode(url, checksum_in_trailer=trailer),
    )
    assert _ours(signed) == expected
    if start is not None:
        assert stream.tell() == start


@HYPOTHESIS
@given(st.sampled_from(["GET", "PUT", "POST", "HEAD"]), hosts, paths, queries, headers, bodies, tokens,
       st.sampled_from([None, True, False]), st.booleans(), st.booleans(), st.sampled_from([None, "header", "trailer"]))
def test_s3_sigv4_header_signing_matches_botocore(
    method: str, host: str, path: str, query: str, hdrs: dict[str, str], body: Any, token: str | None,
    configured: bool | None, streaming: bool, operation_signing: bool, checksum_in: str | None,
) -> None:
    url = host + path + (f"?{query}" if query else "")
    context: dict[str, Any] = {"has_streaming_input": streaming}
    if configured is not None:
        context["client_config"] = Config(s3={"payload_signing_enabled": configured})
    if not operation_signing:
        context["payload_signing_enabled"] = False
    if checksum_in is not None:
        context["checksum"] = {"request_algorithm": {"in": checksum_in, "name": "x-amz-checksum-crc32"}}
    expected = _botocore_sign(botocore.auth.S3SigV4Auth, method, url, dict(hdrs), _body(body), token, context)
    mode = s3_payload_hash_mode(
        url, hdrs, checksum_in_trailer=checksum_in == "trailer", configured=configured,
        checksum_header="x-amz-checksum-crc32" if checksum_in == "header" else None,
        has_streaming_input=streaming, operation_payload_signing=operation_signing,
    )
    signed = sign_request(
        HttpRequest(method, url, dict(hdrs), _body(body)),
        access_key=ACCESS, secret_key=SECRET, token=token, region="us-west-2", service="svc",
        timestamp=TIMESTAMP, s3=True, payload_hash=mode,
    )
    assert _ours(signed) == expected


def test_trailer_payload_hash_is_signed_for_s3() -> None:
    signed = sign_request(
        HttpRequest("PUT", "https://b.s3.amazonaws.com/k", {}, b"data"),
        access_key=ACCESS, secret_key=SECRET, token=None, region="us-east-1", service="s3",
        timestamp=TIMESTAMP, s3=True, payload_hash=STREAMING_UNSIGNED_PAYLOAD_TRAILER,
    )
    assert signed.headers["X-Amz-Content-SHA256"] == "STREAMING-UNSIGNED-PAYLOAD-TRAILER"
    assert "x-amz-content-sha256;x-amz-date" in signed.headers["Authorization"]
