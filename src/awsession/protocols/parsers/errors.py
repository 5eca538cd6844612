"""Errors raised while turning a response's bytes into a dict.

Rules: every failure to understand a response body is a :class:`ResponseParserError` (botocore's
name for it). Event-stream framing failures subclass :class:`EventStreamParseError`, itself a
:class:`ResponseParserError`, with botocore's message texts. Messages never include header values
that could carry secrets; they may include the body, as botocore's do.
"""

from __future__ import annotations

__all__ = [
    "ChecksumMismatch",
    "DuplicateHeader",
    "EventStreamParseError",
    "InvalidHeadersLength",
    "InvalidPayloadLength",
    "NoInitialResponseError",
    "ResponseParserError",
    "UnsafeXMLError",
]


class ResponseParserError(Exception):
    """The response could not be parsed against its model."""


class UnsafeXMLError(ResponseParserError):
    """The XML body declares a DOCTYPE (and so possibly entities); it is refused unread."""


class EventStreamParseError(ResponseParserError):
    """The binary event-stream framing is broken."""


class DuplicateHeader(EventStreamParseError):
    def __init__(self, header: str) -> None:
        super().__init__(f'Duplicate header present: "{header}"')


class InvalidHeadersLength(EventStreamParseError):
    def __init__(self, length: int, maximum: int) -> None:
        super().__init__(f"Header length of {length} exceeded the maximum of {maximum}")


class InvalidPayloadLength(EventStreamParseError):
    def __init__(self, length: int, maximum: int) -> None:
        super().__init__(f"Payload length of {length} exceeded the maximum of {maximum}")


class ChecksumMismatch(EventStreamParseError):
    def __init__(self, expected: int, calculated: int) -> None:
        super().__init__(f"Checksum mismatch: expected 0x{expected:08x}, calculated 0x{calculated:08x}")


class NoInitialResponseError(EventStreamParseError):
    def __init__(self) -> None:
        super().__init__("First event was not of the initial-response type")
