"""``ec2-credentials-file``: the legacy EC2 CLI key file named by ``AWS_CREDENTIAL_FILE``.

Rules (botocore 1.43):

1. Not loaded unless ``AWS_CREDENTIAL_FILE`` is set.
2. The file holds ``key = value`` lines (lines without ``=`` are skipped); a file that cannot be
   read stops the chain with ``ConfigNotFound``.
3. Loaded when ``AWSAccessKeyId`` is present; ``AWSSecretKey`` must be too (awsession raises
   ``PartialCredentialsError`` where botocore lets a ``KeyError`` escape). No token.
"""

from __future__ import annotations

from ...config.files import expand_path
from ...exceptions import ConfigNotFound, PartialCredentialsError
from ..chain import ProviderContext, add_note
from ..types import Credentials, CredentialsNotLoaded

__all__ = ["Ec2CredentialsFileProvider", "parse_key_values"]

VARIABLE = "AWS_CREDENTIAL_FILE"


def parse_key_values(text: str) -> dict[str, str]:
    """``key = value`` lines into a dict (the last one wins); other lines are ignored."""
    result: dict[str, str] = {}
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep:
            result[key.strip()] = value.strip()
    return result


class Ec2CredentialsFileProvider:
    method = "ec2-credentials-file"

    def load(self, ctx: ProviderContext) -> Credentials:
        configured = ctx.env.env.get(VARIABLE)
        if configured is None:
            raise CredentialsNotLoaded
        path = expand_path(configured, ctx.env)
        data = ctx.env.fs.read_bytes(path)
        if data is None:
            raise ConfigNotFound(path=path)
        values = parse_key_values(data.decode("utf-8", errors="replace"))
        access_key = values.get("AWSAccessKeyId")
        if access_key is None:
            raise CredentialsNotLoaded
        secret_key = values.get("AWSSecretKey")
        if secret_key is None:
            error = PartialCredentialsError(provider=self.method, cred_var="AWSSecretKey")
            add_note(error, f"file {path} ({VARIABLE}) has AWSAccessKeyId but no AWSSecretKey")
            raise error
        return Credentials(access_key, secret_key, method=self.method)
