"""Parse the text of an AWS shared config or credentials file into raw sections.

Pure: text (or bytes) in, plain dicts out; no file system, no profile logic (``files.py`` maps
sections to profiles). The grammar is the one botocore 1.43 accepts through Python's
``configparser.RawConfigParser``, reproduced on purpose, quirks included, so that every file boto3
reads is read the same way here:

* Lines end at ``\\n``, ``\\r\\n`` or ``\\r``. Bytes must be UTF-8 (a byte-order mark is *not*
  skipped, as in botocore).
* A line whose first non-blank character is ``#`` or ``;`` is a comment. There are no inline
  comments: ``region = us-east-1 # eu`` keeps ``us-east-1 # eu`` as the value.
* ``[anything]`` opens a section named ``anything`` exactly (inner spaces kept; text after the last
  ``]`` ignored). ``[DEFAULT]`` is special: its keys are inherited by every other section.
* ``key = value`` or ``key : value`` (the first ``=`` or ``:`` splits); keys are lower-cased, both
  sides trimmed. A line indented deeper than its key line continues that value; a value that starts
  on the next line (``s3 =`` then indented ``name = value`` lines) becomes a nested dict whose keys
  keep their case.
* Errors (all ``ConfigParseError``, whose ``path`` names the file, the line and the reason, never
  the line's text, which may hold a secret): a key before any section, a line with no ``=``/``:``,
  an empty key, the same section or key twice, a nested line without ``=``, invalid UTF-8.
"""

from __future__ import annotations

import re

from awsession.exceptions import ConfigParseError

__all__ = ["IniSections", "parse_ini"]

IniValue = str | dict[str, str]
IniSections = dict[str, dict[str, IniValue]]

_SECTION = re.compile(r"\[(?P<header>.+)\]")
_OPTION = re.compile(r"(?P<option>.*?)\s*(?P<vi>=|:)\s*(?P<value>.*)$")
_NON_SPACE = re.compile(r"\S")
_COMMENT_PREFIXES = ("#", ";")
_DEFAULT_SECTION = "DEFAULT"


def _fail(path: str, line: int, why: str) -> ConfigParseError:
    return ConfigParseError(path=f"{path}, line {line}: {why}", error=why)


def _decode(data: bytes, path: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise _fail(path, line, f"the file is not valid UTF-8 text (byte 0x{data[exc.start]:02x})"
                    ) from None


def _lines(text: str) -> list[str]:
    """Split as a text-mode file iterates: only ``\\n``, ``\\r\\n`` and ``\\r`` end a line."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


class _Value:
    """One key's value while parsing: its pieces and the line each piece came from."""

    __slots__ = ("lines", "pieces")

    def __init__(self, first: str, line: int) -> None:
        self.pieces = [first]
        self.lines = [line]

    def add(self, piece: str, line: int) -> None:
        self.pieces.append(piece)
        self.lines.append(line)


def parse_ini(text: str | bytes, path: str, *, nested: bool = True) -> IniSections:
    """Parse ``text`` (the contents of the file at ``path``) into section -> key -> value.

    ``path`` is only used in error messages. With ``nested=False`` a value that starts on the next
    line stays text (``"\\nname = value"``) instead of becoming a dict.
    """
    if isinstance(text, bytes):
        text = _decode(text, path)
    sections: dict[str, dict[str, _Value]] = {}
    defaults: dict[str, _Value] = {}
    seen_keys: set[tuple[str, str]] = set()
    current: dict[str, _Value] | None = None
    section_name = ""
    key: str | None = None
    indent_level = 0
    deferred: ConfigParseError | None = None
    for number, line in enumerate(_lines(text), start=1):
        stripped = line.strip()
        if stripped.startswith(_COMMENT_PREFIXES):
            continue
        if not stripped:
            if current is not None and key:
                current[key].add("", number)
            continue
        match = _NON_SPACE.search(line)
        indent = match.start() if match else 0
        if current is not None and key and indent > indent_level:
            current[key].add(stripped, number)
            continue
        indent_level = indent
        header = _SECTION.match(stripped)
        if header:
            section_name = header.group("header")
            if section_name == _DEFAULT_SECTION:
                current = defaults
            elif section_name in sections:
                raise _fail(path, number, f"section [{section_name}] appears more than once")
            else:
                current = sections[section_name] = {}
            key = None
            continue
        if current is None:
            why = "a key/value pair before any section"
            if number == 1 and stripped.startswith("\ufeff"):
                why += " (the file starts with a byte-order mark, which is not supported)"
            raise _fail(path, number, why)
        option = _OPTION.match(stripped)
        if option is None:
            deferred = deferred or _fail(path, number, "expected 'key = value' (no '=' or ':')")
            continue
        name = option.group("option").rstrip().lower()
        if not name:
            deferred = deferred or _fail(path, number, "a value with no key before '='")
        if (section_name, name) in seen_keys:
            raise _fail(path, number, f"key {name!r} appears more than once in [{section_name}]")
        seen_keys.add((section_name, name))
        current[name] = _Value(option.group("value").strip(), number)
        key = name
    if deferred is not None:
        raise deferred
    return {name: _finish_section(own, defaults, path, nested) for name, own in sections.items()}


def _finish_section(own: dict[str, _Value], defaults: dict[str, _Value], path: str,
                    nested: bool) -> dict[str, IniValue]:
    result: dict[str, IniValue] = {}
    for name, value in own.items():
        result[name] = _finish_value(value, path, nested)
    for name, value in defaults.items():
        if name not in own:
            result[name] = _finish_value(value, path, nested)
    return result


def _finish_value(value: _Value, path: str, nested: bool) -> IniValue:
    joined = "\n".join(value.pieces).rstrip()
    if not nested or not joined.startswith("\n"):
        return joined
    result: dict[str, str] = {}
    for piece, number in zip(value.pieces, value.lines, strict=True):
        for part in piece.splitlines():
            part = part.strip()
            if not part:
                continue
            name, sep, rest = part.partition("=")
            if not sep:
                raise _fail(path, number, "expected 'name = value' inside a nested section")
            result[name.strip()] = rest.strip()
    return result
