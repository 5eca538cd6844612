"""The base class of every generated resource class, and its ``meta``.

Rules (boto3's observable behaviour):

1. A resource is made with its identifiers, positionally (in model order) or by keyword, plus an
   optional ``client=``; without one it uses a client of the default session. An unknown keyword is
   ``ValueError("Unknown keyword argument: <name>")``; a missing identifier is
   ``ValueError("Required parameter <name> not set")``.
2. ``meta`` is per instance: ``client``, ``service_name``, ``identifiers`` (names, in order),
   ``data`` (the loaded attributes, ``None`` until loaded) and ``resource_model``.
3. Two resources are equal when their class names and identifier values are; the hash follows.
   ``repr`` is ``ec2.Instance(id='i-123')``.
4. A resource pickles (see ``factory.rebuild_resource``) when its client does.
"""

from __future__ import annotations

from typing import Any

__all__ = ["ResourceMeta", "ServiceResource"]


class ResourceMeta:
    """``resource.meta``: the client, service name, identifier names, loaded data and model."""

    __slots__ = ("client", "data", "identifiers", "resource_model", "service_name")

    def __init__(self, service_name: str, identifiers: list[str] | None = None, client: Any = None,
                 data: Any = None, resource_model: Any = None) -> None:
        self.service_name = service_name
        self.identifiers = identifiers if identifiers is not None else []
        self.client = client
        self.data = data
        self.resource_model = resource_model

    def __repr__(self) -> str:
        return f"ResourceMeta('{self.service_name}', identifiers={self.identifiers})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ResourceMeta):
            return False
        return all(getattr(self, name) == getattr(other, name) for name in self.__slots__)

    __hash__ = None  # type: ignore[assignment]

    def copy(self) -> ResourceMeta:
        """A shallow copy (the identifier list is shared, as in boto3)."""
        return ResourceMeta(self.service_name, self.identifiers, self.client, self.data,
                            self.resource_model)


class ServiceResource:
    """Base of generated resources; subclasses set ``meta`` (a template copied per instance)."""

    meta: ResourceMeta = ResourceMeta("")
    _awsession_recipe: tuple[str, str | None, str] = ("", None, "")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        template = type(self).meta
        meta = ResourceMeta(template.service_name, template.identifiers, None, None,
                            template.resource_model)
        self.meta = meta
        client = kwargs.pop("client", None)
        if client is None:
            from .._default_session import client as default_client

            client = default_client(meta.service_name)
        meta.client = client
        names = meta.identifiers
        values: dict[str, Any] = {}
        for i, value in enumerate(args):
            values[names[i]] = value
        for name, value in kwargs.items():
            if name not in names:
                raise ValueError(f"Unknown keyword argument: {name}")
            values[name] = value
        for name in names:
            if values.get(name) is None:
                raise ValueError(f"Required parameter {name} not set")
        self._identifiers = values

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={self._identifiers[name]!r}" for name in self.meta.identifiers)
        return f"{type(self).__name__}({shown})"

    def __eq__(self, other: object) -> bool:
        if type(other).__name__ != type(self).__name__:
            return False
        mine = self._identifiers
        theirs = getattr(other, "_identifiers", {})
        return all(mine[name] == theirs.get(name) for name in self.meta.identifiers)

    def __reduce__(self) -> tuple[Any, ...]:
        from .factory import rebuild_resource

        service_name, api_version, resource_name = type(self)._awsession_recipe
        return (rebuild_resource, (service_name, api_version, resource_name, self.meta.client,
                                   dict(self._identifiers), self.meta.data))

    def __hash__(self) -> int:
        values = tuple(self._identifiers[name] for name in self.meta.identifiers)
        return hash((type(self).__name__, values))
