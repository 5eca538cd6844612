"""Differential test: our validator's report equals botocore's ParamValidator, line for line.

Params are generated from the real input shapes of eight services with a seeded random generator:
mostly valid values, then mutated ones (wrong types, unknown keys, missing required members,
too-short strings and lists, values below ``min``, bad documents, bad timestamps, broken unions).
"""

from __future__ import annotations

import datetime
import decimal
import io
import random
from typing import Any

import botocore.session
import pytest
from botocore.validate import ParamValidator

from awsession.model.services import load_service_model
from awsession.model.validate import is_valid, param_errors

SERVICES = ("s3", "ec2", "dynamodb", "sqs", "lambda", "iam", "kms", "cloudwatch")
# Plus models with documents and unions, jsonvalue headers and hostLabel members.
EXTRA_SERVICES = ("bedrock-runtime", "lex-runtime", "s3control")
CASES_PER_OPERATION = 6

_WRONG = (None, 7, "text", 2.5, True, [1], {"k": "v"}, b"raw", ("t",), decimal.Decimal("1.5"))
_GOOD_TIMES = (
    datetime.datetime(2020, 1, 2, 3, 4, 5),
    datetime.datetime(2020, 1, 2, tzinfo=datetime.timezone.utc),
    1577836800, 1577836800.5, "1577836800", "2020-01-02T03:04:05Z", "2020-01-02",
    "2020-01-02T03:04:05.123+02:00", "20200102T030405Z", "Wed, 02 Oct 2002 13:00:00 GMT",
)
_BAD_TIMES = ("not a date", "", "2020-13-45", [2020], {"y": 1}, None, "nan")


class Generator:
    def __init__(self, shapes: dict[str, Any], rnd: random.Random, mutate: float) -> None:
        self.shapes = shapes
        self.rnd = rnd
        self.mutate = mutate

    def value(self, ref: dict[str, Any], depth: int) -> Any:
        rnd = self.rnd
        if rnd.random() < self.mutate / 4:
            return rnd.choice(_WRONG)
        shape = {**self.shapes[ref["shape"]], **{k: v for k, v in ref.items() if k != "shape"}}
        kind = shape["type"]
        if shape.get("jsonvalue") and rnd.random() < self.mutate:
            return rnd.choice(({"a": [1, 2]}, {1, 2}, b"x", "{}"))
        if kind == "structure":
            if shape.get("document"):
                return self.document(depth)
            return self.structure(shape, depth)
        if kind == "list":
            low = shape.get("min", 0)
            count = rnd.randint(max(low - 1, 0), low + 2) if depth < 5 else low
            if rnd.random() < self.mutate / 4:
                count = max(low - 1, 0)
            items: list[Any] = [self.value(shape["member"], depth + 1) for _ in range(count)]
            return tuple(items) if rnd.random() < 0.1 else items
        if kind == "map":
            count = rnd.randint(0, 2) if depth < 5 else 0
            result: dict[Any, Any] = {}
            for i in range(count):
                key = self.value(shape["key"], depth + 1)
                if not isinstance(key, (str, int, float, bytes, type(None))):
                    key = f"k{i}"
                result[key] = self.value(shape["value"], depth + 1)
            return result
        if kind == "string":
            low = shape.get("min", 0)
            size = rnd.randint(max(low - 1, 0), low + 3)
            if not (rnd.random() < self.mutate / 2):
                size = max(size, low)
            return "".join(rnd.choice("abcXYZ09-_") for _ in range(size))
        if kind in ("integer", "long"):
            low = shape.get("min", 0)
            return rnd.randint(int(low) - 2, int(low) + 5)
        if kind in ("float", "double"):
            low = shape.get("min", 0)
            return rnd.choice((float(low) - 0.5, low + 1.5, int(low) + 1, decimal.Decimal("3.25")))
        if kind == "boolean":
            return rnd.random() < 0.5
        if kind == "blob":
            return rnd.choice((b"bytes", bytearray(b"ba"), "text", io.BytesIO(b"file")))
        if kind == "timestamp":
            pool = _BAD_TIMES if rnd.random() < self.mutate / 2 else _GOOD_TIMES
            return rnd.choice(pool)
        raise AssertionError(kind)

    def document(self, depth: int) -> Any:
        rnd = self.rnd
        choice = rnd.randint(0, 6 if depth < 4 else 3)
        if choice == 0:
            return rnd.choice(("s", 1, 1.5, True, None))
        if choice == 1 and rnd.random() < self.mutate:
            return rnd.choice(({1, 2}, b"x", ("t",), decimal.Decimal("2")))
        if choice in (2, 3):
            return "doc"
        if choice in (4, 5):
            return {f"k{i}": self.document(depth + 1) for i in range(rnd.randint(0, 3))}
        return [self.document(depth + 1) for _ in range(rnd.randint(0, 3))]

    def structure(self, shape: dict[str, Any], depth: int) -> dict[str, Any]:
        rnd = self.rnd
        members: dict[str, Any] = shape.get("members", {})
        names = list(members)
        if shape.get("union"):
            pick = rnd.choice((1, 1, 1, 0, 2)) if self.mutate else 1
            chosen = rnd.sample(names, min(pick, len(names)))
        else:
            required = list(shape.get("required", ()))
            optional = [n for n in names if n not in required]
            limit = 4 if depth < 3 else 0
            chosen = required + rnd.sample(optional, min(len(optional), rnd.randint(0, limit)))
            if self.mutate and required and rnd.random() < self.mutate:
                chosen.remove(rnd.choice(required))
        rnd.shuffle(chosen)
        result = {name: self.value(members[name], depth + 1) for name in chosen}
        if self.mutate and rnd.random() < self.mutate / 3:
            result[rnd.choice(("Bogus", "extra", "bucket"))] = 1
        return result


