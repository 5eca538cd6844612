"""``generate_presigned_url``/``generate_presigned_post`` give boto3's exact text.

Each case makes a boto3 client and an awsession client with the same keys, region and config,
freezes both clocks at the same instant, and compares the raw URL strings (not decoded pairs:
``?uploads`` vs ``?uploads=`` and ``%2F`` vs ``/`` must match too) and the POST dicts.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from awsession.exceptions import UnknownClientMethodError
from tests.unit.presign._frozen import boto_client, our_client, with_boto_time

REGIONS = ["us-east-1", "eu-west-1", "cn-north-1", "us-gov-west-1", "ap-southeast-2"]
CONFIGS: dict[str, dict[str, Any] | None] = {
    "default": None,
    "s3v4": {"signature_version": "s3v4"},
    "path": {"s3": {"addressing_style": "path"}},
    "virtual": {"s3": {"addressing_style": "virtual"}},
    "auto-s3v4": {"s3": {"addressing_style": "auto"}, "signature_version": "s3v4"},
    "path-s3v4": {"s3": {"addressing_style": "path"}, "signature_version": "s3v4"},
    "virtual-s3v4": {"s3": {"addressing_style": "virtual"}, "signature_version": "s3v4"},
}
TOKENS = {"no-token": None, "token": "FQoGZXIvYXdzE/a+b=c"}
SSE_KEY = "0123456789abcdef0123456789abcdef"
S3_CALLS: dict[str, tuple[str, dict[str, Any]]] = {
    "get": ("get_object", {"Bucket": "mybucket", "Key": "dir/a b+c~.txt"}),
    "get-extras": ("get_object", {"Bucket": "mybucket", "Key": "k", "VersionId": "v1/2",
                                  "ResponseContentDisposition": 'attachment; filename="x y.txt"',
                                  "ResponseContentType": "text/plain"}),
    "get-ssec": ("get_object", {"Bucket": "mybucket", "Key": "k",
                                "SSECustomerAlgorithm": "AES256", "SSECustomerKey": SSE_KEY}),
    "put": ("put_object", {"Bucket": "mybucket", "Key": "k", "ContentType": "text/plain"}),
    "dotted-bucket": ("get_object", {"Bucket": "my.dotted.bucket", "Key": "k"}),
    "mpu": ("create_multipart_upload", {"Bucket": "mybucket", "Key": "k"}),
    "list": ("list_objects_v2", {"Bucket": "mybucket", "Prefix": "a/"}),
}


def _compare_url(service: str, region: str, config: dict[str, Any] | None, token: str | None,
                 method: str, params: dict[str, Any], client_kwargs: dict[str, Any] | None = None,
                 **kwargs: Any) -> None:
    client_kwargs = client_kwargs or {}
    expected = with_boto_time(lambda: boto_client(service, region, config, token, **client_kwargs)
                              .generate_presigned_url(method, Params=params, **kwargs))
    actual = our_client(service, region, config, token, **client_kwargs).generate_presigned_url(
        method, Params=params, **kwargs)
    assert actual == expected


@pytest.mark.parametrize(("region", "config_name", "token_name", "call"), list(
    itertools.product(REGIONS, CONFIGS, TOKENS, S3_CALLS)))
def test_s3_presigned_url_matches_boto3(region: str, config_name: str, token_name: str,
                                        call: str) -> None:
    method, params = S3_CALLS[call]
    _compare_url("s3", region, CONFIGS[config_name], TOKENS[token_name], method, params)


@pytest.mark.parametrize("config_name", ["default", "s3v4"])
@pytest.mark.parametrize(("expires", "http_method"), [(60, None), (604800, "PUT"), (3600, "HEAD")])
def test_expiry_and_http_method_match_boto3(config_name: str, expires: int,
                                            http_method: str | None) -> None:
    _compare_url("s3", "eu-west-1", CONFIGS[config_name], None, "get_object",
                 {"Bucket": "mybucket", "Key": "k"}, ExpiresIn=expires, HttpMethod=http_method)


@pytest.mark.parametrize("config_name", ["default", "s3v4", "path", "virtual"])
def test_custom_endpoint_url_matches_boto3(config_name: str) -> None:
    _compare_url("s3", "us-east-1", CONFIGS[config_name], None, "get_object",
                 {"Bucket": "mybucket", "Key": "k"},
                 client_kwargs={"endpoint_url": "http://127.0.0.1:5000"})


@pytest.mark.parametrize("region", REGIONS)
@pytest.mark.parametrize("token_name", TOKENS)
@pytest.mark.parametrize(("service", "method", "params"), [
    ("sts", "get_caller_identity", {}),
    ("ec2", "describe_instances", {"InstanceIds": ["i-1", "i-2"],
                                   "Filters": [{"Name": "tag:a b", "Values": ["x/y"]}]}),
    ("dynamodb", "list_tables", {"Limit": 5}),
    ("sqs", "list_queues", {}),
])
def test_non_s3_presigned_url_matches_boto3(region: str, token_name: str, service: str,
                                            method: str, params: dict[str, Any]) -> None:
    _compare_url(service, region, None, TOKENS[token_name], method, params)


POSTS: dict[str, tuple[str, dict[str, Any] | None, list[Any] | None]] = {
    "plain": ("uploads/k.txt", None, None),
    "filename": ("uploads/${filename}", None, None),
    "fields": ("k", {"acl": "public-read", "Content-Type": "text/plain"},
               [{"acl": "public-read"}, ["starts-with", "$Content-Type", "text/"],
                ["content-length-range", 1, 1048576]]),
}


@pytest.mark.parametrize(("region", "config_name", "token_name", "post"), list(
    itertools.product(REGIONS, ["default", "s3v4", "path", "virtual"], TOKENS, POSTS)))
def test_presigned_post_matches_boto3(region: str, config_name: str, token_name: str,
                                      post: str) -> None:
    key, fields, conditions = POSTS[post]
    config, token = CONFIGS[config_name], TOKENS[token_name]
    expected = with_boto_time(lambda: boto_client("s3", region, config, token)
                              .generate_presigned_post("mybucket", key, Fields=fields,
                                                       Conditions=list(conditions or []) or None,
                                                       ExpiresIn=900))
    actual = our_client("s3", region, config, token).generate_presigned_post(
        "mybucket", key, Fields=fields, Conditions=list(conditions or []) or None, ExpiresIn=900)
    assert actual == expected


def test_caller_fields_are_not_changed() -> None:
    fields = {"acl": "private"}
    our_client("s3", "us-east-1").generate_presigned_post("b", "k", Fields=fields)
    assert fields == {"acl": "private"}


def test_unsigned_client_gives_the_bare_url_like_boto3() -> None:
    from botocore import UNSIGNED as BOTO_UNSIGNED

    from awsession.config.client_config import UNSIGNED

    params = {"Bucket": "mybucket", "Key": "k"}
    expected = boto_client("s3", "eu-west-1", {"signature_version": BOTO_UNSIGNED}) \
        .generate_presigned_url("get_object", Params=params)
    actual = our_client("s3", "eu-west-1", {"signature_version": UNSIGNED}) \
        .generate_presigned_url("get_object", Params=params)
    assert actual == expected
    assert "Signature" not in actual


def test_unknown_client_method_raises_botocores_error() -> None:
    with pytest.raises(UnknownClientMethodError, match="Client does not have method: nope"):
        our_client("s3", "us-east-1").generate_presigned_url("nope")


def test_presigned_post_exists_on_s3_clients_only() -> None:
    assert hasattr(our_client("s3", "us-east-1"), "generate_presigned_post")
    assert not hasattr(our_client("sts", "us-east-1"), "generate_presigned_post")
    assert hasattr(boto_client("s3", "us-east-1"), "generate_presigned_post")
    assert not hasattr(boto_client("sts", "us-east-1"), "generate_presigned_post")


def test_presigning_reads_the_clients_clock() -> None:
    params = {"Bucket": "mybucket", "Key": "k"}
    early = our_client("s3", "us-east-1", now=1_600_000_000).generate_presigned_url(
        "get_object", Params=params)
    late = our_client("s3", "us-east-1", now=1_600_000_100).generate_presigned_url(
        "get_object", Params=params)
    assert "Expires=1600003600" in early
    assert "Expires=1600003700" in late
