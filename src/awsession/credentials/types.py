"""Credential values: static :class:`Credentials`, self-refreshing :class:`RefreshableCredentials`.

Rules:

1. Attribute names follow botocore (``access_key``, ``secret_key``, ``token``, ``account_id``,
   ``method``) so code written against boto3's credentials keeps working.
2. A credentials object never changes from the outside (setting an attribute raises). A refreshable
   one swaps its whole state in one assignment, so :meth:`Credentials.get_frozen_credentials`
   always returns a consistent (key, secret, token, account id) tuple, even during a refresh.
3. ``repr``/``str`` show the method and the access key id only: never the secret key or the token.
4. Refreshing follows :mod:`awsession.credentials.refresh`: in the advisory window one thread
   refreshes while the others keep using the current values and a failure is only logged; in the
   mandatory window every caller waits for the refresh and a failure is raised.
5. :class:`DeferredRefreshableCredentials` start with no values at all: the first use fetches
   them (mandatory, so a failure is raised), which keeps the chain free of network calls.
"""

from __future__ import annotations

from _thread import allocate_lock
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NoReturn

from .._core.env import Clock, SystemClock
from .refresh import (
    ADVISORY_REFRESH_SECONDS,
    MANDATORY_REFRESH_SECONDS,
    RefreshDecision,
    refresh_decision,
)

__all__ = [
    "Credentials",
    "CredentialsNotLoaded",
    "DeferredRefreshableCredentials",
    "ReadOnlyCredentials",
    "RefreshResult",
    "RefreshableCredentials",
]

if TYPE_CHECKING:
    from _thread import LockType
    from datetime import datetime

try:  # the C accessor named tuples use for their fields
    from _collections import _tuplegetter as _field_getter  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - other interpreters
    from operator import itemgetter

    def _field_getter(index: int, doc: str) -> Any:
        return property(itemgetter(index), doc=doc)

# ``logging`` is imported only when something is logged (it is not on the first client's path).
LOGGER_NAME = "awsession.credentials"

_HIDDEN = "'***'"


class CredentialsNotLoaded(Exception):
    """Raised by a provider to say "not configured here": the chain moves on to the next one.

    Internal to the credential chain; never escapes :meth:`CredentialChain.resolve`.
    """


class ReadOnlyCredentials(tuple[str, str, "str | None", "str | None"]):
    """An immutable snapshot of credentials, as botocore's ``get_frozen_credentials()`` returns.

    A named tuple ``(access_key, secret_key, token, account_id)`` written out by hand: building a
    ``typing.NamedTuple`` class costs more at import than the rest of this module, and this module
    is on the path of the first client. It behaves as the named tuple did (equality with tuples,
    unpacking, ``_fields``, ``_replace``, ``_asdict``, pickling), except that ``repr`` hides the
    secret key and the token.
    """

    __slots__ = ()

    _fields = ("access_key", "secret_key", "token", "account_id")
    __match_args__ = ("access_key", "secret_key", "token", "account_id")

    def __new__(cls, access_key: str, secret_key: str, token: str | None,
                account_id: str | None) -> ReadOnlyCredentials:
        return tuple.__new__(cls, (access_key, secret_key, token, account_id))

    if TYPE_CHECKING:
        @property
        def access_key(self) -> str: ...
        @property
        def secret_key(self) -> str: ...
        @property
        def token(self) -> str | None: ...
        @property
        def account_id(self) -> str | None: ...
    else:
        access_key = _field_getter(0, "The access key id.")
        secret_key = _field_getter(1, "The secret access key.")
        token = _field_getter(2, "The session token, or None.")
        account_id = _field_getter(3, "The account id, or None.")

    def __repr__(self) -> str:
        token = None if self.token is None else "***"
        return (f"ReadOnlyCredentials(access_key={self.access_key!r}, secret_key={_HIDDEN}, "
                f"token={token!r}, account_id={self.account_id!r})")

    def __getnewargs__(self) -> tuple[str, str, str | None, str | None]:
        return (self[0], self[1], self[2], self[3])

    def _replace(self, **changes: Any) -> ReadOnlyCredentials:
        values: dict[str, Any] = dict(zip(self._fields, self, strict=True))
        unknown = set(changes).difference(values)
        if unknown:
            raise ValueError(f"Got unexpected field names: {sorted(unknown)!r}")
        values.update(changes)
        return ReadOnlyCredentials(**values)

    def _asdict(self) -> dict[str, Any]:
        return dict(zip(self._fields, self, strict=True))


