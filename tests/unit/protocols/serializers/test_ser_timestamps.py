"""Timestamp inputs and the three wire formats, at botocore's precision."""

from __future__ import annotations

import datetime as dt

import pytest

from awsession.protocols.serializers.timestamps import formatter_for, to_datetime, uses_millisecond_precision

MOMENT = dt.datetime(2015, 1, 25, 8, 0, 0, 123456, tzinfo=dt.timezone.utc)


@pytest.mark.parametrize(
    "value",
    [
        dt.datetime(2015, 1, 25, 8, 0, 0),
        dt.datetime(2015, 1, 25, 9, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=1))),
        1422172800,
        1422172800.0,
        "1422172800",
        "2015-01-25T08:00:00Z",
        "2015-01-25T08:00:00+00:00",
        "2015-01-25 08:00:00",
        "Sun, 25 Jan 2015 08:00:00 GMT",
    ],
)
def test_inputs_normalise_to_the_same_utc_instant(value: object) -> None:
    assert to_datetime(value) == dt.datetime(2015, 1, 25, 8, 0, tzinfo=dt.timezone.utc)
    assert to_datetime(value).tzinfo == dt.timezone.utc


def test_unparseable_text_is_rejected() -> None:
    with pytest.raises(ValueError, match="Invalid timestamp"):
        to_datetime("not a date")


def test_iso8601_adds_microseconds_only_when_present() -> None:
    iso = formatter_for(None, "iso8601")
    assert iso(MOMENT) == "2015-01-25T08:00:00.123456Z"
    assert iso(MOMENT.replace(microsecond=0)) == "2015-01-25T08:00:00Z"


def test_millisecond_precision_always_writes_three_digits() -> None:
    assert formatter_for(None, "iso8601", millis=True)(MOMENT.replace(microsecond=0)) == "2015-01-25T08:00:00.000Z"
    assert formatter_for(None, "iso8601", millis=True)(MOMENT) == "2015-01-25T08:00:00.123Z"
    assert formatter_for("unixTimestamp", "iso8601", millis=True)(MOMENT) == 1422172800.123


def test_unix_timestamp_is_floored_whole_seconds() -> None:
    unix = formatter_for("unixTimestamp", "iso8601")
    assert unix(MOMENT) == 1422172800
    assert unix(dt.datetime(1969, 12, 31, 23, 59, 59, 500000)) == -1


def test_rfc822_and_trait_overrides_default() -> None:
    assert formatter_for("rfc822", "iso8601")(MOMENT) == "Sun, 25 Jan 2015 08:00:00 GMT"
    assert formatter_for(None, "rfc822")(1422172800) == "Sun, 25 Jan 2015 08:00:00 GMT"


def test_whole_seconds_wrapper_drops_microseconds_for_headers() -> None:
    assert formatter_for("iso8601", "rfc822", whole_seconds=True)(MOMENT) == "2015-01-25T08:00:00Z"


def test_unknown_format_is_an_error() -> None:
    with pytest.raises(ValueError, match="Unknown timestamp format"):
        formatter_for("julian", "iso8601")


def test_millisecond_services() -> None:
    assert uses_millisecond_precision("bedrock-agentcore")
    assert not uses_millisecond_precision("s3")
