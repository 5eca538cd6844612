"""The ``smithy-rpc-v2-cbor`` protocol: a POST of one CBOR map to ``/service/<name>/operation/<op>``.

Rules (botocore's):

* ``<name>`` is the model's ``targetPrefix``; the method is always POST.
* Headers: ``smithy-protocol: rpc-v2-cbor``; ``Accept: application/cbor`` (or
  ``application/vnd.amazon.eventstream`` for event-stream output); ``Content-Type`` the same value,
  only when there is a body; ``x-amzn-query-mode: true`` for ``awsQueryCompatible`` services.
* An operation with an input shape always has a body (an empty map ``a0`` at least); without one the
  body is empty.
* Structures drop ``None`` members and rename by ``locationName``. Timestamps are tag 1 around whole
  epoch seconds (``timestampFormat`` is ignored); ``float`` shapes are 32-bit, ``double`` 64-bit;
  blobs are byte strings (a readable object is read); documents are encoded as plain data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from awsession._core.frozen import FrozenValue
from awsession._core.http import SerializedRequest
from awsession.model.shapes import OperationModel, ServiceModel

from . import cbor
from .operation import (
    OperationTraits,
    TokenFactory,
    expand_host_prefix,
    fill_idempotency_tokens,
    operation_traits,
)
from .shape_refs import compile_cached, operation_plan
from .timestamps import to_datetime

__all__ = ["serialize"]

Writer = Callable[[bytearray, Any], None]

_EPOCH_TAG = 1


def _forward(cell: list[Writer]) -> Writer:
    def forward(out: bytearray, value: Any) -> None:
        cell[0](out, value)

    return forward


def cbor_writer(service: ServiceModel, ref: dict[str, Any]) -> Writer:
    """The compiled CBOR writer for a shape ref."""
    return compile_cached(service, "cbor", ref, lambda shape: _build(service, shape), _forward)


def _blob(out: bytearray, value: Any) -> None:
    if isinstance(value, str):
        value = value.encode("utf-8")
    elif not isinstance(value, (bytes, bytearray, memoryview)):
        value = value.read()
    cbor.write_bytes(out, value)


def _timestamp(out: bytearray, value: Any) -> None:
    moment = to_datetime(value)
    cbor.write_tag(out, _EPOCH_TAG)
    cbor.write_int(out, int(moment.replace(microsecond=0).timestamp()))


_SCALARS: dict[str, Writer] = {
    "string": cbor.write_text,
    "integer": cbor.write_int,
    "long": cbor.write_int,
    "short": cbor.write_int,
    "byte": cbor.write_int,
    "boolean": cbor.write_bool,
    "float": cbor.write_float,
    "double": cbor.write_double,
    "blob": _blob,
    "timestamp": _timestamp,
}


def _build(service: ServiceModel, shape: dict[str, Any]) -> Writer:
    kind = shape.get("type", "")
    scalar = _SCALARS.get(kind)
    if scalar is not None:
        return scalar
    if kind == "list":
        item_writer = cbor_writer(service, shape["member"])

        def list_(out: bytearray, value: Any) -> None:
            cbor.write_head(out, 4, len(value))
            for item in value:
                item_writer(out, item)

        return list_
    if kind == "map":
        key_writer = cbor_writer(service, shape["key"])
        value_writer = cbor_writer(service, shape["value"])

        def map_(out: bytearray, value: Any) -> None:
            cbor.write_head(out, 5, len(value))
            for key, item in value.items():
                key_writer(out, key)
                value_writer(out, item)

        return map_
    if kind == "structure" and not shape.get("document"):
        return _structure(service, shape)
    return cbor.write_value


def _structure(service: ServiceModel, shape: dict[str, Any]) -> Writer:
    members: dict[str, tuple[bytes, Writer]] = {}
    for name, ref in shape.get("members", {}).items():
        wire = ref.get("locationName") or service.shapes[ref["shape"]].get("locationName") or name
        key = bytearray()
        cbor.write_text(key, wire)
        members[name] = (bytes(key), cbor_writer(service, ref))

    def structure(out: bytearray, value: Any) -> None:
        present = [(k, v) for k, v in value.items() if v is not None]
        cbor.write_head(out, 5, len(present))
        for name, item in present:
            encoded_key, writer = members[name]
            out += encoded_key
            writer(out, item)

    return structure


class _Plan(FrozenValue):
    __slots__ = ("headers", "traits", "url_path", "writer")
    _fields = ("traits", "url_path", "headers", "writer")
    traits: OperationTraits
    url_path: str
    headers: tuple[tuple[str, str], ...]
    writer: Writer | None

    def __init__(self, traits: OperationTraits, url_path: str, headers: tuple[tuple[str, str], ...],
                 writer: Writer | None) -> None:
        _set = object.__setattr__
        _set(self, "traits", traits)
        _set(self, "url_path", url_path)
        _set(self, "headers", headers)
        _set(self, "writer", writer)


def _build_plan(operation: OperationModel) -> _Plan:
    traits = operation_traits(operation)
    service = operation.service
    target = service.metadata.get("targetPrefix", "")
    accept = "application/cbor"
    output_ref = operation.raw.get("output")
    if output_ref and _has_event_stream(service, output_ref):
        accept = "application/vnd.amazon.eventstream"
    headers = [("smithy-protocol", "rpc-v2-cbor")]
    if traits.query_compatible:
        headers.append(("x-amzn-query-mode", "true"))
    headers.append(("Accept", accept))
    if traits.input_ref:
        headers.append(("Content-Type", accept))
    writer = cbor_writer(service, traits.input_ref) if traits.input_ref else None
    url_path = f"/service/{target}/operation/{operation.name}"
    return _Plan(traits, url_path, tuple(headers), writer)


def _has_event_stream(service: ServiceModel, ref: dict[str, Any]) -> bool:
    shape = service.shapes[ref["shape"]]
    return any(service.shapes[m["shape"]].get("eventstream") for m in shape.get("members", {}).values())


def serialize(
    operation: OperationModel, params: dict[str, Any], *, new_token: TokenFactory | None = None
) -> SerializedRequest:
    plan = operation_plan(operation, "cbor", _build_plan)
    traits = plan.traits
    if traits.token_members:
        params = fill_idempotency_tokens(traits, params, new_token)
    body = b""
    if plan.writer is not None:
        out = bytearray()
        plan.writer(out, params)
        body = bytes(out)
    return SerializedRequest(
        "POST",
        plan.url_path,
        {},
        dict(plan.headers),
        body,
        expand_host_prefix(traits, params) if traits.host_prefix else None,
        traits.checksum_required,
        traits.request_compression,
    )
