"""HTTP bindings shared by ``rest-json`` and ``rest-xml``: path labels, query string, headers, payload.

Rules (botocore's):

* Each top-level input member goes where its ``location`` says: ``uri`` (a ``{Label}`` in
  ``requestUri``; ``{Label+}`` is greedy and keeps ``/``), ``querystring`` (a map member adds its
  entries as they are; a list repeats the key), ``header``, ``headers`` (a map whose keys get the
  ``locationName`` prefix, e.g. ``x-amz-meta-``), or the body. ``None`` values are skipped.
* Path and query scalars: booleans ``true``/``false``, timestamps ``iso8601`` (or the member's
  format), NaN/infinities as words, everything else ``str()``. A literal query already in
  ``requestUri`` (``/{Bucket}?acl``) stays in ``url_path``; the pipeline appends ``query`` with ``&``.
* Headers: timestamps ``rfc822`` by default and always whole seconds; ``jsonvalue`` strings are
  compact JSON in base64; lists are joined with ``,`` (strings holding ``,`` or ``"`` are quoted);
  empty lists are left out; booleans ``true``/``false``.
* Payload: a blob/string ``payload`` member is the body itself (text as UTF-8, a stream passed through
  untouched, ``b""`` when absent); a structure payload is encoded alone (the codec's empty form when
  absent); otherwise the body members are encoded together under the input shape.

The protocol module supplies a :class:`BodyCodec` factory to :func:`rest_serializer`; the plan per
operation is built once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from awsession._core.frozen import FrozenValue
from awsession._core.http import SerializedRequest
from awsession.exceptions import ParamValidationError
from awsession.model.shapes import OperationModel, ServiceModel

from .json_values import blob_base64, special_float
from .operation import (
    OperationTraits,
    TokenFactory,
    expand_host_prefix,
    fill_idempotency_tokens,
    operation_traits,
)
from .shape_refs import operation_plan, resolve
from .timestamps import formatter_for, uses_millisecond_precision
from .uri import percent_encode, percent_encode_greedy

__all__ = ["BodyCodec", "CodecFactory", "RestPlan", "build_plan", "rest_serializer", "serialize_rest"]

Converter = Callable[[Any], Any]
Serializer = Callable[..., SerializedRequest]

_URI, _QUERY, _QUERY_MAP, _HEADER, _HEADERS, _BODY = range(6)
_LOCATIONS = {"uri": _URI, "querystring": _QUERY, "header": _HEADER, "headers": _HEADERS}
_LABEL = re.compile(r"{(.*?)}")


class BodyCodec(FrozenValue):
    """How one REST protocol writes bodies for one operation.

    ``encode_members`` encodes the body members (under the input shape), ``None`` when there are
    none; ``encode_payload`` encodes a non-streaming ``payload`` member's value; ``empty_payload``
    is the body when a structure payload member is absent, ``empty_body`` the body when no body
    member is given; ``default_content_type`` is set as ``Content-Type`` when the body is non-empty
    and not a stream, if the caller set none.
    """

    __slots__ = ("default_content_type", "empty_body", "empty_payload", "encode_members", "encode_payload")
    _fields = ("encode_members", "encode_payload", "empty_payload", "empty_body", "default_content_type")
    encode_members: Callable[[dict[str, Any]], bytes] | None
    encode_payload: Callable[[Any], bytes] | None
    empty_payload: bytes
    empty_body: bytes
    default_content_type: str | None

    def __init__(self, encode_members: Callable[[dict[str, Any]], bytes] | None,
                 encode_payload: Callable[[Any], bytes] | None, empty_payload: bytes, empty_body: bytes,
                 default_content_type: str | None) -> None:
        _set = object.__setattr__
        _set(self, "encode_members", encode_members)
        _set(self, "encode_payload", encode_payload)
        _set(self, "empty_payload", empty_payload)
        _set(self, "empty_body", empty_body)
        _set(self, "default_content_type", default_content_type)


class RestPlan(FrozenValue):
    __slots__ = ("bindings", "codec", "has_labels", "payload", "static_path", "streaming_payload",
                 "traits", "uri_parts")
    _fields = ("traits", "uri_parts", "bindings", "payload", "streaming_payload", "codec", "has_labels",
               "static_path")
    traits: OperationTraits
    uri_parts: tuple[str | tuple[str, bool], ...]
    bindings: dict[str, tuple[int, str, Converter | None]]
    payload: str | None
    streaming_payload: bool
    codec: BodyCodec
    has_labels: bool
    static_path: str

    def __init__(self, traits: OperationTraits, uri_parts: tuple[str | tuple[str, bool], ...],
                 bindings: dict[str, tuple[int, str, Converter | None]], payload: str | None,
                 streaming_payload: bool, codec: BodyCodec, has_labels: bool, static_path: str) -> None:
        _set = object.__setattr__
        _set(self, "traits", traits)
        _set(self, "uri_parts", uri_parts)
        _set(self, "bindings", bindings)
        _set(self, "payload", payload)
        _set(self, "streaming_payload", streaming_payload)
        _set(self, "codec", codec)
        _set(self, "has_labels", has_labels)
        _set(self, "static_path", static_path)


CodecFactory = Callable[[OperationModel, OperationTraits, str | None, bool], BodyCodec]
"""``codec_for(operation, traits, payload_member, streaming_payload)``."""


def _scalar_text(shape: dict[str, Any], millis: bool) -> Converter:
    kind = shape.get("type")
    if kind == "boolean":
        return lambda value: "true" if value else "false"
    if kind == "timestamp":
        format_ = formatter_for(shape.get("timestampFormat"), "iso8601", millis=millis)
        return lambda value: str(format_(value))
    if kind in ("float", "double"):
        return lambda value: str(special_float(value))
    return _as_text


def _as_text(value: Any) -> Any:
    """Text as is; raw bytes too (percent-encoded as bytes, as botocore does); others ``str()``."""
    return value if isinstance(value, (str, bytes)) else str(value)


def _quote_list_item(value: str) -> str:
    if '"' in value or "," in value:
        return '"' + value.replace('"', '\\"') + '"'
    return value


def _header_text(service: ServiceModel, shape: dict[str, Any], millis: bool) -> Converter:
    kind = shape.get("type")
    if kind == "timestamp":
        format_ = formatter_for(shape.get("timestampFormat"), "rfc822", millis=millis, whole_seconds=True)
        return lambda value: str(format_(value))
    if kind == "list":
        member = resolve(service, shape["member"])
        if member.get("type") == "string":
            return lambda value: ",".join(_quote_list_item(v) for v in value if v is not None)
        item = _header_text(service, member, millis)
        return lambda value: ",".join(item(v) for v in value if v is not None)
    if kind == "string" and shape.get("jsonvalue") and shape.get("location") == "header":
        import json  # only for JSON-valued headers

        return lambda value: blob_base64(json.dumps(value, separators=(",", ":")))
    if kind == "boolean":
        return lambda value: "true" if value else "false"
    if kind in ("float", "double"):
        return lambda value: str(special_float(value))
    return str


def _query_converter(service: ServiceModel, shape: dict[str, Any], millis: bool) -> Converter:
    if shape.get("type") == "list":
        item = _scalar_text(resolve(service, shape["member"]), millis)
        return lambda value: [item(v) for v in value]
    return _scalar_text(shape, millis)


def _uri_parts(template: str) -> tuple[str | tuple[str, bool], ...]:
    parts: list[str | tuple[str, bool]] = []
    position = 0
    for match in _LABEL.finditer(template):
        if match.start() > position:
            parts.append(template[position : match.start()])
        label = match.group(1)
        parts.append((label[:-1], True) if label.endswith("+") else (label, False))
        position = match.end()
    if position < len(template):
        parts.append(template[position:])
    return tuple(parts)


def build_plan(operation: OperationModel, codec_for: CodecFactory) -> RestPlan:
    """Compile an operation's bindings; ``codec_for(op, traits, payload, streaming)`` gives the codec."""
    service = operation.service
    traits = operation_traits(operation)
    millis = uses_millisecond_precision(service.service_name)
    bindings: dict[str, tuple[int, str, Converter | None]] = {}
    payload: str | None = None
    streaming = False
    shape = traits.input_shape
    if shape is not None:
        payload = shape.get("payload")
        for name, ref in shape.get("members", {}).items():
            member = resolve(service, ref)
            kind = _LOCATIONS.get(member.get("location", ""), _BODY)
            wire = str(member.get("locationName", name))
            converter: Converter | None = None
            if kind == _URI:
                converter = _scalar_text(member, millis)
            elif kind == _QUERY:
                if member.get("type") == "map":
                    kind = _QUERY_MAP
                else:
                    converter = _query_converter(service, member, millis)
            elif kind == _HEADER:
                converter = _header_text(service, member, millis)
            bindings[name] = (kind, wire, converter)
        if payload is not None:
            payload_type = resolve(service, shape["members"][payload]).get("type")
            streaming = payload_type in ("blob", "string")
    codec = codec_for(operation, traits, payload, streaming)
    parts = _uri_parts(traits.request_uri)
    has_labels = any(not isinstance(part, str) for part in parts)
    static_path = "" if has_labels else traits.request_uri
    return RestPlan(traits, parts, bindings, payload, streaming, codec, has_labels, static_path)


