"""Event-stream framing and S3 SelectObjectContent-style events, compared with botocore."""

from __future__ import annotations

import io
import struct
from typing import Any
from zlib import crc32

import pytest
from botocore.awsrequest import HeadersDict
from botocore.model import ServiceModel as BotoServiceModel
from botocore.parsers import create_parser

from awsession._core.http import HttpResponse
from awsession.exceptions import EventStreamError
from awsession.model.loader import default_loader
from awsession.model.shapes import ServiceModel
from awsession.protocols.parsers.errors import ChecksumMismatch
from awsession.protocols.parsers.eventstream import EventStream
from awsession.protocols.parsers.registry import parse


def _header(name: str, value: Any) -> bytes:
    raw = name.encode()
    head = bytes([len(raw)]) + raw
    if isinstance(value, bool):
        return head + bytes([0 if value else 1])
    if isinstance(value, int):
        return head + b"\x04" + struct.pack(">i", value)
    if isinstance(value, bytes):
        return head + b"\x06" + struct.pack(">H", len(value)) + value
    data = value.encode()
    return head + b"\x07" + struct.pack(">H", len(data)) + data


def message(headers: dict[str, Any], payload: bytes) -> bytes:
    head = b"".join(_header(k, v) for k, v in headers.items())
    total = 16 + len(head) + len(payload)
    prelude = struct.pack(">II", total, len(head))
    prelude += struct.pack(">I", crc32(prelude))
    body = prelude + head + payload
    return body + struct.pack(">I", crc32(body))


def event(kind: str, payload: bytes, content_type: str = "application/octet-stream") -> bytes:
    return message({":message-type": "event", ":event-type": kind, ":content-type": content_type}, payload)


SELECT_STREAM = (
    event("Records", b"a,b\n1,2\n")
    + event(
        "Stats",
        b"<Stats><BytesScanned>10</BytesScanned><BytesProcessed>9</BytesProcessed>"
        b"<BytesReturned>8</BytesReturned></Stats>",
        "text/xml",
    )
    + event("Progress", b"<Progress><BytesScanned>1</BytesScanned></Progress>", "text/xml")
    + event("Cont", b"")
    + event("SomethingNew", b"ignored")
    + event("End", b"")
)


class Chunked:
    """A transport-like body that hands out a few bytes per read and records how much was read."""

    def __init__(self, data: bytes, size: int = 7) -> None:
        self._data = io.BytesIO(data)
        self.size = size
        self.reads = 0
        self.closed = False

    def read(self, amount: int = -1) -> bytes:
        self.reads += 1
        return self._data.read(self.size)

    def stream(self) -> Any:
        while chunk := self.read():
            yield chunk

    def close(self) -> None:
        self.closed = True


def _s3() -> tuple[ServiceModel, BotoServiceModel]:
    raw = default_loader().load("s3/2006-03-01/service-2")
    return ServiceModel(raw, "s3"), BotoServiceModel(raw, "s3")


def _select(body: Any) -> dict[str, Any]:
    ours, _ = _s3()
    return parse(
        ours.operation_model("SelectObjectContent"), HttpResponse(200, {"x-amz-request-id": "r"}, body)
    )


def test_select_object_content_events_match_botocore() -> None:
    raw = Chunked(SELECT_STREAM)
    parsed = _select(raw)
    stream = parsed["Payload"]
    assert isinstance(stream, EventStream)
    assert raw.reads == 0, "the body must not be read before iteration"
    events = list(stream)
    _, boto = _s3()
    expected = create_parser("rest-xml").parse(
        {
            "status_code": 200,
            "headers": HeadersDict({"x-amz-request-id": "r"}),
            "body": Chunked(SELECT_STREAM),
            "context": {"operation_name": "SelectObjectContent"},
        },
        boto.operation_model("SelectObjectContent").output_shape,
    )
    assert events == list(expected["Payload"])
    assert events[0] == {"Records": {"Payload": b"a,b\n1,2\n"}}
    assert events[1] == {"Stats": {"Details": {"BytesScanned": 10, "BytesProcessed": 9, "BytesReturned": 8}}}
    assert [next(iter(e)) for e in events] == ["Records", "Stats", "Progress", "Cont", "End"]
    stream.close()
    assert raw.closed


@pytest.mark.parametrize(
    "body", [SELECT_STREAM, io.BytesIO(SELECT_STREAM), [SELECT_STREAM[:5], SELECT_STREAM[5:]]]
)
def test_body_kinds(body: Any) -> None:
    assert len(list(_select(body)["Payload"])) == 5


def test_crc_mismatch_is_detected() -> None:
    broken = bytearray(event("Records", b"payload"))
    broken[-6] ^= 0xFF
    with pytest.raises(ChecksumMismatch, match="Checksum mismatch"):
        list(_select(bytes(broken))["Payload"])


def test_prelude_crc_mismatch_is_detected() -> None:
    broken = bytearray(event("Records", b"payload"))
    broken[9] ^= 0xFF
    with pytest.raises(ChecksumMismatch):
        list(_select(bytes(broken))["Payload"])


def test_error_message_raises_event_stream_error() -> None:
    error = message({":message-type": "error", ":error-code": "InternalError", ":error-message": "boom"}, b"")
    stream = _select(event("Records", b"x") + error)["Payload"]
    iterator = iter(stream)
    assert next(iterator) == {"Records": {"Payload": b"x"}}
    with pytest.raises(EventStreamError) as info:
        next(iterator)
    assert info.value.response["Error"] == {"Code": "InternalError", "Message": "boom"}
