"""The per-client context, the per-operation call plan and the small helpers of the call path."""

from __future__ import annotations

import copy
import dataclasses
import platform
import re
import uuid
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

import pytest

import awsession
from awsession._client import user_agent
from awsession._pipeline.context import ClientContext
from awsession._pipeline.customize import (
    APPLIES,
    customize_params,
    customize_request,
    hooks_for,
)
from awsession._pipeline.operation import _uuid4
from awsession._pipeline.plan import call_plan
from awsession._pipeline.prepare import prepare_call
from awsession._pipeline.urls import join_url
from awsession.protocols.serializers.registry import serialize_request


def _client(service: str) -> Any:
    session = awsession.Session(aws_access_key_id="AKID", aws_secret_access_key="secret",
                                region_name="us-east-1")
    return session.client(service, endpoint_url="http://127.0.0.1:1")


def test_context_is_read_only_and_keyword_built() -> None:
    ctx = _client("sts")._ctx
    with pytest.raises(AttributeError):
        ctx.region = "eu-west-1"  # type: ignore[misc]
    with pytest.raises(TypeError, match="missing required"):
        ClientContext(service_name="s3")
    with pytest.raises(TypeError, match="unexpected"):
        ClientContext(**{name: getattr(ctx, name) for name in ctx.__slots__}, colour="red")
    assert ctx.request_min_compression_size_bytes == 10240 and ctx.clock_skew == [0.0]


def test_context_replace_shares_memos_like_the_dataclass_did() -> None:
    ctx = _client("sts")._ctx
    for changed in (dataclasses.replace(ctx, region="eu-west-1"), ctx.replace(region="eu-west-1")):
        assert changed.region == "eu-west-1" and ctx.region == "us-east-1"
        assert changed.plans is ctx.plans and changed.clock_skew is ctx.clock_skew
        assert changed.service_model is ctx.service_model
        assert changed != ctx
    assert ctx.replace() == ctx
    assert copy.copy(ctx) == ctx


def test_context_fresh_memos_per_context() -> None:
    assert _client("sts")._ctx.plans is not _client("sts")._ctx.plans


S3_CALLS: list[tuple[str, dict[str, Any]]] = [
    ("HeadObject", {"Bucket": "b", "Key": "k"}),
    ("GetObject", {"Bucket": "b", "Key": "k", "SSECustomerKey": "x" * 32,
                   "SSECustomerAlgorithm": "AES256"}),
    ("PutObject", {"Bucket": "b", "Key": "k", "Body": b"data"}),
    ("CopyObject", {"Bucket": "b", "Key": "k", "CopySource": {"Bucket": "s", "Key": "a b"}}),
    ("ListObjectsV2", {"Bucket": "b"}),
    ("ListBuckets", {}),
    ("GetBucketLocation", {"Bucket": "b"}),
    ("DeleteObjects", {"Bucket": "b", "Delete": {"Objects": [{"Key": "k"}]}}),
    ("CreateBucket", {"Bucket": "b"}),
]


@pytest.mark.parametrize("name, params", S3_CALLS, ids=[c[0] for c in S3_CALLS])
def test_plan_hooks_give_the_same_request_as_all_hooks(name: str, params: dict[str, Any]) -> None:
    ctx = _client("s3")._ctx
    operation = ctx.service_model.operation_model(name)
    everything = customize_params(ctx, operation, params)
    expected = serialize_request(operation, everything)
    customize_request(ctx, operation, everything, expected)
    prepared = prepare_call(ctx, operation, params)
    assert prepared.params == everything
    assert dataclasses.asdict(prepared.serialized) == dataclasses.asdict(expected)


def _hook_names(service: str, operation: str) -> list[list[str]]:
    ctx = _client(service)._ctx
    stages = hooks_for(service, ctx.service_model.operation_model(operation))
    return [[hook.__name__ for hook in stage] for stage in stages]


