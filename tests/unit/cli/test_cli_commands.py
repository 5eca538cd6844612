"""The awsession command line, run in-process with scripted input and captured output."""

from __future__ import annotations

import hashlib
import io
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from awsession.cli.configure_info import format_credentials
from awsession.cli.context import Context
from awsession.cli.errors import CliError, UsageError
from awsession.cli.import_csv import parse_csv
from awsession.cli.main import build_parser, main
from awsession.cli.names import Target, config_profile_name, parse_setting
from awsession.cli.profiles import describe_profile

SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
KEY = "AKIAIOSFODNN7EXAMPLE"


@dataclass
class Run:
    code: int
    out: str
    err: str
    prompts: list[str] = field(default_factory=list)


@pytest.fixture
def aws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "credentials"))
    monkeypatch.setenv("HOME", str(tmp_path))
    return tmp_path


def run(*argv: str, answers: list[str] | None = None) -> Run:
    out, err = io.StringIO(), io.StringIO()
    prompts: list[str] = []
    pending: Iterator[str] = iter(answers or [])

    def ask(prompt: str) -> str:
        prompts.append(prompt)
        try:
            return next(pending)
        except StopIteration:
            raise EOFError from None

    code = main(list(argv), Context(env=os.environ, stdout=out, stderr=err, ask=ask))
    return Run(code, out.getvalue(), err.getvalue(), prompts)


# -- names ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "profile", "target"), [
    ("region", "default", Target("region", profile="default")),
    ("region", "dev", Target("region", profile="dev")),
    ("s3.addressing_style", "dev", Target("s3", "addressing_style", profile="dev")),
    ("default.region", "dev", Target("region", profile="default")),
    ("profile.dev.region", "default", Target("region", profile="dev")),
    ("profile.dev.s3.addressing_style", "x", Target("s3", "addressing_style", profile="dev")),
    ("preview.cloudfront", "x", Target("cloudfront", section="preview")),
    ("plugins.name", "x", Target("name", section="plugins")),
    ("sso-session.corp.sso_region", "x", Target("sso_region", section="sso-session corp")),
    ("services.local.s3.endpoint_url", "x", Target("s3", "endpoint_url", section="services local")),
])
def test_parse_setting(name: str, profile: str, target: Target) -> None:
    assert parse_setting(name, profile) == target


@pytest.mark.parametrize("name", ["a.b.c", "profile.dev.a.b.c", "region.", ".x", "s3..x"])
def test_parse_setting_rejects(name: str) -> None:
    with pytest.raises(UsageError):
        parse_setting(name, "default")


def test_config_profile_names_follow_the_reader() -> None:
    assert config_profile_name("default") == "default"
    assert config_profile_name("profile dev") == "dev"
    assert config_profile_name('profile "dev"') == "dev"
    assert config_profile_name("profile a b") is None
    assert config_profile_name("sso-session x") is None


# -- configure (prompts) --------------------------------------------------------------------------

def test_configure_prompts_and_files(aws: Path) -> None:
    result = run("configure", "--profile", "dev-account",
                 answers=[KEY, SECRET, "eu-west-1", "json"])
    assert result.code == 0, result.err
    assert result.prompts == ["AWS Access Key ID [None]: ", "AWS Secret Access Key [None]: ",
                              "Default region name [None]: ", "Default output format [None]: "]
    assert (aws / "credentials").read_text() == (
        f"[dev-account]\naws_access_key_id = {KEY}\naws_secret_access_key = {SECRET}\n")
    assert (aws / "config").read_text() == (
        "[profile dev-account]\nregion = eu-west-1\noutput = json\n")
    again = run("configure", "--profile", "dev-account", answers=["", "", "us-west-2", ""])
    assert again.prompts == ["AWS Access Key ID [****************MPLE]: ",
                             "AWS Secret Access Key [****************EKEY]: ",
                             "Default region name [eu-west-1]: ", "Default output format [json]: "]
    assert (aws / "config").read_text() == (
        "[profile dev-account]\nregion = us-west-2\noutput = json\n")
    assert SECRET not in again.out + again.err + "".join(again.prompts)


