"""Parse the ISO 8601 expiry timestamps found in credential sources into epoch seconds.

Sources write expiry times such as ``2024-05-01T12:00:00Z``, ``2024-05-01T12:00:00.123+00:00`` or
``2024-05-01 12:00:00``. A time without an offset is taken as UTC (botocore would fail comparing it
with an aware clock). Anything else is rejected with ``ValueError``; callers turn that into an
error that names where the value came from.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

__all__ = ["parse_expiry"]

_FRACTION = re.compile(r"(\.\d+)")


def parse_expiry(text: str) -> float:
    """Epoch seconds for an ISO 8601 timestamp; raises ``ValueError`` if it is not one."""
    value = text.strip()
    if not value or not value[:4].isdigit():
        raise ValueError(f"not an ISO 8601 timestamp: {text!r}")
    if value[-1] in "Zz":
        value = value[:-1] + "+00:00"
    # Python 3.10's fromisoformat takes only 3 or 6 fractional digits: normalise to 6.
    match = _FRACTION.search(value)
    if match is not None:
        digits = match.group(1)[1:]
        value = value[: match.start()] + "." + (digits + "000000")[:6] + value[match.end():]
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.timestamp()
