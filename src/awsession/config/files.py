"""The shared config and credentials files of one environment, parsed lazily, with provenance.

Rules:

1. Paths come from ``AWS_CONFIG_FILE`` / ``AWS_SHARED_CREDENTIALS_FILE`` (set-but-empty means "no
   file"), defaulting to ``~/.aws/config`` and ``~/.aws/credentials``; ``$VAR`` and ``~`` are
   expanded as botocore does, with the injected environment (``HOME`` if set, else ``fs.home()``).
2. Nothing is read when a ``ConfigFiles`` is made. Both files are read and parsed on first access to
   any property, so a broken file raises ``ConfigParseError`` when a value is first needed. A missing
   file is simply empty.
3. The parsed and mapped files are cached process-wide by both paths and their
   ``fs.version(path)``: many sessions share one parse, and a file changed on disk is re-read by the
   next ``ConfigFiles`` (botocore re-parses per session and never re-reads within one). The dicts
   returned are shared by every reader: treat them as read-only.
4. Profiles are built as botocore builds them: in the config file ``[default]`` and
   ``[profile NAME]`` (``NAME`` split shell-style, so quotes are optional; anything but exactly one
   word is ignored; the later of two sections naming one profile wins whole), ``[sso-session NAME]``
   and ``[services NAME]`` likewise; in the credentials file every section is a profile by its bare
   header. Credentials sections are merged over config profiles key by key.
"""

from __future__ import annotations

from _thread import allocate_lock
from typing import TYPE_CHECKING, Any

from awsession._core.env import Environment, FileSystem

if TYPE_CHECKING:
    import re

    from awsession.config.inifile import IniSections

__all__ = ["ConfigFiles", "clear_parse_cache", "expand_path"]

DEFAULT_CONFIG_FILE = "~/.aws/config"
DEFAULT_CREDENTIALS_FILE = "~/.aws/credentials"

_ENV_VAR_PATTERN = r"\$(\w+|\{[^}]*\})"  # compiled on first use: most paths have no "$"
_CACHE_LIMIT = 64
_CacheKey = tuple[str, str, tuple[int, int] | None, str, tuple[int, int] | None]
_cache: dict[_CacheKey, _Loaded] = {}
_cache_lock = allocate_lock()


def expand_path(path: str, env: Environment) -> str:
    """``os.path.expanduser(os.path.expandvars(path))`` against the injected environment."""

    def variable(match: re.Match[str]) -> str:
        name = match.group(1)
        if name.startswith("{"):
            name = name[1:-1]
        return env.env.get(name, match.group(0))

    if "$" in path:
        import re

        path = re.sub(_ENV_VAR_PATTERN, variable, path, flags=re.ASCII)
    if path == "~" or path.startswith("~/"):
        home = env.env["HOME"] if "HOME" in env.env else env.fs.home()
        path = (home.rstrip("/") + path[1:]) or "/"
    return path


def clear_parse_cache() -> None:
    """Forget every cached parse (tests; normally never needed)."""
    with _cache_lock:
        _cache.clear()


def _read_sections(fs: FileSystem, path: str) -> IniSections | None:
    """The parsed sections of ``path``, or ``None`` if it does not exist."""
    data = fs.read_bytes(path) if path else None
    if data is None:
        return None
    from awsession.config.inifile import parse_ini  # only when a file exists

    return parse_ini(data, path)


def _cached_load(fs: FileSystem, config_path: str, credentials_path: str) -> _Loaded:
    """Both files, parsed and mapped, shared by every reader of the same file versions."""
    key = (type(fs).__qualname__, config_path, fs.version(config_path) if config_path else None,
           credentials_path, fs.version(credentials_path) if credentials_path else None)
    cached = _cache.get(key)
    if cached is not None:
        return cached
    loaded = _load(_read_sections(fs, config_path) if key[2] else None,
                   _read_sections(fs, credentials_path) if key[4] else None)
    with _cache_lock:
        if len(_cache) >= _CACHE_LIMIT:
            _cache.pop(next(iter(_cache)))
        _cache[key] = loaded
    return loaded


def _section_name(header: str) -> str | None:
    """``profile "my name"`` -> ``my name``; ``None`` unless exactly two shell words."""
    import shlex  # only when a config file has profile sections

    try:
        parts = shlex.split(header)
    except ValueError:
        return None
    return parts[1] if len(parts) == 2 else None


class _Loaded:
    """Both files, parsed and mapped to profiles (shared: read-only by convention)."""

    __slots__ = ("config_headers", "config_profiles", "credentials_profiles", "other_sections",
                 "profiles", "services", "sso_sessions")

    def __init__(self, config_profiles: dict[str, dict[str, Any]],
                 config_headers: dict[str, str], sso_sessions: dict[str, dict[str, Any]],
                 services: dict[str, dict[str, Any]], other_sections: dict[str, dict[str, Any]],
                 credentials_profiles: dict[str, dict[str, Any]],
                 profiles: dict[str, dict[str, Any]]) -> None:
        self.config_profiles = config_profiles
        self.config_headers = config_headers
        self.sso_sessions = sso_sessions
        self.services = services
        self.other_sections = other_sections
        self.credentials_profiles = credentials_profiles
        self.profiles = profiles


