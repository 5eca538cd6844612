"""One session hammered by 32 threads; the default session made once under a race."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import awsession
from awsession import Session
from awsession._default_session import get_default_session
from tests.unit.session.conftest import WriteFiles

THREADS = 32
CONFIG = ("[default]\nregion = us-west-2\n[profile dev]\nregion = eu-west-1\n"
          "retry_mode = standard\nmax_attempts = 4\ns3 =\n  addressing_style = path\n")
CREDS = "[dev]\naws_access_key_id = AKDEV\naws_secret_access_key = SKDEV\n"


def _hammer(work: Callable[[], Any], rounds: int = 50) -> list[Any]:
    barrier = threading.Barrier(THREADS)
    results: list[Any] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run() -> None:
        try:
            barrier.wait(10)
            for _ in range(rounds):
                value = work()
                with lock:
                    results.append(value)
        except BaseException as exc:  # reported below, with the failing thread's error
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert len(results) == THREADS * rounds
    return results


def test_one_session_many_threads(aws_files: WriteFiles) -> None:
    aws_files(CONFIG, CREDS)
    session = Session(profile_name="dev")

    def work() -> Any:
        creds = session.get_credentials()
        return (id(creds), creds.get_frozen_credentials() if creds else None, session.region_name,
                session.get_config_variable("retry_mode"),
                session.get_config_variable("max_attempts"),
                session.get_config_variable("s3"), session.profile_name)

    results = _hammer(work)
    assert len(set(map(repr, results))) == 1
    _, frozen, region, mode, attempts, s3, profile = results[0]
    assert frozen.access_key == "AKDEV"
    assert (region, mode, attempts, s3, profile) == ("eu-west-1", "standard", 4,
                                                     {"addressing_style": "path"}, "dev")


def test_many_sessions_many_threads(aws_files: WriteFiles) -> None:
    aws_files(CONFIG, CREDS)
    results = _hammer(lambda: (Session(profile_name="dev").get_credentials().access_key,  # type: ignore[union-attr]
                               Session().region_name), rounds=10)
    assert set(results) == {("AKDEV", "us-west-2")}


@pytest.fixture
def no_default_session() -> Iterator[None]:
    saved = awsession.DEFAULT_SESSION
    awsession.DEFAULT_SESSION = None
    yield
    awsession.DEFAULT_SESSION = saved


@pytest.mark.usefixtures("no_default_session")
def test_default_session_made_once_under_race(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[int] = []
    real_init = Session.__init__

    def counting_init(self: Session, *args: Any, **kwargs: Any) -> None:
        made.append(1)
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(Session, "__init__", counting_init)
    sessions = _hammer(get_default_session, rounds=5)
    assert len({id(s) for s in sessions}) == 1
    assert made == [1]
    assert awsession.DEFAULT_SESSION is sessions[0]


@pytest.mark.usefixtures("no_default_session")
def test_setup_default_session_and_compat_attribute(aws_files: WriteFiles) -> None:
    aws_files(CONFIG, CREDS)
    awsession.setup_default_session(profile_name="dev", region_name="sa-east-1")
    session = awsession.DEFAULT_SESSION
    assert isinstance(session, Session)
    assert (session.profile_name, session.region_name) == ("dev", "sa-east-1")
    assert get_default_session() is session
    awsession.DEFAULT_SESSION = None  # boto3 users reset it this way
    fresh = get_default_session()
    assert fresh is not session and fresh.profile_name == "default"
    replacement = Session(region_name="eu-north-1")
    awsession.DEFAULT_SESSION = replacement  # ... or install their own
    assert get_default_session() is replacement


@pytest.mark.usefixtures("no_default_session")
def test_module_client_and_resource_use_default_session(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[str, Session, tuple[Any, ...], dict[str, Any]]] = []
    monkeypatch.setattr(Session, "client",
                        lambda self, *a, **k: seen.append(("client", self, a, k)) or "c")
    monkeypatch.setattr(Session, "resource",
                        lambda self, *a, **k: seen.append(("resource", self, a, k)) or "r")
    assert awsession.client("s3", region_name="us-east-1") == "c"
    assert awsession.resource("s3") == "r"
    assert seen[0][1] is seen[1][1] is awsession.DEFAULT_SESSION
    assert seen[0][2:] == (("s3",), {"region_name": "us-east-1"})
