"""A base for immutable value classes, standing in for ``@dataclass(frozen=True, slots=True)``.

Importing :mod:`dataclasses` pulls in :mod:`inspect` (milliseconds in a fresh process), and making
each frozen slotted dataclass costs about 0.7 ms more. The values on the first call's path (effects,
HTTP requests and responses, retry outcomes, signing decisions, serializer and parser plans) use
this instead.

A subclass lists its fields in ``_fields`` (in ``__init__`` order, every one also a keyword), sets
``__slots__`` to them and fills them in ``__init__`` with ``object.__setattr__``. It then behaves as
the frozen dataclass did: field-wise ``==`` (same class only) and ``hash``, a ``Name(field=value)``
repr of the fields in ``_repr_fields`` (default: all; leave out those that may hold secrets),
``AttributeError`` on assignment or deletion, pickling and copying by constructor arguments,
``__match_args__``, and ``dataclasses.replace``/``fields`` through a lazily built field table.
"""

from __future__ import annotations

from typing import Any, ClassVar

from .dataclass_compat import LazyDataclassFields

__all__ = ["FrozenValue"]


class FrozenValue:
    """Immutable value base: subclasses set ``_fields`` and fill them in ``__init__``."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()
    _repr_fields: ClassVar[tuple[str, ...]] = ()
    __dataclass_fields__: ClassVar[dict[str, Any]]  # set per subclass (``dataclasses.replace``)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        names = cls.__dict__.get("_fields")
        if names is None:
            return
        if "_repr_fields" not in cls.__dict__:
            cls._repr_fields = names
        cls.__match_args__ = names  # type: ignore[attr-defined,misc]
        cls.__dataclass_fields__ = LazyDataclassFields(names)  # type: ignore[assignment]

    def _values(self) -> tuple[Any, ...]:
        return tuple([getattr(self, name) for name in self._fields])

    def _replace(self, **changes: Any) -> Any:
        """A copy with ``changes`` (what ``dataclasses.replace`` gives)."""
        values = {name: getattr(self, name) for name in self._fields}
        values.update(changes)
        return type(self)(**values)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        inner = ", ".join([f"{name}={getattr(self, name)!r}" for name in self._repr_fields])
        return f"{type(self).__qualname__}({inner})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), self._values())
