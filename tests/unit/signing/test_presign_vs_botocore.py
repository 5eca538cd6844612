"""Differential: presigned URLs and POST fields against botocore's signers, byte for byte.

``SigV4QueryAuth``/``S3SigV4QueryAuth`` (URL text), ``HmacV1QueryAuth`` (S3 SigV2 URL text),
``HmacV1Auth`` (SigV2 header) on hypothesis-generated requests, and boto3's own
``generate_presigned_post`` (SigV4 and SigV2) at a frozen instant. botocore reads SigV4 time through
``botocore.auth.get_current_datetime``/``botocore.signers.get_current_datetime`` and SigV2 time
through ``botocore.auth.time.time``/``botocore.auth.formatdate``; each is patched where it is used.
"""

from __future__ import annotations

import base64
import datetime
import email.utils
import json
import time
import types
from collections.abc import Iterator
from typing import Any
from unittest import mock

import boto3
import botocore.auth
import botocore.signers
import pytest
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awsession._core.http import HttpRequest
from awsession.signing.hmacv1 import sign_request_s3v2
from awsession.signing.post import presigned_post_s3v2, presigned_post_v4
from awsession.signing.presign import presign_url_s3v2, presign_url_v4

NOW = datetime.datetime(2023, 12, 31, 23, 30, 5, 250000)
TIMESTAMP = NOW.replace(tzinfo=datetime.timezone.utc).timestamp()
ACCESS, SECRET = "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
HYPOTHESIS = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

