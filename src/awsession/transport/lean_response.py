"""An ``http.client`` response that reads its header block without the e-mail parser.

``http.client`` hands every response head to :mod:`email`'s feed parser, about 50 µs for a dozen
headers; the transport's short path (``urllib3.py``, rule 5) only needs the header pairs. This
response class reads the status line with ``http.client``'s own method, then the header lines
itself, and sets every attribute ``http.client`` sets after its ``begin`` so reading the body
(fixed length, chunked, until close) is unchanged. Rules, the e-mail parser's results:

1. A header line is ``name: value``; the value loses leading blanks and the line end (lines end
   at ``\r\n``, ``\r`` or ``\n``, as the e-mail parser splits them). A line that
   starts with a blank continues the previous value (line breaks kept, as the e-mail parser
   keeps them). A line that is neither ends the headers: the rest of the head is dropped. A
   continuation with nothing to continue, a ``From `` line and a line starting with ``:`` are
   skipped.
2. ``headers.get(name)`` (and ``headers[name]``) is case-insensitive and gives the first value,
   ``get_all(name)`` every value; ``items()`` every pair in arrival order; ``joined()`` a dict of
   lower-cased names, repeated ones with their values joined by ``", "``.
3. The head is capped as ``http.client`` caps it: a line over 65,536 bytes is ``LineTooLong``,
   more than 100 header lines an ``HTTPException``. Interim ``100 Continue`` heads are skipped.
"""

from __future__ import annotations

import http.client
import io
import re

__all__ = ["HeaderPairs", "LeanResponse"]

_MAX_LINE = 65536
_MAX_HEADERS = 100
_END = (b"\r\n", b"\n", b"")
# What the e-mail parser accepts as the start of a header line (a name of visible characters but
# ``:``, then ``:``), or a continuation (a leading blank).
_HEADER_LINE = re.compile(r"From |[\041-\071\073-\176]*:|[\t ]")
# The usual head: every line ``name:value`` (no continuation, no ``From ``, no empty name) ended
# by a line break, then the blank line (or the end of the stream). Such a head's pairs are what
# the line-by-line rules give, found in one pass.
_PLAIN_HEAD = re.compile(r"(?:[\041-\071\073-\176]+:[^\r\n]*\r?\n)*\r?\n?")
_PLAIN_LINE = re.compile(r"([\041-\071\073-\176]+):[ \t]*([^\r\n]*)\r?\n")


class HeaderPairs:
    """The response's headers: ``get`` (case-insensitive, first value) and ``items``."""

    __slots__ = ("_first", "_joined", "_pairs")

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self._pairs = pairs
        joined: dict[str, str] = {}
        first: dict[str, str] | None = None  # only when a name repeats: else ``joined`` says it
        for key, value in pairs:
            lkey = key.lower()
            if lkey in joined:
                if first is None:
                    first = dict(joined)
                joined[lkey] = f"{joined[lkey]}, {value}"
            else:
                joined[lkey] = value
                if first is not None:
                    first[lkey] = value
        self._joined = joined
        self._first = first

    def get(self, name: str, default: str | None = None) -> str | None:
        return (self._joined if self._first is None else self._first).get(name.lower(), default)

    def joined(self) -> dict[str, str]:
        """Lower-cased names, each with its values joined by ``", "`` in arrival order."""
        return dict(self._joined)

    def get_all(self, name: str, failobj: list[str] | None = None) -> list[str] | None:
        lname = name.lower()
        values = [value for key, value in self._pairs if key.lower() == lname]
        return values or failobj

    def __getitem__(self, name: str) -> str | None:
        return self.get(name)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.get(name) is not None

    def items(self) -> list[tuple[str, str]]:
        return list(self._pairs)

    def __iter__(self):  # type: ignore[no-untyped-def]  # the header names, as Message gives
        return (key for key, _ in self._pairs)


def _read_head_lines(fp: object) -> list[bytes]:
    lines: list[bytes] = []
    readline = fp.readline  # type: ignore[attr-defined]
    while True:
        line = readline(_MAX_LINE + 1)
        if len(line) > _MAX_LINE:
            raise http.client.LineTooLong("header line")
        lines.append(line)
        if len(lines) > _MAX_HEADERS:
            raise http.client.HTTPException(f"got more than {_MAX_HEADERS} headers")
        if line in _END:
            return lines


def _pairs(lines: list[bytes]) -> list[tuple[str, str]]:
    head = b"".join(lines).decode("iso-8859-1")
    if _PLAIN_HEAD.fullmatch(head):
        return _PLAIN_LINE.findall(head)
    return _pairs_line_by_line(head)


def _pairs_line_by_line(head: str) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    name: str | None = None
    value = ""
    # The e-mail parser's lines end at "\r\n", "\r" or "\n" (a bare "\r" too, unlike readline).
    for line in io.StringIO(head, newline="").readlines():
        if not _HEADER_LINE.match(line):
            break
        if line[0] in " \t":
            if name is not None:
                value += line
            continue
        if name is not None:
            pairs.append((name, value.rstrip("\r\n")))
            name = None
        if line.startswith("From ") or line[0] == ":":
            continue
        name, _, rest = line.partition(":")
        value = rest.lstrip(" \t")
    if name is not None:
        pairs.append((name, value.rstrip("\r\n")))
    return pairs


class LeanResponse(http.client.HTTPResponse):
    """``http.client.HTTPResponse`` with the header block read as the module docstring says."""

    def begin(self) -> None:
        if getattr(self, "headers", None) is not None:  # begun already
            return
        while True:
            version, status, reason = self._read_status()  # type: ignore[attr-defined]
            if status != http.client.CONTINUE:
                break
            _read_head_lines(self.fp)
        self.code = self.status = status
        self.reason = reason.strip()
        if version in ("HTTP/1.0", "HTTP/0.9"):
            self.version = 10
        elif version.startswith("HTTP/1."):
            self.version = 11
        else:
            raise http.client.UnknownProtocol(version)
        headers = HeaderPairs(_pairs(_read_head_lines(self.fp)))
        self.headers = self.msg = headers  # type: ignore[assignment]
        encoding = headers.get("transfer-encoding")
        self.chunked = bool(encoding) and encoding.lower() == "chunked"  # type: ignore[union-attr]
        self.chunk_left = None
        self.will_close = self._check_close()  # type: ignore[attr-defined]
        self.length = None
        declared = headers.get("content-length")
        if declared and not self.chunked:
            try:
                length = int(declared)
            except ValueError:
                length = -1
            self.length = length if length >= 0 else None
        if status in (204, 304) or 100 <= status < 200 or self._method == "HEAD":  # type: ignore[attr-defined]
            self.length = 0
        if not self.will_close and not self.chunked and self.length is None:
            self.will_close = True
