"""Paginators against moto, boto3 and awsession side by side on the same data.

Every page (without ``ResponseMetadata``, which carries request ids and dates) and every resume
token must be equal, through chains of ``StartingToken`` resumes until the listing ends. The last
test fetches a presigned GET URL with plain urllib (pagination and presigning share this file so
the 2,500-key bucket is not made twice by separate modules).
"""

from __future__ import annotations

import urllib.request
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import boto3
import pytest

import awsession
from tests.functional._moto import MotoProcess

pytestmark = pytest.mark.functional

KEYS = [f"dir{i % 7}/key-{i:05d}" for i in range(2500)]


def _clients(service: str) -> tuple[Any, Any]:
    boto3.setup_default_session()
    awsession.setup_default_session()
    return boto3.client(service), awsession.client(service)


def _strip(page: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in page.items() if k != "ResponseMetadata"}


def _walk(client: Any, operation: str, params: dict[str, Any],
          paging: dict[str, Any]) -> list[tuple[list[dict[str, Any]], str | None]]:
    """Every run of a resume chain: (pages, resume token), until no token is left."""
    runs: list[tuple[list[dict[str, Any]], str | None]] = []
    token = None
    for _ in range(100):
        config = dict(paging)
        if token is not None:
            config["StartingToken"] = token
        pages = client.get_paginator(operation).paginate(**params, PaginationConfig=config)
        runs.append(([_strip(p) for p in pages], pages.resume_token))
        token = pages.resume_token
        if token is None:
            return runs
    raise AssertionError("resume chain did not end")


@pytest.fixture
def big_bucket(moto: MotoProcess) -> str:
    _, s3 = _clients("s3")
    s3.create_bucket(Bucket="pages")
    with ThreadPoolExecutor(16) as pool:
        list(pool.map(lambda key: s3.put_object(Bucket="pages", Key=key, Body=b"x"), KEYS))
    return "pages"


PAGINGS = [
    {},
    {"PageSize": 1000},
    {"MaxItems": 777},
    {"PageSize": 300, "MaxItems": 1000},
    {"PageSize": 250, "MaxItems": 333},
]


@pytest.mark.slow
def test_list_objects_v2_pages_and_tokens_match_boto3(big_bucket: str) -> None:
    theirs, ours = _clients("s3")
    for paging in PAGINGS:
        expected = _walk(theirs, "list_objects_v2", {"Bucket": big_bucket}, paging)
        actual = _walk(ours, "list_objects_v2", {"Bucket": big_bucket}, paging)
        assert actual == expected, paging
        keys = [o["Key"] for pages, _ in actual for p in pages for o in p.get("Contents", [])]
        assert keys == sorted(KEYS)
    delimited = {"Bucket": big_bucket, "Delimiter": "/", "Prefix": ""}
    assert _walk(ours, "list_objects_v2", delimited, {"PageSize": 3}) == \
        _walk(theirs, "list_objects_v2", delimited, {"PageSize": 3})
    full = ours.get_paginator("list_objects_v2").paginate(
        Bucket=big_bucket, PaginationConfig={"MaxItems": 1234}).build_full_result()
    assert _strip(full) == _strip(theirs.get_paginator("list_objects_v2").paginate(
        Bucket=big_bucket, PaginationConfig={"MaxItems": 1234}).build_full_result())
    assert len(full["Contents"]) == 1234
    assert "NextToken" in full
    searched = list(ours.get_paginator("list_objects_v2").paginate(Bucket=big_bucket)
                    .search("Contents[?Size == `1`].Key"))
    assert searched == sorted(KEYS)


def test_describe_instances_paginator_matches_boto3(moto: MotoProcess) -> None:
    theirs, ours = _clients("ec2")
    image = ours.describe_images()["Images"][0]["ImageId"]
    for _ in range(4):
        ours.run_instances(ImageId=image, MinCount=3, MaxCount=3)
    for paging in ({}, {"PageSize": 5}, {"MaxItems": 2}, {"PageSize": 5, "MaxItems": 7}):
        expected = _walk(theirs, "describe_instances", {}, paging)
        assert _walk(ours, "describe_instances", {}, paging) == expected, paging
    instances = list(ours.get_paginator("describe_instances").paginate()
                     .search("Reservations[].Instances[].InstanceId"))
    assert len(instances) == 12


def test_presigned_get_url_fetched_with_urllib(moto: MotoProcess) -> None:
    _, s3 = _clients("s3")
    s3.create_bucket(Bucket="shared")
    s3.put_object(Bucket="shared", Key="docs/hello world.txt", Body=b"hello from moto")
    url = s3.generate_presigned_url("get_object", Params={"Bucket": "shared",
                                                         "Key": "docs/hello world.txt"},
                                    ExpiresIn=300)
    assert url.startswith(moto.url)
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.read() == b"hello from moto"
