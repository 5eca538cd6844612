"""S3 scenarios, written once and run with boto3 and with awsession (see _scenarios_normalize.py).

Every scenario cleans up what it made, so it can run twice on one server (the signing pass does).
Bodies that come back as streams are read and recorded as bytes plus whether they had ``read``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from tests.functional._scenarios_normalize import Recorder

FIVE_MB = 5 * 1024 * 1024


def _body(rec: Recorder, label: str, response: dict[str, Any] | None) -> None:
    if response is None:
        return
    body = response.pop("Body")
    data = body.read()
    rec.record(label, {"type_has_read": hasattr(body, "read"), "len": len(data),
                       "sha256": hashlib.sha256(data).hexdigest()})


def _big_file(tmp: Path) -> Path:
    path = tmp / "five-mb.bin"
    if not path.exists():
        block = bytes(range(256)) * 4096  # 1 MiB
        path.write_bytes(block * 5 + b"tail")
    return path


def s3_buckets(rec: Recorder, tmp: Path) -> None:
    s3 = rec.client("s3")
    rec.call("create a", s3.create_bucket, Bucket="parity-a")
    rec.call("create b", s3.create_bucket, Bucket="parity-b")
    rec.call("create b again", s3.create_bucket, Bucket="parity-b")
    rec.call("list", s3.list_buckets)
    rec.call("head a", s3.head_bucket, Bucket="parity-a")
    rec.call("head missing", s3.head_bucket, Bucket="parity-missing")
    rec.call("location", s3.get_bucket_location, Bucket="parity-a")
    rec.call("delete missing", s3.delete_bucket, Bucket="parity-missing")
    rec.call("delete a", s3.delete_bucket, Bucket="parity-a")
    rec.call("delete b", s3.delete_bucket, Bucket="parity-b")
    rec.call("list after", s3.list_buckets)
    rec.call("bad name", s3.create_bucket, Bucket="no/slashes")


def s3_objects(rec: Recorder, tmp: Path) -> None:
    s3 = rec.client("s3")
    bucket = "parity-objects"
    rec.call("create", s3.create_bucket, Bucket=bucket)
    rec.call("put small", s3.put_object, Bucket=bucket, Key="dir/small.txt", Body=b"hello world",
             ContentType="text/plain", Metadata={"Colour": "blue"})
    rec.call("put str", s3.put_object, Bucket=bucket, Key="odd key+%/ü~.txt", Body="text body")
    with _big_file(tmp).open("rb") as f:
        rec.call("put 5MB from file", s3.put_object, Bucket=bucket, Key="big.bin", Body=f)
    rec.call("head small", s3.head_object, Bucket=bucket, Key="dir/small.txt")
    rec.call("head big", s3.head_object, Bucket=bucket, Key="big.bin")
    rec.call("head missing", s3.head_object, Bucket=bucket, Key="nope")
    _body(rec, "get small body", rec.call("get small", s3.get_object, Bucket=bucket,
                                          Key="dir/small.txt"))
    _body(rec, "get big body", rec.call("get big", s3.get_object, Bucket=bucket, Key="big.bin"))
    _body(rec, "get range body", rec.call("get range", s3.get_object, Bucket=bucket,
                                          Key="big.bin", Range="bytes=0-99"))
    _body(rec, "get odd body", rec.call("get odd", s3.get_object, Bucket=bucket,
                                        Key="odd key+%/ü~.txt"))
    rec.call("get missing", s3.get_object, Bucket=bucket, Key="nope")
    try:
        s3.get_object(Bucket=bucket, Key="nope")
    except s3.exceptions.NoSuchKey as error:
        rec.record("caught NoSuchKey", {"class": type(error).__name__,
                                        "code": error.response["Error"]["Code"]})
    rec.call("copy", s3.copy_object, Bucket=bucket, Key="copy.txt",
             CopySource={"Bucket": bucket, "Key": "dir/small.txt"})
    rec.call("copy str source", s3.copy_object, Bucket=bucket, Key="copy2.txt",
             CopySource=f"{bucket}/odd key+%/ü~.txt")
    rec.call("copy missing", s3.copy_object, Bucket=bucket, Key="copy3.txt",
             CopySource={"Bucket": bucket, "Key": "nope"})
    rec.call("list v1", s3.list_objects, Bucket=bucket)
    rec.call("list v1 url", s3.list_objects, Bucket=bucket, EncodingType="url")
    rec.call("list v2", s3.list_objects_v2, Bucket=bucket, Prefix="dir/")
    rec.call("list v2 delimiter", s3.list_objects_v2, Bucket=bucket, Delimiter="/", MaxKeys=2)
    rec.call("list missing bucket", s3.list_objects_v2, Bucket="parity-nobucket")
    for key in ("dir/small.txt", "odd key+%/ü~.txt", "big.bin", "copy.txt", "copy2.txt"):
        rec.call(f"delete {key}", s3.delete_object, Bucket=bucket, Key=key)
    rec.call("delete bucket", s3.delete_bucket, Bucket=bucket)


def s3_multipart(rec: Recorder, tmp: Path) -> None:
    s3 = rec.client("s3")
    bucket, key = "parity-mpu", "assembled.bin"
    rec.call("create", s3.create_bucket, Bucket=bucket)
    upload = rec.call("start", s3.create_multipart_upload, Bucket=bucket, Key=key,
                      ContentType="application/octet-stream")
    upload_id = upload["UploadId"]
    parts = []
    with _big_file(tmp).open("rb") as f:
        first = rec.call("part 1", s3.upload_part, Bucket=bucket, Key=key, UploadId=upload_id,
                         PartNumber=1, Body=f.read(FIVE_MB))
    parts.append({"ETag": first["ETag"], "PartNumber": 1})
    second = rec.call("part 2", s3.upload_part, Bucket=bucket, Key=key, UploadId=upload_id,
                      PartNumber=2, Body=b"the last part")
    parts.append({"ETag": second["ETag"], "PartNumber": 2})
    rec.call("list parts", s3.list_parts, Bucket=bucket, Key=key, UploadId=upload_id)
    rec.call("list uploads", s3.list_multipart_uploads, Bucket=bucket)
    rec.call("complete", s3.complete_multipart_upload, Bucket=bucket, Key=key,
             UploadId=upload_id, MultipartUpload={"Parts": parts})
    rec.call("head", s3.head_object, Bucket=bucket, Key=key)
    _body(rec, "get body", rec.call("get", s3.get_object, Bucket=bucket, Key=key))
    other = rec.call("start other", s3.create_multipart_upload, Bucket=bucket, Key="aborted")
    rec.call("abort", s3.abort_multipart_upload, Bucket=bucket, Key="aborted",
             UploadId=other["UploadId"])
    rec.call("parts of aborted", s3.list_parts, Bucket=bucket, Key="aborted",
             UploadId=other["UploadId"])
    rec.call("delete", s3.delete_object, Bucket=bucket, Key=key)
    rec.call("delete bucket", s3.delete_bucket, Bucket=bucket)


def s3_batch_and_tags(rec: Recorder, tmp: Path) -> None:
    s3 = rec.client("s3")
    bucket = "parity-batch"
    rec.call("create", s3.create_bucket, Bucket=bucket)
    for i in range(3):
        rec.call(f"put {i}", s3.put_object, Bucket=bucket, Key=f"k{i}", Body=b"x" * i,
                 Tagging="team=core&tier=1" if i == 0 else "")
    rec.call("get tags", s3.get_object_tagging, Bucket=bucket, Key="k0")
    rec.call("put tags", s3.put_object_tagging, Bucket=bucket, Key="k1",
             Tagging={"TagSet": [{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}]})
    rec.call("get tags k1", s3.get_object_tagging, Bucket=bucket, Key="k1")
    rec.call("delete tags", s3.delete_object_tagging, Bucket=bucket, Key="k1")
    rec.call("get tags missing key", s3.get_object_tagging, Bucket=bucket, Key="nope")
    rec.call("bucket tagging", s3.put_bucket_tagging, Bucket=bucket,
             Tagging={"TagSet": [{"Key": "env", "Value": "test"}]})
    rec.call("get bucket tagging", s3.get_bucket_tagging, Bucket=bucket)
    rec.call("delete objects", s3.delete_objects, Bucket=bucket,
             Delete={"Objects": [{"Key": "k0"}, {"Key": "k1"}, {"Key": "k2"}, {"Key": "none"}]})
    rec.call("delete objects quiet", s3.delete_objects, Bucket=bucket,
             Delete={"Objects": [{"Key": "k0"}], "Quiet": True})
    rec.call("list empty", s3.list_objects_v2, Bucket=bucket)
    rec.call("delete bucket tagging", s3.delete_bucket_tagging, Bucket=bucket)
    rec.call("delete bucket", s3.delete_bucket, Bucket=bucket)


SCENARIOS = {
    "s3_buckets": s3_buckets,
    "s3_objects": s3_objects,
    "s3_multipart": s3_multipart,
    "s3_batch_and_tags": s3_batch_and_tags,
}
