"""Timestamp input normalisation and the three wire formats, exactly as botocore writes them.

Rules:

* Input may be a ``datetime`` (naive means UTC), an epoch number, a numeric string, an ISO 8601
  string or an RFC 822 date; everything becomes an aware UTC ``datetime`` first.
* ``iso8601`` writes ``YYYY-MM-DDTHH:MM:SSZ``, adding ``.ffffff`` only when microseconds are non-zero
  (botocore's "default" precision). In millisecond precision it always writes ``.mmm``.
* ``unixtimestamp`` is whole seconds (floored) as an ``int``; millisecond precision gives a float.
* ``rfc822`` is always whole seconds, ``Sun, 25 Jan 2015 08:00:00 GMT``.

Callers pick the format once per shape (trait or protocol default) and get a formatter function, so
the per-value path is one call.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from email.utils import parsedate_to_datetime
from typing import Any

__all__ = ["Formatter", "formatter_for", "to_datetime", "uses_millisecond_precision"]

Formatter = Callable[[Any], Any]

_UTC = _dt.timezone.utc
_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_UTC)
_SECOND = _dt.timedelta(seconds=1)
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _from_epoch(seconds: float) -> _dt.datetime:
    try:
        return _dt.datetime.fromtimestamp(seconds, _UTC)
    except (OverflowError, OSError, ValueError):
        return _EPOCH + _dt.timedelta(seconds=seconds)


def _parse_text(text: str) -> _dt.datetime:
    try:
        return _from_epoch(float(text))
    except ValueError:
        pass
    candidate = text.strip()
    if candidate.endswith(("Z", "z")):
        candidate = candidate[:-1] + "+00:00"
    try:
        return _dt.datetime.fromisoformat(candidate)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError) as exc:
        raise ValueError(f'Invalid timestamp "{text}": {exc}') from None


def to_datetime(value: Any) -> _dt.datetime:
    """Any accepted timestamp input as an aware UTC datetime."""
    if isinstance(value, _dt.datetime):
        parsed = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        parsed = _from_epoch(value)
    elif isinstance(value, str):
        parsed = _parse_text(value)
    else:
        raise ValueError(f'Invalid timestamp "{value}"')
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=_UTC)
    return parsed.astimezone(_UTC)


def _whole_seconds(moment: _dt.datetime) -> int:
    return (moment.replace(microsecond=0) - _EPOCH) // _SECOND


def _iso8601(value: Any) -> str:
    m = to_datetime(value)
    base = f"{m.year:04d}-{m.month:02d}-{m.day:02d}T{m.hour:02d}:{m.minute:02d}:{m.second:02d}"
    if m.microsecond:
        return f"{base}.{m.microsecond:06d}Z"
    return base + "Z"


def _iso8601_millis(value: Any) -> str:
    m = to_datetime(value)
    return (
        f"{m.year:04d}-{m.month:02d}-{m.day:02d}T{m.hour:02d}:{m.minute:02d}:{m.second:02d}"
        f".{m.microsecond // 1000:03d}Z"
    )


def _unix(value: Any) -> int:
    return _whole_seconds(to_datetime(value))


def _unix_millis(value: Any) -> float:
    m = to_datetime(value)
    return _whole_seconds(m) + (m.microsecond // 1000) / 1000.0


def _rfc822(value: Any) -> str:
    m = to_datetime(value)
    return (
        f"{_DAYS[m.weekday()]}, {m.day:02d} {_MONTHS[m.month]} {m.year:04d} "
        f"{m.hour:02d}:{m.minute:02d}:{m.second:02d} GMT"
    )


def _whole(formatter: Formatter) -> Formatter:
    """Headers drop sub-second precision before formatting, whatever the format."""

    def whole(value: Any) -> Any:
        return formatter(to_datetime(value).replace(microsecond=0))

    return whole


_FORMATTERS: dict[tuple[str, bool], Formatter] = {
    ("iso8601", False): _iso8601,
    ("iso8601", True): _iso8601_millis,
    ("unixtimestamp", False): _unix,
    ("unixtimestamp", True): _unix_millis,
    ("rfc822", False): _rfc822,
    ("rfc822", True): _rfc822,
}


def formatter_for(
    trait: str | None, default: str, *, millis: bool = False, whole_seconds: bool = False
) -> Formatter:
    """The formatter for a shape's ``timestampFormat`` trait (or the protocol default)."""
    name = (trait or default).lower()
    try:
        formatter = _FORMATTERS[name, millis]
    except KeyError:
        raise ValueError(f"Unknown timestamp format: {trait!r}") from None
    return _whole(formatter) if whole_seconds else formatter


# Services whose botocore client is built with millisecond timestamp precision (a
# ``creating-serializer`` handler in botocore 1.43).
_MILLISECOND_SERVICES = frozenset({"bedrock-agentcore"})


def uses_millisecond_precision(service_name: str) -> bool:
    return service_name in _MILLISECOND_SERVICES
