"""Which AWS partition a region belongs to, answered from ``partitions.json``.

Rules:

1. A region belongs to the first partition (in file order) that lists it explicitly or whose
   ``regionRegex`` matches it; anything else, and a missing region, gets the first partition.
2. The answer is the partition's ``outputs`` (``dnsSuffix``, ``dualStackDnsSuffix``,
   ``supportsFIPS``, ``supportsDualStack``, ``implicitGlobalRegion``) plus ``name`` set to the
   partition id. One dict per partition is built once and shared: callers treat it as read-only.
3. A :class:`Partitions` table is built once per ``partitions.json`` object and remembers (boundedly)
   the answer per region, so lookups on the hot path are one dict read.
"""

from __future__ import annotations

import re
import threading
from typing import Any

__all__ = ["Partitions", "default_partitions", "partitions_from"]

_MEMO_LIMIT = 4096


class _Partition:
    __slots__ = ("id", "output", "regex", "regions")

    def __init__(self, raw: dict[str, Any]) -> None:
        self.id: str = raw["id"]
        self.regions: frozenset[str] = frozenset(raw.get("regions", ()))
        self.regex = re.compile(raw["regionRegex"])
        output = dict(raw.get("outputs", {}))
        output["name"] = self.id
        self.output: dict[str, Any] = output

    def matches(self, region: str) -> bool:
        return region in self.regions or self.regex.match(region) is not None


class Partitions:
    """A compiled ``partitions.json``: region -> partition outputs."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.raw = data
        self._partitions = tuple(_Partition(p) for p in data["partitions"])
        self._default = self._partitions[0].output
        self._memo: dict[str, dict[str, Any]] = {}

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(p.id for p in self._partitions)

    def lookup(self, region: str | None) -> dict[str, Any]:
        """The partition outputs for ``region`` (the default partition when nothing matches)."""
        if region is None:
            return self._default
        found = self._memo.get(region)
        if found is not None:
            return found
        found = self._default
        for partition in self._partitions:
            if partition.matches(region):
                found = partition.output
                break
        if len(self._memo) >= _MEMO_LIMIT:
            self._memo.clear()
        self._memo[region] = found
        return found

    def partition_id(self, region: str) -> str | None:
        """The id of the partition that claims ``region``, or ``None`` when none does."""
        for partition in self._partitions:
            if partition.matches(region):
                return partition.id
        return None


_lock = threading.Lock()
_compiled: dict[int, tuple[dict[str, Any], Partitions]] = {}


def partitions_from(data: dict[str, Any] | Partitions) -> Partitions:
    """The :class:`Partitions` table for a parsed ``partitions.json`` (built once per object)."""
    if isinstance(data, Partitions):
        return data
    entry = _compiled.get(id(data))
    if entry is not None and entry[0] is data:
        return entry[1]
    table = Partitions(data)
    with _lock:
        # Keep a reference to ``data`` so its id stays unique while cached.
        _compiled[id(data)] = (data, table)
    return table


def default_partitions() -> Partitions:
    """The table for the installed ``partitions.json`` (via the process-wide loader)."""
    from awsession.model.loader import default_loader

    data = default_loader().load("partitions")
    if data is None:
        raise FileNotFoundError("partitions.json was not found in any data folder")
    return partitions_from(data)
