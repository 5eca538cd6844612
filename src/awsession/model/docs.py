"""Docstrings for generated client methods, built from the model when ``__doc__`` is first read.

Layout (reStructuredText, like boto3's, so ``help(client.put_object)`` reads the same way):

1. the operation's documentation, HTML turned into wrapped paragraphs and ``*`` bullets;
2. ``**Request Syntax**``: a sample call showing every input member with a placeholder value;
3. one ``:type:``/``:param:`` pair per top-level input member, ``**[REQUIRED]**`` first when
   required;
4. ``:rtype: dict`` and ``**Response Syntax**``: the output shape as a sample dict.

Nothing here runs until a docstring is asked for; nothing is cached here (the caller caches the
string on the method). Samples stop at a fixed depth and at recursive shapes.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

from awsession.model.shapes import OperationModel

__all__ = ["html_to_text", "operation_docstring"]

_MAX_DEPTH = 8
_WIDTH = 79
_PLACEHOLDERS = {
    "string": "'string'", "integer": "123", "long": "123", "float": "123.0", "double": "123.0",
    "boolean": "True|False", "timestamp": "datetime(2015, 1, 1)", "blob": "b'bytes'",
}
_TYPE_NAMES = {"structure": "dict", "map": "dict", "list": "list", "blob": "bytes"}


class _TextCollector(HTMLParser):
    """Collects paragraphs; ``<li>`` items become ``* `` bullets and ``<code>`` becomes literal."""

    _BLOCKS = frozenset({"p", "div", "ul", "ol", "br", "h1", "h2", "h3", "h4", "note", "important"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.current: list[str] = []
        self.bullet = False

    def flush(self) -> None:
        text = " ".join("".join(self.current).split())
        self.current = []
        if text:
            self.paragraphs.append(("* " if self.bullet else "") + text)
            self.bullet = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._BLOCKS:
            self.flush()
        elif tag == "li":
            self.flush()
            self.bullet = True
        elif tag == "code":
            self.current.append("``")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._BLOCKS or tag == "li":
            self.flush()
        elif tag == "code":
            self.current.append("``")

    def handle_data(self, data: str) -> None:
        self.current.append(data)


def html_to_text(html: str, indent: str = "") -> str:
    """AWS's HTML documentation as plain wrapped paragraphs separated by blank lines."""
    import textwrap

    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    collector.flush()
    out = []
    for paragraph in collector.paragraphs:
        sub = indent + ("  " if paragraph.startswith("* ") else "")
        out.append(textwrap.fill(paragraph.replace("````", ""), _WIDTH, initial_indent=indent,
                                 subsequent_indent=sub))
    return "\n\n".join(out)


class _Sampler:
    def __init__(self, shapes: dict[str, dict[str, Any]]) -> None:
        self.shapes = shapes

    def sample(self, shape_name: str, indent: str, stack: tuple[str, ...]) -> str:
        shape = self.shapes[shape_name]
        kind = shape["type"]
        if kind in _PLACEHOLDERS:
            enum = shape.get("enum")
            if enum:
                return "|".join(repr(e) for e in enum[:8]) + ("|..." if len(enum) > 8 else "")
            return _PLACEHOLDERS[kind]
        if shape_name in stack or len(stack) >= _MAX_DEPTH:
            return "{...}" if kind != "list" else "[...]"
        if shape.get("document"):
            return "{...}|[...]|123|123.4|'string'|True|None"
        inner = indent + "    "
        stack = (*stack, shape_name)
        if kind == "list":
            item = self.sample(shape["member"]["shape"], inner, stack)
            return f"[\n{inner}{item},\n{indent}]"
        if kind == "map":
            value = self.sample(shape["value"]["shape"], inner, stack)
            return f"{{\n{inner}'string': {value}\n{indent}}}"
        lines = [f"{inner}'{m}': {self.sample(ref['shape'], inner, stack)}"
                 for m, ref in shape.get("members", {}).items()]
        return "{\n" + ",\n".join(lines) + f"\n{indent}}}" if lines else "{}"


def _type_name(shape: dict[str, Any]) -> str:
    kind = str(shape["type"])
    return _TYPE_NAMES.get(kind, kind)


def operation_docstring(operation: OperationModel) -> str:
    """The full ``help()`` text of the client method for ``operation``."""
    service = operation.service
    shapes = service.shapes
    sampler = _Sampler(shapes)
    parts: list[str] = []
    if operation.documentation:
        parts.append(html_to_text(operation.documentation))
    if operation.deprecated:
        parts.append(".. danger::\n\n  This operation is deprecated and may not function as expected.")
    shape = operation.input_shape
    members: dict[str, dict[str, Any]] = shape.get("members", {}) if shape else {}
    call = [f"      {m}={sampler.sample(ref['shape'], '      ', ())}," for m, ref in members.items()]
    body = ("\n" + "\n".join(call) + "\n  ") if call else ""
    parts.append(f"**Request Syntax**\n::\n\n  response = client.{operation.python_name}({body})")
    required = set(shape.get("required", ())) if shape else set()
    for member, ref in members.items():
        target = shapes[ref["shape"]]
        lines = [f":type {member}: {_type_name(target)}", f":param {member}: " +
                 ("**[REQUIRED]**" if member in required else "")]
        text = html_to_text(ref.get("documentation") or target.get("documentation", ""), "  ")
        if text:
            lines.append("\n" + text)
        parts.append("\n".join(lines).rstrip())
    output = operation.output_shape_name
    if output is None:
        parts.append(":returns: None")
    else:
        parts.append(":rtype: dict\n:returns:\n\n  **Response Syntax**\n\n  ::\n\n    "
                     + sampler.sample(output, "    ", ()))
    return "\n\n".join(parts) + "\n"
