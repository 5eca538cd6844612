"""Read-only views over a service model's JSON (``service-2.json``).

Theory of operation: shapes stay the raw JSON dicts AWS publishes. A *shape ref* is a dict with a
``"shape"`` key plus member traits (``location``, ``locationName``, ``xmlNamespace``, ...); resolve
it with ``service.shapes[ref["shape"]]``. Protocol code walks these dicts directly, which is cheap
and keeps one copy of the model in memory. The views below only add lookups that many rooms need
(metadata, protocol choice, operations) and cache them per process with the model.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

__all__ = ["PROTOCOL_PRIORITY", "OperationModel", "ServiceModel"]

# botocore 1.43 searches a model's ``protocols`` list in this fixed order.
PROTOCOL_PRIORITY = ("json", "rest-json", "rest-xml", "smithy-rpc-v2-cbor", "query", "ec2")


class ServiceModel:
    """One service's model. Immutable by convention: never mutate ``raw`` or ``shapes``."""

    def __init__(self, model: dict[str, Any], service_name: str | None = None) -> None:
        self.raw = model
        self.metadata: dict[str, Any] = model.get("metadata", {})
        self.shapes: dict[str, dict[str, Any]] = model.get("shapes", {})
        self._operations: dict[str, dict[str, Any]] = model.get("operations", {})
        self.service_name = service_name or self.metadata.get("endpointPrefix", "")
        self._op_cache: dict[str, OperationModel] = {}

    @cached_property
    def protocol(self) -> str:
        protocols = self.metadata.get("protocols")
        if protocols:
            for candidate in PROTOCOL_PRIORITY:
                if candidate in protocols:
                    return candidate
        return str(self.metadata.get("protocol", ""))

    @property
    def service_id(self) -> str:
        return str(self.metadata.get("serviceId", ""))

    @property
    def signing_name(self) -> str:
        return str(self.metadata.get("signingName") or self.metadata.get("endpointPrefix", ""))

    @property
    def endpoint_prefix(self) -> str:
        return str(self.metadata.get("endpointPrefix", ""))

    @property
    def api_version(self) -> str:
        return str(self.metadata.get("apiVersion", ""))

    @property
    def operation_names(self) -> list[str]:
        return list(self._operations)

    def shape(self, name: str) -> dict[str, Any]:
        return self.shapes[name]

    def operation_model(self, name: str) -> OperationModel:
        op = self._op_cache.get(name)
        if op is None:
            op = self._op_cache.setdefault(name, OperationModel(self, self._operations[name]))
        return op


class OperationModel:
    """One operation: its HTTP binding, input/output/error shape names and traits."""

    def __init__(self, service: ServiceModel, raw: dict[str, Any]) -> None:
        self.service = service
        self.raw = raw
        self.name: str = raw["name"]
        self.http: dict[str, Any] = raw.get("http", {})

    @property
    def input_shape_name(self) -> str | None:
        ref = self.raw.get("input")
        return ref["shape"] if ref else None

    @property
    def output_shape_name(self) -> str | None:
        ref = self.raw.get("output")
        return ref["shape"] if ref else None

    @property
    def input_shape(self) -> dict[str, Any] | None:
        name = self.input_shape_name
        return self.service.shapes[name] if name else None

    @property
    def output_shape(self) -> dict[str, Any] | None:
        name = self.output_shape_name
        return self.service.shapes[name] if name else None

    @property
    def error_shape_names(self) -> list[str]:
        return [ref["shape"] for ref in self.raw.get("errors", ())]

    @property
    def host_prefix(self) -> str | None:
        endpoint = self.raw.get("endpoint")
        return endpoint.get("hostPrefix") if endpoint else None
