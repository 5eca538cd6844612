"""The demo's profiles and the config/credentials files that hold them.

Rules:

1. Three profiles, as ``aws configure`` would write them: ``default`` and ``dev-account`` with
   static keys (moto puts keys it has never issued in its default account, 123456789012), and
   ``prod-account`` in a second account. moto keeps accounts apart by access key: keys returned by
   STS ``AssumeRole`` belong to the account in the role's ARN, so the demo calls ``AssumeRole``
   (with the dev keys) and writes the temporary keys, with their session token, as the prod
   profile's keys: the walk-through shows a profile holding a session token, as the brief's
   ``aws configure`` step would write it (a ``role_arn`` profile would hide that step).
2. Every profile's config section carries ``endpoint_url`` (the local server) and a region, so no
   request leaves 127.0.0.1.
3. The keys are fake and exist only for the demo's lifetime; still, they are printed masked only.
4. The files are written once, before any Session reads them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "CUSTOM_KEYS", "DEFAULT_ACCOUNT", "DEFAULT_PROFILE", "DEV_PROFILE", "PROD_ACCOUNT",
    "PROD_ROLE_ARN", "DemoFiles", "Profile", "assume_prod_role", "demo_files", "write_files",
]

DEFAULT_ACCOUNT = "123456789012"
"""moto's default account: where keys that moto did not issue land."""

PROD_ACCOUNT = "210987654321"
PROD_ROLE_ARN = f"arn:aws:iam::{PROD_ACCOUNT}:role/awsession-demo-admin"


@dataclass(frozen=True)
class Profile:
    """One profile: its keys (the token only for temporary keys) and its region."""

    name: str
    access_key: str
    secret_key: str
    region: str
    token: str | None = None

    def __repr__(self) -> str:
        return f"Profile(name={self.name!r}, region={self.region!r})"


@dataclass(frozen=True)
class DemoFiles:
    """Where the demo's ``AWS_CONFIG_FILE`` and ``AWS_SHARED_CREDENTIALS_FILE`` live."""

    config: Path
    credentials: Path

    def environment(self) -> dict[str, str]:
        return {"AWS_CONFIG_FILE": str(self.config),
                "AWS_SHARED_CREDENTIALS_FILE": str(self.credentials)}


DEFAULT_PROFILE = Profile("default", "AKIADEMODEFAULT0KEY1",
                          "demoDefaultSecretKey0000000000000000000001", "us-east-1")
DEV_PROFILE = Profile("dev-account", "AKIADEMODEVACCOUNT01",
                      "demoDevSecretKey000000000000000000000001", "eu-west-1")
CUSTOM_KEYS = Profile("(in code)", "AKIADEMOCUSTOMKEY001",
                      "demoCustomSecretKey000000000000000000001", "ap-southeast-2")
"""The keys the custom-session step passes to ``Session(...)`` in code."""


def demo_files(directory: Path) -> DemoFiles:
    return DemoFiles(directory / "config", directory / "credentials")


def assume_prod_role(endpoint_url: str) -> Profile:
    """The prod profile: temporary keys for ``PROD_ROLE_ARN``, from STS AssumeRole on the server."""
    from awsession import Session

    dev = Session(aws_access_key_id=DEV_PROFILE.access_key,
                  aws_secret_access_key=DEV_PROFILE.secret_key, region_name="us-east-1")
    sts = dev.client("sts", endpoint_url=endpoint_url)
    try:
        found = sts.assume_role(RoleArn=PROD_ROLE_ARN, RoleSessionName="awsession-demo",
                                DurationSeconds=3600)["Credentials"]
    finally:
        sts.close()
    return Profile("prod-account", found["AccessKeyId"], found["SecretAccessKey"], "us-west-2",
                   token=found["SessionToken"])


def write_files(files: DemoFiles, endpoint_url: str, profiles: tuple[Profile, ...]) -> None:
    """Write ``profiles`` as ``aws configure`` would, with ``endpoint_url`` in each section."""
    config: list[str] = []
    credentials: list[str] = []
    for profile in profiles:
        header = "default" if profile.name == "default" else f"profile {profile.name}"
        config += [f"[{header}]", f"region = {profile.region}", f"endpoint_url = {endpoint_url}",
                   "output = json", ""]
        credentials += [f"[{profile.name}]", f"aws_access_key_id = {profile.access_key}",
                        f"aws_secret_access_key = {profile.secret_key}"]
        if profile.token:
            credentials.append(f"aws_session_token = {profile.token}")
        credentials.append("")
    files.config.write_text("\n".join(config), encoding="utf-8")
    files.credentials.write_text("\n".join(credentials), encoding="utf-8")
    files.credentials.chmod(0o600)
