"""The ``rest-xml`` protocol: HTTP bindings from ``rest_bindings`` plus an XML body (S3, Route 53, ...).

Rules (botocore's):

* Body members are written under one root element named by the input's ``locationName`` (carrying
  its ``xmlNamespace``); a structure ``payload`` member is written alone under its own
  ``locationName``. No XML declaration, no ``Content-Type`` (botocore sends none).
* An absent structure payload, or no body member given, means an empty body.
"""

from __future__ import annotations

from typing import Any

from awsession.model.shapes import OperationModel

from .operation import OperationTraits
from .rest_bindings import BodyCodec, rest_serializer
from .shape_refs import resolve
from .xml_values import element_name, xml_writer

__all__ = ["serialize"]


def _codec(
    operation: OperationModel, traits: OperationTraits, payload: str | None, streaming: bool
) -> BodyCodec:
    service = operation.service
    input_ref = traits.input_ref
    encode_members = encode_payload = None
    if input_ref is not None:
        root = element_name(resolve(service, input_ref), input_ref["shape"])
        whole = xml_writer(service, input_ref)

        def encode_members(values: dict[str, Any]) -> bytes:
            parts: list[str] = []
            whole(parts, values, root)
            return "".join(parts).encode("utf-8")

        if payload is not None and not streaming:
            payload_ref = (traits.input_shape or {})["members"][payload]
            payload_root = element_name(resolve(service, payload_ref), payload_ref["shape"])
            part = xml_writer(service, payload_ref)

            def encode_payload(value: Any) -> bytes:
                parts: list[str] = []
                part(parts, value, payload_root)
                return "".join(parts).encode("utf-8")

    return BodyCodec(
        encode_members=encode_members,
        encode_payload=encode_payload,
        empty_payload=b"",
        empty_body=b"",
        default_content_type=None,
    )


serialize = rest_serializer("rest-xml", _codec)
