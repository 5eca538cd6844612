"""Request compression (gzip) for operations that declare ``requestcompression`` in the model.

Rules (botocore 1.43): unless ``disable_request_compression`` is set, a body is compressed when the
operation declares an encoding awsession knows (``gzip``) and either the body is at least
``request_min_compression_size_bytes`` long (default 10 KiB), or the input is streaming without
``requiresLength``. The encoding is added to ``Content-Encoding`` (appended after an existing one).
"""

from __future__ import annotations

from typing import Any

from ..._core.http import SerializedRequest
from ...model.shapes import OperationModel
from ..context import ClientContext

__all__ = ["compress_request"]


def _size(body: Any) -> int | None:
    if isinstance(body, (bytes, bytearray, str)):
        return len(body)
    tell, seek = getattr(body, "tell", None), getattr(body, "seek", None)
    if tell is None or seek is None:
        return None
    start = tell()
    seek(0, 2)
    end = tell()
    seek(start)
    return int(end - start)


def _gzip(body: Any) -> bytes:
    import gzip  # only operations that compress, and only when they do

    if isinstance(body, str):
        return gzip.compress(body.encode("utf-8"))
    if isinstance(body, (bytes, bytearray)):
        return gzip.compress(bytes(body))
    data = body.read()
    return gzip.compress(data.encode("utf-8") if isinstance(data, str) else data)


def compress_request(ctx: ClientContext, operation: OperationModel, params: dict[str, Any],
                     serialized: SerializedRequest) -> None:
    settings = operation.raw.get("requestcompression")
    if not settings or ctx.disable_request_compression:
        return
    if "gzip" not in settings.get("encodings", ()):
        return
    body = serialized.body
    if operation.has_streaming_input:
        member = operation.streaming_input_member
        ref = (operation.input_shape or {}).get("members", {}).get(member or "", {})
        target = operation.service.shapes.get(ref.get("shape", ""), {})
        if target.get("requiresLength"):
            return
    else:
        size = _size(body)
        if size is None or size < ctx.request_min_compression_size_bytes:
            return
    serialized.body = _gzip(body)
    existing = serialized.headers.get("Content-Encoding")
    serialized.headers["Content-Encoding"] = f"{existing},gzip" if existing else "gzip"
