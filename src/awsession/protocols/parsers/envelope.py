"""What every protocol wraps around a parsed body: metadata, generic errors, modeled-error lookup.

Rules:

1. ``ResponseMetadata`` gains ``HTTPStatusCode`` and ``HTTPHeaders`` (a copy of the lower-cased
   header dict, repeated values already joined by ``", "``) after the protocol put its ``RequestId``
   (and ``HostId``) there; ``RetryAttempts`` is left to the pipeline.
2. A 5xx response whose body is empty or starts with ``<html>`` is a *generic* error: code is the
   status code as a string, message its reason phrase (botocore's rule, for every protocol).
3. Modeled errors are found by error code among all of the service's exception shapes
   (``error.code`` or the shape name), through an index built once per service; their fields are
   merged over the error dict (a generic error merges its own dict again, as botocore does).
4. Compiled parse plans are cached per :class:`ServiceModel` (weakly, so throwaway models used by
   tests do not leak) under a key the caller chooses.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from ..._core.http import HttpResponse
from ...model.shapes import OperationModel, ServiceModel

__all__ = [
    "TimestampParser",
    "error_response",
    "error_shape_for_code",
    "finish_metadata",
    "generic_error",
    "http_reason",
    "is_generic_error",
    "plan_cache",
    "query_compatible_code",
]

TimestampParser = Callable[[Any], Any]

_CACHES: weakref.WeakKeyDictionary[ServiceModel, dict[Any, Any]] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def plan_cache(service: ServiceModel) -> dict[Any, Any]:
    """The per-service dict where compiled plans live (created on first use)."""
    cache = _CACHES.get(service)
    if cache is None:
        with _LOCK:
            cache = _CACHES.setdefault(service, {})
    return cache


def http_reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def finish_metadata(parsed: dict[str, Any], response: HttpResponse) -> dict[str, Any]:
    """Add status code and headers to ``parsed['ResponseMetadata']`` (creating it last if absent)."""
    metadata = parsed.get("ResponseMetadata")
    if metadata is None:
        metadata = {}
    metadata["HTTPStatusCode"] = response.status_code
    metadata["HTTPHeaders"] = dict(response.headers)
    parsed["ResponseMetadata"] = metadata
    return parsed


def is_generic_error(response: HttpResponse) -> bool:
    if response.status_code < 500:
        return False
    body = response.body
    if body is None:
        return True
    if not isinstance(body, (bytes, bytearray, memoryview)):
        return False
    stripped = bytes(body).strip()
    return not stripped or stripped.startswith(b"<html>")


def generic_error(response: HttpResponse) -> dict[str, Any]:
    return {
        "Error": {"Code": str(response.status_code), "Message": http_reason(response.status_code)},
        "ResponseMetadata": {},
    }


def query_compatible_code(code: str, headers: dict[str, str], error: dict[str, Any]) -> str:
    """Apply ``x-amzn-query-error: Code;Type``: returns the code to use, fills QueryErrorCode/Type."""
    parts = headers["x-amzn-query-error"].split(";")
    if len(parts) == 2 and parts[0]:
        error["Error"]["QueryErrorCode"] = code
        error["Error"]["Type"] = parts[1]
        return parts[0]
    return code


def error_shape_for_code(operation: OperationModel, code: Any) -> str | None:
    """The name of the service's exception shape whose error code is ``code``, if any."""
    index = operation.service.error_shapes_by_code  # decodes only the exception shapes
    if not isinstance(code, str):
        return None
    return index.get(code)


def error_response(
    operation: OperationModel,
    response: HttpResponse,
    modeled: bool,
    read_error: Callable[[HttpResponse], dict[str, Any]],
    read_fields: Callable[[str], Any],
) -> dict[str, Any]:
    """The error dict every protocol returns: the generic 5xx dict or ``read_error(response)``,
    then metadata, then (when ``modeled``) the fields ``read_fields(shape_name)`` reads from the body
    for the service's exception shape matching the code."""
    generic = is_generic_error(response)
    parsed = generic_error(response) if generic else read_error(response)
    finish_metadata(parsed, response)
    if modeled:
        error = parsed.get("Error")
        name = error_shape_for_code(operation, error.get("Code") if isinstance(error, dict) else None)
        if name is not None:
            fields = finish_metadata(generic_error(response), response) if generic else read_fields(name)
            if isinstance(fields, dict):
                parsed.update(fields)
    return parsed
