"""Canned AWS responses the benchmark server answers with, built once and pre-encoded to wire bytes.

Rules: every body is deterministic (no clock, no randomness), realistic in shape and size (what S3,
STS and DynamoDB really send: timestamps, ETags, request ids, owners), and encoded exactly once at
import, so the server's per-request cost is a dict look-up plus ``sendall``. EC2's large body lives
in ``canned_ec2.py``. Routing from a request to one of these is in ``server.py``.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass

from .canned_ec2 import describe_instances_xml

__all__ = [
    "BUCKET",
    "BUCKET_COUNT",
    "CannedResponse",
    "GET_ITEM_KEY",
    "ITEM_JSON",
    "KEY",
    "LIST_KEY_COUNT",
    "OBJECT_BODY",
    "RESPONSES",
    "TABLE",
    "UNKNOWN_ROUTE",
]

BUCKET = "bench-bucket"
KEY = "exports/2024/06/part-0001.bin"
TABLE = "bench-users"
LIST_KEY_COUNT = 1000
BUCKET_COUNT = 25
OBJECT_BODY = bytes((i * 37 + 11) % 256 for i in range(1024))
GET_ITEM_KEY = {"pk": {"S": "user#42"}, "sk": {"S": "profile"}}

_OWNER_ID = "75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a"
_OWNER = f"<Owner><ID>{_OWNER_ID}</ID><DisplayName>bench-owner</DisplayName></Owner>"
_S3_NS = "http://s3.amazonaws.com/doc/2006-03-01/"
_DATE = "Mon, 03 Jun 2024 12:00:00 GMT"
_XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>\n'


@dataclass(frozen=True)
class CannedResponse:
    """One whole response (status line, headers, body) as bytes ready for ``sendall``."""

    wire: bytes


def _encode(status: str, headers: list[tuple[str, str]], body: bytes, *,
            send_body: bool = True) -> CannedResponse:
    """Encode a response; a HEAD answer (``send_body=False``) announces the length it does not send."""
    lines = [f"HTTP/1.1 {status}", *(f"{name}: {value}" for name, value in headers),
             f"Content-Length: {len(body)}", "", ""]
    head = "\r\n".join(lines).encode("latin-1")
    return CannedResponse(wire=head + body if send_body else head)


def _s3_headers(request_id: str) -> list[tuple[str, str]]:
    return [
        ("x-amz-id-2", "aGVsbG8gYmVuY2htYXJrIHdvcmxkIHJlcXVlc3QgaWQgdHdv+Zm9vYmFy/YmF6cXV4"),
        ("x-amz-request-id", request_id),
        ("Date", _DATE),
        ("Server", "AmazonS3"),
    ]


def _etag(seed: int) -> str:
    return f"{zlib.crc32(seed.to_bytes(4, 'big')):08x}{seed * 2654435761 % 2**32:08x}" * 2


def _timestamp(seed: int) -> str:
    day, sec = 1 + seed % 28, seed * 7919 % 86400
    return f"2024-05-{day:02d}T{sec // 3600:02d}:{sec // 60 % 60:02d}:{sec % 60:02d}.000Z"


def _list_buckets() -> CannedResponse:
    buckets = "".join(
        f"<Bucket><Name>bench-bucket-{i:03d}</Name><CreationDate>{_timestamp(i)}</CreationDate>"
        f"<BucketRegion>us-east-1</BucketRegion></Bucket>"
        for i in range(BUCKET_COUNT)
    )
    body = (f'{_XML_DECL}<ListAllMyBucketsResult xmlns="{_S3_NS}">{_OWNER}<Buckets>{buckets}</Buckets>'
            f"</ListAllMyBucketsResult>")
    return _encode("200 OK", [*_s3_headers("4X2Q7B9E1M0ZK3PL"), ("Content-Type", "application/xml")],
                   body.encode())


def _list_objects_v2() -> CannedResponse:
    storage = ("STANDARD", "STANDARD", "STANDARD", "STANDARD_IA", "INTELLIGENT_TIERING")
    contents = "".join(
        f"<Contents><Key>data/year=2024/month={i % 12 + 1:02d}/part-{i:05d}.snappy.parquet</Key>"
        f"<LastModified>{_timestamp(i)}</LastModified><ETag>&quot;{_etag(i)}&quot;</ETag>"
        f"<Size>{(i * 104729) % 9_000_000 + 512}</Size><StorageClass>{storage[i % 5]}</StorageClass>"
        f"{_OWNER}</Contents>"
        for i in range(LIST_KEY_COUNT)
    )
    body = (f'{_XML_DECL}<ListBucketResult xmlns="{_S3_NS}"><Name>{BUCKET}</Name><Prefix></Prefix>'
            f"<KeyCount>{LIST_KEY_COUNT}</KeyCount><MaxKeys>1000</MaxKeys><EncodingType>url</EncodingType>"
            f"<IsTruncated>false</IsTruncated>{contents}</ListBucketResult>")
    return _encode("200 OK", [*_s3_headers("9R3M5T2K8W1Q0ZJX"), ("Content-Type", "application/xml")],
                   body.encode())


def _object(method_head: bool) -> CannedResponse:
    headers = [
        *_s3_headers("1B8D3F6H9K2M5P7R"),
        ("Last-Modified", "Fri, 31 May 2024 09:15:27 GMT"),
        ("ETag", f'"{_etag(4242)}"'),
        ("x-amz-server-side-encryption", "AES256"),
        ("x-amz-meta-source", "bench"),
        ("Accept-Ranges", "bytes"),
        ("Content-Type", "application/octet-stream"),
    ]
    return _encode("200 OK", headers, OBJECT_BODY, send_body=not method_head)


def _caller_identity() -> CannedResponse:
    body = (
        '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n'
        "  <GetCallerIdentityResult>\n"
        "    <Arn>arn:aws:iam::123456789012:user/bench-user</Arn>\n"
        "    <UserId>AIDASAMPLEUSERID00042</UserId>\n"
        "    <Account>123456789012</Account>\n"
        "  </GetCallerIdentityResult>\n"
        "  <ResponseMetadata>\n"
        "    <RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId>\n"
        "  </ResponseMetadata>\n"
        "</GetCallerIdentityResponse>\n"
    )
    headers = [("x-amzn-RequestId", "01234567-89ab-cdef-0123-456789abcdef"), ("Content-Type", "text/xml"),
               ("Date", _DATE)]
    return _encode("200 OK", headers, body.encode())


ITEM_JSON: dict[str, object] = {
    **GET_ITEM_KEY,
    "name": {"S": "Ada Lovelace"},
    "email": {"S": "ada@example.com"},
    "age": {"N": "36"},
    "active": {"BOOL": True},
    "avatar": {"B": "aGVsbG8gYmVuY2g="},
    "roles": {"SS": ["admin", "analyst"]},
    "scores": {"L": [{"N": "97"}, {"N": "88.5"}, {"NULL": True}]},
    "address": {"M": {"city": {"S": "London"}, "zip": {"S": "W1"}}},
}


def _get_item() -> CannedResponse:
    body = json.dumps({"Item": ITEM_JSON}, separators=(",", ":")).encode()
    headers = [
        ("Server", "Server"),
        ("Date", _DATE),
        ("Content-Type", "application/x-amz-json-1.0"),
        ("x-amzn-RequestId", "KJ5Q3NB0T1V2C3D4E5F6G7H8I9J0K1L2M3N4O5P6Q7R8S9T0U1V2"),
        ("x-amz-crc32", str(zlib.crc32(body))),
    ]
    return _encode("200 OK", headers, body)


def _unknown_route() -> CannedResponse:
    body = (f"{_XML_DECL}<Error><Code>InvalidRequest</Code><Message>bench server: no canned response "
            f"for this request</Message><RequestId>0000</RequestId></Error>")
    return _encode("400 Bad Request", [("Content-Type", "application/xml"), ("Date", _DATE)], body.encode())


def _describe_instances() -> CannedResponse:
    headers = [("x-amzn-RequestId", "59dbff89-35bd-4eac-99ed-be587EXAMPLE"),
               ("Content-Type", "text/xml;charset=UTF-8"), ("Date", _DATE), ("Server", "AmazonEC2")]
    return _encode("200 OK", headers, describe_instances_xml().encode())


RESPONSES: dict[str, CannedResponse] = {
    "ListBuckets": _list_buckets(),
    "ListObjectsV2": _list_objects_v2(),
    "HeadObject": _object(method_head=True),
    "GetObject": _object(method_head=False),
    "GetCallerIdentity": _caller_identity(),
    "GetItem": _get_item(),
    "DescribeInstances": _describe_instances(),
}
UNKNOWN_ROUTE = _unknown_route()
