"""Waiter decisions against botocore's own ``Waiter`` on scripted responses.

Both waiters poll a script of responses (a dict, or a ``ClientError`` to raise); sleeping is
recorded, never done. Outcome, number of polls, sleeps, ``WaiterError`` text and ``last_response``
must all be equal.
"""

from __future__ import annotations

from typing import Any
from unittest import mock

import botocore.exceptions
import pytest
from botocore.waiter import SingleWaiterConfig
from botocore.waiter import Waiter as BotoWaiter

from awsession._client.waiter import Waiter, check_waiter_version
from awsession.exceptions import ClientError, WaiterConfigError, WaiterError
from awsession.waiters import WaiterSpec

CONFIG: dict[str, Any] = {
    "operation": "DescribeThings", "delay": 7, "maxAttempts": 4,
    "acceptors": [
        {"state": "success", "matcher": "pathAll", "argument": "Things[].State",
         "expected": "ready"},
        {"state": "failure", "matcher": "pathAny", "argument": "Things[].State",
         "expected": "broken"},
        {"state": "retry", "matcher": "error", "expected": "Throttled"},
        {"state": "success", "matcher": "path", "argument": "Count", "expected": 0},
        {"state": "retry", "matcher": "status", "expected": 202},
        {"state": "failure", "matcher": "error", "expected": "Gone"},
    ],
}
OK = {"ResponseMetadata": {"HTTPStatusCode": 200}}


def things(*states: str) -> dict[str, Any]:
    return {"Things": [{"State": s} for s in states], **OK}


def error(code: str, message: str = "msg") -> dict[str, Any]:
    return {"Error": {"Code": code, "Message": message},
            "ResponseMetadata": {"HTTPStatusCode": 400}}


SCRIPTS: dict[str, list[dict[str, Any]]] = {
    "success-after-retries": [things("pending"), things("ready", "pending"),
                              things("ready", "ready")],
    "terminal-failure": [things("pending"), things("ready", "broken")],
    "unmatched-error": [things("pending"), error("AccessDenied", "no way")],
    "error-without-message": [{"Error": {"Code": "Odd"}}],
    "retry-error-then-success": [error("Throttled"), {"Count": 0, **OK}],
    "failure-error": [error("Gone")],
    "max-attempts-never-matched": [things("pending")] * 4,
    "max-attempts-after-match-this-poll": [things("pending"), error("Throttled"),
                                           things(), error("Throttled")],
    "max-attempts-match-earlier-only": [error("Throttled"), things("pending"),
                                        things("pending"), things("pending")],
    "status-retry": [{"ResponseMetadata": {"HTTPStatusCode": 202}}, things("ready")],
    "empty-list-is-not-pathall": [things(), things("ready")],
}


def _script_method(script: list[dict[str, Any]], error_cls: type[Exception]) -> Any:
    calls: list[dict[str, Any]] = []

    def call(**kwargs: Any) -> dict[str, Any]:
        calls.append(kwargs)
        response = script[len(calls) - 1]
        if "Error" in response:
            raise error_cls(response, "DescribeThings")
        return response

    return call, calls


class ScriptClient:
    def __init__(self, script: list[dict[str, Any]]) -> None:
        self.method, self.calls = _script_method(script, ClientError)

    def _make_api_call(self, operation_name: str, params: dict[str, Any]) -> dict[str, Any]:
        assert operation_name == "DescribeThings"
        return self.method(**params)  # type: ignore[no-any-return]


def _run_ours(script: list[dict[str, Any]], **kwargs: Any) -> tuple[Any, list[Any], list[float]]:
    client = ScriptClient(script)
    sleeps: list[float] = []
    waiter = Waiter(client, WaiterSpec("ThingReady", CONFIG), sleep=sleeps.append)
    try:
        waiter.wait(Id="x", **kwargs)
        outcome: Any = "ok"
    except WaiterError as e:
        outcome = (str(e), e.last_response, e.kwargs)
    return outcome, client.calls, sleeps


def _run_botos(script: list[dict[str, Any]], **kwargs: Any) -> tuple[Any, list[Any], list[float]]:
    method, calls = _script_method(script, botocore.exceptions.ClientError)

    def normalized(**kw: Any) -> dict[str, Any]:
        try:
            return method(**kw)  # type: ignore[no-any-return]
        except botocore.exceptions.ClientError as e:
            return e.response

    waiter = BotoWaiter("ThingReady", SingleWaiterConfig(CONFIG), normalized)
    sleeps: list[float] = []
    with mock.patch("botocore.waiter.time.sleep", side_effect=sleeps.append):
        try:
            waiter.wait(Id="x", **kwargs)
            outcome: Any = "ok"
        except botocore.exceptions.WaiterError as e:
            outcome = (str(e), e.last_response, e.kwargs)
    return outcome, calls, sleeps


@pytest.mark.parametrize("name", SCRIPTS)
def test_waiter_matches_botocore(name: str) -> None:
    ours = _run_ours(SCRIPTS[name])
    assert ours == _run_botos(SCRIPTS[name])
    assert ours[1] == [{"Id": "x"}] * len(ours[1])


def test_waiter_config_overrides_delay_and_attempts() -> None:
    script = [things("pending")] * 3
    ours = _run_ours(script, WaiterConfig={"Delay": 0.01, "MaxAttempts": 2})
    assert ours == _run_botos(script, WaiterConfig={"Delay": 0.01, "MaxAttempts": 2})
    assert ours[2] == [0.01]
    assert ours[0][0] == "Waiter ThingReady failed: Max attempts exceeded"


def test_max_attempts_message_names_the_last_acceptor_like_botocore() -> None:
    outcome = _run_ours(SCRIPTS["max-attempts-match-earlier-only"])[0]
    assert outcome[0] == ("Waiter ThingReady failed: Max attempts exceeded. Previously accepted "
                          "state: Matched expected service error code: Gone")


def test_unknown_matcher_and_version_raise_waiter_config_error() -> None:
    bad = {**CONFIG, "acceptors": [{"state": "success", "matcher": "nope", "expected": 1}]}
    with pytest.raises(WaiterConfigError, match="Unknown acceptor: nope"):
        WaiterSpec("W", bad)
    with pytest.raises(WaiterConfigError, match="but version of waiter config is: 1"):
        check_waiter_version({"version": 1, "waiters": {}})


def test_acceptor_explanations_match_botocore() -> None:
    ours = [a.explanation for a in WaiterSpec("W", CONFIG).acceptors]
    assert ours == [a.explanation for a in SingleWaiterConfig(CONFIG).acceptors]
