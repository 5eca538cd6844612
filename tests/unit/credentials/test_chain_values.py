"""The credential chain's values behave as the frozen dataclasses they replaced, and the default
chain imports each provider's module only when the chain reaches it."""

from __future__ import annotations

import dataclasses
import hashlib
import pickle
import subprocess
import sys
from collections.abc import Callable

import pytest

from awsession.credentials.cache import JSONFileCache
from awsession.credentials.chain import CredentialChain, ProviderContext
from awsession.credentials.default_chain import (
    DEFAULT_PROVIDERS,
    PROFILE_PROVIDERS,
    OnFirstUse,
    default_chain,
)
from awsession.credentials.providers.assume_role import AssumeRoleProvider
from awsession.credentials.providers.boto_config import BotoConfigProvider
from awsession.credentials.providers.config_file import ConfigFileProvider
from awsession.credentials.providers.container import ContainerProvider
from awsession.credentials.providers.ec2_credentials_file import Ec2CredentialsFileProvider
from awsession.credentials.providers.env import EnvProvider
from awsession.credentials.providers.imds import ImdsSettings, InstanceMetadataProvider
from awsession.credentials.providers.login import LoginProvider
from awsession.credentials.providers.process import ProcessProvider
from awsession.credentials.providers.shared_credentials_file import SharedCredentialsFileProvider
from awsession.credentials.providers.sso import SSOProvider
from awsession.credentials.providers.web_identity import WebIdentityProvider
from awsession.credentials.runner import NoRunner
from awsession.credentials.sso_token import SSOTokenSource
from awsession.credentials.types import Credentials, CredentialsNotLoaded
from tests.unit.credentials.helpers import context

# -- ProviderContext and CredentialChain ----------------------------------------------------------


def test_provider_context_defaults_and_value_semantics() -> None:
    ctx = context(profile="dev")
    assert ctx.profile == "dev" and ctx.profile_from_code is False and ctx.prompter is None
    assert isinstance(ctx.runner, NoRunner)
    same = ProviderContext(ctx.env, ctx.files, "dev", False, ctx.runner)
    assert same == ctx  # unhashable, as the dataclass was: the environment holds a dict
    assert ProviderContext(ctx.env, ctx.files, "other", False, ctx.runner) != ctx
    with pytest.raises(AttributeError):
        ctx.profile = "x"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del ctx.profile
    assert repr(ctx).startswith("ProviderContext(env=") and "profile='dev'" in repr(ctx)


def test_provider_context_for_profile_and_replace() -> None:
    prompter: Callable[[str], str] = str
    ctx = ProviderContext(context().env, context().files, "default", prompter=prompter)
    source = ctx.for_profile("source")
    assert (source.profile, source.profile_from_code) == ("source", True)
    assert source.runner is ctx.runner and source.prompter is prompter and source.env is ctx.env
    assert ctx.profile == "default" and ctx.profile_from_code is False
    assert dataclasses.replace(ctx, profile="source", profile_from_code=True) == source
    assert ctx._replace(profile="source", profile_from_code=True) == source


def test_credential_chain_is_a_frozen_value() -> None:
    providers = (EnvProvider(),)
    chain = CredentialChain(providers)
    assert chain == CredentialChain(providers) and hash(chain) == hash(CredentialChain(providers))
    assert chain.methods == ("env",)
    with pytest.raises(AttributeError):
        chain.providers = ()  # type: ignore[misc]
    assert dataclasses.replace(chain, providers=()).providers == ()


# -- ImdsSettings and SSOTokenSource --------------------------------------------------------------


def test_imds_settings_defaults_equality_and_pickling() -> None:
    settings = ImdsSettings("http://169.254.169.254/")
    assert (settings.timeout, settings.attempts, settings.v1_disabled) == (1.0, 1, False)
    assert settings == ImdsSettings("http://169.254.169.254/", 1.0, 1, False)
    assert hash(settings) == hash(ImdsSettings("http://169.254.169.254/"))
    assert settings != ImdsSettings("http://169.254.169.254/", attempts=2)
    assert pickle.loads(pickle.dumps(settings)) == settings
    assert dataclasses.replace(settings, attempts=3).attempts == 3
    assert repr(settings) == ("ImdsSettings(base_url='http://169.254.169.254/', timeout=1.0, "
                              "attempts=1, v1_disabled=False)")
    with pytest.raises(AttributeError):
        settings.timeout = 2.0  # type: ignore[misc]


