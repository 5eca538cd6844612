"""Assume-role against moto: profiles (both SDKs), Session.assume_role chains, refresh, pickling."""

from __future__ import annotations

import os
import pickle
import random
import time
from pathlib import Path
from types import ModuleType

import pytest

import awsession
import awsession.session as session_module
from awsession._core.env import Environment, FixedClock, OsFileSystem
from awsession.exceptions import ParamValidationError
from tests.functional._moto import MotoProcess

CONFIG = """\
[profile base]
aws_access_key_id = AKIDBASEEXAMPLE
aws_secret_access_key = base-secret
region = us-east-1

[profile target]
role_arn = arn:aws:iam::111111111111:role/target-role
source_profile = base
role_session_name = sess1
region = us-east-1

[profile second]
role_arn = arn:aws:iam::222222222222:role/second-role
source_profile = target
role_session_name = hop2
region = us-east-1
"""


@pytest.fixture
def profiles(moto: MotoProcess, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "config"
    path.write_text(CONFIG)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(path))
    return path


@pytest.mark.parametrize(("profile", "account", "arn_tail"), [
    ("target", "111111111111", "assumed-role/target-role/sess1"),
    ("second", "222222222222", "assumed-role/second-role/hop2"),
])
def test_profile_assumes_the_role(sdk: ModuleType, profiles: Path, profile: str, account: str,
                                  arn_tail: str) -> None:
    session = sdk.Session(profile_name=profile)
    identity = session.client("sts").get_caller_identity()
    assert identity["Account"] == account
    assert identity["Arn"] == f"arn:aws:sts::{account}:{arn_tail}"
    credentials = session.get_credentials()
    assert credentials.method == "assume-role"
    assert credentials.get_frozen_credentials().access_key.startswith("ASIA")


def test_session_assume_role_chain_of_two_hops(profiles: Path) -> None:
    base = awsession.Session(profile_name="base")
    first = base.assume_role("arn:aws:iam::333333333333:role/one", role_session_name="hop-one")
    second = first.assume_role("arn:aws:iam::444444444444:role/two", role_session_name="hop-two",
                               region_name="eu-west-1", tags={"team": "data"})
    assert second.region_name == "eu-west-1" and first.region_name == "us-east-1"
    identity = second.client("sts").get_caller_identity()
    assert identity["Arn"] == "arn:aws:sts::444444444444:assumed-role/two/hop-two"
    assert identity["Account"] == "444444444444"
    assert second.get_credentials().account_id == "444444444444"
    assert first.client("sts").get_caller_identity()["Account"] == "333333333333"
    # Pickled as a recipe: the copy assumes the roles again on first use.
    copy = pickle.loads(pickle.dumps(second))
    assert copy.region_name == "eu-west-1"
    assert copy.client("sts").get_caller_identity()["Arn"] == identity["Arn"]
    with pytest.raises(AttributeError):
        second.region = "x"  # type: ignore[attr-defined]


def test_refresh_near_expiry_makes_a_second_sts_call(profiles: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    clock = FixedClock(now=time.time())
    monkeypatch.setattr(session_module, "_os_environment",
                        Environment(os.environ, OsFileSystem(), clock, random.random))
    session = awsession.Session(profile_name="base").assume_role(
        "arn:aws:iam::555555555555:role/refresh", role_session_name="refreshing",
        duration_seconds=3600)
    credentials = session.get_credentials()
    sts = session.client("sts")
    assert sts.get_caller_identity()["Account"] == "555555555555"
    first_key = credentials.get_frozen_credentials().access_key
    clock.advance(40 * 60)  # 20 minutes left: no new call
    assert credentials.get_frozen_credentials().access_key == first_key
    clock.advance(10 * 60)  # 10 minutes left: inside the advisory window, a new AssumeRole
    second_key = credentials.get_frozen_credentials().access_key
    assert second_key != first_key and second_key.startswith("ASIA")
    assert sts.get_caller_identity()["Arn"].endswith("assumed-role/refresh/refreshing")


def test_errors_of_the_assume_role_call_reach_the_caller(profiles: Path) -> None:
    session = awsession.Session(profile_name="base").assume_role("not-an-arn",
                                                                 role_session_name="bad-arn")
    client = session.client("sts")  # deferred: making the client calls nothing
    with pytest.raises(ParamValidationError, match="RoleArn"):
        client.get_caller_identity()
