"""ConfigResolver: order of sources, provenance, conversion, validation errors, defaults modes,
sections, endpoint URLs and retry settings."""

from __future__ import annotations

from typing import Any

import pytest

from awsession._core.env import Environment
from awsession.config import FIELDS, ConfigFiles, ConfigResolver, Resolved
from awsession.config.resolve import describe_source, resolve_profile_name
from awsession.exceptions import (
    InvalidChecksumConfigError,
    InvalidConfigError,
    InvalidDefaultsMode,
    InvalidEndpointDiscoveryConfigurationError,
    InvalidIMDSEndpointModeError,
    InvalidMaxRetryAttemptsError,
    InvalidRetryModeError,
    InvalidS3UsEast1RegionalEndpointConfigError,
    InvalidSTSRegionalEndpointsConfigError,
    ProfileNotFound,
)

CFG = "/home/test/.aws/config"
CREDS = "/home/test/.aws/credentials"


def resolver(config: str = "", credentials: str = "", env: dict[str, str] | None = None,
             profile: str | Resolved = "default", overrides: dict[str, Any] | None = None,
             **kwargs: Any) -> ConfigResolver:
    environment = Environment.empty(env=env, files={CFG: config, CREDS: credentials})
    return ConfigResolver(environment, ConfigFiles(environment), profile, overrides or {},
                          **kwargs)


@pytest.mark.parametrize(("env", "explicit", "expected"), [
    ({}, None, Resolved("default", "default")),
    ({"AWS_PROFILE": "p"}, None, Resolved("p", "env:AWS_PROFILE")),
    ({"AWS_PROFILE": "p", "AWS_DEFAULT_PROFILE": "d"}, None, Resolved("d", "env:AWS_DEFAULT_PROFILE")),
    ({"AWS_PROFILE": "p"}, "x", Resolved("x", "explicit")),
    ({"AWS_PROFILE": ""}, None, Resolved("", "env:AWS_PROFILE")),
])
def test_resolve_profile_name(env: dict[str, str], explicit: str | None, expected: Resolved) -> None:
    assert resolve_profile_name(env, explicit) == expected


def test_order_explicit_env_profile_default() -> None:
    config = "[profile dev]\nregion = from-config\nretry_mode = standard\n"
    creds = "[dev]\nregion = from-creds\n"
    env = {"AWS_DEFAULT_REGION": "from-env"}
    r = resolver(config, creds, env, "dev", {"region": "from-code"})
    assert r.resolve("region") == Resolved("from-code", "explicit")
    r = resolver(config, creds, env, "dev")
    assert r.resolve("region") == Resolved("from-env", "env:AWS_DEFAULT_REGION")
    r = resolver(config, creds, {}, "dev")
    assert r.resolve("region") == Resolved("from-creds", f"credentials-file:{CREDS} [dev]")
    assert r.resolve("retry_mode") == Resolved("standard", f"config-file:{CFG} [profile dev]")
    assert r.resolve("csm_port") == Resolved(31000, "default")
    assert r.resolve("data_path") == Resolved(None, "default")


def test_region_reads_aws_region_first() -> None:
    env = {"AWS_REGION": "a", "AWS_DEFAULT_REGION": "b"}
    assert resolver(env=env).resolve("region") == Resolved("a", "env:AWS_REGION")


def test_set_but_empty_env_var_counts() -> None:
    r = resolver("[default]\nregion = x\n", env={"AWS_DEFAULT_REGION": ""})
    assert r.resolve("region") == Resolved("", "env:AWS_DEFAULT_REGION")


def test_conversion() -> None:
    r = resolver("[default]\nmetadata_service_timeout = 5\nuse_fips_endpoint = TRUE\n"
                 "csm_enabled = yes\nparameter_validation = false\n")
    assert r.get("metadata_service_timeout") == 5
    assert r.get("use_fips_endpoint") is True
    assert r.get("csm_enabled") is False
    assert r.get("parameter_validation") == "false"  # botocore returns the profile text


def test_missing_profile() -> None:
    with pytest.raises(ProfileNotFound, match=r"The config profile \(dev\) could not be found"):
        resolver(profile="dev").get("region")
    with pytest.raises(ProfileNotFound):
        resolver(profile=Resolved("default", "env:AWS_PROFILE")).get("region")
    assert resolver(profile=Resolved("default", "default")).get("region") is None
    # env values never need the profile
    assert resolver(env={"AWS_DEFAULT_REGION": "r"}, profile="dev").get("region") == "r"


