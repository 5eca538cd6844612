"""``container-role``: URL rules, the auth header, attempts and timeouts, refresh."""

from __future__ import annotations

import json
from typing import Any

import pytest

from awsession._core.effects import Effect, Send, Sleep
from awsession._core.env import FixedClock, MemoryFileSystem
from awsession._core.http import HttpResponse
from awsession.credentials.chain import ProviderContext
from awsession.credentials.providers.container import ContainerProvider, validate_full_uri
from awsession.credentials.types import CredentialsNotLoaded, RefreshableCredentials
from awsession.exceptions import ConnectTimeoutError, CredentialRetrievalError
from tests.unit.credentials.helpers import context
from tests.unit.credentials.runner_fakes import ScriptedRunner, response, with_runner

BODY = json.dumps({"AccessKeyId": "AKECS", "SecretAccessKey": "ecs-secret", "Token": "tok",
                   "Expiration": "2015-08-30T13:36:00Z", "AccountId": "555555555555"})


def _load(env: dict[str, str], *answers: Any, files: dict[str, str] | None = None,
          ) -> tuple[Any, ScriptedRunner, ProviderContext]:
    queue = list(answers)

    def handle(effect: Effect) -> HttpResponse | None:
        if isinstance(effect, Sleep):
            return None
        answer = queue.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer  # type: ignore[no-any-return]

    runner = ScriptedRunner(handle)
    ctx = with_runner(context(env, files=files), runner)
    return ContainerProvider().load(ctx), runner, ctx


def test_relative_uri_request_and_result() -> None:
    creds, runner, _ = _load({"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/creds?id=1"},
                          response(200, BODY))
    (send,) = runner.of(Send)
    assert send.request.method == "GET"
    assert send.request.url == "http://169.254.170.2/v2/creds?id=1"
    assert send.request.headers == {"Accept": "application/json"}
    assert runner.timeouts == [2.0]
    assert isinstance(creds, RefreshableCredentials)
    assert creds.get_frozen_credentials() == ("AKECS", "ecs-secret", "tok", "555555555555")
    assert creds.method == "container-role"


@pytest.mark.parametrize("url", ["https://example.com/creds", "http://127.0.0.1:9/x",
                                 "http://127.0.0.2/x", "http://[::1]:80/x",
                                 "http://169.254.170.23/v1", "http://[fd00:ec2::23]/v1",
                                 "http://localhost:8080/c", "http://169.254.170.2/c"])
def test_allowed_full_uris(url: str) -> None:
    validate_full_uri(url)


@pytest.mark.parametrize("url", ["http://example.com/creds", "http://10.0.0.1/x",
                                 "http://169.254.169.254/latest"])
def test_refused_full_uris(url: str) -> None:
    with pytest.raises(ValueError, match="Unsupported host"):
        validate_full_uri(url)
    with pytest.raises(ValueError, match="Unsupported host"):
        _load({"AWS_CONTAINER_CREDENTIALS_FULL_URI": url})


def test_auth_token_file_wins_and_is_read_for_each_fetch() -> None:
    env = {"AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1:7/c",
           "AWS_CONTAINER_AUTHORIZATION_TOKEN": "from-env",
           "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": "/run/token"}
    later = json.dumps({**json.loads(BODY), "AccessKeyId": "AKNEW",
                        "Expiration": "2015-08-30T15:00:00Z"})
    creds, runner, ctx = _load(env, response(200, BODY), response(200, later),
                               files={"/run/token": "file-1"})
    assert runner.of(Send)[0].request.headers["Authorization"] == "file-1"
    fs, clock = ctx.env.fs, ctx.env.clock
    assert isinstance(fs, MemoryFileSystem) and isinstance(clock, FixedClock)
    fs.files["/run/token"] = b"file-2"
    clock.advance(55 * 60)
    assert creds.access_key == "AKNEW"
    assert runner.of(Send)[1].request.headers["Authorization"] == "file-2"


def test_env_token_and_bad_tokens() -> None:
    env = {"AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://localhost/c",
           "AWS_CONTAINER_AUTHORIZATION_TOKEN": "Bearer abc"}
    _, runner, _ = _load(env, response(200, BODY))
    assert runner.of(Send)[0].request.headers["Authorization"] == "Bearer abc"
    with pytest.raises(ValueError, match="Auth token value is not a legal header value"):
        _load({**env, "AWS_CONTAINER_AUTHORIZATION_TOKEN": "abc\r\nX-Evil: 1"})


def test_three_attempts_one_second_apart() -> None:
    env = {"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/c"}
    creds, runner, _ = _load(env, response(500, "busy"),
                          ConnectTimeoutError(endpoint_url="http://169.254.170.2/c"),
                          response(200, BODY))
    assert creds.access_key == "AKECS"
    assert [type(e).__name__ for e in runner.effects] == ["Send", "Sleep", "Send", "Sleep",
                                                          "Send"]
    assert {e.seconds for e in runner.of(Sleep)} == {1.0}
    with pytest.raises(CredentialRetrievalError, match="Unable to parse JSON returned from container metadata"):
        _load(env, response(200, "<html>"), response(200, "<html>"), response(200, "<html>"))
    with pytest.raises(CredentialRetrievalError, match="Received non 200 response 404"):
        _load(env, response(404), response(404), response(404))


def test_missing_key_and_not_configured() -> None:
    with pytest.raises(CredentialRetrievalError, match="Missing required key in response: 'Token'"):
        _load({"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/c"},
              response(200, json.dumps({"AccessKeyId": "A", "SecretAccessKey": "S",
                                        "Expiration": "2015-08-30T13:36:00Z"})))
    with pytest.raises(CredentialsNotLoaded):
        _load({})
