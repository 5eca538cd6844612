"""Clock-skew correction (beyond boto3) and the 2026 retry behaviour, against the fault server.

Skew: an auth error blaming the request time, with a server ``Date`` more than four minutes from
our clock, records the offset on the client and re-signs once; later calls sign with it from the
start. The 2026 behaviour (``AWS_NEW_RETRIES_2026``) is read by botocore at import time, so it is
checked against reference §5's numbers rather than side by side.
"""

from __future__ import annotations

import email.utils
import random
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

import pytest

import awsession
from awsession.config.client_config import Config
from tests.functional._faults import FaultServer, Reply

pytestmark = [pytest.mark.functional, pytest.mark.timeout(60)]

STS_OK = (b"<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>a</Arn><UserId>U</UserId>"
          b"<Account>1</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>ok"
          b"</RequestId></ResponseMetadata></GetCallerIdentityResponse>")
XML = {"Content-Type": "text/xml"}


def _error(code: str) -> bytes:
    return (f"<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>Signature "
            f"expired</Message></Error><RequestId>r</RequestId></ErrorResponse>").encode()


def _date(offset: float) -> str:
    return email.utils.formatdate(time.time() + offset, usegmt=True)


@pytest.fixture
def server() -> Iterator[FaultServer]:
    srv = FaultServer()
    yield srv
    srv.close()


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    import os

    for name in list(os.environ):
        if name.startswith("AWS_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "credentials"))


def _client(url: str, **config: Any) -> Any:
    session = awsession.Session(aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret",
                                region_name="us-east-1")
    return session.client("sts", endpoint_url=url, config=Config(**config))


def _signed_at(headers: dict[str, str]) -> float:
    stamp = datetime.strptime(headers["x-amz-date"], "%Y%m%dT%H%M%SZ")
    return stamp.replace(tzinfo=timezone.utc).timestamp()


@pytest.mark.parametrize("code", ["SignatureDoesNotMatch", "InvalidSignatureException",
                                  "RequestTimeTooSkewed", "RequestExpired"])
def test_skewed_server_clock_is_learnt_and_request_resigned(server: FaultServer, code: str) -> None:
    server.set_script(Reply(403, _error(code), {**XML, "Date": _date(3600)}),
                      Reply(200, STS_OK, XML))
    client = _client(server.url)
    result = client.get_caller_identity()
    assert result["ResponseMetadata"]["RetryAttempts"] == 1
    first, second = server.received
    assert abs(_signed_at(first.headers) - time.time()) < 60
    assert abs(_signed_at(second.headers) - time.time() - 3600) < 60
    assert second.headers["amz-sdk-request"].endswith("; attempt=2; max=5")
    assert abs(client._ctx.clock_skew[0] - 3600) < 60
    server.set_script(Reply(200, STS_OK, XML))
    client.get_caller_identity()
    assert abs(_signed_at(server.received[0].headers) - time.time() - 3600) < 60


def test_small_skew_is_not_corrected(server: FaultServer) -> None:
    server.set_script(Reply(403, _error("SignatureDoesNotMatch"), {**XML, "Date": _date(120)}))
    client = _client(server.url)
    with pytest.raises(client.exceptions.ClientError) as caught:
        client.get_caller_identity()
    assert caught.value.response["Error"]["Code"] == "SignatureDoesNotMatch"
    assert len(server.received) == 1
    assert client._ctx.clock_skew[0] == 0.0


def test_skew_correction_happens_once_per_call(server: FaultServer) -> None:
    server.set_script(Reply(403, _error("SignatureDoesNotMatch"), {**XML, "Date": _date(3600)}),
                      Reply(403, _error("SignatureDoesNotMatch"), {**XML, "Date": _date(-3600)}))
    client = _client(server.url)
    with pytest.raises(client.exceptions.ClientError):
        client.get_caller_identity()
    assert len(server.received) == 2


def test_other_errors_with_skewed_date_are_not_retried(server: FaultServer) -> None:
    server.set_script(Reply(403, _error("AccessDenied"), {**XML, "Date": _date(3600)}))
    client = _client(server.url)
    with pytest.raises(client.exceptions.ClientError):
        client.get_caller_identity()
    assert len(server.received) == 1


def test_retry_ttl_comes_from_the_date_header(server: FaultServer,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(time, "sleep", lambda s: None)
    date = "Sun, 01 Mar 2026 10:00:00 GMT"
    server.set_script(Reply(500, _error("InternalError"), {**XML, "Date": date}),
                      Reply(200, STS_OK, XML))
    _client(server.url, read_timeout=30).get_caller_identity()
    assert server.received[1].headers["amz-sdk-request"] == (
        "ttl=20260301T100030Z; attempt=2; max=5")


def test_new_retries_2026_behaviour(server: FaultServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_NEW_RETRIES_2026", "true")
    sleeps: list[float] = []
    monkeypatch.setattr(time, "sleep", sleeps.append)
    random.seed(99)
    draws = [random.random(), random.random()]
    random.seed(99)
    server.set_script(Reply(500, _error("InternalError"), {**XML, "x-amz-retry-after": "1500"}),
                      Reply(400, _error("Throttling"), XML), Reply(200, STS_OK, XML))
    session = awsession.Session(aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret",
                                region_name="us-east-1")
    client = session.client("sts", endpoint_url=server.url)  # mode defaults to standard
    assert client.get_caller_identity()["ResponseMetadata"]["RetryAttempts"] == 2
    # 500: random * 0.05 s, raised to the 1.5 s retry-after; throttling: random * 1 s * 2.
    assert sleeps == [1.5, pytest.approx(draws[1] * 2)]
    assert client._ctx.retry.quota.available == 500 - 14 - 5 + 5
    ddb = session.client("dynamodb", endpoint_url=server.url)
    assert ddb._ctx.retry.max_attempts == 4
