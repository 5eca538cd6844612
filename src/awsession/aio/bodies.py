"""Request bodies given as sync file objects, read off the event loop before the call's flow runs.

The shared flow reads a file-object payload several times (payload hash for signing, flexible
checksums, compression, the send itself), each time as a blocking ``read()``. An async client
therefore reads such a body once, in a worker thread (``asyncio.to_thread``), from its current
position, and hands the flow the bytes: the same request, and the loop never blocks on the file.

Rules:

1. Only the operation's payload member (``Body`` of ``PutObject``, ``Payload`` of ``Invoke``...)
   is considered, and only a value with a ``read`` method that is not already bytes or text; an
   async iterable is left to the transport, which streams it.
2. Text read from a text-mode file is encoded as UTF-8 (as the sync transport sends it).
3. The file is left where the sync client leaves it after a call: read to the end. If the call
   fails, it is put back at its starting position when it can seek, so the caller can retry it.
"""

from __future__ import annotations

import asyncio
from typing import Any

from ..model.shapes import OperationModel

__all__ = ["file_payload_member", "is_sync_file", "read_file_payload", "rewind"]


def file_payload_member(operation: OperationModel) -> str | None:
    """The input member that is a blob payload (may be a file object), or ``None``."""
    shape: Any = operation.input_shape
    if not shape:
        return None
    payload = shape.get("payload")
    if not payload:
        return None
    ref = shape.get("members", {}).get(payload)
    if ref is None or operation.service.shapes.get(ref["shape"], {}).get("type") != "blob":
        return None
    return str(payload)


def is_sync_file(value: Any) -> bool:
    """A readable object the flow would read with blocking calls (not bytes, text or async)."""
    return (not isinstance(value, (bytes, bytearray, memoryview, str))
            and callable(getattr(value, "read", None))
            and not callable(getattr(value, "__aiter__", None)))


def _tell(body: Any) -> int | None:
    try:
        return int(body.tell())
    except (AttributeError, OSError, ValueError, TypeError):
        return None


def _read(body: Any) -> tuple[bytes, int | None]:
    start = _tell(body)
    data = body.read()
    return (data.encode("utf-8") if isinstance(data, str) else bytes(data)), start


async def read_file_payload(params: dict[str, Any], member: str | None
                            ) -> tuple[dict[str, Any], Any, int | None]:
    """``(params, file, start)``: ``params`` with a sync file payload replaced by its bytes
    (read in a worker thread), the file object (or ``None``) and its starting position."""
    if member is None:
        return params, None, None
    body = params.get(member)
    if not is_sync_file(body):
        return params, None, None
    data, start = await asyncio.to_thread(_read, body)
    replaced = dict(params)
    replaced[member] = data
    return replaced, body, start


def rewind(body: Any, start: int | None) -> None:
    """Put a file payload back at ``start`` after a failed call (best effort)."""
    if body is None or start is None:
        return
    try:
        body.seek(start)
    except (AttributeError, OSError, ValueError, TypeError):
        pass
