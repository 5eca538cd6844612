"""Request compression (gzip) for operations that declare it, compared with boto3 on the wire."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.functional._faults import FaultServer, Reply
from tests.functional.test_parity_wire import _capture

_OK = Reply(status=200, body=b"{}", headers={"Content-Type": "application/x-amz-json-1.0"})


@pytest.fixture(scope="module")
def server() -> Iterator[FaultServer]:
    srv = FaultServer()
    yield srv
    srv.close()


@pytest.fixture(autouse=True)
def _no_aws_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import os

    for name in list(os.environ):
        if name.startswith("AWS_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))


def _put_metrics(count: int) -> Any:
    data = [{"MetricName": f"metric-{i}", "Value": float(i), "Unit": "Count"} for i in range(count)]
    return lambda client: client.put_metric_data(Namespace="awsession/test", MetricData=data)


def _decoded(wire: dict[str, Any]) -> tuple[str | None, bytes]:
    encoding = wire["headers"].get("content-encoding")
    body = gzip.decompress(wire["body"]) if encoding == "gzip" else wire["body"]
    return encoding, body


@pytest.mark.parametrize(("count", "compressed"), [(3, False), (400, True)])
def test_large_bodies_are_gzipped_like_boto3(server: FaultServer, count: int,
                                             compressed: bool) -> None:
    ours, _ = _capture(server, "awsession", "cloudwatch", _put_metrics(count), _OK)
    theirs, _ = _capture(server, "boto3", "cloudwatch", _put_metrics(count), _OK)
    assert _decoded(ours[0]) == _decoded(theirs[0])
    assert (_decoded(ours[0])[0] == "gzip") is compressed


def test_compression_can_be_disabled(server: FaultServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_DISABLE_REQUEST_COMPRESSION", "true")
    ours, _ = _capture(server, "awsession", "cloudwatch", _put_metrics(400), _OK)
    theirs, _ = _capture(server, "boto3", "cloudwatch", _put_metrics(400), _OK)
    assert "content-encoding" not in ours[0]["headers"]
    assert _decoded(ours[0]) == _decoded(theirs[0])
