"""Resolve configuration values, each with the place it came from.

Theory of operation. A value is looked for in this order, and the first place that has it wins:

1. **explicit** -- ``overrides`` given by code (``Session(region_name=...)``, client ``Config``);
2. **env** -- the field's environment variables, in table order (set-but-empty counts);
3. **profile** -- the field's keys in the active profile (config file merged with credentials file);
4. **defaults mode** -- ``sdk-default-configuration.json`` for the few fields it covers, when the
   defaults mode is not ``legacy``;
5. **default** -- the table's default.

Rules:

* Everything is read at call time from the injected :class:`Environment` and the lazily parsed
  :class:`ConfigFiles`; the resolver keeps no copy, so it is cheap to make and never stale.
* A found value goes through the field's converter, then its validator. Errors are botocore's
  classes and texts, followed by the field name and the place the bad value came from, e.g.
  ``... (max_attempts from [profile dev] in /home/u/.aws/config)``.
* A missing profile raises ``ProfileNotFound`` when a value is first looked up in it, unless the
  profile is the implicit ``default`` (nothing chose it), which is then just empty -- as botocore.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NoReturn

from awsession._core.env import Environment
from awsession.config.fields import FIELDS, SECTIONS, Field
from awsession.config.files import ConfigFiles
from awsession.exceptions import (
    BotoCoreError,
    InvalidConfigError,
    ProfileNotFound,
)

__all__ = ["ConfigResolver", "Resolved", "describe_source", "resolve_profile_name"]

_EMPTY: Mapping[str, Any] = MappingProxyType({})
_PROFILE_ENV = ("AWS_DEFAULT_PROFILE", "AWS_PROFILE")


class Resolved:
    """A setting's value and where it came from (immutable, compared by value).

    ``source`` is one of ``"explicit"``, ``"env:NAME"``,
    ``"config-file:/path [profile dev]"``, ``"credentials-file:/path [dev]"``,
    ``"defaults-mode:MODE"`` or ``"default"``.
    """

    __slots__ = ("source", "value")

    value: Any
    source: str

    def __init__(self, value: Any, source: str) -> None:
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "source", source)

    def __setattr__(self, name: str, value: Any) -> NoReturn:
        raise AttributeError(f"cannot assign to field {name!r}: Resolved is immutable")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"cannot delete field {name!r}: Resolved is immutable")

    def __eq__(self, other: object) -> bool:
        if type(other) is not Resolved:
            return NotImplemented
        return (self.value, self.source) == (other.value, other.source)

    def __hash__(self) -> int:
        return hash((self.value, self.source))

    def __repr__(self) -> str:
        return f"Resolved(value={self.value!r}, source={self.source!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Resolved, (self.value, self.source))


def resolve_profile_name(env: Mapping[str, str], explicit: str | None) -> Resolved:
    """The active profile: explicit, else ``AWS_DEFAULT_PROFILE``, else ``AWS_PROFILE``, else
    ``default`` (``AWS_DEFAULT_PROFILE`` is checked first, as botocore does)."""
    if explicit is not None:
        return Resolved(explicit, "explicit")
    for name in _PROFILE_ENV:
        if name in env:
            return Resolved(env[name], f"env:{name}")
    return Resolved("default", "default")


def describe_source(source: str) -> str:
    """A provenance string in words, for error messages."""
    kind, _, rest = source.partition(":")
    if kind == "env":
        return f"from environment variable {rest}"
    if kind in ("config-file", "credentials-file"):
        path, _, section = rest.rpartition(" [")
        return f"from [{section} in {path}"
    if kind == "defaults-mode":
        return f"from defaults mode {rest}"
    if kind == "explicit":
        return "set in code"
    return f"from {source}"


def _with_source(error: BotoCoreError, name: str, source: str) -> BotoCoreError:
    """Append "(name from <where>)" to botocore's message text, keeping class and fields."""
    error.args = (f"{error.args[0]} ({name} {describe_source(source)})",)
    return error


def _split_key(key: str) -> tuple[str, str | None]:
    head, dot, tail = key.partition(".")
    return (head, tail) if dot else (key, None)


_KEY_PATHS: Mapping[str, tuple[str, str | None]] = {
    key: _split_key(key) for field in FIELDS.values() for key in field.profile_keys}


def service_config_key(service_id: str) -> str:
    """``"DynamoDB Streams"`` -> ``"dynamodb_streams"`` (services sections and env var names)."""
    return service_id.replace(" ", "_").replace("-", "_").lower()


