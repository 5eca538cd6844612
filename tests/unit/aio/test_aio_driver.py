"""The async driver performs each effect a flow yields and answers like the sync driver."""

from __future__ import annotations

import asyncio
import sys
from typing import Any

import pytest

from awsession._client.aio_driver import run_async
from awsession._client.driver import run_sync
from awsession._core.effects import Flow, Invoke, Send, Sleep, Spawn, SpawnResult
from awsession._core.http import HttpRequest, HttpResponse
from awsession.exceptions import EndpointConnectionError

REQUEST = HttpRequest("GET", "http://127.0.0.1:1/", {})


class FakeAsyncTransport:
    def __init__(self, *answers: HttpResponse | Exception) -> None:
        self.answers = list(answers)
        self.sent: list[HttpRequest] = []

    async def send(self, request: HttpRequest) -> HttpResponse:
        self.sent.append(request)
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    async def close(self) -> None:
        pass


class FakeSyncTransport(FakeAsyncTransport):
    def send(self, request: HttpRequest) -> HttpResponse:  # type: ignore[override]
        return asyncio.run(super().send(request))


def retrying_flow(log: list[Any]) -> Flow[str]:
    """Send; on a transport error sleep and send again; return the status seen."""
    while True:
        try:
            response = yield Send(REQUEST)
        except EndpointConnectionError as error:
            log.append(("error", type(error).__name__))
            yield Sleep(0.25)
            continue
        return f"status {response.status_code}"


def test_send_errors_are_thrown_into_the_flow_and_sleep_is_awaited() -> None:
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    log: list[Any] = []
    transport = FakeAsyncTransport(EndpointConnectionError(endpoint_url="x"), HttpResponse(200, {}))
    result = asyncio.run(run_async(retrying_flow(log), transport, sleep=sleep))
    assert result == "status 200"
    assert log == [("error", "EndpointConnectionError")]
    assert slept == [0.25]
    assert len(transport.sent) == 2


def test_same_flow_same_answer_as_the_sync_driver() -> None:
    answers = (EndpointConnectionError(endpoint_url="x"), EndpointConnectionError(endpoint_url="x"),
               HttpResponse(503, {}))
    sync_log: list[Any] = []
    async_log: list[Any] = []
    sync_result = run_sync(retrying_flow(sync_log), FakeSyncTransport(*answers), sleep=lambda s: None)

    async def no_sleep(seconds: float) -> None:
        return None

    async_result = asyncio.run(run_async(retrying_flow(async_log), FakeAsyncTransport(*answers),
                                         sleep=no_sleep))
    assert async_result == sync_result == "status 503"
    assert async_log == sync_log


def test_spawn_runs_the_program_without_blocking() -> None:
    def flow() -> Flow[SpawnResult]:
        result = yield Spawn((sys.executable, "-c", "import sys; print('out'); sys.exit(3)"))
        return result  # type: ignore[no-any-return]

    result = asyncio.run(run_async(flow(), FakeAsyncTransport()))
    assert result.returncode == 3
    assert result.stdout.strip() == b"out"


def test_invoke_goes_to_the_async_handler_and_missing_handler_is_an_error() -> None:
    def flow() -> Flow[Any]:
        try:
            value = yield Invoke("sts", "AssumeRole", {"RoleArn": "arn"})
        except RuntimeError as error:
            return f"raised: {error}"
        return value

    async def handler(effect: Invoke) -> dict[str, Any]:
        return {"called": (effect.service, effect.operation)}

    assert asyncio.run(run_async(flow(), FakeAsyncTransport(), invoke=handler)) == {
        "called": ("sts", "AssumeRole")}
    assert asyncio.run(run_async(flow(), FakeAsyncTransport())).startswith(
        "raised: no handler for nested call")


def test_non_transport_errors_leave_the_driver_unchanged() -> None:
    def flow() -> Flow[Any]:
        yield Send(REQUEST)
        return None

    with pytest.raises(ValueError, match="boom"):
        asyncio.run(run_async(flow(), FakeAsyncTransport(ValueError("boom"))))
