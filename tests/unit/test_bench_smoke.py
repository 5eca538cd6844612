"""Smoke test of the benchmark harness: the canned server answers every operation correctly.

Each canned operation is fetched raw (urllib3) and through boto3, the reference, pointed at the
server; boto3's parse proves the bodies are well formed (1000 keys, 50 instances) and that GetItem's
``x-amz-crc32`` header is right, since botocore checks it. Also checks the report's pure logic.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import urllib3

# bench/ is a top-level folder of the repository, not part of the installed package.
_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

canned = importlib.import_module("bench.canned")
server_mod = importlib.import_module("bench.server")
sdk_mod = importlib.import_module("bench.sdk")
calls = importlib.import_module("bench.metrics_calls")
report = importlib.import_module("bench.report")
markdown = importlib.import_module("bench.markdown")

pytestmark = [pytest.mark.functional, pytest.mark.timeout(10)]

EXPECTED_ITEM = {
    "pk": {"S": "user#42"},
    "sk": {"S": "profile"},
    "name": {"S": "Ada Lovelace"},
    "email": {"S": "ada@example.com"},
    "age": {"N": "36"},
    "active": {"BOOL": True},
    "avatar": {"B": b"hello bench"},
    "roles": {"SS": ["admin", "analyst"]},
    "scores": {"L": [{"N": "97"}, {"N": "88.5"}, {"NULL": True}]},
    "address": {"M": {"city": {"S": "London"}, "zip": {"S": "W1"}}},
}


@pytest.fixture(scope="module")
def server() -> Iterator[Any]:
    with server_mod.CannedServer() as running:
        yield running


@pytest.fixture(scope="module")
def pool(server: Any) -> Iterator[urllib3.HTTPConnectionPool]:
    with urllib3.HTTPConnectionPool("127.0.0.1", server.port, maxsize=1) as connections:
        yield connections


def _raw(pool: urllib3.HTTPConnectionPool, name: str) -> urllib3.BaseHTTPResponse:
    op = next(op for op in calls.OPERATIONS if op.name == name)
    return pool.request(op.raw_method, op.raw_path, body=op.raw_body, headers=op.raw_headers, retries=False)


def test_raw_requests_get_their_canned_answers(pool: urllib3.HTTPConnectionPool) -> None:
    for op in calls.OPERATIONS:
        assert _raw(pool, op.name).status == 200, op.name
    head = _raw(pool, "head_object")
    assert head.data == b""
    assert head.headers["Content-Length"] == "1024"
    assert _raw(pool, "get_object").data == canned.OBJECT_BODY
    assert _raw(pool, "list_objects_v2").data.count(b"<Contents>") == 1000
    assert _raw(pool, "describe_instances").data.count(b"<instanceId>") == 50
    assert b"<Account>123456789012</Account>" in _raw(pool, "get_caller_identity").data
    item = _raw(pool, "get_item")
    assert int(item.headers["x-amz-crc32"]) == zlib.crc32(item.data)
    assert json.loads(item.data)["Item"]["pk"] == {"S": "user#42"}


def test_unknown_requests_get_a_400(pool: urllib3.HTTPConnectionPool) -> None:
    assert pool.request("DELETE", "/bench-bucket/x", retries=False).status == 400
    assert pool.request("POST", "/", body=b"Action=Nope", retries=False).status == 400


def test_boto3_parses_every_canned_operation(server: Any) -> None:
    boto3 = importlib.import_module("boto3")
    clients = {name: sdk_mod.make_client(boto3, name, server.url) for name in ("s3", "sts", "dynamodb", "ec2")}
    try:
        s3 = clients["s3"]
        assert s3.head_object(Bucket=canned.BUCKET, Key=canned.KEY)["ContentLength"] == 1024
        assert s3.get_object(Bucket=canned.BUCKET, Key=canned.KEY)["Body"].read() == canned.OBJECT_BODY
        listed = s3.list_objects_v2(Bucket=canned.BUCKET)
        assert listed["KeyCount"] == 1000
        assert len(listed["Contents"]) == 1000
        first = listed["Contents"][0]
        assert first["Owner"]["DisplayName"] == "bench-owner"
        assert first["StorageClass"] == "STANDARD"
        assert first["LastModified"].year == 2024
        assert first["ETag"].startswith('"')
        assert len(s3.list_buckets()["Buckets"]) == canned.BUCKET_COUNT

        assert clients["sts"].get_caller_identity()["Account"] == "123456789012"
        got = clients["dynamodb"].get_item(TableName=canned.TABLE, Key=canned.GET_ITEM_KEY)
        assert got["Item"] == EXPECTED_ITEM

        reservations = clients["ec2"].describe_instances()["Reservations"]
        instances = [i for r in reservations for i in r["Instances"]]
        assert len(instances) == 50
        assert len({i["InstanceId"] for i in instances}) == 50
        assert instances[0]["NetworkInterfaces"][0]["Attachment"]["DeviceIndex"] == 0
        assert {t["Key"] for t in instances[0]["Tags"]} == {"Name", "Environment", "Team", "CostCenter"}
    finally:
        for client in clients.values():
            client.close()


def test_every_benchmark_operation_runs_through_boto3(server: Any) -> None:
    boto3 = importlib.import_module("boto3")
    clients: dict[str, Any] = {}
    try:
        for op in calls.OPERATIONS:
            client = clients.get(op.service) or clients.setdefault(
                op.service, sdk_mod.make_client(boto3, op.service, server.url))
            assert op.invoke(client), op.name
        assert calls.threaded_calls_per_second(boto3, server.url, threads=2, calls_per_thread=2) > 0
    finally:
        for client in clients.values():
            client.close()


def test_report_ratios_marks_and_missing_features() -> None:
    collector = report.Collector()
    collector.add_all("raw", {"floor.head_object": 0.001})
    collector.add_all("boto3", {"import": 0.5, "call.head_object": 0.005})
    collector.add_all("awsession", {"import": 0.05, "call.head_object": "n/a: NotImplementedError: soon"})
    collector.derive_overheads(["head_object"])
    result = report.build_result(collector, {"rounds": 1, "quick": True, "seconds": 1.0, "sdks": []})
    rows = {row["key"]: row for row in result["metrics"]}
    assert rows["import"]["ratio"] == pytest.approx(0.1)
    assert rows["import"]["pass"] is True
    assert rows["overhead.head_object"]["boto3"] == pytest.approx(0.004)
    assert rows["overhead.head_object"]["awsession"] == "n/a: NotImplementedError: soon"
    assert rows["overhead.head_object"]["pass"] is None
    assert rows["rss_per_client"]["boto3"] == "n/a: not measured"
    text = markdown.table(result)
    # rss_per_client (no one measured it) comes first in the table, so it takes note 1.
    assert "| RSS per extra Session + s3 client | n/a [1] | n/a [1] |" in text
    assert "| s3 head_object: per call | 5.0 ms | n/a [2] |" in text
    assert text.endswith("- [1] `not measured`\n- [2] `NotImplementedError: soon`\n")


def test_docs_page_keeps_hand_written_findings() -> None:
    old = markdown.docs_page(None, f"{markdown.BEGIN}\nold numbers\n{markdown.END}\n")
    edited = old.replace("_No findings written up yet._", "### head_object spends time in X")
    new = markdown.docs_page(edited, f"{markdown.BEGIN}\nnew numbers\n{markdown.END}\n")
    assert "new numbers" in new
    assert "old numbers" not in new
    assert "### head_object spends time in X" in new


def test_failures_are_recorded_not_raised() -> None:
    assert sdk_mod.failure(ModuleNotFoundError("No module named 'x'\nmore")) == (
        "n/a: ModuleNotFoundError: No module named 'x'")
    with pytest.raises(ValueError, match="unknown SDK"):
        sdk_mod.load_sdk("os")


def test_component_rows_compare_like_with_like() -> None:
    """The parse-only rows feed both SDKs the same bytes and get the same answer."""
    components = importlib.import_module("bench.metrics_components")
    for service, operation in components.PARSE_CASES.values():
        ours = components._awsession_parser(service, operation)()
        theirs = components._botocore_parser(service, operation)()
        theirs.pop("ResponseMetadata", None)
        ours.pop("ResponseMetadata", None)
        assert ours == theirs, operation
    signed = components._awsession_signer()()
    assert signed.headers["Authorization"].startswith("AWS4-HMAC-SHA256 Credential=AKIDBENCHFAKE0000000/")
    assert "Authorization" in components._botocore_signer()().headers


def test_component_samples_are_numbers(server: Any) -> None:
    components = importlib.import_module("bench.metrics_components")
    for name in sdk_mod.SDK_NAMES:
        sdk = importlib.import_module(name)
        assert all(s > 0 for s in components.sign_samples(sdk, quick=True))
        assert all(s > 0 for s in components.endpoint_samples(sdk, server.url, False, quick=True))


def test_async_rows_compare_with_aiobotocore_and_say_why_when_missing() -> None:
    collector = report.Collector()
    collector.add_all("boto3", {"async.head_object": 999.0})  # never the async rows' reference
    collector.add_all("aiobotocore", {"async.head_object": 500.0,
                                      "async.client": "n/a: ImportError: no aiobotocore"})
    collector.add_all("awsession", {"async.head_object": 2500.0, "async.client": 0.001})
    result = report.build_result(collector, {"rounds": 1, "quick": True, "seconds": 1.0, "sdks": []})
    rows = {row["key"]: row for row in result["metrics"]}
    head = rows["async.head_object"]
    assert (head["reference"], head["boto3"], head["ratio"], head["pass"]) == ("aiobotocore", 500.0, 5.0, True)
    assert head["samples"]["aiobotocore"] == [500.0]
    assert rows["async.client"]["boto3"] == "n/a: ImportError: no aiobotocore"
    assert rows["async.client"]["ratio"] is None
    assert rows["import"]["reference"] == "boto3"
    text = markdown.table(result)
    assert "| async head_object, 64 in flight, one client [vs aiobotocore] | 500/s | 2,500/s | 5.00x | >= 4x | pass |" in text
    assert "Rows marked [vs aiobotocore]" in text


def test_async_suite_measures_awsession_and_reports_a_missing_aiobotocore(
        server: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    metrics_async = importlib.import_module("bench.metrics_async")
    monkeypatch.delenv(metrics_async.PYTHON_ENV, raising=False)
    ours = metrics_async.suite("awsession", server.url, quick=True)
    assert set(ours) == set(metrics_async.SUITE_KEYS)
    assert all(isinstance(value, float) and value > 0 for value in ours.values()), ours
    if importlib.util.find_spec("aiobotocore") is None:
        theirs = metrics_async.suite("aiobotocore", server.url, quick=True)
        assert all(str(value).startswith("n/a: ImportError: aiobotocore is not importable here")
                   and metrics_async.PYTHON_ENV in str(value) for value in theirs.values()), theirs


def test_round_budget_leaves_out_steps_only_early_rounds_run() -> None:
    bench_main = importlib.import_module("bench.__main__")
    args = type("Args", (), {"rss_rounds": 1, "async_rounds": 3})()
    early = {"rss": 60.0, "async": 12.0}
    assert bench_main._next_round_estimate(150.0, early, 1, args) == 90.0  # round 2: async, no rss
    assert bench_main._next_round_estimate(90.0, {"rss": 0.0, "async": 12.0}, 3, args) == 78.0
