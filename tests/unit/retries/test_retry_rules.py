"""botocore 1.43 retry rules the first suite does not pin: metadata flags, the 2026 behaviour,
legacy's narrower socket errors and CRC32 ending, and the adaptive limiter step by step against
botocore's own ``ClientRateLimiter`` driven by the same fake clock."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from awsession.model.loader import default_loader
from awsession.retries.adaptive import RateLimiter
from awsession.retries.outcome import Outcome
from awsession.retries.strategy import build_retry_strategy

RETRY_DATA = default_loader().load("_retry")
OK = Outcome(status_code=200)
E500 = Outcome(status_code=500, error_code="InternalError")
THROTTLE = Outcome(status_code=400, error_code="Throttling")


def make(mode="standard", service="s3", service_id=None, max_attempts=None, new=False, rand=0.5):
    return build_retry_strategy(mode=mode, max_attempts=max_attempts, service=service,
                                endpoint_prefix=service, retry_data=RETRY_DATA,
                                random=lambda: rand, clock=lambda: 100.0,
                                service_id=service_id, new_retries=new)


def test_standard_flags_any_response_on_the_last_attempt():
    call = make(max_attempts=1).start()
    assert call.decide(OK).max_attempts_reached
    call = make().start()
    call.decide(E500)
    call.decide(E500)
    assert call.decide(OK).max_attempts_reached


def test_legacy_flags_max_attempts_only_for_retryable_responses():
    call = make("legacy", max_attempts=1).start()
    assert not call.decide(OK).max_attempts_reached
    assert make("legacy", max_attempts=1).start().decide(E500).max_attempts_reached
    socket = Outcome(connection_error=True, socket_error=True)
    assert not make("legacy", max_attempts=1).start().decide(socket).max_attempts_reached


def test_legacy_does_not_retry_plain_http_client_errors():
    assert not make("legacy").start().decide(Outcome(connection_error=True)).retry
    assert make("standard").start().decide(Outcome(connection_error=True)).retry


def test_legacy_crc32_mismatch_on_last_attempt_is_a_checksum_error():
    s = make("legacy", service="dynamodb", max_attempts=2)
    call = s.start()
    bad = Outcome(status_code=200, crc32_mismatch=True)
    assert call.decide(bad).retry
    last = call.decide(bad)
    assert not last.retry and last.checksum_error


def test_empty_quota_is_reported():
    s = make(max_attempts=200)
    s.quota._available = 4
    d = s.start().decide(E500)
    assert not d.retry and d.quota_reached and not d.max_attempts_reached


def test_quota_refund_only_for_2xx_endings():
    s = make()
    call = s.start()
    call.decide(E500)
    call.decide(Outcome(status_code=400, error_code="Nope"))
    assert s.quota.available == 495
    call = s.start()
    call.decide(E500)
    call.decide(OK)
    assert s.quota.available == 495


def test_unknown_mode_never_retries():
    s = make("bogus")
    assert s.max_attempts == 1 and not s.start().decide(E500).retry


def test_new_retries_defaults_and_costs():
    assert make(new=True, service="dynamodb", service_id="dynamodb").max_attempts == 4
    assert make(new=True, service="dynamodbstreams",
                service_id="dynamodb-streams").max_attempts == 4
    assert make(new=True).max_attempts == 3
    assert make(service="dynamodb", service_id="dynamodb").max_attempts == 3
    s = make(new=True)
    s.start().decide(E500)
    assert s.quota.available == 500 - 14
    s.start().decide(THROTTLE)
    assert s.quota.available == 500 - 14 - 5
    s = make()
    s.start().decide(Outcome(connection_error=True, timeout=True))
    assert s.quota.available == 490


@pytest.mark.parametrize(("outcome", "service_id", "expected"), [
    (E500, "s3", [0.025, 0.05, 0.1]),
    (E500, "dynamodb", [0.0125, 0.025, 0.05]),
    (THROTTLE, "s3", [0.5, 1.0, 2.0]),
])
def test_new_retries_delay_scales(outcome, service_id, expected):
    call = make(new=True, service_id=service_id, max_attempts=4).start()
    assert [call.decide(outcome).delay for _ in range(3)] == expected


@pytest.mark.parametrize(("header", "expected"), [
    ("1500", 1.5), ("100000", 0.025 + 5), ("10", 0.025), ("-5", 0.025), ("x", 0.025)])
def test_new_retries_honours_retry_after(header, expected):
    call = make(new=True).start()
    outcome = Outcome(status_code=500, error_code="InternalError", retry_after=header)
    assert call.decide(outcome).delay == pytest.approx(expected)


def test_long_poll_waits_without_retrying_when_quota_is_empty():
    s = make(new=True, service="sqs", service_id="sqs")
    s.quota._available = 0
    d = s.start("ReceiveMessage").decide(E500)
    assert not d.retry and d.delay == 0.025 and d.quota_reached
    d = s.start("SendMessage").decide(E500)
    assert not d.retry and d.delay == 0.0
    old = make(service="sqs", service_id="sqs")
    old.quota._available = 0
    assert old.start("ReceiveMessage").decide(E500).delay == 0.0


def test_rate_limiter_starts_with_rate_one_and_no_token():
    limiter = RateLimiter(now=10.0)
    assert limiter.fill_rate == 1.0 and limiter.capacity == 0.0 and not limiter.enabled


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def current_time(self) -> float:
        return self.now


def _botocore_limiter(clock):
    from botocore.retries import adaptive, bucket, standard, throttling

    return adaptive.ClientRateLimiter(
        rate_adjustor=throttling.CubicCalculator(starting_max_rate=0, start_time=clock.now),
        rate_clocker=adaptive.RateClocker(clock),
        token_bucket=bucket.TokenBucket(max_rate=1, clock=clock),
        throttling_detector=standard.ThrottlingErrorDetector(standard.RetryEventAdapter()),
        clock=clock,
    )


def test_rate_limiter_follows_botocore_step_by_step():
    clock = _Clock()
    theirs = _botocore_limiter(clock)
    ours = RateLimiter(now=clock.now)
    events = [False] * 7 + [True] + [False] * 5 + [True, True] + [False] * 20
    for i, throttled in enumerate(events):
        clock.now += 0.13 + (i % 3) * 0.21
        code = "Throttling" if throttled else None
        parsed = {"Error": {"Code": code}} if code else {}
        theirs.on_receiving_response(
            response=(SimpleNamespace(status_code=400 if code else 200, headers={}), parsed),
            attempts=1, operation=None, caught_exception=None,
            request_dict={"context": {}})
        ours.update(clock.now, throttled)
        assert ours.enabled == theirs._enabled
        assert ours.fill_rate == pytest.approx(theirs._token_bucket.max_rate)
        assert ours.measured_rate == pytest.approx(theirs._rate_clocker.measured_rate)


def test_rate_limiter_wait_matches_botocore_bucket():
    from botocore.exceptions import CapacityNotAvailableError

    clock = _Clock()
    theirs = _botocore_limiter(clock)
    ours = RateLimiter(now=clock.now)
    throttled = {"Error": {"Code": "Throttling"}}
    for _ in range(3):
        clock.now += 0.6
        theirs.on_receiving_response(
            response=(SimpleNamespace(status_code=400, headers={}), throttled), attempts=1,
            operation=None, caught_exception=None, request_dict={"context": {}})
        ours.update(clock.now, True)
    granted = 0
    for _ in range(6):
        clock.now += 0.3
        wait = ours.acquire(clock.now)
        try:
            theirs._token_bucket.acquire(block=False)
            botocore_granted = True
        except CapacityNotAvailableError:
            botocore_granted = False
        assert (wait == 0.0) == botocore_granted
        granted += botocore_granted
    assert 0 < granted < 6
