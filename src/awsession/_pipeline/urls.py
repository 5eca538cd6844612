"""Join a resolved endpoint with a serialized request's path, host prefix and query.

Rules (as botocore): the request path is appended to the endpoint's own path (one ``/`` between
them); an empty path becomes ``/`` when the endpoint has none; the host prefix goes in front of the
endpoint's host; query pairs are percent-encoded with only ``A-Z a-z 0-9 - _ . ~`` left bare, list
values repeating their key, in insertion order.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any
from urllib.parse import SplitResult, quote, urlsplit, urlunsplit

__all__ = ["encode_query", "join_url"]

_SAFE = "-_.~"


def encode_query(query: dict[str, Any]) -> str:
    parts: list[str] = []
    for key, value in query.items():
        k = _quote(str(key))
        if isinstance(value, list):
            parts.extend(f"{k}={_quote(str(v))}" for v in value)
        else:
            parts.append(f"{k}={_quote(str(value))}")
    return "&".join(parts)


_BARE = re.compile(r"[A-Za-z0-9_.~-]*").fullmatch


def _quote(text: str) -> str:
    """``quote(text, safe="-_.~")``, skipped for text it would leave as it is."""
    return text if _BARE(text) else quote(text, safe=_SAFE)


def join_url(endpoint_url: str, url_path: str, host_prefix: str | None,
             query: dict[str, Any]) -> str:
    scheme, netloc, base_path, base_query, fragment = _split(endpoint_url)
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
    if base_query or path_query:
        full_query = "&".join(q for q in (base_query, path_query, encoded) if q)
    else:
        full_query = encoded
    if scheme and netloc and path[:1] == "/" and not fragment:
        # What urlunsplit gives for this (the usual) case, without its checks.
        url = f"{scheme}://{netloc}{path}"
        return f"{url}?{full_query}" if full_query else url
    return urlunsplit((scheme, netloc, path, full_query, fragment))


@lru_cache(maxsize=256)
def _split(endpoint_url: str) -> SplitResult:
    return urlsplit(endpoint_url)
