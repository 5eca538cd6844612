"""Sync waiters: poll an operation until :class:`awsession.waiters.WaiterSpec` says stop.

``client.get_waiter("table_exists").wait(TableName=..., WaiterConfig={"Delay": 1,
"MaxAttempts": 5})`` calls the operation, hands the response (or a ``ClientError``'s response) to
the pure :meth:`WaiterSpec.judge`, and sleeps between polls through ``self.sleep`` -- an injectable
callable (``time.sleep`` by default) so tests never wait. Other exceptions propagate unchanged.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

from ..exceptions import ClientError, WaiterConfigError, WaiterError
from ..waiters import Acceptor, WaiterSpec

__all__ = ["Waiter", "check_waiter_version", "waiter_spec"]

_SUPPORTED_VERSION = 2
_specs_lock = threading.Lock()
_specs: dict[int, tuple[Mapping[str, Any], WaiterSpec]] = {}


def check_waiter_version(data: Mapping[str, Any]) -> None:
    """Raise botocore's ``WaiterConfigError`` for a ``waiters-2.json`` of another version."""
    version = data.get("version", "unknown")
    if version != _SUPPORTED_VERSION:
        raise WaiterConfigError(error_msg=(
            f"Unsupported waiter version, supported version must be: {_SUPPORTED_VERSION}, "
            f"but version of waiter config is: {version}"))


def waiter_spec(name: str, config: Mapping[str, Any]) -> WaiterSpec:
    """The compiled spec of one waiter entry, made once per (cached) entry."""
    entry = _specs.get(id(config))
    if entry is not None and entry[0] is config and entry[1].name == name:
        return entry[1]
    spec = WaiterSpec(name, config)
    with _specs_lock:
        _specs[id(config)] = (config, spec)  # holds config so its id stays unique
    return spec


class Waiter:
    def __init__(self, client: Any, spec: WaiterSpec,
                 sleep: Callable[[float], None] | None = None) -> None:
        self._client = client
        self._spec = spec
        self.name = spec.name
        self.config = spec
        self.sleep: Callable[[float], None] = sleep if sleep is not None else time.sleep

    def wait(self, **kwargs: Any) -> None:
        config = kwargs.pop("WaiterConfig", None) or {}
        delay = config.get("Delay", self._spec.delay)
        max_attempts = config.get("MaxAttempts", self._spec.max_attempts)
        last: Acceptor | None = None
        attempt = 0
        while True:
            try:
                response = self._client._make_api_call(self._spec.operation, dict(kwargs))
            except ClientError as e:
                response = e.response
            attempt += 1
            verdict, last = self._spec.judge(response, attempt, max_attempts, last)
            if verdict.state == "success":
                return
            if verdict.state == "failure":
                raise WaiterError(name=self.name, reason=verdict.reason, last_response=response)
            self.sleep(delay)