def test_plan_leaves_out_hooks_that_cannot_act() -> None:
    assert _hook_names("s3", "HeadObject") == [
        ["validate_bucket_name", "sse_customer_key_md5"], ["strip_bucket_from_path"], []]
    assert _hook_names("s3", "ListObjectsV2") == [
        ["validate_bucket_name", "sse_customer_key_md5", "list_objects_encoding_type"],
        ["strip_bucket_from_path"], ["decode_list_objects"]]
    assert _hook_names("s3", "PutObject") == [
        ["default_response_checksum_mode", "validate_bucket_name", "sse_customer_key_md5"],
        ["strip_bucket_from_path", "expect_continue", "request_checksum"],
        ["validate_response_checksum"]]
    assert _hook_names("sts", "GetCallerIdentity") == [[], [], []]
    assert _hook_names("cloudwatch", "PutMetricData")[1] == ["compress_request"]
    assert all(callable(predicate) for predicate in APPLIES.values())


def test_plan_is_memoised_per_operation_and_knows_streaming() -> None:
    ctx = _client("s3")._ctx
    get = ctx.service_model.operation_model("GetObject")
    assert call_plan(ctx, get) is call_plan(ctx, get)
    assert call_plan(ctx, get).stream_response
    assert not call_plan(ctx, ctx.service_model.operation_model("HeadObject")).stream_response
    assert call_plan(ctx, ctx.service_model.operation_model("CopyObject")).may_fail_with_200
    sts = _client("sts")._ctx
    assert not call_plan(sts, sts.service_model.operation_model("GetCallerIdentity")).may_fail_with_200


def test_invocation_ids_are_random_version_4_uuids() -> None:
    ids = {_uuid4() for _ in range(200)}
    assert len(ids) == 200
    for text in ids:
        assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", text)
        value = uuid.UUID(text)
        assert value.version == 4 and value.variant == uuid.RFC_4122 and str(value) == text


def _reference_join(endpoint_url: str, url_path: str, host_prefix: str | None,
                    query: dict[str, Any]) -> str:
    """The join spelled out with ``urlsplit``/``urlunsplit`` and ``quote`` everywhere."""
    scheme, netloc, base_path, base_query, fragment = urlsplit(endpoint_url)
    path_query = ""
    if "?" in url_path:
        url_path, path_query = url_path.split("?", 1)
    if not url_path or url_path == "/":
        path = base_path or "/"
    elif base_path.endswith("/") and url_path.startswith("/"):
        path = base_path[:-1] + url_path
    else:
        path = base_path + url_path
    netloc = (host_prefix or "") + netloc
    pairs = [(k, v) for k, vs in query.items() for v in (vs if isinstance(vs, list) else [vs])]
    encoded = "&".join(f"{quote(str(k), safe='-_.~')}={quote(str(v), safe='-_.~')}" for k, v in pairs)
    full_query = "&".join(q for q in (base_query, path_query, encoded) if q)
    return urlunsplit((scheme, netloc, path, full_query, fragment))


@pytest.mark.parametrize("endpoint, path, prefix, query", [
    ("http://127.0.0.1:1", "/b/k", None, {"a": "x y", "b": ["1", "2"], "c": "\u00fc/~"}),
    ("https://h.example/base/", "/x?versionId=3", "pre.", {}),
    ("https://h.example/base", "", None, {}),
    ("https://h.example?q=1", "/", None, {"z": "1"}),
    ("https://h.example/p#frag", "/k", None, {"z": "~"}),
    ("https://h.example", "k", None, {"list-type": 2}),
])
def test_join_url_matches_the_plain_spelling(endpoint: str, path: str, prefix: str | None,
                                             query: dict[str, Any]) -> None:
    assert join_url(endpoint, path, prefix, query) == _reference_join(endpoint, path, prefix, query)


def test_user_agent_platform_facts_match_the_platform_module() -> None:
    assert user_agent._platform() == (platform.system(), platform.release(), platform.machine(),
                                      platform.python_implementation())
