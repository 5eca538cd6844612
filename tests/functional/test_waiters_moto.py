"""Waiters against moto, boto3 and awsession side by side.

Delays are tiny (``WaiterConfig={"Delay": ...}``) so nothing waits for boto3's 5-15 s defaults.
A failing waiter must raise ``WaiterError`` with boto3's message, and a ``last_response`` equal to
boto3's apart from ``ResponseMetadata`` (request ids and dates differ per call).
"""

from __future__ import annotations

from typing import Any

import boto3
import botocore.exceptions
import pytest

import awsession
from awsession.exceptions import WaiterError
from tests.functional._moto import MotoProcess

pytestmark = pytest.mark.functional

FAST = {"Delay": 0.05, "MaxAttempts": 3}


def _clients(service: str) -> tuple[Any, Any]:
    boto3.setup_default_session()
    awsession.setup_default_session()
    return boto3.client(service), awsession.client(service)


def _strip(response: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in response.items() if k != "ResponseMetadata"}


def _failure(client: Any, error_type: type[Exception], waiter: str,
             **params: Any) -> tuple[str, dict[str, Any]]:
    with pytest.raises(error_type) as caught:
        client.get_waiter(waiter).wait(**params, WaiterConfig=FAST)
    error: Any = caught.value
    return str(error), _strip(error.last_response)


def test_dynamodb_table_exists(moto: MotoProcess) -> None:
    theirs, ours = _clients("dynamodb")
    assert ours.waiter_names == theirs.waiter_names
    ours.create_table(TableName="t", KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                      AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                      BillingMode="PAY_PER_REQUEST")
    assert ours.get_waiter("table_exists").wait(TableName="t", WaiterConfig=FAST) is None
    theirs.get_waiter("table_exists").wait(TableName="t", WaiterConfig=FAST)
    assert type(ours.get_waiter("table_exists")).__name__ == \
        type(theirs.get_waiter("table_exists")).__name__


def test_missing_table_fails_like_boto3(moto: MotoProcess) -> None:
    theirs, ours = _clients("dynamodb")
    expected = _failure(theirs, botocore.exceptions.WaiterError, "table_exists", TableName="nope")
    actual = _failure(ours, WaiterError, "table_exists", TableName="nope")
    assert actual == expected
    assert actual[0] == ("Waiter TableExists failed: Max attempts exceeded. Previously accepted "
                         "state: Matched expected service error code: ResourceNotFoundException")
    assert actual[1]["Error"]["Code"] == "ResourceNotFoundException"


def test_ec2_instance_running_and_terminal_failure(moto: MotoProcess) -> None:
    theirs, ours = _clients("ec2")
    image = ours.describe_images()["Images"][0]["ImageId"]
    instance = ours.run_instances(ImageId=image, MinCount=1, MaxCount=1)["Instances"][0]
    ids = [instance["InstanceId"]]
    ours.get_waiter("instance_running").wait(InstanceIds=ids, WaiterConfig=FAST)
    theirs.get_waiter("instance_running").wait(InstanceIds=ids, WaiterConfig=FAST)
    ours.terminate_instances(InstanceIds=ids)
    expected = _failure(theirs, botocore.exceptions.WaiterError, "instance_running",
                        InstanceIds=ids)
    actual = _failure(ours, WaiterError, "instance_running", InstanceIds=ids)
    assert actual == expected
    assert "terminal failure state" in actual[0]


def test_unmatched_error_fails_at_once_like_boto3(moto: MotoProcess) -> None:
    theirs, ours = _clients("ec2")
    params = {"InstanceIds": ["i-malformed"]}
    expected = _failure(theirs, botocore.exceptions.WaiterError, "instance_stopped", **params)
    actual = _failure(ours, WaiterError, "instance_stopped", **params)
    assert actual == expected
    assert actual[0].startswith("Waiter InstanceStopped failed: An error occurred (InvalidInstanceID")
