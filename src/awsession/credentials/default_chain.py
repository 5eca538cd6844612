"""The default credential chain, in botocore 1.43's exact order (reference section 2).

Keys passed in code (``Session(aws_access_key_id=...)`` or ``client(..., aws_access_key_id=...)``)
are not part of the chain: they are checked before it (``providers/explicit.py``).
"""

from __future__ import annotations

from .chain import CredentialChain, CredentialProvider
from .providers.assume_role import AssumeRoleProvider
from .providers.boto_config import BotoConfigProvider
from .providers.config_file import ConfigFileProvider
from .providers.container import ContainerProvider
from .providers.ec2_credentials_file import Ec2CredentialsFileProvider
from .providers.env import EnvProvider
from .providers.imds import InstanceMetadataProvider
from .providers.login import LoginProvider
from .providers.process import ProcessProvider
from .providers.shared_credentials_file import SharedCredentialsFileProvider
from .providers.sso import SSOProvider
from .providers.web_identity import WebIdentityProvider

__all__ = ["DEFAULT_PROVIDERS", "PROFILE_PROVIDERS", "default_chain"]

DEFAULT_PROVIDERS: tuple[CredentialProvider, ...] = (
    EnvProvider(),                    # 1  env: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / ...
    AssumeRoleProvider(),             # 2  assume-role: role_arn in the profile
    WebIdentityProvider(),            # 3  assume-role-with-web-identity: token file
    SSOProvider(),                    # 4  sso: sso_account_id / sso_role_name
    SharedCredentialsFileProvider(),  # 5  shared-credentials-file: ~/.aws/credentials
    LoginProvider(),                  # 6  login: login_session
    ProcessProvider(),                # 7  custom-process: credential_process
    ConfigFileProvider(),             # 8  config-file: static keys in ~/.aws/config
    Ec2CredentialsFileProvider(),     # 9  ec2-credentials-file: AWS_CREDENTIAL_FILE (legacy)
    BotoConfigProvider(),             # 10 boto-config: BOTO_CONFIG, /etc/boto.cfg, ~/.boto
    ContainerProvider(),              # 11 container-role: AWS_CONTAINER_CREDENTIALS_*_URI
    InstanceMetadataProvider(),       # 12 iam-role: EC2 instance metadata
)

PROFILE_PROVIDERS = CredentialChain((
    WebIdentityProvider(), SSOProvider(), SharedCredentialsFileProvider(), LoginProvider(),
    ProcessProvider(), ConfigFileProvider(),
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
