"""The hand-written value classes on the first client's path keep the dataclass semantics they
replaced: equality, hashing, immutability, secret-hiding reprs, pickling, ``dataclasses.replace``.
"""

from __future__ import annotations

import copy
import dataclasses
import os
import pickle

import pytest

from awsession._core.env import (
    Environment,
    FixedClock,
    MemoryFileSystem,
    OsEnviron,
    OsFileSystem,
    SystemClock,
)
from awsession.config.checks import BOOL, STR, Kind
from awsession.config.fields import FIELDS, Field
from awsession.config.resolve import Resolved
from awsession.credentials.refresh import RefreshDecision
from awsession.credentials.types import ReadOnlyCredentials, RefreshResult
from awsession.retries.legacy import LegacyRules, _Condition
from awsession.retries.strategy import RetryDecision


def _rng() -> float:
    return 0.25


def test_environment_is_an_immutable_value() -> None:
    env = Environment({"A": "1"}, MemoryFileSystem(), FixedClock(), _rng)
    same = Environment(env={"A": "1"}, fs=MemoryFileSystem(), clock=FixedClock(), random=_rng)
    assert env == same and env != Environment({}, MemoryFileSystem(), FixedClock(), _rng)
    with pytest.raises(AttributeError):
        env.env = {}  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del env.clock  # type: ignore[misc]
    assert "Environment(env={'A': '1'}" in repr(env)


def test_environment_replace_and_dataclasses_replace_agree() -> None:
    env = Environment.empty({"A": "1"})
    later = FixedClock(now=5.0)
    ours = env.replace(clock=later)
    theirs = dataclasses.replace(env, clock=later)
    assert ours == theirs and ours.clock is later and ours.env is env.env and ours.fs is env.fs
    assert [f.name for f in dataclasses.fields(env)] == ["env", "fs", "clock", "random"]
    with pytest.raises(TypeError):
        env.replace(nope=1)


def test_environment_pickles_with_picklable_parts() -> None:
    env = Environment({"A": "1"}, OsFileSystem(), SystemClock(), _rng)
    back = pickle.loads(pickle.dumps(env))
    assert back.env == {"A": "1"} and back.random is _rng


def test_system_random_draws_in_unit_interval() -> None:
    draws = {Environment.from_os().random() for _ in range(20)}
    assert all(0.0 <= d < 1.0 for d in draws) and len(draws) > 1


def test_test_doubles_are_mutable_values() -> None:
    clock = FixedClock(now=10.0)
    clock.advance(2.5)
    assert clock == FixedClock(now=12.5, mono=2.5) and repr(clock) == "FixedClock(now=12.5, mono=2.5)"
    fs = MemoryFileSystem(files={"/a": b"x"}, home_dir="/h")
    assert fs == MemoryFileSystem({"/a": b"x"}, "/h") and fs.version("/a") == (hash(b"x"), 1)
    with pytest.raises(TypeError):
        hash(clock)


def test_kind_and_field_values() -> None:
    assert Kind("bool", BOOL.convert) == BOOL and hash(Kind("str", STR.convert)) == hash(STR)
    field = FIELDS["region"]
    twin = Field(field.name, field.env_vars, field.profile_keys, field.kind, field.default,
                 field.validator, field.choices, field.defaults_mode, field.doc)
    assert twin == field and hash(twin) == hash(field)
    assert repr(field).startswith("Field(name='region', env_vars=('AWS_REGION', ")
    assert FIELDS["s3.use_arn_region"].section == "s3" and FIELDS["s3.use_arn_region"].key == "use_arn_region"
    with pytest.raises(AttributeError):
        field.default = "x"  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(field)) == field


def test_resolved_value() -> None:
    found = Resolved("eu-west-1", "env:AWS_REGION")
    assert found == Resolved("eu-west-1", "env:AWS_REGION") != Resolved("eu-west-1", "explicit")
    assert {found: 1}[Resolved("eu-west-1", "env:AWS_REGION")] == 1
    assert repr(found) == "Resolved(value='eu-west-1', source='env:AWS_REGION')"
    with pytest.raises(AttributeError):
        found.value = "x"  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(found)) == found and copy.deepcopy(found) == found