class ConfigResolver:
    """Answers "what is setting X, and where did it come from?" for one profile."""

    __slots__ = ("_env", "_files", "_imds_region", "_overrides", "_profile", "_profile_source",
                 "_settings")

    def __init__(self, env: Environment, files: ConfigFiles, profile: str | Resolved = "default",
                 overrides: Mapping[str, Any] = _EMPTY, *,
                 imds_region: str | None = None) -> None:
        if isinstance(profile, Resolved):
            self._profile, self._profile_source = str(profile.value), profile.source
        else:
            self._profile = profile
            self._profile_source = "default" if profile == "default" else "explicit"
        self._env = env
        self._files = files
        self._overrides = {k: v for k, v in overrides.items() if v is not None}
        self._imds_region = imds_region
        self._settings: Mapping[str, Any] | None = None

    def __repr__(self) -> str:
        return f"ConfigResolver(profile={self._profile!r}, files={self._files!r})"

    @property
    def profile(self) -> str:
        return self._profile

    @property
    def files(self) -> ConfigFiles:
        return self._files

    # -- the active profile -----------------------------------------------------------------------

    def profile_settings(self) -> Mapping[str, Any]:
        """The active profile's merged settings (read-only by convention)."""
        settings = self._settings
        if settings is None:
            settings = self._files.profile(self._profile)
            if settings is None:
                if self._profile_source != "default":
                    raise ProfileNotFound(profile=self._profile)
                settings = _EMPTY
            self._settings = settings
        return settings

    def _from_profile(self, key: str) -> Resolved | None:
        settings = self.profile_settings()
        if not settings:
            return None
        head, tail = _KEY_PATHS.get(key) or _split_key(key)
        if tail is not None:
            section = settings.get(head)
            value = section.get(tail) if isinstance(section, dict) else None
        else:
            value = settings.get(key)
        if value is None:
            return None
        return Resolved(value, self._files.source_of(self._profile, head) or "config-file")

    # -- single fields ----------------------------------------------------------------------------

    def resolve(self, name: str) -> Resolved:
        """The value of setting ``name`` (a FIELDS name, ``"s3"`` or ``"proxies_config"``)."""
        if name in SECTIONS:
            return self._resolve_section(name)
        if name == "profile":
            return Resolved(self._profile, self._profile_source)
        field = FIELDS.get(name)
        if field is None:
            raise KeyError(f"unknown configuration setting {name!r}")
        return self._resolve_field(field)

    def get(self, name: str) -> Any:
        """Just the value of ``name``; ``None`` for a name that is no setting (as botocore)."""
        if name not in FIELDS and name not in SECTIONS:
            return None
        return self.resolve(name).value

    def resolve_all(self) -> dict[str, Resolved]:
        """Every field of the table, resolved."""
        return {name: self.resolve(name) for name in FIELDS}

    def _resolve_field(self, field: Field) -> Resolved:
        found = self._find(field)
        if found is None:
            return self._fallback(field)
        try:
            value = field.kind.convert(found.value)
            if field.validator is not None:
                field.validator(value)
        except BotoCoreError as error:
            raise _with_source(error, field.name, found.source) from None
        except (ValueError, TypeError):
            raise _with_source(InvalidConfigError(
                error_msg=f"Invalid value {found.value!r} for {field.name}: expected a value of "
                          f"type {field.kind.name}"), field.name, found.source) from None
        return Resolved(value, found.source)

    def _find(self, field: Field) -> Resolved | None:
        explicit = self._overrides.get(field.name)
        if explicit is not None:
            return Resolved(explicit, "explicit")
        get_env = self._env.env.get
        for var in field.env_vars:
            value = get_env(var)  # one look-up per variable (``in`` then ``[]`` would be two)
            if value is not None:
                return Resolved(value, f"env:{var}")
        for key in field.profile_keys:
            found = self._from_profile(key)
            if found is not None:
                return found
        return None

    def _fallback(self, field: Field) -> Resolved:
        if field.defaults_mode is not None:
            mode = self.defaults_mode().value
            if mode != "legacy":
                from awsession.config.defaults_mode import mode_values  # only for a mode

                return Resolved(mode_values(mode).get(field.name), f"defaults-mode:{mode}")
        if field.name == "retry_mode" and self._env.env.get(
                "AWS_NEW_RETRIES_2026", "").lower() == "true":
            return Resolved("standard", "default")
        default = field.default
        if isinstance(default, MappingProxyType):
            default = dict(default)
        return Resolved(default, "default")

    def defaults_mode(self) -> Resolved:
        """The concrete defaults mode (``auto`` already decided), lower-cased and validated."""
        found = self.resolve("defaults_mode")
        mode = str(found.value).lower()
        if mode == "auto":
            from awsession.config.defaults_mode import resolve_auto_mode

            mode = resolve_auto_mode(self.resolve("region").value, self._env.env,
                                     self._imds_region)
        return Resolved(mode, found.source)

    # -- sections ---------------------------------------------------------------------------------

    def _resolve_section(self, section: str) -> Resolved:
        raw = self.profile_settings().get(section)
        if raw and not isinstance(raw, dict):
            return Resolved(None, "default")  # botocore ignores a non-dict section entirely
        values: dict[str, Any] | None = dict(raw) if isinstance(raw, dict) else None
        sources: list[str] = []
        if values is not None:
            sources.append(self._files.source_of(self._profile, section) or "config-file")
        for field in SECTIONS[section]:
            found = self._resolve_field(field)
            if found.value is not None:
                values = {} if values is None else values
                values[field.key] = found.value
                sources.append(found.source)
        explicit = self._overrides.get(section)
        if isinstance(explicit, Mapping):
            values = {**(values or {}), **explicit}
            sources.append("explicit")
        unique = list(dict.fromkeys(sources))
        return Resolved(values, "; ".join(unique) if unique else "default")

    def s3_settings(self) -> dict[str, Any]:
        """The ``s3`` dict: nested ``s3`` section, alternate keys, env vars, explicit ``s3``."""
        return dict(self._resolve_section("s3").value or {})

    def proxies_config(self) -> dict[str, Any]:
        """The ``proxies_config`` dict (nested section plus top-level ``proxy_*`` keys)."""
        return dict(self._resolve_section("proxies_config").value or {})

    # -- endpoint URLs ----------------------------------------------------------------------------

    def resolve_endpoint_url(self, service_id: str) -> Resolved | None:
        """The configured endpoint URL for a service (its model's ``serviceId``), or ``None``.

        Explicit ``endpoint_url`` > ``AWS_ENDPOINT_URL_<SERVICE_ID>`` > ``AWS_ENDPOINT_URL`` >
        ``[services X]`` section named by the profile's ``services`` key > profile
        ``endpoint_url``; all but the first are skipped when ``ignore_configured_endpoint_urls``.
        """
        explicit = self._overrides.get("endpoint_url")
        if explicit is not None:
            return Resolved(explicit, "explicit")
        if self.resolve("ignore_configured_endpoint_urls").value:
            return None
        key = service_config_key(service_id)
        env = self._env.env
        for var in (f"AWS_ENDPOINT_URL_{key.upper()}", "AWS_ENDPOINT_URL"):
            if env.get(var):
                return Resolved(env[var], f"env:{var}")
        settings = self.profile_settings()
        if "services" in settings:
            name = settings["services"]
            section = self._files.services.get(name)
            if not section:
                error = InvalidConfigError(
                    error_msg=f"The profile is configured to use the services section but the "
                              f'"{name}" services configuration does not exist.')
                raise _with_source(error, "services",
                                   self._files.source_of(self._profile, "services") or "")
            service = section.get(key)
            url = service.get("endpoint_url") if isinstance(service, dict) else None
            if url:
                return Resolved(url, self._files.services_source(name))
        url = settings.get("endpoint_url")
        if url:
            return Resolved(url, self._files.source_of(self._profile, "endpoint_url") or "")
        return None

    # -- retries ----------------------------------------------------------------------------------

    def retry_config(self, config_retries: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """The client's ``retries`` dict (``mode`` and maybe ``total_max_attempts``), as botocore
        computes ``client.meta.config.retries`` from ``Config(retries=...)`` and the settings."""
        retries = dict(config_retries) if config_retries is not None else None
        if retries is not None and "total_max_attempts" in retries:
            retries.pop("max_attempts", None)
        elif retries is not None and "max_attempts" in retries:
            retries["total_max_attempts"] = retries.pop("max_attempts") + 1
        else:
            total = self.resolve("max_attempts").value
            if total is not None:
                retries = {} if retries is None else retries
                retries["total_max_attempts"] = total
        retries = {} if retries is None else retries
        if "mode" not in retries:
            retries["mode"] = self.resolve("retry_mode").value or "legacy"
        return retries
