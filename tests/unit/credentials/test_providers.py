"""Each provider on its own, over an in-memory environment and files."""

from __future__ import annotations

import traceback

import pytest

from awsession.credentials.chain import ProviderContext
from awsession.credentials.default_chain import DEFAULT_PROVIDERS, default_chain
from awsession.credentials.providers.boto_config import BotoConfigProvider
from awsession.credentials.providers.config_file import ConfigFileProvider
from awsession.credentials.providers.ec2_credentials_file import Ec2CredentialsFileProvider
from awsession.credentials.providers.env import EnvProvider
from awsession.credentials.providers.explicit import explicit_credentials
from awsession.credentials.providers.login import LoginProvider
from awsession.credentials.providers.shared_credentials_file import (
    SharedCredentialsFileProvider,
)
from awsession.credentials.types import CredentialsNotLoaded, RefreshableCredentials
from awsession.exceptions import (
    ConfigNotFound,
    ConfigParseError,
    CredentialRetrievalError,
    PartialCredentialsError,
)
from tests.unit.credentials.helpers import CONFIG, CREDENTIALS, context

SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"


def _frozen(provider: object, ctx: ProviderContext) -> tuple[object, ...]:
    creds = provider.load(ctx)  # type: ignore[attr-defined]
    f = creds.get_frozen_credentials()
    return (f.access_key, f.secret_key, f.token, f.account_id, creds.method)


def test_chain_order_is_botocores() -> None:
    assert [p.method for p in DEFAULT_PROVIDERS] == [
        "env", "assume-role", "assume-role-with-web-identity", "sso",
        "shared-credentials-file", "login", "custom-process", "config-file",
        "ec2-credentials-file", "boto-config", "container-role", "iam-role"]
    assert default_chain(profile_from_code=False).methods[0] == "env"
    assert "env" not in default_chain(profile_from_code=True).methods
    assert len(default_chain(profile_from_code=True).methods) == 11


# -- env ------------------------------------------------------------------------------------------

def test_env_all_variables() -> None:
    ctx = context({"AWS_ACCESS_KEY_ID": "AK", "AWS_SECRET_ACCESS_KEY": SECRET,
                   "AWS_SECURITY_TOKEN": "SEC", "AWS_SESSION_TOKEN": "SESS",
                   "AWS_ACCOUNT_ID": "123456789012"})
    assert _frozen(EnvProvider(), ctx) == ("AK", SECRET, "SEC", "123456789012", "env")


