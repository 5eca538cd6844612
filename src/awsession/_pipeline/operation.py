"""One AWS API call as a pure flow.

Theory of operation. ``operation_flow(ctx, operation, params)`` is a generator that makes every
decision of a call and yields an effect whenever it needs the outside world:

1. **Prepare** (once per call): validate the parameters against the input shape, serialize them
   with the service's protocol, apply the declared service customizations, resolve the endpoint and
   join it with the serialized path, host prefix and query.
2. **Attempt** (once per try): wait for the adaptive rate limiter's token if it asks (``Sleep``,
   then take the token), add the invocation headers, sign with fresh credentials and the
   current (skew-corrected) time, then ``Send``.
3. **Judge**: a transport error thrown into the flow, or the parsed response, becomes an
   :class:`~awsession.retries.outcome.Outcome`; the client's retry strategy answers with a delay
   (``Sleep`` then attempt again, after rewinding a streaming body) or stop.
4. **Skew**: an authentication error that blames the request time (``RequestTimeTooSkewed``,
   ``InvalidSignatureException``, ``SignatureDoesNotMatch``, ``RequestExpired``) whose ``Date``
   header is more than four minutes away from our clock records the offset in ``ctx.clock_skew``
   and re-signs at once, once per call (an extra attempt; boto3 has no such correction).
5. **Finish**: fill ``ResponseMetadata`` (``MaxAttemptsReached``/``RetryQuotaReached`` as the
   strategy said, then ``RetryAttempts``), then return the parsed dict, raise the client's modeled
   ``ClientError`` subclass, or re-raise the transport error.

Rule 1: nothing here performs I/O, reads the clock except through ``ctx.env``, or sleeps.
Rule 2: a request is never mutated after signing; retries sign a new copy.
Rule 3: ``amz-sdk-request`` is ``attempt=1`` on the first try, then ``[ttl=...; ]attempt=N; max=M``
(``ttl`` = the last response's ``Date`` plus the read timeout; botocore means to skip it for
streaming inputs but never does, so neither do we).
"""

from __future__ import annotations

import os
import zlib
from typing import Any

from .._core.effects import Flow, Send, Sleep
from .._core.http import HttpRequest, HttpResponse
from ..exceptions import (
    ChecksumError,
    ConnectionClosedError,
    ConnectTimeoutError,
    HTTPClientError,
    ReadTimeoutError,
    UnseekableStreamError,
)
from ..exceptions import ConnectionError as AwsConnectionError
from ..model.shapes import OperationModel
from ..retries.outcome import Outcome
from ..retries.strategy import CallRetries, RetryDecision
from .auth import sign_for_operation
from .context import ClientContext
from .prepare import PreparedCall, prepare_call
from .responses import parse_http_response

__all__ = ["SKEW_ERROR_CODES", "SKEW_THRESHOLD", "operation_flow"]

_TRANSPORT_ERRORS = (HTTPClientError, AwsConnectionError)
_TIMEOUTS = (ReadTimeoutError, ConnectTimeoutError)
# botocore's GENERAL_CONNECTION_ERROR: what legacy mode retries.
_SOCKET_ERRORS = (AwsConnectionError, ConnectionClosedError, ReadTimeoutError)
SKEW_ERROR_CODES = frozenset({"RequestTimeTooSkewed", "InvalidSignatureException",
                              "SignatureDoesNotMatch", "RequestExpired"})
SKEW_THRESHOLD = 240.0
"""Seconds between our clock and the server's ``Date`` beyond which we correct and re-sign."""
_NOT_SEEKABLE = (bytes, bytearray, str)


def operation_flow(ctx: ClientContext, operation: OperationModel,
                   params: dict[str, Any]) -> Flow[dict[str, Any]]:
    prepared = prepare_call(ctx, operation, params)
    strategy = ctx.retry
    retries = strategy.start(operation.name)
    invocation_id = _uuid4()
    body = prepared.body
    body_start = _stream_start(body)
    retry_header = "attempt=1"
    skew_fixed = False
    while True:
        if strategy.limiter is not None:
            wait = retries.wait_before_send()
            if wait > 0:
                yield Sleep(wait)
                retries.wait_before_send(waited=True)
        request = sign_for_operation(ctx, prepared, _attempt_request(prepared, invocation_id,
                                                                     retry_header))
        try:
            response: HttpResponse = yield Send(request)
        except _TRANSPORT_ERRORS as error:
            decision = retries.decide(Outcome(connection_error=True,
                                              socket_error=isinstance(error, _SOCKET_ERRORS),
                                              timeout=isinstance(error, _TIMEOUTS)))
            if not decision.retry:
                if decision.delay > 0:
                    yield Sleep(decision.delay)
                raise
            _rewind(body, body_start)
            yield Sleep(decision.delay)
            retry_header = _next_retry_header(retry_header, retries, None)
            continue
        parsed, outcome = parse_http_response(ctx, operation, response, params, prepared.plan)
        if outcome.error_code is not None and strategy.new_retries:
            outcome = _with_retry_after(outcome, response)
        decision = retries.decide(outcome)
        if decision.retry:
            _rewind(body, body_start)
            yield Sleep(decision.delay)
            retry_header = _next_retry_header(retry_header, retries, response)
            continue
        if (not skew_fixed and outcome.error_code in SKEW_ERROR_CODES
                and retries.attempt < strategy.max_attempts and _learn_skew(ctx, response)):
            skew_fixed = True
            _rewind(body, body_start)
            retry_header = _next_retry_header(retry_header, retries, response)
            continue
        if decision.delay > 0:
            yield Sleep(decision.delay)
        if decision.checksum_error:
            raise _crc32_error(response)
        return _finish(ctx, operation, parsed, response, outcome, decision, retries.attempt)


