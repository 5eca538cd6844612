"""Async clients read a sync file-object payload once, in a worker thread, before the flow runs.

The request that goes out must be the one the same call with the bytes would make (same body,
same flexible checksum and payload hash), the loop's thread must never call ``read``, and the file
ends where the sync client leaves it (read to the end) -- or back at its start when the call fails.
"""

from __future__ import annotations

import asyncio
import io
import threading
from typing import Any

import pytest

from awsession._core.http import HttpRequest, HttpResponse
from awsession.aio import Session
from awsession.aio.bodies import file_payload_member, is_sync_file, read_file_payload, rewind
from awsession.exceptions import ParamValidationError

ENDPOINT = "http://127.0.0.1:9"


class RecordingTransport:
    def __init__(self) -> None:
        self.requests: list[HttpRequest] = []

    async def send(self, request: HttpRequest) -> HttpResponse:
        self.requests.append(request)
        return HttpResponse(200, {"x-amz-request-id": "r", "etag": '"e"'}, b"")

    async def close(self) -> None:
        pass


class ThreadRecordingFile(io.BytesIO):
    """A file that notes which threads read it."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.readers: set[int] = set()

    def read(self, size: int | None = -1) -> bytes:
        self.readers.add(threading.get_ident())
        return super().read(size)


async def _client(service: str) -> tuple[Any, RecordingTransport]:
    session = Session(aws_access_key_id="AKID", aws_secret_access_key="secret",
                      region_name="us-east-1")
    client = await session.client(service, endpoint_url=ENDPOINT).__aenter__()
    transport = RecordingTransport()
    client._transport = transport
    return client, transport


def _comparable(request: HttpRequest) -> dict[str, Any]:
    headers = {k: v for k, v in request.headers.items()
               if k.lower() not in ("authorization", "x-amz-date", "amz-sdk-invocation-id",
                                    "amz-sdk-request")}
    return {"url": request.url, "headers": headers, "body": request.body}


def test_put_object_with_a_file_sends_what_bytes_would_and_reads_off_the_loop() -> None:
    data = b"hello file body\n" * 100
    body = ThreadRecordingFile(b"skipped:" + data)
    body.seek(len(b"skipped:"))

    async def main() -> tuple[list[HttpRequest], int]:
        s3, transport = await _client("s3")
        await s3.put_object(Bucket="bucket", Key="k", Body=body)
        await s3.put_object(Bucket="bucket", Key="k", Body=data)
        return transport.requests, threading.get_ident()

    (from_file, from_bytes), loop_thread = asyncio.run(main())
    assert from_file.body == data
    assert _comparable(from_file) == _comparable(from_bytes)
    assert "x-amz-checksum-crc32" in {k.lower() for k in from_file.headers}
    assert body.readers and loop_thread not in body.readers
    assert body.tell() == len(b"skipped:" + data)  # read to the end, as after a sync call


def test_text_mode_files_are_sent_as_utf8() -> None:
    async def main() -> bytes:
        s3, transport = await _client("s3")
        await s3.put_object(Bucket="bucket", Key="k", Body=io.StringIO("héllo"))
        return bytes(transport.requests[0].body)

    assert asyncio.run(main()) == "héllo".encode()


def test_a_failed_call_puts_the_file_back_at_its_start() -> None:
    body = io.BytesIO(b"0123456789")
    body.seek(3)

    async def main() -> None:
        s3, _ = await _client("s3")
        await s3.put_object(Bucket="bucket", Key="k", Body=body, ContentLength="not a number")

    with pytest.raises(ParamValidationError):
        asyncio.run(main())
    assert body.tell() == 3


def test_only_blob_payload_members_and_sync_files_are_read() -> None:
    import awsession

    model = awsession.Session(region_name="us-east-1").client(
        "s3", endpoint_url=ENDPOINT).meta.service_model
    assert file_payload_member(model.operation_model("PutObject")) == "Body"
    assert file_payload_member(model.operation_model("UploadPart")) == "Body"
    assert file_payload_member(model.operation_model("GetObject")) is None
    assert file_payload_member(model.operation_model("PutBucketTagging")) is None  # structure payload

    class AsyncBody:
        def read(self) -> bytes:
            return b""

        def __aiter__(self) -> Any:
            return self

    assert is_sync_file(io.BytesIO(b"x")) and is_sync_file(io.StringIO("x"))
    assert not any(is_sync_file(v) for v in (b"x", "x", bytearray(b"x"), None, AsyncBody()))
    params = {"Body": b"x", "Key": "k"}
    assert asyncio.run(read_file_payload(params, "Body")) == (params, None, None)
    assert asyncio.run(read_file_payload(params, None)) == (params, None, None)
    rewind(object(), 0)  # not seekable: nothing to do, no error
