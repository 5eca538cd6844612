"""REST bindings (rest-json and rest-xml) on small hand-written models."""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
from typing import Any

from awsession.model.shapes import ServiceModel
from awsession.protocols.serializers import rest_json, rest_xml
from awsession.protocols.serializers.uri import encode_query, form_quote, join_path_and_query

SHAPES: dict[str, Any] = {
    "In": {
        "type": "structure",
        "members": {
            "Bucket": {"shape": "Str", "location": "uri", "locationName": "Bucket"},
            "Key": {"shape": "Str", "location": "uri", "locationName": "Key"},
            "Tags": {"shape": "StrList", "location": "querystring", "locationName": "tag"},
            "Flag": {"shape": "Bool", "location": "querystring", "locationName": "flag"},
            "When": {"shape": "Time", "location": "querystring", "locationName": "when"},
            "Extra": {"shape": "StrMap", "location": "querystring"},
            "Since": {"shape": "Time", "location": "header", "locationName": "If-Modified-Since"},
            "Items": {"shape": "StrList", "location": "header", "locationName": "x-items"},
            "Doc": {"shape": "JsonStr", "location": "header", "locationName": "x-doc"},
            "Meta": {"shape": "StrMap", "location": "headers", "locationName": "x-amz-meta-"},
            "Name": {"shape": "Str"},
            "Blob": {"shape": "Blob"},
        },
    },
    "Stream": {
        "type": "structure",
        "members": {"Bucket": {"shape": "Str", "location": "uri", "locationName": "Bucket"}, "Body": {"shape": "Blob"}},
        "payload": "Body",
    },
    "Headers": {"type": "structure", "members": {"H": {"shape": "Str", "location": "header", "locationName": "x-h"}}},
    "Str": {"type": "string"},
    "Bool": {"type": "boolean"},
    "Blob": {"type": "blob"},
    "Time": {"type": "timestamp"},
    "JsonStr": {"type": "string", "jsonvalue": True},
    "StrList": {"type": "list", "member": {"shape": "Str"}},
    "StrMap": {"type": "map", "key": {"shape": "Str"}, "value": {"shape": "Str"}},
}


def _operation(protocol: str, uri: str, shape: str = "In", name: str = "svc") -> Any:
    op = {"name": "Op", "http": {"method": "PUT", "requestUri": uri}, "input": {"shape": shape, "locationName": "Root"}}
    model = {"metadata": {"protocol": protocol, "apiVersion": "1"}, "shapes": SHAPES, "operations": {"Op": op}}
    return ServiceModel(model, name).operation_model("Op")


def test_uri_labels_greedy_and_plain_encoding() -> None:
    request = rest_json.serialize(_operation("rest-json", "/{Bucket}/{Key+}?acl"), {"Bucket": "a b/c", "Key": "x y/ü~z"})
    assert request.url_path == "/a%20b%2Fc/x%20y/%C3%BC~z?acl"
    assert join_path_and_query(request.url_path, {"a": "1"}) == "/a%20b%2Fc/x%20y/%C3%BC~z?acl&a=1"


def test_query_lists_maps_booleans_timestamps() -> None:
    params = {
        "Bucket": "b",
        "Key": "k",
        "Tags": ["x", "y z"],
        "Flag": False,
        "When": dt.datetime(2015, 1, 25, 8, 0, 0, 5),
        "Extra": {"extra": "e", "multi": ["1", "2"]},
    }
    request = rest_json.serialize(_operation("rest-json", "/{Bucket}/{Key+}"), params)
    assert request.query == {
        "tag": ["x", "y z"],
        "flag": "false",
        "when": "2015-01-25T08:00:00.000005Z",
        "extra": "e",
        "multi": ["1", "2"],
    }
    assert encode_query(request.query) == (
        "tag=x&tag=y%20z&flag=false&when=2015-01-25T08%3A00%3A00.000005Z&extra=e&multi=1&multi=2"
    )


def test_headers_timestamps_lists_jsonvalue_and_prefix_maps() -> None:
    params = {
        "Bucket": "b",
        "Key": "k",
        "Since": dt.datetime(2015, 1, 25, 8, 0, 0, 999999),
        "Items": ["plain", "with,comma", 'q"uote'],
        "Doc": {"a": [1, True]},
        "Meta": {"Color": "blue"},
    }
    headers = rest_xml.serialize(_operation("rest-xml", "/{Bucket}/{Key+}"), params).headers
    assert headers == {
        "If-Modified-Since": "Sun, 25 Jan 2015 08:00:00 GMT",
        "x-items": 'plain,"with,comma","q\\"uote"',
        "x-doc": base64.b64encode(b'{"a":[1,true]}').decode(),
        "x-amz-meta-Color": "blue",
    }


def test_empty_list_header_is_left_out() -> None:
    request = rest_json.serialize(_operation("rest-json", "/{Bucket}/{Key+}"), {"Bucket": "b", "Key": "k", "Items": []})
    assert "x-items" not in request.headers


def test_rest_json_body_rules() -> None:
    op = _operation("rest-json", "/{Bucket}/{Key+}")
    with_body = rest_json.serialize(op, {"Bucket": "b", "Key": "k", "Name": "n", "Blob": b"\x00"})
    assert json.loads(with_body.body) == {"Name": "n", "Blob": "AA=="}
    assert with_body.headers["Content-Type"] == "application/json"
    empty = rest_json.serialize(op, {"Bucket": "b", "Key": "k"})
    assert empty.body == b"{}" and empty.headers["Content-Type"] == "application/json"
    headers_only = rest_json.serialize(_operation("rest-json", "/", "Headers"), {"H": "v"})
    assert headers_only.body == b"" and "Content-Type" not in headers_only.headers


def test_rest_xml_body_rules() -> None:
    op = _operation("rest-xml", "/{Bucket}/{Key+}")
    request = rest_xml.serialize(op, {"Bucket": "b", "Key": "k", "Name": "a<&>", "Blob": b"\x01"})
    assert request.body == b"<Root><Name>a&lt;&amp;&gt;</Name><Blob>AQ==</Blob></Root>"
    assert "Content-Type" not in request.headers
    assert rest_xml.serialize(op, {"Bucket": "b", "Key": "k"}).body == b""


def test_streaming_payload_is_passed_through_untouched() -> None:
    stream = io.BytesIO(b"data")
    op = _operation("rest-xml", "/{Bucket}", "Stream")
    assert rest_xml.serialize(op, {"Bucket": "b", "Body": stream}).body is stream
    assert rest_xml.serialize(op, {"Bucket": "b", "Body": "text é"}).body == "text é".encode()
    assert rest_xml.serialize(op, {"Bucket": "b"}).body == b""
    json_op = _operation("rest-json", "/{Bucket}", "Stream")
    assert "Content-Type" not in rest_json.serialize(json_op, {"Bucket": "b", "Body": b"x"}).headers


def test_millisecond_precision_service() -> None:
    op = _operation("rest-json", "/{Bucket}/{Key+}", name="bedrock-agentcore")
    request = rest_json.serialize(op, {"Bucket": "b", "Key": "k", "When": dt.datetime(2020, 1, 1)})
    assert request.query["when"] == "2020-01-01T00:00:00.000Z"


def test_form_quote_fast_path_and_escapes() -> None:
    assert form_quote("Plain-Text_1.~") == "Plain-Text_1.~"
    assert form_quote("a b/c:é") == "a+b%2Fc%3A%C3%A9"
