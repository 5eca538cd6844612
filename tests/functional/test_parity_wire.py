"""What goes on the wire, boto3 vs awsession, captured by the scripted server in _faults.py.

Requests are compared whole (method, path and query, headers, body) after dropping what differs
by design: dates, signatures, user agents and invocation ids. Also here: ``Expect: 100-continue``
and ``Content-Length`` for file bodies, flexible checksum headers on uploads, response checksum
validation, and errors for bodies that are not what the protocol promised.
"""

from __future__ import annotations

import base64
import importlib
import io
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.functional._faults import FaultServer, Received, Reply
from tests.functional._scenarios_normalize import describe_error, normalize

_IGNORED = frozenset({"authorization", "x-amz-date", "user-agent", "amz-sdk-invocation-id",
                      "host"})


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


def _client(sdk: str, service: str, url: str, **kwargs: Any) -> Any:
    module = importlib.import_module(sdk)
    session = module.Session(aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret",
                             region_name="us-east-1")
    config = importlib.import_module("botocore.config" if sdk == "boto3" else "awsession.config").Config(
        retries={"total_max_attempts": 1})
    return session.client(service, endpoint_url=url, config=config, **kwargs)


def _wire(request: Received) -> dict[str, Any]:
    return {"method": request.method, "target": request.target, "body": request.body,
            "headers": {k: v for k, v in sorted(request.headers.items()) if k not in _IGNORED}}


def _capture(server: FaultServer, sdk: str, service: str, call: Callable[[Any], Any],
             reply: Reply) -> tuple[list[dict[str, Any]], Any]:
    server.set_script(reply)
    client = _client(sdk, service, server.url)
    try:
        outcome: Any = call(client)
    except Exception as error:
        outcome = describe_error(error)
    return [_wire(r) for r in server.received], outcome


_FILE = b"0123456789" * 10_000


_OPEN: list[io.BufferedReader] = []


@pytest.fixture(autouse=True)
def _close_files() -> Iterator[None]:
    yield
    while _OPEN:
        _OPEN.pop().close()


def _file(tmp: Path, offset: int = 0) -> io.BufferedReader:
    path = tmp / "upload.bin"
    path.write_bytes(_FILE)
    f = path.open("rb")
    f.seek(offset)
    _OPEN.append(f)
    return f


_XML_OK = Reply(200, b"", {"ETag": '"abc"'})
_JSON_OK = Reply(200, b"{}", {"Content-Type": "application/x-amz-json-1.0"})

