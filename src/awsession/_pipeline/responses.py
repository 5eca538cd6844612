"""Step 3 of a call: turn an HTTP response into boto3's dict and the facts retries need.

Rules:

1. 2xx responses are parsed with the protocol's success parser, then service customizations run.
2. Anything else is parsed as an error (``Error.Code``/``Error.Message`` plus modeled fields).
3. S3 operations that can fail *after* sending 200 (``CompleteMultipartUpload``, ``CopyObject``,
   ``UploadPartCopy``) are treated as a 500 when the body is an ``<Error>`` document, as botocore
   does, so they are retried and raised like any error.
4. DynamoDB's ``x-amz-crc32`` header is checked against the body; a mismatch is retryable.
"""

from __future__ import annotations

import zlib
from typing import Any

from .._core.http import HttpResponse
from ..model.shapes import OperationModel
from ..protocols.parsers.registry import parse
from ..retries.outcome import Outcome
from .context import ClientContext
from .plan import CallPlan, call_plan

__all__ = ["parse_http_response"]

# Outcomes are frozen values: the common successes are made once.
_OK = {status: Outcome(status_code=status) for status in (200, 201, 202, 204, 206)}


def parse_http_response(ctx: ClientContext, operation: OperationModel, response: HttpResponse,
                        user_params: dict[str, Any],
                        plan: CallPlan | None = None) -> tuple[dict[str, Any], Outcome]:
    if plan is None:
        plan = call_plan(ctx, operation)
    if (plan.may_fail_with_200 and response.status_code == 200
            and _looks_like_s3_error(response.body)):
        from dataclasses import replace  # S3's errors in a 200 only

        response = replace(response, status_code=500)
    crc32_mismatch = False
    expected_crc = response.headers.get("x-amz-crc32")
    if expected_crc is not None and isinstance(response.body, bytes):
        crc32_mismatch = (zlib.crc32(response.body) & 0xFFFFFFFF) != int(expected_crc)
    parsed = parse(operation, response)
    status = response.status_code
    if status < 300 and not crc32_mismatch:
        for hook in plan.response_hooks:
            hook(ctx, operation, user_params, parsed, response)
        return parsed, _OK.get(status) or Outcome(status_code=status)
    error = parsed.get("Error", {})
    code = error.get("Code")
    retryable = _modeled_retryable(operation, code)
    return parsed, Outcome(
        status_code=response.status_code,
        error_code=code if response.status_code >= 300 else None,
        modeled_retryable=retryable is not None,
        modeled_throttling=bool(retryable and retryable.get("throttling")),
        crc32_mismatch=crc32_mismatch,
    )


def _looks_like_s3_error(body: Any) -> bool:
    if not isinstance(body, bytes) or not body:
        return False
    head = body[:256].lstrip()
    if head.startswith(b"<?xml"):
        end = head.find(b"?>")
        head = head[end + 2:].lstrip() if end != -1 else head
    return head.startswith(b"<Error>")


def _modeled_retryable(operation: OperationModel, code: str | None) -> dict[str, Any] | None:
    if not code:
        return None
    shapes = operation.service.shapes
    for name in operation.error_shape_names:
        shape = shapes[name]
        error_code = shape.get("error", {}).get("code", name)
        if code in (name, error_code):
            retryable = shape.get("retryable")
            return retryable if isinstance(retryable, dict) else None
    return None
