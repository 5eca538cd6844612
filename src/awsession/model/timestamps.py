"""Turn a user's timestamp input into an aware UTC ``datetime`` (what boto3 accepts for timestamps).

Accepted, as botocore accepts them:

* a ``datetime`` (naive means UTC);
* a number, or a string ``float()`` accepts, as epoch seconds;
* an ISO 8601 string (date only, or date and time, with ``T`` or a space, optional fraction and
  ``Z``/offset; basic or extended form);
* an RFC 822 / RFC 1123 date (``Wed, 02 Oct 2002 13:00:00 GMT``);
* a bare time of day (``13:05`` or ``13:05:09``), which means today (UTC) at that time.

botocore hands other strings to ``dateutil``, which also takes free-form dates such as ``Jan 5
2020``; those are rejected here -- a deliberate difference, since AWS documents ISO 8601 and epoch
seconds. ``today`` is passed in for bare times (validation passes a fixed date: no clock read).
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, timedelta, timezone

__all__ = ["to_aware_datetime"]

_ISO = re.compile(
    r"(?P<y>\d{4})-?(?P<mo>\d{2})-?(?P<d>\d{2})"
    r"(?:[T ](?P<h>\d{2}):?(?P<mi>\d{2})(?::?(?P<s>\d{2})(?:[.,](?P<f>\d+))?)?)?"
    r"\s*(?P<tz>Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?"
)
_TIME = re.compile(r"(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:\.(?P<f>\d+))?)?")
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def _offset(text: str | None) -> timezone:
    if not text or text in ("Z", "z", "UTC", "GMT"):
        return timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _micro(fraction: str | None) -> int:
    return int((fraction or "0")[:6].ljust(6, "0"))


def _from_epoch(seconds: float) -> datetime:
    if math.isnan(seconds) or math.isinf(seconds):
        raise ValueError(f"Invalid timestamp {seconds!r}")
    return _EPOCH + timedelta(seconds=seconds)


def _parse_string(text: str, today: date) -> datetime:
    stripped = text.strip()
    match = _ISO.fullmatch(stripped)
    if match:
        g = match.group
        return datetime(
            int(g("y")), int(g("mo")), int(g("d")), int(g("h") or 0), int(g("mi") or 0),
            int(g("s") or 0), _micro(g("f")), tzinfo=_offset(g("tz")),
        )
    match = _TIME.fullmatch(stripped)
    if match:
        g = match.group
        return datetime(
            today.year, today.month, today.day, int(g("h")), int(g("mi")), int(g("s") or 0),
            _micro(g("f")), tzinfo=timezone.utc,
        )
    from email.utils import parsedate_tz  # deferred: rarely needed

    parts = parsedate_tz(stripped)
    if parts is not None:
        year, month, day, hour, minute, second = parts[:6]
        offset = parts[9] or 0
        return datetime(year, month, day, hour, minute, second,
                        tzinfo=timezone(timedelta(seconds=offset)))
    raise ValueError(f'Invalid timestamp "{text}"')


def to_aware_datetime(value: object, today: date | None = None) -> datetime:
    """``value`` as an aware UTC datetime; ``ValueError``/``TypeError`` when it is not a timestamp.

    ``today`` (default: the UTC date now) is used only for a bare time of day.
    """
    if isinstance(value, datetime):
        parsed = value
    else:
        try:
            number: float | None = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            number = None
        if number is not None and not math.isnan(number):
            parsed = _from_epoch(number)
        elif isinstance(value, str):
            parsed = _parse_string(value, today or datetime.now(timezone.utc).date())
        else:
            raise TypeError(f"Invalid timestamp type {type(value)}")
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)
