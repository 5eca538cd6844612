"""The refresh decision for expiring credentials: a pure function of (expiry, now).

Rules (botocore 1.43):

1. Credentials with no expiry never refresh (``FRESH`` for ever).
2. With at least the *advisory* window left (15 minutes) they are ``FRESH``.
3. With less than the advisory window but at least the *mandatory* window (10 minutes) left they
   are in the ``ADVISORY`` period: one caller should try to refresh while everyone else keeps
   using what they have, and a failed refresh is not an error.
4. With less than the mandatory window left they are ``MANDATORY``: nobody may use them until a
   refresh succeeds, and a failed refresh is an error.

The decision does no I/O and reads no clock; the caller passes ``now``.
"""

from __future__ import annotations

from typing import Any, ClassVar

__all__ = [
    "ADVISORY_REFRESH_SECONDS",
    "MANDATORY_REFRESH_SECONDS",
    "RefreshDecision",
    "refresh_decision",
]

ADVISORY_REFRESH_SECONDS = 15 * 60
"""Seconds before expiry at which a refresh is first attempted (failures are tolerated)."""

MANDATORY_REFRESH_SECONDS = 10 * 60
"""Seconds before expiry after which the credentials must be refreshed before use."""


class RefreshDecision:
    """The three outcomes, compared by identity (``decision is RefreshDecision.FRESH``).

    A plain class of constants rather than an ``Enum``: creating an Enum class costs more at import
    than this whole module, and it sits on the path of the first client.
    """

    __slots__ = ("name", "value")

    FRESH: ClassVar[RefreshDecision]
    """Use the current credentials as they are."""
    ADVISORY: ClassVar[RefreshDecision]
    """Try to refresh if nobody else is; keep using the current credentials on failure."""
    MANDATORY: ClassVar[RefreshDecision]
    """Refresh before use; wait for a refresh already under way; fail if refreshing fails."""

    def __init__(self, name: str, value: str) -> None:
        self.name = name
        self.value = value

    def __repr__(self) -> str:
        return f"<RefreshDecision.{self.name}: {self.value!r}>"

    def __reduce__(self) -> tuple[Any, ...]:
        return (getattr, (RefreshDecision, self.name))


RefreshDecision.FRESH = RefreshDecision("FRESH", "fresh")
RefreshDecision.ADVISORY = RefreshDecision("ADVISORY", "advisory")
RefreshDecision.MANDATORY = RefreshDecision("MANDATORY", "mandatory")


def refresh_decision(
    expiry_time: float | None,
    now: float,
    advisory_seconds: float = ADVISORY_REFRESH_SECONDS,
    mandatory_seconds: float = MANDATORY_REFRESH_SECONDS,
) -> RefreshDecision:
    """Where credentials expiring at ``expiry_time`` (epoch seconds) stand at ``now``."""
    if expiry_time is None:
        return RefreshDecision.FRESH
    remaining = expiry_time - now
    if remaining >= advisory_seconds:
        return RefreshDecision.FRESH
    if remaining >= mandatory_seconds:
        return RefreshDecision.ADVISORY
    return RefreshDecision.MANDATORY
