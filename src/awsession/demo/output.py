"""How the demo prints: sections, labelled values, side-by-side columns and masked secrets.

Rules:

1. Secrets never reach the stream: callers pass keys and tokens through :func:`mask` (the last four
   characters survive, as ``aws configure list`` shows them) and URLs through :func:`mask_query`.
2. Colour (ANSI) only when the stream is a terminal and ``NO_COLOR`` is not set; otherwise plain
   text, so logs and tests see exactly the words.
3. Temporary paths are printed relative to ``$DEMO`` (the demo's temporary directory), which is
   shown once in full, to keep lines short.
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Sequence
from typing import TextIO
from urllib.parse import parse_qsl, urlsplit

__all__ = ["Printer", "mask", "mask_query", "wants_colour"]

_MASKED_QUERY_KEYS = frozenset({"x-amz-credential", "x-amz-signature", "x-amz-security-token",
                                "signature", "awsaccesskeyid"})

_STYLES: dict[str, str] = {
    "title": "\033[1;36m", "section": "\033[1m", "ok": "\033[32m", "skip": "\033[33m",
    "note": "\033[2m", "code": "\033[36m", "error": "\033[31m",
}
_RESET = "\033[0m"
_LABEL_WIDTH = 27
_WRAP = 100


def mask(secret: str | None) -> str:
    """``****************ABCD``: sixteen stars and the last four characters; ``-`` when unset."""
    if not secret:
        return "-"
    tail = secret[-4:] if len(secret) >= 12 else ""
    return "*" * 16 + tail


def mask_query(url: str) -> str:
    """``url`` with the values of its signing parameters replaced by ``****``."""
    parts = urlsplit(url)
    shown = []
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        shown.append(f"{key}={'****' if key.lower() in _MASKED_QUERY_KEYS else value}")
    query = "&".join(shown)
    return f"{parts.scheme}://{parts.netloc}{parts.path}" + (f"?{query}" if query else "")


def wants_colour(stream: TextIO) -> bool:
    """Colour only on a terminal, and never when ``NO_COLOR`` is set (no-color.org)."""
    if "NO_COLOR" in os.environ:
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty is not None and isatty())


class Printer:
    """Writes the demo's lines to one stream; ``tmp_dir`` is shortened to ``$DEMO`` in values."""

    def __init__(self, stream: TextIO, *, colour: bool) -> None:
        self._stream = stream
        self._colour = colour
        self._tmp_dir: str | None = None

    def set_tmp_dir(self, path: str | None) -> None:
        self._tmp_dir = path

    def short(self, text: str) -> str:
        """``text`` with the temporary directory written as ``$DEMO``."""
        if self._tmp_dir and self._tmp_dir in text:
            return text.replace(self._tmp_dir, "$DEMO")
        return text

    def _style(self, kind: str, text: str) -> str:
        if not self._colour:
            return text
        return f"{_STYLES[kind]}{text}{_RESET}"

    def _write(self, line: str = "") -> None:
        self._stream.write(line + "\n")
        self._stream.flush()

    def title(self, text: str) -> None:
        self._write(self._style("title", text))

    def section(self, number: int, title: str, brief: str) -> None:
        self._write()
        self._write(self._style("section", f"[{number}] {title}"))
        self._write(self._style("note", f"    brief: {brief}"))

    def code(self, lines: Sequence[str]) -> None:
        for line in lines:
            self._write(self._style("code", f"    >>> {line}"))

    def value(self, label: str, value: object, *, raw: bool = False) -> None:
        text = str(value) if raw else self.short(str(value))
        self._write(f"    {label:<{_LABEL_WIDTH}} {text}")

    def item(self, text: str) -> None:
        self._write(f"      - {self.short(text)}")

    def columns(self, headers: Sequence[str], rows: Sequence[tuple[str, Sequence[str]]]) -> None:
        """A table: one label column, then one column per header, each as wide as its content."""
        cells = [[self.short(c) for c in values] for _, values in rows]
        widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
        label_width = max(len(label) for label, _ in rows)
        head = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
        self._write(self._style("section", f"    {'':<{label_width}}  {head}".rstrip()))
        for (label, _), row in zip(rows, cells, strict=True):
            body = "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True))
            self._write(f"    {label:<{label_width}}  {body}".rstrip())

    def ok(self, text: str) -> None:
        self._write(self._style("ok", f"    ok: {self.short(text)}"))

    def skip(self, text: str) -> None:
        self._write(self._style("skip", f"    skipped: {text}"))

    def note(self, text: str) -> None:
        wrapped = textwrap.fill(self.short(text), width=_WRAP, initial_indent="    note: ",
                                subsequent_indent="          ", break_on_hyphens=False)
        self._write(self._style("note", wrapped))

    def plain(self, text: str = "") -> None:
        self._write(self.short(text))
