"""Validator report text on a small model, written out by hand; caching and recursion."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest

from awsession.exceptions import ParamValidationError
from awsession.model.shapes import ServiceModel
from awsession.model.validate import param_errors, validate_params

MODEL: dict[str, Any] = {
    "metadata": {"serviceId": "T"},
    "operations": {},
    "shapes": {
        "In": {"type": "structure", "required": ["Name", "Count"], "members": {
            "Name": {"shape": "Name"}, "Count": {"shape": "Count"}, "Tags": {"shape": "Tags"},
            "Ids": {"shape": "Ids"}, "When": {"shape": "When"}, "Data": {"shape": "Data"},
            "Node": {"shape": "Node"}, "Pick": {"shape": "Pick"}, "Doc": {"shape": "Doc"},
            "Host": {"shape": "Plain", "hostLabel": True}, "Ratio": {"shape": "Ratio"},
            "Flag": {"shape": "Flag"}, "Json": {"shape": "Plain", "jsonvalue": True, "location": "header"},
            "Color": {"shape": "Color"},
        }},
        "Name": {"type": "string", "min": 3, "max": 5},
        "Plain": {"type": "string"},
        "Color": {"type": "string", "enum": ["red"]},
        "Count": {"type": "integer", "min": 1, "max": 2},
        "Ratio": {"type": "double", "min": 0.5},
        "Flag": {"type": "boolean"},
        "Tags": {"type": "map", "key": {"shape": "Name"}, "value": {"shape": "Plain"}},
        "Ids": {"type": "list", "min": 1, "member": {"shape": "Plain"}},
        "When": {"type": "timestamp"},
        "Data": {"type": "blob"},
        "Node": {"type": "structure", "members": {"Child": {"shape": "Node"}, "V": {"shape": "Count"}}},
        "Pick": {"type": "structure", "union": True, "members": {"A": {"shape": "Plain"}, "B": {"shape": "Plain"}}},
        "Doc": {"type": "structure", "document": True, "members": {}},
    },
}


@pytest.fixture
def svc() -> ServiceModel:
    return ServiceModel(MODEL, "t")


def test_valid_params_pass(svc: ServiceModel) -> None:
    params = {
        "Name": "abc", "Count": 1, "Tags": {"key": "v"}, "Ids": ("a",), "When": "2020-01-01T00:00:00Z",
        "Data": io.BytesIO(b"x"), "Node": {"Child": {"Child": {"V": 5}}}, "Pick": {"B": "x"},
        "Doc": {"a": [1, None, {"b": True}]}, "Host": "h", "Ratio": 1, "Flag": False, "Json": {"a": 1},
        "Color": "not-in-enum",
    }
    assert param_errors(svc, "In", params) == []
    validate_params(svc, "In", params)
    validate_params(svc, None, {"anything": object()})


def test_every_problem_reported_in_order(svc: ServiceModel) -> None:
    params = {
        "Bogus": 1, "Name": "ab", "Tags": {"k": 1}, "Ids": [], "When": "someday", "Data": 5,
        "Node": {"Child": {"V": 0}}, "Pick": {"A": "a", "B": "b"}, "Doc": {".k": {1}}, "Host": "",
        "Ratio": 0.25, "Flag": 1, "Json": {1, 2},
    }
    with pytest.raises(ParamValidationError) as info:
        validate_params(svc, "In", params)
    members = "Name, Count, Tags, Ids, When, Data, Node, Pick, Doc, Host, Ratio, Flag, Json, Color"
    assert str(info.value).split("\n") == [
        "Parameter validation failed:",
        'Missing required parameter in input: "Count"',
        f'Unknown parameter in input: "Bogus", must be one of: {members}',
        "Invalid length for parameter Name, value: 2, valid min length: 3",
        "Invalid length for parameter Tags (key: k), value: 1, valid min length: 3",
        "Invalid type for parameter Tags.k, value: 1, type: <class 'int'>, valid types: <class 'str'>",
        "Invalid length for parameter Ids, value: 0, valid min length: 1",
        "Invalid type for parameter When, value: someday, type: <class 'str'>, "
        "valid types: <class 'datetime.datetime'>, timestamp-string",
        "Invalid type for parameter Data, value: 5, type: <class 'int'>, "
        "valid types: <class 'bytes'>, <class 'bytearray'>, file-like object",
        "Invalid value for parameter Node.Child.V, value: 0, valid min value: 1",
        "Invalid number of parameters set for tagged union structure Pick. "
        "Can only set one of the following keys: A, B.",
        "Invalid type for document parameter k, value: {1}, type: <class 'set'>, valid types: "
        "<class 'str'>, <class 'int'>, <class 'bool'>, <class 'float'>, <class 'list'>, <class 'dict'>",
        "Invalid length for parameter Host, value: 0, valid min length: 1",
        "Invalid value for parameter Ratio, value: 0.25, valid min value: 0.5",
        "Invalid type for parameter Flag, value: 1, type: <class 'int'>, valid types: <class 'bool'>",
        "Invalid parameter Json must be json serializable: Object of type set is not JSON serializable",
    ]


def test_empty_union_and_top_level_type(svc: ServiceModel) -> None:
    assert param_errors(svc, "In", {"Name": "abc", "Count": 1, "Pick": {}}) == [
        "Must set one of the following keys for tagged unionstructure Pick: A, B."
    ]
    assert param_errors(svc, "In", ["x"]) == [
        "Invalid type for parameter input, value: ['x'], type: <class 'list'>, valid types: <class 'dict'>"
    ]


def test_timestamps_accept_datetimes_numbers_and_strings(svc: ServiceModel) -> None:
    base = {"Name": "abc", "Count": 1}
    for when in (datetime.datetime(2020, 1, 1), 0, 1.5, "1577836800", "2020-01-01", "13:05",
                 "Wed, 02 Oct 2002 13:00:00 GMT"):
        assert param_errors(svc, "In", {**base, "When": when}) == [], when
    for when in ("", "nope", None, [1], float("nan")):
        assert len(param_errors(svc, "In", {**base, "When": when})) == 1, when


def test_checks_are_compiled_once_per_shape(svc: ServiceModel) -> None:
    param_errors(svc, "In", {"Name": "abc", "Count": 1})
    compiled = {k: v for k, v in svc.derived.items() if k[0] == "validate" and k[1] != "lock"}
    assert ("validate", "In", "") in compiled
    param_errors(svc, "In", {"Name": "abc", "Count": 1, "Node": {"Child": {}}})
    after = {k: v for k, v in svc.derived.items() if k[0] == "validate" and k[1] != "lock"}
    assert after == compiled
