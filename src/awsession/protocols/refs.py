"""What parsers and serializers share while compiling shapes into functions.

* :func:`merged_ref`: a member ref is ``{"shape": name, ...traits}``; traits on the ref
  (``locationName``, ``flattened``, ``location``, ``jsonvalue``, ...) win over the same keys on the
  target shape, as botocore merges them.
* :func:`build_tied`: memoise one compiled function while tying recursion together: a shape that
  refers to itself gets a forwarding stub while it is being built.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

__all__ = ["build_tied", "forward_call", "merged_ref"]

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


def merged_ref(shapes: dict[str, dict[str, Any]], ref: dict[str, Any]) -> dict[str, Any]:
    """The target shape with the ref's traits laid over it (a new dict only when the ref has any)."""
    shape = shapes[ref["shape"]]
    if len(ref) == 1:
        return shape
    merged = dict(shape)
    for key, value in ref.items():
        if key != "shape":
            merged[key] = value
    return merged


def build_tied(cache: dict[K, T], key: K, build: Callable[[], T], forward: Callable[[list[T]], T]) -> T:
    """Store ``build()`` in ``cache[key]``; while it runs, ``forward(cell)`` (an object delegating to
    ``cell[0]``) stands there, so a recursive shape can refer to itself. A failed build leaves nothing."""
    cell: list[T] = []
    cache[key] = forward(cell)
    try:
        built = build()
    except BaseException:
        del cache[key]
        raise
    cell.append(built)
    cache[key] = built
    return built


def forward_call(cell: list[Callable[[Any], Any]]) -> Callable[[Any], Any]:
    """The stub :func:`build_tied` needs for one-argument functions."""

    def forward(value: Any) -> Any:
        return cell[0](value)

    return forward
