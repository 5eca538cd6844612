"""Find and load AWS's data files (service models, rule sets, partitions) once per process.

Rules:

1. Data comes from the installed ``botocore`` and ``boto3`` packages' ``data`` folders, located with
   :func:`importlib.util.find_spec` -- their code is never imported -- plus ``~/.aws/models`` and
   ``AWS_DATA_PATH`` (which take precedence, as in botocore).
2. Every file is parsed at most once per process. The cache is keyed by the search path and file,
   guarded by one lock, and holds plain JSON values that callers must treat as read-only.
3. Nothing is read at import time.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import os
import threading
from typing import Any

__all__ = ["DataLoader", "data_roots", "default_loader"]


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
    """The folders searched for data, highest precedence first."""
    roots: list[str] = []
    if aws_data_path:
        roots.extend(os.path.expanduser(p) for p in aws_data_path.split(os.pathsep) if p)
    home = home if home is not None else os.path.expanduser("~")
    roots.append(os.path.join(home, ".aws", "models"))
    for package in ("botocore", "boto3"):
        found = _package_data_dir(package)
        if found:
            roots.append(found)
    return tuple(roots)


class DataLoader:
    """Loads JSON data files from a fixed list of roots, caching each parsed file for ever."""

    def __init__(self, roots: tuple[str, ...]) -> None:
        self.roots = roots
        self._lock = threading.Lock()
        self._cache: dict[str, Any] = {}
        self._listing: dict[str, tuple[str, ...]] = {}

    def find_file(self, relative: str) -> str | None:
        """The first existing ``<root>/<relative>[.json|.json.gz]`` path, or ``None``."""
        for root in self.roots:
            base = os.path.join(root, relative)
            for candidate in (base + ".json", base + ".json.gz"):
                if os.path.isfile(candidate):
                    return candidate
        return None

    def load(self, relative: str) -> Any:
        """Parse ``relative`` (without extension) from the first root that has it; ``None`` if none."""
        cached = self._cache.get(relative, _MISSING)
        if cached is not _MISSING:
            return cached
        path = self.find_file(relative)
        value = _read_json(path) if path else None
        with self._lock:
            return self._cache.setdefault(relative, value)

    def list_dir(self, relative: str = "") -> tuple[str, ...]:
        """Names of sub-folders of ``relative`` across all roots, sorted, without duplicates."""
        cached = self._listing.get(relative)
        if cached is not None:
            return cached
        names: set[str] = set()
        for root in self.roots:
            folder = os.path.join(root, relative)
            try:
                entries = os.listdir(folder)
            except OSError:
                continue
            names.update(e for e in entries if os.path.isdir(os.path.join(folder, e)))
        result = tuple(sorted(names))
        with self._lock:
            return self._listing.setdefault(relative, result)


_MISSING = object()


def _read_json(path: str) -> Any:
    if path.endswith(".gz"):
        with gzip.open(path, "rb") as fh:
            return json.loads(fh.read())
    with open(path, "rb") as fh:
        return json.loads(fh.read())


_default_lock = threading.Lock()
_default: dict[tuple[str, ...], DataLoader] = {}


def default_loader(aws_data_path: str | None = None) -> DataLoader:
    """The process-wide loader for a given search path (normally just one exists)."""
    roots = data_roots(aws_data_path)
    loader = _default.get(roots)
    if loader is None:
        with _default_lock:
            loader = _default.setdefault(roots, DataLoader(roots))
    return loader
