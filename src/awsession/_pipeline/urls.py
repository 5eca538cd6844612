"""Join a resolved endpoint with a serialized request's path, host prefix and query.

Rules (as botocore): the request path is appended to the endpoint's own path (one ``/`` between
them); an empty path becomes ``/`` when the endpoint has none; the host prefix goes in front of the
endpoint's host; query pairs are percent-encoded with only ``A-Z a-z 0-9 - _ . ~`` left bare, list
values repeating their key, in insertion order.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

__all__ = ["encode_query", "join_url"]

_SAFE = "-_.~"


def encode_query(query: dict[str, Any]) -> str:
    parts: list[str] = []
    for key, value in query.items():
        k = quote(str(key), safe=_SAFE)
        if isinstance(value, list):
            parts.extend(f"{k}={quote(str(v), safe=_SAFE)}" for v in value)
        else:
            parts.append(f"{k}={quote(str(value), safe=_SAFE)}")
    return "&".join(parts)


def join_url(endpoint_url: str, url_path: str, host_prefix: str | None,
             query: dict[str, Any]) -> str:
    scheme, netloc, base_path, base_query, fragment = urlsplit(endpoint_url)
    path_query = ""
    if "?" in url_path:
        url_path, path_query = url_path.split("?", 1)
    if not url_path or url_path == "/":
        path = base_path or "/"
    elif base_path.endswith("/") and url_path.startswith("/"):
        path = base_path[:-1] + url_path
    else:
        path = base_path + url_path
    if host_prefix:
        netloc = host_prefix + netloc
    encoded = encode_query(query) if query else ""
    full_query = "&".join(q for q in (base_query, path_query, encoded) if q)
    return urlunsplit((scheme, netloc, path, full_query, fragment))
