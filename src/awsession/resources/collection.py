"""Resource collections: lazy, chainable, paginated iterables of resources.

Rules (boto3's):

1. ``parent.<collection>`` is a *manager*; ``all()``, ``filter(**kw)``, ``limit(n)``,
   ``page_size(n)`` return a new *collection*, and so do those methods on a collection (each call
   merges its keywords into a copy: dicts merge, lists append). Nothing is sent until iteration.
2. Iterating calls the operation with the parameters the model fills from the parent, merged with
   the collected keywords. When the client can paginate the operation, its paginator runs with
   ``PaginationConfig={"MaxItems": limit, "PageSize": page_size}``; otherwise one call is made.
3. ``pages()`` yields lists of resources; ``limit`` caps the total across pages.
4. Batch actions of the held resource type (``bucket.objects.delete()``) are methods of both the
   collection and its manager.
5. Collection classes are named ``<service>.<Resource>.<Name>Collection`` (``<service>.<Name>
   Collection`` on the service resource), managers the same plus ``Manager``.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from typing import Any

from ..model.names import xform_name
from .action import BatchAction, call_operation
from .model import Action
from .params import create_request_parameters
from .response import RawHandler, ResourceHandler

__all__ = ["CollectionManager", "ResourceCollection", "collection_manager_class", "merge_dicts"]


def merge_dicts(target: dict[str, Any], extra: dict[str, Any]) -> None:
    """Merge ``extra`` into ``target``: nested dicts merge, lists append, anything else replaces."""
    for key, value in extra.items():
        current = target.get(key)
        if isinstance(value, dict) and isinstance(current, dict):
            merge_dicts(current, value)
        elif isinstance(value, list) and isinstance(current, list):
            current.extend(value)
        else:
            target[key] = value


class ResourceCollection:
    """An iterable of resources with its query parameters (boto3's ``ResourceCollection``)."""

    def __init__(self, model: Action, parent: Any, handler: ResourceHandler | RawHandler,
                 **kwargs: Any) -> None:
        self._model = model
        self._parent = parent
        self._handler = handler
        self._params = copy.deepcopy(kwargs)

    def __repr__(self) -> str:
        kind = self._model.resource.type if self._model.resource is not None else ""
        return f"{type(self).__name__}({self._parent}, {self._parent.meta.service_name}.{kind})"

    def __iter__(self) -> Iterator[Any]:
        limit = self._params.get("limit")
        count = 0
        for page in self.pages():
            for item in page:
                yield item
                count += 1
                if limit is not None and count >= limit:
                    return

    def _clone(self, **kwargs: Any) -> ResourceCollection:
        params = copy.deepcopy(self._params)
        merge_dicts(params, kwargs)
        return type(self)(self._model, self._parent, self._handler, **params)

    def pages(self) -> Iterator[list[Any]]:
        """Lists of resources, one per page of the underlying operation."""
        request = self._model.request
        assert request is not None
        client = self._parent.meta.client
        cleaned = dict(self._params)
        limit = cleaned.pop("limit", None)
        page_size = cleaned.pop("page_size", None)
        params = create_request_parameters(self._parent, request.params)
        merge_dicts(params, cleaned)
        python_name = xform_name(request.operation)
        pages: Any
        if client.can_paginate(python_name):
            paginator = client.get_paginator(python_name)
            pages = paginator.paginate(
                PaginationConfig={"MaxItems": limit, "PageSize": page_size}, **params)
        else:
            pages = [call_operation(client, request.operation, (), params)]
        count = 0
        for page in pages:
            items = []
            for item in self._handler(self._parent, params, page):
                items.append(item)
                count += 1
                if limit is not None and count >= limit:
                    break
            yield items
            if limit is not None and count >= limit:
                break

    def all(self) -> ResourceCollection:
        """Every resource (a fresh copy of this collection)."""
        return self._clone()

    def filter(self, **kwargs: Any) -> ResourceCollection:
        """The collection with more request parameters (e.g. ``Filters=[...]``)."""
        return self._clone(**kwargs)

    def limit(self, count: int) -> ResourceCollection:
        """At most ``count`` resources."""
        return self._clone(limit=count)

    def page_size(self, count: int) -> ResourceCollection:
        """Ask the service for ``count`` items per page."""
        return self._clone(page_size=count)


class CollectionManager:
    """``parent.<collection>``: makes collections; iterate ``.all()`` rather than this."""

    _collection_cls: type[ResourceCollection] = ResourceCollection

    def __init__(self, collection_model: Action, parent: Any,
                 handler: ResourceHandler | RawHandler) -> None:
        self._model = collection_model
        self._parent = parent
        self._handler = handler

    def __repr__(self) -> str:
        kind = self._model.resource.type if self._model.resource is not None else ""
        return f"{type(self).__name__}({self._parent}, {self._parent.meta.service_name}.{kind})"

    def iterator(self, **kwargs: Any) -> ResourceCollection:
        """A collection with ``kwargs`` as its parameters."""
        return self._collection_cls(self._model, self._parent, self._handler, **kwargs)

    def all(self) -> ResourceCollection:
        return self.iterator()

    def filter(self, **kwargs: Any) -> ResourceCollection:
        return self.iterator(**kwargs)

    def limit(self, count: int) -> ResourceCollection:
        return self.iterator(limit=count)

    def page_size(self, count: int) -> ResourceCollection:
        return self.iterator(page_size=count)

    def pages(self) -> Iterator[list[Any]]:
        return self.iterator().pages()


def _batch_method(action: BatchAction, name: str) -> Callable[..., Any]:
    def batch_action(self: Any, *args: Any, **kwargs: Any) -> Any:
        return action(self, *args, **kwargs)

    batch_action.__name__ = name
    return batch_action


def collection_manager_class(service_name: str, resource_name: str,
                             collection_model: Action) -> type[CollectionManager]:
    """The manager class (and its collection class) for one collection of one resource."""
    attrs: dict[str, Any] = {"__module__": __name__}
    for action_model in collection_model.batch_actions:
        name = xform_name(action_model.name)
        attrs[name] = _batch_method(BatchAction(action_model, RawHandler(action_model.path)), name)
    if service_name == resource_name:
        cls_name = f"{service_name}.{collection_model.name}Collection"
    else:
        cls_name = f"{service_name}.{resource_name}.{collection_model.name}Collection"
    collection_cls = type(cls_name, (ResourceCollection,), dict(attrs))
    attrs["_collection_cls"] = collection_cls
    return type(cls_name + "Manager", (CollectionManager,), attrs)
