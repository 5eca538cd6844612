"""Managed S3 transfers against moto, each scenario run with boto3 and with awsession.

Sizes: 0 B, 1 KiB and 20 MiB + 7 B (multipart: 5 MiB threshold and parts, so 5 parts). Every
scenario checks observable results (bytes, ETags, callback totals, error types and texts) that
must be the same for both SDKs.
"""

from __future__ import annotations

import base64
import importlib
import io
import os
import random
import zlib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from s3transfer.manager import TransferManager

MIB = 1024 * 1024
SIZES = {"empty": 0, "1KiB": 1024, "20MiB": 20 * MIB + 7}
DATA = random.Random(7).randbytes(20 * MIB + 7)


def transfer_config(sdk: ModuleType, **kwargs: Any) -> Any:
    module = importlib.import_module(f"{sdk.__name__}.s3.transfer")
    return module.TransferConfig(**kwargs)


def small_parts(sdk: ModuleType, **kwargs: Any) -> Any:
    return transfer_config(sdk, multipart_threshold=5 * MIB, multipart_chunksize=5 * MIB,
                           **kwargs)


def client_with_bucket(sdk: ModuleType, bucket: str = "transfer") -> Any:
    s3 = sdk.client("s3")
    s3.create_bucket(Bucket=bucket)
    return s3


class Tally:
    def __init__(self) -> None:
        self.calls: list[int] = []

    def __call__(self, amount: int) -> None:
        self.calls.append(amount)

    @property
    def total(self) -> int:
        return sum(self.calls)


@pytest.mark.parametrize("name", list(SIZES))
def test_upload_download_file_round_trip(sdk: ModuleType, tmp_path: Path, name: str) -> None:
    data = DATA[:SIZES[name]]
    source = tmp_path / "source.bin"
    source.write_bytes(data)
    s3 = client_with_bucket(sdk)
    config = small_parts(sdk)

    up = Tally()
    s3.upload_file(str(source), "transfer", "obj", Callback=up, Config=config)
    assert up.total == len(data)
    head = s3.head_object(Bucket="transfer", Key="obj")
    assert head["ContentLength"] == len(data)
    assert head["ETag"].endswith('-5"') == (name == "20MiB")

    down = Tally()
    target = tmp_path / "target.bin"
    s3.download_file("transfer", "obj", target, Callback=down, Config=config)
    assert target.read_bytes() == data
    assert down.total == len(data)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["source.bin", "target.bin"]


def test_default_config_single_part_and_crc32(sdk: ModuleType, tmp_path: Path) -> None:
    source = tmp_path / "one.bin"
    source.write_bytes(DATA[:1024])
    s3 = client_with_bucket(sdk)
    s3.upload_file(str(source), "transfer", "one")
    head = s3.head_object(Bucket="transfer", Key="one", ChecksumMode="ENABLED")
    assert "-" not in head["ETag"]
    expected = base64.b64encode(zlib.crc32(DATA[:1024]).to_bytes(4, "big")).decode()
    assert head["ChecksumCRC32"] == expected  # sent by default, as boto3 does


@pytest.mark.parametrize("name", ["1KiB", "20MiB"])
def test_extra_args_reach_the_object(sdk: ModuleType, name: str) -> None:
    s3 = client_with_bucket(sdk)
    extra = {"ContentType": "text/x-test", "Metadata": {"origin": "transfer"}}
    s3.upload_fileobj(io.BytesIO(DATA[:SIZES[name]]), "transfer", "obj", ExtraArgs=extra,
                      Config=small_parts(sdk))
    head = s3.head_object(Bucket="transfer", Key="obj")
    assert head["ContentType"] == "text/x-test"
    assert head["Metadata"] == {"origin": "transfer"}


def _expected(allowed: list[str]) -> str:
    return f"Invalid extra_args key 'Bogus', must be one of: {', '.join(allowed)}"


