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

from typing import Any

from .dataclass_compat import LazyDataclassFields
from .frozen import FrozenValue

__all__ = ["HttpRequest", "HttpResponse", "SerializedRequest"]

_set = object.__setattr__
_SERIALIZED_FIELDS = ("method", "url_path", "query", "headers", "body", "host_prefix",
                      "checksum_required", "request_compression", "auth_path")
_SERIALIZED_REPR = ("method", "url_path", "host_prefix", "checksum_required", "request_compression",
                    "auth_path")


class SerializedRequest:
    """A request as a protocol serializer describes it, before endpoint and auth.

    ``query`` maps a name to a string or a list of strings (repeated keys); ``body`` is ``bytes`` or,
    for streaming inputs, the caller's file-like object or iterable, passed through untouched.
    Mutable (customizations edit it), compared by value, unhashable; the repr leaves out query,
    headers and body.
    """

    __slots__ = _SERIALIZED_FIELDS
    __match_args__ = ("method", "url_path", "query", "headers", "body", "host_prefix",
                      "checksum_required", "request_compression", "auth_path")
    __dataclass_fields__ = LazyDataclassFields(_SERIALIZED_FIELDS)
    __hash__ = None  # type: ignore[assignment]

    method: str
    url_path: str
    query: dict[str, Any]
    headers: dict[str, str]
    body: Any
    host_prefix: str | None
    # Hints for the pipeline, taken from the operation model.
    checksum_required: bool
    request_compression: dict[str, Any] | None
    # S3: the path with the bucket, for SigV2 signing, when a customization moved the bucket out.
    auth_path: str | None

    def __init__(self, method: str = "POST", url_path: str = "/", query: dict[str, Any] | None = None,
                 headers: dict[str, str] | None = None, body: Any = b"", host_prefix: str | None = None,
                 checksum_required: bool = False, request_compression: dict[str, Any] | None = None,
                 auth_path: str | None = None) -> None:
        self.method = method
        self.url_path = url_path
        self.query = {} if query is None else query
        self.headers = {} if headers is None else headers
        self.body = body
        self.host_prefix = host_prefix
        self.checksum_required = checksum_required
        self.request_compression = request_compression
        self.auth_path = auth_path

    def _values(self) -> tuple[Any, ...]:
        return tuple([getattr(self, name) for name in _SERIALIZED_FIELDS])

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __repr__(self) -> str:
        inner = ", ".join([f"{name}={getattr(self, name)!r}" for name in _SERIALIZED_REPR])
        return f"{type(self).__qualname__}({inner})"


class HttpRequest(FrozenValue):
    """An absolute request ready to sign or send. ``replace()`` gives a changed copy.

    The repr leaves out the URL (a presigned or signed URL can carry a signature and token), the
    headers (Authorization, security tokens, SSE-C keys) and the body.
    """

    __slots__ = ("body", "headers", "method", "stream_response", "url")
    _fields = ("method", "url", "headers", "body", "stream_response")
    _repr_fields = ("method", "stream_response")
    method: str
    url: str
    headers: dict[str, str]
    body: Any
    stream_response: bool

    def __init__(self, method: str, url: str, headers: dict[str, str], body: Any = b"",
                 stream_response: bool = False) -> None:
        _set(self, "method", method)
        _set(self, "url", url)
        _set(self, "headers", headers)
        _set(self, "body", body)
        _set(self, "stream_response", stream_response)

    def with_headers(self, extra: dict[str, str]) -> HttpRequest:
        headers = dict(self.headers)
        headers.update(extra)
        return HttpRequest(self.method, self.url, headers, self.body, self.stream_response)


class HttpResponse(FrozenValue):
    """What the transport received. Header names are lower-case; repeated values joined by ", ".

    ``raw_headers`` holds the header pairs in arrival order, for the rare parser that needs repeats.
    """

    __slots__ = ("body", "headers", "raw_headers", "status_code")
    _fields = ("status_code", "headers", "body", "raw_headers")
    status_code: int
    headers: dict[str, str]
    body: Any
    raw_headers: tuple[tuple[str, str], ...]

    def __init__(self, status_code: int, headers: dict[str, str], body: Any = b"",
                 raw_headers: tuple[tuple[str, str], ...] = ()) -> None:
        _set(self, "status_code", status_code)
        _set(self, "headers", headers)
        _set(self, "body", body)
        _set(self, "raw_headers", raw_headers)
