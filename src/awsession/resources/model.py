"""Typed, precomputed views over one resource definition in boto3's ``resources-1.json``.

Rules (boto3's resource model, reproduced because the names are the public API):

1. A definition has ``identifiers``, an optional ``shape`` and ``load``, ``actions``,
   ``batchActions``, ``has`` (references and sub-resources), ``hasMany`` (collections) and
   ``waiters``. Every name a Python attribute will carry is snake-cased with ``xform_name``, except
   sub-resources, which keep their ``UpperCamel`` name.
2. Names can collide. They are claimed in this order, and a later claimant of a taken name gets
   ``_<category>`` appended: ``meta``, ``load``, identifiers, actions, sub-resources/references,
   collections, waiters (``wait_until_*``), shape attributes. A second collision is a ``ValueError``.
3. ``has`` entries whose identifiers read ``data`` are *references* (properties); the others are
   *sub-resources* (constructors). The service resource implicitly "has" every resource in the file,
   taking all of its identifiers as input, unless the file names a ``has`` for that type.
4. Everything is computed once when a :class:`ResourceModel` is made and never changes after.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model.names import xform_name

__all__ = [
    "Action",
    "Identifier",
    "Parameter",
    "Request",
    "ResourceModel",
    "ResponseResource",
    "Waiter",
]

WAITER_PREFIX = "WaitUntil"


@dataclass(frozen=True)
class Identifier:
    """A resource identifier (snake-cased) and the shape member that aliases it, if any."""

    name: str
    member_name: str | None = None


@dataclass(frozen=True)
class Parameter:
    """An auto-filled value: ``target`` in the request (or response identifier) from ``source``."""

    target: str
    source: str
    name: str | None = None
    path: str | None = None
    value: Any = None


def _parameters(items: list[dict[str, Any]]) -> tuple[Parameter, ...]:
    return tuple(Parameter(target=item["target"], source=item["source"], name=item.get("name"),
                           path=item.get("path"), value=item.get("value")) for item in items)


@dataclass(frozen=True)
class Request:
    """The operation an action calls and the parameters it fills in itself."""

    operation: str
    params: tuple[Parameter, ...]


@dataclass(frozen=True)
class ResponseResource:
    """The resource (or list of them) an action builds from its response."""

    type: str
    identifiers: tuple[Parameter, ...]
    path: str | None
    definitions: dict[str, Any]

    @property
    def model(self) -> ResourceModel:
        return ResourceModel(self.type, self.definitions[self.type], self.definitions)


@dataclass(frozen=True)
class Action:
    """An action (also used for ``load``, references, sub-resources and collections)."""

    name: str
    request: Request | None
    resource: ResponseResource | None
    path: str | None

    @property
    def batch_actions(self) -> list[Action]:
        """For a collection: the batch actions of the resource type it holds."""
        return self.resource.model.batch_actions if self.resource is not None else []


@dataclass(frozen=True)
class Waiter:
    """A resource waiter: ``wait_until_<name>`` calls the client's ``waiter_name`` waiter."""

    name: str
    waiter_name: str
    params: tuple[Parameter, ...]


def _action(name: str, definition: dict[str, Any], definitions: dict[str, Any]) -> Action:
    raw_request = definition.get("request")
    request = None
    if raw_request is not None:
        request = Request(raw_request.get("operation", ""), _parameters(raw_request.get("params", [])))
    raw_resource = definition.get("resource")
    resource = None
    if raw_resource is not None:
        resource = ResponseResource(raw_resource.get("type", ""),
                                    _parameters(raw_resource.get("identifiers", [])),
                                    raw_resource.get("path"), definitions)
    return Action(name, request, resource, definition.get("path"))