def test_profile_and_unknown_names() -> None:
    r = resolver("[profile dev]\n", profile="dev")
    assert r.resolve("profile") == Resolved("dev", "explicit")
    assert r.get("no_such_setting") is None
    with pytest.raises(KeyError):
        r.resolve("no_such_setting")
    assert set(r.resolve_all()) == set(FIELDS)


@pytest.mark.parametrize(("name", "value", "error", "text"), [
    ("max_attempts", "abc", InvalidConfigError, "Invalid value 'abc' for max_attempts"),
    ("max_attempts", "0", InvalidMaxRetryAttemptsError,
     'Value provided to "max_attempts": 0 must be an integer greater than or equal to 1.'),
    ("retry_mode", "Standard", InvalidRetryModeError,
     "Invalid value provided to \"mode\": \"Standard\" must be one of: "
     "('legacy', 'standard', 'adaptive')"),
    ("defaults_mode", "bogus", InvalidDefaultsMode,
     "Client configured with invalid defaults mode: bogus. Valid defaults modes include: "
     "legacy, auto, standard, in-region, cross-region, mobile."),
    ("sts_regional_endpoints", "x", InvalidSTSRegionalEndpointsConfigError,
     'STS regional endpoints option x is invalid. Valid options are: "legacy", "regional"'),
    ("request_checksum_calculation", "NEVER", InvalidChecksumConfigError,
     "Unsupported configuration value for request_checksum_calculation. Expected one of "
     "('when_supported', 'when_required') but got never."),
    ("account_id_endpoint_mode", "x", InvalidConfigError,
     "The configured value 'x' for 'account_id_endpoint_mode' is invalid."),
    ("request_min_compression_size_bytes", "0", InvalidConfigError,
     'Invalid value "0" for request_min_compression_size_bytes. Value must be between 1 and '
     "1048576."),
    ("request_min_compression_size_bytes", "big", InvalidConfigError,
     "Value must be an integer. Received <class 'str'> instead."),
    ("ec2_metadata_service_endpoint_mode", "ipv5", InvalidIMDSEndpointModeError,
     "Invalid EC2 Instance Metadata endpoint mode: ipv5"),
    ("endpoint_discovery_enabled", "maybe", InvalidEndpointDiscoveryConfigurationError,
     "but got maybe."),
    ("s3_disable_express_session_auth", "nope", InvalidConfigError,
     'Invalid value "nope" for s3_disable_express_session_auth.'),
    ("metadata_service_timeout", "1.5", InvalidConfigError, "expected a value of type int"),
])
def test_invalid_values_name_key_and_source(name: str, value: str, error: type[Exception],
                                            text: str) -> None:
    config = f"[profile dev]\n{name} = {value}\n"
    with pytest.raises(error) as info:
        resolver(config, profile="dev").get(name)
    assert text in str(info.value)
    assert str(info.value).endswith(f"({name} from [profile dev] in {CFG})")
    env_var = FIELDS[name].env_vars[0]
    with pytest.raises(error) as info:
        resolver(env={env_var: value}).get(name)
    assert str(info.value).endswith(f"({name} from environment variable {env_var})")


def test_valid_values_pass_validation() -> None:
    r = resolver("[default]\nrequest_checksum_calculation = WHEN_REQUIRED\n"
                 "account_id_endpoint_mode = Disabled\nendpoint_discovery_enabled = True \n"
                 "ec2_metadata_service_endpoint_mode = IPv6\nsts_regional_endpoints =\n"
                 "defaults_mode = LEGACY\n")
    assert r.get("request_checksum_calculation") == "WHEN_REQUIRED"  # returned as written
    assert r.get("account_id_endpoint_mode") == "Disabled"
    assert r.get("ec2_metadata_service_endpoint_mode") == "IPv6"
    assert r.get("sts_regional_endpoints") == ""
    assert r.defaults_mode() == Resolved("legacy", f"config-file:{CFG} [default]")


@pytest.mark.parametrize(("mode", "timeout"), [("standard", 3.1), ("in-region", 1.1),
                                               ("cross-region", 3.1), ("mobile", 30.0)])