_State = tuple[ReadOnlyCredentials, "float | None"]


class Credentials:
    """Static credentials: an access key id, a secret key, an optional session token."""

    __slots__ = ("_method", "_state")

    _state: _State
    _method: str

    def __init__(self, access_key: str, secret_key: str, token: str | None = None,
                 method: str | None = None, account_id: str | None = None) -> None:
        frozen = ReadOnlyCredentials(access_key, secret_key, token, account_id)
        object.__setattr__(self, "_state", (frozen, None))
        object.__setattr__(self, "_method", method if method is not None else "explicit")

    def __setattr__(self, name: str, value: Any) -> NoReturn:
        raise AttributeError(f"{type(self).__name__} objects are immutable")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"{type(self).__name__} objects are immutable")

    def _current(self) -> ReadOnlyCredentials:
        return self._state[0]

    @property
    def access_key(self) -> str:
        return self._current().access_key

    @property
    def secret_key(self) -> str:
        return self._current().secret_key

    @property
    def token(self) -> str | None:
        return self._current().token

    @property
    def account_id(self) -> str | None:
        return self._current().account_id

    @property
    def method(self) -> str:
        """Where the credentials came from, with botocore's names (``env``, ``explicit``, ...)."""
        return self._method

    def get_frozen_credentials(self) -> ReadOnlyCredentials:
        """A consistent snapshot of all four values (refreshing first if needed)."""
        return self._current()

    def __repr__(self) -> str:
        return (f"{type(self).__name__}(method={self._method!r}, "
                f"access_key={self._state[0].access_key!r})")

    def __reduce__(self) -> tuple[Any, ...]:
        frozen = self._state[0]
        return (Credentials, (frozen.access_key, frozen.secret_key, frozen.token, self._method,
                              frozen.account_id))


_RESULT_FIELDS = ("access_key", "secret_key", "token", "expiry_time", "account_id")


class RefreshResult:
    """What a refresh function returns: new values and their expiry (epoch seconds). Immutable."""

    __slots__ = _RESULT_FIELDS

    access_key: str
    secret_key: str
    token: str | None
    expiry_time: float
    account_id: str | None

    def __init__(self, access_key: str, secret_key: str, token: str | None, expiry_time: float,
                 account_id: str | None = None) -> None:
        setter = object.__setattr__
        setter(self, "access_key", access_key)
        setter(self, "secret_key", secret_key)
        setter(self, "token", token)
        setter(self, "expiry_time", expiry_time)
        setter(self, "account_id", account_id)

    def __setattr__(self, name: str, value: Any) -> NoReturn:
        raise AttributeError(f"cannot assign to field {name!r}: RefreshResult is immutable")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"cannot delete field {name!r}: RefreshResult is immutable")

    def _values(self) -> tuple[Any, ...]:
        return (self.access_key, self.secret_key, self.token, self.expiry_time, self.account_id)

    def __eq__(self, other: object) -> bool:
        if type(other) is not RefreshResult:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:  # never the secret key or the token
        return (f"RefreshResult(access_key={self.access_key!r}, "
                f"expiry_time={self.expiry_time!r}, account_id={self.account_id!r})")

    def __reduce__(self) -> tuple[Any, ...]:
        return (RefreshResult, self._values())


