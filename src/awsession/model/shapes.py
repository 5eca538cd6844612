"""Read-only views over a service model's JSON (``service-2.json``).

Theory of operation: shapes stay the raw JSON dicts AWS publishes. A *shape ref* is a dict with a
``"shape"`` key plus member traits (``location``, ``locationName``, ``xmlNamespace``, ...); resolve
it with ``service.shapes[ref["shape"]]``. As in botocore, a member's effective traits are the
target shape's keys overlaid with the ref's keys (see :func:`member_trait`). Protocol code walks
these dicts directly, which is cheap and keeps one copy of the model in memory. The views below
only add lookups that many rooms need (metadata, protocol choice, operations) and compute each at
most once per model, which lives once per process.

``ServiceModel.derived`` is a per-model memo for values other modules compute from the model
(validators, serializer plans); keys are namespaced tuples, values immutable by convention.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from awsession.exceptions import MissingServiceIdError

__all__ = ["PROTOCOL_PRIORITY", "OperationModel", "ServiceModel", "member_trait"]

# botocore 1.43 searches a model's ``protocols`` list in this fixed order.
PROTOCOL_PRIORITY = ("json", "rest-json", "rest-xml", "smithy-rpc-v2-cbor", "query", "ec2")


def member_trait(
    shapes: dict[str, dict[str, Any]], ref: dict[str, Any], trait: str, default: Any = None
) -> Any:
    """A member's trait: the ref's own value, else its target shape's, else ``default``."""
    if trait in ref:
        return ref[trait]
    return shapes[ref["shape"]].get(trait, default)


class ServiceModel:
    """One service's model. Immutable by convention: never mutate ``raw`` or ``shapes``."""

    def __init__(self, model: dict[str, Any], service_name: str | None = None) -> None:
        self._raw = model
        self.metadata: dict[str, Any] = model.get("metadata", {})
        self.shapes: dict[str, dict[str, Any]] = model.get("shapes", {})
        self._operations: dict[str, dict[str, Any]] = model.get("operations", {})
        self._given_name = service_name
        self.service_name = service_name or self.metadata.get("endpointPrefix", "")
        self._op_cache: dict[str, OperationModel] = {}
        self.derived: dict[Any, Any] = {}

    def __repr__(self) -> str:
        return f"ServiceModel({self.service_name})"

    @property
    def raw(self) -> dict[str, Any]:
        """The whole model document. Its ``shapes`` may be decoded on demand (see
        :mod:`awsession.model.lazy_shapes`); asking for the whole document decodes them all, so
        that C code reading it (``==`` against another dict, ``json.dumps``) sees every entry."""
        shapes = self.shapes
        materialize = getattr(shapes, "materialize", None)
        if materialize is not None:
            materialize()
        return self._raw

    @property
    def client_context_params(self) -> dict[str, Any]:
        """``clientContextParams``: the endpoint parameters a client's config may set."""
        return self._raw.get("clientContextParams", {})  # type: ignore[no-any-return]

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
        """``metadata.serviceId``; :class:`MissingServiceIdError` when absent, as botocore."""
        try:
            return str(self.metadata["serviceId"])
        except KeyError:
            raise MissingServiceIdError(service_name=self._given_name) from None

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
    def signature_version(self) -> str | None:
        """``metadata.signatureVersion`` (``v4``, ``s3``, ``s3v4``, ``v2``, ``bearer``...)."""
        value = self.metadata.get("signatureVersion")
        return None if value is None else str(value)

    @property
    def auth(self) -> list[str]:
        """``metadata.auth``: the service's auth scheme ids in preference order (maybe empty)."""
        return list(self.metadata.get("auth", ()))

    @property
    def target_prefix(self) -> str | None:
        return self.metadata.get("targetPrefix")

    @property
    def json_version(self) -> str | None:
        return self.metadata.get("jsonVersion")

    @property
    def is_query_compatible(self) -> bool:
        return "awsQueryCompatible" in self.metadata

    @property
    def documentation(self) -> str:
        return str(self._raw.get("documentation", ""))

    @property
    def operation_names(self) -> list[str]:
        return list(self._operations)

    @cached_property
    def error_shapes_by_code(self) -> dict[str, str]:
        """Error code -> shape name for every ``exception`` shape; the code is ``error.code`` if
        modeled (the awsQuery error code of query-compatible services), else the shape name."""
        result: dict[str, str] = {}
        for name, shape in self.exception_shapes:
            code = (shape.get("error") or {}).get("code") or name
            result[code] = name
        return result

    @property
    def exception_shapes(self) -> list[tuple[str, dict[str, Any]]]:
        """``(name, shape)`` of every shape with the ``exception`` trait, in model order (this
        decodes only those shapes of a lazily decoded model)."""
        from awsession.model.lazy_shapes import exception_items

        return exception_items(self.shapes)

    @cached_property
    def _python_names(self) -> dict[str, str]:
        from awsession.model.names import xform_name

        return {xform_name(name): name for name in self._operations}

    @property
    def python_operation_names(self) -> dict[str, str]:
        """Python method name (``put_object``) -> operation name (``PutObject``)."""
        return self._python_names

    def operation_for_python_name(self, name: str) -> OperationModel:
        """The operation whose client method is ``name``; ``KeyError`` if there is none."""
        return self.operation_model(self._python_names[name])

    def shape(self, name: str) -> dict[str, Any]:
        return self.shapes[name]

    def operation_model(self, name: str) -> OperationModel:
        op = self._op_cache.get(name)
        if op is None:
            op = self._op_cache.setdefault(name, OperationModel(self, self._operations[name], name))
        return op


