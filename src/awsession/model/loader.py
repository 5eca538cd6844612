"""Find and load AWS's data files (service models, rule sets, partitions) once per process.

Rules:

1. Data comes from the installed ``botocore`` and ``boto3`` packages' ``data`` folders, located with
   :func:`importlib.util.find_spec` -- their code is never imported -- plus ``~/.aws/models`` and
   ``AWS_DATA_PATH`` (which take precedence, as in botocore). The order is botocore's:
   ``AWS_DATA_PATH`` entries, ``~/.aws/models``, botocore's data, then boto3's data (boto3 appends
   its folder to botocore's search path).
2. Every file is parsed at most once per process. The cache is keyed by the search path and file,
   guarded by one lock, and holds plain JSON values that callers must treat as read-only.
   :meth:`DataLoader.read` parses without caching, for callers that cache a derived value
   themselves through :meth:`DataLoader.memo` (service models do: the merged model is the cache).
3. Parsed files may come from the on-disk cache of :mod:`.disk_cache` (same values, never a
   correctness risk; ``AWSESSION_NO_DATA_CACHE=1`` turns it off).
4. Nothing is read at import time. Listings (which services and API versions exist) are computed
   on first use and cached; they never parse a file.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from collections.abc import Callable, Hashable
from functools import cache
from typing import Any, TypeVar

__all__ = ["DataLoader", "data_roots", "default_loader"]

T = TypeVar("T")

# Suffixes tried for every data file, in botocore's order.
_SUFFIXES = (".json", ".json.gz")


@cache
def _package_data_dir(package: str) -> str | None:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        candidate = os.path.join(location, "data")
        if os.path.isdir(candidate):
            return candidate
    return None


def data_roots(aws_data_path: str | None = None, home: str | None = None) -> tuple[str, ...]:
    """The folders searched for data, highest precedence first.

    ``aws_data_path`` is the ``AWS_DATA_PATH`` value (``os.pathsep``-separated); each entry has
    ``$VARS`` and ``~`` expanded, as botocore does.
    """
    roots: list[str] = []
    if aws_data_path:
        roots.extend(
            os.path.expanduser(os.path.expandvars(p)) for p in aws_data_path.split(os.pathsep) if p
        )
    home = home if home is not None else os.path.expanduser("~")
    roots.append(os.path.join(home, ".aws", "models"))
    for package in ("botocore", "boto3"):
        found = _package_data_dir(package)
        if found:
            roots.append(found)
    return tuple(roots)


class DataLoader:
    """Loads JSON data files from a fixed list of roots, caching each parsed file for ever.

    ``parse_log`` records the relative name of every file this loader parsed, in order (a handful
    of short strings per service; tests use it to prove laziness).
    """

    def __init__(self, roots: tuple[str, ...]) -> None:
        self.roots = roots
        self._lock = threading.Lock()
        self._cache: dict[str, Any] = {}
        self._listing: dict[str, tuple[str, ...]] = {}
        self._memo: dict[Hashable, Any] = {}
        self._memo_locks: dict[Hashable, threading.Lock] = {}
        self.parse_log: list[str] = []

    def find_file(self, relative: str) -> str | None:
        """The first existing ``<root>/<relative>[.json|.json.gz]`` path, or ``None``."""
        for root in self.roots:
            base = os.path.join(root, relative)
            for suffix in _SUFFIXES:
                candidate = base + suffix
                if os.path.isfile(candidate):
                    return candidate
        return None

    def load(self, relative: str) -> Any:
        """Parse ``relative`` (without extension) from the first root that has it; ``None`` if none."""
        cached = self._cache.get(relative, _MISSING)
        if cached is not _MISSING:
            return cached
        value = self.read(relative)
        with self._lock:
            return self._cache.setdefault(relative, value)

    def read(self, relative: str, *, split: str | None = None) -> Any:
        """Parse ``relative`` without caching it (``None`` if no root has it).

        ``split`` names a top-level member the on-disk cache may hand back decoded on demand
        (see :mod:`.disk_cache`); the value is the same either way.
        """
        path = self.find_file(relative)
        if path is None:
            return None
        self.parse_log.append(relative)
        from .disk_cache import cached_parse  # deferred: keeps `import awsession` light

        return cached_parse(path, _read_json, split=split)

    def list_dir(self, relative: str = "") -> tuple[str, ...]:
        """Names of sub-folders of ``relative`` across all roots, sorted, without duplicates."""
        cached = self._listing.get(relative)
        if cached is not None:
            return cached
        names: set[str] = set()
        for root in self.roots:
            folder = os.path.join(root, relative)
            try:
                with os.scandir(folder) as entries:
                    names.update(e.name for e in entries if e.is_dir())
            except OSError:
                continue
        result = tuple(sorted(names))
        with self._lock:
            return self._listing.setdefault(relative, result)

    def has_file(self, relative: str) -> bool:
        """Whether any root holds ``relative`` as ``.json`` or ``.json.gz``."""
        return self.find_file(relative) is not None

    def list_api_versions(self, service_name: str, type_name: str) -> tuple[str, ...]:
        """The API versions of ``service_name`` that hold a ``type_name`` file, sorted (maybe empty)."""
        key = f"\0versions\0{service_name}\0{type_name}"
        cached = self._listing.get(key)
        if cached is not None:
            return cached
        versions = tuple(
            v for v in self.list_dir(service_name)
            if self.has_file(os.path.join(service_name, v, type_name))
        )
        with self._lock:
            return self._listing.setdefault(key, versions)

    def list_services(self, type_name: str) -> tuple[str, ...]:
        """Every service name with at least one API version holding a ``type_name`` file, sorted."""
        key = f"\0services\0{type_name}"
        cached = self._listing.get(key)
        if cached is not None:
            return cached
        services = tuple(s for s in self.list_dir("") if self.list_api_versions(s, type_name))
        with self._lock:
            return self._listing.setdefault(key, services)

    def memoized(self, key: Hashable) -> Any:
        """The value :meth:`memo` holds under ``key``, or ``None`` (a lock-free fast path)."""
        return self._memo.get(key)

    def memo(self, key: Hashable, build: Callable[[], T]) -> T:
        """The value cached under ``key``, built once by ``build()`` (single flight per key).

        Concurrent callers with the same key wait for the first build; different keys build in
        parallel. An exception from ``build`` is not cached.
        """
        try:
            return self._memo[key]  # type: ignore[no-any-return]
        except KeyError:
            pass
        with self._lock:
            key_lock = self._memo_locks.setdefault(key, threading.Lock())
        with key_lock:
            try:
                return self._memo[key]  # type: ignore[no-any-return]
            except KeyError:
                value = build()
                self._memo[key] = value
                return value


_MISSING = object()


def _read_json(path: str) -> Any:
    import json  # deferred: keeps `import awsession` light

    with open(path, "rb") as fh:
        data = fh.read()
    if path.endswith(".gz"):
        import zlib

        # One-shot inflate of a single-member gzip file: faster than gzip.open's chunked reader.
        inflater = zlib.decompressobj(wbits=31)
        raw = inflater.decompress(data)
        if inflater.unused_data:
            import gzip

            raw = gzip.decompress(data)
        data = raw
        del raw, inflater
    text = data.decode("utf-8")
    del data  # keep only one copy of the document alive while parsing
    return json.loads(text)


_default_lock = threading.Lock()
_default: dict[tuple[str, ...], DataLoader] = {}
_default_by_input: dict[str | None, DataLoader] = {}


def default_loader(aws_data_path: str | None = None) -> DataLoader:
    """The process-wide loader for a given search path (normally just one exists).

    As in botocore, ``~`` (for ``~/.aws/models``) is resolved once: the first call for a given
    ``aws_data_path`` fixes its roots for the life of the process.
    """
    fast_key = aws_data_path
    loader = _default_by_input.get(fast_key)
    if loader is not None:
        return loader
    roots = data_roots(aws_data_path)
    with _default_lock:
        loader = _default.setdefault(roots, DataLoader(roots))
        _default_by_input[fast_key] = loader
    return loader