CASES: dict[str, tuple[str, Callable[[Any, Path], Any], Reply]] = {
    "s3 put bytes": ("s3", lambda c, t: c.put_object(Bucket="bkt", Key="k", Body=b"hello"), _XML_OK),
    "s3 put str": ("s3", lambda c, t: c.put_object(Bucket="bkt", Key="k", Body="héllo"), _XML_OK),
    "s3 put no body": ("s3", lambda c, t: c.put_object(Bucket="bkt", Key="k"), _XML_OK),
    "s3 put file": ("s3", lambda c, t: c.put_object(Bucket="bkt", Key="k", Body=_file(t)), _XML_OK),
    "s3 put file at offset": ("s3", lambda c, t: c.put_object(Bucket="bkt", Key="a b/ü",
                                                            Body=_file(t, 1000)), _XML_OK),
    "s3 put sha256": ("s3", lambda c, t: c.put_object(Bucket="bkt", Key="k", Body=b"x",
                                                     ChecksumAlgorithm="SHA256"), _XML_OK),
    "s3 put own crc": ("s3", lambda c, t: c.put_object(Bucket="bkt", Key="k", Body=b"x",
                                                      ChecksumCRC32="AAAAAA=="), _XML_OK),
    "s3 put md5": ("s3", lambda c, t: c.put_object(Bucket="bkt", Key="k", Body=b"x",
                                                  ContentMD5="dmFsdWU="), _XML_OK),
    "s3 upload part": ("s3", lambda c, t: c.upload_part(Bucket="bkt", Key="k", UploadId="u",
                                                       PartNumber=1, Body=_file(t)), _XML_OK),
    "s3 delete objects": ("s3", lambda c, t: c.delete_objects(
        Bucket="bkt", Delete={"Objects": [{"Key": "a"}, {"Key": "b&c"}]}), _XML_OK),
    "s3 tagging": ("s3", lambda c, t: c.put_object_tagging(
        Bucket="bkt", Key="k", Tagging={"TagSet": [{"Key": "a", "Value": "1"}]}), _XML_OK),
    "s3 list v2": ("s3", lambda c, t: c.list_objects_v2(Bucket="bkt", Prefix="a/"), _XML_OK),
    "s3 get": ("s3", lambda c, t: c.get_object(Bucket="bkt", Key="k", Range="bytes=0-1"), _XML_OK),
    "dynamodb put": ("dynamodb", lambda c, t: c.put_item(
        TableName="t", Item={"pk": {"S": "a"}, "n": {"N": "1"}, "b": {"B": b"\x00"}}), _JSON_OK),
    "sqs send": ("sqs", lambda c, t: c.send_message(QueueUrl="http://q/1/q", MessageBody="hi"),
                 _JSON_OK),
    "ec2 describe": ("ec2", lambda c, t: c.describe_instances(
        Filters=[{"Name": "tag:a", "Values": ["1", "2"]}]), _XML_OK),
    "iam create user": ("iam", lambda c, t: c.create_user(UserName="u", Tags=[
        {"Key": "k", "Value": "v"}]), _XML_OK),
    "lambda list": ("lambda", lambda c, t: c.list_functions(MaxItems=5), _JSON_OK),
    "sns publish": ("sns", lambda c, t: c.publish(TopicArn="arn:aws:sns:us-east-1:1:t",
                                                 Message="m"), _XML_OK),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_request_on_the_wire_matches_boto3(name: str, server: FaultServer, tmp_path: Path) -> None:
    service, call, reply = CASES[name]
    want, _ = _capture(server, "boto3", service, lambda c: call(c, tmp_path), reply)
    have, _ = _capture(server, "awsession", service, lambda c: call(c, tmp_path), reply)
    assert len(have) == len(want) == 1
    assert have == want


def test_file_upload_sends_content_length_and_expect_continue(server: FaultServer,
                                                              tmp_path: Path) -> None:
    sent, _ = _capture(server, "awsession", "s3",
                       lambda c: c.put_object(Bucket="bkt", Key="k", Body=_file(tmp_path, 1000)),
                       _XML_OK)
    headers = sent[0]["headers"]
    assert headers["content-length"] == str(len(_FILE) - 1000)
    assert "transfer-encoding" not in headers
    assert headers["expect"] == "100-continue"
    assert sent[0]["body"] == _FILE[1000:]
    crc = base64.b64encode((zlib.crc32(_FILE[1000:]) & 0xFFFFFFFF).to_bytes(4, "big")).decode()
    assert headers["x-amz-checksum-crc32"] == crc


def _get_and_read(client: Any) -> Any:
    response = client.get_object(Bucket="bkt", Key="k")
    return {"data": response["Body"].read(),
            "checksum": response["ResponseMetadata"].get("ChecksumAlgorithm")}


def _checksum_reply(body: bytes, crc_of: bytes) -> Reply:
    crc = base64.b64encode((zlib.crc32(crc_of) & 0xFFFFFFFF).to_bytes(4, "big")).decode()
    return Reply(200, body, {"x-amz-checksum-crc32": crc, "Content-Type": "text/plain"})


@pytest.mark.parametrize("crc_of", [b"payload", b"something else"], ids=["good", "bad"])
def test_get_object_response_checksum_is_validated_like_boto3(server: FaultServer,
                                                              crc_of: bytes) -> None:
    reply = _checksum_reply(b"payload", crc_of)
    _, want = _capture(server, "boto3", "s3", _get_and_read, reply)
    _, have = _capture(server, "awsession", "s3", _get_and_read, reply)
    assert normalize([("x", have)]) == normalize([("x", want)])
    if crc_of == b"payload":
        assert have == {"data": b"payload", "checksum": "crc32"}
    else:
        assert have["class"] == "FlexibleChecksumError"


def test_composite_checksums_are_not_validated(server: FaultServer) -> None:
    reply = Reply(200, b"payload", {"x-amz-checksum-crc32": "AAAAAA==-3"})
    _, want = _capture(server, "boto3", "s3", _get_and_read, reply)
    _, have = _capture(server, "awsession", "s3", _get_and_read, reply)
    assert have == want == {"data": b"payload", "checksum": None}


@pytest.mark.parametrize("service,call", [
    ("sns", lambda c: c.list_topics()),
    ("s3", lambda c: c.list_buckets()),
    ("dynamodb", lambda c: c.list_tables()),
], ids=["query", "rest-xml", "json"])
def test_html_error_page_gives_the_same_error_as_boto3(server: FaultServer, service: str,
                                                       call: Callable[[Any], Any]) -> None:
    page = Reply(500, b"<!doctype html>\n<html><title>500 Internal Server Error</title></html>\n",
                 {"Content-Type": "text/html"})
    _, want = _capture(server, "boto3", service, call, page)
    _, have = _capture(server, "awsession", service, call, page)
    assert normalize([("x", have)]) == normalize([("x", want)])
