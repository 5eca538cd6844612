"""Run credential flows for a session: the I/O side of the credential providers.

Rules (see :mod:`awsession.credentials.runner` for the contract):

1. ``Invoke`` becomes a nested client call made through the session that owns this runner, so the
   nested call sees that session's region (unless the effect names one), endpoint settings
   (``AWS_ENDPOINT_URL*``, ``[services]``), retry mode and default client config. An unsigned
   effect uses ``Config(signature_version=UNSIGNED)``; a signed one signs with the effect's
   source credentials (their frozen values, taken at call time) or, without any, the session's
   own credentials. The nested client is closed after the call.
2. ``Send`` goes through a small urllib3 transport made for this one flow, with the flow's own
   connect/read timeout and one pooled connection; environment proxies apply (not to loopback).
3. ``Spawn`` runs the program directly (``subprocess``, no shell), ``Sleep`` sleeps: both through
   the sync driver (:func:`awsession._client.driver.run_sync`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

from .._core.effects import Flow, Invoke
from .._core.http import HttpRequest, HttpResponse
from .driver import run_sync

__all__ = ["CredentialRunner"]

T = TypeVar("T")


class _FlowTransport:
    """A transport made on the first ``Send`` of one flow and closed when the flow ends."""

    __slots__ = ("_timeout", "_transport")

    def __init__(self, timeout: float | None) -> None:
        self._timeout = timeout
        self._transport: Any = None

    def send(self, request: HttpRequest) -> HttpResponse:
        if self._transport is None:
            from ..transport.urllib3 import Urllib3Transport

            timeout = 60.0 if self._timeout is None else self._timeout
            self._transport = Urllib3Transport(max_pool_connections=1, connect_timeout=timeout,
                                               read_timeout=timeout)
        response: HttpResponse = self._transport.send(request)
        return response

    def close(self) -> None:
        if self._transport is not None:
            self._transport.close()
            self._transport = None


class CredentialRunner:
    """The :class:`~awsession.credentials.runner.FlowRunner` of one session."""

    __slots__ = ("_session", "_sleep")

    def __init__(self, session: Any, sleep: Callable[[float], None] = time.sleep) -> None:
        self._session = session
        self._sleep = sleep

    def __repr__(self) -> str:
        return f"CredentialRunner({self._session!r})"

    def run(self, flow: Flow[T], *, timeout: float | None = None) -> T:
        transport = _FlowTransport(timeout)
        try:
            return run_sync(flow, transport, sleep=self._sleep, invoke=self.invoke)
        finally:
            transport.close()

    def invoke(self, effect: Invoke) -> dict[str, Any]:
        """One nested AWS call (Rule 1)."""
        from ..config.client_config import UNSIGNED, Config
        from .factory import create_client

        config: Config | None = None
        keys: dict[str, Any] = {}
        if not effect.signed:
            config = Config(signature_version=UNSIGNED)
        elif effect.credentials is not None:
            frozen = effect.credentials.get_frozen_credentials()
            keys = {"aws_access_key_id": frozen.access_key,
                    "aws_secret_access_key": frozen.secret_key,
                    "aws_session_token": frozen.token}
        client = create_client(self._session, effect.service, region_name=effect.region,
                               config=config, **keys)
        try:
            return client._make_api_call(effect.operation, dict(effect.params))
        finally:
            client.close()
