"""Differential check: awsession.Session resolves what boto3.Session resolves (scenario corpus).

For every scenario in ``session_scenarios.py`` the files are written to a temporary folder, the
environment is set with monkeypatch, and both libraries are asked the same questions: does the
Session construct, its profile and region, the available profiles, the credentials (key, secret,
token, method, account id), settings through ``get_config_variable`` and configured endpoint URLs.
Answers must match exactly, except the fields a scenario lists in ``differs`` (each with the
reason), where awsession must give the value written there *and* boto3 must give another.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import boto3
import pytest

import awsession
from tests.conformance.session.session_scenarios import SCENARIOS, Scenario

SETTINGS = (
    "region", "retry_mode", "max_attempts", "s3", "sts_regional_endpoints",
    "use_dualstack_endpoint", "use_fips_endpoint", "parameter_validation",
    "endpoint_discovery_enabled", "tcp_keepalive", "ca_bundle", "api_versions",
    "request_checksum_calculation", "response_checksum_validation", "account_id_endpoint_mode",
    "ignore_configured_endpoint_urls", "defaults_mode", "metadata_service_timeout",
    "metadata_service_num_attempts", "profile",
)

# serviceId of each service named in a scenario's ``endpoints`` (what awsession's resolver takes).
SERVICE_IDS = {"s3": "S3", "dynamodb": "DynamoDB", "sqs": "SQS",
               "elbv2": "Elastic Load Balancing v2"}


def _error(exc: BaseException) -> tuple[str, str]:
    return (type(exc).__name__, str(exc))


def _ask(question: Any) -> Any:
    try:
        return question()
    except Exception as exc:  # both libraries' errors are compared as (class name, text)
        return _error(exc)


def _credentials(creds: Any) -> Any:
    if creds is None:
        return None
    frozen = creds.get_frozen_credentials()
    return (frozen.access_key, frozen.secret_key, frozen.token, creds.method, frozen.account_id)


def _setting_error(value: Any) -> Any:
    # Setting errors are compared by class only: awsession appends where the bad value came from.
    if isinstance(value, tuple) and len(value) == 2 and value[0].endswith("Error"):
        return value[0]
    return value


def _boto3_endpoint(session: Any, service: str) -> Any:
    def ask() -> Any:
        client = session.client(service, region_name="us-east-1")
        url = client.meta.endpoint_url
        return None if url.endswith(".amazonaws.com") else url
    return _setting_error(_ask(ask))


def _awsession_endpoint(session: awsession.Session, service: str) -> Any:
    def ask() -> Any:
        found = session._resolver.resolve_endpoint_url(SERVICE_IDS[service])
        return None if found is None else found.value
    return _setting_error(_ask(ask))


def _observe(make: Any, settings_of: Any, endpoint_of: Any, scenario: Scenario) -> dict[str, Any]:
    try:
        session = make(**scenario.args)
    except Exception as exc:
        return {"construct": _error(exc)}
    seen: dict[str, Any] = {
        "construct": None,
        "profile_name": _ask(lambda: session.profile_name),
        "region_name": _ask(lambda: session.region_name),
        "available_profiles": _ask(lambda: sorted(session.available_profiles)),
        "credentials": _ask(lambda: _credentials(session.get_credentials())),
    }
    for name in SETTINGS:
        seen[f"setting:{name}"] = _setting_error(_ask(lambda n=name: settings_of(session, n)))
    for service in scenario.endpoints:
        seen[f"endpoint:{service}"] = endpoint_of(session, service)
    return seen


def _prepare(scenario: Scenario, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))  # no ~/.boto or ~/.aws of the developer's
    for name, text in (("config", scenario.config), ("credentials", scenario.credentials)):
        if text is not None:
            (tmp_path / name).write_bytes(text.encode())
    for name, text in scenario.files.items():
        (tmp_path / name).write_bytes(text.encode())
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "credentials"))
    for key, value in scenario.env.items():
        monkeypatch.setenv(key, value.replace("{tmp}", str(tmp_path)))


def test_corpus_is_large_enough() -> None:
    assert len(SCENARIOS) >= 40
    assert len({s.name for s in SCENARIOS}) == len(SCENARIOS)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_same_resolution_as_boto3(scenario: Scenario, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    _prepare(scenario, tmp_path, monkeypatch)
    expected = _observe(boto3.Session, lambda s, n: s._session.get_config_variable(n),
                        _boto3_endpoint, scenario)
    actual = _observe(awsession.Session, lambda s, n: s.get_config_variable(n),
                      _awsession_endpoint, scenario)
    for key, (value, reason) in scenario.differs.items():
        assert actual.get(key) == value, f"{key}: awsession's documented value ({reason})"
        assert expected.get(key) != value, f"{key}: boto3 no longer differs ({reason})"
        actual.pop(key, None)
        expected.pop(key, None)
    if "construct" in scenario.differs:  # awsession stopped early on purpose: nothing more to compare
        return
    assert actual == expected
