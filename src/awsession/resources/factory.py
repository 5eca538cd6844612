"""``session.resource(...)``: resource classes built once per process from ``resources-1.json``.

Rules:

1. ``create_resource`` loads the service's resource model (boto3's errors when there is none or
   the API version is unknown), makes a client with the same arguments (``user_agent_extra``
   ``Resource`` unless the caller's config sets one) and returns the service resource bound to it.
2. A :class:`ServiceContext` exists once per (service model, resource model) and builds each
   resource class on first use, under a lock; classes are never rebuilt. Class names follow boto3:
   ``ec2.ServiceResource``, ``ec2.Instance``.
3. A class is the model's attributes (``members.class_attributes``), then built-in customizations
   (``customizations.py``), then methods other rooms registered with :func:`register_injected`
   (last wins). Registering after a class was built adds the methods to it at once.
4. Resources pickle as (service, API version, resource name, client, identifiers, data); the
   client pickles as its own recipe, so a resource crosses process boundaries (boto3's cannot).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from .base import ResourceMeta, ServiceResource
from .customizations import builtin_extras
from .members import class_attributes
from .model import ResourceModel

__all__ = [
    "ServiceContext",
    "create_resource",
    "rebuild_resource",
    "register_injected",
    "service_context",
]

_lock = threading.RLock()
_injected: dict[tuple[str, str | None], dict[str, Callable[..., Any]]] = {}
_built: dict[tuple[str, str | None], list[type]] = {}


def register_injected(service: str, resource_name: str | None,
                      methods: dict[str, Callable[..., Any]]) -> None:
    """Add ``methods`` to the ``service`` resource class ``resource_name`` (``None``: the service
    resource itself), now for classes already built and later for classes built afterwards."""
    key = (service, resource_name)
    with _lock:
        _injected.setdefault(key, {}).update(methods)
        for cls in _built.get(key, []):
            for name, method in methods.items():
                setattr(cls, name, method)


class ServiceContext:
    """One service's resource definitions, its service model, and its resource classes."""

    def __init__(self, service_name: str, service_model: Any, resource_json: dict[str, Any],
                 api_version: str | None = None) -> None:
        self.service_name = service_name
        self.api_version = api_version
        self.service_model = service_model
        self.resource_json = resource_json
        self.definitions: dict[str, Any] = resource_json.get("resources", {})
        self._classes: dict[str, type] = {}

    def __repr__(self) -> str:
        return f"ServiceContext({self.service_name!r})"

    def service_class(self) -> type:
        """The class of the service resource (``<service>.ServiceResource``)."""
        return self.resource_class(self.service_name)

    def resource_class(self, name: str) -> type:
        """The class of resource ``name``, built on first use."""
        cls = self._classes.get(name)
        if cls is None:
            with _lock:
                cls = self._classes.get(name)
                if cls is None:
                    cls = self._build(name)
                    self._classes[name] = cls
        return cls

    def _build(self, name: str) -> type:
        is_service = name == self.service_name
        definition = (self.resource_json.get("service", {}) if is_service
                      else self.definitions.get(name, {}))
        shape_name = definition.get("shape")
        shape = self.service_model.shapes[shape_name] if shape_name else None
        model = ResourceModel(name, definition, self.definitions, shape)
        attrs = class_attributes(self, model, shape)
        attrs["meta"] = ResourceMeta(self.service_name, [i.name for i in model.identifiers],
                                     resource_model=model)
        attrs["__module__"] = __name__
        attrs["_awsession_recipe"] = (self.service_name, self.api_version, name)
        bases, extra = builtin_extras(self.service_name, name, is_service)
        attrs.update(extra)
        key = (self.service_name, None if is_service else name)
        attrs.update(_injected.get(key, {}))
        cls_name = f"{self.service_name}.{'ServiceResource' if is_service else name}"
        cls = type(cls_name, (*bases, ServiceResource), attrs)
        _built.setdefault(key, []).append(cls)
        return cls


def service_context(service_name: str, service_model: Any, resource_json: dict[str, Any],
                    api_version: str | None = None) -> ServiceContext:
    """The shared context of a service model + resource model (made once, kept with the model)."""
    if service_name == "s3":  # the managed-transfer methods boto3 puts on Bucket and Object
        from ..s3.inject import register_resource_methods

        register_resource_methods()
    key = ("awsession.resources.context", service_name, id(resource_json))
    derived: dict[Any, Any] = service_model.derived
    context: ServiceContext | None = derived.get(key)
    if context is None:
        with _lock:
            context = derived.get(key)
            if context is None:
                context = derived[key] = ServiceContext(service_name, service_model, resource_json,
                                                        api_version)
    return context


def _load_model(session: Any, service_name: str, api_version: str | None) -> tuple[dict[str, Any], str]:
    from ..exceptions import (
        DataNotFoundError,
        ResourceNotExistsError,
        UnknownAPIVersionError,
        UnknownServiceError,
    )
    from ..model.services import list_api_versions, load_resource_model

    loader = session._data_loader()
    try:
        resource_json = load_resource_model(service_name, api_version, loader=loader)
    except UnknownServiceError:
        raise ResourceNotExistsError(service_name, session.get_available_resources(),
                                     service_name in session.get_available_services()) from None
    except DataNotFoundError:
        versions = list_api_versions(service_name, "resources-1", loader=loader)
        raise UnknownAPIVersionError(service_name, str(api_version), ", ".join(versions)) from None
    if api_version is None:
        api_version = list_api_versions(service_name, "resources-1", loader=loader)[-1]
    return resource_json, api_version


def _resource_config(config: Any) -> Any:
    from ..config.client_config import Config

    if config is None:
        return Config(user_agent_extra="Resource")
    if config.user_agent_extra is None:
        return config.merge(Config(user_agent_extra="Resource"))
    return config


def create_resource(session: Any, service_name: str, region_name: str | None = None,
                    api_version: str | None = None, use_ssl: bool = True,
                    verify: bool | str | None = None, endpoint_url: str | None = None,
                    aws_access_key_id: str | None = None,
                    aws_secret_access_key: str | None = None,
                    aws_session_token: str | None = None, config: Any = None) -> Any:
    """The service resource of ``service_name`` for ``session`` (boto3's ``Session.resource``)."""
    resource_json, api_version = _load_model(session, service_name, api_version)
    client = session.client(
        service_name, region_name=region_name, api_version=api_version, use_ssl=use_ssl,
        verify=verify, endpoint_url=endpoint_url, aws_access_key_id=aws_access_key_id,
        aws_secret_access_key=aws_secret_access_key, aws_session_token=aws_session_token,
        config=_resource_config(config),
    )
    context = service_context(service_name, client.meta.service_model, resource_json, api_version)
    return context.service_class()(client=client)


def rebuild_resource(service_name: str, api_version: str | None, resource_name: str, client: Any,
                     identifiers: dict[str, Any], data: Any) -> Any:
    """Unpickle a resource: its class from the (re)loaded models, its client, ids and data."""
    from ..model.services import load_resource_model

    resource_json = load_resource_model(service_name, api_version)
    context = service_context(service_name, client.meta.service_model, resource_json, api_version)
    resource = context.resource_class(resource_name)(client=client, **identifiers)
    resource.meta.data = data
    return resource

