"""Async clients against moto: the brief's services, paginators, waiters, errors, streaming reads.

Each scenario runs with ``awsession.aio`` and checks the results against boto3's (sync) view of
the same moto server, so the async client must give the same requests and the same parsed dicts.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import boto3
import pytest

from awsession.aio import Session
from tests.functional._moto import MotoProcess

pytestmark = pytest.mark.functional

T = TypeVar("T")


def run(main: Callable[[Session], Awaitable[T]]) -> T:
    return asyncio.run(main(Session()))


def _strip(response: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in response.items() if k != "ResponseMetadata"}


def test_s3_objects_paginators_waiters_errors_and_streaming(moto: MotoProcess) -> None:
    reference = boto3.client("s3")
    body = b"".join(f"line {i}\n".encode() for i in range(500))

    async def main(session: Session) -> dict[str, Any]:
        async with session.client("s3") as s3:
            await s3.create_bucket(Bucket="aio-bucket")
            await s3.get_waiter("bucket_exists").wait(Bucket="aio-bucket")
            await asyncio.gather(*(s3.put_object(Bucket="aio-bucket", Key=f"key-{i:02d}", Body=b"x")
                                   for i in range(10)))
            await s3.put_object(Bucket="aio-bucket", Key="big/lines.txt", Body=body)
            paginator = s3.get_paginator("list_objects_v2")
            pages = [page async for page in paginator.paginate(Bucket="aio-bucket",
                                                               PaginationConfig={"PageSize": 3})]
            limited = await paginator.paginate(Bucket="aio-bucket",
                                               PaginationConfig={"MaxItems": 5}).build_full_result()
            searched = [key async for key in paginator.paginate(Bucket="aio-bucket")
                        .search("Contents[].Key")]
            got = await s3.get_object(Bucket="aio-bucket", Key="big/lines.txt")
            whole = await got["Body"].read()
            chunks = [c async for c in (await s3.get_object(Bucket="aio-bucket",
                                                            Key="big/lines.txt"))["Body"].iter_chunks(1000)]
            lines = [line async for line in (await s3.get_object(Bucket="aio-bucket",
                                                                 Key="big/lines.txt"))["Body"].iter_lines()]
            ranged = await s3.get_object(Bucket="aio-bucket", Key="big/lines.txt", Range="bytes=0-5")
            first = await ranged["Body"].read(3)
            rest = await ranged["Body"].read()
            head = await s3.head_object(Bucket="aio-bucket", Key="big/lines.txt")
            with pytest.raises(s3.exceptions.NoSuchKey) as missing:
                await s3.get_object(Bucket="aio-bucket", Key="nope")
            with pytest.raises(s3.exceptions.NoSuchBucket):
                await s3.list_objects_v2(Bucket="no-such-bucket-here")
            await s3.put_object(Bucket="aio-bucket", Key="to-delete", Body=b"")
            await s3.get_waiter("object_exists").wait(Bucket="aio-bucket", Key="to-delete")
            await s3.delete_object(Bucket="aio-bucket", Key="to-delete")
            await s3.get_waiter("object_not_exists").wait(Bucket="aio-bucket", Key="to-delete")
            return {"pages": pages, "limited": limited, "searched": searched, "whole": whole,
                    "chunks": chunks, "lines": lines, "first": first, "rest": rest, "head": head,
                    "missing": missing.value.response, "content_length": got["ContentLength"]}

    seen = run(main)
    assert [len(p["Contents"]) for p in seen["pages"]] == [3, 3, 3, 2]
    assert seen["searched"] == ["big/lines.txt"] + [f"key-{i:02d}" for i in range(10)]
    expected_limited = reference.get_paginator("list_objects_v2").paginate(
        Bucket="aio-bucket", PaginationConfig={"MaxItems": 5}).build_full_result()
    assert [o["Key"] for o in seen["limited"]["Contents"]] == \
        [o["Key"] for o in expected_limited["Contents"]]
    assert seen["limited"]["NextToken"] == expected_limited["NextToken"]
    assert seen["whole"] == body and seen["content_length"] == len(body)
    assert b"".join(seen["chunks"]) == body and max(map(len, seen["chunks"])) <= 1000
    assert seen["lines"] == body.splitlines()
    assert (seen["first"], seen["rest"]) == (b"lin", b"e 0")
    ref_head = reference.head_object(Bucket="aio-bucket", Key="big/lines.txt")
    assert _strip(seen["head"]) == _strip(ref_head)
    with pytest.raises(reference.exceptions.NoSuchKey) as ref_missing:
        reference.get_object(Bucket="aio-bucket", Key="nope")
    assert seen["missing"]["Error"] == ref_missing.value.response["Error"]
    assert "to-delete" not in [o["Key"] for o in
                               reference.list_objects_v2(Bucket="aio-bucket")["Contents"]]


def test_dynamodb_table_waiter_items_and_query_paginator(moto: MotoProcess) -> None:
    reference = boto3.client("dynamodb")

    async def main(session: Session) -> dict[str, Any]:
        async with session.client("dynamodb") as ddb:
            await ddb.create_table(
                TableName="aio-table", BillingMode="PAY_PER_REQUEST",
                KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                           {"AttributeName": "sk", "KeyType": "RANGE"}],
                AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                      {"AttributeName": "sk", "AttributeType": "N"}])
            await ddb.get_waiter("table_exists").wait(TableName="aio-table",
                                                      WaiterConfig={"Delay": 1, "MaxAttempts": 5})
            await asyncio.gather(*(ddb.put_item(TableName="aio-table", Item={
                "pk": {"S": "user"}, "sk": {"N": str(i)}, "data": {"B": bytes([i])}})
                for i in range(7)))
            item = await ddb.get_item(TableName="aio-table",
                                      Key={"pk": {"S": "user"}, "sk": {"N": "3"}})
            pages = [p async for p in ddb.get_paginator("query").paginate(
                TableName="aio-table", KeyConditionExpression="pk = :p",
                ExpressionAttributeValues={":p": {"S": "user"}}, PaginationConfig={"PageSize": 3})]
            with pytest.raises(ddb.exceptions.ResourceNotFoundException) as missing:
                await ddb.describe_table(TableName="no-table")
            return {"item": item, "pages": pages, "missing": missing.value}

    seen = run(main)
    ref_item = reference.get_item(TableName="aio-table", Key={"pk": {"S": "user"}, "sk": {"N": "3"}})
    assert _strip(seen["item"]) == _strip(ref_item)
    assert seen["item"]["Item"]["data"] == {"B": b"\x03"}
    assert [[i["sk"]["N"] for i in p["Items"]] for p in seen["pages"]][:3] == \
        [["0", "1", "2"], ["3", "4", "5"], ["6"]]
    assert seen["missing"].response["Error"]["Code"] == "ResourceNotFoundException"
    assert type(seen["missing"]).__name__ == "ResourceNotFoundException"


def test_sts_and_sqs(moto: MotoProcess) -> None:
    async def main(session: Session) -> dict[str, Any]:
        async with session.client("sts") as sts, session.client("sqs") as sqs:
            identity = await sts.get_caller_identity()
            url = (await sqs.create_queue(QueueName="aio-queue"))["QueueUrl"]
            await asyncio.gather(*(sqs.send_message(QueueUrl=url, MessageBody=f"m{i}")
                                   for i in range(5)))
            received = await sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)
            attributes = await sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])
            with pytest.raises(sqs.exceptions.QueueDoesNotExist) as missing:
                await sqs.get_queue_url(QueueName="no-such-queue")
            return {"identity": identity, "received": received, "url": url,
                    "attributes": attributes, "missing": missing.value.response}

    seen = run(main)
    assert _strip(seen["identity"]) == _strip(boto3.client("sts").get_caller_identity())
    assert sorted(m["Body"] for m in seen["received"]["Messages"]) == [f"m{i}" for i in range(5)]
    reference = boto3.client("sqs")
    assert seen["url"] == reference.get_queue_url(QueueName="aio-queue")["QueueUrl"]
    assert seen["attributes"]["Attributes"]["QueueArn"] == reference.get_queue_attributes(
        QueueUrl=seen["url"], AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    with pytest.raises(reference.exceptions.QueueDoesNotExist) as ref_missing:
        reference.get_queue_url(QueueName="no-such-queue")
    assert seen["missing"]["Error"] == ref_missing.value.response["Error"]


def test_waiter_failure_raises_waiter_error(moto: MotoProcess) -> None:
    from awsession.exceptions import WaiterError

    async def main(session: Session) -> WaiterError:
        async with session.client("s3") as s3:
            waiter = s3.get_waiter("bucket_exists")
            slept: list[float] = []

            async def no_sleep(seconds: float) -> None:
                slept.append(seconds)

            waiter.sleep = no_sleep
            with pytest.raises(WaiterError) as failed:
                await waiter.wait(Bucket="never-made", WaiterConfig={"Delay": 5, "MaxAttempts": 3})
            assert slept == [5, 5]
            return failed.value

    error = run(main)
    import botocore.exceptions

    with pytest.raises(botocore.exceptions.WaiterError) as reference:
        boto3.client("s3").get_waiter("bucket_exists").wait(
            Bucket="never-made", WaiterConfig={"Delay": 0, "MaxAttempts": 3})
    assert str(error) == str(reference.value)
    assert error.last_response["Error"] == reference.value.last_response["Error"]
