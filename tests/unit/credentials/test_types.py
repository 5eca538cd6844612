"""Credentials values and the refresh behaviour of RefreshableCredentials (injected clock)."""

from __future__ import annotations

import logging
import pickle
import threading
from collections.abc import Callable

import pytest

from awsession._core.env import FixedClock
from awsession.credentials import (
    Credentials,
    ReadOnlyCredentials,
    RefreshableCredentials,
    RefreshResult,
)

SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
TOKEN = "FwoGZXIvYXdzEXAMPLETOKEN"


def test_static_attributes_like_botocore() -> None:
    creds = Credentials("AKID", SECRET, TOKEN, method="env", account_id="123")
    assert (creds.access_key, creds.secret_key, creds.token, creds.account_id, creds.method) == (
        "AKID", SECRET, TOKEN, "123", "env")
    assert creds.get_frozen_credentials() == ReadOnlyCredentials("AKID", SECRET, TOKEN, "123")
    assert Credentials("a", "b").method == "explicit"
    assert Credentials("a", "b").token is None


def test_credentials_are_immutable() -> None:
    creds = Credentials("AKID", SECRET)
    with pytest.raises(AttributeError):
        creds.access_key = "other"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        creds._state = None  # type: ignore[assignment]
    with pytest.raises(AttributeError):
        del creds._method
    assert creds.access_key == "AKID"


def test_repr_and_str_never_show_secrets() -> None:
    creds = Credentials("AKID", SECRET, TOKEN, method="env")
    frozen = creds.get_frozen_credentials()
    refreshable = RefreshableCredentials("AKID", SECRET, TOKEN, 2e9, lambda: _result(3e9),
                                         method="env", clock=FixedClock())
    result = _result(3e9)
    for text in (repr(creds), str(creds), repr(frozen), str(frozen), repr(refreshable),
                 str(refreshable), repr(result), f"{creds}", f"{frozen!r}"):
        assert SECRET not in text
        assert TOKEN not in text
    assert "AKID" in repr(creds) and "env" in repr(creds)


def test_static_credentials_pickle() -> None:
    creds = Credentials("AKID", SECRET, TOKEN, method="env", account_id="123")
    again = pickle.loads(pickle.dumps(creds))
    assert again.get_frozen_credentials() == creds.get_frozen_credentials()
    assert again.method == "env"


def _result(expiry: float, key: str = "AKNEW") -> RefreshResult:
    return RefreshResult(key, "SKNEW", "TOKNEW", expiry, None)


def _refreshable(clock: FixedClock, refresh: Callable[[], RefreshResult],
                 remaining: float) -> RefreshableCredentials:
    return RefreshableCredentials("AKOLD", "SKOLD", "TOKOLD", clock.time() + remaining,
                                  refresh_using=refresh, method="assume-role", clock=clock)


def test_fresh_credentials_do_not_refresh() -> None:
    clock = FixedClock()
    calls: list[int] = []
    creds = _refreshable(clock, lambda: calls.append(1) or _result(clock.time() + 3600), 3600)
    assert creds.access_key == "AKOLD"
    clock.advance(3600 - 901)
    assert creds.get_frozen_credentials().access_key == "AKOLD"
    assert calls == []
    assert creds.refresh_needed() is False


def test_advisory_window_refreshes() -> None:
    clock = FixedClock()
    creds = _refreshable(clock, lambda: _result(clock.time() + 3600), 3600)
    clock.advance(3600 - 800)  # 800 s left: advisory
    assert creds.refresh_needed() is True
    frozen = creds.get_frozen_credentials()
    assert frozen == ReadOnlyCredentials("AKNEW", "SKNEW", "TOKNEW", None)
    assert creds.expiry_time == clock.time() + 3600


def test_advisory_failure_is_logged_and_swallowed(caplog: pytest.LogCaptureFixture) -> None:
    clock = FixedClock()

    def fail() -> RefreshResult:
        raise OSError("sts down")

    creds = _refreshable(clock, fail, 800)
    with caplog.at_level(logging.WARNING, logger="awsession.credentials"):
        assert creds.access_key == "AKOLD"
    assert "advisory" in caplog.text
    assert "SKOLD" not in caplog.text


def test_mandatory_failure_raises() -> None:
    clock = FixedClock()

    def fail() -> RefreshResult:
        raise OSError("sts down")

    creds = _refreshable(clock, fail, 300)
    with pytest.raises(OSError, match="sts down"):
        creds.get_frozen_credentials()


def test_mandatory_refresh_replaces_values() -> None:
    clock = FixedClock()
    creds = _refreshable(clock, lambda: _result(clock.time() + 3600), 100)
    assert creds.secret_key == "SKNEW"


def test_refresh_still_expired_is_an_error() -> None:
    clock = FixedClock()
    creds = _refreshable(clock, lambda: _result(clock.time() - 1), 100)
    with pytest.raises(RuntimeError, match="still expired"):
        creds.get_frozen_credentials()


def test_refreshable_cannot_pickle() -> None:
    clock = FixedClock()
    creds = _refreshable(clock, lambda: _result(clock.time() + 3600), 3600)
    with pytest.raises(TypeError, match="pickle the Session"):
        pickle.dumps(creds)


def _threads(count: int, target: Callable[[], None]) -> list[threading.Thread]:
    threads = [threading.Thread(target=target) for _ in range(count)]
    for thread in threads:
        thread.start()
    return threads


def test_advisory_single_flight_others_keep_current_values() -> None:
    clock = FixedClock()
    started, release = threading.Event(), threading.Event()
    calls: list[int] = []

    def slow_refresh() -> RefreshResult:
        calls.append(1)
        started.set()
        assert release.wait(10)
        return _result(clock.time() + 3600)

    creds = _refreshable(clock, slow_refresh, 800)
    refresher = _threads(1, lambda: creds.get_frozen_credentials())
    assert started.wait(10)
    seen: list[str] = []
    lock = threading.Lock()

    def reader() -> None:
        key = creds.get_frozen_credentials().access_key  # must not block on the refresh
        with lock:
            seen.append(key)

    readers = _threads(16, reader)
    for thread in readers:
        thread.join(10)
    assert seen == ["AKOLD"] * 16
    release.set()
    refresher[0].join(10)
    assert calls == [1]
    assert creds.access_key == "AKNEW"


def test_mandatory_single_flight_everyone_waits() -> None:
    clock = FixedClock()
    calls: list[int] = []
    gate = threading.Barrier(17)

    def refresh() -> RefreshResult:
        calls.append(1)
        return _result(clock.time() + 3600)

    creds = _refreshable(clock, refresh, 60)
    seen: list[str] = []
    lock = threading.Lock()

    def reader() -> None:
        gate.wait(10)
        key = creds.get_frozen_credentials().access_key
        with lock:
            seen.append(key)

    threads = _threads(16, reader)
    gate.wait(10)
    for thread in threads:
        thread.join(10)
    assert calls == [1]
    assert seen == ["AKNEW"] * 16
