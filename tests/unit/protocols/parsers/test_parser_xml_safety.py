"""XML safety: DTDs (and so entity bombs) are refused before expat reads the document."""

from __future__ import annotations

import pytest

from awsession._core.http import HttpResponse
from awsession.model.shapes import ServiceModel
from awsession.protocols.parsers.errors import ResponseParserError, UnsafeXMLError
from awsession.protocols.parsers.registry import parse
from awsession.protocols.parsers.xmldoc import parse_xml

BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!-- a comment first -->\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + b"".join(
        f' <!ENTITY lol{i} "{"&lol{};".format(i - 1 if i > 1 else "") * 10}">\n'.encode()
        for i in range(1, 10)
    )
    + b"]>\n<ListUsersResponse><ListUsersResult><Marker>&lol9;</Marker></ListUsersResult></ListUsersResponse>"
)


def _operation() -> object:
    model = ServiceModel(
        {
            "metadata": {"protocol": "query", "apiVersion": "2010-05-08"},
            "operations": {
                "ListUsers": {
                    "name": "ListUsers",
                    "output": {"shape": "Out", "resultWrapper": "ListUsersResult"},
                }
            },
            "shapes": {
                "Out": {"type": "structure", "members": {"Marker": {"shape": "S"}}},
                "S": {"type": "string"},
            },
        }
    )
    return model.operation_model("ListUsers")


@pytest.mark.timeout(5)
def test_billion_laughs_is_refused_quickly() -> None:
    with pytest.raises(UnsafeXMLError, match="document type declaration"):
        parse(_operation(), HttpResponse(200, {}, BILLION_LAUGHS))  # type: ignore[arg-type]


def test_external_entity_is_refused() -> None:
    body = b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>'
    with pytest.raises(UnsafeXMLError):
        parse_xml(body)


def test_undeclared_entity_is_a_parse_error() -> None:
    with pytest.raises(ResponseParserError, match="invalid XML"):
        parse_xml(b"<r>&lol;</r>")


def test_doctype_text_inside_the_document_is_fine() -> None:
    root = parse_xml(b"<?xml version='1.0'?><!-- <!DOCTYPE in a comment --><r><![CDATA[<!DOCTYPE x>]]></r>")
    assert root.text == "<!DOCTYPE x>"


def test_ok_document_parses() -> None:
    parsed = parse(
        _operation(),
        HttpResponse(
            200,
            {},
            b"<ListUsersResponse><ListUsersResult><Marker>m</Marker></ListUsersResult></ListUsersResponse>",
        ),
    )  # type: ignore[arg-type]
    assert parsed["Marker"] == "m"
