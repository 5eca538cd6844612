"""Differential checks: generated config files and environments, resolved by awsession and by
the installed botocore, must give the same value for every store variable botocore knows.

Exclusions, each deliberate: ``region`` from ``AWS_REGION`` (awsession reads it, botocore does
not; only ``AWS_DEFAULT_REGION`` is generated here and the difference is pinned separately);
``profile`` when nothing chose one (botocore says ``None``, awsession names the active profile,
``default``). Generated values are valid ones (invalid values raise in both, tested elsewhere).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

import botocore.configprovider as cp
import botocore.session
from hypothesis import given, settings
from hypothesis import strategies as st

from awsession._core.env import Environment
from awsession.config import FIELDS, ConfigFiles, ConfigResolver, Resolved
from awsession.config.checks import BOOL, INT
from awsession.config.fields import Field

_SPECIAL: dict[str, list[str]] = {
    "request_min_compression_size_bytes": ["1", "10240", "1048576"],
    "endpoint_discovery_enabled": ["auto", "true", "false", "False"],
    "ec2_metadata_service_endpoint_mode": ["ipv4", "IPv6"],
    "s3_disable_express_session_auth": ["true", "FALSE"],
    "defaults_mode": ["legacy", "LEGACY"],
    "request_checksum_calculation": ["when_supported", "WHEN_REQUIRED"],
    "response_checksum_validation": ["when_required"],
    "account_id_endpoint_mode": ["preferred", "Disabled", "required"],
    "max_attempts": ["1", "4", "10"],
    "auth_scheme_preference": ["sigv4,httpBearerAuth", "sigv4"],
    "region": ["us-west-2", "eu-central-1"],
}
_SKIPPED = {"profile", "config_file", "credentials_file", "connect_timeout", "endpoint_url"}
_COMPARED = [n for n in cp.BOTOCORE_DEFAUT_SESSION_VARIABLES if n != "region"] + ["s3",
                                                                                  "proxies_config"]


def _values(field: Field) -> list[str]:
    if field.name in _SPECIAL:
        return _SPECIAL[field.name]
    if field.choices:
        return list(field.choices)
    if field.kind is BOOL:
        return ["true", "false", "TRUE", "yes"]
    if field.kind is INT:
        return ["1", "3", "12"]
    return ["alpha", "/some/path"]


@st.composite
def scenarios(draw: st.DrawFn) -> dict[str, Any]:
    profile = draw(st.sampled_from(["implicit", "env", "explicit"]))
    name = "default" if profile == "implicit" else "dev"
    env: dict[str, str] = {}
    if profile == "env":
        env["AWS_PROFILE"] = name
    config: dict[str, str] = {}
    nested: dict[str, dict[str, str]] = {}
    creds: dict[str, str] = {}
    noise: dict[str, str] = {}
    for field in FIELDS.values():
        if field.name in _SKIPPED:
            continue
        value = draw(st.sampled_from(_values(field)))
        places = ["none", "noise"] + (["env"] if field.env_vars else [])
        places += [f"key:{k}" for k in field.profile_keys]
        if field.profile_keys and "." not in field.profile_keys[0]:
            places.append("creds")
        place = draw(st.sampled_from(places))
        if place == "env":
            env_var = field.env_vars[-1] if field.name == "region" else field.env_vars[0]
            env[env_var] = value
        elif place == "noise" and field.profile_keys and "." not in field.profile_keys[0]:
            noise[field.profile_keys[0]] = value
        elif place == "creds":
            creds[field.profile_keys[0]] = value
        elif place.startswith("key:"):
            key = place[4:]
            head, dot, tail = key.partition(".")
            if dot:
                nested.setdefault(head, {})[tail] = value
            elif key == "api_versions":
                nested["api_versions"] = {"ec2": "2016-11-15", "s3": value}
            else:
                config[key] = value
    return {"profile": profile, "name": name, "env": env, "config": config, "nested": nested,
            "creds": creds, "noise": noise}


def _section(header: str, values: dict[str, str], nested: dict[str, dict[str, str]]) -> str:
    lines = [f"[{header}]"] + [f"{k} = {v}" for k, v in values.items()]
    for key, sub in nested.items():
        lines.append(f"{key} =")
        lines.extend(f"    {k} = {v}" for k, v in sub.items())
    return "\n".join(lines) + "\n"


@contextmanager
def _written(scenario: dict[str, Any]) -> Iterator[dict[str, str]]:
    with tempfile.TemporaryDirectory() as folder:
        name = scenario["name"]
        header = "default" if name == "default" else f"profile {name}"
        config = _section(header, scenario["config"], scenario["nested"])
        config += _section("profile noise", scenario["noise"], {})
        Path(folder, "config").write_text(config)
        Path(folder, "credentials").write_text(_section(name, scenario["creds"], {}))
        env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "BOTO"))}
        env.update(scenario["env"])
        env["AWS_CONFIG_FILE"] = str(Path(folder, "config"))
        env["AWS_SHARED_CREDENTIALS_FILE"] = str(Path(folder, "credentials"))
        env["AWS_EC2_METADATA_DISABLED"] = "true"
        with mock.patch.dict(os.environ, env, clear=True):
            yield env


def _pair(scenario: dict[str, Any]) -> tuple[ConfigResolver, botocore.session.Session]:
    explicit = scenario["profile"] == "explicit"
    theirs = botocore.session.Session(profile="dev" if explicit else None)
    env = Environment.from_os()
    profile = Resolved("dev", "explicit") if explicit else (
        Resolved("dev", "env:AWS_PROFILE") if scenario["profile"] == "env" else "default")
    return ConfigResolver(env, ConfigFiles(env), profile), theirs


@settings(max_examples=100, deadline=None)
@given(scenarios())
def test_store_variables_match_botocore(scenario: dict[str, Any]) -> None:
    with _written(scenario):
        ours, theirs = _pair(scenario)
        for name in _COMPARED:
            if name == "profile" and scenario["profile"] == "implicit":
                continue
            assert ours.get(name) == theirs.get_config_variable(name), name
        if "AWS_REGION" not in scenario["env"]:
            assert ours.get("region") == theirs.get_config_variable("region")


def test_region_difference_is_only_aws_region() -> None:
    scenario = {"profile": "implicit", "name": "default", "config": {"region": "from-file"},
                "nested": {}, "creds": {}, "noise": {},
                "env": {"AWS_REGION": "from-aws-region"}}
    with _written(scenario):
        ours, theirs = _pair(scenario)
        assert theirs.get_config_variable("region") == "from-file"
        assert ours.resolve("region") == Resolved("from-aws-region", "env:AWS_REGION")


@settings(max_examples=30, deadline=None)
@given(scenarios(), st.sampled_from(["standard", "in-region", "cross-region", "mobile"]))
def test_defaults_mode_values_match_botocore_client_store(scenario: dict[str, Any],
                                                          mode: str) -> None:
    scenario["env"].pop("AWS_DEFAULTS_MODE", None)
    scenario["config"].pop("defaults_mode", None)
    scenario["env"]["AWS_DEFAULTS_MODE"] = mode
    with _written(scenario):
        ours, theirs = _pair(scenario)
        store = theirs.get_component("config_store").__copy__()
        factory = theirs._get_internal_component("smart_defaults_factory")
        factory.merge_smart_defaults(store, mode, "us-east-1")
        for name in ("retry_mode", "sts_regional_endpoints", "connect_timeout", "s3"):
            assert ours.get(name) == store.get_config_variable(name), name


@st.composite
def retry_scenarios(draw: st.DrawFn) -> dict[str, Any]:
    scenario: dict[str, Any] = {"profile": "implicit", "name": "default", "env": {},
                                "config": {}, "nested": {}, "creds": {}, "noise": {}}
    for key, env_var, values in (("max_attempts", "AWS_MAX_ATTEMPTS", ["1", "3", "7"]),
                                 ("retry_mode", "AWS_RETRY_MODE", list(FIELDS["retry_mode"].choices))):
        value = draw(st.sampled_from(values))
        place = draw(st.sampled_from(["none", "env", "config", "creds"]))
        if place == "env":
            scenario["env"][env_var] = value
        elif place != "none":
            scenario[place][key] = value
    return scenario


@settings(max_examples=25, deadline=None)
@given(retry_scenarios(), st.sampled_from([None, {}, {"max_attempts": 2}, {"mode": "adaptive"},
                                           {"total_max_attempts": 5, "max_attempts": 1}]))
def test_retry_config_matches_botocore_client(scenario: dict[str, Any],
                                              retries: dict[str, Any] | None) -> None:
    from botocore.config import Config as BotoConfig

    with _written(scenario):
        ours, theirs = _pair(scenario)
        config = BotoConfig(retries=dict(retries)) if retries is not None else None
        client = theirs.create_client("sts", region_name="us-east-1", config=config,
                                      aws_access_key_id="a", aws_secret_access_key="b")
        assert ours.retry_config(retries) == client.meta.config.retries
