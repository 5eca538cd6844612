"""Credentials for async clients: a snapshot the flow signs with, refreshed off the event loop.

Rules:

1. The first snapshot is taken when the client is made, in a worker thread (resolving the chain may
   read files or run a ``credential_process``), so no call ever resolves credentials on the loop.
2. Before each call :meth:`AsyncCredentialCache.refresh_if_needed` looks at the *snapshot's* expiry
   with the pure :func:`~awsession.credentials.refresh.refresh_decision`:
   ``FRESH`` -- nothing to do; ``ADVISORY`` -- one background task refreshes while calls go on with
   the current snapshot (a failure is only logged, by the credentials object); ``MANDATORY`` --
   every caller waits on one ``asyncio.Lock`` for a single refresh, and a failure is raised.
3. A refresh runs the credentials' own (blocking) refresh in a worker thread
   (``asyncio.to_thread``), so the loop keeps serving other tasks meanwhile.
4. :meth:`snapshot` is what the pure flow calls to sign: it never does I/O, and raises
   ``NoCredentialsError`` when nothing is configured (as the sync client does at call time).
"""

from __future__ import annotations

import asyncio
import logging

from .._core.env import Clock
from ..credentials.refresh import RefreshDecision, refresh_decision
from ..credentials.types import Credentials, ReadOnlyCredentials, RefreshableCredentials
from ..exceptions import NoCredentialsError

__all__ = ["AsyncCredentialCache"]

logger = logging.getLogger("awsession.aio")


class AsyncCredentialCache:
    """One client's credentials snapshot; build it in a worker thread (it may refresh)."""

    def __init__(self, credentials: Credentials | None, clock: Clock) -> None:
        self._credentials = credentials
        self._clock = clock
        self._refreshable = isinstance(credentials, RefreshableCredentials)
        self._frozen: ReadOnlyCredentials | None = None
        self._expiry: float | None = None
        if credentials is not None:
            self._frozen, self._expiry = self._fetch()
        self._lock = asyncio.Lock()
        self._background: asyncio.Task[None] | None = None

    def _fetch(self) -> tuple[ReadOnlyCredentials, float | None]:
        """Blocking: the credentials' current values (refreshing them first if they say so)."""
        credentials = self._credentials
        assert credentials is not None
        frozen = credentials.get_frozen_credentials()
        expiry = credentials.expiry_time if isinstance(credentials, RefreshableCredentials) else None
        return frozen, expiry

    def snapshot(self) -> ReadOnlyCredentials:
        """The values to sign with now; no I/O."""
        if self._frozen is None:
            raise NoCredentialsError()
        return self._frozen

    def _decision(self) -> RefreshDecision:
        return refresh_decision(self._expiry, self._clock.time())

    async def refresh_if_needed(self) -> None:
        if not self._refreshable:
            return
        decision = self._decision()
        if decision is RefreshDecision.FRESH:
            return
        if decision is RefreshDecision.ADVISORY:
            background = self._background
            if (background is None or background.done()) and not self._lock.locked():
                self._background = asyncio.ensure_future(self._advisory_refresh())
            return
        async with self._lock:  # mandatory: everyone waits for the one refresh
            if self._decision() is RefreshDecision.MANDATORY:
                self._frozen, self._expiry = await asyncio.to_thread(self._fetch)

    async def _advisory_refresh(self) -> None:
        async with self._lock:
            if self._decision() is RefreshDecision.FRESH:
                return
            try:
                self._frozen, self._expiry = await asyncio.to_thread(self._fetch)
            except Exception:  # the advisory period tolerates failures; the next call tries again
                logger.debug("Advisory credential refresh failed", exc_info=True)

    def __repr__(self) -> str:
        method = None if self._credentials is None else self._credentials.method
        return f"AsyncCredentialCache(method={method!r}, expiry={self._expiry!r})"
