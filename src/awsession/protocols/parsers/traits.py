"""Member references as parse plans read them: resolved against the shapes table (``refs``), the
members of a structure, event-stream members. Used only while compiling parse plans, never per
response.
"""

from __future__ import annotations

from typing import Any

from ..refs import merged_ref as resolve

__all__ = ["is_eventstream", "member_refs", "resolve"]


def member_refs(shape: dict[str, Any]) -> dict[str, dict[str, Any]]:
    members: dict[str, dict[str, Any]] = shape.get("members", {})
    return members


def is_eventstream(shapes: dict[str, dict[str, Any]], ref: dict[str, Any]) -> bool:
    return bool(resolve(shapes, ref).get("eventstream"))
