"""``assume-role``: a profile with ``role_arn`` (and no ``web_identity_token_file``).

Rules (botocore 1.43):

1. Exactly one of ``source_profile`` / ``credential_source``: both is ``InvalidConfigError``,
   neither is ``PartialCredentialsError``. ``credential_source`` is one of ``Environment``,
   ``Ec2InstanceMetadata``, ``EcsContainer`` (exact spelling), which name the ``env``,
   ``iam-role`` and ``container-role`` providers.
2. A ``source_profile`` that is itself an assume-role profile without static keys is assumed
   first (role chaining); any other source profile is resolved by the profile chain (web
   identity, SSO, credentials file, login, process, config file; environment disabled) and must
   yield credentials. Visiting a profile twice is ``InfiniteLoopConfigError``, except a profile
   naming itself while holding static keys.
3. The call is STS ``AssumeRole`` in the chain's region, signed with the source credentials, with
   ``RoleSessionName`` (default ``botocore-session-<unix time>``), ``ExternalId``,
   ``SerialNumber`` (+ a ``TokenCode`` asked through the prompter, ``getpass`` by default) and
   ``DurationSeconds`` (an unparsable value is ignored) from the profile.
4. Credentials are deferred (no STS call until first use) and refresh 15 minutes before expiry.
   With ``mfa_serial`` they are fetched once: a refresh raises ``RefreshWithMFAUnsupportedError``.
5. The account id comes from the assumed role's ARN. With the opt-in file cache
   (:mod:`awsession.credentials.cache`) a fresh cached response skips the STS call.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..._core.effects import Invoke
from ..._core.env import Clock
from ...exceptions import (
    CredentialRetrievalError,
    InfiniteLoopConfigError,
    InvalidConfigError,
    PartialCredentialsError,
    RefreshWithMFAUnsupportedError,
)
from ..cache import JSONFileCache, assume_role_cache_key, configured_cache
from ..chain import CredentialProvider, ProviderContext, add_note
from ..runner import FlowRunner
from ..sts import fetch_cached, sts_call_flow
from ..types import Credentials, CredentialsNotLoaded, DeferredRefreshableCredentials, RefreshResult

__all__ = ["AssumeRoleProvider", "assume_role_credentials", "default_session_name"]

METHOD = "assume-role"
_STATIC_KEYS = ("aws_access_key_id", "aws_secret_access_key")


def _credential_sources() -> dict[str, CredentialProvider]:
    from .container import ContainerProvider
    from .env import EnvProvider
    from .imds import InstanceMetadataProvider

    return {"Environment": EnvProvider(), "Ec2InstanceMetadata": InstanceMetadataProvider(),
            "EcsContainer": ContainerProvider()}


def has_role(profile: Mapping[str, Any]) -> bool:
    return "role_arn" in profile and "web_identity_token_file" not in profile


def _has_static(profile: Mapping[str, Any]) -> bool:
    return any(key in profile for key in _STATIC_KEYS)


def default_session_name(clock: Clock) -> str:
    """botocore's generated role session name."""
    return f"botocore-session-{int(clock.time())}"


def _fetch_once(refresh: Callable[[], RefreshResult]) -> Callable[[], RefreshResult]:
    """With MFA: the first call fetches, any later refresh cannot (Rule 4)."""
    called = False

    def once() -> RefreshResult:
        nonlocal called
        if called:
            raise RefreshWithMFAUnsupportedError()
        called = True
        return refresh()

    return once


def assume_role_credentials(params: Mapping[str, Any], *, runner: FlowRunner, clock: Clock,
                            source: Credentials | None, cache: JSONFileCache | None = None,
                            prompter: Callable[[str], str] | None = None,
                            generated_session_name: bool = False,
                            region: str | None = None) -> DeferredRefreshableCredentials:
    """Deferred, refreshing credentials for ``sts.assume_role(**params)`` (Rules 3-5).

    ``source`` signs the STS call (``None``: the runner's session's own credentials).
    """
    call_params = dict(params)
    key = assume_role_cache_key(call_params, generated_session_name)
    serial = call_params.get("SerialNumber")

    def call() -> Mapping[str, Any]:
        args = dict(call_params)
        if serial is not None:
            if prompter is None:
                import getpass

                args["TokenCode"] = getpass.getpass(f"Enter MFA code for {serial}: ")
            else:
                args["TokenCode"] = prompter(f"Enter MFA code for {serial}: ")
        effect = Invoke("sts", "AssumeRole", args, region=region, credentials=source)
        return runner.run(sts_call_flow(effect))

    def refresh() -> RefreshResult:
        return fetch_cached(provider=METHOD, fetch=call, cache=cache, cache_key=key,
                            now=clock.time)

    return DeferredRefreshableCredentials(
        _fetch_once(refresh) if serial is not None else refresh, METHOD, clock)


