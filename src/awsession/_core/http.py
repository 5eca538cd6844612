"""HTTP values that flow through the pure core.

Theory of operation:

* A serializer turns ``(operation, params)`` into a :class:`SerializedRequest`: method, path, query,
  headers and body, still relative (no scheme or host). It knows nothing about endpoints or auth.
* The pipeline joins it with a resolved endpoint into an :class:`HttpRequest` (absolute URL), signs it
  (returning a new request) and yields it in a ``Send`` effect.
* The transport answers with an :class:`HttpResponse`. ``body`` is ``bytes`` for buffered responses;
  for streaming outputs it is the transport's own readable object, which the core never reads.

Header dicts are plain ``dict[str, str]`` with the case the writer chose; whoever needs
case-insensitive lookup lower-cases the names. Responses carry their header names lower-cased.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

__all__ = ["HttpRequest", "HttpResponse", "SerializedRequest"]


@dataclass(slots=True)
class SerializedRequest:
    """A request as a protocol serializer describes it, before endpoint and auth.

    ``query`` maps a name to a string or a list of strings (repeated keys); ``body`` is ``bytes`` or,
    for streaming inputs, the caller's file-like object or iterable, passed through untouched.
    """

    method: str = "POST"
    url_path: str = "/"
    query: dict[str, Any] = field(default_factory=dict, repr=False)
    headers: dict[str, str] = field(default_factory=dict, repr=False)
    body: Any = field(default=b"", repr=False)
    host_prefix: str | None = None
    # Hints for the pipeline, taken from the operation model.
    checksum_required: bool = False
    request_compression: dict[str, Any] | None = None
    # S3: the path with the bucket, for SigV2 signing, when a customization moved the bucket out.
    auth_path: str | None = None


@dataclass(frozen=True, slots=True)
class HttpRequest:
    """An absolute request ready to sign or send. ``replace()`` gives a changed copy."""

    method: str
    url: str = field(repr=False)  # a presigned or signed URL can carry a signature and token
    headers: dict[str, str] = field(repr=False)  # Authorization, security tokens, SSE-C keys
    body: Any = field(default=b"", repr=False)
    stream_response: bool = False

    def with_headers(self, extra: dict[str, str]) -> HttpRequest:
        headers = dict(self.headers)
        headers.update(extra)
        return replace(self, headers=headers)


@dataclass(frozen=True, slots=True)
class HttpResponse:
    """What the transport received. Header names are lower-case; repeated values joined by ", "."""

    status_code: int
    headers: dict[str, str]
    body: Any = b""
    # The raw header pairs in arrival order, for the rare parser that needs repeats.
    raw_headers: tuple[tuple[str, str], ...] = ()