hosts = st.sampled_from(
    ["https://example.amazonaws.com", "http://localhost:9000", "https://bucket.s3.amazonaws.com:443"]
)
segment = st.text(alphabet="abcXYZ019-_.~% é€$!+=:@", max_size=8) | st.sampled_from(["..", "", "%2F"])
paths = st.lists(segment, max_size=4).map(lambda segs: "/" + "/".join(segs))
piece = st.text(alphabet="abXY09-_.~%+ é=", max_size=6)
subresource = st.sampled_from(
    ["uploads", "acl", "versionId", "response-content-type", "response-content-disposition",
     "partNumber", "uploadId", "tagging", "delete", "prefix", "list-type", "x-id"]
)
queries = st.lists(
    st.tuples(subresource | piece, st.sampled_from(["=", ""]), piece), max_size=4
).map(lambda pairs: "&".join(k + eq + v for k, eq, v in pairs))
header_names = st.sampled_from(
    ["Content-Type", "content-type", "X-Amz-Meta-Key", "x-amz-meta-key", "X-Custom", "User-Agent",
     "Content-MD5", "x-amz-acl", "Date", "X-Amz-Content-SHA256", "Expires"]
)
header_values = st.text(alphabet="ab c-=/+Z09,", min_size=1, max_size=10).filter(lambda v: v[0] != " ")
headers = st.dictionaries(header_names, header_values, max_size=4) | st.just(
    {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
)
tokens = st.sampled_from([None, "", "FwoGZXIvYXdzEPT//////////token+value=="])
form_bodies = st.sampled_from([b"", {"Action": "connect", "DBUser": "admin user"}, b'{"a": "b c", "n": 1}'])


@pytest.fixture(scope="module")
def frozen() -> Iterator[None]:
    real_formatdate = email.utils.formatdate

    def formatdate(timeval: float | None = None, localtime: bool = False, usegmt: bool = False) -> str:
        return real_formatdate(TIMESTAMP if timeval is None else timeval, localtime, usegmt)

    fake_time = types.SimpleNamespace(time=lambda: TIMESTAMP, gmtime=time.gmtime, strftime=time.strftime)
    with mock.patch.object(botocore.auth, "get_current_datetime", return_value=NOW), mock.patch.object(
        botocore.signers, "get_current_datetime", return_value=NOW
    ), mock.patch.object(botocore.auth, "time", fake_time), mock.patch.object(
        botocore.auth, "formatdate", formatdate
    ):
        yield


def _aws_request(method: str, url: str, hdrs: dict[str, str], body: Any, auth_path: str | None = None) -> AWSRequest:
    return AWSRequest(method=method, url=url, headers=dict(hdrs), data=body, auth_path=auth_path)


@HYPOTHESIS
@given(st.sampled_from(["GET", "PUT", "POST"]), hosts, paths, queries, headers, form_bodies, tokens, st.booleans(),
       st.sampled_from([1, 900, 3600, 604800]))
def test_sigv4_presigned_url_matches_botocore(
    frozen: None, method: str, host: str, path: str, query: str, hdrs: dict[str, str], body: Any,
    token: str | None, s3: bool, expires: int,
) -> None:
    url = host + path + (f"?{query}" if query else "")
    cls = botocore.auth.S3SigV4QueryAuth if s3 else botocore.auth.SigV4QueryAuth
    request = _aws_request(method, url, hdrs, body)
    cls(Credentials(ACCESS, SECRET, token), "svc", "eu-west-1", expires=expires).add_auth(request)
    ours = presign_url_v4(
        HttpRequest(method, url, dict(hdrs), body), access_key=ACCESS, secret_key=SECRET, token=token,
        region="eu-west-1", service="svc", timestamp=TIMESTAMP, expires=expires, s3=s3,
    )
    assert ours == request.url


@HYPOTHESIS
@given(st.sampled_from(["GET", "PUT", "DELETE"]), hosts, paths, queries, headers, tokens,
       st.sampled_from([None, "/bucket/key", "/bucket/"]), st.sampled_from([60, 3600]))
def test_s3_sigv2_presigned_url_matches_botocore(
    frozen: None, method: str, host: str, path: str, query: str, hdrs: dict[str, str], token: str | None,
    auth_path: str | None, expires: int,
) -> None:
    url = host + path + (f"?{query}" if query else "")
    request = _aws_request(method, url, hdrs, b"", auth_path)
    botocore.auth.HmacV1QueryAuth(Credentials(ACCESS, SECRET, token), expires=expires).add_auth(request)
    ours = presign_url_s3v2(
        HttpRequest(method, url, dict(hdrs)), access_key=ACCESS, secret_key=SECRET, token=token,
        timestamp=TIMESTAMP, expires=expires, auth_path=auth_path,
    )
    assert ours == request.url


@HYPOTHESIS
@given(st.sampled_from(["GET", "PUT"]), hosts, paths, queries, headers, tokens, st.sampled_from([None, "/b/k"]))
def test_s3_sigv2_header_signing_matches_botocore(
    frozen: None, method: str, host: str, path: str, query: str, hdrs: dict[str, str], token: str | None,
    auth_path: str | None,
) -> None:
    url = host + path + (f"?{query}" if query else "")
    request = _aws_request(method, url, hdrs, b"", auth_path)
    botocore.auth.HmacV1Auth(Credentials(ACCESS, SECRET, token)).add_auth(request)
    ours = sign_request_s3v2(
        HttpRequest(method, url, dict(hdrs)), access_key=ACCESS, secret_key=SECRET, token=token,
        timestamp=TIMESTAMP, auth_path=auth_path,
    )
    assert sorted((k.lower(), v) for k, v in ours.headers.items()) == sorted(
        (k.lower(), v) for k, v in request.headers.items()
    )


POST_CASES = [
    ("my-key", None, None, 3600),
    ("uploads/${filename}", {"acl": "public-read", "Content-Type": "image/png"},
     [{"acl": "public-read"}, ["content-length-range", 2, 5], ["starts-with", "$Content-Type", "image/"]], 60),
    ("ключ é", {"success_action_status": "201"}, [["eq", "$success_action_status", "201"]], 604800),
]


@pytest.mark.parametrize("token", [None, "FwoGZXIvYXdzEPT//token=="])
@pytest.mark.parametrize(("key", "fields", "conditions", "expires"), POST_CASES)
@pytest.mark.parametrize("signature_version", ["s3v4", None])
def test_presigned_post_matches_boto3(
    frozen: None, key: str, fields: dict[str, str] | None, conditions: list[Any] | None, expires: int,
    token: str | None, signature_version: str | None,
) -> None:
    client = boto3.client(
        "s3", region_name="us-west-2", aws_access_key_id=ACCESS, aws_secret_access_key=SECRET,
        aws_session_token=token, config=Config(signature_version=signature_version),
    )
    expected = client.generate_presigned_post(
        "my-bucket", key, Fields=dict(fields) if fields else None,
        Conditions=json.loads(json.dumps(conditions)) if conditions else None, ExpiresIn=expires,
    )
    common: dict[str, Any] = {
        "url": expected["url"], "bucket": "my-bucket", "key": key, "access_key": ACCESS,
        "secret_key": SECRET, "token": token, "timestamp": TIMESTAMP, "fields": fields,
        "conditions": conditions, "expires_in": expires,
    }
    if signature_version == "s3v4":
        ours = presigned_post_v4(region="us-west-2", **common)
        assert "x-amz-signature" in ours["fields"]
    else:
        ours = presigned_post_s3v2(**common)
        assert "signature" in ours["fields"]
    assert ours == expected
    assert list(ours["fields"]) == list(expected["fields"])
    policy = json.loads(base64.b64decode(ours["fields"]["policy"]))
    assert policy["conditions"][: len(conditions or [])] == (conditions or [])
