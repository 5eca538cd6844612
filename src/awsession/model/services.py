"""Load AWS's per-service data (models, paginators, waiters, rule sets) the way botocore does.

Rules:

1. A *typed* file is ``<service>/<api-version>/<type>.json[.gz]`` (``service-2``, ``paginators-1``,
   ``waiters-2``, ``endpoint-rule-set-1``, boto3's ``resources-1``). Without a pinned version the
   newest version folder (string maximum) holding that type is used.
2. Errors match botocore: a service with no version holding the type raises
   :class:`UnknownServiceError` listing every service that has one; a pinned version that lacks the
   file raises :class:`DataNotFoundError` naming ``<service>/<version>/<type>``.
3. ``<type>.sdk-extras.json`` beside the file is deep-merged into it (its ``merge`` object: dicts
   merge key by key, anything else replaces).
4. Each result is built once per loader and shared (thread-safe, single flight per key). Loading
   one service reads only that service's folder: the list of all services is computed only to
   word the unknown-service error.
"""

from __future__ import annotations

import os
from typing import Any

from awsession.exceptions import DataNotFoundError, UnknownServiceError
from awsession.model.loader import DataLoader, default_loader
from awsession.model.shapes import ServiceModel

__all__ = [
    "list_api_versions",
    "list_available_services",
    "load_endpoint_ruleset",
    "load_endpoints_legacy",
    "load_paginators",
    "load_partitions",
    "load_resource_model",
    "load_sdk_default_configuration",
    "load_service_model",
    "load_typed_data",
    "load_waiters",
]

SERVICE_TYPE = "service-2"
_EXTRAS_TYPES = ("sdk",)


def _loader(loader: DataLoader | None) -> DataLoader:
    return loader if loader is not None else default_loader()


def list_available_services(type_name: str = SERVICE_TYPE, *, loader: DataLoader | None = None) -> list[str]:
    """Every service with a ``type_name`` file in some version folder, sorted (botocore's list)."""
    return list(_loader(loader).list_services(type_name))


def list_api_versions(
    service_name: str, type_name: str = SERVICE_TYPE, *, loader: DataLoader | None = None
) -> list[str]:
    """The API versions of ``service_name`` holding ``type_name``, sorted; DataNotFoundError if none."""
    versions = _loader(loader).list_api_versions(service_name, type_name)
    if not versions:
        raise DataNotFoundError(data_path=service_name)
    return list(versions)


def _deep_merge(base: dict[str, Any], extra: dict[str, Any]) -> None:
    for key, value in extra.items():
        current = base.get(key)
        if isinstance(current, dict) and isinstance(value, dict):
            _deep_merge(current, value)
        else:
            base[key] = value


def _resolve_version(ld: DataLoader, service_name: str, type_name: str, api_version: str | None) -> str:
    versions = ld.list_api_versions(service_name, type_name)
    if not versions:
        raise UnknownServiceError(
            service_name=service_name,
            known_service_names=", ".join(ld.list_services(type_name)),
        )
    return versions[-1] if api_version is None else api_version


def _read_typed(ld: DataLoader, service_name: str, version: str, type_name: str) -> Any:
    relative = os.path.join(service_name, version, type_name)
    data = ld.read(relative, split="shapes" if type_name == SERVICE_TYPE else None)
    if data is None:
        raise DataNotFoundError(data_path=relative)
    for extras_type in _EXTRAS_TYPES:
        extras = ld.read(os.path.join(service_name, version, f"{type_name}.{extras_type}-extras"))
        if isinstance(extras, dict) and isinstance(extras.get("merge"), dict):
            _deep_merge(data, extras["merge"])
    return data


def load_typed_data(
    service_name: str, type_name: str, api_version: str | None = None, *, loader: DataLoader | None = None
) -> Any:
    """The merged ``type_name`` data of a service (botocore's ``Loader.load_service_model``)."""
    ld = _loader(loader)
    version = _resolve_version(ld, service_name, type_name, api_version)
    return ld.memo(
        ("typed", service_name, version, type_name),
        lambda: _read_typed(ld, service_name, version, type_name),
    )


def load_service_model(
    service_name: str, api_version: str | None = None, *, loader: DataLoader | None = None
) -> ServiceModel:
    """The :class:`ServiceModel` of ``service_name`` (newest API version unless pinned), shared."""
    ld = loader if loader is not None else default_loader()
    requested = ("service-model", service_name, api_version)
    found: ServiceModel | None = ld.memoized(requested)
    if found is not None:
        return found
    version = _resolve_version(ld, service_name, SERVICE_TYPE, api_version)
    model = ld.memo(
        ("service-model", service_name, version),
        lambda: ServiceModel(load_typed_data(service_name, SERVICE_TYPE, version, loader=ld), service_name),
    )
    return ld.memo(requested, lambda: model)


def load_paginators(
    service_name: str, api_version: str | None = None, *, loader: DataLoader | None = None
) -> dict[str, Any]:
    """``paginators-1`` (with its sdk-extras); the ``pagination`` dict maps operation -> config."""
    return load_typed_data(service_name, "paginators-1", api_version, loader=loader)  # type: ignore[no-any-return]


def load_waiters(
    service_name: str, api_version: str | None = None, *, loader: DataLoader | None = None
) -> dict[str, Any]:
    """``waiters-2`` of a service (``{"version": 2, "waiters": {...}}``)."""
    return load_typed_data(service_name, "waiters-2", api_version, loader=loader)  # type: ignore[no-any-return]


def load_endpoint_ruleset(
    service_name: str, api_version: str | None = None, *, loader: DataLoader | None = None
) -> dict[str, Any]:
    """``endpoint-rule-set-1`` of a service (the endpoints 2.0 rule set)."""
    return load_typed_data(  # type: ignore[no-any-return]
        service_name, "endpoint-rule-set-1", api_version, loader=loader
    )


def load_resource_model(
    service_name: str, api_version: str | None = None, *, loader: DataLoader | None = None
) -> dict[str, Any]:
    """boto3's ``resources-1`` of a service."""
    return load_typed_data(service_name, "resources-1", api_version, loader=loader)  # type: ignore[no-any-return]


def _load_global(name: str, loader: DataLoader | None) -> dict[str, Any]:
    data = _loader(loader).load(name)
    if data is None:
        raise DataNotFoundError(data_path=name)
    return data  # type: ignore[no-any-return]


def load_partitions(*, loader: DataLoader | None = None) -> dict[str, Any]:
    """``partitions.json``: partition regexes, regions and their outputs."""
    return _load_global("partitions", loader)


def load_endpoints_legacy(*, loader: DataLoader | None = None) -> dict[str, Any]:
    """``endpoints.json``: the legacy (pre rule set) endpoint data."""
    return _load_global("endpoints", loader)


def load_sdk_default_configuration(*, loader: DataLoader | None = None) -> dict[str, Any]:
    """``sdk-default-configuration.json``: the defaults-mode tables."""
    return _load_global("sdk-default-configuration", loader)