_GROUPS = ("profile", "sso-session", "services")


def _load(config: IniSections | None, credentials: IniSections | None) -> _Loaded:
    groups: dict[str, dict[str, dict[str, Any]]] = {name: {} for name in _GROUPS}
    headers: dict[str, str] = {}
    others: dict[str, dict[str, Any]] = {}
    for header, values in (config or {}).items():
        group = next((g for g in _GROUPS if header.startswith(g)), None)
        if group is not None:
            name = _section_name(header)
            if name is not None:
                groups[group][name] = values
                if group == "profile":
                    headers[name] = header
        elif header == "default":
            groups["profile"]["default"] = values
            headers["default"] = header
        else:
            others[header] = values
    config_profiles = groups["profile"]
    creds = dict(credentials or {})
    merged = {name: dict(values) for name, values in config_profiles.items()}
    for name, values in creds.items():
        merged.setdefault(name, {}).update(values)
    return _Loaded(config_profiles, headers, groups["sso-session"], groups["services"], others,
                   creds, merged)


class ConfigFiles:
    """The config and credentials files named by ``env``; parsed on first use."""

    __slots__ = ("_config_path", "_credentials_path", "_env", "_loaded")

    def __init__(self, env: Environment) -> None:
        self._env = env
        self._config_path = expand_path(env.env.get("AWS_CONFIG_FILE", DEFAULT_CONFIG_FILE), env)
        self._credentials_path = expand_path(
            env.env.get("AWS_SHARED_CREDENTIALS_FILE", DEFAULT_CREDENTIALS_FILE), env)
        self._loaded: _Loaded | None = None

    def __repr__(self) -> str:
        return (f"ConfigFiles(config_path={self._config_path!r}, "
                f"credentials_path={self._credentials_path!r})")

    @property
    def config_path(self) -> str:
        return self._config_path

    @property
    def credentials_path(self) -> str:
        return self._credentials_path

    def _state(self) -> _Loaded:
        loaded = self._loaded
        if loaded is None:
            loaded = _cached_load(self._env.fs, self._config_path, self._credentials_path)
            self._loaded = loaded
        return loaded

    @property
    def profiles(self) -> dict[str, dict[str, Any]]:
        """Every profile: config-file profiles with credentials-file sections merged over them."""
        return self._state().profiles

    @property
    def config_profiles(self) -> dict[str, dict[str, Any]]:
        """Profiles of the config file only (``[default]``, ``[profile x]``)."""
        return self._state().config_profiles

    @property
    def credentials_profiles(self) -> dict[str, dict[str, Any]]:
        """Sections of the credentials file, by their bare headers."""
        return self._state().credentials_profiles

    @property
    def sso_sessions(self) -> dict[str, dict[str, Any]]:
        """``[sso-session NAME]`` sections of the config file."""
        return self._state().sso_sessions

    @property
    def services(self) -> dict[str, dict[str, Any]]:
        """``[services NAME]`` sections of the config file (nested per service id)."""
        return self._state().services

    @property
    def other_sections(self) -> dict[str, dict[str, Any]]:
        """Config-file sections that are none of the above (``[preview]``, ``[plugins]``...)."""
        return self._state().other_sections

    @property
    def profile_names(self) -> list[str]:
        """Profile names in botocore's ``Session.available_profiles`` order."""
        return list(self._state().profiles)

    def profile(self, name: str) -> dict[str, Any] | None:
        """The merged settings of profile ``name``, or ``None`` if no file defines it."""
        return self._state().profiles.get(name)

    def file_of(self, profile: str, key: str) -> str | None:
        """The path of the file that supplied ``key`` of ``profile``, or ``None``."""
        state = self._state()
        if key in state.credentials_profiles.get(profile, {}):
            return self._credentials_path
        if key in state.config_profiles.get(profile, {}):
            return self._config_path
        return None

    def source_of(self, profile: str, key: str) -> str | None:
        """Where ``key`` of ``profile`` came from, e.g. ``config-file:/h/.aws/config [profile dev]``.

        The credentials file is named ``credentials-file:/h/.aws/credentials [dev]``.
        """
        state = self._state()
        if key in state.credentials_profiles.get(profile, {}):
            return f"credentials-file:{self._credentials_path} [{profile}]"
        if key in state.config_profiles.get(profile, {}):
            return f"config-file:{self._config_path} [{state.config_headers[profile]}]"
        return None

    def services_source(self, name: str) -> str:
        """The provenance text of ``[services NAME]``."""
        return f"config-file:{self._config_path} [services {name}]"

