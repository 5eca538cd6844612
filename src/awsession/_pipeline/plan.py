"""What never changes between two calls of one operation on one client, worked out once.

A :class:`CallPlan` holds the customization hooks that can act on the operation (see
``customize.hooks_for``), whether its response body streams, and the facts the response step
checks on every call. It is built on the operation's first call and memoised in the client
context's ``plans`` (keyed by operation name, checked against the operation model itself); two
threads racing on a first call only build it twice.
"""

from __future__ import annotations

from typing import Any

from ..model.shapes import OperationModel
from .context import ClientContext
from .customize import ParamsHook, RequestHook, ResponseHook, hooks_for

__all__ = ["CallPlan", "call_plan"]

_S3_200_ERROR_OPS = frozenset({"CompleteMultipartUpload", "CopyObject", "UploadPartCopy"})


class CallPlan:
    __slots__ = ("may_fail_with_200", "operation", "params_hooks", "request_hooks",
                 "response_hooks", "stream_response")

    def __init__(self, operation: OperationModel, params_hooks: tuple[ParamsHook, ...],
                 request_hooks: tuple[RequestHook, ...], response_hooks: tuple[ResponseHook, ...],
                 stream_response: bool, may_fail_with_200: bool) -> None:
        self.operation = operation
        self.params_hooks = params_hooks
        self.request_hooks = request_hooks
        self.response_hooks = response_hooks
        self.stream_response = stream_response
        self.may_fail_with_200 = may_fail_with_200
        """S3 operations that can send an ``<Error>`` document with status 200."""


def call_plan(ctx: ClientContext, operation: OperationModel) -> CallPlan:
    plan: CallPlan | None = ctx.plans.get(operation.name)
    if plan is not None and plan.operation is operation:
        return plan
    params_hooks, request_hooks, response_hooks = hooks_for(ctx.service_name, operation)
    plan = CallPlan(
        operation, params_hooks, request_hooks, response_hooks,
        stream_response=bool(operation.output_shape_name) and _streams_output(operation),
        may_fail_with_200=ctx.service_name == "s3" and operation.name in _S3_200_ERROR_OPS,
    )
    ctx.plans[operation.name] = plan
    return plan


def _streams_output(operation: OperationModel) -> bool:
    shape: Any = operation.output_shape
    if not shape:
        return False
    payload = shape.get("payload")
    if not payload:
        return False
    member = shape["members"][payload]
    target = operation.service.shapes[member["shape"]]
    # As botocore: any blob payload is handed over as a stream, whatever its streaming trait says.
    return target.get("type") == "blob" or bool(target.get("eventstream"))