class RefreshableCredentials(Credentials):
    """Credentials that call ``refresh_using()`` before they expire (botocore's semantics)."""

    __slots__ = ("_advisory", "_clock", "_lock", "_mandatory", "_refresh_using")

    _refresh_using: Callable[[], RefreshResult]
    _clock: Clock
    _advisory: float
    _mandatory: float
    _lock: LockType

    def __init__(self, access_key: str, secret_key: str, token: str | None,
                 expiry_time: float | datetime, refresh_using: Callable[[], RefreshResult],
                 method: str, clock: Clock | None = None,
                 advisory_timeout: float | None = None, mandatory_timeout: float | None = None,
                 account_id: str | None = None) -> None:
        super().__init__(access_key, secret_key, token, method, account_id)
        # A datetime is recognised by its .timestamp() (importing datetime here costs ~1 ms).
        timestamp = getattr(expiry_time, "timestamp", None)
        expiry: Any = timestamp() if timestamp is not None else expiry_time
        frozen = self._state[0]
        setter = object.__setattr__
        setter(self, "_state", (frozen, float(expiry)))
        setter(self, "_refresh_using", refresh_using)
        setter(self, "_clock", clock if clock is not None else SystemClock())
        setter(self, "_advisory", ADVISORY_REFRESH_SECONDS if advisory_timeout is None
               else advisory_timeout)
        setter(self, "_mandatory", MANDATORY_REFRESH_SECONDS if mandatory_timeout is None
               else mandatory_timeout)
        setter(self, "_lock", allocate_lock())

    @property
    def expiry_time(self) -> float:
        """When the current values expire, in epoch seconds."""
        expiry = self._state[1]
        assert expiry is not None
        return expiry

    def refresh_needed(self, refresh_in: float | None = None) -> bool:
        """botocore's check: fewer than ``refresh_in`` seconds (default: advisory) remain."""
        window = self._advisory if refresh_in is None else refresh_in
        return self.expiry_time - self._clock.time() < window

    def _decision(self) -> RefreshDecision:
        return refresh_decision(self._state[1], self._clock.time(), self._advisory,
                                self._mandatory)

    def _current(self) -> ReadOnlyCredentials:
        self._refresh()
        return self._state[0]

    def _refresh(self) -> None:
        decision = self._decision()
        if decision is RefreshDecision.FRESH:
            return
        if decision is RefreshDecision.ADVISORY:
            # Only one thread refreshes; the others go on with the values they have.
            if not self._lock.acquire(blocking=False):
                return
            try:
                if self._decision() is not RefreshDecision.FRESH:
                    self._protected_refresh(mandatory=False)
            finally:
                self._lock.release()
            return
        with self._lock:  # mandatory: everyone waits for the one refresh
            if self._decision() is RefreshDecision.MANDATORY:
                self._protected_refresh(mandatory=True)

    def _protected_refresh(self, mandatory: bool) -> None:
        try:
            result = self._refresh_using()
        except Exception:
            import logging

            period = "mandatory" if mandatory else "advisory"
            logging.getLogger(LOGGER_NAME).warning(
                "Refreshing temporary credentials (%s) failed during the %s refresh period.",
                self._method, period, exc_info=True)
            if mandatory:
                raise
            return
        frozen = ReadOnlyCredentials(result.access_key, result.secret_key, result.token,
                                     result.account_id)
        object.__setattr__(self, "_state", (frozen, result.expiry_time))
        if result.expiry_time - self._clock.time() <= 0:
            raise RuntimeError(
                "Credentials were refreshed, but the refreshed credentials are still expired."
            )

    def __reduce__(self) -> NoReturn:
        raise TypeError("RefreshableCredentials cannot be pickled; pickle the Session instead "
                        "(it rebuilds its credentials from its recipe)")


class DeferredRefreshableCredentials(RefreshableCredentials):
    """Refreshable credentials fetched on first use (assume-role, web identity, SSO).

    Until the first use the expiry is ``-inf``: the refresh decision is "mandatory", so the first
    reader fetches (and every concurrent reader waits for that one fetch).
    """

    __slots__ = ()

    def __init__(self, refresh_using: Callable[[], RefreshResult], method: str,
                 clock: Clock | None = None, advisory_timeout: float | None = None,
                 mandatory_timeout: float | None = None) -> None:
        super().__init__("", "", None, float("-inf"), refresh_using, method, clock,
                         advisory_timeout, mandatory_timeout)

    @property
    def fetched(self) -> bool:
        """Whether the credentials have been fetched at least once."""
        return self._state[1] != float("-inf")

    def __repr__(self) -> str:
        if not self.fetched:
            return f"{type(self).__name__}(method={self._method!r}, not fetched yet)"
        return super().__repr__()
