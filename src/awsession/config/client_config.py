"""``Config``: advanced client options, compatible with ``botocore.config.Config``.

Same keywords (30, in botocore's order, which is also the order positional arguments fill), same
defaults, same validation at construction (``s3.addressing_style`` and the ``retries`` dict, with
botocore's exception classes and texts), same ``merge`` (the other config's *explicitly given*
options win), attributes readable and assignable as in botocore. Differences: ``repr`` lists only
the options that were given (with any password in a proxy URL masked), and a ``retries`` value that
cannot be compared with a number raises ``InvalidMaxRetryAttemptsError`` instead of ``TypeError``.

``UNSIGNED`` is the "do not sign" marker for ``signature_version``; compare it by identity. It
survives copy, deepcopy and pickling. :func:`is_unsigned` also recognises botocore's own marker
(``from botocore import UNSIGNED``), so code mixing the two imports keeps working.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from awsession.exceptions import (
    InvalidConfigError,
    InvalidMaxRetryAttemptsError,
    InvalidRetryConfigurationError,
    InvalidRetryModeError,
    InvalidS3AddressingStyleError,
)

__all__ = ["DEFAULT_TIMEOUT", "MAX_POOL_CONNECTIONS", "UNSIGNED", "Config", "is_unsigned"]

DEFAULT_TIMEOUT: Final = 60
MAX_POOL_CONNECTIONS: Final = 10


class _Unsigned:
    """The single "anonymous request" marker."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "UNSIGNED"

    def __copy__(self) -> _Unsigned:
        return self

    def __deepcopy__(self, memo: Any) -> _Unsigned:
        return self

    def __reduce__(self) -> str:
        return "UNSIGNED"


UNSIGNED: Final = _Unsigned()


def is_unsigned(value: object) -> bool:
    """True for awsession's ``UNSIGNED`` and for botocore's (recognised without importing it)."""
    if value is UNSIGNED:
        return True
    kind = type(value)
    return kind.__name__ == "UNSIGNED" and kind.__module__ == "botocore"


OPTION_DEFAULTS: Final[Mapping[str, Any]] = {
    "region_name": None,
    "signature_version": None,
    "user_agent": None,
    "user_agent_extra": None,
    "user_agent_appid": None,
    "connect_timeout": DEFAULT_TIMEOUT,
    "read_timeout": DEFAULT_TIMEOUT,
    "parameter_validation": True,
    "max_pool_connections": MAX_POOL_CONNECTIONS,
    "proxies": None,
    "proxies_config": None,
    "s3": None,
    "s3_disable_express_session_auth": None,
    "retries": None,
    "client_cert": None,
    "inject_host_prefix": None,
    "endpoint_discovery_enabled": None,
    "use_dualstack_endpoint": None,
    "use_fips_endpoint": None,
    "ignore_configured_endpoint_urls": None,
    "defaults_mode": None,
    "tcp_keepalive": None,
    "request_min_compression_size_bytes": None,
    "disable_request_compression": None,
    "client_context_params": None,
    "sigv4a_signing_region_set": None,
    "request_checksum_calculation": None,
    "response_checksum_validation": None,
    "account_id_endpoint_mode": None,
    "auth_scheme_preference": None,
}
# With a defaults mode other than legacy, connect_timeout comes from the mode, not from here.
NON_LEGACY_OPTION_DEFAULTS: Final[Mapping[str, Any]] = {"connect_timeout": None}

_RETRY_OPTIONS = ("max_attempts", "mode", "total_max_attempts")
_RETRY_MODES = ("legacy", "standard", "adaptive")
_ADDRESSING_STYLES = ("virtual", "auto", "path", None)
_URL_PASSWORD = r"(://[^:/@]*:)[^@/]*@"  # noqa: S105 - a pattern; ``re`` is imported by repr()
_UNSET = "UNSET"


