"""Async clients against moto where they used to fall short of the sync client: S3 Select's event
stream, ``result_key_iters()`` and uploads from sync file objects.

Each scenario's answers are compared with boto3's (sync) view of the same moto server.
"""

from __future__ import annotations

import asyncio
import io
from typing import Any

import boto3
import pytest

from awsession.aio import Session
from tests.functional._moto import MotoProcess

pytestmark = pytest.mark.functional

CSV = b"name,n\nalpha,1\nbeta,2\ngamma,3\n"
SELECT: dict[str, Any] = {
    "Bucket": "aio-streams", "Key": "data.csv", "ExpressionType": "SQL",
    "Expression": "select * from s3object", "InputSerialization": {"CSV": {}},
    "OutputSerialization": {"CSV": {}}}


def test_select_object_content_streams_the_events_boto3_sees(moto: MotoProcess) -> None:
    reference = boto3.client("s3")
    reference.create_bucket(Bucket="aio-streams")
    reference.put_object(Bucket="aio-streams", Key="data.csv", Body=CSV)

    async def main() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        async with Session().client("s3") as s3:
            response = await s3.select_object_content(**SELECT)
            events = [event async for event in response["Payload"]]
            async with (await s3.select_object_content(**SELECT))["Payload"] as stream:
                first = [await stream.__anext__()]
            return events, first

    events, first = asyncio.run(main())
    expected = list(reference.select_object_content(**SELECT)["Payload"])
    assert events == expected
    assert any("Records" in e for e in events) and "End" in events[-1]
    assert first == expected[:1]


def test_result_key_iters_and_file_uploads(moto: MotoProcess, tmp_path: Any) -> None:
    reference = boto3.client("s3")
    reference.create_bucket(Bucket="aio-streams")
    path = tmp_path / "upload.bin"
    path.write_bytes(b"from a file\n" * 1000)

    async def main() -> list[list[Any]]:
        async with Session().client("s3") as s3:
            with path.open("rb") as f:
                await s3.put_object(Bucket="aio-streams", Key="file/one", Body=f)
            await asyncio.gather(*(s3.put_object(Bucket="aio-streams", Key=f"key-{i:02d}",
                                                 Body=io.BytesIO(b"x" * i)) for i in range(7)))
            pages = s3.get_paginator("list_objects_v2").paginate(
                Bucket="aio-streams", PaginationConfig={"PageSize": 3})
            found: list[list[Any]] = []
            for iterator in pages.result_key_iters():
                found.append([item async for item in iterator])
            return found

    ours = asyncio.run(main())
    expected = [list(it) for it in reference.get_paginator("list_objects_v2").paginate(
        Bucket="aio-streams", PaginationConfig={"PageSize": 3}).result_key_iters()]
    assert ours == expected
    assert [o["Key"] for o in ours[0]] == ["file/one"] + [f"key-{i:02d}" for i in range(7)]
    assert [o["Size"] for o in ours[0]] == [12000, 0, 1, 2, 3, 4, 5, 6]
    got = reference.get_object(Bucket="aio-streams", Key="file/one")["Body"].read()
    assert got == path.read_bytes()