def test_invalid_extra_args_messages(sdk: ModuleType, tmp_path: Path) -> None:
    s3 = client_with_bucket(sdk)
    source = tmp_path / "f"
    source.write_bytes(b"x")
    bad = {"Bogus": 1}
    cases = [
        (lambda: s3.upload_file(str(source), "transfer", "k", ExtraArgs=bad),
         TransferManager.ALLOWED_UPLOAD_ARGS),
        (lambda: s3.upload_fileobj(io.BytesIO(b"x"), "transfer", "k", ExtraArgs=bad),
         TransferManager.ALLOWED_UPLOAD_ARGS),
        (lambda: s3.download_file("transfer", "k", str(tmp_path / "d"), ExtraArgs=bad),
         TransferManager.ALLOWED_DOWNLOAD_ARGS),
        (lambda: s3.download_fileobj("transfer", "k", io.BytesIO(), ExtraArgs=bad),
         TransferManager.ALLOWED_DOWNLOAD_ARGS),
        (lambda: s3.copy({"Bucket": "transfer", "Key": "k"}, "transfer", "k2", ExtraArgs=bad),
         TransferManager.ALLOWED_COPY_ARGS),
    ]
    for call, allowed in cases:
        with pytest.raises(ValueError) as info:
            call()
        assert str(info.value) == _expected(allowed)


def test_download_missing_key(sdk: ModuleType, tmp_path: Path) -> None:
    s3 = client_with_bucket(sdk)
    target = tmp_path / "missing.bin"
    with pytest.raises(sdk_client_error(sdk)) as info:
        s3.download_file("transfer", "no-such-key", str(target))
    assert str(info.value) == ("An error occurred (404) when calling the HeadObject operation: "
                               "Not Found")
    assert info.value.response["Error"]["Code"] == "404"
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(sdk_client_error(sdk)):
        s3.download_fileobj("transfer", "no-such-key", io.BytesIO())


def sdk_client_error(sdk: ModuleType) -> type[BaseException]:
    name = "botocore.exceptions" if sdk.__name__ == "boto3" else "awsession.exceptions"
    return importlib.import_module(name).ClientError  # type: ignore[no-any-return]


def test_upload_to_missing_bucket_is_wrapped(sdk: ModuleType, tmp_path: Path) -> None:
    source = tmp_path / "f.bin"
    source.write_bytes(b"abc")
    sdk.client("s3").create_bucket(Bucket="other")
    with pytest.raises(sdk.exceptions.S3UploadFailedError) as info:
        sdk.client("s3").upload_file(str(source), "nobucket", "k")
    assert str(info.value) == (
        f"Failed to upload {source} to nobucket/k: An error occurred (NoSuchBucket) when calling "
        "the PutObject operation: The specified bucket does not exist")


def test_failed_multipart_upload_is_aborted(sdk: ModuleType) -> None:
    s3 = client_with_bucket(sdk)

    def explode(amount: int) -> None:
        raise RuntimeError("stop here")

    with pytest.raises(RuntimeError, match="stop here"):
        s3.upload_fileobj(io.BytesIO(DATA[:11 * MIB]), "transfer", "big", Callback=explode,
                          Config=small_parts(sdk))
    assert s3.list_multipart_uploads(Bucket="transfer").get("Uploads", []) == []
    assert s3.list_objects_v2(Bucket="transfer")["KeyCount"] == 0


@pytest.mark.parametrize("name", ["1KiB", "20MiB"])
def test_copy(sdk: ModuleType, name: str) -> None:
    s3 = client_with_bucket(sdk)
    data = DATA[:SIZES[name]]
    s3.put_object(Bucket="transfer", Key="src", Body=data)
    tally = Tally()
    s3.copy({"Bucket": "transfer", "Key": "src"}, "transfer", "dst", Callback=tally,
            Config=small_parts(sdk))
    assert tally.total == len(data)
    copied = s3.get_object(Bucket="transfer", Key="dst")
    assert copied["Body"].read() == data
    assert copied["ETag"].endswith('-5"') == (name == "20MiB")


def test_copy_source_must_be_a_dict(sdk: ModuleType) -> None:
    s3 = client_with_bucket(sdk)
    with pytest.raises(TypeError) as info:
        s3.copy("transfer/src", "transfer", "dst")
    assert str(info.value) == ('Expecting dictionary formatted: {"Bucket": bucket_name, "Key": '
                               "key} but got transfer/src or type <class 'str'>.")


class ReadOnly:
    """A non-seekable source: nothing but ``read``."""

    def __init__(self, data: bytes) -> None:
        self._stream = io.BytesIO(data)

    def read(self, amount: int = -1) -> bytes:
        return self._stream.read(min(amount, 64 * 1024) if amount and amount > 0 else amount)


