"""A tiny base for immutable value objects, standing in for ``@dataclass(frozen=True)``.

Importing :mod:`dataclasses` pulls in :mod:`inspect` (several milliseconds in a fresh process), so
the endpoint values on the client-creation path use this instead. A subclass names its fields in
``_fields`` (in constructor order) and writes them in ``__init__`` with ``object.__setattr__``. It
gets what the frozen dataclass gave: field-wise ``==`` (same class only) and ``hash``, a
``Name(field=value, ...)`` repr, ``AttributeError`` on assignment or deletion, and pickling by
constructor arguments.
"""

from __future__ import annotations

from typing import Any, ClassVar

__all__ = ["Frozen"]


class Frozen:
    """Immutable value base: subclasses set ``_fields`` and fill them in ``__init__``."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._fields)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined,unused-ignore]

    def __ne__(self, other: object) -> bool:
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__qualname__}({inner})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), self._values())
