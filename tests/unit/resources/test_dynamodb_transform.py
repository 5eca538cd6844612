"""The DynamoDB resource's parameter/response transformation equals boto3's event handlers."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import boto3.dynamodb.conditions as bc
import pytest
from boto3.dynamodb.transform import TransformationInjector
from botocore.session import get_session

import awsession.dynamodb.conditions as ac
from awsession.dynamodb.transform import transform_input, transform_output
from awsession.dynamodb.types import Binary
from awsession.model.services import load_service_model

OURS = load_service_model("dynamodb")
THEIRS = get_session().get_service_model("dynamodb")


def _params(m: Any) -> list[tuple[str, dict[str, Any]]]:
    """The same calls written with one module's condition classes."""
    return [
        ("PutItem", {"TableName": "t", "Item": {"pk": "a", "n": 1, "d": Decimal("2.5"),
                                                 "s": {"x"}, "l": [None, True, b"b"],
                                                 "m": {"k": [{"z": 1}]}},
                     "ConditionExpression": m.Attr("pk").not_exists()}),
        ("Query", {"TableName": "t", "FilterExpression": m.Attr("x.y[2]").gt(3),
                   "KeyConditionExpression": m.Key("pk").eq("a") & m.Key("sk").between(1, 9),
                   "ExclusiveStartKey": {"pk": "a", "sk": 3}}),
        ("Query", {"KeyConditionExpression": m.Key("pk").eq("a"), "TableName": "t",
                   "ExpressionAttributeNames": {"#p": "proj"},
                   "ExpressionAttributeValues": {":own": 5}, "ProjectionExpression": "#p"}),
        ("Scan", {"TableName": "t", "FilterExpression": "plain = :a",
                  "ExpressionAttributeValues": {":a": "text"}}),
        ("UpdateItem", {"TableName": "t", "Key": {"pk": "a"}, "UpdateExpression": "SET v = :v",
                        "ConditionExpression": m.Attr("v").is_in([1, 2]) | m.Attr("v").exists(),
                        "ExpressionAttributeValues": {":v": {"nested": [1]}}}),
        ("BatchWriteItem", {"RequestItems": {"t": [{"PutRequest": {"Item": {"pk": "b"}}},
                                                   {"DeleteRequest": {"Key": {"pk": "c"}}}]}}),
        ("TransactWriteItems", {"TransactItems": [
            {"ConditionCheck": {"TableName": "t", "Key": {"pk": "a"},
                                "ConditionExpression": m.Attr("n").lt(4)}},
            {"Put": {"TableName": "t", "Item": {"pk": "z"}}}]}),
        ("DescribeTable", {"TableName": "t"}),
    ]


@pytest.mark.parametrize("index", range(len(_params(ac))))
def test_input_transform_matches_boto3(index: int) -> None:
    operation, ours = _params(ac)[index]
    _, theirs = _params(bc)[index]
    original = copy.deepcopy(ours)
    injector = TransformationInjector()
    model = THEIRS.operation_model(operation)
    injector.inject_condition_expressions(theirs, model)
    injector.inject_attribute_value_input(theirs, model)
    assert transform_input(OURS, operation, ours) == theirs
    assert ours == original  # the caller's dicts are left alone


def test_output_transform_matches_boto3() -> None:
    parsed = {"Items": [{"pk": {"S": "a"}, "n": {"N": "1.50"}, "b": {"B": b"x"},
                         "l": {"L": [{"NULL": True}, {"BOOL": False}, {"SS": ["q"]}]},
                         "m": {"M": {"ns": {"NS": ["1", "2"]}}}}],
              "Count": 1, "LastEvaluatedKey": {"pk": {"S": "a"}},
              "ResponseMetadata": {"HTTPStatusCode": 200}}
    theirs = copy.deepcopy(parsed)
    TransformationInjector().inject_attribute_value_output(theirs, THEIRS.operation_model("Query"))
    mine = transform_output(OURS, "Query", parsed)
    assert mine == theirs
    assert isinstance(mine["Items"][0]["b"], Binary)
    assert mine["Items"][0]["n"] == Decimal("1.50")
