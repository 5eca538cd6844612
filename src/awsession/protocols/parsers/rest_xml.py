"""Response parsing for the ``rest-xml`` protocol (S3, CloudFront, Route 53).

Success: ``ResponseMetadata`` first (``x-amzn-requestid``, or S3's ``x-amz-request-id`` with
``x-amz-id-2`` as ``HostId``), then header/status bindings, then the XML payload (see ``rest``).
Errors, in botocore's order of attempts:

1. a generic 5xx (empty or HTML body): code = status, message = reason phrase;
2. a body whose root is ``<Error>`` (S3): its children are the ``Error`` dict as sent, ``RequestId``
   and ``HostId`` come from the headers (and are dropped from the body);
3. any other XML body (``<ErrorResponse><Error>..``): ``Error`` = ``{"Message": "", "Code": ""}``
   merged with the body's fields, ``RequestId`` moved to ``ResponseMetadata``;
4. an empty or unparseable body: code = status (``HeadObject`` 404 -> ``"404"``, ``"Not Found"``),
   ``RequestId``/``HostId`` from ``x-amz-request-id``/``x-amz-id-2`` (empty strings if absent).

Then the modeled exception's header and body fields are merged in.
"""

from __future__ import annotations

from typing import Any

from ..._core.http import HttpResponse
from ...model.shapes import OperationModel
from .envelope import TimestampParser, http_reason
from .errors import ResponseParserError
from .query import planner
from .rest import RestFormat, ShapeParser, parse_rest_error, parse_rest_response
from .restbind import request_metadata
from .xmldoc import element_to_dict, load_xml, parse_xml

__all__ = ["parse_error", "parse_response"]


def _parser_for(operation: OperationModel, timestamp: TimestampParser) -> ShapeParser:
    return planner(operation, timestamp, ec2=False).ref


_FORMAT = RestFormat("rest-xml-plan", False, load_xml, _parser_for, _parser_for)


def parse_response(
    operation: OperationModel, response: HttpResponse, *, timestamp_parser: TimestampParser | None = None
) -> dict[str, Any]:
    """Parse a successful rest-xml response."""
    return parse_rest_response(_FORMAT, operation, response, timestamp_parser)


def _from_status(response: HttpResponse) -> dict[str, Any]:
    headers = response.headers
    return {
        "Error": {"Code": str(response.status_code), "Message": http_reason(response.status_code)},
        "ResponseMetadata": {
            "RequestId": headers.get("x-amz-request-id", ""),
            "HostId": headers.get("x-amz-id-2", ""),
        },
    }


def _merge(target: dict[str, Any], extra: dict[str, Any]) -> None:
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = value


def _from_body(response: HttpResponse) -> dict[str, Any]:
    root = parse_xml(response.body)
    parsed = element_to_dict(root)
    if root.tag == "Error":
        metadata = request_metadata(response.headers)
        parsed.pop("RequestId", None)
        parsed.pop("HostId", None)
        return {"Error": parsed, "ResponseMetadata": metadata}
    if "RequestId" in parsed:
        parsed["ResponseMetadata"] = {"RequestId": parsed.pop("RequestId")}
    result: dict[str, Any] = {"Error": {"Message": "", "Code": ""}}
    _merge(result, parsed)
    return result


def _read_error(response: HttpResponse) -> dict[str, Any]:
    if response.body:
        try:
            return _from_body(response)
        except ResponseParserError:
            pass
    return _from_status(response)


def parse_error(
    operation: OperationModel,
    response: HttpResponse,
    *,
    timestamp_parser: TimestampParser | None = None,
    modeled: bool = True,
) -> dict[str, Any]:
    """Parse a rest-xml error response (``modeled=False`` skips merging the exception's fields)."""
    return parse_rest_error(_FORMAT, operation, response, timestamp_parser, modeled, _read_error)
