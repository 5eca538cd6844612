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
   ``datetime.fromisoformat`` (given the ``Z`` as is on 3.11+, as ``+00:00`` on 3.10); everything
   else goes through one precompiled regex or the e-mail date parser. Unparseable input raises
   ``ValueError`` naming the value.
"""

from __future__ import annotations

import re
import sys
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_tz
from typing import Any

__all__ = ["parse_timestamp"]

UTC = timezone.utc
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_fromisoformat = datetime.fromisoformat
# Python 3.11+ reads a trailing "Z" itself; 3.10 needs it spelled as an offset.
_ISO_READS_Z = sys.version_info >= (3, 11)

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
                return _fromisoformat(value if _ISO_READS_Z else value[:-1] + "+00:00")
            except ValueError:
                pass
        # Fast path: RFC 1123 as HTTP headers carry it, "Mon, 03 Jun 2024 12:00:00 GMT".
        if length == 29 and value[3] == "," and value.endswith(" GMT"):
            found = _rfc1123(value)
            if found is not None:
                return found
        return _parse_string(value)
    if isinstance(value, bool):
        raise ValueError(f'Invalid timestamp "{value}"')
    if isinstance(value, (int, float)):
        return _from_epoch(value)
    raise ValueError(f'Invalid timestamp "{value!r}"')


_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}


def _rfc1123(text: str) -> datetime | None:
    """``Www, DD Mon YYYY HH:MM:SS GMT`` exactly, else ``None`` (the general parser decides)."""
    if (
        text[4] != " "
        or text[7] != " "
        or text[11] != " "
        or text[16] != " "
        or text[19] != ":"
        or text[22] != ":"
    ):
        return None
    month = _MONTHS.get(text[8:11].lower())
    digits = text[5:7] + text[12:16] + text[17:19] + text[20:22] + text[23:25]
    if month is None or not (digits.isascii() and digits.isdigit()):
        return None
    year = int(text[12:16])
    if year < 100:  # email.utils reads two-digit years as 19xx/20xx; leave those to it
        return None
    try:
        return datetime(
            year, month, int(text[5:7]), int(text[17:19]), int(text[20:22]), int(text[23:25]), tzinfo=UTC
        )
    except ValueError:
        return None


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
