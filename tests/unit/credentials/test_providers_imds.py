"""``iam-role``: IMDSv2 token, v1 fallback rules, settings, retries, static stability, refresh."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from awsession._core.effects import Effect, Send
from awsession._core.env import FixedClock
from awsession._core.http import HttpRequest, HttpResponse
from awsession.credentials.providers.imds import InstanceMetadataProvider
from awsession.credentials.types import CredentialsNotLoaded, RefreshableCredentials
from awsession.exceptions import (
    CredentialRetrievalError,
    EndpointConnectionError,
    InvalidIMDSEndpointError,
    MetadataRetrievalError,
    ReadTimeoutError,
)
from tests.unit.credentials.helpers import context
from tests.unit.credentials.runner_fakes import ScriptedRunner, response, with_runner

NOW = FixedClock().now
ROLE = "latest/meta-data/iam/security-credentials/"
CREDS = {"Code": "Success", "AccessKeyId": "AKIMDS", "SecretAccessKey": "imds-secret",
         "Token": "tok", "Expiration": "2015-08-30T18:36:00Z"}  # six hours after NOW
LOCAL = {"AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:1338"}

Answer = Callable[[HttpRequest], "HttpResponse | Exception"]


def _server(token: Answer | None = None, role: list[Any] | None = None,
            creds: list[Any] | None = None) -> Callable[[Effect], HttpResponse]:
    roles = list(role or [response(200, "my-role")])
    bodies = list(creds or [response(200, json.dumps(CREDS))])

    def handle(effect: Effect) -> HttpResponse:
        assert isinstance(effect, Send)
        request = effect.request
        if request.method == "PUT":
            answer: Any = token(request) if token else response(200, "TOKEN")
        elif request.url.endswith(ROLE):
            answer = roles.pop(0) if len(roles) > 1 else roles[0]
        else:
            answer = bodies.pop(0) if len(bodies) > 1 else bodies[0]
        if isinstance(answer, Exception):
            raise answer
        return answer  # type: ignore[no-any-return]

    return handle


def _load(handler: Callable[[Effect], Any], env: dict[str, str] | None = None,
          config: str | None = None) -> tuple[Any, ScriptedRunner]:
    runner = ScriptedRunner(handler)
    ctx = with_runner(context({**LOCAL, **(env or {})}, config=config), runner)
    return InstanceMetadataProvider().load(ctx), runner


def test_disabled_means_no_request() -> None:
    runner = ScriptedRunner(_server())
    with pytest.raises(CredentialsNotLoaded):
        InstanceMetadataProvider().load(with_runner(
            context({"AWS_EC2_METADATA_DISABLED": "TRUE", **LOCAL}), runner))
    assert runner.effects == []


def test_imdsv2_flow() -> None:
    creds, runner = _load(_server())
    put, role, cred = (e.request for e in runner.of(Send))
    assert (put.method, put.url) == ("PUT", "http://127.0.0.1:1338/latest/api/token")
    assert put.headers == {"x-aws-ec2-metadata-token-ttl-seconds": "21600"}
    assert (role.method, role.url) == ("GET", "http://127.0.0.1:1338/" + ROLE)
    assert role.headers == {"x-aws-ec2-metadata-token": "TOKEN"}
    assert cred.url == "http://127.0.0.1:1338/" + ROLE + "my-role"
    assert isinstance(creds, RefreshableCredentials) and creds.method == "iam-role"
    assert creds.get_frozen_credentials() == ("AKIMDS", "imds-secret", "tok", None)
    assert runner.timeouts == [1.0]


@pytest.mark.parametrize("answer", [response(403), response(404), response(405),
                                    ReadTimeoutError(endpoint_url="x")])
def test_falls_back_to_imdsv1(answer: Any) -> None:
    creds, runner = _load(_server(token=lambda r: answer))
    assert creds.access_key == "AKIMDS"
    assert all("x-aws-ec2-metadata-token" not in e.request.headers for e in runner.of(Send)[1:])


def test_v1_disabled_and_bad_request() -> None:
    with pytest.raises(MetadataRetrievalError, match="IMDSv1 has been disabled"):
        _load(_server(token=lambda r: response(404)), {"AWS_EC2_METADATA_V1_DISABLED": "true"})
    with pytest.raises(CredentialsNotLoaded):
        _load(_server(token=lambda r: response(400)))


def test_settings_attempts_timeout_and_retries() -> None:
    env = {"AWS_METADATA_SERVICE_NUM_ATTEMPTS": "3", "AWS_METADATA_SERVICE_TIMEOUT": "4"}
    failing = EndpointConnectionError(endpoint_url="x")
    creds, runner = _load(_server(role=[response(500), failing, response(200, "my-role")],
                                  creds=[response(200, "{not json"), response(200, json.dumps(CREDS))]),
                          env)
    assert creds.access_key == "AKIMDS" and runner.timeouts == [4.0]
    assert len(runner.of(Send)) == 1 + 3 + 2
    with pytest.raises(CredentialsNotLoaded):  # one attempt (default) and it fails
        _load(_server(role=[response(500)]))
    with pytest.raises(CredentialsNotLoaded):  # 200 with an error document
        _load(_server(creds=[response(200, json.dumps({"Code": "AssumeRoleUnauthorizedAccess",
                                                       "Message": "no"}))]))


def test_endpoint_selection() -> None:
    def base(env: dict[str, str], config: str | None = None) -> str:
        runner = ScriptedRunner(_server())
        InstanceMetadataProvider().load(with_runner(context(env, config=config), runner))
        return runner.of(Send)[0].request.url.removesuffix("latest/api/token")

    assert base({}) == "http://169.254.169.254/"
    assert base({"AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE": "IPv6"}) == "http://[fd00:ec2::254]/"
    assert base({}, "[default]\nimds_use_ipv6 = true\n") == "http://[fd00:ec2::254]/"
    assert base({"AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE": "ipv6",
                 **LOCAL}) == "http://127.0.0.1:1338/"
    with pytest.raises(InvalidIMDSEndpointError):
        base({"AWS_EC2_METADATA_SERVICE_ENDPOINT": "not a url"})


def test_static_stability_extends_nearly_expired_credentials() -> None:
    stale = {**CREDS, "Expiration": "2015-08-30T12:30:00Z"}  # already expired
    creds, _ = _load(_server(creds=[response(200, json.dumps(stale))]))
    # random() == 0.5: 15 minutes + 120 + 240 seconds of jitter
    assert creds.expiry_time == NOW + 15 * 60 + 360
    assert creds.access_key == "AKIMDS"  # usable: IMDS said so, and it may be down


def test_refresh_fetches_again_and_failure_is_raised_when_mandatory() -> None:
    fresh = {**CREDS, "AccessKeyId": "AKNEXT", "Expiration": "2015-08-31T00:00:00Z"}
    bodies = [response(200, json.dumps(CREDS)), response(200, json.dumps(fresh))]
    creds, _ = _load(_server(creds=bodies))
    clock = creds._clock
    assert isinstance(clock, FixedClock)
    clock.advance(6 * 3600 - 5 * 60)
    assert creds.access_key == "AKNEXT"

    def down(effect: Effect) -> HttpResponse:
        raise EndpointConnectionError(endpoint_url="x")

    creds2, runner2 = _load(_server(creds=[response(200, json.dumps(CREDS))]))
    runner2.handler = down
    creds2._clock.advance(6 * 3600 - 5 * 60)
    with pytest.raises(CredentialRetrievalError, match="iam-role"):
        creds2.get_frozen_credentials()