def test_sso_token_source_is_a_frozen_value() -> None:
    cache = JSONFileCache("/home/test/.aws/sso/cache")
    source = SSOTokenSource("https://x.awsapps.com/start", "us-east-1", "work", "dev", cache)
    assert source == SSOTokenSource("https://x.awsapps.com/start", "us-east-1", "work", "dev", cache)
    assert source != SSOTokenSource("https://x.awsapps.com/start", "us-east-1", None, "dev", cache)
    assert source.key == hashlib.sha1(b"work").hexdigest()
    assert source.path == "/home/test/.aws/sso/cache/" + source.key + ".json"
    assert repr(source) == ("SSOTokenSource(start_url='https://x.awsapps.com/start', "
                            "region='us-east-1', session_name='work', profile='dev', "
                            "cache=JSONFileCache('/home/test/.aws/sso/cache'))")
    with pytest.raises(AttributeError):
        source.region = "eu-west-1"  # type: ignore[misc]


# -- the default chain's deferred providers -------------------------------------------------------

_CLASSES = [EnvProvider, AssumeRoleProvider, WebIdentityProvider, SSOProvider,
            SharedCredentialsFileProvider, LoginProvider, ProcessProvider, ConfigFileProvider,
            Ec2CredentialsFileProvider, BotoConfigProvider, ContainerProvider,
            InstanceMetadataProvider]


def test_each_deferred_provider_names_and_makes_the_right_class() -> None:
    assert len(DEFAULT_PROVIDERS) == len(_CLASSES)
    for deferred, cls in zip(DEFAULT_PROVIDERS, _CLASSES, strict=True):
        assert isinstance(deferred, OnFirstUse)
        assert type(deferred.provider) is cls
        assert deferred.method == cls.method == deferred.provider.method
        assert deferred.provider is deferred.provider  # made once
        assert repr(deferred) == f"OnFirstUse({cls.method!r})"
    assert PROFILE_PROVIDERS.methods == ("assume-role-with-web-identity", "sso",
                                         "shared-credentials-file", "login", "custom-process",
                                         "config-file")
    assert set(PROFILE_PROVIDERS.providers) <= set(DEFAULT_PROVIDERS)
    assert default_chain(profile_from_code=True).providers == DEFAULT_PROVIDERS[1:]


def test_on_first_use_makes_its_provider_on_the_first_load_only() -> None:
    made: list[str] = []

    class Skip:
        method = "skip"

        def load(self, ctx: ProviderContext) -> Credentials:
            raise CredentialsNotLoaded

    def make() -> Skip:
        made.append("skip")
        return Skip()

    deferred = OnFirstUse("skip", make)
    assert made == []
    for _ in range(2):
        with pytest.raises(CredentialsNotLoaded):
            deferred.load(context())
    assert made == ["skip"]


_RESOLVE = """
import json, sys
from awsession._core.env import Environment
from awsession.config.files import ConfigFiles
from awsession.credentials.chain import ProviderContext
from awsession.credentials.default_chain import default_chain
env = Environment.empty({"AWS_ACCESS_KEY_ID": "AK", "AWS_SECRET_ACCESS_KEY": "SK"})
creds = default_chain(profile_from_code=False).resolve(ProviderContext(env, ConfigFiles(env), "default"))
assert creds is not None and creds.method == "env"
prefix = "awsession.credentials.providers."
print(json.dumps(sorted(m[len(prefix):] for m in sys.modules if m.startswith(prefix))))
"""


def test_resolving_from_the_environment_imports_only_the_env_provider() -> None:
    done = subprocess.run([sys.executable, "-c", _RESOLVE], capture_output=True, text=True,
                          check=True, timeout=60)
    assert done.stdout.strip().splitlines()[-1] == '["env"]'