def _record(args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> dict[str, Any]:
    order = list(OPTION_DEFAULTS)
    given: dict[str, Any] = {}
    for key, value in kwargs.items():
        if key not in OPTION_DEFAULTS:
            raise TypeError(f"Got unexpected keyword argument '{key}'")
        given[key] = value
    if len(args) > len(order):
        raise TypeError(f"Takes at most {len(order)} arguments ({len(args)} given)")
    for index, value in enumerate(args):
        if order[index] in given:
            raise TypeError(f"Got multiple values for keyword argument '{order[index]}'")
        given[order[index]] = value
    return given


def _validate_s3(s3: Any) -> None:
    if s3 is None:
        return
    if not isinstance(s3, Mapping):
        raise InvalidConfigError(error_msg=f"The s3 option must be a dict, not {type(s3).__name__}")
    style = s3.get("addressing_style")
    if style not in _ADDRESSING_STYLES:
        raise InvalidS3AddressingStyleError(s3_addressing_style=style)


def _validate_retries(retries: Any) -> None:
    if retries is None:
        return
    if not isinstance(retries, Mapping):
        raise InvalidConfigError(
            error_msg=f"The retries option must be a dict, not {type(retries).__name__}")
    for key, value in retries.items():
        if key not in _RETRY_OPTIONS:
            raise InvalidRetryConfigurationError(retry_config_option=key,
                                                 valid_options=_RETRY_OPTIONS)
        if key in ("max_attempts", "total_max_attempts"):
            minimum = 0 if key == "max_attempts" else 1
            try:
                too_small = value < minimum
            except TypeError:
                too_small = True
            if too_small:
                raise InvalidMaxRetryAttemptsError(provided_max_attempts=value,
                                                   min_value=minimum)
        if key == "mode" and value not in _RETRY_MODES:
            raise InvalidRetryModeError(provided_retry_mode=value, valid_modes=_RETRY_MODES)


def _mask(value: Any) -> Any:
    if isinstance(value, str):
        import re

        return re.sub(_URL_PASSWORD, r"\1***@", value)
    if isinstance(value, Mapping):
        return {k: _mask(v) for k, v in value.items()}
    return value


class Config:
    """Advanced configuration for clients (``botocore.config.Config`` compatible).

    Every option of :data:`OPTION_DEFAULTS` is accepted as a keyword (or positionally, in that
    order) and readable as an attribute. Options not given have their default; ``inject_host_prefix``
    reads ``True`` until set.
    """

    OPTION_DEFAULTS = OPTION_DEFAULTS
    NON_LEGACY_OPTION_DEFAULTS = NON_LEGACY_OPTION_DEFAULTS

    region_name: Any
    signature_version: Any
    user_agent: Any
    user_agent_extra: Any
    user_agent_appid: Any
    connect_timeout: Any
    read_timeout: Any
    parameter_validation: Any
    max_pool_connections: Any
    proxies: Any
    proxies_config: Any
    s3: Any
    s3_disable_express_session_auth: Any
    retries: Any
    client_cert: Any
    endpoint_discovery_enabled: Any
    use_dualstack_endpoint: Any
    use_fips_endpoint: Any
    ignore_configured_endpoint_urls: Any
    defaults_mode: Any
    tcp_keepalive: Any
    request_min_compression_size_bytes: Any
    disable_request_compression: Any
    client_context_params: Any
    sigv4a_signing_region_set: Any
    request_checksum_calculation: Any
    response_checksum_validation: Any
    account_id_endpoint_mode: Any
    auth_scheme_preference: Any

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._user_provided_options = _record(args, kwargs)
        self._inject_host_prefix: Any = _UNSET
        values = dict(OPTION_DEFAULTS)
        if self._user_provided_options.get("defaults_mode", "legacy") != "legacy":
            values.update(NON_LEGACY_OPTION_DEFAULTS)
        values.update(self._user_provided_options)
        for key, value in values.items():
            if key == "inject_host_prefix" and key not in self._user_provided_options:
                continue
            setattr(self, key, value)
        _validate_s3(self.s3)
        _validate_retries(self.retries)

    @property
    def inject_host_prefix(self) -> Any:
        """Whether to add a modeled host prefix; ``True`` unless set."""
        return True if self._inject_host_prefix == _UNSET else self._inject_host_prefix

    @inject_host_prefix.setter
    def inject_host_prefix(self, value: Any) -> None:
        self._inject_host_prefix = value

    @property
    def user_provided_options(self) -> dict[str, Any]:
        """The options given at construction (a copy)."""
        return dict(self._user_provided_options)

    def is_set(self, option: str) -> bool:
        """Whether ``option`` was given at construction (``False`` means "use the default")."""
        return option in self._user_provided_options

    def merge(self, other_config: Config) -> Config:
        """A new Config: this one's given options, overridden by ``other_config``'s."""
        options = dict(self._user_provided_options)
        options.update(other_config._user_provided_options)
        return Config(**options)

    def __repr__(self) -> str:
        shown = ", ".join(f"{key}={_mask(value)!r}"
                          for key, value in self._user_provided_options.items())
        return f"Config({shown})"