def _where(ctx: ProviderContext, profile: str, key: str) -> str:
    return f"{key} of profile {profile!r} ({ctx.files.file_of(profile, key) or 'config files'})"


def _role_params(ctx: ProviderContext, name: str,
                 profile: Mapping[str, Any]) -> tuple[dict[str, Any], bool]:
    params: dict[str, Any] = {"RoleArn": profile["role_arn"]}
    generated = False
    session_name = profile.get("role_session_name")
    if session_name is not None:
        params["RoleSessionName"] = session_name
    else:
        params["RoleSessionName"] = default_session_name(ctx.env.clock)
        generated = True
    for key, arg in (("external_id", "ExternalId"), ("mfa_serial", "SerialNumber")):
        if profile.get(key) is not None:
            params[arg] = profile[key]
    duration = profile.get("duration_seconds")
    if duration is not None:
        try:
            params["DurationSeconds"] = int(duration)
        except (TypeError, ValueError):
            pass
    return params, generated


def _check_sources(ctx: ProviderContext, name: str, profile: Mapping[str, Any],
                   visited: list[str]) -> None:
    source_profile = profile.get("source_profile")
    credential_source = profile.get("credential_source")
    if source_profile is not None and credential_source is not None:
        raise InvalidConfigError(error_msg=f'The profile "{name}" contains both '
                                           "source_profile and credential_source.")
    if source_profile is None and credential_source is None:
        error = PartialCredentialsError(provider=METHOD,
                                        cred_var="source_profile or credential_source")
        add_note(error, f"{_where(ctx, name, 'role_arn')} needs one of them")
        raise error
    if credential_source is not None:
        if credential_source not in _credential_sources():
            raise InvalidConfigError(error_msg=f'The credential source "{credential_source}" '
                                               f'referenced in profile "{name}" is not valid.')
        return
    profiles = ctx.files.profiles
    if source_profile not in profiles:
        raise InvalidConfigError(error_msg=f'The source_profile "{source_profile}" referenced in '
                                           f'the profile "{name}" does not exist.')
    if source_profile not in visited:
        return
    if source_profile != name or not _has_static(profiles[source_profile]):
        raise InfiniteLoopConfigError(source_profile=source_profile, visited_profiles=visited)


def _from_credential_source(ctx: ProviderContext, name: str, source_name: str) -> Credentials:
    provider = _credential_sources()[source_name]
    try:
        return provider.load(ctx)
    except CredentialsNotLoaded:
        raise CredentialRetrievalError(
            provider=source_name,
            error_msg=f"No credentials found in credential_source referenced in profile {name}",
        ) from None


def _from_source_profile(ctx: ProviderContext, source: str, visited: list[str]) -> Credentials:
    profile = ctx.files.profiles[source]
    if _has_static(profile) or not has_role(profile):
        from ..default_chain import PROFILE_PROVIDERS

        credentials = PROFILE_PROVIDERS.resolve(ctx.for_profile(source))
        if credentials is None:
            raise InvalidConfigError(error_msg=f'The source profile "{source}" must have '
                                               "credentials.")
        return credentials
    return _assume_from_profile(ctx, source, visited)


def _assume_from_profile(ctx: ProviderContext, name: str,
                         visited: list[str]) -> DeferredRefreshableCredentials:
    profile = ctx.files.profiles[name]
    _check_sources(ctx, name, profile, visited)
    params, generated = _role_params(ctx, name, profile)
    credential_source = profile.get("credential_source")
    if credential_source is not None:
        source = _from_credential_source(ctx, name, str(credential_source))
    else:
        source_profile = str(profile["source_profile"])
        visited.append(source_profile)
        source = _from_source_profile(ctx, source_profile, visited)
    return assume_role_credentials(params, runner=ctx.runner, clock=ctx.env.clock, source=source,
                                   cache=configured_cache(ctx), prompter=ctx.prompter,
                                   generated_session_name=generated)


class AssumeRoleProvider:
    method = METHOD

    def load(self, ctx: ProviderContext) -> Credentials:
        profile = ctx.files.profiles.get(ctx.profile, {})
        if not has_role(profile):
            raise CredentialsNotLoaded
        return _assume_from_profile(ctx, ctx.profile, [ctx.profile])