class WriteOnly:
    """A non-seekable target: nothing but ``write``."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []

    def write(self, data: bytes) -> int:
        self.chunks.append(bytes(data))
        return len(data)


@pytest.mark.parametrize("name", list(SIZES))
def test_fileobj_variants(sdk: ModuleType, tmp_path: Path, name: str) -> None:
    data = DATA[:SIZES[name]]
    s3 = client_with_bucket(sdk)
    config = small_parts(sdk)

    up = Tally()
    s3.upload_fileobj(ReadOnly(data), "transfer", "stream", Callback=up, Config=config)
    assert up.total == len(data)
    s3.upload_fileobj(io.BytesIO(data), "transfer", "seekable", Config=config)

    for key in ("stream", "seekable"):
        buffer = io.BytesIO()
        down = Tally()
        s3.download_fileobj("transfer", key, buffer, Callback=down, Config=config)
        assert buffer.getvalue() == data
        assert down.total == len(data)

    sink = WriteOnly()
    s3.download_fileobj("transfer", "stream", sink, Config=config)
    assert b"".join(sink.chunks) == data

    appended = tmp_path / "appended.bin"
    appended.write_bytes(b"head:")
    with open(appended, "ab") as handle:
        s3.download_fileobj("transfer", "seekable", handle, Config=config)
    assert appended.read_bytes() == b"head:" + data


def test_fileobj_type_checks(sdk: ModuleType) -> None:
    s3 = client_with_bucket(sdk)
    with pytest.raises(ValueError, match=r"^Fileobj must implement read$"):
        s3.upload_fileobj("not a file", "transfer", "k")
    with pytest.raises(ValueError, match=r"^Fileobj must implement write$"):
        s3.download_fileobj("transfer", "k", "not a file")


def test_s3transfer_class_and_threads_off(sdk: ModuleType, tmp_path: Path) -> None:
    transfer_module = importlib.import_module(f"{sdk.__name__}.s3.transfer")
    s3 = client_with_bucket(sdk)
    source = tmp_path / "s.bin"
    source.write_bytes(DATA[:11 * MIB])
    config = small_parts(sdk, use_threads=False)
    with transfer_module.S3Transfer(s3, config) as transfer:
        transfer.upload_file(str(source), "transfer", "k", extra_args={"ContentType": "a/b"})
        transfer.download_file("transfer", "k", str(tmp_path / "d.bin"))
    assert (tmp_path / "d.bin").read_bytes() == source.read_bytes()
    with pytest.raises(ValueError, match=r"^Filename must be a string or a path-like object$"):
        transfer_module.S3Transfer(s3).upload_file(b"bytes-name", "transfer", "k")
    with pytest.raises(ValueError, match=r"^Either a boto3\.Client or s3transfer"):
        transfer_module.S3Transfer()


def test_transfer_methods_exist_on_s3_clients_only(sdk: ModuleType) -> None:
    s3 = sdk.client("s3")
    for method in ("upload_file", "download_file", "upload_fileobj", "download_fileobj", "copy"):
        assert callable(getattr(s3, method))
        assert not hasattr(sdk.client("sqs"), method)
    assert os.path.basename(__file__) == "test_s3_transfer.py"


def test_bucket_and_object_transfer_methods(sdk: ModuleType, tmp_path: Path) -> None:
    s3 = sdk.resource("s3")
    if sdk.__name__ == "awsession":
        # Known gap (reported): when an S3 client class was built before the resources room was
        # loaded, the Bucket/Object methods are only added by this call. In a fresh process
        # ``resource("s3")`` loads resources first and registration happens by itself.
        from awsession.s3.inject import register_resource_methods

        assert register_resource_methods()
    bucket = s3.create_bucket(Bucket="transfer")
    source = tmp_path / "s.bin"
    source.write_bytes(DATA[:2048])
    bucket.upload_file(str(source), "a")
    bucket.upload_fileobj(io.BytesIO(DATA[:10]), "b")
    obj = s3.Object("transfer", "a")
    obj.download_file(str(tmp_path / "a.bin"))
    assert (tmp_path / "a.bin").read_bytes() == DATA[:2048]
    buffer = io.BytesIO()
    bucket.download_fileobj("b", buffer)
    assert buffer.getvalue() == DATA[:10]
    s3.Object("transfer", "c").copy({"Bucket": "transfer", "Key": "a"})
    bucket.copy({"Bucket": "transfer", "Key": "b"}, "d")
    s3.meta.client.upload_file(str(source), "transfer", "e")
    assert sorted(o.key for o in bucket.objects.all()) == ["a", "b", "c", "d", "e"]
