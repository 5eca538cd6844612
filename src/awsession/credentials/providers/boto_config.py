"""``boto-config``: the ``[Credentials]`` section of a boto2 config file.

Rules (botocore 1.43):

1. The files tried are ``BOTO_CONFIG`` when set, else ``/etc/boto.cfg`` then ``~/.boto``; a file
   that does not exist is skipped.
2. The first file whose ``[Credentials]`` section has ``aws_access_key_id`` wins; it must also
   have ``aws_secret_access_key`` (else ``PartialCredentialsError``). No token.
3. A file that is not valid INI stops the chain with ``ConfigParseError``.
"""

from __future__ import annotations

from ...config.files import expand_path
from ...config.inifile import parse_ini
from ...exceptions import PartialCredentialsError
from ..chain import ProviderContext, add_note
from ..types import Credentials, CredentialsNotLoaded

__all__ = ["BotoConfigProvider"]

DEFAULT_FILES = ("/etc/boto.cfg", "~/.boto")


def _credentials_section(data: bytes, path: str) -> dict[str, str] | None:
    section = parse_ini(data, path).get("Credentials")
    if section is None:
        return None
    return {key: value for key, value in section.items() if isinstance(value, str)}


class BotoConfigProvider:
    method = "boto-config"

    def load(self, ctx: ProviderContext) -> Credentials:
        configured = ctx.env.env.get("BOTO_CONFIG")
        candidates = (configured,) if configured is not None else DEFAULT_FILES
        for candidate in candidates:
            path = expand_path(candidate, ctx.env)
            data = ctx.env.fs.read_bytes(path)
            if data is None:
                continue
            section = _credentials_section(data, path)
            if section is None or "aws_access_key_id" not in section:
                continue
            if "aws_secret_access_key" not in section:
                error = PartialCredentialsError(provider=self.method,
                                                cred_var="aws_secret_access_key")
                add_note(error, f"[Credentials] in {path} has aws_access_key_id but no "
                                "aws_secret_access_key")
                raise error
            return Credentials(section["aws_access_key_id"], section["aws_secret_access_key"],
                               method=self.method)
        raise CredentialsNotLoaded
