"""Write the shared config and credentials files: locked, atomic, never half-written.

The text itself is edited by the pure :func:`awsession.config.writer.edit_text`; this module is the
only code of the configure path that touches the disk. Its rules:

1. Missing parent directories are created 0700, a new file 0600; an existing file keeps its mode.
   A symlink is followed: its target is edited.
2. An exclusive advisory lock (``fcntl.flock`` on ``<file>.lock`` beside the file) is held from the
   read to the rename, so concurrent writers queue and each re-reads the latest text.
3. The new text goes to a temporary file in the same directory, is fsynced and renamed over the
   old one (then the directory is fsynced): a reader sees the old or the new file, never a mix.
4. A read-only file (no owner write bit; checked by mode, so it also holds for root), a non-regular
   file or binary data (NUL bytes) is refused with a one-line ``ConfigWriteError``.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Sequence

from awsession.config.inifile import parse_ini
from awsession.config.writer import ConfigWriteError, SectionEdit, edit_text, validate_edit

__all__ = ["update_file"]


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
