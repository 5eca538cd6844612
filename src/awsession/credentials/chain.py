"""The credential provider chain: an ordered list of named providers, tried one by one.

Theory of operation
-------------------

A *provider* knows one place where credentials can be configured (environment variables, the
shared credentials file, a ``credential_process``, ...). Asked to ``load`` for a profile, it does
exactly one of three things:

Rule 1 -- it returns :class:`~awsession.credentials.types.Credentials`: the chain stops there and
    hands them back.

Rule 2 -- it raises :class:`~awsession.credentials.types.CredentialsNotLoaded`: "nothing is
    configured here". The chain moves on to the next provider. This is the *only* way to move on;
    a provider never returns ``None``.

Rule 3 -- it raises anything else (``PartialCredentialsError``, ``CredentialRetrievalError``, a
    parse error, ...): the source *is* configured but broken. The chain stops and the error
    propagates; it never falls through to a later provider, so a typo in a profile cannot
    silently pick up some other account's credentials. The error keeps botocore's class and
    message text; providers attach a note naming the profile, file and key, and the chain adds
    one naming the provider and the profile.

Rule 4 -- when every provider has said "not loaded", :meth:`CredentialChain.resolve` returns
    ``None``, as botocore's resolver does. Whoever needs credentials (the signer, the client)
    raises ``NoCredentialsError`` at that moment; the providers tried are logged at debug level.

Providers read the outside world only through the :class:`ProviderContext` they are given
(injected :class:`~awsession._core.env.Environment` and parsed config files), so the chain is
deterministic under test.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from .._core.frozen import FrozenValue
from .runner import FlowRunner, NoRunner
from .types import Credentials, CredentialsNotLoaded

if TYPE_CHECKING:
    from .._core.env import Environment
    from ..config.files import ConfigFiles

__all__ = ["CredentialChain", "CredentialProvider", "ProviderContext", "add_note"]

logger = logging.getLogger("awsession.credentials")
_set = object.__setattr__


class ProviderContext(FrozenValue):
    """Everything a provider may consult (immutable; ``_replace`` gives a changed copy).

    ``env``: environment variables, file system and clock. ``files``: the parsed shared config
    and credentials files. ``profile``: the active profile name (``default`` when none was
    chosen). ``profile_from_code``: true when the profile was passed in code
    (``Session(profile_name=...)``); providers that read environment variables for credentials
    (``env``, web identity) then stand aside. ``runner``: runs the flows of providers that need
    the network or a program (see ``runner.py``). ``prompter``: asks the user for an MFA code
    (``getpass.getpass`` when ``None``).
    """

    __slots__ = ("env", "files", "profile", "profile_from_code", "prompter", "runner")
    _fields = ("env", "files", "profile", "profile_from_code", "runner", "prompter")
    env: Environment
    files: ConfigFiles
    profile: str
    profile_from_code: bool
    runner: FlowRunner
    prompter: Callable[[str], str] | None

    def __init__(self, env: Environment, files: ConfigFiles, profile: str,
                 profile_from_code: bool = False, runner: FlowRunner | None = None,
                 prompter: Callable[[str], str] | None = None) -> None:
        _set(self, "env", env)
        _set(self, "files", files)
        _set(self, "profile", profile)
        _set(self, "profile_from_code", profile_from_code)
        _set(self, "runner", NoRunner() if runner is None else runner)
        _set(self, "prompter", prompter)

    def for_profile(self, profile: str) -> ProviderContext:
        """The same context for another profile (a ``source_profile``), environment disabled."""
        return ProviderContext(self.env, self.files, profile, True, self.runner, self.prompter)


class CredentialProvider(Protocol):
    """One named source of credentials (see the rules in this module's docstring)."""

    @property
    def method(self) -> str:
        """botocore's name for the source, also stored on the credentials it returns."""

    def load(self, ctx: ProviderContext) -> Credentials:
        """Credentials, or raise ``CredentialsNotLoaded`` (move on), or raise an error (stop)."""


def add_note(error: BaseException, note: str) -> None:
    """Attach a note shown under the traceback (``BaseException.add_note``; 3.10 included)."""
    notes = error.__dict__.setdefault("__notes__", [])
    if isinstance(notes, list):
        notes.append(note)


class CredentialChain(FrozenValue):
    """Providers tried in order; the first one that loads wins."""

    __slots__ = ("providers",)
    _fields = ("providers",)
    providers: tuple[CredentialProvider, ...]

    def __init__(self, providers: tuple[CredentialProvider, ...]) -> None:
        _set(self, "providers", providers)

    @property
    def methods(self) -> tuple[str, ...]:
        return tuple(provider.method for provider in self.providers)

    def resolve(self, ctx: ProviderContext) -> Credentials | None:
        """The first provider's credentials, ``None`` when none is configured (Rules 1-4)."""
        for provider in self.providers:
            try:
                credentials = provider.load(ctx)
            except CredentialsNotLoaded:
                continue
            except Exception as error:
                add_note(error, f"(credential provider {provider.method!r}, "
                                f"profile {ctx.profile!r})")
                raise
            logger.debug("Found credentials with provider %r for profile %r.",
                         provider.method, ctx.profile)
            return credentials
        logger.debug("No credentials found for profile %r; tried: %s.", ctx.profile,
                     ", ".join(self.methods))
        return None
