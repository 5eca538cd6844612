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
4. ``local_names=True`` (for bodies read through a parse plan, which matches local names only)
   drops the root's default namespace declaration when the root start tag is exactly
   ``<Name xmlns="uri">``, as AWS sends it: expat then builds plain ``Name`` tags instead of
   ``{uri}Name`` ones, which is measurably cheaper. Prefixed names and nested declarations are left
   alone. A document that fails to parse is parsed again as sent, so error messages (with their
   line and column) are those of the original bytes.
"""

from __future__ import annotations

import re
from typing import Any
from xml.etree.ElementTree import Element, ParseError, TreeBuilder, XMLParser

from .errors import ResponseParserError, UnsafeXMLError

__all__ = ["Element", "check_prolog", "element_to_dict", "load_xml", "parse_xml", "strip_ns"]

_WHITESPACE = b" \t\r\n"
_PLAIN_ROOT = re.compile(rb'<([A-Za-z_][A-Za-z0-9_.-]*) xmlns="[^"<>&]*">')


def check_prolog(body: bytes) -> int:
    """Raise :class:`UnsafeXMLError` if ``body`` declares a document type.

    Returns where the prolog ends: the offset of the root start tag in a well-formed document.
    """
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
                return end  # unterminated; expat reports it
            pos = close + 2
            continue
        if body.startswith(b"<!--", pos):
            close = body.find(b"-->", pos + 4)
            if close < 0:
                return end
            pos = close + 3
            continue
        if body.startswith(b"<!DOCTYPE", pos):  # any other "<!" here is a syntax error to expat
            raise UnsafeXMLError(
                "Refusing to parse XML response: it contains a document type declaration "
                "(DOCTYPE/ENTITY declarations are not allowed in AWS responses)"
            )
        return pos
    return pos


def parse_xml(body: bytes | str, *, local_names: bool = False) -> Element:
    """Parse a whole document and return its root element (see rule 4 for ``local_names``)."""
    data = body.encode("utf-8") if isinstance(body, str) else bytes(body)
    root_at = check_prolog(data)
    if local_names:
        plain = _PLAIN_ROOT.match(data, root_at)
        if plain is not None:
            try:
                return _build(data[:root_at], b"<" + plain.group(1) + b">", memoryview(data)[plain.end() :])
            except ParseError:
                pass  # report the error as the original bytes give it
    try:
        return _build(data)
    except ParseError as exc:
        raise ResponseParserError(  # botocore shows the body as given (bytes repr for bytes)
            f"Unable to parse response ({exc}), invalid XML received. Further retries may succeed:\n{body!s}"
        ) from None


def load_xml(body: Any) -> Element:
    """A response body as XML: empty -> an empty element (parses as ``{}``); otherwise the safe
    parser with local names (the element is only ever read through a parse plan)."""
    if not body:
        return Element("")
    return parse_xml(body, local_names=True)


def _build(*parts: bytes | memoryview) -> Element:
    """Feed the document to expat in ``parts`` (in order, no copies) and return its root."""
    # Safe: check_prolog refused any DTD, so no entity can be declared or expanded.
    parser = XMLParser(target=TreeBuilder(), encoding="utf-8")  # noqa: S314
    for part in parts:
        parser.feed(part)
    root: Element = parser.close()
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