def _finish(ctx: ClientContext, operation: OperationModel, parsed: dict[str, Any],
            response: HttpResponse, outcome: Outcome, decision: RetryDecision,
            attempts: int) -> dict[str, Any]:
    metadata = parsed.get("ResponseMetadata")
    if metadata is None:
        metadata = parsed["ResponseMetadata"] = {}
    if decision.max_attempts_reached:
        metadata["MaxAttemptsReached"] = True
    if decision.quota_reached:
        metadata["RetryQuotaReached"] = True
    metadata["RetryAttempts"] = attempts - 1
    if response.status_code >= 300 or outcome.error_code is not None:
        error = parsed.get("Error", {})
        # SQS (JSON, query-compatible) names its exception classes by shape, kept in QueryErrorCode.
        code = (ctx.service_name == "sqs" and error.get("QueryErrorCode")) or error.get("Code", "")
        raise ctx.error_class(code)(parsed, operation.name)
    return parsed


def _uuid4() -> str:
    """A random (version 4) UUID as text, like ``str(uuid.uuid4())`` at half the cost."""
    h = os.urandom(16).hex()
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{_VARIANT[int(h[16], 16) & 3]}{h[17:20]}-{h[20:]}"


_VARIANT = "89ab"


def _attempt_request(prepared: PreparedCall, invocation_id: str, retry_header: str) -> HttpRequest:
    headers = prepared.headers.copy()
    headers["amz-sdk-invocation-id"] = invocation_id
    headers["amz-sdk-request"] = retry_header
    return HttpRequest(prepared.method, prepared.url, headers, prepared.body,
                       prepared.stream_response)


def _next_retry_header(previous: str, retries: CallRetries,
                       response: HttpResponse | None) -> str:
    """``amz-sdk-request`` for the next attempt; a ``ttl`` once set stays (as botocore)."""
    strategy = retries.strategy
    ttl = previous.partition("; ")[0] if previous.startswith("ttl=") else None
    read_timeout = strategy.read_timeout
    if response is not None and read_timeout is not None:
        date = _http_date(response.headers.get("date"))
        if date is not None:
            ttl = "ttl=" + _ttl_text(date + read_timeout)
    parts = [ttl] if ttl else []
    parts.append(f"attempt={retries.attempt + 1}")
    if strategy.adds_max_header:
        parts.append(f"max={strategy.max_attempts}")
    return "; ".join(parts)


def _ttl_text(epoch: float) -> str:
    import time

    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(int(epoch)))


def _http_date(value: str | None) -> float | None:
    """Seconds since the epoch from an HTTP ``Date`` header, or ``None`` if it does not parse."""
    if not value:
        return None
    from email.utils import mktime_tz, parsedate_tz

    parts = parsedate_tz(value)
    if parts is None:
        return None
    try:
        return float(mktime_tz(parts))
    except (OverflowError, ValueError):
        return None


def _learn_skew(ctx: ClientContext, response: HttpResponse) -> bool:
    """Record the server's clock offset when it is beyond the threshold; True if it changed."""
    server = _http_date(response.headers.get("date"))
    if server is None:
        return False
    offset = server - ctx.env.clock.time()
    if abs(offset - ctx.clock_skew[0]) <= SKEW_THRESHOLD:
        return False
    ctx.clock_skew[0] = offset
    return True


def _with_retry_after(outcome: Outcome, response: HttpResponse) -> Outcome:
    value = response.headers.get("x-amz-retry-after")
    if value is None:
        return outcome
    from dataclasses import replace

    return replace(outcome, retry_after=value)


def _crc32_error(response: HttpResponse) -> ChecksumError:
    body = response.body if isinstance(response.body, bytes) else b""
    return ChecksumError(checksum_type="crc32",
                         expected_checksum=int(response.headers.get("x-amz-crc32", "0")),
                         actual_checksum=zlib.crc32(body) & 0xFFFFFFFF)


def _stream_start(body: Any) -> int:
    """Where a streaming body starts (its position when the call began)."""
    if body is None or isinstance(body, _NOT_SEEKABLE):
        return 0
    tell = getattr(body, "tell", None)
    if tell is None:
        return 0
    try:
        return int(tell())
    except (OSError, ValueError, TypeError):
        return 0


def _rewind(body: Any, start: int) -> None:
    """Put a streaming body back at its start for another attempt (botocore's reset_stream)."""
    if body is None or isinstance(body, _NOT_SEEKABLE):
        return
    try:
        body.seek(start)
    except Exception as e:
        raise UnseekableStreamError(stream_object=body) from e
