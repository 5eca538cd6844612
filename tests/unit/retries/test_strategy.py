"""Retry decisions in the three modes, with random pinned and a fake clock (reference §5)."""

from __future__ import annotations

import json

import pytest

from awsession.model.loader import default_loader
from awsession.retries.adaptive import RateLimiter
from awsession.retries.outcome import Outcome
from awsession.retries.quota import RetryQuota
from awsession.retries.standard import THROTTLING_CODES
from awsession.retries.strategy import build_retry_strategy

RETRY_DATA = default_loader().load("_retry")


def strategy(mode: str, service: str = "s3", max_attempts: int | None = None, random: float = 0.5):
    return build_retry_strategy(mode=mode, max_attempts=max_attempts, service=service,
                                endpoint_prefix=service, retry_data=RETRY_DATA,
                                random=lambda: random, clock=lambda: 1000.0)


def run(strat, outcomes):
    call = strat.start()
    decisions = []
    for outcome in outcomes:
        d = call.decide(outcome)
        decisions.append(d)
        if not d.retry:
            break
    return decisions


ERROR_500 = Outcome(status_code=500, error_code="InternalError")
OK = Outcome(status_code=200)


@pytest.mark.parametrize(("mode", "expected_attempts"), [("legacy", 5), ("standard", 3), ("adaptive", 3)])
def test_default_attempt_counts(mode, expected_attempts):
    decisions = run(strategy(mode), [ERROR_500] * 10)
    assert len(decisions) == expected_attempts
    assert decisions[-1].max_attempts_reached
    assert all(d.retry for d in decisions[:-1])


def test_dynamodb_legacy_has_ten_attempts_and_fixed_base():
    decisions = run(strategy("legacy", service="dynamodb"), [ERROR_500] * 20)
    assert len(decisions) == 10
    assert [d.delay for d in decisions[:4]] == [0.05, 0.1, 0.2, 0.4]


def test_legacy_delays_grow_without_cap():
    decisions = run(strategy("legacy", max_attempts=12), [ERROR_500] * 12)
    assert [d.delay for d in decisions[:-1]] == [0.5 * 2 ** n for n in range(11)]


def test_standard_delays_cap_at_twenty_seconds():
    decisions = run(strategy("standard", max_attempts=10, random=1.0), [ERROR_500] * 10)
    assert [d.delay for d in decisions[:-1]] == [1, 2, 4, 8, 16, 20, 20, 20, 20]


@pytest.mark.parametrize("code", sorted(THROTTLING_CODES))
def test_standard_retries_every_throttling_code(code):
    assert strategy("standard").start().decide(Outcome(status_code=400, error_code=code)).retry


def test_legacy_needs_status_and_code_together():
    s = strategy("legacy", service="ec2")
    assert s.start().decide(Outcome(status_code=503, error_code="RequestLimitExceeded")).retry
    assert not s.start().decide(Outcome(status_code=400, error_code="RequestLimitExceeded")).retry
    assert not s.start().decide(Outcome(status_code=400, error_code="SlowDown")).retry


@pytest.mark.parametrize("mode", ["legacy", "standard"])
def test_connection_errors_retry(mode):
    assert strategy(mode).start().decide(Outcome(connection_error=True, socket_error=True)).retry


def test_non_retryable_client_error_stops_at_once():
    d = strategy("standard").start().decide(Outcome(status_code=400, error_code="ValidationError"))
    assert not d.retry and not d.max_attempts_reached


def test_modeled_retryable_and_special_cases():
    s = strategy("standard", service="sts")
    assert s.start().decide(Outcome(status_code=400, error_code="Custom", modeled_retryable=True)).retry
    assert s.start().decide(Outcome(status_code=400, error_code="IDPCommunicationError")).retry
    ddb = strategy("standard", service="dynamodb")
    assert ddb.start().decide(Outcome(status_code=200, crc32_mismatch=True)).retry


def test_quota_drains_and_refunds():
    s = strategy("standard", max_attempts=2)
    assert s.quota is not None
    for _ in range(100):
        run(s, [ERROR_500, ERROR_500])
    assert s.quota.available == 0
    assert not s.start().decide(ERROR_500).retry  # empty quota: no retry
    run(s, [OK])  # success without retry refunds 1
    assert s.quota.available == 1


def test_successful_retry_refunds_its_cost_and_timeouts_cost_ten():
    s = strategy("standard")
    run(s, [Outcome(connection_error=True, timeout=True), OK])
    assert s.quota.available == 500
    call = s.start()
    call.decide(Outcome(connection_error=True, timeout=True))
    assert s.quota.available == 490


def test_quota_is_capped():
    q = RetryQuota()
    q.release(50)
    assert q.available == 500


def test_rate_limiter_starts_disabled_and_throttling_enables_it():
    limiter = RateLimiter(now=0.0)
    assert limiter.acquire(0.0) == 0.0
    for i in range(20):
        limiter.update(now=i * 0.1, throttled=False)
    limiter.update(now=2.0, throttled=True)
    assert limiter.enabled
    assert limiter.fill_rate >= 0.5
    waits = [limiter.acquire(2.0) for _ in range(5)]
    assert any(w > 0 for w in waits)


def test_retry_data_is_botocores():
    import botocore

    path = f"{botocore.__path__[0]}/data/_retry.json"
    with open(path) as fh:
        assert json.load(fh) == RETRY_DATA