def _render_path(plan: RestPlan, labels: dict[str, str]) -> str:
    pieces: list[str] = []
    for part in plan.uri_parts:
        if isinstance(part, str):
            pieces.append(part)
            continue
        name, greedy = part
        try:
            value = labels[name]
        except KeyError:
            raise ParamValidationError(report=f'Missing required parameter in input: "{name}"') from None
        pieces.append(percent_encode_greedy(value) if greedy else percent_encode(value))
    return "".join(pieces)


def serialize_rest(
    plan: RestPlan, params: dict[str, Any], new_token: TokenFactory | None
) -> SerializedRequest:
    traits = plan.traits
    if traits.token_members:
        params = fill_idempotency_tokens(traits, params, new_token)
    labels: dict[str, str] = {}
    query: dict[str, Any] = {}
    headers: dict[str, str] = {}
    body_params: dict[str, Any] = {}
    bindings = plan.bindings
    for name, value in params.items():
        if value is None:
            continue
        kind, wire, convert = bindings[name]
        if kind == _BODY:
            body_params[name] = value
        elif kind == _HEADER:
            if not value and isinstance(value, list):
                continue
            headers[wire] = convert(value)  # type: ignore[misc]
        elif kind == _URI:
            labels[wire] = convert(value)  # type: ignore[misc]
        elif kind == _QUERY:
            query[wire] = convert(value)  # type: ignore[misc]
        elif kind == _QUERY_MAP:
            for key, item in value.items():
                query[key] = list(item) if isinstance(item, list) else item
        else:
            for key, item in value.items():
                headers[wire + key] = item
    codec = plan.codec
    payload = plan.payload
    if plan.streaming_payload:
        body = params.get(payload, b"")  # type: ignore[arg-type]
        if isinstance(body, str):
            body = body.encode("utf-8")
    elif payload is not None:
        value = params.get(payload)
        body = codec.empty_payload if value is None else codec.encode_payload(value)  # type: ignore[misc]
    elif body_params:
        body = codec.encode_members(body_params)  # type: ignore[misc]
    else:
        body = codec.empty_body
    content_type = codec.default_content_type
    if content_type and not plan.streaming_payload and body and not _has_content_type(headers):
        headers["Content-Type"] = content_type
    return SerializedRequest(
        traits.method,
        _render_path(plan, labels) if plan.has_labels else plan.static_path,
        query,
        headers,
        body,
        expand_host_prefix(traits, params) if traits.host_prefix else None,
        traits.checksum_required,
        traits.request_compression,
    )


def _has_content_type(headers: dict[str, str]) -> bool:
    return any(name.lower() == "content-type" for name in headers)


def rest_serializer(cache_key: str, codec_for: CodecFactory) -> Serializer:
    """The ``serialize(operation, params, *, new_token=None)`` of a REST protocol whose bodies are
    written by the codecs ``codec_for`` makes (plans cached per operation under ``cache_key``)."""

    def build(operation: OperationModel) -> RestPlan:
        return build_plan(operation, codec_for)

    def serialize(
        operation: OperationModel, params: dict[str, Any], *, new_token: TokenFactory | None = None
    ) -> SerializedRequest:
        return serialize_rest(operation_plan(operation, cache_key, build), params, new_token)

    serialize.__name__ = serialize.__qualname__ = "serialize"
    return serialize
