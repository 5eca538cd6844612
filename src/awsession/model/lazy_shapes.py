"""A service model's ``shapes`` dict whose entries are decoded when first looked up.

Theory of operation. EC2's model has about 4,000 shapes and a client touches a handful, yet
decoding them all is most of the cost of loading the model in a fresh process. The on-disk cache
(:mod:`.disk_cache`) can therefore store ``shapes`` as ``name -> marshal bytes``; this class wraps
that table and behaves as the plain ``dict`` it stands for:

1. ``shapes[name]``, ``get`` and ``in`` decode only the shape asked for (once: the decoded dict is
   kept and handed to every later caller, so mutating it in place, as the sdk-extras merge does,
   sticks). A missing name raises ``KeyError`` / returns the default, as a dict does.
2. ``len`` answers without decoding (the first entry is decoded up front, so C code that reads
   the dict's size directly never sees an empty table that is not). Anything that needs the
   whole mapping (iteration, ``keys``, ``values``, ``items``, ``==``, ``repr``, ``copy``,
   pickling, ``|``) and any mutation first *materializes* it: every shape is decoded, in the
   file's order (shapes decoded earlier keep their identity), after which it is an ordinary dict
   in every respect.
3. :meth:`exception_items` lists the ``exception`` shapes without decoding the others, from an
   index of exception names made when the entry was written (shapes already decoded are checked
   directly, so an in-place edit is seen).
4. Thread-safe: decoding and materializing run under one lock per table; plain ``shapes[name]`` of
   an already decoded shape is a C-level dict lookup with no lock.
"""

from __future__ import annotations

import marshal
import threading
from collections.abc import Iterator, Mapping
from typing import Any

__all__ = ["LazyShapes", "exception_items"]


class LazyShapes(dict[str, Any]):
    """``name -> shape dict`` decoded on demand from ``name -> marshal bytes`` (see module notes)."""

    __slots__ = ("_encoded", "_exceptions", "_lock")

    def __init__(self, encoded: dict[str, bytes], exception_names: frozenset[str]) -> None:
        super().__init__()
        self._encoded: dict[str, bytes] | None = encoded
        self._exceptions = exception_names
        self._lock = threading.Lock()
        # C code that reads a dict's size directly (json's encoder has an "empty dict" fast
        # path) must never see an empty table that is not: keep at least one entry decoded.
        for name in encoded:
            self[name]
            break

    # -- single lookups: decode one shape --------------------------------------------------------

    def __missing__(self, name: str) -> Any:
        encoded = self._encoded
        if encoded is None:
            raise KeyError(name)
        blob = encoded[name]  # KeyError for an unknown name, as a dict
        with self._lock:
            found = dict.get(self, name)
            if found is None:
                found = marshal.loads(blob)  # noqa: S302 - our own CRC-checked cache entry
                dict.__setitem__(self, name, found)
        return found

    def get(self, name: str, default: Any = None) -> Any:
        try:
            return self[name]
        except KeyError:
            return default

    def __contains__(self, name: object) -> bool:
        encoded = self._encoded
        if encoded is None:
            return dict.__contains__(self, name)
        return name in encoded

    def __len__(self) -> int:
        encoded = self._encoded
        return dict.__len__(self) if encoded is None else len(encoded)

    def __bool__(self) -> bool:
        return len(self) > 0

    # -- whole-mapping access: materialize first -------------------------------------------------

    def materialize(self) -> None:
        """Decode every shape, in file order; afterwards this is an ordinary dict."""
        if self._pending() is None:
            return
        with self._lock:
            encoded = self._pending()  # again: another thread may have finished meanwhile
            if encoded is None:
                return
            decoded = dict(dict.items(self))
            dict.clear(self)
            for name, blob in encoded.items():
                shape = decoded.get(name)
                dict.__setitem__(self, name, marshal.loads(blob) if shape is None else shape)  # noqa: S302
            self._encoded = None

    def _pending(self) -> dict[str, bytes] | None:
        return self._encoded

    def exception_items(self) -> list[tuple[str, Any]]:
        """``(name, shape)`` of every shape whose ``exception`` trait is set, in file order."""
        encoded = self._encoded
        if encoded is None:
            return [(name, shape) for name, shape in dict.items(self) if shape.get("exception")]
        result = []
        for name in encoded:
            shape = dict.get(self, name)
            if shape is None:
                if name in self._exceptions:
                    result.append((name, self[name]))
            elif shape.get("exception"):
                result.append((name, shape))
        return result

    def __iter__(self) -> Iterator[str]:
        self.materialize()
        return dict.__iter__(self)

    def __reversed__(self) -> Iterator[str]:
        self.materialize()
        return dict.__reversed__(self)

    def keys(self) -> Any:
        self.materialize()
        return dict.keys(self)

    def values(self) -> Any:
        self.materialize()
        return dict.values(self)

    def items(self) -> Any:
        self.materialize()
        return dict.items(self)

    def copy(self) -> dict[str, Any]:
        self.materialize()
        return dict(dict.items(self))

    def __eq__(self, other: object) -> bool:
        self.materialize()
        if isinstance(other, LazyShapes):
            other.materialize()
        return dict.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    __hash__ = None

    def __repr__(self) -> str:
        self.materialize()
        return dict.__repr__(self)

    def __reduce__(self) -> tuple[Any, ...]:
        return (dict, (self.copy(),))

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        return self.__reduce__()

    def __or__(self, other: Any) -> Any:
        self.materialize()
        return dict.__or__(self, other)

    def __ror__(self, other: Any) -> Any:
        self.materialize()
        return dict.__ror__(self, other)

    def __ior__(self, other: Any) -> Any:
        self.materialize()
        return dict.__ior__(self, other)

    # -- mutation: materialize, then act as a dict -----------------------------------------------

    def __setitem__(self, name: str, value: Any) -> None:
        self.materialize()
        dict.__setitem__(self, name, value)

    def __delitem__(self, name: str) -> None:
        self.materialize()
        dict.__delitem__(self, name)

    def setdefault(self, name: str, default: Any = None) -> Any:
        self.materialize()
        return dict.setdefault(self, name, default)

    def pop(self, name: str, *default: Any) -> Any:
        self.materialize()
        return dict.pop(self, name, *default)

    def popitem(self) -> tuple[str, Any]:
        self.materialize()
        return dict.popitem(self)

    def clear(self) -> None:
        self.materialize()
        dict.clear(self)

    def update(self, *args: Any, **kwargs: Any) -> None:
        self.materialize()
        dict.update(self, *args, **kwargs)


def exception_items(shapes: Mapping[str, Any]) -> list[tuple[str, Any]]:
    """``(name, shape)`` of the ``exception`` shapes of any shapes mapping, in order."""
    if isinstance(shapes, LazyShapes):
        return shapes.exception_items()
    return [(name, shape) for name, shape in shapes.items() if shape.get("exception")]
