"""Turn the timestamp values AWS sends into timezone-aware ``datetime`` objects (UTC).

Rules:

1. Accept every form botocore's ``parse_timestamp`` accepts in practice: epoch seconds as ``int``,
   ``float`` or numeric strings; ISO 8601 (extended or basic, ``T`` or space, any number of
   fractional digits, ``Z``/``UTC``/``GMT``/numeric offsets, date only); RFC 822/1123/850 and asctime
   HTTP dates.
2. The result is always aware and expressed in UTC (an offset in the input is applied, not kept);
   a string without any zone is taken as UTC. botocore keeps offsets and returns naive values for
   zone-less strings; both compare equal to ours whenever botocore's are aware.
3. The overwhelmingly common ``2009-10-12T17:50:30.000Z`` form takes a fast path through the C
   ``datetime.fromisoformat``; everything else goes through one precompiled regex or the e-mail date
   parser. Unparseable input raises ``ValueError`` naming the value.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_tz
from typing import Any

__all__ = ["parse_timestamp"]

UTC = timezone.utc
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_fromisoformat = datetime.fromisoformat

_ISO = re.compile(
    r"(\d{4})-?(\d{2})-?(\d{2})"
    r"(?:[T ](\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?"
    r"\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?",
    re.ASCII,
)


def parse_timestamp(value: Any) -> datetime:
    """Parse one timestamp value from a response; see the module rules."""
    if isinstance(value, str):
        # Fast path: 2009-10-12T17:50:30.000Z and 2009-10-12T17:50:30Z.
        length = len(value)
        if (length == 24 or length == 20) and value[-1] == "Z" and value[10] == "T":
            try:
                return _fromisoformat(value[:-1] + "+00:00")
            except ValueError:
                pass
        return _parse_string(value)
    if isinstance(value, bool):
        raise ValueError(f'Invalid timestamp "{value}"')
    if isinstance(value, (int, float)):
        return _from_epoch(value)
    raise ValueError(f'Invalid timestamp "{value!r}"')


def _from_epoch(seconds: float) -> datetime:
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        try:
            return _EPOCH + timedelta(seconds=seconds)
        except (OverflowError, ValueError) as exc:
            raise ValueError(f'Invalid timestamp "{seconds}": {exc}') from None


def _parse_string(text: str) -> datetime:
    stripped = text.strip()
    try:
        number = float(stripped)
    except ValueError:
        pass
    else:
        return _from_epoch(number)
    match = _ISO.fullmatch(stripped)
    if match is not None:
        return _from_iso_match(match, text)
    parts = parsedate_tz(stripped)
    if parts is not None:
        year, month, day, hour, minute, second = parts[:6]
        offset = parts[9] or 0
        try:
            naive = datetime(year, month, day, hour, minute, second)
        except ValueError as exc:
            raise ValueError(f'Invalid timestamp "{text}": {exc}') from None
        return (naive - timedelta(seconds=offset)).replace(tzinfo=UTC)
    raise ValueError(f'Invalid timestamp "{text}": unknown format')


def _from_iso_match(match: re.Match[str], text: str) -> datetime:
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    micro = int((fraction + "000000")[:6]) if fraction else 0
    try:
        result = datetime(
            int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0), micro, UTC
        )
    except ValueError as exc:
        raise ValueError(f'Invalid timestamp "{text}": {exc}') from None
    if zone and zone[0] in "+-":
        digits = zone[1:].replace(":", "")
        delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
        result = result - delta if zone[0] == "+" else result + delta
    return result
