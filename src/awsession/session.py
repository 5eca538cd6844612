"""The Session: credentials, a region, a profile and settings; it makes clients and resources.

Rules:

1. The constructor is boto3's (``Session(aws_access_key_id=None, ..., profile_name=None,
   aws_account_id=None)``) and so are the public methods and properties. ``botocore_session`` is
   accepted for signature compatibility and must be ``None``.
2. Construction is cheap: it reads no model data and resolves nothing but the profile name. The
   config files are parsed once per process per file version (``config.files``), and a profile
   that is named (in code or by ``AWS_PROFILE``/``AWS_DEFAULT_PROFILE``) but defined nowhere
   raises ``ProfileNotFound`` right away, as boto3 does -- ``default`` included; only an unnamed
   ``default`` may be missing.
3. Keys passed in code must come in pairs (``PartialCredentialsError`` otherwise); a lone token
   or account id is ignored. Otherwise credentials come from the default chain, resolved once on
   first use, under a lock, and cached on the session; ``None`` when nothing is configured.
4. A Session is immutable (setting an attribute raises; ``set_default_client_config`` is the one
   documented setter) and thread-safe. It pickles as its *recipe* (the constructor arguments,
   explicit keys included, since they are the caller's own) and rebuilds in the other process.
5. ``repr`` shows the region only, like boto3's; secrets never appear anywhere.
6. ``assume_role(role_arn, ...)`` (awsession addition) returns a new Session whose credentials
   assume the role with this session's credentials, lazily, refreshing themselves 15 minutes
   before expiry; it keeps this session's profile, settings and default client config, and its
   own region if given. It chains (``a.assume_role(x).assume_role(y)``) and pickles as "the
   parent's recipe plus the AssumeRole arguments".
"""

from __future__ import annotations

import importlib
import threading
from typing import TYPE_CHECKING, Any, NoReturn

from ._core.env import Environment
from .config.files import ConfigFiles
from .config.resolve import ConfigResolver, Resolved, resolve_profile_name
from .exceptions import ProfileNotFound, UnknownRegionError, UnknownServiceError

if TYPE_CHECKING:
    from .config.client_config import Config
    from .credentials.types import Credentials
    from .model.loader import DataLoader

__all__ = ["Session"]

_os_environment: Environment | None = None


def _environment() -> Environment:
    """The process environment (one shared value; ``os.environ`` is read live through it)."""
    global _os_environment
    env = _os_environment
    if env is None:
        env = _os_environment = Environment.from_os()
    return env


def _rebuild(recipe: dict[str, Any], default_config: Config | None) -> Session:
    session = Session(**recipe)
    if default_config is not None:
        session.set_default_client_config(default_config)
    return session


def _rebuild_assumed(parent: Session, params: dict[str, Any], region_name: str | None,
                     default_config: Config | None) -> Session:
    session = parent._assumed_session(params, region_name)
    if default_config is not None:
        session.set_default_client_config(default_config)
    return session


