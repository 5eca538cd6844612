"""Functional tests: real HTTP to moto's server on 127.0.0.1.

``moto`` is one server per test process (per xdist worker), reset before each test. ``aws`` points
both SDKs at it through the standard variables (``AWS_ENDPOINT_URL``, fake keys, a region), so a
scenario written once runs unchanged with ``boto3`` and with ``awsession``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from types import ModuleType

import pytest

from tests.functional._moto import MotoProcess


@pytest.fixture(scope="session")
def moto_server() -> Iterator[MotoProcess]:
    server = MotoProcess()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def moto(moto_server: MotoProcess, monkeypatch: pytest.MonkeyPatch) -> MotoProcess:
    moto_server.reset()
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto_server.url)
    return moto_server


@pytest.fixture(params=["boto3", "awsession"])
def sdk(request: pytest.FixtureRequest, moto: MotoProcess) -> ModuleType:
    """The SDK module under test: the same scenario runs once with each."""
    module = importlib.import_module(request.param)
    module.setup_default_session()  # a fresh default session that sees this test's variables
    return module