def test_configure_default_profile_and_env_profile(aws: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("configure", answers=["", "", "us-east-2", ""]).code == 0
    assert (aws / "config").read_text() == "[default]\nregion = us-east-2\n"
    assert not (aws / "credentials").exists()
    monkeypatch.setenv("AWS_PROFILE", "envprof")
    assert run("configure", answers=["", "", "ap-south-1", ""]).code == 0
    assert (aws / "config").read_text().endswith("[profile envprof]\nregion = ap-south-1\n")


def test_configure_eof_writes_nothing(aws: Path) -> None:
    result = run("configure", answers=[KEY, SECRET])
    assert result.code == 1
    assert "nothing was written" in result.err
    assert not (aws / "credentials").exists()


def test_configure_bad_answer_writes_nothing(aws: Path) -> None:
    result = run("configure", answers=[KEY, SECRET, "eu[west", ""])
    assert result.code == 1
    assert result.err.count("\n") == 1 and "'region'" in result.err
    assert not (aws / "credentials").exists() and not (aws / "config").exists()


# -- set / get ------------------------------------------------------------------------------------

def test_set_and_get_round_trip(aws: Path) -> None:
    assert run("configure", "set", "region", "us-west-2").code == 0
    assert run("configure", "set", "s3.addressing_style", "path", "--profile", "dev").code == 0
    assert run("configure", "set", "profile.dev.region", "eu-west-1").code == 0
    assert run("configure", "set", "aws_access_key_id", KEY, "--profile", "dev").code == 0
    assert run("configure", "set", "preview.cloudfront", "true").code == 0
    assert (aws / "config").read_text() == (
        "[default]\nregion = us-west-2\n[profile dev]\ns3 =\n    addressing_style = path\n"
        "region = eu-west-1\n[preview]\ncloudfront = true\n")
    assert (aws / "credentials").read_text() == f"[dev]\naws_access_key_id = {KEY}\n"
    assert run("configure", "get", "region").out == "us-west-2\n"
    assert run("configure", "get", "s3.addressing_style", "--profile", "dev").out == "path\n"
    assert run("configure", "get", "profile.dev.region").out == "eu-west-1\n"
    assert run("configure", "get", "s3", "--profile", "dev").out == "addressing_style = path\n"
    assert run("configure", "get", "preview.cloudfront").out == "true\n"
    missing = run("configure", "get", "output")
    assert (missing.code, missing.out) == (1, "")
    assert missing.err == "awsession: error: output is not set in profile 'default'\n"


def test_get_ignores_environment(aws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run("configure", "set", "region", "us-west-2")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-north-1")
    assert run("configure", "get", "region").out == "us-west-2\n"


def test_set_rejects_bad_value_and_name(aws: Path) -> None:
    bad = run("configure", "set", "region", "a]b")
    assert bad.code == 1 and "a]b" not in bad.err
    usage = run("configure", "set", "a.b.c", "v")
    assert usage.code == 2 and usage.err.count("\n") == 1
    profile = run("configure", "set", "region", "x", "--profile", "bad name")
    assert profile.code == 2


def test_malformed_file_one_line_error_untouched(aws: Path) -> None:
    (aws / "config").write_bytes(b"[default]\nregion\n")
    before = (aws / "config").read_bytes()
    result = run("configure", "set", "output", "json")
    assert result.code == 1
    assert result.err == (f"awsession: error: Unable to parse config file: {aws / 'config'}, "
                          "line 2: expected 'key = value' (no '=' or ':')\n")
    assert (aws / "config").read_bytes() == before


# -- list, list-profiles, export ------------------------------------------------------------------

def test_list_shows_types_and_locations(aws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run("configure", "set", "aws_access_key_id", KEY)
    run("configure", "set", "aws_secret_access_key", SECRET)
    run("configure", "set", "region", "us-west-2")
    result = run("configure", "list")
    assert result.out.splitlines() == [
        "      Name                    Value             Type    Location",
        "      ----                    -----             ----    --------",
        "   profile                <not set>             None    None",
        f"access_key     ****************MPLE shared-credentials-file    {aws / 'credentials'}",
        f"secret_key     ****************EKEY shared-credentials-file    {aws / 'credentials'}",
        f"    region                us-west-2      config-file    {aws / 'config'}",
    ]
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-north-1")
    lines = run("configure", "list").out.splitlines()
    assert lines[-1] == "    region               eu-north-1              env    AWS_DEFAULT_REGION"
    assert SECRET not in result.out


def test_list_profiles(aws: Path) -> None:
    (aws / "config").write_text("[default]\n[profile a]\n[sso-session s]\n")
    (aws / "credentials").write_text("[b]\naws_access_key_id = x\n")
    assert run("configure", "list-profiles").out == "default\na\nb\n"


@pytest.mark.parametrize(("fmt", "expected"), [
    ("env", f"export AWS_ACCESS_KEY_ID={KEY}\nexport AWS_SECRET_ACCESS_KEY={SECRET}\n"
            "export AWS_SESSION_TOKEN=tok\nexport AWS_CREDENTIAL_EXPIRATION=2015-08-30T12:36:00+00:00\n"),
    ("env-no-export", f"AWS_ACCESS_KEY_ID={KEY}\nAWS_SECRET_ACCESS_KEY={SECRET}\n"
                      "AWS_SESSION_TOKEN=tok\nAWS_CREDENTIAL_EXPIRATION=2015-08-30T12:36:00+00:00\n"),
    ("powershell", f'$Env:AWS_ACCESS_KEY_ID="{KEY}"\n$Env:AWS_SECRET_ACCESS_KEY="{SECRET}"\n'
                   '$Env:AWS_SESSION_TOKEN="tok"\n'
                   '$Env:AWS_CREDENTIAL_EXPIRATION="2015-08-30T12:36:00+00:00"\n'),
    ("windows-cmd", f"set AWS_ACCESS_KEY_ID={KEY}\nset AWS_SECRET_ACCESS_KEY={SECRET}\n"
                    "set AWS_SESSION_TOKEN=tok\nset AWS_CREDENTIAL_EXPIRATION=2015-08-30T12:36:00+00:00\n"),
    ("fish", f'set -gx AWS_ACCESS_KEY_ID "{KEY}"\nset -gx AWS_SECRET_ACCESS_KEY "{SECRET}"\n'
             'set -gx AWS_SESSION_TOKEN "tok"\n'
             'set -gx AWS_CREDENTIAL_EXPIRATION "2015-08-30T12:36:00+00:00"\n'),
])
def test_export_formats(fmt: str, expected: str) -> None:
    assert format_credentials(fmt, KEY, SECRET, "tok", 1_440_938_160.0) == expected


def test_export_process_json_from_profile(aws: Path) -> None:
    (aws / "credentials").write_text(f"[dev]\naws_access_key_id = {KEY}\n"
                                     f"aws_secret_access_key = {SECRET}\n")
    result = run("configure", "export-credentials", "--profile", "dev")
    assert result.code == 0
    assert json.loads(result.out) == {"Version": 1, "AccessKeyId": KEY, "SecretAccessKey": SECRET}
    assert result.out.startswith('{\n  "Version": 1,')


def test_export_recursion_guard(aws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_AWSESSION_PROFILE_CHAIN", "a,dev")
    result = run("configure", "export-credentials", "--profile", "dev")
    assert (result.code, result.out) == (1, "")
    assert "loop: a -> dev -> dev" in result.err


def test_export_without_credentials(aws: Path) -> None:
    result = run("configure", "export-credentials")
    assert result.code == 1
    assert result.err == "awsession: error: unable to retrieve credentials: no credentials found\n"


# -- import ---------------------------------------------------------------------------------------

def test_parse_console_csvs() -> None:
    users = "\ufeffUser name,Password,Access key ID,Secret access key,Console login link\n" \
            f"alice,pw,{KEY},{SECRET},https://x\nbob,pw,,,https://x\n"
    with pytest.raises(CliError, match=r"CSV line 3: .*missing"):
        parse_csv(users, default_profile="default")
    keys = parse_csv(users, default_profile="default", prefix="work-", skip_invalid=True)
    assert [(k.profile, k.access_key_id) for k in keys] == [("work-alice", KEY)]
    assert SECRET not in repr(keys)
    single = f"Access key ID,Secret access key\n{KEY},{SECRET}\n"
    assert parse_csv(single, default_profile="dev")[0].profile == "dev"
    with pytest.raises(CliError, match="no \"secret access key\" column"):
        parse_csv("User name,Access key ID\nx,y\n", default_profile="d")


def test_import_writes_profiles(aws: Path) -> None:
    csv_file = aws / "keys.csv"
    csv_file.write_text(f"User Name,Access Key ID,Secret Access Key\nalice,{KEY},{SECRET}\n"
                        f"bob,AKIABOB0000000000000,bobsecret\n")
    result = run("configure", "import", "--csv", f"file://{csv_file}", "--profile-prefix", "p-")
    assert (result.code, result.out) == (0, "Successfully imported 2 profile(s)\n")
    assert (aws / "credentials").read_text() == (
        f"[p-alice]\naws_access_key_id = {KEY}\naws_secret_access_key = {SECRET}\n"
        "[p-bob]\naws_access_key_id = AKIABOB0000000000000\naws_secret_access_key = bobsecret\n")


# -- profiles -------------------------------------------------------------------------------------

def test_describe_profile_follows_chain_order() -> None:
    assert describe_profile("a", {"role_arn": "r", "source_profile": "b",
                                  "aws_access_key_id": "k"}, {"aws_access_key_id": "k"}).source \
        == "assume-role"
    assert describe_profile("a", {"role_arn": "r", "web_identity_token_file": "f"}, {}).source \
        == "web-identity"
    assert describe_profile("a", {"sso_session": "s", "sso_role_name": "r"}, {}).detail \
        == "session s"
    assert describe_profile("a", {"aws_access_key_id": "k", "credential_process": "p"},
                            {"aws_access_key_id": "k"}).source == "static"
    assert describe_profile("a", {"aws_access_key_id": "k", "credential_process": "p"},
                            {}).source == "process"
    temp = describe_profile("a", {"aws_access_key_id": "k", "aws_session_token": "t",
                                  "x_security_token_expires": "2030-01-01T00:00:00Z"},
                            {"aws_access_key_id": "k"})
    assert (temp.source, temp.expires) == ("static (temporary)", "2030-01-01T00:00:00Z")
    assert describe_profile("a", {}, {}).source == "none"


def test_profiles_table_and_json(aws: Path) -> None:
    (aws / "config").write_text(
        "[default]\nregion = us-east-1\n[profile ops]\nrole_arn = arn:aws:iam::1:role/x\n"
        "source_profile = default\n[profile sso]\nsso_session = corp\nsso_account_id = 1\n"
        "sso_role_name = r\n[sso-session corp]\nsso_start_url = https://x\n")
    (aws / "credentials").write_text(f"[default]\naws_access_key_id = {KEY}\n"
                                     f"aws_secret_access_key = {SECRET}\n")
    cache = aws / ".aws" / "sso" / "cache"
    cache.mkdir(parents=True)
    (cache / f"{hashlib.sha1(b'corp').hexdigest()}.json").write_text(
        json.dumps({"expiresAt": "2030-01-01T00:00:00Z", "accessToken": "SECRETTOKEN"}))
    result = run("profiles")
    assert result.out.splitlines() == [
        "PROFILE  CREDENTIALS                       REGION     EXPIRES",
        "default  static credentials file           us-east-1  -",
        "ops      assume-role from profile default  -          -",
        "sso      sso session corp                  -          2030-01-01T00:00:00Z",
    ]
    rows = json.loads(run("profiles", "--json").out)
    assert [r["source"] for r in rows] == ["static", "assume-role", "sso"]
    assert rows[2]["expires"] == "2030-01-01T00:00:00Z"
    everything = result.out + run("profiles", "--json").out
    assert KEY not in everything and SECRET not in everything and "SECRETTOKEN" not in everything


# -- usage, help, demo ----------------------------------------------------------------------------

def _all_commands() -> list[list[str]]:
    return [[], ["configure"], ["configure", "set"], ["configure", "get"], ["configure", "list"],
            ["configure", "list-profiles"], ["configure", "export-credentials"],
            ["configure", "import"], ["profiles"], ["whoami"], ["local"]]


@pytest.mark.parametrize("command", _all_commands())
def test_help_everywhere_with_examples(command: list[str], capsys: pytest.CaptureFixture[str]
                                       ) -> None:
    with pytest.raises(SystemExit) as info:
        build_parser().parse_args([*command, "--help"])
    assert info.value.code == 0
    assert "examples:\n" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [["nope"], ["configure", "get"], ["whoami", "--bogus"],
                                  ["local", "--port", "x"],
                                  ["whoami", "--profile", "a", "--all-profiles"]])
def test_usage_errors_exit_2_one_line(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        run(*argv)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "error:" in err


def test_no_command_prints_help_exit_2(aws: Path) -> None:
    result = run()
    assert result.code == 2 and "usage:" in result.err


def test_demo_dispatch(monkeypatch: pytest.MonkeyPatch, aws: Path) -> None:
    seen: list[list[str]] = []

    class FakeDemo:
        @staticmethod
        def run(argv: list[str]) -> int:
            seen.append(argv)
            return 7

    monkeypatch.setitem(sys.modules, "awsession.demo.main", FakeDemo)  # type: ignore[arg-type]
    assert run("--debug", "demo", "--fast", "x").code == 7
    assert seen == [["--fast", "x"]]
    monkeypatch.setitem(sys.modules, "awsession.demo.main", None)  # type: ignore[arg-type]
    missing = run("demo")
    assert missing.code == 1 and missing.err.startswith("awsession: error: the demo is not")
    assert missing.err.count("\n") == 1


def test_unexpected_error_one_line_or_traceback_with_debug(aws: Path) -> None:
    (aws / "config").write_text("[default]\nregion\n")
    quiet = run("configure", "get", "region")
    assert quiet.code == 1 and "Traceback" not in quiet.err and quiet.err.count("\n") == 1
    loud = run("--debug", "configure", "get", "region")
    assert loud.code == 1 and "Traceback" in loud.err


def test_local_without_moto_is_one_line(monkeypatch: pytest.MonkeyPatch, aws: Path) -> None:
    monkeypatch.setitem(sys.modules, "moto.server", None)  # type: ignore[arg-type]
    result = run("local", "--port", "0")
    assert result.code == 1
    assert result.err == ("awsession: error: awsession local needs moto's server: "
                          "pip install 'awsession[local]'\n")
