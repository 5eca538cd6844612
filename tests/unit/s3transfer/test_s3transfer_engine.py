"""The transfer engine with a scripted in-memory client: bodies, sinks, pool, retries, aborts."""

from __future__ import annotations

import base64
import io
import threading
import zlib
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from awsession.exceptions import ClientError, ReadTimeoutError, RetriesExceededError
from awsession.s3.bodies import PartBody
from awsession.s3.config import MB, TransferConfig
from awsession.s3.download import download
from awsession.s3.errors import S3DownloadFailedError
from awsession.s3.pool import TaskPool
from awsession.s3.sinks import StreamSink, sink_for
from awsession.s3.upload import upload

DATA = bytes(range(256)) * 4096 * 5  # 5 MiB


class FlakyBody:
    """A streamed body that raises a read timeout after ``fail_after`` bytes, ``failures`` times."""

    def __init__(self, data: bytes, state: dict[str, int]) -> None:
        self._stream = io.BytesIO(data)
        self._state = state

    def read(self, amt: int = -1) -> bytes:
        if self._state["failures"] > 0 and self._stream.tell() >= self._state["fail_after"]:
            self._state["failures"] -= 1
            raise ReadTimeoutError(endpoint_url="http://fake")
        return self._stream.read(amt)

    def close(self) -> None:
        pass


class FakeS3:
    """Just enough of an S3 client for the transfer functions; records every call."""

    def __init__(self, data: bytes = b"", *, failures: int = 0, fail_after: int = 0,
                 error_code: str | None = None, fail_part: int | None = None) -> None:
        self.data = data
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.state = {"failures": failures, "fail_after": fail_after}
        self.error_code = error_code
        self.fail_part = fail_part
        self.meta = SimpleNamespace(config=SimpleNamespace(request_checksum_calculation=None,
                                                           response_checksum_validation=None))
        self._lock = threading.Lock()

    def _record(self, name: str, kwargs: dict[str, Any]) -> None:
        with self._lock:
            self.calls.append((name, kwargs))

    def head_object(self, **kwargs: Any) -> dict[str, Any]:
        self._record("head_object", kwargs)
        return {"ContentLength": len(self.data), "ETag": '"etag"'}

    def get_object(self, **kwargs: Any) -> dict[str, Any]:
        self._record("get_object", kwargs)
        if self.error_code:
            raise ClientError({"Error": {"Code": self.error_code, "Message": "x"}}, "GetObject")
        start, end = 0, len(self.data) - 1
        if "Range" in kwargs:
            first, _, last = kwargs["Range"][len("bytes="):].partition("-")
            start, end = int(first), int(last) if last else len(self.data) - 1
        return {"Body": FlakyBody(self.data[start:end + 1], self.state),
                "ContentRange": f"bytes {start}-{end}/{len(self.data)}" if "Range" in kwargs
                else None}

    def put_object(self, **kwargs: Any) -> dict[str, Any]:
        kwargs["Body"] = kwargs["Body"].read()
        self._record("put_object", kwargs)
        return {"ETag": '"put"'}

    def create_multipart_upload(self, **kwargs: Any) -> dict[str, Any]:
        self._record("create_multipart_upload", kwargs)
        return {"UploadId": "up-1"}

    def upload_part(self, **kwargs: Any) -> dict[str, Any]:
        kwargs["Body"] = kwargs["Body"].read()
        self._record("upload_part", kwargs)
        if kwargs["PartNumber"] == self.fail_part:
            raise ClientError({"Error": {"Code": "InternalError", "Message": "boom"}},
                              "UploadPart")
        return {"ETag": f'"p{kwargs["PartNumber"]}"', "ChecksumCRC32": kwargs.get("ChecksumCRC32")}

    def complete_multipart_upload(self, **kwargs: Any) -> dict[str, Any]:
        self._record("complete_multipart_upload", kwargs)
        return {}

    def abort_multipart_upload(self, **kwargs: Any) -> dict[str, Any]:
        self._record("abort_multipart_upload", kwargs)
        return {}

    def names(self) -> list[str]:
        return [name for name, _ in self.calls]


def crc32(data: bytes) -> str:
    return base64.b64encode(zlib.crc32(data).to_bytes(4, "big")).decode()


def test_part_body_is_a_seekable_window_with_monotonic_progress() -> None:
    seen: list[int] = []
    body = PartBody(lambda: io.BytesIO(b"0123456789"), 2, 5, seen.append)
    assert body.read(3) == b"234"
    assert body.seek(0, 2) == 5
    body.seek(0)
    assert body.read() == b"23456"  # a second pass (signing, retry) reports nothing new ...
    assert body.read() == b""
    assert seen == [3, 2]  # ... so the total is the window's size
    assert body.checksum("crc32") == crc32(b"23456")
    assert body.checksum("CRC64NVME") is None
    assert seen == [3, 2]


def test_stream_sink_writes_in_order_and_skips_seen_bytes() -> None:
    out = io.BytesIO()
    sink = StreamSink(out)
    sink.write(4, b"efgh")
    assert out.getvalue() == b""
    sink.write(0, b"ab")
    sink.write(0, b"abcd")  # retried range: only the unseen tail counts
    sink.write(2, b"cd")
    sink.write(8, b"ij")
    assert out.getvalue() == b"abcdefghij"


