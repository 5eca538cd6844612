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
4. Only files worth it are cached (``MIN_SIZE`` bytes or more on disk); small files parse faster
   than a cache lookup.
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib
from collections.abc import Callable
from typing import Any

from .._version import __version__

__all__ = ["MIN_SIZE", "cache_folder", "cached_parse"]

MIN_SIZE = 16 * 1024
_MAGIC = b"AWSD2\n"
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


def _entry_key(path: str, stat: os.stat_result) -> bytes:
    key = f"{os.path.abspath(path)}\0{stat.st_mtime_ns}\0{stat.st_size}\0{__version__}"
    return key.encode("utf-8", "surrogatepass")


def _entry_name(key: bytes) -> str:
    # zlib's checksums, not hashlib: a name clash is harmless (the key is checked on read) and
    # importing hashlib would cost a fresh process more than this whole cache look-up.
    return f"{zlib.crc32(key):08x}{zlib.adler32(key):08x}.marshal"


def _load_entry(entry: str, key: bytes) -> Any:
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
    return value if isinstance(value, _PLAIN) else None


def _store_entry(folder: str, entry: str, key: bytes, value: Any) -> None:
    try:
        payload = marshal.dumps(value, _MARSHAL_VERSION)
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


def cached_parse(path: str, parse: Callable[[str], Any], environ: Any = None) -> Any:
    """``parse(path)``, served from (and stored to) the on-disk cache when that is possible."""
    folder = cache_folder(environ)
    if folder is None:
        return parse(path)
    try:
        stat = os.stat(path)
    except OSError:
        return parse(path)
    if stat.st_size < MIN_SIZE:
        return parse(path)
    key = _entry_key(path, stat)
    entry = os.path.join(folder, _entry_name(key))
    value = _load_entry(entry, key)
    if value is not None:
        return value
    value = parse(path)
    if isinstance(value, _PLAIN):
        _store_entry(folder, entry, key, value)
    return value
