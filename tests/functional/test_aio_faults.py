"""The async transport under fault injection: same retries, same mapped errors as the sync client.

Each scenario scripts ``_faults.FaultServer``, runs the same call with the sync awsession client and
with the async one (sleeps recorded, never waited), and compares what the server received and what
the caller got.
"""

from __future__ import annotations

import asyncio
import email.utils
import socket
from collections.abc import Iterator
from typing import Any

import pytest

import awsession
from awsession.aio import Session
from awsession.config.client_config import Config
from tests.functional._faults import FaultServer, Reply

pytestmark = pytest.mark.functional

KEYS = {"aws_access_key_id": "AKIDFAULTS", "aws_secret_access_key": "fault-secret",
        "region_name": "us-east-1"}
CONFIG = Config(retries={"mode": "standard", "max_attempts": 3}, read_timeout=0.5,
                connect_timeout=0.5)


@pytest.fixture
def server() -> Iterator[FaultServer]:
    fault = FaultServer()
    try:
        yield fault
    finally:
        fault.close()


@pytest.fixture(autouse=True)
def _no_sync_sleep(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("awsession._client.sync._sleep", lambda seconds: None)


def _outcome(call: Any) -> tuple[str, Any]:
    try:
        return "ok", call()
    except Exception as error:
        return type(error).__name__, error


def sync_call(url: str, operation: str, read_body: bool = False, **params: Any) -> tuple[str, Any]:
    client = awsession.Session(**KEYS).client("s3", endpoint_url=url, config=CONFIG)

    def call() -> Any:
        result = getattr(client, operation)(**params)
        if read_body:
            result["Body"] = result["Body"].read()
        return result

    return _outcome(call)


def async_call(url: str, operation: str, read_body: bool = False,
               **params: Any) -> tuple[str, Any, list[float]]:
    slept: list[float] = []

    async def record(seconds: float) -> None:
        slept.append(seconds)

    async def main() -> tuple[str, Any]:
        async with Session(**KEYS).client("s3", endpoint_url=url, config=CONFIG) as s3:
            s3._sleep = record
            try:
                result = await getattr(s3, operation)(**params)
                if read_body:
                    result["Body"] = await result["Body"].read()
            except Exception as error:
                return type(error).__name__, error
            return "ok", result

    kind, value = asyncio.run(main())
    return kind, value, slept


def both(server: FaultServer, replies: tuple[Reply, ...], operation: str = "head_object",
         read_body: bool = False, **params: Any) -> tuple[Any, Any, int, int, list[float]]:
    params = params or {"Bucket": "bucket-one", "Key": "k"}
    server.set_script(*replies)
    sync_result = sync_call(server.url, operation, read_body, **params)
    sync_requests = len(server.received)
    server.set_script(*replies)
    kind, value, slept = async_call(server.url, operation, read_body, **params)
    return sync_result, (kind, value), sync_requests, len(server.received), slept


def test_retries_on_5xx_then_success(server: FaultServer) -> None:
    sync, aio, n_sync, n_aio, slept = both(server, (Reply(500), Reply(503), Reply(200)))
    assert sync[0] == aio[0] == "ok"
    assert n_sync == n_aio == 3
    assert aio[1]["ResponseMetadata"]["RetryAttempts"] == sync[1]["ResponseMetadata"]["RetryAttempts"] == 2
    assert len(slept) == 2 and all(s >= 0 for s in slept)
    attempts = [r.headers["amz-sdk-request"] for r in server.received]
    assert attempts[0].startswith("attempt=1") and attempts[-1].startswith("attempt=3")


def test_error_responses_are_buffered_and_raised_like_sync(server: FaultServer) -> None:
    body = (b"<?xml version='1.0' encoding='UTF-8'?><Error><Code>AccessDenied</Code>"
            b"<Message>Access Denied</Message><RequestId>R1</RequestId></Error>")
    sync, aio, n_sync, n_aio, _ = both(server, (Reply(403, body=body),), operation="get_object",
                                       Bucket="bucket-one", Key="k")
    assert sync[0] == aio[0] == "AccessDenied"
    assert aio[1].response["Error"] == sync[1].response["Error"]
    assert str(aio[1]) == str(sync[1])
    assert n_sync == n_aio == 1


@pytest.mark.parametrize(("reply", "expected"), [
    (Reply(reset=True), "ConnectionClosedError"),
    (Reply(delay=1.5), "ReadTimeoutError"),
])
def test_transport_errors_map_to_the_same_exceptions(server: FaultServer, reply: Reply,
                                                     expected: str) -> None:
    sync, aio, n_sync, n_aio, slept = both(server, (reply,))
    assert (sync[0], aio[0]) == (expected, expected)
    assert n_sync == n_aio == 4  # retried like any connection error (3 retries), then raised
    assert len(slept) >= 3


def test_connection_refused_is_endpoint_connection_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}"
    sync = sync_call(url, "head_object", Bucket="bucket-one", Key="k")
    kind, value, _ = async_call(url, "head_object", Bucket="bucket-one", Key="k")
    assert sync[0] == kind == "EndpointConnectionError"
    assert str(value).startswith(f'Could not connect to the endpoint URL: "{url}/bucket-one/k"')


