"""Safe, fast XML parsing of response bodies into ``xml.etree`` elements.

Rules:

1. Only the C expat parser behind ``xml.etree.ElementTree.XMLParser`` is used (no minidom, no DOM).
2. Document type declarations are refused before expat sees a byte. A DTD is the only place where
   entities can be declared, and it may only appear in the prolog, so scanning the prolog (the XML
   declaration, processing instructions, comments and whitespace before the root element) for
   ``<!DOCTYPE`` is enough: entity-expansion bombs ("billion laughs", external entities) are
   rejected in time proportional to the prolog, not to the expansion. Without a DTD expat rejects
   any reference to an undeclared entity itself.
3. The body is always decoded as UTF-8 (as botocore does), so a document cannot smuggle a DOCTYPE
   past the scan in another encoding.
"""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element, ParseError, TreeBuilder, XMLParser

from .errors import ResponseParserError, UnsafeXMLError

__all__ = ["Element", "check_prolog", "element_to_dict", "parse_xml", "strip_ns"]

_WHITESPACE = b" \t\r\n"


def check_prolog(body: bytes) -> None:
    """Raise :class:`UnsafeXMLError` if ``body`` declares a document type."""
    pos = 0
    end = len(body)
    if body.startswith(b"\xef\xbb\xbf"):
        pos = 3
    while pos < end:
        byte = body[pos]
        if byte in _WHITESPACE:
            pos += 1
            continue
        if body.startswith(b"<?", pos):
            close = body.find(b"?>", pos + 2)
            if close < 0:
                return  # unterminated; expat reports it
            pos = close + 2
            continue
        if body.startswith(b"<!--", pos):
            close = body.find(b"-->", pos + 4)
            if close < 0:
                return
            pos = close + 3
            continue
        if body.startswith(b"<!DOCTYPE", pos):  # any other "<!" here is a syntax error to expat
            raise UnsafeXMLError(
                "Refusing to parse XML response: it contains a document type declaration "
                "(DOCTYPE/ENTITY declarations are not allowed in AWS responses)"
            )
        return


def parse_xml(body: bytes | str) -> Element:
    """Parse a whole document and return its root element."""
    data = body.encode("utf-8") if isinstance(body, str) else bytes(body)
    check_prolog(data)
    # Safe: check_prolog refused any DTD, so no entity can be declared or expanded.
    parser = XMLParser(target=TreeBuilder(), encoding="utf-8")  # noqa: S314
    try:
        parser.feed(data)
        root: Element = parser.close()
    except ParseError as exc:
        raise ResponseParserError(  # botocore shows the body as given (bytes repr for bytes)
            f"Unable to parse response ({exc}), invalid XML received. Further retries may succeed:\n{body!s}"
        ) from None
    return root


def strip_ns(tag: str) -> str:
    """``{namespace}Name`` -> ``Name``; other tags unchanged."""
    if tag[:1] == "{":
        return tag.rpartition("}")[2]
    return tag


def element_to_dict(element: Element) -> dict[str, Any]:
    """Generic element -> dict used for error bodies (botocore's ``_replace_nodes`` rules).

    Repeated child names keep only the first element; leaves give their text (``None`` if empty).
    """
    mapping: dict[str, Any] = {}
    for child in element:
        tag = strip_ns(child.tag)
        existing = mapping.get(tag)
        if existing is None:
            mapping[tag] = child
        elif isinstance(existing, list):
            existing.append(child)
        else:
            mapping[tag] = [existing, child]
    result: dict[str, Any] = {}
    for tag, value in mapping.items():
        if isinstance(value, list):
            result[tag] = element_to_dict(value[0])
        elif len(value):
            result[tag] = element_to_dict(value)
        else:
            result[tag] = value.text
    return result
