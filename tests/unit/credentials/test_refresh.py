"""The refresh decision: a pure function of expiry and now."""

from __future__ import annotations

import pytest

from awsession.credentials.refresh import (
    ADVISORY_REFRESH_SECONDS,
    MANDATORY_REFRESH_SECONDS,
    RefreshDecision,
    refresh_decision,
)

NOW = 1_700_000_000.0


def test_windows_are_botocores() -> None:
    assert ADVISORY_REFRESH_SECONDS == 900
    assert MANDATORY_REFRESH_SECONDS == 600


@pytest.mark.parametrize(
    ("remaining", "expected"),
    [
        (3600, RefreshDecision.FRESH),
        (900, RefreshDecision.FRESH),  # exactly the advisory window: still fresh
        (899.999, RefreshDecision.ADVISORY),
        (601, RefreshDecision.ADVISORY),
        (600, RefreshDecision.ADVISORY),  # exactly the mandatory window: advisory
        (599.999, RefreshDecision.MANDATORY),
        (0, RefreshDecision.MANDATORY),
        (-10, RefreshDecision.MANDATORY),
    ],
)
def test_decision_table(remaining: float, expected: RefreshDecision) -> None:
    assert refresh_decision(NOW + remaining, NOW) is expected


def test_no_expiry_never_refreshes() -> None:
    assert refresh_decision(None, NOW) is RefreshDecision.FRESH


def test_custom_windows() -> None:
    assert refresh_decision(NOW + 50, NOW, advisory_seconds=60, mandatory_seconds=30) is \
        RefreshDecision.ADVISORY
    assert refresh_decision(NOW + 20, NOW, advisory_seconds=60, mandatory_seconds=30) is \
        RefreshDecision.MANDATORY