def test_file_sink_renames_on_finish_and_cleans_up_on_abort(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    sink = sink_for(str(target), suffix=lambda: "tmp12345")
    assert (tmp_path / "out.bin.tmp12345").exists()
    sink.write(3, b"d")
    sink.write(0, b"abc")
    sink.finish()
    assert target.read_bytes() == b"abcd"
    failed = sink_for(str(tmp_path / "other.bin"), suffix=lambda: "tmpabcdef")
    failed.abort()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.bin"]


@pytest.mark.parametrize("use_threads", [True, False])
def test_pool_raises_the_first_error_and_skips_the_rest(use_threads: bool) -> None:
    ran: list[int] = []

    def task(n: int) -> int:
        if n == 1:
            raise KeyError("first")
        ran.append(n)
        return n

    with TaskPool(use_threads, 1) as pool:
        futures = [pool.submit(task, n) for n in range(4)]
        with pytest.raises(KeyError, match="first"):
            pool.wait(futures)
    assert ran == [0]


def test_download_retries_streaming_errors_and_keeps_progress_exact() -> None:
    client = FakeS3(DATA, failures=2, fail_after=100_000)
    out = io.BytesIO()
    progress: list[int] = []
    download(client, "b", "k", out, None, progress.append, TransferConfig())
    assert out.getvalue() == DATA
    assert sum(progress) == len(DATA)
    assert any(amount < 0 for amount in progress)  # lost progress is taken back, as s3transfer
    assert client.names() == ["head_object", "get_object", "get_object", "get_object"]


def test_download_gives_up_after_num_download_attempts(tmp_path: Path) -> None:
    client = FakeS3(DATA, failures=10, fail_after=0)
    with pytest.raises(RetriesExceededError) as info:
        download(client, "b", "k", str(tmp_path / "f"), None, None,
                 TransferConfig(num_download_attempts=3))
    assert str(info.value) == "Max Retries Exceeded"
    assert isinstance(info.value.last_exception, ReadTimeoutError)
    assert client.names().count("get_object") == 3
    assert list(tmp_path.iterdir()) == []


def test_ranged_download_sends_ranges_and_if_match() -> None:
    client = FakeS3(DATA)
    out = io.BytesIO()
    config = TransferConfig(multipart_threshold=2 * MB, multipart_chunksize=2 * MB)
    download(client, "b", "k", out, {"VersionId": "v1"}, None, config)
    assert out.getvalue() == DATA
    gets = sorted((kw["Range"], kw["IfMatch"], kw["VersionId"])
                  for name, kw in client.calls if name == "get_object")
    assert gets == [("bytes=0-2097151", '"etag"', "v1"), ("bytes=2097152-4194303", '"etag"', "v1"),
                    ("bytes=4194304-", '"etag"', "v1")]


def test_changed_object_during_download() -> None:
    client = FakeS3(DATA, error_code="PreconditionFailed")
    with pytest.raises(S3DownloadFailedError, match=r'^Contents of stored object "k" in bucket '
                                                    r'"b" did not match expected ETag\.$'):
        download(client, "b", "k", io.BytesIO(), None, None, TransferConfig())


def test_single_upload_sends_crc32_like_botocore() -> None:
    client = FakeS3()
    upload(client, io.BytesIO(b"hello"), "b", "k", {"ContentType": "t"}, None, TransferConfig())
    ((name, kwargs),) = client.calls
    assert name == "put_object"
    assert kwargs == {"Bucket": "b", "Key": "k", "Body": b"hello", "ContentType": "t",
                      "ChecksumAlgorithm": "CRC32", "ChecksumCRC32": crc32(b"hello")}


def test_multipart_upload_parts_and_completion(tmp_path: Path) -> None:
    source = tmp_path / "src.bin"
    source.write_bytes(DATA + b"tail")
    client = FakeS3()
    progress: list[int] = []
    config = TransferConfig(multipart_threshold=MB, multipart_chunksize=1)  # parts: 5 MiB minimum
    upload(client, str(source), "b", "k", None, progress.append, config)
    assert sum(progress) == len(DATA) + 4
    parts = sorted((kw["PartNumber"], len(kw["Body"])) for n, kw in client.calls
                   if n == "upload_part")
    assert parts == [(1, 5 * MB), (2, 4)]
    complete = client.calls[-1][1]
    assert complete["MultipartUpload"]["Parts"] == [
        {"ETag": '"p1"', "PartNumber": 1, "ChecksumCRC32": crc32(DATA)},
        {"ETag": '"p2"', "PartNumber": 2, "ChecksumCRC32": crc32(b"tail")}]


def test_failed_part_aborts_the_upload() -> None:
    client = FakeS3(fail_part=2)
    config = TransferConfig(multipart_threshold=5 * MB, multipart_chunksize=5 * MB)
    with pytest.raises(ClientError, match="boom"):
        upload(client, io.BytesIO(DATA * 3), "b", "k", None, None, config)
    assert client.names()[-1] == "abort_multipart_upload"
    assert client.calls[-1][1] == {"Bucket": "b", "Key": "k", "UploadId": "up-1"}
    assert "complete_multipart_upload" not in client.names()
