"""Fill request parameters and response identifiers from a resource's identifiers and data.

Rules (boto3's, because models depend on them):

1. A request parameter's ``source`` is ``identifier`` (the parent's identifier value), ``data`` (a
   JMESPath into the parent's loaded data, loading it first), ``string``/``integer``/``boolean``
   (a constant) or ``input`` (the caller supplies it: skipped). Anything else is
   ``NotImplementedError``.
2. A ``target`` is a dotted path; ``Name[]`` appends to a list, ``Name[3]`` sets index 3 and
   ``Name[*]`` uses the index given by the caller (batch actions fill one entry per resource).
3. A response identifier's ``source`` may also be ``response`` or ``requestParameter`` (JMESPath
   into the raw response or the sent parameters).
4. JMESPath expressions are compiled once per process.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

from ..exceptions import ResourceLoadException
from ..model.names import xform_name
from .model import Parameter

__all__ = [
    "build_identifiers",
    "build_param_structure",
    "create_request_parameters",
    "get_data_member",
    "identifier_value",
    "search",
]

_INDEX = re.compile(r"\[(.*)\]$")
_CONSTANT_SOURCES = frozenset({"string", "integer", "boolean"})


@functools.lru_cache(maxsize=4096)
def _compiled(path: str) -> Any:
    import jmespath

    return jmespath.compile(path)


def search(path: str, data: Any) -> Any:
    """JMESPath ``path`` applied to ``data`` (the expression is compiled once)."""
    return _compiled(path).search(data)


def identifier_value(resource: Any, name: str) -> Any:
    """The value of identifier ``name`` (any spelling ``xform_name`` maps to it) of ``resource``."""
    values: dict[str, Any] = resource._identifiers
    python = xform_name(name)
    if python not in values:
        raise AttributeError(f"{type(resource).__name__} has no identifier {python!r}")
    return values[python]


def get_data_member(resource: Any, path: str) -> Any:
    """``path`` within the resource's data, calling ``load()`` first when there is none yet."""
    if resource.meta.data is None:
        load = getattr(resource, "load", None)
        if load is None:
            raise ResourceLoadException(f"{type(resource).__name__} has no load method!")
        load()
    return search(path, resource.meta.data)


def create_request_parameters(resource: Any, params_model: Iterable[Parameter],
                              params: dict[str, Any] | None = None,
                              index: int | None = None) -> dict[str, Any]:
    """The parameters a request takes from ``resource`` (merged into ``params`` if given)."""
    if params is None:
        params = {}
    for param in params_model:
        source = param.source
        if source == "identifier":
            value = identifier_value(resource, param.name or "")
        elif source == "data":
            value = get_data_member(resource, param.path or "")
        elif source in _CONSTANT_SOURCES:
            value = param.value
        elif source == "input":
            continue
        else:
            raise NotImplementedError(f"Unsupported source type: {source}")
        build_param_structure(params, param.target, value, index)
    return params


def build_param_structure(params: dict[str, Any], target: str, value: Any,
                          index: int | None = None) -> None:
    """Set ``value`` at the dotted ``target`` path inside ``params``, creating the way."""
    position: Any = params
    parts = target.split(".")
    last = len(parts) - 1
    for i, part in enumerate(parts):
        found = _INDEX.search(part)
        if found is None:
            if part not in position:
                position[part] = {}
            if i == last:
                position[part] = value
            else:
                position = position[part]
            continue
        inside = found.group(1)
        if not inside:
            index = None
            part = part[:-2]
        elif inside == "*":
            part = part[:-3]
        else:
            index = int(inside)
            part = part[:-len(f"{index}[]")]
        if not isinstance(position.get(part), list):
            position[part] = []
        items = position[part]
        if index is None:
            index = len(items)
        while len(items) <= index:
            items.append({})
        if i == last:
            items[index] = value
        else:
            position = items[index]


def build_identifiers(identifiers: Iterable[Parameter], parent: Any,
                      params: dict[str, Any] | None = None,
                      raw_response: Any = None) -> list[tuple[str, Any]]:
    """``(python_name, value)`` for each identifier of a resource to build from a response."""
    results = []
    for identifier in identifiers:
        source = identifier.source
        if source == "response":
            value = search(identifier.path or "", raw_response)
        elif source == "requestParameter":
            value = search(identifier.path or "", params)
        elif source == "identifier":
            value = identifier_value(parent, identifier.name or "")
        elif source == "data":
            value = get_data_member(parent, identifier.path or "")
        elif source == "input":
            continue
        else:
            raise NotImplementedError(f"Unsupported source type: {source}")
        results.append((xform_name(identifier.target), value))
    return results
