"""A scripted stand-in for the session's flow runner: effects go to a handler, never to I/O."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from awsession._core.effects import Effect, Flow
from awsession._core.env import Environment, FixedClock, OsFileSystem
from awsession._core.http import HttpResponse
from awsession.config.files import ConfigFiles
from awsession.credentials.chain import ProviderContext


class ScriptedRunner:
    """Answers each effect with ``handler(effect)``; an exception raised by the handler is thrown
    into the flow, as the real driver does with transport and nested-call errors."""

    def __init__(self, handler: Callable[[Effect], Any]) -> None:
        self.handler = handler
        self.effects: list[Effect] = []
        self.timeouts: list[float | None] = []

    def run(self, flow: Flow[Any], *, timeout: float | None = None) -> Any:
        self.timeouts.append(timeout)
        value: Any = None
        error: BaseException | None = None
        while True:
            try:
                effect = flow.send(value) if error is None else flow.throw(error)
            except StopIteration as stop:
                return stop.value
            self.effects.append(effect)
            value, error = None, None
            try:
                value = self.handler(effect)
            except Exception as e:  # thrown into the flow, as the real driver does
                error = e

    def of(self, kind: type) -> list[Any]:
        return [effect for effect in self.effects if isinstance(effect, kind)]


def response(status: int, body: bytes | str = b"") -> HttpResponse:
    data = body.encode() if isinstance(body, str) else body
    return HttpResponse(status, {}, data)


def with_runner(ctx: ProviderContext, runner: ScriptedRunner,
                prompter: Callable[[str], str] | None = None) -> ProviderContext:
    return ProviderContext(ctx.env, ctx.files, ctx.profile, ctx.profile_from_code, runner=runner,
                           prompter=prompter)


class HomeFileSystem(OsFileSystem):
    """The real file system with ``~`` pointing at a test folder."""

    __slots__ = ("_home",)

    def __init__(self, home: str) -> None:
        self._home = home

    def home(self) -> str:
        return self._home


def disk_context(home: str, runner: ScriptedRunner, env: dict[str, str] | None = None,
                 profile: str = "default", clock: FixedClock | None = None) -> ProviderContext:
    """A context over real files under ``home`` (for the file caches, which write to disk)."""
    variables = {"AWS_CONFIG_FILE": f"{home}/.aws/config",
                 "AWS_SHARED_CREDENTIALS_FILE": f"{home}/.aws/credentials", **(env or {})}
    environment = Environment(variables, HomeFileSystem(home), clock or FixedClock(),
                              lambda: 0.5)
    return ProviderContext(environment, ConfigFiles(environment), profile, runner=runner)
