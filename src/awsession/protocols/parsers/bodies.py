"""First-stage decoding of a JSON response body, with botocore's edge rules.

Empty -> ``{}``; undecodable -> ``{"message": <body text>}`` (so errors keep the text). The XML and
CBOR loaders live with their decoders (``xmldoc.load_xml``, ``cbor.load_cbor``), so a call in one
format does not import the others.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["load_json"]


def load_json(body: Any) -> Any:
    if not body:
        return {}
    text = bytes(body).decode("utf-8") if not isinstance(body, str) else body
    try:
        return json.loads(text)
    except ValueError:
        return {"message": text}