class ResourceModel:
    """One resource of a service (``name`` is the service name for the service resource)."""

    def __init__(self, name: str, definition: dict[str, Any], definitions: dict[str, Any],
                 shape: dict[str, Any] | None = None) -> None:
        self.name = name
        self.definition = definition
        self.definitions = definitions
        self.shape: str | None = definition.get("shape")
        self._renamed: dict[tuple[str, str], str] = {}
        self._claim_names(shape)

    def __repr__(self) -> str:
        return f"ResourceModel({self.name!r})"

    # -- names -----------------------------------------------------------------------------------

    def _claim_names(self, shape: dict[str, Any] | None) -> None:
        taken = {"meta"}
        if self.definition.get("load"):
            taken.add("load")
        for item in self.definition.get("identifiers", []):
            self._claim(taken, xform_name(item["name"]), "identifier")
        for name in self.definition.get("actions", {}):
            self._claim(taken, xform_name(name), "action")
        for name, ref in self.has_definitions().items():
            if _needs_data(ref):
                self._claim(taken, xform_name(name), "reference")
            else:
                self._claim(taken, name, "subresource")
        for name in self.definition.get("hasMany", {}):
            self._claim(taken, xform_name(name), "collection")
        for name in self.definition.get("waiters", {}):
            self._claim(taken, xform_name(WAITER_PREFIX + name), "waiter")
        if shape is not None:
            for name in shape.get("members", {}):
                self._claim(taken, xform_name(name), "attribute")

    def _claim(self, taken: set[str], name: str, category: str) -> None:
        if name in taken:
            renamed = f"{name}_{category}"
            self._renamed[(category, name)] = renamed
            if renamed in taken:
                raise ValueError(f"Problem renaming {self.name} {category} to {renamed}!")
            name = renamed
        taken.add(name)

    def name_for(self, category: str, name: str, snake_case: bool = True) -> str:
        """The Python name of ``name`` in ``category`` after collision renaming."""
        if snake_case:
            name = xform_name(name)
        return self._renamed.get((category, name), name)

    # -- parts -----------------------------------------------------------------------------------

    @property
    def identifiers(self) -> list[Identifier]:
        found = []
        for item in self.definition.get("identifiers", []):
            member = item.get("memberName")
            found.append(Identifier(self.name_for("identifier", item["name"]),
                                    self.name_for("attribute", member) if member else None))
        return found

    @property
    def load(self) -> Action | None:
        definition = self.definition.get("load")
        return None if definition is None else _action("load", definition, self.definitions)

    @property
    def actions(self) -> list[Action]:
        return [_action(self.name_for("action", name), item, self.definitions)
                for name, item in self.definition.get("actions", {}).items()]

    @property
    def batch_actions(self) -> list[Action]:
        return [_action(self.name_for("batch_action", name), item, self.definitions)
                for name, item in self.definition.get("batchActions", {}).items()]

    def has_definitions(self) -> dict[str, Any]:
        """``has``, plus for the service resource one implicit entry per resource type."""
        own = self.definition.get("has", {})
        if self.name in self.definitions:
            return own  # type: ignore[no-any-return]
        result: dict[str, Any] = {}
        for type_name, resource_def in self.definitions.items():
            named = [(n, d) for n, d in own.items() if d.get("resource", {}).get("type") == type_name]
            for has_name, has_def in named:
                result[has_name] = has_def
            if not named:
                result[type_name] = {"resource": {"type": type_name, "identifiers": [
                    {"target": i["name"], "source": "input"}
                    for i in resource_def.get("identifiers", [])]}}
        return result

    def _related(self, subresources: bool) -> list[Action]:
        found = []
        for name, definition in self.has_definitions().items():
            if _needs_data(definition) == subresources:
                continue
            python = (self.name_for("subresource", name, snake_case=False) if subresources
                      else self.name_for("reference", name))
            found.append(_action(python, definition, self.definitions))
        return found

    @property
    def subresources(self) -> list[Action]:
        return self._related(True)

    @property
    def references(self) -> list[Action]:
        return self._related(False)

    @property
    def collections(self) -> list[Action]:
        return [_action(self.name_for("collection", name), item, self.definitions)
                for name, item in self.definition.get("hasMany", {}).items()]

    @property
    def waiters(self) -> list[Waiter]:
        return [Waiter(self.name_for("waiter", WAITER_PREFIX + name), item.get("waiterName", ""),
                       _parameters(item.get("params", [])))
                for name, item in self.definition.get("waiters", {}).items()]

    def get_attributes(self, shape: dict[str, Any]) -> dict[str, tuple[str, dict[str, Any]]]:
        """Python attribute name -> (shape member name, member ref); identifiers left out."""
        identifier_names = {i.name for i in self.identifiers}
        attributes = {}
        for name, member in shape.get("members", {}).items():
            snake = xform_name(name)
            if snake in identifier_names:
                continue
            attributes[self.name_for("attribute", snake, snake_case=False)] = (name, member)
        return attributes


def _needs_data(has_definition: dict[str, Any]) -> bool:
    return any(i.get("source") == "data"
               for i in has_definition.get("resource", {}).get("identifiers", []))
