"""The attributes of one generated resource class, built from its :class:`ResourceModel`.

Each model part becomes one class attribute, in boto3's order (later names win on a clash):
identifiers (properties), ``load``/``reload`` and actions (methods), shape attributes (properties
that ``load()`` on first read; a member aliasing an identifier returns the identifier), collections
(properties returning a manager), references (properties), sub-resources (constructors, plus
``get_available_subresources()``), waiters (``wait_until_*`` methods).

``context`` is the service's :class:`~awsession.resources.factory.ServiceContext`: it gives the
service model and the (cached) class of any resource type, built on first use.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..exceptions import ResourceLoadException
from .action import ServiceAction, WaiterAction
from .collection import collection_manager_class
from .model import Action, ResourceModel, Waiter
from .params import build_identifiers
from .response import RawHandler, ResourceHandler

if TYPE_CHECKING:
    from .factory import ServiceContext

__all__ = ["class_attributes"]


def class_attributes(context: ServiceContext, model: ResourceModel,
                     shape: dict[str, Any] | None) -> dict[str, Any]:
    """The attribute dict of the class for ``model`` (``meta`` excluded)."""
    attrs: dict[str, Any] = {}
    identifiers = model.identifiers
    for identifier in identifiers:
        attrs[identifier.name] = _identifier_property(identifier.name)
    load = model.load
    if load is not None:
        attrs["load"] = attrs["reload"] = _load_method(_service_action(context, load))
    for action in model.actions:
        attrs[action.name] = _action_method(action.name, _service_action(context, action))
    if shape is not None:
        aliases = {i.member_name: i for i in identifiers if i.member_name}
        for name, (member_name, _ref) in model.get_attributes(shape).items():
            alias = aliases.get(name)
            attrs[name] = (_identifier_property(alias.name) if alias is not None
                           else _attribute_property(name, member_name))
    for collection in model.collections:
        attrs[collection.name] = _collection_property(context, model.name, collection)
    for reference in model.references:
        attrs[reference.name] = _reference_property(context, reference)
    subresources = model.subresources
    for subresource in subresources:
        attrs[subresource.name] = _subresource_method(context, subresource)
    names = sorted(s.name for s in subresources)
    attrs["get_available_subresources"] = _available_subresources(names)
    for waiter in model.waiters:
        attrs[waiter.name] = _waiter_method(waiter)
    return attrs


def _handler(context: ServiceContext, action: Action) -> ResourceHandler | RawHandler:
    if action.resource is None:
        return RawHandler(action.path)
    operation = action.request.operation if action.request is not None else None
    return ResourceHandler(action.resource.path, action.resource, context.resource_class,
                           context.service_model, operation)


def _service_action(context: ServiceContext, action: Action) -> ServiceAction:
    return ServiceAction(action, _handler(context, action))


def _identifier_property(name: str) -> property:
    def get_identifier(self: Any) -> Any:
        return self._identifiers.get(name)

    get_identifier.__name__ = name
    return property(get_identifier)


def _attribute_property(name: str, member_name: str) -> property:
    def get_attribute(self: Any) -> Any:
        if self.meta.data is None:
            load = getattr(self, "load", None)
            if load is None:
                raise ResourceLoadException(f"{type(self).__name__} has no load method")
            load()
        return self.meta.data.get(member_name)

    get_attribute.__name__ = name
    return property(get_attribute)


def _load_method(action: ServiceAction) -> Callable[..., None]:
    def load(self: Any, *args: Any, **kwargs: Any) -> None:
        self.meta.data = action(self, *args, **kwargs)

    return load


def _action_method(name: str, action: ServiceAction) -> Callable[..., Any]:
    def do_action(self: Any, *args: Any, **kwargs: Any) -> Any:
        response = action(self, *args, **kwargs)
        if hasattr(self, "load"):
            self.meta.data = None  # stale after a change: reload on next attribute read
        return response

    do_action.__name__ = name
    return do_action


def _collection_property(context: ServiceContext, resource_name: str,
                         collection: Action) -> property:
    manager_cls = collection_manager_class(context.service_name, resource_name, collection)
    handler = _handler(context, collection)

    def get_collection(self: Any) -> Any:
        return manager_cls(collection, self, handler)

    get_collection.__name__ = collection.name
    return property(get_collection)


def _reference_property(context: ServiceContext, reference: Action) -> property:
    assert reference.resource is not None
    handler = ResourceHandler(reference.resource.path, reference.resource, context.resource_class,
                              context.service_model)
    needs_data = any(i.source == "data" for i in reference.resource.identifiers)

    def get_reference(self: Any) -> Any:
        if needs_data and self.meta.data is None and hasattr(self, "load"):
            self.load()
        return handler(self, {}, self.meta.data)

    get_reference.__name__ = reference.name
    return property(get_reference)


def _subresource_method(context: ServiceContext, subresource: Action) -> Callable[..., Any]:
    assert subresource.resource is not None
    type_name = subresource.resource.type
    identifiers = subresource.resource.identifiers

    def create_resource(self: Any, *args: Any, **kwargs: Any) -> Any:
        resource_cls = context.resource_class(type_name)
        positional = [value for _name, value in build_identifiers(identifiers, self)]
        kwargs.setdefault("client", self.meta.client)
        return resource_cls(*positional, *args, **kwargs)

    create_resource.__name__ = type_name
    return create_resource


def _available_subresources(names: list[str]) -> Callable[[Any], list[str]]:
    def get_available_subresources(self: Any) -> list[str]:
        return list(names)

    return get_available_subresources


def _waiter_method(waiter: Waiter) -> Callable[..., None]:
    action = WaiterAction(waiter)

    def do_waiter(self: Any, *args: Any, **kwargs: Any) -> None:
        action(self, *args, **kwargs)

    do_waiter.__name__ = waiter.name
    return do_waiter

