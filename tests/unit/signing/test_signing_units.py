"""Unit checks that the differential tests do not cover: key cache, bearer, secrets, path rules."""

from __future__ import annotations

import io
import threading

import pytest

from awsession._core.http import HttpRequest
from awsession.exceptions import NoAuthTokenError
from awsession.signing.bearer import BearerToken, sign_bearer
from awsession.signing.canonical import canonical_path, canonical_query, payload_sha256
from awsession.signing.payload import s3_payload_hash_mode
from awsession.signing.sigv4 import sign_request, sign_request_detailed, signing_key

SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"


def test_signing_key_matches_aws_documented_example() -> None:
    # The derived key from AWS's SigV4 documentation example (20150830/us-east-1/iam).
    key = signing_key(SECRET, "20150830", "us-east-1", "iam")
    assert key.hex() == "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9"


def test_signing_key_cache_is_bounded_and_thread_safe() -> None:
    signing_key.cache_clear()
    results: list[bytes] = []

    def work() -> None:
        for day in range(200):
            results.append(signing_key(SECRET, f"2024{day:04d}", "us-east-1", "s3"))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 800
    assert len(set(results)) == 200
    info = signing_key.cache_info()
    assert info.maxsize is not None and info.currsize <= info.maxsize


def test_bearer_sets_header_and_hides_token() -> None:
    token = BearerToken("tok-SECRET-123")
    signed = sign_bearer(HttpRequest("GET", "https://x.example.com/", {"authorization": "old"}), token)
    assert signed.headers == {"Authorization": "Bearer tok-SECRET-123"}
    assert "SECRET" not in repr(token) and "SECRET" not in str(token)
    with pytest.raises(NoAuthTokenError):
        sign_bearer(HttpRequest("GET", "https://x.example.com/", {}), None)


def test_secret_never_in_results_or_parts() -> None:
    signed, parts = sign_request_detailed(
        HttpRequest("GET", "https://sts.amazonaws.com/", {}), access_key="AKID", secret_key=SECRET,
        token=None, region="us-east-1", service="sts", timestamp=0.0,
    )
    assert SECRET not in repr(signed) and SECRET not in repr(parts)


def test_original_request_is_untouched() -> None:
    request = HttpRequest("PUT", "https://b.s3.amazonaws.com/k", {"Authorization": "old"}, b"x")
    signed = sign_request(request, access_key="A", secret_key="S", token="T", region="us-east-1",
                          service="s3", timestamp=1.0, s3=True)
    assert request.headers == {"Authorization": "old"}
    assert signed.headers["X-Amz-Security-Token"] == "T"
    assert signed.headers["X-Amz-Date"] == "19700101T000001Z"


@pytest.mark.parametrize(
    ("path", "normalize", "double", "expected"),
    [
        ("/a//b/../c/./d%20e", True, True, "/a/c/d%2520e"),
        ("/a//b/../c/./d%20e", False, False, "/a//b/../c/./d%20e"),
        ("", False, False, ""),
        ("", True, True, "/"),
        ("/~user/$x", True, True, "/~user/%24x"),
    ],
)
def test_canonical_path_rules(path: str, normalize: bool, double: bool, expected: str) -> None:
    assert canonical_path(path, normalize=normalize, double_encode=double) == expected


def test_canonical_query_sorts_without_reencoding() -> None:
    assert canonical_query("b=2&a=2&a=1&&c") == "=&a=1&a=2&b=2&c="


def test_file_body_hash_restores_position_and_rejects_iterables() -> None:
    stream = io.BytesIO(b"skipdata")
    stream.seek(4)
    assert payload_sha256(stream) == payload_sha256(b"data")
    assert stream.tell() == 4
    with pytest.raises(TypeError, match="payload_hash"):
        payload_sha256(iter([b"a"]))


def test_s3_payload_modes() -> None:
    https = "https://b.s3.amazonaws.com/k"
    md5 = {"Content-MD5": "x"}
    assert s3_payload_hash_mode(https, {}, checksum_in_trailer=True) == "STREAMING-UNSIGNED-PAYLOAD-TRAILER"
    assert s3_payload_hash_mode(https, md5, has_streaming_input=True) == "UNSIGNED-PAYLOAD"
    assert s3_payload_hash_mode("http://b/k", md5, has_streaming_input=True) is None
    assert s3_payload_hash_mode(https, {}, has_streaming_input=True) is None
    assert s3_payload_hash_mode(https, {}, configured=False) == "UNSIGNED-PAYLOAD"
