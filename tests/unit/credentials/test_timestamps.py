"""Expiry timestamps as credential sources write them."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from awsession.credentials.timestamps import parse_expiry

EPOCH = datetime(2024, 5, 1, 12, 0, 0, tzinfo=timezone.utc).timestamp()


@pytest.mark.parametrize("text", [
    "2024-05-01T12:00:00Z",
    "2024-05-01T12:00:00z",
    "2024-05-01T12:00:00+00:00",
    "2024-05-01T14:00:00+02:00",
    "2024-05-01T12:00:00",  # no offset: UTC
    "2024-05-01 12:00:00Z",
    " 2024-05-01T12:00:00Z ",
])
def test_parses(text: str) -> None:
    assert parse_expiry(text) == EPOCH


def test_fractions_of_any_length() -> None:
    assert parse_expiry("2024-05-01T12:00:00.5Z") == EPOCH + 0.5
    assert parse_expiry("2024-05-01T12:00:00.123456789Z") == pytest.approx(EPOCH + 0.123456)


@pytest.mark.parametrize("text", ["", "tomorrow", "1714564800x", "2024-13-01T00:00:00Z"])
def test_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_expiry(text)
