"""The protocol name -> (parse_response, parse_error) table, and the one entry point ``parse``.

``parse`` picks the protocol from ``operation.service.protocol`` and the function by status code:
301 and above is an error (botocore's parser threshold; the pipeline decides what to raise).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ..._core.http import HttpResponse
from ...model.shapes import OperationModel

if TYPE_CHECKING:
    from .envelope import TimestampParser

__all__ = ["PARSERS", "ParseFunction", "parse"]

ParseFunction = Callable[..., dict[str, Any]]
_Pair = tuple[ParseFunction, ParseFunction]

# Protocol name -> the module holding its ``parse_response``/``parse_error``, imported on first use.
_MODULES = {
    "query": "query",
    "ec2": "ec2",
    "json": "json_rpc",
    "rest-json": "rest_json",
    "rest-xml": "rest_xml",
    "smithy-rpc-v2-cbor": "rpcv2_cbor",
}


class _LazyParsers(Mapping[str, _Pair]):
    def __init__(self) -> None:
        self._loaded: dict[str, _Pair] = {}

    def __getitem__(self, protocol: str) -> _Pair:
        found = self._loaded.get(protocol)
        if found is None:
            module = importlib.import_module(f"{__package__}.{_MODULES[protocol]}")
            found = self._loaded.setdefault(protocol, (module.parse_response, module.parse_error))
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(_MODULES)

    def __len__(self) -> int:
        return len(_MODULES)


PARSERS: Mapping[str, _Pair] = _LazyParsers()


def parse(
    operation: OperationModel,
    response: HttpResponse,
    *,
    timestamp_parser: TimestampParser | None = None,
    protocol: str | None = None,
) -> dict[str, Any]:
    """Parse ``response`` for ``operation``: the success dict, or boto3's error dict."""
    parse_response, parse_error = PARSERS[protocol or operation.service.protocol]
    if response.status_code >= 301:
        return parse_error(operation, response, timestamp_parser=timestamp_parser)
    return parse_response(operation, response, timestamp_parser=timestamp_parser)
