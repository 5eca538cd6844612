"""The protocol name -> (parse_response, parse_error) table, and the one entry point ``parse``.

``parse`` picks the protocol from ``operation.service.protocol`` and the function by status code:
301 and above is an error (botocore's parser threshold; the pipeline decides what to raise).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..._core.http import HttpResponse
from ...model.shapes import OperationModel
from . import ec2, json_rpc, query, rest_json, rest_xml, rpcv2_cbor
from .envelope import TimestampParser

__all__ = ["PARSERS", "ParseFunction", "parse"]

ParseFunction = Callable[..., dict[str, Any]]

PARSERS: dict[str, tuple[ParseFunction, ParseFunction]] = {
    "query": (query.parse_response, query.parse_error),
    "ec2": (ec2.parse_response, ec2.parse_error),
    "json": (json_rpc.parse_response, json_rpc.parse_error),
    "rest-json": (rest_json.parse_response, rest_json.parse_error),
    "rest-xml": (rest_xml.parse_response, rest_xml.parse_error),
    "smithy-rpc-v2-cbor": (rpcv2_cbor.parse_response, rpcv2_cbor.parse_error),
}


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
