"""ConfigFiles: paths, laziness, profile mapping, provenance and the process-wide parse cache."""

from __future__ import annotations

from pathlib import Path

import botocore.session
import pytest

from awsession._core.env import Environment, MemoryFileSystem
from awsession.config import ConfigFiles
from awsession.config.files import clear_parse_cache, expand_path
from awsession.exceptions import ConfigParseError

CFG = "/home/test/.aws/config"
CREDS = "/home/test/.aws/credentials"


def _files(config: str | None = None, credentials: str | None = None,
           env: dict[str, str] | None = None) -> ConfigFiles:
    contents = {}
    if config is not None:
        contents[CFG] = config
    if credentials is not None:
        contents[CREDS] = credentials
    return ConfigFiles(Environment.empty(env=env, files=contents))


@pytest.mark.parametrize(("env", "config", "credentials"), [
    ({}, CFG, CREDS),
    ({"HOME": "/h"}, "/h/.aws/config", "/h/.aws/credentials"),
    ({"HOME": "/"}, "/.aws/config", "/.aws/credentials"),
    ({"AWS_CONFIG_FILE": "/x/c", "AWS_SHARED_CREDENTIALS_FILE": "~/k"}, "/x/c",
     "/home/test/k"),
    ({"AWS_CONFIG_FILE": "$BASE/c", "BASE": "/b"}, "/b/c", CREDS),
    ({"AWS_CONFIG_FILE": "${BASE}/c", "BASE": "/b"}, "/b/c", CREDS),
    ({"AWS_CONFIG_FILE": "$NOPE/c"}, "$NOPE/c", CREDS),
    ({"AWS_CONFIG_FILE": "~user/c"}, "~user/c", CREDS),
    ({"AWS_CONFIG_FILE": ""}, "", CREDS),
])
def test_paths(env: dict[str, str], config: str, credentials: str) -> None:
    files = ConfigFiles(Environment.empty(env=env))
    assert (files.config_path, files.credentials_path) == (config, credentials)


def test_expand_path_uses_fs_home_without_home_variable() -> None:
    env = Environment(env={}, fs=MemoryFileSystem(home_dir="/srv/me/"),
                      clock=Environment.empty().clock, random=lambda: 0.5)
    assert expand_path("~", env) == "/srv/me"
    assert expand_path("~/a", env) == "/srv/me/a"


def test_empty_config_file_variable_means_no_file() -> None:
    files = ConfigFiles(Environment.empty(env={"AWS_CONFIG_FILE": ""}, files={"": "[default]\n"}))
    assert files.profiles == {}


def test_parse_errors_are_raised_lazily() -> None:
    files = _files("not a section\n")  # constructing reads nothing
    with pytest.raises(ConfigParseError, match=r"/home/test/.aws/config, line 1"):
        _ = files.profile_names


def test_profile_mapping_and_merge() -> None:
    files = _files(
        config=("[default]\nregion = a\n[profile dev]\nregion = b\noutput = json\n"
                "[sso-session s]\nsso_region = r\n[services svc]\ns3 =\n  endpoint_url = u\n"
                "[preview]\nx = 1\n[profile]\n[profile a b]\n"),
        credentials="[dev]\nregion = c\naws_access_key_id = K\n[other]\nk = v\n[profile q]\n")
    assert files.profile_names == ["default", "dev", "other", "profile q"]
    assert files.profiles["dev"] == {"region": "c", "output": "json", "aws_access_key_id": "K"}
    assert files.config_profiles["dev"] == {"region": "b", "output": "json"}
    assert files.credentials_profiles["dev"] == {"region": "c", "aws_access_key_id": "K"}
    assert files.sso_sessions == {"s": {"sso_region": "r"}}
    assert files.services == {"svc": {"s3": {"endpoint_url": "u"}}}
    assert files.other_sections == {"preview": {"x": "1"}}
    assert files.source_of("dev", "region") == f"credentials-file:{CREDS} [dev]"
    assert files.source_of("dev", "output") == f"config-file:{CFG} [profile dev]"
    assert files.source_of("dev", "nope") is None
    assert files.file_of("dev", "output") == CFG
    assert files.file_of("dev", "region") == CREDS
    assert files.profile("missing") is None


def test_later_section_naming_the_same_profile_wins_whole() -> None:
    files = _files("[profile default]\na = 1\n[default]\nb = 2\n")
    assert files.profiles == {"default": {"b": "2"}}
    assert files.source_of("default", "b") == f"config-file:{CFG} [default]"


def test_merged_profiles_do_not_alter_the_cached_parse() -> None:
    config = "[default]\nregion = a\n"
    first = _files(config, "[default]\nregion = b\n")
    assert first.profiles["default"]["region"] == "b"
    assert _files(config).profiles["default"]["region"] == "a"


def test_parse_cache_is_keyed_by_file_version(tmp_path: Path) -> None:
    clear_parse_cache()
    path = tmp_path / "config"
    path.write_text("[default]\nregion = one\n")
    env = Environment.from_os()
    env_vars = {"AWS_CONFIG_FILE": str(path)}
    env = Environment(env=env_vars, fs=env.fs, clock=env.clock, random=env.random)
    first = ConfigFiles(env)
    assert first.profiles["default"]["region"] == "one"
    assert ConfigFiles(env).config_profiles["default"] is first.config_profiles["default"]
    path.write_text("[default]\nregion = second\n")  # a new size, so a new version
    assert ConfigFiles(env).profiles["default"]["region"] == "second"
    assert first.profiles["default"]["region"] == "one"  # an existing ConfigFiles never re-reads


@pytest.mark.parametrize(("config", "credentials"), [
    ("[default]\na=1\n[profile x]\n[profile y]\n", "[z]\n[x]\nb=2\n"),
    ("[profile b]\n[default]\n[profile a]\n", ""),
    ("", "[default]\n[profile p]\n[c]\n"),
    ('[profile "q r"]\n[profile  s]\n[sso-session t]\n', "[   u   ]\n"),
])
def test_profile_names_match_botocore(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      config: str, credentials: str) -> None:
    (tmp_path / "config").write_text(config)
    (tmp_path / "credentials").write_text(credentials)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "credentials"))
    theirs = botocore.session.Session()
    ours = ConfigFiles(Environment.from_os())
    assert ours.profile_names == theirs.available_profiles
    assert ours.profiles == theirs.full_config["profiles"]
    assert ours.sso_sessions == theirs.full_config["sso_sessions"]