def _operations() -> list[tuple[str, str]]:
    return [(svc, op) for svc in SERVICES + EXTRA_SERVICES for op in load_service_model(svc).operation_names]


@pytest.fixture(scope="module")
def botocore_session() -> botocore.session.Session:
    return botocore.session.get_session()


@pytest.mark.parametrize(("service", "operation"), _operations())
def test_reports_match_botocore(
    service: str, operation: str, botocore_session: botocore.session.Session
) -> None:
    ours = load_service_model(service)
    op = ours.operation_model(operation)
    if op.input_shape_name is None:
        assert param_errors(ours, None, {"Anything": 1}) == []
        return
    theirs = botocore_session.get_service_model(service).operation_model(operation)
    validator = ParamValidator()
    for case in range(CASES_PER_OPERATION):
        rnd = random.Random(f"{service}.{operation}.{case}")
        mutate = 0.0 if case < 2 else 0.3
        params = Generator(ours.shapes, rnd, mutate).structure(op.input_shape or {}, 0)
        expected = validator.validate(params, theirs.input_shape).generate_report()
        got = "\n".join(param_errors(ours, op.input_shape_name, params))
        assert got == expected, (service, operation, case, params)
        assert is_valid(ours, op.input_shape_name, params) == (expected == "")


def test_generated_cases_cover_every_error_kind(botocore_session: botocore.session.Session) -> None:
    kinds = {
        "Missing required parameter": 0, "Unknown parameter": 0, "Invalid type for parameter": 0,
        "Invalid length for parameter": 0, "Invalid value for parameter": 0,
        "Invalid type for document parameter": 0, "tagged union": 0,
    }
    for service in ("dynamodb", "s3", "ec2", "lambda", *EXTRA_SERVICES):
        ours = load_service_model(service)
        for operation in ours.operation_names:
            op = ours.operation_model(operation)
            if op.input_shape_name is None:
                continue
            for case in range(2, CASES_PER_OPERATION):
                rnd = random.Random(f"{service}.{operation}.{case}")
                params = Generator(ours.shapes, rnd, 0.3).structure(op.input_shape or {}, 0)
                for line in param_errors(ours, op.input_shape_name, params):
                    for kind in kinds:
                        if kind in line:
                            kinds[kind] += 1
    assert all(kinds.values()), kinds


_EDGE_CASES: list[tuple[str, str, Any]] = [
    ("lex-runtime", "PostContent", {"botName": "b", "botAlias": "a", "userId": "u", "contentType": "c",
                                    "inputStream": b"x", "sessionAttributes": {1, 2}}),
    ("lex-runtime", "PostContent", {"botName": "b", "botAlias": "a", "userId": "u", "contentType": "c",
                                    "inputStream": object(), "requestAttributes": {"a": "b"},
                                    "activeContexts": b"x"}),
    ("s3control", "GetAccessPoint", {"AccountId": "", "Name": ""}),
    ("s3control", "GetAccessPoint", {"AccountId": 5}),
    ("bedrock-runtime", "Converse", {"modelId": "m", "messages": [{"role": "user", "content": [{}]}]}),
    ("bedrock-runtime", "Converse", {"modelId": "m", "messages": [
        {"role": "user", "content": [{"text": "a", "image": {"format": "png", "source": {"bytes": 1}}}]}]}),
    ("bedrock-runtime", "Converse", {"modelId": "m", "messages": [], "additionalModelRequestFields": {
        ".dotted": {1, 2}, "": b"x", "list": [("t",), None, decimal.Decimal("1")], "ok": [1, "a", {"n": None}]}}),
    ("bedrock-runtime", "Converse", {"modelId": "m", "additionalModelRequestFields": b"top"}),
    ("dynamodb", "PutItem", {"TableName": "t", "Item": {"pk": {"S": "x", "N": 1}, 5: {"B": 3}}}),
    ("dynamodb", "PutItem", []),
    ("dynamodb", "PutItem", {"TableName": "", "Item": {}, "Expected": {"a": {"AttributeValueList": ("x",)}}}),
    ("s3", "PutObject", {"Bucket": "b", "Key": "k", "Body": 12, "Expires": "soon", "ContentLength": "1"}),
    ("s3", "PutObject", {"Bucket": "b", "Key": "k", "Expires": datetime.date(2020, 1, 1), "Metadata": {"a": 1}}),
    ("s3", "DeleteObjects", {"Bucket": "b", "Delete": {"Objects": [{"Key": "a"}, {}, "x"]}}),
    ("ec2", "RunInstances", {"MinCount": True, "MaxCount": 1.5, "SecurityGroupIds": ["a", 1, None]}),
    ("cloudwatch", "PutMetricData", {"Namespace": "n", "MetricData": [
        {"MetricName": "m", "Value": "1", "Values": [1, 2.5, "x", decimal.Decimal("1")], "Timestamp": "bad"}]}),
    ("sqs", "SendMessage", {"QueueUrl": "u", "MessageBody": "b", "DelaySeconds": -5,
                            "MessageAttributes": {"a": {"DataType": "String", "BinaryValue": 3}}}),
]


@pytest.mark.parametrize(("service", "operation", "params"), _EDGE_CASES)
def test_edge_cases_match_botocore(
    service: str, operation: str, params: Any, botocore_session: botocore.session.Session
) -> None:
    ours = load_service_model(service)
    theirs = botocore_session.get_service_model(service).operation_model(operation)
    expected = ParamValidator().validate(params, theirs.input_shape).generate_report()
    assert expected, "every edge case is invalid"
    shape_name = ours.operation_model(operation).input_shape_name
    assert "\n".join(param_errors(ours, shape_name, params)) == expected
    assert not is_valid(ours, shape_name, params)