def test_defaults_modes(mode: str, timeout: float) -> None:
    r = resolver(env={"AWS_DEFAULTS_MODE": mode.upper()})
    source = f"defaults-mode:{mode}"
    assert r.resolve("retry_mode") == Resolved("standard", source)
    assert r.resolve("sts_regional_endpoints") == Resolved("regional", source)
    assert r.resolve("connect_timeout") == Resolved(timeout, source)
    assert r.s3_settings() == {"us_east_1_regional_endpoint": "regional"}
    assert r.resolve("csm_port") == Resolved(31000, "default")
    # env and profile still win over the mode
    r = resolver("[default]\nretry_mode = adaptive\n", env={"AWS_DEFAULTS_MODE": mode,
                                                           "AWS_STS_REGIONAL_ENDPOINTS": "legacy"})
    assert r.get("retry_mode") == "adaptive"
    assert r.get("sts_regional_endpoints") == "legacy"


def test_legacy_mode_changes_nothing() -> None:
    r = resolver(env={"AWS_DEFAULTS_MODE": "legacy"})
    assert r.resolve("retry_mode") == Resolved("legacy", "default")
    assert r.get("connect_timeout") is None
    assert r.resolve("s3") == Resolved(None, "default")


@pytest.mark.parametrize(("env", "region", "imds", "expected"), [
    ({}, "us-east-1", None, "standard"),
    ({"AWS_REGION": "us-east-1"}, "us-east-1", None, "standard"),  # needs AWS_EXECUTION_ENV
    ({"AWS_EXECUTION_ENV": "AWS_Lambda", "AWS_REGION": "us-east-1"}, "us-east-1", None, "in-region"),
    ({"AWS_EXECUTION_ENV": "x", "AWS_DEFAULT_REGION": "eu-west-1"}, "us-east-1", None,
     "cross-region"),
    ({}, "us-east-1", "us-east-1", "in-region"),
    ({}, "us-west-2", "us-east-1", "cross-region"),
])
def test_auto_mode(env: dict[str, str], region: str, imds: str | None, expected: str) -> None:
    r = resolver(env={"AWS_DEFAULTS_MODE": "auto", **env}, overrides={"region": region},
                 imds_region=imds)
    assert r.defaults_mode() == Resolved(expected, "env:AWS_DEFAULTS_MODE")


@pytest.mark.parametrize(("flag", "expected"), [("true", "standard"), ("TRUE", "standard"),
                                                ("false", "legacy"), ("", "legacy")])
def test_new_retries_switch_sets_default_retry_mode(flag: str, expected: str) -> None:
    assert resolver(env={"AWS_NEW_RETRIES_2026": flag}).get("retry_mode") == expected
    assert resolver("[default]\nretry_mode = adaptive\n",
                    env={"AWS_NEW_RETRIES_2026": flag}).get("retry_mode") == "adaptive"


@pytest.mark.parametrize(("config_retries", "env", "expected"), [
    (None, {}, {"mode": "legacy"}),
    (None, {"AWS_MAX_ATTEMPTS": "4", "AWS_RETRY_MODE": "adaptive"},
     {"total_max_attempts": 4, "mode": "adaptive"}),
    ({"max_attempts": 2}, {"AWS_MAX_ATTEMPTS": "9"}, {"total_max_attempts": 3, "mode": "legacy"}),
    ({"max_attempts": 2, "total_max_attempts": 7}, {}, {"total_max_attempts": 7, "mode": "legacy"}),
    ({"mode": "standard"}, {"AWS_RETRY_MODE": "bogus"}, {"mode": "standard"}),
    ({}, {"AWS_MAX_ATTEMPTS": "2"}, {"total_max_attempts": 2, "mode": "legacy"}),
])
def test_retry_config(config_retries: dict[str, Any] | None, env: dict[str, str],
                      expected: dict[str, Any]) -> None:
    assert resolver(env=env).retry_config(config_retries) == expected


def test_s3_settings_merge_sources() -> None:
    config = ("[default]\ns3 =\n  addressing_style = path\n  use_accelerate_endpoint = true\n"
              "  signature_version = s3v4\ns3_use_arn_region = false\n")
    r = resolver(config, env={"AWS_S3_DISABLE_MULTIREGION_ACCESS_POINTS": "TRUE"},
                 overrides={"s3": {"addressing_style": "virtual"}})
    assert r.s3_settings() == {"addressing_style": "virtual", "use_accelerate_endpoint": True,
                               "signature_version": "s3v4", "use_arn_region": False,
                               "s3_disable_multiregion_access_points": True}
    assert r.resolve("s3").source == (f"config-file:{CFG} [default]; "
                                      "env:AWS_S3_DISABLE_MULTIREGION_ACCESS_POINTS; explicit")
    assert r.resolve("s3.use_arn_region") == Resolved(False, f"config-file:{CFG} [default]")


