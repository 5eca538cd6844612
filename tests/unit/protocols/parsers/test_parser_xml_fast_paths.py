"""The XML parsing fast paths give the same results as the general ones.

* ``parse_xml(local_names=True)`` drops only a plain root's default namespace, keeps everything else,
  refuses DTDs the same way and reports a broken document with the original bytes' message.
* The structure walk: namespaced, unknown, flattened, attribute and inlined scalar members.
* The ISO 8601 ``Z`` timestamp fast path equals the general parser (value and ``tzinfo``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from awsession._core.http import HttpResponse
from awsession.model.shapes import ServiceModel
from awsession.protocols.parsers import timestamps
from awsession.protocols.parsers.errors import ResponseParserError, UnsafeXMLError
from awsession.protocols.parsers.registry import parse
from awsession.protocols.parsers.timestamps import parse_timestamp
from awsession.protocols.parsers.xmldoc import check_prolog, parse_xml


def _tags(body: bytes, *, local_names: bool) -> list[str]:
    return [element.tag for element in parse_xml(body, local_names=local_names).iter()]


def test_plain_root_default_namespace_is_dropped() -> None:
    body = b'<?xml version="1.0"?>\n<R xmlns="urn:x"><A>1</A><B><C/></B></R>'
    assert _tags(body, local_names=True) == ["R", "A", "B", "C"]
    assert _tags(body, local_names=False) == ["{urn:x}R", "{urn:x}A", "{urn:x}B", "{urn:x}C"]


@pytest.mark.parametrize(
    "body",
    [
        b'<R xmlns="urn:x" a="1"><A>1</A></R>',  # another attribute
        b"<R xmlns='urn:x'><A>1</A></R>",  # not the exact form AWS sends
        b'<p:R xmlns:p="urn:x"><p:A>1</p:A></p:R>',  # prefixed root
        b'<R  xmlns="urn:x"><A>1</A></R>',
    ],
)
def test_other_roots_are_parsed_as_sent(body: bytes) -> None:
    assert _tags(body, local_names=True) == _tags(body, local_names=False)


def test_nested_declarations_and_attributes_are_kept() -> None:
    body = (
        b'<R xmlns="urn:x"><p:A xmlns:p="urn:p" p:k="v">1</p:A>'
        b'<G xmlns:xsi="urn:xsi" xsi:type="T"/><I xmlns="urn:i"><J/></I></R>'
    )
    root = parse_xml(body, local_names=True)
    assert [element.tag for element in root.iter()] == ["R", "{urn:p}A", "G", "{urn:i}I", "{urn:i}J"]
    assert root[0].attrib == {"{urn:p}k": "v"}
    assert root[1].attrib == {"{urn:xsi}type": "T"}


def test_broken_document_reports_the_original_bytes() -> None:
    body = b'<R xmlns="urn:example"><A>1</B></R>'
    with pytest.raises(ResponseParserError) as general:
        parse_xml(body)
    with pytest.raises(ResponseParserError) as fast:
        parse_xml(body, local_names=True)
    assert str(fast.value) == str(general.value)
    assert "column 29" in str(fast.value)  # the column in the bytes as sent


def test_doctype_is_refused_with_local_names() -> None:
    body = b'<!DOCTYPE R [<!ENTITY e "x">]><R xmlns="urn:x">&e;</R>'
    with pytest.raises(UnsafeXMLError):
        parse_xml(body, local_names=True)


@pytest.mark.parametrize(
    ("body", "offset"),
    [
        (b"<r/>", 0),
        (b'<?xml version="1.0"?>\n<r/>', 22),
        (b"\xef\xbb\xbf<!-- c -->  <r/>", 15),
        (b"  ", 2),
        (b"<?xml", 5),
    ],
)
def test_check_prolog_returns_where_the_root_starts(body: bytes, offset: int) -> None:
    assert check_prolog(body) == offset


def _query_model() -> ServiceModel:
    return ServiceModel(
        {
            "metadata": {"protocol": "query", "apiVersion": "2010-05-08"},
            "operations": {
                "Op": {"name": "Op", "output": {"shape": "Out", "resultWrapper": "OpResult"}},
            },
            "shapes": {
                "Out": {
                    "type": "structure",
                    "members": {
                        "Name": {"shape": "S"},
                        "Count": {"shape": "I"},
                        "Flag": {"shape": "B"},
                        "When": {"shape": "T"},
                        "Ratio": {"shape": "F"},
                        "Items": {"shape": "L", "flattened": True, "locationName": "item"},
                        "Inner": {"shape": "In"},
                    },
                },
                "In": {
                    "type": "structure",
                    "members": {
                        "Id": {"shape": "S"},
                        "Kind": {"shape": "S", "xmlAttribute": True, "locationName": "kind"},
                    },
                },
                "L": {"type": "list", "member": {"shape": "S"}, "flattened": True},
                "S": {"type": "string"},
                "I": {"type": "integer"},
                "B": {"type": "boolean"},
                "T": {"type": "timestamp"},
                "F": {"type": "double"},
            },
        },
        "example",
    )


def _parse_query(body: bytes) -> dict[str, Any]:
    return parse(_query_model().operation_model("Op"), HttpResponse(200, {}, body))


@pytest.mark.parametrize("xmlns", ["", ' xmlns="urn:x"', ' xmlns="urn:x" a="1"'])
def test_structure_walk_reads_every_member_kind(xmlns: str) -> None:
    body = (
        f"<OpResponse{xmlns}><OpResult><Unknown>u</Unknown><Name>n</Name><item>a</item>"
        "<Count>42</Count><Flag>true</Flag><When>2024-05-01T00:00:00.000Z</When><item>b</item>"
        '<Ratio>1.5</Ratio><Inner kind="k"><Id>i</Id></Inner><Name>last</Name></OpResult>'
        "<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></OpResponse>"
    ).encode()
    for _ in range(2):  # the second pass goes through the tag cache
        parsed = _parse_query(body)
        assert parsed["Name"] == "last"  # repeated: the last wins (botocore returns the raw elements)
        assert parsed["Items"] == ["a", "b"]
        assert parsed["Count"] == 42 and parsed["Flag"] is True and parsed["Ratio"] == 1.5
        assert parsed["When"] == datetime(2024, 5, 1, tzinfo=timestamps.UTC)
        assert parsed["Inner"] == {"Id": "i", "Kind": "k"}
        assert "Unknown" not in parsed
        assert parsed["ResponseMetadata"]["RequestId"] == "r"


@pytest.mark.parametrize(
    "value",
    [
        "2024-05-02T02:11:59.000Z",
        "2024-05-02T02:11:59Z",
        "2024-12-31T23:59:59.999Z",
        "2024-05-02T02:11:59,500Z",
        "2024-02-30T02:11:59.000Z",  # invalid date: both paths refuse it
        "2024-05-02T02:11:5x.000Z",
    ],
)
def test_z_fast_path_matches_the_general_parser(value: str) -> None:
    try:
        expected: datetime | None = timestamps._parse_string(value)
    except ValueError:
        expected = None
    if expected is None:
        with pytest.raises(ValueError):
            parse_timestamp(value)
        return
    parsed = parse_timestamp(value)
    assert parsed == expected
    assert parsed.tzinfo is timestamps.UTC
