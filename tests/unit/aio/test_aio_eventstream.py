"""Async clients' event-stream outputs: the sync client's events, read with ``async for``.

A scripted transport answers with real event-stream frames in an
:class:`~awsession.transport.aio_streaming.AsyncStreamingBody` that hands out a few bytes per
read; the events must equal what the sync parser gives for the same bytes (itself checked against
botocore in tests/unit/protocols/parsers/test_parser_eventstream.py).
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from awsession._core.http import HttpRequest, HttpResponse
from awsession.aio import Session
from awsession.aio.eventstream import AioEventStream, event_stream_members
from awsession.exceptions import EventStreamError
from awsession.protocols.parsers.errors import ChecksumMismatch, NoInitialResponseError
from awsession.protocols.parsers.registry import parse
from awsession.transport.aio_streaming import AsyncStreamingBody
from tests.unit.protocols.parsers.test_parser_eventstream import SELECT_STREAM, event, message

ENDPOINT = "http://127.0.0.1:9"  # nothing is sent: the transport is scripted
SELECT_ARGS: dict[str, Any] = {
    "Bucket": "bucket", "Key": "k.csv", "Expression": "select * from s3object",
    "ExpressionType": "SQL", "InputSerialization": {"CSV": {}}, "OutputSerialization": {"CSV": {}}}


class SlowRaw:
    """A transport ``raw`` reader: at most ``size`` bytes per read, records reads and closing."""

    def __init__(self, data: bytes, size: int = 7) -> None:
        self._data = data
        self._pos = 0
        self.size = size
        self.reads = 0
        self.released = False
        self.closed = False

    async def read(self, amount: int = -1) -> bytes:
        self.reads += 1
        await asyncio.sleep(0)
        take = self.size if amount < 0 else min(amount, self.size)
        chunk = self._data[self._pos:self._pos + take]
        self._pos += len(chunk)
        return chunk

    def release(self) -> None:
        self.released = True

    def close(self) -> None:
        self.closed = True


class ScriptedTransport:
    def __init__(self, body: bytes, streamed: bool = True) -> None:
        self.raw = SlowRaw(body)
        self._body = body
        self._streamed = streamed
        self.requests: list[HttpRequest] = []

    async def send(self, request: HttpRequest) -> HttpResponse:
        self.requests.append(request)
        headers = {"x-amz-request-id": "req", "content-length": str(len(self._body))}
        if not self._streamed:
            return HttpResponse(200, headers, self._body)
        return HttpResponse(200, headers, AsyncStreamingBody(self.raw, len(self._body)))

    async def close(self) -> None:
        pass


async def _client(service: str, transport: ScriptedTransport) -> Any:
    session = Session(aws_access_key_id="AKID", aws_secret_access_key="secret",
                      region_name="us-east-1")
    client = await session.client(service, endpoint_url=ENDPOINT).__aenter__()
    client._transport = transport
    return client


def _sync_events(service: str, operation: str, body: bytes, member: str) -> list[dict[str, Any]]:
    import awsession

    model = awsession.Session(region_name="us-east-1").client(
        service, endpoint_url=ENDPOINT).meta.service_model
    parsed = parse(model.operation_model(operation), HttpResponse(200, {}, body))
    return list(parsed[member])


def test_select_object_content_gives_the_sync_events_lazily() -> None:
    transport = ScriptedTransport(SELECT_STREAM)

    async def main() -> tuple[Any, int, list[dict[str, Any]]]:
        s3 = await _client("s3", transport)
        response = await s3.select_object_content(**SELECT_ARGS)
        reads_before = transport.raw.reads
        events = [e async for e in response["Payload"]]
        return response["Payload"], reads_before, events

    stream, reads_before, events = asyncio.run(main())
    assert isinstance(stream, AioEventStream)
    assert reads_before == 0, "the body must not be read before iteration"
    assert events == _sync_events("s3", "SelectObjectContent", SELECT_STREAM, "Payload")
    assert [next(iter(e)) for e in events] == ["Records", "Stats", "Progress", "Cont", "End"]
    assert transport.raw.released and not transport.raw.closed
    assert repr(stream) == "<AioEventStream operation='SelectObjectContent'>"


def test_sync_iteration_is_refused_and_close_drops_the_connection() -> None:
    transport = ScriptedTransport(SELECT_STREAM)

    async def main() -> dict[str, Any]:
        s3 = await _client("s3", transport)
        stream = (await s3.select_object_content(**SELECT_ARGS))["Payload"]
        with pytest.raises(TypeError, match="async for"):
            iter(stream)
        async with stream:
            first: dict[str, Any] = await stream.__anext__()
        return first

    assert asyncio.run(main()) == {"Records": {"Payload": b"a,b\n1,2\n"}}
    assert transport.raw.closed


def test_error_message_raises_event_stream_error() -> None:
    error = message({":message-type": "error", ":error-code": "InternalError",
                     ":error-message": "boom"}, b"")
    transport = ScriptedTransport(event("Records", b"x") + error)

    async def main() -> tuple[list[dict[str, Any]], EventStreamError]:
        s3 = await _client("s3", transport)
        seen: list[dict[str, Any]] = []
        with pytest.raises(EventStreamError) as info:
            async for item in (await s3.select_object_content(**SELECT_ARGS))["Payload"]:
                seen.append(item)
        return seen, info.value

    seen, error_raised = asyncio.run(main())
    assert seen == [{"Records": {"Payload": b"x"}}]
    assert error_raised.response["Error"] == {"Code": "InternalError", "Message": "boom"}
    assert error_raised.operation_name == "SelectObjectContent"


def test_corrupt_frames_are_detected() -> None:
    broken = bytearray(event("Records", b"payload"))
    broken[-6] ^= 0xFF

    async def main() -> None:
        s3 = await _client("s3", ScriptedTransport(bytes(broken)))
        async for _ in (await s3.select_object_content(**SELECT_ARGS))["Payload"]:
            pass

    with pytest.raises(ChecksumMismatch):
        asyncio.run(main())


def _kinesis_stream() -> bytes:
    def json_event(kind: str, body: dict[str, Any]) -> bytes:
        return message({":message-type": "event", ":event-type": kind,
                        ":content-type": "application/json"}, json.dumps(body).encode())

    record = {"Records": [{"SequenceNumber": "1", "Data": "aGk=", "PartitionKey": "p",
                           "ApproximateArrivalTimestamp": 1700000000}],
              "ContinuationSequenceNumber": "2", "MillisBehindLatest": 0}
    return (json_event("initial-response", {})
            + json_event("SubscribeToShardEvent", record)
            + json_event("SubscribeToShardEvent", dict(record, ContinuationSequenceNumber="3")))


def test_json_rpc_stream_read_whole_continues_after_the_initial_response() -> None:
    body = _kinesis_stream()
    transport = ScriptedTransport(body, streamed=False)

    async def main() -> tuple[Any, list[dict[str, Any]]]:
        kinesis = await _client("kinesis", transport)
        response = await kinesis.subscribe_to_shard(
            ConsumerARN="arn:aws:kinesis:us-east-1:123456789012:stream/s/consumer/c:1",
            ShardId="shardId-000000000000", StartingPosition={"Type": "LATEST"})
        return response["EventStream"], [e async for e in response["EventStream"]]

    stream, events = asyncio.run(main())
    assert isinstance(stream, AioEventStream)
    expected = _sync_events("kinesis", "SubscribeToShard", body, "EventStream")
    assert events == expected and len(events) == 2
    assert events[1]["SubscribeToShardEvent"]["ContinuationSequenceNumber"] == "3"


def test_get_initial_response() -> None:
    body = _kinesis_stream()

    async def main(data: bytes) -> Any:
        raw = SlowRaw(data)
        stream = AioEventStream(AsyncStreamingBody(raw, len(data)), lambda m: {"x": m.payload}, "Op")
        return await stream.get_initial_response()

    first = asyncio.run(main(body))
    assert first.headers[":event-type"] == "initial-response" and first.payload == b"{}"
    with pytest.raises(NoInitialResponseError):
        asyncio.run(main(SELECT_STREAM))
    with pytest.raises(NoInitialResponseError):
        asyncio.run(main(b""))


def test_event_stream_members_come_from_the_model() -> None:
    import awsession

    s3 = awsession.Session(region_name="us-east-1").client(
        "s3", endpoint_url=ENDPOINT).meta.service_model
    assert event_stream_members(s3.operation_model("SelectObjectContent")) == ("Payload",)
    assert event_stream_members(s3.operation_model("GetObject")) == ()
    assert event_stream_members(s3.operation_model("DeleteBucket")) == ()


def test_rest_json_stream_lambda_invoke_with_response_stream() -> None:
    def json_event(kind: str, payload: bytes, content_type: str) -> bytes:
        return message({":message-type": "event", ":event-type": kind,
                        ":content-type": content_type}, payload)

    body = (json_event("PayloadChunk", b'{"partial": 1}', "application/octet-stream")
            + json_event("PayloadChunk", b'{"partial": 2}', "application/octet-stream")
            + json_event("InvokeComplete", b'{"LogResult": "bG9n"}', "application/json"))
    transport = ScriptedTransport(body)

    async def main() -> list[dict[str, Any]]:
        client = await _client("lambda", transport)
        response = await client.invoke_with_response_stream(FunctionName="fn")
        return [e async for e in response["EventStream"]]

    events = asyncio.run(main())
    assert events == _sync_events("lambda", "InvokeWithResponseStream", body, "EventStream")
    assert events[0] == {"PayloadChunk": {"Payload": b'{"partial": 1}'}}
    assert events[-1] == {"InvokeComplete": {"LogResult": "bG9n"}}
