"""The default credential chain, in botocore 1.43's exact order (reference section 2).

Keys passed in code (``Session(aws_access_key_id=...)`` or ``client(..., aws_access_key_id=...)``)
are not part of the chain: they are checked before it (``providers/explicit.py``).

Each provider's module is imported the first time the chain reaches it (:class:`OnFirstUse`), so
credentials found in the environment or the shared credentials file never import the modules (and
their standard-library needs) of the providers after it: IMDS, containers, processes, boto files.
"""

from __future__ import annotations

from collections.abc import Callable

from .chain import CredentialChain, CredentialProvider, ProviderContext
from .types import Credentials

__all__ = ["DEFAULT_PROVIDERS", "PROFILE_PROVIDERS", "OnFirstUse", "default_chain"]


class OnFirstUse:
    """A provider made (its module imported) by ``make`` on its first ``load``.

    ``method`` is given here so the chain can name it without the import; a test checks it against
    the provider's own. Providers are stateless, so two threads making one at once is harmless.
    """

    __slots__ = ("_make", "_provider", "method")

    def __init__(self, method: str, make: Callable[[], CredentialProvider]) -> None:
        self.method = method
        self._make = make
        self._provider: CredentialProvider | None = None

    def __repr__(self) -> str:
        return f"OnFirstUse({self.method!r})"

    @property
    def provider(self) -> CredentialProvider:
        """The provider itself (made now if it was not yet)."""
        provider = self._provider
        if provider is None:
            provider = self._provider = self._make()
        return provider

    def load(self, ctx: ProviderContext) -> Credentials:
        return self.provider.load(ctx)


def _env() -> CredentialProvider:
    from .providers.env import EnvProvider

    return EnvProvider()


def _assume_role() -> CredentialProvider:
    from .providers.assume_role import AssumeRoleProvider

    return AssumeRoleProvider()


def _web_identity() -> CredentialProvider:
    from .providers.web_identity import WebIdentityProvider

    return WebIdentityProvider()


def _sso() -> CredentialProvider:
    from .providers.sso import SSOProvider

    return SSOProvider()


def _shared_credentials_file() -> CredentialProvider:
    from .providers.shared_credentials_file import SharedCredentialsFileProvider

    return SharedCredentialsFileProvider()


def _login() -> CredentialProvider:
    from .providers.login import LoginProvider

    return LoginProvider()


def _process() -> CredentialProvider:
    from .providers.process import ProcessProvider

    return ProcessProvider()


def _config_file() -> CredentialProvider:
    from .providers.config_file import ConfigFileProvider

    return ConfigFileProvider()


def _ec2_credentials_file() -> CredentialProvider:
    from .providers.ec2_credentials_file import Ec2CredentialsFileProvider

    return Ec2CredentialsFileProvider()


def _boto_config() -> CredentialProvider:
    from .providers.boto_config import BotoConfigProvider

    return BotoConfigProvider()


def _container() -> CredentialProvider:
    from .providers.container import ContainerProvider

    return ContainerProvider()


def _imds() -> CredentialProvider:
    from .providers.imds import InstanceMetadataProvider

    return InstanceMetadataProvider()


_WEB_IDENTITY = OnFirstUse("assume-role-with-web-identity", _web_identity)
_SSO = OnFirstUse("sso", _sso)
_SHARED_CREDENTIALS_FILE = OnFirstUse("shared-credentials-file", _shared_credentials_file)
_LOGIN = OnFirstUse("login", _login)
_PROCESS = OnFirstUse("custom-process", _process)
_CONFIG_FILE = OnFirstUse("config-file", _config_file)

DEFAULT_PROVIDERS: tuple[CredentialProvider, ...] = (
    OnFirstUse("env", _env),                    # 1  AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / ...
    OnFirstUse("assume-role", _assume_role),    # 2  role_arn in the profile
    _WEB_IDENTITY,                              # 3  token file
    _SSO,                                       # 4  sso_account_id / sso_role_name
    _SHARED_CREDENTIALS_FILE,                   # 5  ~/.aws/credentials
    _LOGIN,                                     # 6  login_session
    _PROCESS,                                   # 7  credential_process
    _CONFIG_FILE,                               # 8  static keys in ~/.aws/config
    OnFirstUse("ec2-credentials-file", _ec2_credentials_file),  # 9  AWS_CREDENTIAL_FILE (legacy)
    OnFirstUse("boto-config", _boto_config),    # 10 BOTO_CONFIG, /etc/boto.cfg, ~/.boto
    OnFirstUse("container-role", _container),   # 11 AWS_CONTAINER_CREDENTIALS_*_URI
    OnFirstUse("iam-role", _imds),              # 12 EC2 instance metadata
)

PROFILE_PROVIDERS = CredentialChain((
    _WEB_IDENTITY, _SSO, _SHARED_CREDENTIALS_FILE, _LOGIN, _PROCESS, _CONFIG_FILE,
))
"""botocore's "profile provider builder": the chain that resolves a ``source_profile`` that is
not itself an assume-role profile (used with the environment disabled)."""

_WITH_ENV = CredentialChain(DEFAULT_PROVIDERS)
# A profile passed in code (Session(profile_name=...)) takes the env provider out of the chain;
# a profile named only by AWS_PROFILE / AWS_DEFAULT_PROFILE does not.
_WITHOUT_ENV = CredentialChain(tuple(p for p in DEFAULT_PROVIDERS if p.method != "env"))


def default_chain(*, profile_from_code: bool) -> CredentialChain:
    """The default chain; without the ``env`` provider when the profile was chosen in code."""
    return _WITHOUT_ENV if profile_from_code else _WITH_ENV
