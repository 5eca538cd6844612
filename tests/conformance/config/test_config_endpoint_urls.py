"""``configured-endpoint-urls/profile-tests.json``: all 39 cases against
``ConfigResolver.resolve_endpoint_url`` (the client room runs them end to end as well).

Cases whose expected URL is the service's ordinary ``*.amazonaws.com`` endpoint expect *no*
configured endpoint URL (the rules engine then picks the default)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from awsession._core.env import Environment
from awsession.config import ConfigFiles, ConfigResolver, Resolved
from tests._conformance import conformance_available, conformance_path

SERVICE_IDS = {"s3": "S3", "dynamodb": "DynamoDB"}


def _suite() -> dict[str, Any]:
    path = conformance_path("config-fixtures", "configured-endpoint-urls", "profile-tests.json")
    suites = json.loads(path.read_text())["testSuites"]
    assert len(suites) == 1
    return suites[0]  # type: ignore[no-any-return]


def _cases() -> list[Any]:
    if not conformance_available():
        return [pytest.param(None, id="conformance-data-missing")]
    return [pytest.param(case, id=case["name"][:80]) for case in _suite()["endpointUrlTests"]]


def _ini_section(header: str, values: dict[str, Any]) -> str:
    lines = [f"[{header}]"]
    for key, value in values.items():
        if isinstance(value, dict):
            lines.append(f"{key} =")
            lines.extend(f"  {k} = {v}" for k, v in value.items())
        else:
            lines.append(f"{key} = {value}")
    return "\n".join(lines) + "\n"


def test_suite_has_39_cases() -> None:
    assert len(_suite()["endpointUrlTests"]) == 39


@pytest.mark.parametrize("case", _cases())
def test_configured_endpoint_url(case: dict[str, Any] | None) -> None:
    if case is None:
        _suite()
        return
    suite = _suite()
    profile = suite["profiles"][case["profile"]]
    text = _ini_section(f"profile {case['profile']}", profile)
    if "services" in profile:
        text += _ini_section(f"services {profile['services']}", suite["services"][profile["services"]])
    env_vars = {"AWS_CONFIG_FILE": "/t/config", **suite["environments"][case["environment"]]}
    env = Environment.empty(env=env_vars, files={"/t/config": text})
    overrides = suite["client_configs"][case["client_config"]]
    resolver = ConfigResolver(env, ConfigFiles(env), Resolved(case["profile"], "explicit"),
                              overrides)
    found = resolver.resolve_endpoint_url(SERVICE_IDS[case["service"]])
    expected = case["output"]["endpointUrl"]
    if expected.endswith(".amazonaws.com"):
        assert found is None
    else:
        assert found is not None and found.value == expected
