"""Let plain ``__slots__`` value classes keep working with ``dataclasses.replace``/``fields``.

Value classes on the first client's path are hand-written (importing :mod:`dataclasses` pulls in
:mod:`inspect`, several milliseconds). Code and tests written against the former dataclasses may
still call ``dataclasses.replace(obj, ...)``; a class that sets
``__dataclass_fields__ = LazyDataclassFields(names)`` is accepted there, and :mod:`dataclasses` is
imported only when such code first asks. Every name must be an ``__init__`` keyword.
"""

from __future__ import annotations

from typing import Any

__all__ = ["LazyDataclassFields"]


class LazyDataclassFields:
    """A class attribute that builds the ``__dataclass_fields__`` table on first access."""

    __slots__ = ("_names", "_table")

    def __init__(self, names: tuple[str, ...]) -> None:
        self._names = names
        self._table: dict[str, Any] | None = None

    def __get__(self, instance: object, owner: type | None = None) -> dict[str, Any]:
        table = self._table
        if table is None:
            import dataclasses

            table = {}
            for name in self._names:
                field: Any = dataclasses.field()
                field.name = name
                field._field_type = dataclasses._FIELD  # type: ignore[attr-defined]
                table[name] = field
            self._table = table
        return table
