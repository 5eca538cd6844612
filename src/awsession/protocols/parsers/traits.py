"""Resolve a member reference against the shapes table, the way botocore's models do.

A member ref is ``{"shape": name, ...traits}``; traits on the ref (``locationName``, ``flattened``,
``location``, ``jsonvalue``, ...) override the same keys on the target shape. Used only while
compiling parse plans, never per response.
"""

from __future__ import annotations

from typing import Any

__all__ = ["is_eventstream", "member_refs", "resolve"]


def resolve(shapes: dict[str, dict[str, Any]], ref: dict[str, Any]) -> dict[str, Any]:
    """The target shape with the ref's traits laid over it (a new dict only when needed)."""
    shape = shapes[ref["shape"]]
    if len(ref) == 1:
        return shape
    merged = dict(shape)
    for key, value in ref.items():
        if key != "shape":
            merged[key] = value
    return merged


def member_refs(shape: dict[str, Any]) -> dict[str, dict[str, Any]]:
    members: dict[str, dict[str, Any]] = shape.get("members", {})
    return members


def is_eventstream(shapes: dict[str, dict[str, Any]], ref: dict[str, Any]) -> bool:
    return bool(resolve(shapes, ref).get("eventstream"))
