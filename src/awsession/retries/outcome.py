"""What happened on one attempt, reduced to the facts retry policies look at.

The pipeline builds an :class:`Outcome` after each attempt (a parsed response or a transport error)
and hands it to the client's retry strategy. Keeping the facts in fields (not in exception types
checked all over) lets every policy be a pure function of ``Outcome``.
"""

from __future__ import annotations

from awsession._core.frozen import FrozenValue

__all__ = ["Outcome"]


_set = object.__setattr__


class Outcome(FrozenValue):
    """The facts of one attempt (every field a keyword; all default to "nothing happened").

    ``status_code``: the HTTP status, or ``None`` when no response arrived. ``error_code``: the
    parsed AWS error code (``Error.Code``), if the response was an error. ``connection_error``: any
    transport failure (botocore's ``ConnectionError`` or ``HTTPClientError`` family); standard and
    adaptive modes retry all of them. ``socket_error``: the narrower set legacy mode retries
    (botocore's ``GENERAL_CONNECTION_ERROR``): ``ConnectionError`` and its subclasses,
    ``ConnectionClosedError`` and ``ReadTimeoutError``; not a plain ``HTTPClientError`` nor
    ``ResponseStreamingError``. ``timeout``: a connect or read timeout (costs more retry quota in
    standard mode). ``modeled_retryable``: the error's shape carries the ``retryable`` trait;
    ``modeled_throttling``: that trait says ``throttling: true``. ``crc32_mismatch``: DynamoDB's
    ``x-amz-crc32`` header did not match the body. ``retry_after``: the raw ``x-amz-retry-after``
    header (milliseconds), read only by the 2026 behaviour.
    """

    __slots__ = ("connection_error", "crc32_mismatch", "error_code", "modeled_retryable",
                 "modeled_throttling", "retry_after", "socket_error", "status_code", "timeout")
    _fields = ("status_code", "error_code", "connection_error", "socket_error", "timeout",
               "modeled_retryable", "modeled_throttling", "crc32_mismatch", "retry_after")
    status_code: int | None
    error_code: str | None
    connection_error: bool
    socket_error: bool
    timeout: bool
    modeled_retryable: bool
    modeled_throttling: bool
    crc32_mismatch: bool
    retry_after: str | None

    def __init__(self, status_code: int | None = None, error_code: str | None = None,
                 connection_error: bool = False, socket_error: bool = False, timeout: bool = False,
                 modeled_retryable: bool = False, modeled_throttling: bool = False,
                 crc32_mismatch: bool = False, retry_after: str | None = None) -> None:
        _set(self, "status_code", status_code)
        _set(self, "error_code", error_code)
        _set(self, "connection_error", connection_error)
        _set(self, "socket_error", socket_error)
        _set(self, "timeout", timeout)
        _set(self, "modeled_retryable", modeled_retryable)
        _set(self, "modeled_throttling", modeled_throttling)
        _set(self, "crc32_mismatch", crc32_mismatch)
        _set(self, "retry_after", retry_after)

    @property
    def succeeded(self) -> bool:
        return (self.status_code is not None and 200 <= self.status_code < 300
                and not self.crc32_mismatch and self.error_code is None)
