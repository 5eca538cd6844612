"""One AWS API call as a pure flow.

Theory of operation. ``operation_flow(ctx, operation, params)`` is a generator that makes every
decision of a call and yields an effect whenever it needs the outside world:

1. **Prepare** (once per call): validate the parameters against the input shape, serialize them
   with the service's protocol, apply the declared service customizations, resolve the endpoint and
   join it with the serialized path, host prefix and query.
2. **Attempt** (once per try): wait for the adaptive rate limiter if it says so (``Sleep``), add the
   invocation headers, sign with fresh credentials and the current time, then ``Send``.
3. **Judge**: a transport error thrown into the flow, or the parsed response, becomes an
   :class:`~awsession.retries.outcome.Outcome`; the client's retry strategy answers with a delay
   (``Sleep`` then attempt again, after rewinding a seekable body) or stop.
4. **Finish**: fill ``ResponseMetadata.RetryAttempts`` (and ``MaxAttemptsReached``), then return
   the parsed dict, raise the client's modeled ``ClientError`` subclass, or re-raise the transport
   error.

Rule 1: nothing here performs I/O, reads the clock except through ``ctx.env``, or sleeps.
Rule 2: a request is never mutated after signing; retries sign a new copy.
"""

from __future__ import annotations

import uuid
from typing import Any

from .._core.effects import Flow, Send, Sleep
from .._core.http import HttpRequest, HttpResponse
from ..exceptions import ConnectionError as AwsConnectionError
from ..exceptions import ConnectTimeoutError, HTTPClientError, ReadTimeoutError
from ..model.shapes import OperationModel
from ..retries.outcome import Outcome
from .auth import sign_for_operation
from .context import ClientContext
from .prepare import PreparedCall, prepare_call
from .responses import parse_http_response

__all__ = ["operation_flow"]

_TRANSPORT_ERRORS = (HTTPClientError, AwsConnectionError)
_TIMEOUTS = (ReadTimeoutError, ConnectTimeoutError)


def operation_flow(ctx: ClientContext, operation: OperationModel,
                   params: dict[str, Any]) -> Flow[dict[str, Any]]:
    prepared = prepare_call(ctx, operation, params)
    retries = ctx.retry.start()
    invocation_id = str(uuid.uuid4())
    max_attempts = ctx.retry.max_attempts
    while True:
        wait = retries.wait_before_send()
        if wait > 0:
            yield Sleep(wait)
        request = _attempt_request(prepared, invocation_id, retries.attempt + 1, max_attempts)
        request = sign_for_operation(ctx, prepared, request)
        try:
            response: HttpResponse = yield Send(request)
        except _TRANSPORT_ERRORS as error:
            decision = retries.decide(Outcome(connection_error=True,
                                              timeout=isinstance(error, _TIMEOUTS)))
            if decision.retry and _rewind(prepared.body):
                yield Sleep(decision.delay)
                continue
            raise
        parsed, outcome = parse_http_response(ctx, operation, response, params)
        decision = retries.decide(outcome)
        if decision.retry and _rewind(prepared.body):
            yield Sleep(decision.delay)
            continue
        metadata = parsed.setdefault("ResponseMetadata", {})
        metadata["RetryAttempts"] = retries.attempt - 1
        if decision.max_attempts_reached:
            metadata["MaxAttemptsReached"] = True
        if response.status_code >= 300 or outcome.error_code is not None:
            code = parsed.get("Error", {}).get("Code", "")
            raise ctx.error_class(code)(parsed, operation.name)
        return parsed


def _attempt_request(prepared: PreparedCall, invocation_id: str, attempt: int,
                     max_attempts: int) -> HttpRequest:
    headers = dict(prepared.headers)
    headers["amz-sdk-invocation-id"] = invocation_id
    headers["amz-sdk-request"] = f"attempt={attempt}; max={max_attempts}"
    return HttpRequest(method=prepared.method, url=prepared.url, headers=headers,
                       body=prepared.body, stream_response=prepared.stream_response)


def _rewind(body: Any) -> bool:
    """Put a streaming body back at its start for another attempt; False if it cannot be."""
    if isinstance(body, (bytes, bytearray, str)) or body is None:
        return True
    seek = getattr(body, "seek", None)
    if seek is None:
        return False
    start = getattr(body, "_awsession_start", 0)
    try:
        seek(start)
    except OSError:
        return False
    return True
