"""An optional on-disk cache of parsed JSON data files, so a fresh process skips ``json.loads``.

Rules:

1. A cache entry is the ``marshal`` dump of the parsed value (plain dicts, lists, strings, numbers,
   booleans and ``None`` only: marshal never runs code, unlike pickle), behind a header holding a
   format tag, the CRC-32 of the payload and the entry's full key: the source file's absolute
   path, ``st_mtime_ns``, ``st_size`` and the awsession version, so an edited, replaced or upgraded
   source file never hits an old entry. The file name is a 64-bit checksum of the key; the key in
   the header is compared on every read, so two keys sharing a name only ever cost a re-parse.
2. It can never change a result: any problem (no cache folder, unreadable, truncated or corrupt
   entry, a wrong header, an unexpected type) means "parse the source", and a failure to write is
   ignored. Writes are atomic: a unique temporary file in the same folder, then ``os.replace``.
3. The folder is ``$AWSESSION_CACHE_DIR``, else ``$XDG_CACHE_HOME/awsession``, else
   ``~/.cache/awsession``, and then ``data-<python tag>``; it is made with mode 0700.
   ``AWSESSION_NO_DATA_CACHE`` set to anything but ``""``/``0``/``false`` turns the cache off.
4. Every file is cached, however small (``MIN_SIZE`` is 0): a cache read is a few tens of
   microseconds, and a process that reads no JSON never has to import :mod:`json` (milliseconds).
5. ``split="shapes"`` stores that top-level dict member as ``name -> marshal bytes`` (plus the
   names of its ``exception`` entries), in an entry of its own (the layout is part of the key).
   A hit returns it as a :class:`~awsession.model.lazy_shapes.LazyShapes`, which decodes each
   entry when first used and otherwise behaves as the dict it stands for; a miss returns the
   parsed value as it is.
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib
from collections.abc import Callable
from typing import Any

from .._version import __version__
from .lazy_shapes import LazyShapes

__all__ = ["MIN_SIZE", "cache_folder", "cached_parse"]

MIN_SIZE = 0
_MAGIC = b"AWSD3\n"
_MARSHAL_VERSION = 4
_PLAIN = (dict, list)


def cache_folder(environ: Any = None) -> str | None:
    """The cache folder to use, or ``None`` when the cache is turned off."""
    environ = os.environ if environ is None else environ
    if environ.get("AWSESSION_NO_DATA_CACHE", "").strip().lower() not in ("", "0", "false"):
        return None
    base = environ.get("AWSESSION_CACHE_DIR")
    if not base:
        xdg = environ.get("XDG_CACHE_HOME")
        base = os.path.join(xdg, "awsession") if xdg else os.path.join(
            os.path.expanduser("~"), ".cache", "awsession")
    return os.path.join(base, f"data-{sys.implementation.cache_tag}")


def _entry_key(path: str, stat: os.stat_result, split: str | None = None) -> bytes:
    key = f"{os.path.abspath(path)}\0{stat.st_mtime_ns}\0{stat.st_size}\0{__version__}"
    if split is not None:
        key += f"\0split={split}"
    return key.encode("utf-8", "surrogatepass")


def _entry_name(key: bytes) -> str:
    # zlib's checksums, not hashlib: a name clash is harmless (the key is checked on read) and
    # importing hashlib would cost a fresh process more than this whole cache look-up.
    return f"{zlib.crc32(key):08x}{zlib.adler32(key):08x}.marshal"


def _load_entry(entry: str, key: bytes, split: str | None = None) -> Any:
    try:
        with open(entry, "rb") as fh:
            blob = fh.read()
    except OSError:
        return None
    # Layout: magic, key length (4 bytes), key, payload CRC-32 (4 bytes), payload.
    start = len(_MAGIC) + 4
    if len(blob) <= start or not blob.startswith(_MAGIC):
        return None
    key_end = start + int.from_bytes(blob[len(_MAGIC):start], "big")
    if blob[start:key_end] != key or len(blob) <= key_end + 4:
        return None
    payload = memoryview(blob)[key_end + 4:]
    if int.from_bytes(blob[key_end:key_end + 4], "big") != zlib.crc32(payload):
        return None
    try:
        value = marshal.loads(payload)  # noqa: S302 - our own file, CRC-checked; marshal runs no code
    except (ValueError, EOFError, TypeError):
        return None
    if split is not None:
        return _joined(value, split)
    return value if isinstance(value, _PLAIN) else None


def _split(value: dict[str, Any], split: str) -> tuple[Any, ...]:
    """The stored form of a split entry: (the rest, ``name -> bytes``, exception names)."""
    table = value[split]
    rest = {k: v for k, v in value.items() if k != split}
    encoded = {name: marshal.dumps(item, _MARSHAL_VERSION) for name, item in table.items()}
    exceptions = [name for name, item in table.items() if isinstance(item, dict) and item.get("exception")]
    return rest, encoded, exceptions, list(value).index(split)


def _joined(stored: Any, split: str) -> Any:
    """The value of a split entry (``None`` if the entry is not of that form)."""
    if not (isinstance(stored, tuple) and len(stored) == 4):
        return None
    rest, encoded, exceptions, position = stored
    if not (isinstance(rest, dict) and isinstance(encoded, dict) and isinstance(exceptions, list)
            and isinstance(position, int)):
        return None
    items = list(rest.items())
    items.insert(position, (split, LazyShapes(encoded, frozenset(exceptions))))
    return dict(items)


def _store_entry(folder: str, entry: str, key: bytes, value: Any, split: str | None = None) -> None:
    try:
        payload = marshal.dumps(_split(value, split) if split is not None else value, _MARSHAL_VERSION)
        os.makedirs(folder, mode=0o700, exist_ok=True)
        temp = f"{entry}.{os.getpid()}.{id(value):x}.tmp"
        try:
            with open(temp, "wb") as fh:
                fh.write(b"".join((_MAGIC, len(key).to_bytes(4, "big"), key,
                                   zlib.crc32(payload).to_bytes(4, "big"), payload)))
            os.replace(temp, entry)
        finally:
            if os.path.exists(temp):
                os.unlink(temp)
    except (OSError, ValueError):
        pass  # a cache that cannot be written is simply not used


def cached_parse(path: str, parse: Callable[[str], Any], environ: Any = None, *,
                 split: str | None = None) -> Any:
    """``parse(path)``, served from (and stored to) the on-disk cache when that is possible.

    ``split`` names a top-level dict member to store entry by entry (rule 5).
    """
    folder = cache_folder(environ)
    if folder is None:
        return parse(path)
    try:
        stat = os.stat(path)
    except OSError:
        return parse(path)
    if stat.st_size < MIN_SIZE:
        return parse(path)
    key = _entry_key(path, stat, split)
    entry = os.path.join(folder, _entry_name(key))
    value = _load_entry(entry, key, split)
    if value is not None:
        return value
    value = parse(path)
    if split is not None and not (isinstance(value, dict) and isinstance(value.get(split), dict)):
        split = None  # nothing to split: store it whole, under the plain key
        key = _entry_key(path, stat)
        entry = os.path.join(folder, _entry_name(key))
    if isinstance(value, _PLAIN):
        _store_entry(folder, entry, key, value, split)
    return value
