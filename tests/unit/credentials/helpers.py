"""Build a ProviderContext over an in-memory environment."""

from __future__ import annotations

from awsession._core.env import Environment
from awsession.config.files import ConfigFiles
from awsession.credentials.chain import ProviderContext

CONFIG = "/home/test/.aws/config"
CREDENTIALS = "/home/test/.aws/credentials"


def context(env: dict[str, str] | None = None, config: str | None = None,
            credentials: str | None = None, files: dict[str, str] | None = None,
            profile: str = "default", profile_from_code: bool = False) -> ProviderContext:
    data: dict[str, bytes | str] = dict(files or {})
    if config is not None:
        data[CONFIG] = config
    if credentials is not None:
        data[CREDENTIALS] = credentials
    environment = Environment.empty(
        {"AWS_CONFIG_FILE": CONFIG, "AWS_SHARED_CREDENTIALS_FILE": CREDENTIALS, **(env or {})},
        data)
    return ProviderContext(environment, ConfigFiles(environment), profile, profile_from_code)
