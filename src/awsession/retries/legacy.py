"""botocore's ``legacy`` retry mode, driven by its ``_retry.json`` data.

Rules (botocore 1.43):

1. The policies are ``__default__`` merged with the service's own section; a policy matches on a
   socket error, an HTTP status alone, an HTTP status *and* an error code together, or a CRC32
   mismatch (DynamoDB).
2. ``max_attempts`` counts every attempt (5 by default, 10 for DynamoDB); a user setting replaces it.
3. The delay before attempt ``n + 1`` is ``base * growth_factor ** (n - 1)`` where ``base`` is either
   a number or ``random()`` (``"rand"``). There is no cap and no retry quota.
4. Socket errors are botocore's ``GENERAL_CONNECTION_ERROR`` set (``Outcome.socket_error``), not every
   transport failure. A CRC32 mismatch that is the only reason to retry, met on the last attempt,
   ends the call with ``ChecksumError`` (botocore's checker raises it).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .outcome import Outcome

__all__ = ["LegacyRules", "legacy_rules_for"]


class _Condition:
    """One ``_retry.json`` policy, reduced to what it matches (plain class: no dataclasses here)."""

    __slots__ = ("code", "crc32", "socket", "status")

    def __init__(self, status: int | None = None, code: str | None = None, socket: bool = False,
                 crc32: bool = False) -> None:
        self.status = status
        self.code = code
        self.socket = socket
        self.crc32 = crc32

    def __eq__(self, other: object) -> bool:
        if type(other) is not _Condition:
            return NotImplemented
        return ((self.status, self.code, self.socket, self.crc32)
                == (other.status, other.code, other.socket, other.crc32))

    def __hash__(self) -> int:
        return hash((self.status, self.code, self.socket, self.crc32))

    def __repr__(self) -> str:
        return (f"_Condition(status={self.status!r}, code={self.code!r}, socket={self.socket!r}, "
                f"crc32={self.crc32!r})")

    def matches(self, outcome: Outcome) -> bool:
        if self.socket:
            return outcome.socket_error
        if self.crc32:
            return outcome.crc32_mismatch
        if self.status is not None and outcome.status_code != self.status:
            return False
        if self.code is not None and outcome.error_code != self.code:
            return False
        return self.status is not None or self.code is not None


class LegacyRules:
    """A service's legacy policies: attempts, delay formula and retryable conditions."""

    __slots__ = ("base", "conditions", "growth_factor", "max_attempts")

    def __init__(self, max_attempts: int, base: float | None, growth_factor: float,
                 conditions: tuple[_Condition, ...]) -> None:
        self.max_attempts = max_attempts
        self.base = base  # None means random()
        self.growth_factor = growth_factor
        self.conditions = conditions

    def __eq__(self, other: object) -> bool:
        if type(other) is not LegacyRules:
            return NotImplemented
        return ((self.max_attempts, self.base, self.growth_factor, self.conditions)
                == (other.max_attempts, other.base, other.growth_factor, other.conditions))

    def __hash__(self) -> int:
        return hash((self.max_attempts, self.base, self.growth_factor, self.conditions))

    def __repr__(self) -> str:
        return (f"LegacyRules(max_attempts={self.max_attempts!r}, base={self.base!r}, "
                f"growth_factor={self.growth_factor!r}, conditions={self.conditions!r})")

    def is_retryable(self, outcome: Outcome) -> bool:
        return any(c.matches(outcome) for c in self.conditions)

    def only_crc32(self, outcome: Outcome) -> bool:
        """True when the CRC32 check is the one condition that matches (ChecksumError at the end)."""
        if not outcome.crc32_mismatch or not any(c.crc32 for c in self.conditions):
            return False
        return not any(c.matches(outcome) for c in self.conditions if not c.crc32)

    def delay(self, attempt: int, random: Callable[[], float]) -> float:
        base = random() if self.base is None else self.base
        return float(base * self.growth_factor ** (attempt - 1))


def _condition(spec: Mapping[str, Any], definitions: Mapping[str, Any]) -> _Condition:
    if "$ref" in spec:
        spec = definitions[spec["$ref"]]
    when = spec["applies_when"]
    if "socket_errors" in when:
        return _Condition(socket=True)
    response = when.get("response", {})
    if "crc32body" in response:
        return _Condition(crc32=True)
    return _Condition(status=response.get("http_status_code"),
                      code=response.get("service_error_code"))


def legacy_rules_for(retry_data: Mapping[str, Any], endpoint_prefix: str) -> LegacyRules:
    """Build the rules for a service from ``_retry.json`` (``retry_data``)."""
    definitions = retry_data.get("definitions", {})
    default = retry_data["retry"]["__default__"]
    service = retry_data["retry"].get(endpoint_prefix, {}).get("__default__", {})
    policies = dict(default.get("policies", {}))
    policies.update(service.get("policies", {}))
    delay = service.get("delay", default["delay"])
    base = delay["base"]
    return LegacyRules(
        max_attempts=int(service.get("max_attempts", default["max_attempts"])),
        base=None if base == "rand" else float(base),
        growth_factor=float(delay["growth_factor"]),
        conditions=tuple(_condition(spec, definitions) for spec in policies.values()),
    )