def test_non_dict_s3_value_is_ignored_and_empty_sections_are_none() -> None:
    assert resolver("[default]\ns3 = yes\n", env={"AWS_S3_USE_ARN_REGION": "true"}).get("s3") is None
    assert resolver().get("s3") is None
    assert resolver().s3_settings() == {}
    assert resolver().get("proxies_config") is None


def test_s3_us_east_1_validation_names_the_source() -> None:
    with pytest.raises(InvalidS3UsEast1RegionalEndpointConfigError) as info:
        resolver("[default]\ns3 =\n  us_east_1_regional_endpoint = global\n").s3_settings()
    assert str(info.value).endswith(
        f"(s3.us_east_1_regional_endpoint from [default] in {CFG})")


def test_proxies_config() -> None:
    r = resolver("[default]\nproxy_ca_bundle = /ca.pem\nproxy_use_forwarding_for_https = True\n"
                 "proxies_config =\n  proxy_client_cert = /c.pem\n")
    assert r.proxies_config() == {"proxy_client_cert": "/c.pem", "proxy_ca_bundle": "/ca.pem",
                                  "proxy_use_forwarding_for_https": True}


@pytest.mark.parametrize(("service_id", "variable"), [
    ("S3", "AWS_ENDPOINT_URL_S3"),
    ("DynamoDB Streams", "AWS_ENDPOINT_URL_DYNAMODB_STREAMS"),
    ("Elastic Load Balancing v2", "AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2"),
    ("cloudhsm-v2", "AWS_ENDPOINT_URL_CLOUDHSM_V2"),
])
def test_service_endpoint_env_var_names(service_id: str, variable: str) -> None:
    r = resolver(env={variable: "http://localhost:1", "AWS_ENDPOINT_URL": "http://global"})
    assert r.resolve_endpoint_url(service_id) == Resolved("http://localhost:1", f"env:{variable}")


def test_endpoint_url_order_and_ignore_switch() -> None:
    config = ("[default]\nendpoint_url = http://profile\nservices = mine\n"
              "[services mine]\ndynamodb_streams =\n  endpoint_url = http://section\n")
    r = resolver(config)
    assert r.resolve_endpoint_url("DynamoDB Streams") == Resolved(
        "http://section", f"config-file:{CFG} [services mine]")
    assert r.resolve_endpoint_url("S3") == Resolved("http://profile", f"config-file:{CFG} [default]")
    assert resolver(config, env={"AWS_ENDPOINT_URL": ""}).resolve_endpoint_url("S3") == Resolved(
        "http://profile", f"config-file:{CFG} [default]")  # empty env values are skipped
    assert resolver(config, env={"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"}
                    ).resolve_endpoint_url("S3") is None
    ignoring = resolver(config, overrides={"ignore_configured_endpoint_urls": True,
                                           "endpoint_url": "http://code"})
    assert ignoring.resolve_endpoint_url("S3") == Resolved("http://code", "explicit")
    assert resolver(config).resolve("endpoint_url").value == "http://profile"


def test_missing_services_section() -> None:
    with pytest.raises(InvalidConfigError) as info:
        resolver("[default]\nservices = gone\n").resolve_endpoint_url("S3")
    assert str(info.value) == (
        'The profile is configured to use the services section but the "gone" services '
        f"configuration does not exist. (services from [default] in {CFG})")


@pytest.mark.parametrize(("source", "words"), [
    ("env:AWS_X", "from environment variable AWS_X"),
    ("config-file:/a b/c [profile x y]", "from [profile x y] in /a b/c"),
    ("credentials-file:/c [x]", "from [x] in /c"),
    ("defaults-mode:standard", "from defaults mode standard"),
    ("explicit", "set in code"),
    ("default", "from default"),
])
def test_describe_source(source: str, words: str) -> None:
    assert describe_source(source) == words


@pytest.mark.parametrize(("change", "expected"), [
    ({"override": 3100}, 3100), ({"multiply": 2}, 2200), ({"add": 100}, 1200), ({"other": 5}, 1100),
])
def test_defaults_mode_modifications(change: dict[str, int], expected: int) -> None:
    from awsession.config.defaults_mode import _apply

    assert _apply(1100, change) == expected
