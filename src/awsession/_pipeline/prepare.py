"""Step 1 of a call: from ``(operation, params)`` to a complete, unsigned request description.

Order (as botocore): parameter customizations -> validation -> serialization -> request
customizations -> endpoint resolution -> URL join. A file body whose remaining size can be found
(``seek``/``tell``, or ``fileno``) gets a ``Content-Length`` header, as botocore sends it, rather
than going out chunked. The result, :class:`PreparedCall`, is reused by
every attempt of the call.
"""

from __future__ import annotations

import os
from typing import Any

from .._core.http import SerializedRequest
from ..model.shapes import OperationModel
from ..model.validate import validate_params
from ..protocols.serializers.registry import serialize_request
from .auth import decide_auth
from .context import ClientContext
from .plan import CallPlan, call_plan
from .urls import join_url

__all__ = ["PreparedCall", "prepare_call"]


class PreparedCall:
    """One call's request description, shared (never changed) by all of its attempts."""

    __slots__ = ("auth", "auth_path", "body", "endpoint", "headers", "method", "operation",
                 "params", "plan", "serialized", "stream_response", "url")

    def __init__(self, *, operation: OperationModel, method: str, url: str,
                 headers: dict[str, str], body: Any, stream_response: bool, endpoint: Any,
                 params: dict[str, Any], serialized: SerializedRequest, auth: Any,
                 auth_path: str | None, plan: CallPlan | None = None) -> None:
        self.operation = operation
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.stream_response = stream_response
        self.endpoint = endpoint
        """The resolved endpoint (``url``, ``headers``, ``properties`` incl. ``authSchemes``)."""
        self.params = params
        self.serialized = serialized
        self.auth = auth
        """The signer decision (``signing.auth.AuthDecision``)."""
        self.auth_path = auth_path
        self.plan = plan


def prepare_call(ctx: ClientContext, operation: OperationModel,
                 params: dict[str, Any]) -> PreparedCall:
    plan = call_plan(ctx, operation)
    for params_hook in plan.params_hooks:
        params = params_hook(ctx, operation, params)
    if ctx.validate:
        validate_params(ctx.service_model, operation.input_shape_name, params)
    serialized = serialize_request(operation, params)
    for request_hook in plan.request_hooks:
        request_hook(ctx, operation, params, serialized)
    endpoint = ctx.resolve_endpoint(operation, params)
    url = join_url(endpoint.url, serialized.url_path, serialized.host_prefix, serialized.query)
    endpoint_headers = endpoint.headers
    if endpoint_headers:
        headers: dict[str, str] = {
            name: ",".join(values) if isinstance(values, list) else str(values)
            for name, values in endpoint_headers.items()}
        headers.update(serialized.headers)
    else:
        headers = serialized.headers.copy()
    headers["User-Agent"] = ctx.user_agent
    body = serialized.body
    if (body.__class__ is not bytes and hasattr(body, "read")
            and not any(k.lower() == "content-length" for k in headers)):
        length = _remaining_length(body)
        if length is not None:
            headers["Content-Length"] = str(length)
    return PreparedCall(
        operation=operation,
        method=serialized.method,
        url=url,
        headers=headers,
        body=body,
        stream_response=plan.stream_response,
        endpoint=endpoint,
        params=params,
        serialized=serialized,
        auth=decide_auth(ctx, operation, endpoint),
        auth_path=serialized.auth_path,
        plan=plan,
    )


def _remaining_length(body: Any) -> int | None:
    try:
        start = body.tell()
        end = body.seek(0, 2)
        body.seek(start)
        return int(end) - int(start)
    except (AttributeError, OSError, ValueError, TypeError):
        pass
    try:
        return os.fstat(body.fileno()).st_size
    except (AttributeError, OSError, ValueError):
        return None
