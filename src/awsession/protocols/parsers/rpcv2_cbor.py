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
from .bodies import load_cbor
from .envelope import (
    TimestampParser,
    error_shape_for_code,
    finish_metadata,
    generic_error,
    is_generic_error,
)
from .errors import NoInitialResponseError, ResponseParserError
from .events import compile_message_parser
from .eventstream import EventStream
from .json_rpc import event_stream_member, planner, rpc_error
from .timestamps import parse_timestamp

__all__ = ["parse_error", "parse_response"]


def parse_response(
    operation: OperationModel, response: HttpResponse, *, timestamp_parser: TimestampParser | None = None
) -> dict[str, Any]:
    """Parse a successful smithy-rpc-v2-cbor response."""
    stamp = timestamp_parser or parse_timestamp
    parsed: Any = {}
    ref = operation.raw.get("output")
    if ref is not None:
        cbor_planner = planner(operation, stamp, "cbor")
        stream_name = event_stream_member(operation, ref["shape"])
        if stream_name is not None:
            stream_ref = operation.service.shapes[ref["shape"]]["members"][stream_name]

            def load(body: Any) -> Any:
                return load_cbor(body, stamp)

            parse_message = compile_message_parser(
                operation.service.shapes,
                stream_ref,
                load_body=load,
                parser_for=cbor_planner.ref,
                timestamp=stamp,
            )
            stream = EventStream(response.body, parse_message, operation.name)
            try:
                initial = stream.get_initial_response()
            except NoInitialResponseError:
                raise ResponseParserError("First event was not of type initial-response") from None
            parsed = load(initial.payload)
            parsed[stream_name] = stream
        else:
            parsed = cbor_planner.structure(ref["shape"])(load_cbor(response.body, stamp))
        metadata: dict[str, Any] = {}
        if "x-amzn-requestid" in response.headers:
            metadata["RequestId"] = response.headers["x-amzn-requestid"]
        parsed["ResponseMetadata"] = metadata
    return finish_metadata(parsed, response)


def _cbor_error(response: HttpResponse, timestamp: TimestampParser) -> dict[str, Any]:
    body = load_cbor(response.body, timestamp)
    if not isinstance(body, dict):
        body = {}
    code = body.get("__type")
    return rpc_error(body, response, str(response.status_code) if code is None else code)


def parse_error(
    operation: OperationModel,
    response: HttpResponse,
    *,
    timestamp_parser: TimestampParser | None = None,
    modeled: bool = True,
) -> dict[str, Any]:
    """Parse a smithy-rpc-v2-cbor error response."""
    stamp = timestamp_parser or parse_timestamp
    parsed = generic_error(response) if is_generic_error(response) else _cbor_error(response, stamp)
    finish_metadata(parsed, response)
    if modeled:
        name = error_shape_for_code(operation, parsed["Error"].get("Code"))
        if name is not None:
            if is_generic_error(response):
                parsed.update(finish_metadata(generic_error(response), response))
            else:
                fields = planner(operation, stamp, "cbor").structure(name)(load_cbor(response.body, stamp))
                if isinstance(fields, dict):
                    parsed.update(fields)
    return parsed
