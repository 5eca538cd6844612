"""The RFC 1123 fast path of response timestamp parsing gives exactly what the general parser gives."""

from __future__ import annotations

import email.utils
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from awsession.protocols.parsers.timestamps import _parse_string, parse_timestamp


def _outcome(parse: object, text: str) -> tuple[object, ...]:
    try:
        return ("ok", parse(text))  # type: ignore[operator]
    except ValueError as exc:
        return ("error", str(exc))


@given(st.integers(min_value=0, max_value=8_000_000_000))
def test_http_dates_parse_the_same(seconds: int) -> None:
    moment = datetime(1970, 1, 1, tzinfo=timezone.utc) + timedelta(seconds=seconds)
    text = email.utils.format_datetime(moment, usegmt=True)
    assert parse_timestamp(text) == _parse_string(text) == moment


@pytest.mark.parametrize("text", [
    "Mon, 03 JUN 2024 12:00:00 GMT",   # month case
    "Xyz, 03 Jun 2024 12:00:00 GMT",   # any weekday token
    "Mon, 03 Jun 0001 00:00:00 GMT",   # two-digit-year rules of email.utils
    "Mon, 03 Jun 0100 00:00:00 GMT",
    "Mon, 29 Feb 2023 12:00:00 GMT",   # no such day
    "Mon, 03 Jun 2024 24:00:00 GMT",
    "Mon, 03 Jun 2024 12:00:61 GMT",
    "Mon, 03 Jun 2024 1a:00:00 GMT",
    "Mon, \u0663 3 Jun 2024 12:00:00 GMT",
    "Mon,_03 Jun 2024 12:00:00 GMT",
])
def test_edge_cases_match_the_general_parser(text: str) -> None:
    assert _outcome(parse_timestamp, text) == _outcome(_parse_string, text)
