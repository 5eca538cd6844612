"""The signing pass: every parity scenario against a moto server that checks SigV4 signatures.

moto reads ``INITIAL_NO_AUTH_ACTION_COUNT`` at import, so a second server is started with it set:
its first three requests (made by awsession itself) create an IAM user with an allow-all policy
and access keys; every later request must carry a signature moto can recompute with that user's
secret (moto recomputes it with botocore's signer over what it received), and must be allowed by
the user's policies. Each scenario then runs with boto3 and with awsession on that server, both
signing with the user's keys, and the normalized results must match. No reset happens on this
server (it would drop the user), which is why every scenario cleans up after itself.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.functional._moto import MotoProcess
from tests.functional._scenarios_normalize import Recorder, assert_same, run_scenario
from tests.functional._scenarios_s3 import SCENARIOS as S3_SCENARIOS
from tests.functional._scenarios_services import SCENARIOS as SERVICE_SCENARIOS
from tests.functional._scenarios_sqs_query import sqs_query, write_query_model

ALL_SCENARIOS: dict[str, Callable[[Recorder, Any], None]] = {**S3_SCENARIOS, **SERVICE_SCENARIOS}
_ALLOW_ALL = json.dumps({"Version": "2012-10-17",
                         "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})


class AuthServer:
    def __init__(self) -> None:
        self.process = MotoProcess(extra_env={"INITIAL_NO_AUTH_ACTION_COUNT": "3"})
        self.url = self.process.url
        import awsession

        iam = awsession.Session(aws_access_key_id="bootstrap", aws_secret_access_key="bootstrap",
                                region_name="us-east-1").client("iam", endpoint_url=self.url)
        iam.create_user(UserName="signer")  # unauthenticated request 1 of 3
        iam.put_user_policy(UserName="signer", PolicyName="all",  # 2 of 3
                            PolicyDocument=_ALLOW_ALL)
        key = iam.create_access_key(UserName="signer")["AccessKey"]  # 3 of 3
        self.key, self.secret = key["AccessKeyId"], key["SecretAccessKey"]


@pytest.fixture(scope="module")
def auth_server() -> Iterator[AuthServer]:
    server = AuthServer()
    try:
        yield server
    finally:
        server.process.stop()


def _run_signed(scenario: Callable[[Recorder, Any], None], server: AuthServer, tmp: Path) -> None:
    reference = run_scenario(scenario, "boto3", server.url, tmp, key=server.key,
                             secret=server.secret)
    candidate = run_scenario(scenario, "awsession", server.url, tmp, key=server.key,
                             secret=server.secret)
    _assert_no_auth_failures(candidate)
    assert_same(reference, candidate)


def _assert_no_auth_failures(rec: Recorder) -> None:
    for label, outcome in rec.steps:
        if isinstance(outcome, dict) and "response" in outcome:
            code = outcome["response"].get("Error", {}).get("Code", "")
            assert code not in {"SignatureDoesNotMatch", "AuthFailure", "InvalidClientTokenId",
                                "AccessDenied", "IncompleteSignature", "InvalidAccessKeyId",
                                "UnrecognizedClientException"}, (label, outcome)


@pytest.mark.parametrize("name", sorted(ALL_SCENARIOS))
def test_scenario_signed_by_awsession_is_accepted(name: str, auth_server: AuthServer,
                                                  tmp_path: Path) -> None:
    _run_signed(ALL_SCENARIOS[name], auth_server, tmp_path)


def test_sqs_query_protocol_signed(auth_server: AuthServer, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_DATA_PATH", str(write_query_model(tmp_path / "models")))
    _run_signed(sqs_query, auth_server, tmp_path)


def test_signature_really_is_checked(auth_server: AuthServer) -> None:
    import awsession

    session = awsession.Session(aws_access_key_id=auth_server.key,
                                aws_secret_access_key="not-the-secret", region_name="us-east-1")
    s3 = session.client("s3", endpoint_url=auth_server.url)
    with pytest.raises(s3.exceptions.ClientError) as caught:
        s3.list_buckets()
    assert caught.value.response["Error"]["Code"] == "SignatureDoesNotMatch"


def _wrong_secret(rec: Recorder, tmp: Any) -> None:
    rec.call("s3", rec.client("s3").list_buckets)
    rec.call("s3 put", rec.client("s3").put_object, Bucket="whatever", Key="k", Body=b"x")
    rec.call("sqs json", rec.client("sqs").list_queues)
    rec.call("ec2 query", rec.client("ec2").describe_regions)
    rec.call("iam query", rec.client("iam").list_users)
    rec.call("sts", rec.client("sts").get_caller_identity)
    rec.call("dynamodb", rec.client("dynamodb").list_tables)
    rec.call("lambda rest-json", rec.client("lambda").list_functions)


def test_wrong_secret_gives_the_same_errors_as_boto3(auth_server: AuthServer,
                                                     tmp_path: Path) -> None:
    kwargs = {"key": auth_server.key, "secret": "wrong-secret"}
    reference = run_scenario(_wrong_secret, "boto3", auth_server.url, tmp_path, **kwargs)
    candidate = run_scenario(_wrong_secret, "awsession", auth_server.url, tmp_path, **kwargs)
    assert_same(reference, candidate)
    codes = [outcome["response"]["Error"]["Code"] for _, outcome in candidate.steps]
    assert "SignatureDoesNotMatch" in codes and "AuthFailure" in codes  # not vacuous


def test_unknown_access_key_gives_the_same_errors_as_boto3(auth_server: AuthServer,
                                                           tmp_path: Path) -> None:
    kwargs = {"key": "AKIAUNKNOWNUNKNOWN12", "secret": "whatever"}
    reference = run_scenario(_wrong_secret, "boto3", auth_server.url, tmp_path, **kwargs)
    candidate = run_scenario(_wrong_secret, "awsession", auth_server.url, tmp_path, **kwargs)
    assert_same(reference, candidate)