class Session:
    """A boto3-compatible session (see the module docstring for its rules)."""

    __slots__ = ("_assumed", "_credentials", "_credentials_done", "_default_client_config",
                 "_env", "_explicit", "_files", "_loader", "_lock", "_profile",
                 "_profile_from_code", "_recipe", "_resolver")

    _env: Environment
    _files: ConfigFiles
    _resolver: ConfigResolver
    _profile: str
    _profile_from_code: bool
    _explicit: Credentials | None
    _recipe: dict[str, Any]
    _lock: threading.Lock
    _credentials: Credentials | None
    _credentials_done: bool
    _default_client_config: Config | None
    _loader: DataLoader | None
    _assumed: tuple[Session, dict[str, Any], str | None] | None

    def __init__(self, aws_access_key_id: str | None = None,
                 aws_secret_access_key: str | None = None, aws_session_token: str | None = None,
                 region_name: str | None = None, botocore_session: object | None = None,
                 profile_name: str | None = None, aws_account_id: str | None = None) -> None:
        if botocore_session is not None:
            raise ValueError("awsession.Session does not wrap a botocore session: "
                             "botocore_session must be None (awsession does not use botocore)")
        env = _environment()
        files = ConfigFiles(env)
        chosen = resolve_profile_name(env.env, profile_name)
        profile = str(chosen.value)
        if chosen.source != "default" and files.profile(profile) is None:
            raise ProfileNotFound(profile=profile)
        explicit = None
        if aws_access_key_id or aws_secret_access_key or aws_session_token or aws_account_id:
            from .credentials.providers.explicit import explicit_credentials

            explicit = explicit_credentials(aws_access_key_id, aws_secret_access_key,
                                            aws_session_token, aws_account_id)
        overrides = {} if region_name is None else {"region": region_name}
        setter = object.__setattr__
        setter(self, "_env", env)
        setter(self, "_files", files)
        setter(self, "_resolver", ConfigResolver(env, files, chosen, overrides))
        setter(self, "_profile", profile)
        setter(self, "_profile_from_code", profile_name is not None)
        setter(self, "_explicit", explicit)
        setter(self, "_recipe", {
            "aws_access_key_id": aws_access_key_id,
            "aws_secret_access_key": aws_secret_access_key,
            "aws_session_token": aws_session_token, "region_name": region_name,
            "profile_name": profile_name, "aws_account_id": aws_account_id,
        })
        setter(self, "_lock", threading.Lock())
        setter(self, "_credentials", None)
        setter(self, "_credentials_done", False)
        setter(self, "_default_client_config", None)
        setter(self, "_loader", None)
        setter(self, "_assumed", None)

    # -- immutability, pickling, repr ------------------------------------------------------------

    def __setattr__(self, name: str, value: Any) -> NoReturn:
        raise AttributeError(f"Session objects are immutable (cannot set {name!r}); "
                             "make a new Session instead")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError("Session objects are immutable")

    def __reduce__(self) -> tuple[Any, ...]:
        if self._assumed is not None:
            parent, params, region_name = self._assumed
            return (_rebuild_assumed, (parent, dict(params), region_name,
                                       self._default_client_config))
        return (_rebuild, (dict(self._recipe), self._default_client_config))

    def __repr__(self) -> str:
        return f"{type(self).__name__}(region_name={self.region_name!r})"

    # -- boto3's properties ----------------------------------------------------------------------

    @property
    def profile_name(self) -> str:
        """The **read-only** profile name (``default`` when none was chosen)."""
        return self._profile

    @property
    def region_name(self) -> str | None:
        """The **read-only** region name (explicit, then environment, then profile)."""
        value = self._resolver.get("region")
        return None if value is None else str(value)

    @property
    def available_profiles(self) -> list[str]:
        """The profiles defined in the config and credentials files."""
        return self._files.profile_names

    # -- settings --------------------------------------------------------------------------------

    def get_config_variable(self, name: str) -> Any:
        """The value of a setting (botocore's logical names: ``region``, ``retry_mode``, ...).

        ``profile`` is ``None`` unless a profile was chosen (in code or by environment), as boto3.
        """
        if name == "profile":
            chosen = self._resolver.resolve("profile")
            return None if chosen.source == "default" else chosen.value
        return self._resolver.get(name)

    def config_source(self, name: str) -> Resolved:
        """A setting's value and where it came from (awsession addition)."""
        return self._resolver.resolve(name)

    def set_default_client_config(self, config: Config | None) -> None:
        """The ``Config`` merged under every client's own config from now on (botocore's)."""
        with self._lock:
            object.__setattr__(self, "_default_client_config", config)

    def get_default_client_config(self) -> Config | None:
        return self._default_client_config

    # -- credentials -----------------------------------------------------------------------------

    def get_credentials(self) -> Credentials | None:
        """The session's credentials, resolved once; ``None`` when nothing is configured."""
        if self._credentials_done:
            return self._credentials
        with self._lock:
            if not self._credentials_done:
                credentials = self._explicit
                if credentials is None:
                    credentials = self._resolve_chain()
                object.__setattr__(self, "_credentials", credentials)
                object.__setattr__(self, "_credentials_done", True)
            return self._credentials

    def _resolve_chain(self) -> Credentials | None:
        from ._client.credential_runner import CredentialRunner
        from .credentials.chain import ProviderContext
        from .credentials.default_chain import default_chain

        ctx = ProviderContext(self._env, self._files, self._profile, self._profile_from_code,
                              runner=CredentialRunner(self))
        return default_chain(profile_from_code=self._profile_from_code).resolve(ctx)

    def assume_role(self, role_arn: str, *, role_session_name: str | None = None,
                    external_id: str | None = None, duration_seconds: int | None = None,
                    policy: str | None = None, tags: Any = None,
                    source_identity: str | None = None,
                    region_name: str | None = None) -> Session:
        """A new Session whose credentials assume ``role_arn`` (awsession addition).

        The STS ``AssumeRole`` call is signed with this session's credentials and made through
        this session (its region, endpoint settings and default client config), on the new
        session's first use; the new credentials refresh themselves before they expire.
        ``role_session_name`` defaults to ``botocore-session-<unix time>``; ``tags`` is a list
        of ``{"Key": ..., "Value": ...}`` or a plain dict; ``region_name`` is the new session's
        region (default: this session's).
        """
        from .credentials.providers.assume_role import default_session_name

        params: dict[str, Any] = {"RoleArn": role_arn, "RoleSessionName": (
            role_session_name if role_session_name is not None
            else default_session_name(self._env.clock))}
        if tags is not None and not isinstance(tags, list | tuple):
            tags = [{"Key": key, "Value": value} for key, value in dict(tags).items()]
        for name, value in (("ExternalId", external_id), ("DurationSeconds", duration_seconds),
                            ("Policy", policy), ("Tags", None if tags is None else list(tags)),
                            ("SourceIdentity", source_identity)):
            if value is not None:
                params[name] = value
        session = self._assumed_session(params, region_name)
        default_config = self._default_client_config
        if default_config is not None:
            session.set_default_client_config(default_config)
        return session

    def _assumed_session(self, params: dict[str, Any], region_name: str | None) -> Session:
        from ._client.credential_runner import CredentialRunner
        from .credentials.providers.assume_role import assume_role_credentials

        recipe = self._recipe
        session = Session(region_name=region_name if region_name is not None
                          else recipe["region_name"], profile_name=recipe["profile_name"])
        credentials = assume_role_credentials(params, runner=CredentialRunner(self),
                                              clock=self._env.clock, source=None)
        setter = object.__setattr__
        setter(session, "_explicit", credentials)
        setter(session, "_assumed", (self, dict(params), region_name))
        return session

    # -- clients and resources -------------------------------------------------------------------

    def client(self, service_name: str, region_name: str | None = None,
               api_version: str | None = None, use_ssl: bool = True,
               verify: bool | str | None = None, endpoint_url: str | None = None,
               aws_access_key_id: str | None = None, aws_secret_access_key: str | None = None,
               aws_session_token: str | None = None, config: Config | None = None,
               aws_account_id: str | None = None) -> Any:
        """A low-level client for ``service_name`` (boto3's signature)."""
        from ._client.factory import create_client

        return create_client(
            self, service_name, region_name=region_name, api_version=api_version,
            use_ssl=use_ssl, verify=verify, endpoint_url=endpoint_url,
            aws_access_key_id=aws_access_key_id, aws_secret_access_key=aws_secret_access_key,
            aws_session_token=aws_session_token, config=config, aws_account_id=aws_account_id,
        )

    def resource(self, service_name: str, region_name: str | None = None,
                 api_version: str | None = None, use_ssl: bool = True,
                 verify: bool | str | None = None, endpoint_url: str | None = None,
                 aws_access_key_id: str | None = None, aws_secret_access_key: str | None = None,
                 aws_session_token: str | None = None, config: Config | None = None) -> Any:
        """A resource (boto3's object-oriented interface) for ``service_name``."""
        # Imported by name until awsession.resources exists (keeps mypy green meanwhile).
        factory = importlib.import_module("awsession.resources.factory")
        return factory.create_resource(
            self, service_name, region_name=region_name, api_version=api_version,
            use_ssl=use_ssl, verify=verify, endpoint_url=endpoint_url,
            aws_access_key_id=aws_access_key_id, aws_secret_access_key=aws_secret_access_key,
            aws_session_token=aws_session_token, config=config,
        )

    # -- what the installed data offers ----------------------------------------------------------

    def _data_loader(self) -> DataLoader:
        loader = self._loader
        if loader is None:
            from .model.loader import default_loader

            data_path = self._resolver.get("data_path")
            loader = default_loader(None if data_path is None else str(data_path))
            object.__setattr__(self, "_loader", loader)
        return loader

    def get_available_services(self) -> list[str]:
        """Services that have a client model (``service-2``), sorted."""
        from .model.services import list_available_services

        return list_available_services(loader=self._data_loader())

    def get_available_resources(self) -> list[str]:
        """Services that have a boto3 resource model (``resources-1``), sorted."""
        from .model.services import list_available_services

        return list_available_services("resources-1", loader=self._data_loader())

    def get_available_partitions(self) -> list[str]:
        """Partition names (``aws``, ``aws-cn``, ...) in ``endpoints.json`` order."""
        from .model.services import load_endpoints_legacy

        endpoints = load_endpoints_legacy(loader=self._data_loader())
        return [partition["partition"] for partition in endpoints["partitions"]]

    def get_available_regions(self, service_name: str, partition_name: str = "aws",
                              allow_non_regional: bool = False) -> list[str]:
        """Regions (and, if asked, other endpoint names) ``endpoints.json`` lists for a service.

        Like boto3, the service is looked up by its model's endpoint prefix; an unknown service
        or partition gives an empty list.
        """
        from .model.services import load_endpoints_legacy, load_service_model

        loader = self._data_loader()
        try:
            model = load_service_model(service_name, loader=loader)
        except UnknownServiceError:
            return []
        prefix = model.metadata.get("endpointPrefix", service_name)
        for partition in load_endpoints_legacy(loader=loader)["partitions"]:
            if partition["partition"] != partition_name:
                continue
            service = partition["services"].get(prefix)
            if service is None:
                continue
            regions = partition["regions"]
            return [name for name in service["endpoints"]
                    if allow_non_regional or name in regions]
        return []

    def get_partition_for_region(self, region_name: str) -> str:
        """The partition whose region list or region regex matches ``region_name``."""
        import re

        from .model.services import load_endpoints_legacy

        for partition in load_endpoints_legacy(loader=self._data_loader())["partitions"]:
            if region_name in partition["regions"]:
                return str(partition["partition"])
            pattern = partition.get("regionRegex")
            if pattern is not None and re.match(pattern, region_name):
                return str(partition["partition"])
        raise UnknownRegionError(region_name=region_name,
                                 error_msg="No partition found for provided region_name.")
