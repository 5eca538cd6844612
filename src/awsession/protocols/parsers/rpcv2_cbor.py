"""Response parsing for the ``smithy-rpc-v2-cbor`` protocol.

Success: the CBOR body is the output structure keyed by member names; tag-1 timestamps are
converted while decoding; an event-stream output reads its ``initial-response`` message (kept as
decoded, as botocore does) and wraps the rest lazily. RequestId comes from ``x-amzn-requestid``.
Errors follow the awsJson rules (``__type``, ``message``/``Message``, ``x-amzn-query-error``),
then the modeled exception's fields are merged in.
"""

from __future__ import annotations

from typing import Any

from ..._core.http import HttpResponse
from ...model.shapes import OperationModel
from .cbor import load_cbor
from .envelope import TimestampParser, error_response, finish_metadata
from .json_rpc import planner, rpc_error, rpc_output
from .timestamps import parse_timestamp

__all__ = ["parse_error", "parse_response"]


def parse_response(
    operation: OperationModel, response: HttpResponse, *, timestamp_parser: TimestampParser | None = None
) -> dict[str, Any]:
    """Parse a successful smithy-rpc-v2-cbor response."""
    stamp = timestamp_parser or parse_timestamp

    def load(body: Any) -> Any:
        return load_cbor(body, stamp)

    parsed = rpc_output(operation, response, stamp, flavour="cbor", load_body=load, plan_initial=False)
    if operation.raw.get("output") is not None:
        metadata: dict[str, Any] = {}
        if "x-amzn-requestid" in response.headers:
            metadata["RequestId"] = response.headers["x-amzn-requestid"]
        parsed["ResponseMetadata"] = metadata
    return finish_metadata(parsed, response)


def parse_error(
    operation: OperationModel,
    response: HttpResponse,
    *,
    timestamp_parser: TimestampParser | None = None,
    modeled: bool = True,
) -> dict[str, Any]:
    """Parse a smithy-rpc-v2-cbor error response."""
    stamp = timestamp_parser or parse_timestamp

    def read_error(response: HttpResponse) -> dict[str, Any]:
        body = load_cbor(response.body, stamp)
        if not isinstance(body, dict):
            body = {}
        code = body.get("__type")
        return rpc_error(body, response, str(response.status_code) if code is None else code)

    def read_fields(name: str) -> Any:
        return planner(operation, stamp, "cbor").structure(name)(load_cbor(response.body, stamp))

    return error_response(operation, response, modeled, read_error, read_fields)
