"""Edit the shared config and credentials files without ever losing or corrupting them.

This module is the pure half: file text and edits in, new text out (:func:`edit_text`). The disk
half -- lock, read, atomic replace -- is :mod:`awsession.config.filewrite`.

Rules of the text edit (``edit_text``):

1. The text must parse (``inifile.parse_ini``); a malformed file raises ``ConfigParseError``
   naming the file and line, and is never rewritten.
2. Only what an edit names changes. Every other byte -- other sections, comments, blank lines, key
   order, line endings -- stays as it was.
3. An existing key's line is rewritten as ``key = value`` (its indentation kept, since indentation
   decides what continues what); the lines that continued its old value go. A new key goes right
   after the section's last option, indented as that option; a new section is appended at the end
   as ``[header]`` followed by its ``key = value`` lines. Nested keys are ``s3 =`` plus indented
   ``name = value`` lines (indented as their siblings, else four spaces deeper than the key).
   New lines use the file's first line ending (``\\n`` for an empty file).
4. Values with line breaks, other control characters, ``[`` or ``]``, or surrounding blanks are
   refused (they would not read back as written). Messages name keys and files, never values.
5. The result is parsed again and compared with the original: the edited keys must read back as
   written and every other value must be unchanged, or nothing is written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from awsession.config.inifile import IniSections, parse_ini

__all__ = ["ConfigWriteError", "InvalidValueError", "SectionEdit", "edit_text", "validate_edit"]

EditValue = str | Mapping[str, str]

_EOL = re.compile(r"\r\n|\r|\n")
_SECTION = re.compile(r"\[(?P<header>.+)\]")
_OPTION = re.compile(r"(?P<option>.*?)\s*(?P<vi>=|:)\s*(?P<value>.*)$")
_KEY = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*\Z")
_BAD_VALUE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f\[\]]")
_BAD_HEADER = re.compile(r"[\x00-\x1f\x7f\[\]]")
_NESTED_INDENT = "    "


class ConfigWriteError(Exception):
    """A write was refused or failed; the file is untouched. Never carries a value."""


class InvalidValueError(ConfigWriteError, ValueError):
    """A key, value or section name that cannot be written so that it reads back the same."""


@dataclass(frozen=True, slots=True)
class SectionEdit:
    """Set ``values`` in the section headed ``[header]`` (created at the end when missing).

    ``match`` recognises other headers that name the same section (``[profile "dev"]``); the last
    matching section in the file is edited, since that is the one readers use.
    """

    header: str
    values: Mapping[str, EditValue]
    match: Callable[[str], bool] | None = field(default=None, compare=False)

    def matches(self, header: str) -> bool:
        return header == self.header or (self.match is not None and self.match(header))


# -- validation -----------------------------------------------------------------------------------

def _check_name(name: str, what: str) -> None:
    if not _KEY.match(name):
        raise InvalidValueError(f"invalid {what} name {name!r}: use letters, digits, '_', '-', '.'")


def _check_value(key: str, value: str, path: str) -> None:
    if _BAD_VALUE.search(value):
        raise InvalidValueError(f"the value for {key!r} ({path}) contains a line break, a control "
                                "character, '[' or ']', which the config file format cannot hold")
    if value != value.strip():
        raise InvalidValueError(f"the value for {key!r} ({path}) starts or ends with blanks, which "
                                "the config file format drops")


def validate_edit(edit: SectionEdit, path: str) -> None:
    """Raise ``InvalidValueError`` unless every name and value of ``edit`` can be written."""
    if not edit.header.strip() or _BAD_HEADER.search(edit.header) or edit.header == "DEFAULT" \
            or edit.header != edit.header.strip():
        raise InvalidValueError(f"invalid section name {edit.header!r} for {path}")
    for key, value in edit.values.items():
        _check_name(key, "key")
        if isinstance(value, str):
            _check_value(key, value, path)
            continue
        if not value:
            raise InvalidValueError(f"nested key {key!r} ({path}) needs at least one value")
        for sub, subvalue in value.items():
            _check_name(sub, "nested key")
            _check_value(f"{key}.{sub}", subvalue, path)


# -- the layout of a parsed file ------------------------------------------------------------------

@dataclass(slots=True)
class _Option:
    line: int
    indent: str
    empty_first: bool
    last: int
    continuation: list[int] = field(default_factory=list)
    children: dict[str, int] = field(default_factory=dict)
    child_indent: str | None = None


@dataclass(slots=True)
class _Section:
    header: str
    line: int
    options: dict[str, _Option] = field(default_factory=dict)

    def end_of_options(self) -> int:
        return max((option.last for option in self.options.values()), default=self.line)


def _split_lines(text: str) -> list[str]:
    """Lines with their own endings (``\\n``, ``\\r\\n`` or ``\\r``), as the parser splits them."""
    lines: list[str] = []
    start = 0
    for match in _EOL.finditer(text):
        lines.append(text[start:match.end()])
        start = match.end()
    if start < len(text):
        lines.append(text[start:])
    return lines


def _scan(lines: list[str]) -> list[_Section]:
    """Where each section and option sits, classified exactly as ``parse_ini`` does."""
    sections: list[_Section] = []
    current: _Section | None = None
    key: _Option | None = None
    indent_level = 0
    for number, raw in enumerate(lines):
        line = raw.rstrip("\r\n")
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", ";")):
            continue
        indent = len(line) - len(line.lstrip())
        if current is not None and key is not None and indent > indent_level:
            key.last = number
            key.continuation.append(number)
            name, sep, _ = stripped.partition("=")
            if key.empty_first and sep:
                key.children[name.strip()] = number
                if key.child_indent is None:
                    key.child_indent = line[:indent]
            continue
        indent_level = indent
        header = _SECTION.match(stripped)
        if header:
            current = _Section(header.group("header"), number)
            sections.append(current)
            key = None
            continue
        option = _OPTION.match(stripped)
        if current is None or option is None:
            key = None
            continue
        key = _Option(number, line[:indent], not option.group("value").strip(), number)
        current.options[option.group("option").rstrip().lower()] = key
    return sections


# -- the pure edit --------------------------------------------------------------------------------

def _eol_of(lines: list[str]) -> str:
    for line in lines:
        match = _EOL.search(line)
        if match:
            return match.group(0)
    return "\n"


def _set_key(lines: list[str], section: _Section, key: str, value: EditValue, eol: str) -> None:
    """Apply one key to ``lines`` in place (``section`` describes the current ``lines``)."""
    option = section.options.get(key.lower())
    if option is None:
        at = section.end_of_options() + 1
        indent = ""
        if section.options:
            indent = max(section.options.values(), key=lambda o: o.line).indent
        new = [f"{indent}{key} = {value}{eol}"] if isinstance(value, str) else \
            [f"{indent}{key} ={eol}"] + [f"{indent}{_NESTED_INDENT}{sub} = {v}{eol}"
                                          for sub, v in value.items()]
        _insert(lines, at, new, eol)
        return
    if isinstance(value, str) or not option.empty_first:
        # Rewrite the key line; drop the lines that continued the old value (comments stay).
        first = f"{key} = {value}" if isinstance(value, str) else f"{key} ="
        lines[option.line] = f"{option.indent}{first}{eol_of_line(lines[option.line], eol)}"
        for number in reversed(option.continuation):
            del lines[number]
        if isinstance(value, str):
            return
        option = _Option(option.line, option.indent, True, option.line)
    child_indent = option.child_indent or option.indent + _NESTED_INDENT
    inserts: list[str] = []
    for sub, subvalue in value.items():
        child_line = option.children.get(sub)
        if child_line is None:
            inserts.append(f"{child_indent}{sub} = {subvalue}{eol}")
        else:
            line = lines[child_line]
            own_indent = line[:len(line) - len(line.lstrip())]
            lines[child_line] = f"{own_indent}{sub} = {subvalue}{eol_of_line(line, eol)}"
    _insert(lines, option.last + 1, inserts, eol)


def _insert(lines: list[str], at: int, new: list[str], eol: str) -> None:
    """Insert ``new`` before line ``at``, terminating the line before it if it was the last."""
    if new and at > 0 and not _EOL.search(lines[at - 1]):
        lines[at - 1] += eol
    lines[at:at] = new


def eol_of_line(line: str, default: str) -> str:
    """The ending of ``line``, or ``default`` when it is the unterminated last line."""
    match = _EOL.search(line)
    return match.group(0) if match else default


def _find(sections: list[_Section], edit: SectionEdit) -> _Section | None:
    found = None
    for section in sections:
        if edit.matches(section.header):
            found = section
    return found


def _apply(lines: list[str], edit: SectionEdit, eol: str) -> str:
    """Apply one section edit; returns the header of the section that was edited."""
    section = _find(_scan(lines), edit)
    if section is None:
        if lines and not _EOL.search(lines[-1]):
            lines[-1] += eol
        lines.append(f"[{edit.header}]{eol}")
    for key, value in edit.values.items():
        section = _find(_scan(lines), edit)
        assert section is not None
        _set_key(lines, section, key, value, eol)
    section = _find(_scan(lines), edit)
    assert section is not None
    return section.header


def edit_text(text: str, edits: Sequence[SectionEdit], path: str) -> str:
    """The text of the file at ``path`` with ``edits`` applied (see the module rules)."""
    for edit in edits:
        validate_edit(edit, path)
    before = parse_ini(text, path)
    lines = _split_lines(text)
    eol = _eol_of(lines)
    edited = [(_apply(lines, edit, eol), edit) for edit in edits]
    result = "".join(lines)
    _verify(before, parse_ini(result, path), edited, path)
    return result


def _verify(before: IniSections, after: IniSections, edited: list[tuple[str, SectionEdit]],
            path: str) -> None:
    """Rule 5: the edited keys read back as written and nothing else moved."""
    expected = {name: dict(values) for name, values in before.items()}
    for header, edit in edited:
        # A new section also inherits [DEFAULT]'s keys: accept those as they read.
        section = expected.setdefault(header, dict(after.get(header, {})))
        for key, value in edit.values.items():
            name = key.lower()
            old = section.get(name)
            if isinstance(value, str):
                section[name] = value
            else:
                section[name] = {**(old if isinstance(old, dict) else {}), **value}
    if after != expected:
        raise ConfigWriteError(f"refusing to write {path}: the edited file would not read back "
                               "as intended (please report this)")
