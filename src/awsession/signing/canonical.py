"""The pieces of a SigV4 canonical request, as pure functions over strings and header maps.

Rules (they pin botocore 1.43's byte-for-byte behaviour):

* Path: the non-S3 rule removes dot segments and repeated slashes, then percent-encodes the
  already-encoded path a second time (``%`` becomes ``%25``; only ``/`` and ``~`` and the unreserved
  set stay bare). The S3 rule takes the path exactly as it is in the URL, even when empty.
* Query: taken from the URL as already encoded by the serializer: split on ``&``, split each pair
  at the first ``=``, sort the ``(key, value)`` pairs, rejoin. Nothing is re-encoded.
* Headers: every header except the excluded hop-by-hop/agent set is signed; names are lower-cased,
  values trimmed with inner whitespace runs folded to one space; names that differ only in case
  are one header whose values are joined by ``,`` in order. ``host`` comes from the URL when the
  request has none (lower-case, default port dropped, IPv6 in brackets).
* Payload: SHA-256 of ``bytes`` bodies; file-like bodies are read in 1 MiB chunks from where they
  are and put back there.

Nothing here reads the clock or does I/O beyond reading a seekable body that the caller handed in.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from hashlib import sha256
from typing import Any
from urllib.parse import SplitResult, quote

__all__ = [
    "EMPTY_SHA256",
    "SIGNED_HEADERS_EXCLUDED",
    "STREAMING_UNSIGNED_PAYLOAD_TRAILER",
    "UNSIGNED_PAYLOAD",
    "canonical_headers",
    "canonical_path",
    "canonical_query",
    "headers_to_sign",
    "host_from_url",
    "payload_sha256",
    "remove_dot_segments",
]

EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD"
STREAMING_UNSIGNED_PAYLOAD_TRAILER = "STREAMING-UNSIGNED-PAYLOAD-TRAILER"

SIGNED_HEADERS_EXCLUDED = frozenset(
    {
        "connection",
        "expect",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "user-agent",
        "x-amzn-trace-id",
    }
)

_DEFAULT_PORTS = {"http": 80, "https": 443}
_CHUNK = 1024 * 1024


def host_from_url(parts: SplitResult) -> str:
    """The ``host`` value to sign: lower-case host, no userinfo, port only when not the default."""
    return _host(parts.scheme, parts.netloc)


@lru_cache(maxsize=256)
def _host(scheme: str, netloc: str) -> str:
    parts = SplitResult(scheme, netloc, "", "", "")
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    port = parts.port
    if port is not None and port != _DEFAULT_PORTS.get(parts.scheme):
        host = f"{host}:{port}"
    return host


def remove_dot_segments(path: str) -> str:
    """RFC 3986 dot-segment removal that also folds repeated slashes (AWS's rule)."""
    if not path:
        return ""
    out: list[str] = []
    for segment in path.split("/"):
        if not segment or segment == ".":
            continue
        if segment == "..":
            if out:
                out.pop()
        else:
            out.append(segment)
    first = "/" if path[0] == "/" else ""
    last = "/" if path[-1] == "/" and out else ""
    return first + "/".join(out) + last


def canonical_path(path: str, *, normalize: bool, double_encode: bool) -> str:
    """The canonical URI. ``normalize=double_encode=False`` is the S3 rule (path as is)."""
    if normalize:
        path = remove_dot_segments(path) or "/"
    if double_encode:
        return quote(path or "/", safe="/~")
    return path


def canonical_query(query: str) -> str:
    """The canonical query string from an already-encoded URL query (pairs sorted, not re-encoded)."""
    if not query:
        return ""
    if "&" not in query:
        key, _, value = query.partition("=")
        return f"{key}={value}"
    pairs = sorted(pair.partition("=")[::2] for pair in query.split("&"))
    return "&".join(f"{key}={value}" for key, value in pairs)


def headers_to_sign(headers: Mapping[str, str], parts: SplitResult) -> dict[str, list[str]]:
    """Lower-cased name -> values (in order) of the headers that are signed, ``host`` included."""
    selected: dict[str, list[str]] = {}
    for name, value in headers.items():
        lname = name.lower()
        if lname in SIGNED_HEADERS_EXCLUDED:
            continue
        values = selected.get(lname)
        if values is None:
            selected[lname] = [value]
        else:
            values.append(value)
    if "host" not in selected:
        selected["host"] = [host_from_url(parts)]
    return selected


def canonical_headers(selected: Mapping[str, list[str]]) -> tuple[str, str]:
    """``(canonical header block without the final newline, signed header names)``."""
    names = sorted(selected)
    lines = []
    for name in names:
        values = selected[name]
        if len(values) == 1:
            folded = " ".join(values[0].split())
        else:
            folded = ",".join(" ".join(v.split()) for v in values)
        lines.append(f"{name}:{folded}")
    return "\n".join(lines), ";".join(names)


def payload_sha256(body: Any) -> str:
    """Hex SHA-256 of a request body: bytes-like, str (UTF-8) or a seekable file-like object."""
    if not body:
        return EMPTY_SHA256
    if isinstance(body, (bytes, bytearray, memoryview)):
        return sha256(body).hexdigest()
    if isinstance(body, str):
        return sha256(body.encode("utf-8")).hexdigest()
    if hasattr(body, "seek") and hasattr(body, "read"):
        position = body.tell()
        digest = sha256()
        while True:
            chunk = body.read(_CHUNK)
            if not chunk:
                break
            digest.update(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
        body.seek(position)
        return digest.hexdigest()
    raise TypeError(
        f"cannot hash a request body of type {type(body).__name__}: pass bytes, a seekable "
        "file-like object, or a precomputed payload_hash"
    )
