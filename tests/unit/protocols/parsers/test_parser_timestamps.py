"""Timestamp parsing: every form botocore accepts, always aware UTC, and the fast path."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from botocore.utils import parse_timestamp as boto_parse_timestamp

from awsession.protocols.parsers.timestamps import parse_timestamp

UTC = timezone.utc


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2009-10-12T17:50:30.000Z", datetime(2009, 10, 12, 17, 50, 30, tzinfo=UTC)),
        ("2009-10-12T17:50:30Z", datetime(2009, 10, 12, 17, 50, 30, tzinfo=UTC)),
        ("2009-10-12T17:50:30.123456789Z", datetime(2009, 10, 12, 17, 50, 30, 123456, tzinfo=UTC)),
        ("2009-10-12T17:50:30.5+01:00", datetime(2009, 10, 12, 16, 50, 30, 500000, tzinfo=UTC)),
        ("2009-10-12T17:50:30-0230", datetime(2009, 10, 12, 20, 20, 30, tzinfo=UTC)),
        ("2009-10-12 17:50:30", datetime(2009, 10, 12, 17, 50, 30, tzinfo=UTC)),
        ("20091012T175030Z", datetime(2009, 10, 12, 17, 50, 30, tzinfo=UTC)),
        ("2009-10-12", datetime(2009, 10, 12, tzinfo=UTC)),
        ("Tue, 29 Apr 2014 18:30:38 GMT", datetime(2014, 4, 29, 18, 30, 38, tzinfo=UTC)),
        ("Sunday, 06-Nov-94 08:49:37 GMT", datetime(1994, 11, 6, 8, 49, 37, tzinfo=UTC)),
        ("Sun Nov  6 08:49:37 1994", datetime(1994, 11, 6, 8, 49, 37, tzinfo=UTC)),
        ("1398796238", datetime(2014, 4, 29, 18, 30, 38, tzinfo=UTC)),
        ("1398796238.5", datetime(2014, 4, 29, 18, 30, 38, 500000, tzinfo=UTC)),
        (1398796238, datetime(2014, 4, 29, 18, 30, 38, tzinfo=UTC)),
        (1398796238.25, datetime(2014, 4, 29, 18, 30, 38, 250000, tzinfo=UTC)),
    ],
)
def test_forms(value: object, expected: datetime) -> None:
    parsed = parse_timestamp(value)
    assert parsed == expected
    assert parsed.utcoffset() is not None and parsed.utcoffset().total_seconds() == 0


@pytest.mark.parametrize(
    "value",
    [
        "2009-10-12T17:50:30.000Z",
        "2014-04-29T18:30:38+00:00",
        "Tue, 29 Apr 2014 18:30:38 GMT",
        "1398796238",
        86400.5,
    ],
)
def test_same_instant_as_botocore(value: object) -> None:
    assert parse_timestamp(value) == boto_parse_timestamp(value)


@pytest.mark.parametrize("value", ["not a date", "2009-13-45T00:00:00Z", "", True, None])
def test_rejects_garbage(value: object) -> None:
    with pytest.raises(ValueError, match="Invalid timestamp"):
        parse_timestamp(value)
