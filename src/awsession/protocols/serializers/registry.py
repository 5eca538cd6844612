"""Protocol name -> request serializer, and the one entry point the pipeline calls.

The protocol is the service model's (``ServiceModel.protocol``: the first of json, rest-json,
rest-xml, smithy-rpc-v2-cbor, query, ec2 found in ``metadata.protocols``, else ``metadata.protocol``).
Every serializer has the signature ``serialize(operation, params, *, new_token=None)``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from awsession._core.http import SerializedRequest
from awsession.model.shapes import OperationModel

from . import aws_json, ec2, query, rest_json, rest_xml, rpc_v2_cbor
from .operation import TokenFactory

__all__ = ["SERIALIZERS", "serialize_request"]

SERIALIZERS: dict[str, Callable[..., SerializedRequest]] = {
    "query": query.serialize,
    "ec2": ec2.serialize,
    "json": aws_json.serialize,
    "rest-json": rest_json.serialize,
    "rest-xml": rest_xml.serialize,
    "smithy-rpc-v2-cbor": rpc_v2_cbor.serialize,
}


def serialize_request(
    operation: OperationModel, params: dict[str, Any], *, new_token: TokenFactory | None = None
) -> SerializedRequest:
    """Serialize ``params`` (already validated, treated read-only) for ``operation``."""
    protocol = operation.service.protocol
    try:
        serializer = SERIALIZERS[protocol]
    except KeyError:
        raise ValueError(f"Unsupported protocol {protocol!r} for {operation.service.service_name}") from None
    return serializer(operation, params, new_token=new_token)
