"""Step 1 of a call: from ``(operation, params)`` to a complete, unsigned request description.

Order (as botocore): parameter customizations -> validation -> serialization -> request
customizations -> endpoint resolution -> URL join. A file body whose remaining size can be found
(``seek``/``tell``, or ``fileno``) gets a ``Content-Length`` header, as botocore sends it, rather
than going out chunked. The result, :class:`PreparedCall`, is reused by
every attempt of the call.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from .._core.http import SerializedRequest
from ..model.shapes import OperationModel
from ..model.validate import validate_params
from ..protocols.serializers.registry import serialize_request
from .auth import decide_auth
from .context import ClientContext
from .customize import customize_params, customize_request
from .urls import join_url

__all__ = ["PreparedCall", "prepare_call"]


@dataclass(frozen=True, slots=True)
class PreparedCall:
    operation: OperationModel
    method: str
    url: str
    headers: dict[str, str]
    body: Any
    stream_response: bool
    endpoint: Any
    """The resolved endpoint (``url``, ``headers``, ``properties`` incl. ``authSchemes``)."""
    params: dict[str, Any]
    serialized: SerializedRequest
    auth: Any
    """The signer decision (``signing.auth.AuthDecision``)."""
    auth_path: str | None


def prepare_call(ctx: ClientContext, operation: OperationModel,
                 params: dict[str, Any]) -> PreparedCall:
    params = customize_params(ctx, operation, params)
    if ctx.validate:
        validate_params(ctx.service_model, operation.input_shape_name, params)
    serialized = serialize_request(operation, params)
    customize_request(ctx, operation, params, serialized)
    endpoint = ctx.resolve_endpoint(operation, params)
    url = join_url(endpoint.url, serialized.url_path, serialized.host_prefix, serialized.query)
    headers: dict[str, str] = {}
    for name, values in (endpoint.headers or {}).items():
        headers[name] = ",".join(values) if isinstance(values, list) else str(values)
    headers.update(serialized.headers)
    headers["User-Agent"] = ctx.user_agent
    body = serialized.body
    if hasattr(body, "read") and not any(k.lower() == "content-length" for k in headers):
        length = _remaining_length(body)
        if length is not None:
            headers["Content-Length"] = str(length)
    return PreparedCall(
        operation=operation,
        method=serialized.method,
        url=url,
        headers=headers,
        body=body,
        stream_response=bool(operation.output_shape_name) and _streams_output(operation),
        endpoint=endpoint,
        params=params,
        serialized=serialized,
        auth=decide_auth(ctx, operation, endpoint),
        auth_path=serialized.auth_path,
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


def _streams_output(operation: OperationModel) -> bool:
    shape = operation.output_shape
    if not shape:
        return False
    payload = shape.get("payload")
    if not payload:
        return False
    member = shape["members"][payload]
    target = operation.service.shapes[member["shape"]]
    # As botocore: any blob payload is handed over as a stream, whatever its streaming trait says.
    return target.get("type") == "blob" or bool(target.get("eventstream"))