def test_env_not_loaded_without_access_key() -> None:
    for env in ({}, {"AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "x"}):
        with pytest.raises(CredentialsNotLoaded):
            EnvProvider().load(context(env))


def test_env_missing_secret_is_partial() -> None:
    with pytest.raises(PartialCredentialsError, match="missing: AWS_SECRET_ACCESS_KEY"):
        EnvProvider().load(context({"AWS_ACCESS_KEY_ID": "AK"}))


def test_env_expiration_makes_refreshable_credentials_that_reread_env() -> None:
    ctx = context({"AWS_ACCESS_KEY_ID": "AK", "AWS_SECRET_ACCESS_KEY": SECRET,
                   "AWS_CREDENTIAL_EXPIRATION": "2015-08-30T13:36:00Z"})  # clock + 1 h
    creds = EnvProvider().load(ctx)
    assert isinstance(creds, RefreshableCredentials)
    assert creds.access_key == "AK"
    env = ctx.env.env
    assert isinstance(env, dict)
    env.update({"AWS_ACCESS_KEY_ID": "AK2", "AWS_CREDENTIAL_EXPIRATION": "2015-08-30T15:00:00Z"})
    ctx.env.clock.advance(3600 - 300)  # type: ignore[attr-defined]
    assert creds.access_key == "AK2"
    del env["AWS_CREDENTIAL_EXPIRATION"]
    ctx.env.clock.advance(6000)  # type: ignore[attr-defined]
    with pytest.raises(PartialCredentialsError, match="AWS_CREDENTIAL_EXPIRATION"):
        creds.get_frozen_credentials()


def test_env_bad_expiration_names_the_variable() -> None:
    ctx = context({"AWS_ACCESS_KEY_ID": "AK", "AWS_SECRET_ACCESS_KEY": SECRET,
                   "AWS_CREDENTIAL_EXPIRATION": "soon"})
    with pytest.raises(CredentialRetrievalError, match="AWS_CREDENTIAL_EXPIRATION"):
        EnvProvider().load(ctx)


# -- files ----------------------------------------------------------------------------------------

def test_shared_credentials_file() -> None:
    ctx = context(credentials="[dev]\naws_access_key_id = AK\naws_secret_access_key = SK\n"
                              "aws_session_token = T\naws_account_id = 1\n", profile="dev")
    assert _frozen(SharedCredentialsFileProvider(), ctx) == (
        "AK", "SK", "T", "1", "shared-credentials-file")
    with pytest.raises(CredentialsNotLoaded):
        SharedCredentialsFileProvider().load(context(credentials="[other]\n", profile="dev"))
    with pytest.raises(CredentialsNotLoaded):
        SharedCredentialsFileProvider().load(context(credentials="[dev]\nregion = x\n",
                                                     profile="dev"))


def test_partial_file_credentials_name_profile_file_and_key() -> None:
    ctx = context(credentials="[dev]\naws_access_key_id = AK\n", profile="dev")
    with pytest.raises(PartialCredentialsError) as info:
        default_chain(profile_from_code=True).resolve(ctx)
    assert str(info.value) == ("Partial credentials found in shared-credentials-file, "
                               "missing: aws_secret_access_key")
    shown = "".join(traceback.format_exception(info.value))
    assert "'dev'" in shown and CREDENTIALS in shown and "aws_secret_access_key" in shown


def test_config_file_reads_only_the_config_file() -> None:
    ctx = context(config="[profile dev]\naws_access_key_id = AK\naws_secret_access_key = SK\n",
                  profile="dev")
    assert _frozen(ConfigFileProvider(), ctx)[4] == "config-file"
    split = context(config="[default]\naws_secret_access_key = SK\n",
                    credentials="[default]\naws_access_key_id = AK\n")
    with pytest.raises(PartialCredentialsError) as info:
        SharedCredentialsFileProvider().load(split)
    assert "shared-credentials-file" in str(info.value)
    with pytest.raises(PartialCredentialsError) as info:
        ConfigFileProvider().load(context(config="[default]\naws_access_key_id = AK\n"))
    assert CONFIG in "".join(traceback.format_exception(info.value))


def test_ec2_credentials_file() -> None:
    ctx = context({"AWS_CREDENTIAL_FILE": "~/ec2"},
                  files={"/home/test/ec2": "AWSAccessKeyId=AK\nAWSSecretKey = SK\nnoise\n"})
    assert _frozen(Ec2CredentialsFileProvider(), ctx) == ("AK", "SK", None, None,
                                                          "ec2-credentials-file")
    with pytest.raises(CredentialsNotLoaded):
        Ec2CredentialsFileProvider().load(context())
    with pytest.raises(ConfigNotFound):
        Ec2CredentialsFileProvider().load(context({"AWS_CREDENTIAL_FILE": "/nope"}))
    with pytest.raises(PartialCredentialsError, match="AWSSecretKey"):
        Ec2CredentialsFileProvider().load(context({"AWS_CREDENTIAL_FILE": "/f"},
                                                  files={"/f": "AWSAccessKeyId=AK\n"}))


def test_boto_config() -> None:
    body = "[Credentials]\naws_access_key_id = AK\naws_secret_access_key = SK\n"
    assert _frozen(BotoConfigProvider(), context({"BOTO_CONFIG": "/b"}, files={"/b": body}))[
        :2] == ("AK", "SK")
    home = context(files={"/home/test/.boto": body})
    assert _frozen(BotoConfigProvider(), home)[4] == "boto-config"
    with pytest.raises(CredentialsNotLoaded):
        BotoConfigProvider().load(context({"BOTO_CONFIG": "/missing"}, files={
            "/home/test/.boto": body}))  # BOTO_CONFIG replaces the default locations
    with pytest.raises(ConfigParseError):
        BotoConfigProvider().load(context({"BOTO_CONFIG": "/b"}, files={"/b": "junk\n"}))


# -- configured but not supported yet: never a silent fall-through --------------------------------
# (assume-role, web identity, SSO, process, container and IMDS have their own test_providers_*.py)

UNSUPPORTED = [
    (LoginProvider(), "[profile dev]\nlogin_session = arn:aws:iam::1:user/u\n", "login_session"),
]


@pytest.mark.parametrize(("provider", "config", "key"), UNSUPPORTED,
                         ids=[p.method for p, _, _ in UNSUPPORTED])
def test_unsupported_sources_raise_naming_profile_and_file(provider: object, config: str,
                                                           key: str) -> None:
    ctx = context(config=config, profile="dev", profile_from_code=True)
    with pytest.raises(CredentialRetrievalError) as info:
        provider.load(ctx)  # type: ignore[attr-defined]
    message = str(info.value)
    assert message.startswith(f"Error when retrieving credentials from {provider.method}: ")  # type: ignore[attr-defined]
    assert f"profile 'dev' (file {CONFIG})" in message
    assert key in message and "not supported yet by awsession" in message
    with pytest.raises(CredentialsNotLoaded):
        provider.load(context(config="[profile dev]\nregion = x\n", profile="dev"))  # type: ignore[attr-defined]


# -- explicit -------------------------------------------------------------------------------------

def test_explicit_pairs_and_partials() -> None:
    creds = explicit_credentials("AK", SECRET, "T", "1")
    assert creds is not None and creds.method == "explicit" and creds.account_id == "1"
    with pytest.raises(PartialCredentialsError, match="missing: aws_secret_access_key"):
        explicit_credentials("AK", None)
    with pytest.raises(PartialCredentialsError, match="missing: aws_access_key_id"):
        explicit_credentials(None, SECRET)
    assert explicit_credentials(None, None, "lone-token", "1") is None


def test_secrets_never_in_error_messages() -> None:
    ctx = context({"AWS_ACCESS_KEY_ID": "AK", "AWS_SECRET_ACCESS_KEY": SECRET,
                   "AWS_SESSION_TOKEN": "TOKSECRET", "AWS_CREDENTIAL_EXPIRATION": "bad"},
                  credentials=f"[default]\naws_secret_access_key = {SECRET}\n")
    with pytest.raises(CredentialRetrievalError) as info:
        default_chain(profile_from_code=False).resolve(ctx)
    shown = "".join(traceback.format_exception(info.value))
    assert SECRET not in shown and "TOKSECRET" not in shown
