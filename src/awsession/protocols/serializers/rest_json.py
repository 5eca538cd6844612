"""The ``rest-json`` protocol (restJson1): HTTP bindings from ``rest_bindings`` plus a JSON body.

Rules (botocore's):

* Body members are one JSON object; a structure ``payload`` member is encoded alone.
* With no body member given, the body is ``{}`` if the input has any body member at all (a member with
  no ``location``), else empty; an absent structure payload also gives ``{}``.
* ``Content-Type: application/json`` whenever the body is non-empty and not a blob/string payload,
  unless the caller set a ``Content-Type`` header member.
"""

from __future__ import annotations

import json
from typing import Any

from awsession.model.shapes import OperationModel

from .json_values import json_encoder
from .operation import OperationTraits
from .rest_bindings import BodyCodec, rest_serializer
from .timestamps import uses_millisecond_precision

__all__ = ["serialize"]

_dumps = json.dumps


def _codec(
    operation: OperationModel, traits: OperationTraits, payload: str | None, streaming: bool
) -> BodyCodec:
    service = operation.service
    millis = uses_millisecond_precision(service.service_name)
    shape = traits.input_shape or {}
    members: dict[str, Any] = shape.get("members", {})
    encode_members = encode_payload = None
    if traits.input_ref is not None:
        whole = json_encoder(service, traits.input_ref, millis=millis)

        def encode_members(values: dict[str, Any]) -> bytes:
            return _dumps(whole(values)).encode("utf-8")

    if payload is not None and not streaming:
        part = json_encoder(service, members[payload], millis=millis)

        def encode_payload(value: Any) -> bytes:
            return _dumps(part(value)).encode("utf-8")

    has_body_member = any(
        "location" not in ref and "location" not in service.shapes[ref["shape"]] for ref in members.values()
    )
    return BodyCodec(
        encode_members=encode_members,
        encode_payload=encode_payload,
        empty_payload=b"{}",
        empty_body=b"{}" if has_body_member else b"",
        default_content_type="application/json",
    )


serialize = rest_serializer("rest-json", _codec)