def test_read_only_credentials_is_a_named_tuple_hiding_secrets() -> None:
    frozen = ReadOnlyCredentials("AKID", "SECRET-KEY", "TOKEN-VALUE", "123")
    assert frozen == ("AKID", "SECRET-KEY", "TOKEN-VALUE", "123") and isinstance(frozen, tuple)
    access_key, secret_key, token, account_id = frozen
    assert (frozen.access_key, frozen.secret_key, frozen.token, frozen.account_id) == (
        access_key, secret_key, token, account_id)
    assert "SECRET-KEY" not in repr(frozen) and "TOKEN-VALUE" not in repr(frozen)
    assert ReadOnlyCredentials._fields == ("access_key", "secret_key", "token", "account_id")
    assert frozen._replace(token=None) == ("AKID", "SECRET-KEY", None, "123")
    assert frozen._asdict()["account_id"] == "123"
    with pytest.raises(ValueError, match="unexpected field"):
        frozen._replace(nope=1)
    with pytest.raises(AttributeError):
        frozen.token = "x"  # type: ignore[misc]
    back = pickle.loads(pickle.dumps(frozen))
    assert type(back) is ReadOnlyCredentials and back == frozen
    assert hash(frozen) == hash(tuple(frozen))


def test_refresh_result_value_hides_secrets() -> None:
    result = RefreshResult("AKID", "SECRET-KEY", "TOKEN-VALUE", 1.5e9)
    assert result == RefreshResult("AKID", "SECRET-KEY", "TOKEN-VALUE", 1.5e9, None)
    assert result != RefreshResult("AKID", "SECRET-KEY", "TOKEN-VALUE", 1.5e9, "123")
    text = repr(result)
    assert "SECRET-KEY" not in text and "TOKEN-VALUE" not in text and "AKID" in text
    with pytest.raises(AttributeError):
        result.token = None  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(result)) == result


def test_refresh_decision_constants() -> None:
    assert RefreshDecision.FRESH.value == "fresh" and RefreshDecision.MANDATORY.name == "MANDATORY"
    assert repr(RefreshDecision.ADVISORY) == "<RefreshDecision.ADVISORY: 'advisory'>"
    assert pickle.loads(pickle.dumps(RefreshDecision.ADVISORY)) is RefreshDecision.ADVISORY
    assert copy.deepcopy(RefreshDecision.FRESH) is RefreshDecision.FRESH


def test_retry_values() -> None:
    decision = RetryDecision(retry=True, delay=0.5)
    assert decision == RetryDecision(True, 0.5, False, False, False) != RetryDecision(retry=False)
    assert repr(decision) == ("RetryDecision(retry=True, delay=0.5, max_attempts_reached=False, "
                              "quota_reached=False, checksum_error=False)")
    with pytest.raises(AttributeError):
        decision.retry = False  # type: ignore[misc]
    rules = LegacyRules(5, None, 2.0, (_Condition(status=500), _Condition(socket=True)))
    assert rules == LegacyRules(5, None, 2.0, (_Condition(500), _Condition(socket=True)))
    assert rules != LegacyRules(5, 1.0, 2.0, ())


def test_os_environ_view_reads_live_and_hides_values(monkeypatch: pytest.MonkeyPatch) -> None:
    view = Environment.from_os().env
    monkeypatch.setenv("AWSESSION_TEST_VIEW", "caf\u00e9-secret")
    assert view.get("AWSESSION_TEST_VIEW") == "caf\u00e9-secret" == view["AWSESSION_TEST_VIEW"]
    assert "AWSESSION_TEST_VIEW" in view and "caf" not in repr(view)
    assert dict(view) == dict(os.environ) and len(view) == len(os.environ)
    monkeypatch.delenv("AWSESSION_TEST_VIEW")
    assert view.get("AWSESSION_TEST_VIEW") is None and "AWSESSION_TEST_VIEW" not in view
    assert view.get("AWSESSION_TEST_VIEW", "fallback") == "fallback"
    with pytest.raises(KeyError):
        view["AWSESSION_TEST_VIEW"]
    assert view == os.environ


def test_os_environ_view_falls_back_where_environ_is_replaced(
        monkeypatch: pytest.MonkeyPatch) -> None:
    replaced = {"AWS_REGION": "eu-west-1"}
    monkeypatch.setattr(os, "environ", replaced)
    assert OsEnviron.of_process() is replaced
