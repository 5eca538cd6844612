"""Turn an action's response into what the action returns: raw data or new resources.

Rules (boto3's):

1. Without a ``resource`` in the action model the response is returned, narrowed by the action's
   ``path`` (JMESPath; ``$`` or no path means the whole response).
2. With one, identifiers are gathered (see :func:`params.build_identifiers`). If any identifier is a
   list, one resource is made per entry (paired with the entry at the same index of the ``path``
   search, which becomes its loaded data). Otherwise one resource is made, unless an identifier is
   ``None``: then the result is an empty value of the shape ``path`` points at (``[]``, ``{}``) or
   ``None``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .model import ResponseResource
from .params import build_identifiers, search

__all__ = ["RawHandler", "ResourceHandler", "build_empty_response"]


class RawHandler:
    """Returns the response, narrowed by ``search_path``."""

    __slots__ = ("search_path",)

    def __init__(self, search_path: str | None) -> None:
        self.search_path = search_path

    def __call__(self, parent: Any, params: dict[str, Any], response: Any) -> Any:
        if self.search_path and self.search_path != "$":
            return search(self.search_path, response)
        return response


def build_empty_response(search_path: str | None, operation_name: str, service_model: Any) -> Any:
    """``{}``/``[]``/``None``: the empty value of the shape ``search_path`` leads to."""
    shapes = service_model.shapes
    output = service_model.operation_model(operation_name).output_shape_name
    if output is None:
        return None
    shape = shapes[output]
    if search_path:
        for item in search_path.split("."):
            item = item.strip("[0123456789]$")
            kind = shape.get("type")
            if kind == "structure":
                shape = shapes[shape["members"][item]["shape"]]
            elif kind == "list":
                shape = shapes[shape["member"]["shape"]]
            else:
                raise NotImplementedError(f"Search path hits shape type {kind} from {item}")
    kind = shape.get("type")
    if kind in ("structure", "map"):
        return {}
    if kind == "list":
        return []
    return None


class ResourceHandler:
    """Builds resources of ``resource_model.type`` from a response."""

    def __init__(self, search_path: str | None, resource_model: ResponseResource,
                 resource_class: Callable[[str], type], service_model: Any,
                 operation_name: str | None = None) -> None:
        self.search_path = search_path
        self.resource_model = resource_model
        self.operation_name = operation_name
        self._resource_class = resource_class
        self._service_model = service_model

    def __call__(self, parent: Any, params: dict[str, Any], response: Any) -> Any:
        resource_cls = self._resource_class(self.resource_model.type)
        found = search(self.search_path, response) if self.search_path else None
        identifiers = dict(build_identifiers(self.resource_model.identifiers, parent, params,
                                             response))
        plural = [value for value in identifiers.values() if isinstance(value, list)]
        if plural:
            return [self._make(resource_cls, parent, identifiers, found[i] if found else None, i)
                    for i in range(len(plural[0]))]
        if all(value is not None for value in identifiers.values()):
            return self._make(resource_cls, parent, identifiers, found, None)
        if self.operation_name is None:
            return None
        return build_empty_response(self.search_path, self.operation_name, self._service_model)

    @staticmethod
    def _make(resource_cls: type, parent: Any, identifiers: dict[str, Any], data: Any,
              index: int | None) -> Any:
        kwargs: dict[str, Any] = {"client": parent.meta.client}
        for name, value in identifiers.items():
            kwargs[name] = value[index] if index is not None and isinstance(value, list) else value
        resource = resource_cls(**kwargs)
        if data is not None:
            resource.meta.data = data
        return resource
