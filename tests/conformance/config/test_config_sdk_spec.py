"""The cross-SDK shared-config specs (smithy-python's test data) run against ConfigFiles.

Parser cases are checked against what botocore 1.43.11 does (``botocore-1.43.11-observed.json``),
because boto3 compatibility outranks the spec: awsession agrees with botocore on all 118 cases,
including the 34 where botocore departs from the spec (inline comments kept, duplicates rejected,
``key : value`` accepted, ...). No case is marked as deliberately following the spec instead.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from awsession._core.env import Environment, MemoryFileSystem
from awsession.config import ConfigFiles
from awsession.exceptions import ConfigParseError
from tests._conformance import conformance_available, conformance_path

CONFIG = "/spec/config"
CREDENTIALS = "/spec/credentials"


def _load(name: str) -> Any:
    return json.loads(conformance_path("config-fixtures", "sdk-spec", name).read_text())


def _parser_cases() -> list[Any]:
    if not conformance_available():
        return [pytest.param(None, None, id="conformance-data-missing")]
    spec = _load("config-file-parser-tests.json")["tests"]
    observed = {r["index"]: r for r in _load("botocore-1.43.11-observed.json")["results"]}
    return [pytest.param(case, observed[i], id=f"{i}-{case['name'][:60]}")
            for i, case in enumerate(spec)]


def _files_for(case: dict[str, Any]) -> ConfigFiles:
    files: dict[str, str] = {}
    if "configFile" in case["input"]:
        files[CONFIG] = case["input"]["configFile"]
    if "credentialsFile" in case["input"]:
        files[CREDENTIALS] = case["input"]["credentialsFile"]
    env = Environment.empty(
        env={"AWS_CONFIG_FILE": CONFIG, "AWS_SHARED_CREDENTIALS_FILE": CREDENTIALS}, files=files)
    return ConfigFiles(env)


@pytest.mark.parametrize(("case", "observed"), _parser_cases())
def test_parser_case_matches_botocore(case: dict[str, Any] | None,
                                      observed: dict[str, Any] | None) -> None:
    if case is None or observed is None:
        conformance_path("config-fixtures", "sdk-spec")
        return
    files = _files_for(case)
    expected = observed["botocore"]
    if "error" in expected:
        assert expected["error"] == "ConfigParseError"
        with pytest.raises(ConfigParseError) as info:
            _ = files.profiles
        # The message names the file and a line number, never a traceback from inside.
        assert str(info.value).startswith("Unable to parse config file: /spec/")
        assert ", line " in str(info.value)
        return
    assert files.profiles == expected["profiles"]
    if "ssoSessions" in expected:
        assert files.sso_sessions == expected["ssoSessions"]


def test_observed_file_counts_spec_disagreements() -> None:
    """Pins the premise above: 84 of 118 cases agree with the spec, 34 follow botocore instead."""
    observed = _load("botocore-1.43.11-observed.json")
    agreeing = [r for r in observed["results"] if r["agreesWithSpec"]]
    assert (observed["total"], len(agreeing)) == (118, 84)


def _location_cases() -> list[Any]:
    if not conformance_available():
        return [pytest.param(None, id="conformance-data-missing")]
    params = []
    for case in _load("config-file-location-tests.json")["tests"]:
        marks = []
        if case["platform"] == "windows":
            marks.append(pytest.mark.skip(reason=(
                "Windows home resolution (USERPROFILE, HOMEDRIVE+HOMEPATH, backslash paths) is "
                "not emulated: on Windows the real environment's os.path.expanduser provides "
                "fs.home(); these cases assume a Windows host")))
        params.append(pytest.param(case, id=case["name"][:70], marks=marks))
    return params


@pytest.mark.parametrize("case", _location_cases())
def test_file_location(case: dict[str, Any] | None) -> None:
    if case is None:
        conformance_path("config-fixtures", "sdk-spec")
        return
    home = case.get("languageSpecificHome", "/nonexistent-home")
    env = Environment(env=dict(case["environment"]), fs=MemoryFileSystem(home_dir=home),
                      clock=Environment.empty().clock, random=lambda: 0.5)
    files = ConfigFiles(env)
    assert files.config_path == case["configLocation"]
    assert files.credentials_path == case["credentialsLocation"]