def test_truncated_stream_is_detected(server: FaultServer) -> None:
    reply = Reply(200, body=b"0123456789", truncate_to=4)
    sync, aio, _, _, _ = both(server, (reply,), operation="get_object", read_body=True,
                              Bucket="bucket-one", Key="k")
    assert sync[0] in ("IncompleteReadError", "ResponseStreamingError")
    assert aio[0] in ("IncompleteReadError", "ResponseStreamingError")


def test_streaming_body_reads_and_checks_response_checksum(server: FaultServer) -> None:
    import base64
    import zlib

    data = b"hello streaming world\n" * 100
    crc = base64.b64encode((zlib.crc32(data) & 0xFFFFFFFF).to_bytes(4, "big")).decode()
    good = Reply(200, body=data, headers={"x-amz-checksum-crc32": crc})
    sync, aio, _, _, _ = both(server, (good,), operation="get_object", read_body=True,
                              Bucket="bucket-one", Key="k")
    assert sync[0] == aio[0] == "ok"
    assert aio[1]["Body"] == sync[1]["Body"] == data
    bad = Reply(200, body=data, headers={"x-amz-checksum-crc32": "AAAAAA=="})
    sync, aio, _, _, _ = both(server, (bad,), operation="get_object", read_body=True,
                              Bucket="bucket-one", Key="k")
    assert sync[0] == aio[0] == "FlexibleChecksumError"


def test_clock_skew_is_learnt_and_the_call_re_signed(server: FaultServer) -> None:
    server_date = email.utils.formatdate(1_000_000_000, usegmt=True)  # 2001: far from now
    body = (b"<Error><Code>RequestTimeTooSkewed</Code><Message>skewed</Message></Error>")
    listing = b"<ListBucketResult><Name>bucket-one</Name><KeyCount>0</KeyCount></ListBucketResult>"
    replies = (Reply(403, body=body, headers={"Date": server_date}), Reply(200, body=listing))
    sync, aio, n_sync, n_aio, _ = both(server, replies, operation="list_objects_v2",
                                       Bucket="bucket-one")
    assert sync[0] == aio[0] == "ok"
    assert n_sync == n_aio == 2
    dates = [r.headers["x-amz-date"] for r in server.received]
    assert dates[1].startswith("2001")
    assert not dates[0].startswith("2001")


def test_requests_go_out_as_signed(server: FaultServer) -> None:
    server.set_script(Reply(200))
    kind, _, _ = async_call(server.url, "put_object", Bucket="bucket-one", Key="a b/c+d=é",
                            Body=b"payload")
    assert kind == "ok"
    received = server.received[0]
    assert received.target == "/bucket-one/a%20b/c%2Bd%3D%C3%A9"
    assert received.body == b"payload"
    assert "content-type" not in received.headers  # aiohttp adds nothing unsigned
    assert "accept-encoding" not in received.headers
    signed = received.headers["authorization"].split("SignedHeaders=")[1].split(",")[0].split(";")
    assert "host" in signed and "x-amz-date" in signed
