"""First-stage decoding of a response body in each wire format, with botocore's edge rules.

* JSON: empty -> ``{}``; undecodable -> ``{"message": <body text>}`` (so errors keep the text).
* XML: empty -> an empty element (parses as ``{}``); otherwise the safe parser of ``xmldoc`` (local
  names: the element is only ever read through a parse plan).
* CBOR: empty -> ``{}``; tag-1 timestamps go through the timestamp function.
"""

from __future__ import annotations

import json
from typing import Any

from .cbor import decode as decode_cbor
from .envelope import TimestampParser
from .xmldoc import Element, parse_xml

__all__ = ["load_cbor", "load_json", "load_xml"]


def load_json(body: Any) -> Any:
    if not body:
        return {}
    text = bytes(body).decode("utf-8") if not isinstance(body, str) else body
    try:
        return json.loads(text)
    except ValueError:
        return {"message": text}


def load_xml(body: Any) -> Element:
    if not body:
        return Element("")
    return parse_xml(body, local_names=True)


def load_cbor(body: Any, timestamp: TimestampParser) -> Any:
    if not body:
        return {}
    return decode_cbor(bytes(body), timestamp=timestamp)
