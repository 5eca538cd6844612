"""The resource layer against moto: EC2, S3, DynamoDB, IAM and SQS scenarios, written once.

Each scenario gets a :class:`Recorder` (its ``session`` is boto3's or awsession's) and records what
the resources show: their ``repr`` (ids are normalized), attributes, responses and errors; the two
SDKs' records must be equal after normalization.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from importlib import import_module
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.functional._moto import MotoProcess
from tests.functional._scenarios_normalize import Recorder, describe_error, run_both


def _resource(rec: Recorder, service: str) -> Any:
    return rec.session.resource(service, endpoint_url=rec.endpoint_url)


def _reprs(items: Any) -> list[str]:
    return [repr(item) for item in items]


def _try(rec: Recorder, label: str, call: Callable[[], Any]) -> Any:
    try:
        value = call()
    except Exception as error:  # the error is the recorded outcome
        rec.record(label, describe_error(error))
        return None
    rec.record(label, value)
    return value


def ec2_instances(rec: Recorder, tmp: Any) -> None:
    ec2 = _resource(rec, "ec2")
    rec.record("service repr", repr(ec2))
    image = ec2.meta.client.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
    made = ec2.create_instances(ImageId=image, MinCount=2, MaxCount=2, InstanceType="t3.micro")
    rec.record("created", [repr(i) for i in made])
    rec.record("created data kept", [i.meta.data["InstanceType"] for i in made])
    first, second = made
    first.wait_until_running()
    first.reload()
    rec.record("state after wait", first.state)
    rec.record("attributes", [first.instance_type, first.image_id == image, repr(first.image),
                              repr(first.vpc), repr(first.subnet), first.placement])
    rec.record("tags made", [repr(t) for t in ec2.create_tags(
        Resources=[first.id], Tags=[{"Key": "team", "Value": "blue"}])])
    rec.record("tags", first.tags)
    blue = ec2.instances.filter(Filters=[{"Name": "tag:team", "Values": ["blue"]}])
    rec.record("filtered", [repr(i) for i in blue])
    rec.record("all", _reprs(ec2.instances.all()))
    rec.record("limit", len(list(ec2.instances.limit(1))))
    rec.record("pages", [len(page) for page in ec2.instances.page_size(5).pages()])
    rec.record("equal", [ec2.Instance(first.id) == first, hash(ec2.Instance(first.id)) == hash(first),
                         ec2.Instance(first.id) != second])
    rec.record("terminate", first.terminate())
    rec.record("state cleared by action", first.meta.data)
    rec.record("state after terminate", first.state["Name"])
    rec.record("batch stop", ec2.instances.filter(InstanceIds=[second.id]).stop())
    _try(rec, "missing instance", lambda: ec2.Instance("i-0123456789abcdef0").state)
    group = ec2.create_security_group(GroupName="web", Description="web servers")
    rec.record("group", [repr(group), group.group_name, group.description])
    rec.record("vpcs", _reprs(ec2.vpcs.all()))
    rec.record("subresources", ec2.get_available_subresources())
    _try(rec, "unknown keyword", lambda: ec2.Instance(nope="x"))
    _try(rec, "missing identifier", lambda: ec2.Instance())


def s3_buckets_and_objects(rec: Recorder, tmp: Any) -> None:
    s3 = _resource(rec, "s3")
    bucket = s3.create_bucket(Bucket="resource-bucket")
    rec.record("bucket", [repr(bucket), bucket.name])
    rec.record("buckets", _reprs(s3.buckets.all()))
    rec.record("creation date type", type(bucket.creation_date).__name__)
    obj = s3.Object("resource-bucket", "hello.txt")
    rec.record("put", obj.put(Body=b"hello world", ContentType="text/plain"))
    rec.record("object attributes", [obj.content_length, obj.content_type, obj.e_tag])
    rec.record("get body", obj.get()["Body"].read())
    for i in range(5):
        bucket.put_object(Key=f"dir/{i}.txt", Body=str(i).encode())
    rec.record("objects", [(o.key, o.size) for o in bucket.objects.all()])
    rec.record("prefix", [o.key for o in bucket.objects.filter(Prefix="dir/")])
    rec.record("limit", [o.key for o in bucket.objects.limit(2)])
    rec.record("pages", [[o.key for o in p] for p in bucket.objects.page_size(2).pages()])
    summary = next(iter(bucket.objects.filter(Prefix="hello")))
    rec.record("summary", [repr(summary), repr(summary.Object()), summary.size])
    rec.record("summary load", (summary.load(), summary.size))
    rec.record("copy from", bucket.Object("copy.txt").copy_from(
        CopySource={"Bucket": "resource-bucket", "Key": "hello.txt"}))
    rec.record("bucket ref", repr(obj.Bucket()))
    rec.record("batch delete", bucket.objects.filter(Prefix="dir/").delete())
    rec.record("left", [o.key for o in bucket.objects.all()])
    rec.record("delete all", bucket.objects.delete())
    rec.record("bucket delete", bucket.delete())
    bucket.wait_until_not_exists()
    _try(rec, "missing object", lambda: s3.Object("resource-bucket", "gone").content_length)


def dynamodb_table(rec: Recorder, tmp: Any) -> None:
    conditions = import_module(f"{rec.name}.dynamodb.conditions")
    key, attr = conditions.Key, conditions.Attr
    dynamodb = _resource(rec, "dynamodb")
    table = dynamodb.create_table(
        TableName="people",
        KeySchema=[{"AttributeName": "team", "KeyType": "HASH"},
                   {"AttributeName": "id", "KeyType": "RANGE"}],
        AttributeDefinitions=[{"AttributeName": "team", "AttributeType": "S"},
                              {"AttributeName": "id", "AttributeType": "N"}],
        BillingMode="PAY_PER_REQUEST")
    table.wait_until_exists()
    rec.record("table", [repr(table), table.table_status, table.key_schema])
    rec.record("put", table.put_item(Item={
        "team": "blue", "id": 1, "score": Decimal("9.5"), "tags": {"a", "b"},
        "profile": {"langs": ["py", "go"], "active": True, "nothing": None}, "blob": b"\x00\x01"}))
    rec.record("get", table.get_item(Key={"team": "blue", "id": 1}))
    _try(rec, "float refused", lambda: table.put_item(Item={"team": "x", "id": 1.5}))
    with table.batch_writer() as writer:
        for i in range(2, 40):
            writer.put_item(Item={"team": "blue" if i % 2 else "red", "id": i, "n": i * 10})
        writer.delete_item(Key={"team": "red", "id": 2})
    query = table.query(KeyConditionExpression=key("team").eq("blue") & key("id").between(3, 11),
                        FilterExpression=attr("n").gt(40))
    rec.record("query", query)
    rec.record("query desc", table.query(KeyConditionExpression=key("team").eq("red"),
                                         ScanIndexForward=False, Limit=3))
    rec.record("scan", sorted(item["id"] for item in table.scan(
        FilterExpression=attr("n").is_in([100, 200, 300]) | attr("score").exists())["Items"]))
    rec.record("update", table.update_item(
        Key={"team": "blue", "id": 1}, UpdateExpression="SET score = score + :inc",
        ConditionExpression=attr("score").lt(10), ExpressionAttributeValues={":inc": 1},
        ReturnValues="ALL_NEW"))
    _try(rec, "condition fails", lambda: table.put_item(
        Item={"team": "blue", "id": 1}, ConditionExpression=attr("team").not_exists()))
    rec.record("client is high level", table.meta.client.get_item(
        TableName="people", Key={"team": "blue", "id": 3})["Item"])
    rec.record("tables", _reprs(dynamodb.tables.all()))
    rec.record("count", table.item_count)
    rec.record("delete", table.delete()["TableDescription"]["TableName"])


def iam_and_sqs(rec: Recorder, tmp: Any) -> None:
    iam = _resource(rec, "iam")
    for name in ("alice", "bob", "carol"):
        iam.create_user(UserName=name, Path="/staff/")
    user = iam.User("alice")
    rec.record("user", [repr(user), user.arn, user.path, user.user_name])
    rec.record("users", _reprs(iam.users.all()))
    rec.record("users filtered", _reprs(iam.users.filter(PathPrefix="/staff/")))
    rec.record("users limited", len(list(iam.users.limit(2))))
    group = iam.create_group(GroupName="admins")
    rec.record("group add", group.add_user(UserName="bob"))
    rec.record("group users", _reprs(group.users.all()))
    rec.record("user groups", _reprs(iam.User("bob").groups.all()))
    sqs = _resource(rec, "sqs")
    queue = sqs.create_queue(QueueName="jobs", Attributes={"VisibilityTimeout": "5"})
    rec.record("queue", [repr(queue), queue.attributes["VisibilityTimeout"]])
    rec.record("by name", repr(sqs.get_queue_by_name(QueueName="jobs")))
    rec.record("send", queue.send_message(MessageBody="job-1"))
    rec.record("send batch", queue.send_messages(Entries=[
        {"Id": "a", "MessageBody": "job-2"}, {"Id": "b", "MessageBody": "job-3"}]))
    messages = queue.receive_messages(MaxNumberOfMessages=10)
    rec.record("received", sorted(m.body for m in messages))
    rec.record("message repr kinds", sorted({type(m).__name__ for m in messages}))
    rec.record("delete one", messages[0].delete())
    rec.record("queues", _reprs(sqs.queues.all()))
    _try(rec, "missing queue", lambda: sqs.get_queue_by_name(QueueName="nope"))


SCENARIOS: dict[str, Callable[[Recorder, Any], None]] = {
    "ec2": ec2_instances,
    "s3": s3_buckets_and_objects,
    "dynamodb": dynamodb_table,
    "iam_sqs": iam_and_sqs,
}


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_resource_scenario_matches_boto3(name: str, moto: MotoProcess, tmp_path: Path) -> None:
    run_both(SCENARIOS[name], moto, tmp_path)


def test_module_level_resource_uses_the_default_session(sdk: ModuleType) -> None:
    s3 = sdk.resource("s3")
    s3.create_bucket(Bucket="default-session-bucket")
    assert [b.name for b in s3.buckets.all()] == ["default-session-bucket"]
    assert type(s3).__name__ == "s3.ServiceResource"
    assert s3.meta.client.meta.region_name == "us-east-1"
    obj = s3.Bucket("default-session-bucket").Object("k")  # shares the resource's client
    obj.put(Body=b"v")
    fresh = type(obj)("default-session-bucket", "k")  # no client given: the default session's
    assert fresh.meta.client is not obj.meta.client
    assert fresh.get()["Body"].read() == b"v"
    assert fresh == obj and hash(fresh) == hash(obj)
