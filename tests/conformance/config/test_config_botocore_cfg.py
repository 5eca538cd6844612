"""botocore's own config/credentials fixtures (``config-fixtures/botocore-cfg``), checked for what
botocore's tests expect of them (conformance README section 4)."""

from __future__ import annotations

import pytest

from awsession._core.env import Environment
from awsession.config import ConfigFiles, ConfigResolver, Resolved
from awsession.config.inifile import parse_ini
from awsession.exceptions import ConfigParseError, ProfileNotFound
from tests._conformance import conformance_path

CONFIG = "/cfg/config"
CREDENTIALS = "/cfg/credentials"


def _fixture(name: str) -> bytes:
    return conformance_path("config-fixtures", "botocore-cfg", name).read_bytes()


def _files(config: str | None = None, credentials: str | None = None) -> ConfigFiles:
    files = {}
    if config:
        files[CONFIG] = _fixture(config)
    if credentials:
        files[CREDENTIALS] = _fixture(credentials)
    env = Environment.empty(
        env={"AWS_CONFIG_FILE": CONFIG, "AWS_SHARED_CREDENTIALS_FILE": CREDENTIALS}, files=files)
    return ConfigFiles(env)


def test_aws_config_quoted_profile_name() -> None:
    files = _files("aws_config")
    assert list(files.profiles) == ["default", "personal"]
    assert files.profiles["personal"]["aws_security_token"] == "fiebaz"
    assert files.source_of("personal", "aws_access_key_id") == (
        'config-file:/cfg/config [profile "personal"]')


@pytest.mark.parametrize(("name", "line"), [("aws_config_bad", 1), ("aws_config_nested_bad", 5)])
def test_parse_errors_name_file_and_line(name: str, line: int) -> None:
    files = _files(name)
    with pytest.raises(ConfigParseError) as info:
        _ = files.profiles
    assert f"/cfg/config, line {line}: " in str(info.value)


def test_aws_config_badbytes_is_a_parse_error() -> None:
    files = _files("aws_config_badbytes")
    with pytest.raises(ConfigParseError, match="not valid UTF-8"):
        _ = files.profile_names


def test_aws_bad_profile_ignores_malformed_headers() -> None:
    files = _files("aws_bad_profile")
    assert files.profile_names == ["default", "my profile", "personal1"]


def test_aws_config_nested() -> None:
    profile = _files("aws_config_nested").profiles["default"]
    assert profile["s3"] == {"signature_version": "s3v4", "addressing_style": "path"}
    assert profile["cloudwatch"] == {"signature_version": "v4"}
    assert profile["region"] == "us-west-2"


def test_aws_config_nested_unparsed_subsections() -> None:
    raw = parse_ini(_fixture("aws_config_nested"), "aws_config_nested", nested=False)
    assert raw["default"]["s3"] == "\nsignature_version = s3v4\naddressing_style = path"


@pytest.mark.parametrize(("name", "profiles"), [
    ("aws_config_other", ["default", "personal"]),
    ("aws_config", ["default", "personal"]),
    ("aws_third_config", ["default", "third"]),
])
def test_files_loaded_one_at_a_time(name: str, profiles: list[str]) -> None:
    # botocore's multi_file_load_config (first file defining a profile wins) is not used by
    # boto3's Session, which reads exactly one config file; awsession does the same, so each file
    # of that fixture group is checked on its own.
    assert _files(name).profile_names == profiles


def test_missing_files_are_empty() -> None:
    files = _files()
    assert files.profiles == {} and files.sso_sessions == {} and files.services == {}


def test_sso_session_section() -> None:
    files = _files("aws_sso_session_config")
    assert files.sso_sessions == {"sso": {"sso_start_url": "https://example.com",
                                          "sso_region": "us-east-1"}}
    assert files.profiles["default"] == {"sso_session": "sso"}


def test_services_section() -> None:
    files = _files("aws_services_config")
    assert files.services == {"my-services": {
        "s3": {"endpoint_url": "https://localhost:5678/"},
        "dynamodb": {"endpoint_url": "https://localhost:8888/"},
    }}
    resolver = ConfigResolver(files=files, env=Environment.empty(
        env={"AWS_CONFIG_FILE": CONFIG}, files={CONFIG: _fixture("aws_services_config")}))
    assert resolver.resolve_endpoint_url("S3") == Resolved(
        "https://localhost:5678/", "config-file:/cfg/config [services my-services]")
    assert resolver.resolve_endpoint_url("EC2") == Resolved(
        "https://localhost:1234/", "config-file:/cfg/config [default]")


def test_foo_config_profiles() -> None:
    files = _files("foo_config")
    assert files.profiles["default"]["foo_region"] == "us-west-1"
    assert files.profiles["foo"]["aws_access_key_id"] == "fie"


def test_boto_config_empty_has_no_default_profile() -> None:
    files = _files("boto_config_empty")
    assert files.profile_names == []
    assert files.other_sections == {"Credentials": {}}
    env = Environment.empty(files={CONFIG: _fixture("boto_config_empty")},
                            env={"AWS_CONFIG_FILE": CONFIG})
    with pytest.raises(ProfileNotFound, match=r"The config profile \(default\) could not be found"):
        ConfigResolver(env, files, Resolved("default", "explicit")).get("region")
    # Not asked for by name: the implicit default profile is simply empty.
    assert ConfigResolver(env, files).get("region") is None


def test_boto_config_is_not_a_profile() -> None:
    files = _files("boto_config")
    assert files.profile_names == []
    assert files.other_sections["Credentials"]["aws_access_key_id"] == "foo"


def test_aws_config_nocreds() -> None:
    assert _files("aws_config_nocreds").profiles == {"default": {"region": "us-west-2"}}


def test_legacy_sectionless_credentials_file_is_not_a_shared_file() -> None:
    files = _files(credentials="aws_credentials")
    with pytest.raises(ConfigParseError, match="/cfg/credentials, line 1: "):
        _ = files.profiles


def test_integration_credentials_file() -> None:
    files = _files(credentials="integration-test-credentials")
    assert files.profile_names == ["default", "test"]
    assert files.credentials_profiles["test"]["aws_secret_access_key"] == "test-secret"
    assert files.source_of("test", "aws_access_key_id") == "credentials-file:/cfg/credentials [test]"
