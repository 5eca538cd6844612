"""Generated resource classes match boto3's, class by class, for every resource of every service.

boto3 builds its classes from the same ``resources-1.json`` without touching the network, so each
class's public attribute names, identifiers, sub-resources and collection batch actions can be
compared directly.
"""

from __future__ import annotations

from typing import Any
from unittest.mock import MagicMock

import boto3
import pytest
from boto3.resources.factory import ResourceFactory
from boto3.utils import ServiceContext as Boto3Context
from botocore.session import get_session

import awsession
from awsession.model.services import list_available_services, load_resource_model
from awsession.resources.factory import service_context

SERVICES = list_available_services("resources-1")


def _pairs(service: str) -> list[tuple[type, type]]:
    botocore_session = get_session()
    raw = boto3.Session()._loader.load_service_model(service, "resources-1")
    service_model = botocore_session.get_service_model(service)
    ctx = Boto3Context(service_name=service, service_model=service_model,
                       resource_json_definitions=raw["resources"], service_waiter_model=None)
    factory = ResourceFactory(boto3.Session()._session.get_component("event_emitter"))
    theirs = {service: factory.load_from_definition(service, raw["service"], ctx)}
    for name, definition in raw["resources"].items():
        theirs[name] = factory.load_from_definition(name, definition, ctx)
    ours_model = awsession.Session(region_name="us-east-1").client(service).meta.service_model
    ours_ctx = service_context(service, ours_model, load_resource_model(service))
    return [(theirs[name], ours_ctx.resource_class(name)) for name in theirs]


def _public(cls: type) -> set[str]:
    return {name for name in dir(cls) if not name.startswith("_")}


@pytest.mark.parametrize("service", SERVICES)
def test_every_class_has_boto3s_name_and_attributes(service: str) -> None:
    for theirs, ours in _pairs(service):
        assert ours.__name__ == theirs.__name__
        expected = _public(theirs)
        assert _public(ours) == expected, theirs.__name__
        assert ours.meta.identifiers == theirs.meta.identifiers  # type: ignore[attr-defined]


@pytest.mark.parametrize("service", SERVICES)
def test_subresources_and_batch_actions_match(service: str) -> None:
    dummy_client: Any = MagicMock()
    for theirs, ours in _pairs(service):
        ids = ["x"] * len(theirs.meta.identifiers)  # type: ignore[attr-defined]
        mine = ours(*ids, client=dummy_client)
        other = theirs(*ids, client=dummy_client)
        assert mine.get_available_subresources() == other.get_available_subresources()
        assert repr(mine) == repr(other)
        for model in theirs.meta.resource_model.collections:  # type: ignore[attr-defined]
            mine_manager = getattr(mine, model.name)
            other_manager = getattr(other, model.name)
            assert type(mine_manager).__name__ == type(other_manager).__name__
            assert _public(type(mine_manager)) == _public(type(other_manager))
            assert _public(mine_manager._collection_cls) == _public(other_manager._collection_cls)


def test_every_identifier_parameter_names_an_identifier_of_its_resource() -> None:
    """Models only ever read ``source: identifier`` from the parent's own identifiers."""
    from awsession.model.names import xform_name

    for service in SERVICES:
        raw = load_resource_model(service)
        everything = {service: raw["service"], **raw["resources"]}
        for name, definition in everything.items():
            ids = {xform_name(i["name"]) for i in definition.get("identifiers", [])}
            sections = [definition.get("load") or {}]
            for key in ("actions", "batchActions", "hasMany", "waiters", "has"):
                sections.extend(definition.get(key, {}).values())
            for section in sections:
                params = (section.get("request", {}).get("params", []) + section.get("params", [])
                          + section.get("resource", {}).get("identifiers", []))
                for param in params:
                    if param["source"] == "identifier":
                        assert xform_name(param["name"]) in ids, (service, name, param)
