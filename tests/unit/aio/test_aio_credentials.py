"""Async credentials: snapshot signing, refresh off the loop, one refresh for many waiters."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from awsession._core.env import FixedClock
from awsession.aio.credentials import AsyncCredentialCache
from awsession.credentials.types import Credentials, RefreshableCredentials, RefreshResult
from awsession.exceptions import NoCredentialsError


class Refresher:
    """A refresh function that blocks (as STS would) and counts its calls."""

    def __init__(self, clock: FixedClock, delay: float = 0.05, fail: bool = False,
                 gate: threading.Event | None = None) -> None:
        self.clock = clock
        self.delay = delay
        self.fail = fail
        self.gate = gate  # when given: block until it opens (or 10 s pass) instead of sleeping
        self.gate_opened = False
        self.calls = 0
        self.threads: set[int] = set()

    def __call__(self) -> RefreshResult:
        self.calls += 1
        self.threads.add(threading.get_ident())
        if self.gate is not None:
            self.gate_opened = self.gate.wait(10)
        else:
            time.sleep(self.delay)
        if self.fail:
            raise RuntimeError("sts is down")
        return RefreshResult(f"AKIDNEW{self.calls}", "new-secret", "new-token",
                             self.clock.time() + 3600)


def _refreshable(clock: FixedClock, refresher: Refresher, expires_in: float) -> RefreshableCredentials:
    return RefreshableCredentials("AKIDOLD", "old-secret", "old-token", clock.time() + expires_in,
                                  refresher, method="assume-role", clock=clock)


def test_static_credentials_are_a_fixed_snapshot() -> None:
    cache = AsyncCredentialCache(Credentials("AKID", "secret", "tok"), FixedClock())
    asyncio.run(cache.refresh_if_needed())
    assert cache.snapshot() == ("AKID", "secret", "tok", None)
    assert "secret" not in repr(cache)


def test_no_credentials_raise_at_signing_time() -> None:
    cache = AsyncCredentialCache(None, FixedClock())
    asyncio.run(cache.refresh_if_needed())
    with pytest.raises(NoCredentialsError):
        cache.snapshot()


def test_fresh_credentials_do_not_refresh() -> None:
    clock = FixedClock()
    refresher = Refresher(clock)
    cache = AsyncCredentialCache(_refreshable(clock, refresher, 3600), clock)
    asyncio.run(cache.refresh_if_needed())
    assert refresher.calls == 0
    assert cache.snapshot().access_key == "AKIDOLD"


def test_mandatory_refresh_is_single_flight_and_off_the_loop() -> None:
    # The refresh blocks until the event loop has ticked 5 times: a refresh that ran on the loop
    # (or blocked it) would never see the gate open. No wall-clock budget, so load cannot flake it.
    clock = FixedClock()
    gate = threading.Event()
    refresher = Refresher(clock, gate=gate)
    cache = AsyncCredentialCache(_refreshable(clock, refresher, 3600), clock)
    clock.advance(3600 - 60)  # one minute left: mandatory

    async def main() -> tuple[list[str], int]:
        ticks = 0
        stop = asyncio.Event()

        async def ticker() -> None:
            nonlocal ticks
            while not stop.is_set():
                ticks += 1
                if ticks == 5:
                    gate.set()
                await asyncio.sleep(0.001)

        tick_task = asyncio.create_task(ticker())

        async def call() -> str:
            await cache.refresh_if_needed()
            return cache.snapshot().access_key

        keys = await asyncio.gather(*(call() for _ in range(50)))
        stop.set()
        await tick_task
        return keys, ticks

    keys, ticks = asyncio.run(main())
    assert refresher.calls == 1
    assert set(keys) == {"AKIDNEW1"}
    assert threading.get_ident() not in refresher.threads  # ran in a worker thread
    assert refresher.gate_opened  # the loop kept running while the refresh was blocked
    assert ticks >= 5


def test_mandatory_refresh_failure_is_raised() -> None:
    clock = FixedClock()
    refresher = Refresher(clock, delay=0, fail=True)
    cache = AsyncCredentialCache(_refreshable(clock, refresher, 3600), clock)
    clock.advance(3600 - 60)
    with pytest.raises(RuntimeError, match="sts is down"):
        asyncio.run(cache.refresh_if_needed())


def test_advisory_refresh_runs_in_the_background_once() -> None:
    clock = FixedClock()
    refresher = Refresher(clock, delay=0.05)
    cache = AsyncCredentialCache(_refreshable(clock, refresher, 3600), clock)
    clock.advance(3600 - 12 * 60)  # 12 minutes left: advisory

    async def main() -> tuple[list[str], str]:
        async def call() -> str:
            await cache.refresh_if_needed()
            return cache.snapshot().access_key

        during = await asyncio.gather(*(call() for _ in range(20)))
        await asyncio.sleep(0.3)
        return during, await call()

    during, after = asyncio.run(main())
    assert set(during) == {"AKIDOLD"}  # nobody waited for the advisory refresh
    assert after == "AKIDNEW1"
    assert refresher.calls == 1


def test_advisory_refresh_failure_keeps_the_current_values() -> None:
    clock = FixedClock()
    refresher = Refresher(clock, delay=0, fail=True)
    cache = AsyncCredentialCache(_refreshable(clock, refresher, 3600), clock)
    clock.advance(3600 - 12 * 60)

    async def main() -> str:
        await cache.refresh_if_needed()
        await asyncio.sleep(0.1)
        await cache.refresh_if_needed()
        return cache.snapshot().access_key

    assert asyncio.run(main()) == "AKIDOLD"
    assert refresher.calls >= 1