class OperationModel:
    """One operation: its HTTP binding, input/output/error shape names and traits.

    ``name`` is the API name (the key in ``operations``, used in errors and method names);
    ``wire_name`` is the model's ``name`` field, which differs for a few services (CloudFront).
    """

    def __init__(self, service: ServiceModel, raw: dict[str, Any], name: str | None = None) -> None:
        self.service = service
        self.raw = raw
        self.name: str = name if name is not None else raw["name"]
        self.http: dict[str, Any] = raw.get("http", {})

    def __repr__(self) -> str:
        return f"OperationModel(name={self.name})"

    @property
    def wire_name(self) -> str:
        return str(self.raw.get("name", self.name))

    @cached_property
    def python_name(self) -> str:
        from awsession.model.names import xform_name

        return xform_name(self.name)

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

    # -- streaming and event streams -------------------------------------------------------------

    def _payload_blob(self, shape: dict[str, Any] | None) -> str | None:
        # botocore: the structure's ``payload`` member, when that member is a blob.
        if shape is None:
            return None
        payload = shape.get("payload")
        if payload is None:
            return None
        ref = shape["members"][payload]
        return payload if self.service.shapes[ref["shape"]]["type"] == "blob" else None

    def _event_stream(self, shape: dict[str, Any] | None) -> str | None:
        if shape is None:
            return None
        shapes = self.service.shapes
        for member, ref in shape.get("members", {}).items():
            if member_trait(shapes, ref, "eventstream"):
                return str(member)
        return None

    @cached_property
    def streaming_input_member(self) -> str | None:
        """The input member carrying the raw body (a blob ``payload``), if any."""
        return self._payload_blob(self.input_shape)

    @cached_property
    def streaming_output_member(self) -> str | None:
        """The output member carrying the raw body (a blob ``payload``), if any."""
        return self._payload_blob(self.output_shape)

    @property
    def has_streaming_input(self) -> bool:
        return self.streaming_input_member is not None

    @property
    def has_streaming_output(self) -> bool:
        return self.streaming_output_member is not None

    @cached_property
    def event_stream_input_member(self) -> str | None:
        return self._event_stream(self.input_shape)

    @cached_property
    def event_stream_output_member(self) -> str | None:
        return self._event_stream(self.output_shape)

    @property
    def has_event_stream_input(self) -> bool:
        return self.event_stream_input_member is not None

    @property
    def has_event_stream_output(self) -> bool:
        return self.event_stream_output_member is not None

    # -- plain traits ----------------------------------------------------------------------------

    @property
    def documentation(self) -> str:
        return str(self.raw.get("documentation", ""))

    @property
    def deprecated(self) -> bool:
        return bool(self.raw.get("deprecated", False))

    @property
    def http_checksum_required(self) -> bool:
        return bool(self.raw.get("httpChecksumRequired", False))

    @property
    def http_checksum(self) -> dict[str, Any]:
        return self.raw.get("httpChecksum", {})  # type: ignore[no-any-return]

    @property
    def request_compression(self) -> dict[str, Any] | None:
        return self.raw.get("requestcompression")

    @property
    def auth(self) -> list[str] | None:
        """The operation's ``auth`` scheme ids, or ``None`` to use the service's."""
        return self.raw.get("auth")

    @property
    def auth_type(self) -> str | None:
        """The legacy ``authtype`` trait (``none``, ``v4-unsigned-body``, ``bearer``...)."""
        return self.raw.get("authtype")

    @property
    def unsigned_payload(self) -> bool:
        return bool(self.raw.get("unsignedPayload", False))

    @property
    def endpoint_discovery(self) -> dict[str, Any] | None:
        """``endpointdiscovery`` (``{}`` means enabled but optional), or ``None``."""
        return self.raw.get("endpointdiscovery")

    @property
    def is_endpoint_discovery_operation(self) -> bool:
        return bool(self.raw.get("endpointoperation", False))

    @cached_property
    def static_context_params(self) -> dict[str, Any]:
        """Endpoint parameter name -> fixed value (``staticContextParams``)."""
        params = self.raw.get("staticContextParams", {})
        return {name: props.get("value") for name, props in params.items()}

    @cached_property
    def context_params(self) -> dict[str, str]:
        """Endpoint parameter name -> input member name (members with a ``contextParam`` trait)."""
        shape = self.input_shape
        if shape is None:
            return {}
        shapes = self.service.shapes
        result: dict[str, str] = {}
        for member, ref in shape.get("members", {}).items():
            trait = member_trait(shapes, ref, "contextParam")
            if trait and "name" in trait:
                result[trait["name"]] = member
        return result

    @property
    def operation_context_params(self) -> dict[str, Any]:
        """Endpoint parameter name -> ``{"path": <JMESPath over the input>}``."""
        return self.raw.get("operationContextParams", {})  # type: ignore[no-any-return]

    @cached_property
    def idempotent_members(self) -> list[str]:
        """Input members with the ``idempotencyToken`` trait (filled with a UUID when absent)."""
        shape = self.input_shape
        if shape is None:
            return []
        shapes = self.service.shapes
        members = shape.get("members", {})
        return [m for m, ref in members.items() if member_trait(shapes, ref, "idempotencyToken")]
