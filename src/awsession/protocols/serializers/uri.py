"""Percent-encoding for request paths, query strings and form bodies, as AWS expects them.

Rules (the same ones botocore applies):

* Path labels and query strings leave only ``A-Z a-z 0-9 - _ . ~`` bare (space is ``%20``); a greedy
  label (``{Key+}``) also keeps ``/``. Text is UTF-8 first.
* ``encode_query`` joins a serialized ``query`` dict (a list value repeats its key) for the pipeline:
  ``url_path`` may already hold a literal query (``/{Bucket}?acl``), then it is appended with ``&``.
* Form bodies (query/ec2 protocols) use ``application/x-www-form-urlencoded`` rules: space is ``+``.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, quote_plus

__all__ = [
    "encode_form",
    "encode_query",
    "form_quote",
    "join_path_and_query",
    "percent_encode",
    "percent_encode_greedy",
]


# Text that quoting leaves as it is (checked first: most labels and values need no encoding).
_BARE = re.compile(r"[A-Za-z0-9_.~-]*").fullmatch
_BARE_PATH = re.compile(r"[A-Za-z0-9_.~/-]*").fullmatch


def percent_encode(value: str) -> str:
    """A path label or query component: only unreserved characters stay bare."""
    if _BARE(value):
        return value
    return quote(value, safe="")


def percent_encode_greedy(value: str) -> str:
    """A greedy path label: like :func:`percent_encode` but ``/`` stays bare."""
    if _BARE_PATH(value):
        return value
    return quote(value, safe="/")


def encode_query(query: dict[str, Any]) -> str:
    """``k=v&k2=v2`` in insertion order; a list value repeats its key for each element."""
    pairs: list[str] = []
    append = pairs.append
    for key, value in query.items():
        name = quote(key, safe="")
        if isinstance(value, list):
            for element in value:
                append(f"{name}={quote(element, safe='')}")
        else:
            append(f"{name}={quote(value, safe='')}")
    return "&".join(pairs)


def join_path_and_query(url_path: str, query: dict[str, Any]) -> str:
    """The request target: path plus encoded query, honouring a query already in the path."""
    if not query:
        return url_path
    return f"{url_path}{'&' if '?' in url_path else '?'}{encode_query(query)}"


_NEEDS_QUOTING = re.compile(r"[^A-Za-z0-9_.~-]").search


def form_quote(text: str) -> str:
    """One form component: unreserved characters bare, space ``+``, the rest ``%XX`` of UTF-8."""
    if _NEEDS_QUOTING(text) is None:
        return text
    return quote_plus(text, safe="")


def encode_form(pairs: dict[str, str], prefix: str = "") -> bytes:
    """A form body: ``prefix`` (already encoded, e.g. ``Action=X&Version=Y``) then the pairs."""
    parts = [prefix] if prefix else []
    parts.extend(f"{form_quote(k)}={form_quote(v)}" for k, v in pairs.items())
    return "&".join(parts).encode("ascii")
