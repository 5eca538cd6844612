"""Edit the shared config and credentials files without ever losing or corrupting them.

Two halves. :func:`edit_text` is pure: file text and edits in, new text out. :func:`update_file`
is the only code here that touches the disk.

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

Rules of the file write (``update_file``):

6. Missing parent directories are created 0700, a new file 0600; an existing file keeps its mode.
   A symlink is followed: its target is edited.
7. An exclusive advisory lock (``fcntl.flock`` on ``<file>.lock`` beside the file) is held from the
   read to the rename, so concurrent writers queue and each re-reads the latest text.
8. The new text goes to a temporary file in the same directory, is fsynced and renamed over the
   old one (then the directory is fsynced): a reader sees the old or the new file, never a mix.
9. A read-only file (no owner write bit; checked by mode, so it also holds for root), a non-regular
   file or binary data (NUL bytes) is refused with a one-line ``ConfigWriteError``.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from awsession.config.inifile import IniSections, parse_ini

__all__ = ["ConfigWriteError", "InvalidValueError", "SectionEdit", "edit_text", "update_file",
           "validate_edit"]

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


# -- the file write -------------------------------------------------------------------------------

def _make_dirs(directory: str) -> None:
    """Create ``directory`` and its missing parents with mode 0700 (existing ones untouched)."""
    missing: list[str] = []
    current = directory
    while current and not os.path.isdir(current):
        missing.append(current)
        parent = os.path.dirname(current)
        if parent == current:
            break
        current = parent
    for name in reversed(missing):
        try:
            os.mkdir(name, 0o700)
        except FileExistsError:
            continue
        os.chmod(name, 0o700)  # the umask may have narrowed or widened nothing; be exact


def _read_current(path: str) -> tuple[str, int | None]:
    """The file's text and mode (``None`` when missing), refusing what must not be rewritten."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return "", None
    if not stat.S_ISREG(info.st_mode):
        raise ConfigWriteError(f"refusing to write {path}: it is not a regular file")
    if not info.st_mode & stat.S_IWUSR:
        raise ConfigWriteError(f"refusing to write {path}: the file is read-only")
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        parse_ini(data, path)  # raises ConfigParseError naming the line
        raise
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise ConfigWriteError(f"refusing to write {path}: line {line} holds binary data "
                               "(a NUL byte); this is not a config file")
    return text, stat.S_IMODE(info.st_mode)


def _lock(lock_path: str) -> int:
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no advisory lock available
        return fd
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def _write_atomically(path: str, text: str, mode: int) -> None:
    directory = os.path.dirname(path) or "."
    fd, temp = tempfile.mkstemp(dir=directory, prefix=f".{os.path.basename(path)}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise
    try:
        dir_fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - some systems cannot open directories
        return
    try:
        os.fsync(dir_fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(dir_fd)


def update_file(path: str, edits: Sequence[SectionEdit]) -> bool:
    """Apply ``edits`` to the file at ``path`` under the lock; ``True`` if the file changed.

    Raises ``ConfigParseError`` (malformed file), ``InvalidValueError`` (bad name or value) or
    ``ConfigWriteError`` (refused or failed write); in every case the file is left as it was.
    """
    real = os.path.realpath(path)
    for edit in edits:
        validate_edit(edit, path)
    try:
        _make_dirs(os.path.dirname(real))
        fd = _lock(real + ".lock")
    except OSError as error:
        raise ConfigWriteError(f"cannot write {path}: {error.strerror or error}") from None
    try:
        text, mode = _read_current(real)
        new_text = edit_text(text, edits, path)
        if mode is not None and new_text == text:
            return False
        _write_atomically(real, new_text, 0o600 if mode is None else mode)
        return True
    except OSError as error:
        raise ConfigWriteError(f"cannot write {path}: {error.strerror or error}") from None
    finally:
        os.close(fd)  # closing the descriptor releases the lock
