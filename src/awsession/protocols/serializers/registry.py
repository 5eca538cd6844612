"""Protocol name -> request serializer, and the one entry point the pipeline calls.

The protocol is the service model's (``ServiceModel.protocol``: the first of json, rest-json,
rest-xml, smithy-rpc-v2-cbor, query, ec2 found in ``metadata.protocols``, else ``metadata.protocol``).
Every serializer has the signature ``serialize(operation, params, *, new_token=None)``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from awsession._core.http import SerializedRequest
from awsession.model.shapes import OperationModel

from .operation import TokenFactory

__all__ = ["SERIALIZERS", "serialize_request"]

# Protocol name -> the module holding its ``serialize``. Modules are imported on first use, so a
# process that only talks to S3 never loads the other five.
_MODULES = {
    "query": "query",
    "ec2": "ec2",
    "json": "aws_json",
    "rest-json": "rest_json",
    "rest-xml": "rest_xml",
    "smithy-rpc-v2-cbor": "rpc_v2_cbor",
}


class _LazySerializers(Mapping[str, Callable[..., SerializedRequest]]):
    def __init__(self) -> None:
        self._loaded: dict[str, Callable[..., SerializedRequest]] = {}

    def __getitem__(self, protocol: str) -> Callable[..., SerializedRequest]:
        found = self._loaded.get(protocol)
        if found is None:
            module = importlib.import_module(f"{__package__}.{_MODULES[protocol]}")
            found = self._loaded.setdefault(protocol, module.serialize)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(_MODULES)

    def __len__(self) -> int:
        return len(_MODULES)


SERIALIZERS: Mapping[str, Callable[..., SerializedRequest]] = _LazySerializers()


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
