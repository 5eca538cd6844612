"""Value kinds (how a raw setting is converted) and validators (what values are allowed).

Converters reproduce botocore's: ``bool`` is botocore's ``ensure_boolean`` (a real bool is kept, a
string is true only when it is ``"true"`` in any case, anything else is false); ``int`` is
``int(value)``. Validators raise the botocore exception class and message text that boto3 raises for
the same bad value (when it creates a client); the resolver then appends where the value came from.
Validators only check: they never change the value returned.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NoReturn

from awsession.exceptions import (
    InvalidChecksumConfigError,
    InvalidConfigError,
    InvalidDefaultsMode,
    InvalidEndpointDiscoveryConfigurationError,
    InvalidIMDSEndpointModeError,
    InvalidMaxRetryAttemptsError,
    InvalidRetryModeError,
    InvalidS3UsEast1RegionalEndpointConfigError,
    InvalidSTSRegionalEndpointsConfigError,
)

__all__ = [
    "BOOL",
    "DICT",
    "INT",
    "SECONDS",
    "STR",
    "Kind",
    "Validator",
    "account_id_endpoint_mode",
    "comma_string",
    "defaults_mode",
    "endpoint_discovery_enabled",
    "ensure_boolean",
    "imds_endpoint_mode",
    "min_compression_size",
    "request_checksum_calculation",
    "response_checksum_validation",
    "retry_mode",
    "s3_us_east_1_regional_endpoint",
    "string_boolean",
    "sts_regional_endpoints",
    "total_max_attempts",
]

Validator = Callable[[Any], None]

RETRY_MODES = ("legacy", "standard", "adaptive")
REGIONAL_OPTIONS = ("legacy", "regional")
CHECKSUM_OPTIONS = ("when_supported", "when_required")
ACCOUNT_ID_ENDPOINT_MODES = ("preferred", "disabled", "required")
IMDS_ENDPOINT_MODES = ("ipv4", "ipv6")
MIN_COMPRESSION_RANGE = (1, 1_048_576)


def ensure_boolean(value: Any) -> bool:
    """botocore's boolean reading: ``True``/``False`` kept, ``"TRUE"``/``"true"`` -> True, else False."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return value.lower() == "true"
    return False


def _identity(value: Any) -> Any:
    return value


class Kind:
    """A setting's type: its name (for docs) and the converter applied to a found value.

    Immutable; a plain class rather than a dataclass (this module is on the first client's path).
    """

    __slots__ = ("convert", "name")

    name: str
    convert: Callable[[Any], Any]

    def __init__(self, name: str, convert: Callable[[Any], Any]) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "convert", convert)

    def __setattr__(self, name: str, value: Any) -> NoReturn:
        raise AttributeError(f"cannot assign to field {name!r}: Kind is immutable")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"cannot delete field {name!r}: Kind is immutable")

    def __eq__(self, other: object) -> bool:
        if type(other) is not Kind:
            return NotImplemented
        return (self.name, self.convert) == (other.name, other.convert)

    def __hash__(self) -> int:
        return hash((self.name, self.convert))

    def __repr__(self) -> str:
        return f"Kind(name={self.name!r}, convert={self.convert!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Kind, (self.name, self.convert))


STR = Kind("str", _identity)
INT = Kind("int", int)
BOOL = Kind("bool", ensure_boolean)
DICT = Kind("dict", _identity)
SECONDS = Kind("seconds", _identity)


def retry_mode(value: Any) -> None:
    if value not in RETRY_MODES:
        raise InvalidRetryModeError(provided_retry_mode=value, valid_modes=RETRY_MODES)


def defaults_mode(value: Any) -> None:
    from awsession.config.defaults_mode import defaults_mode_names

    names = defaults_mode_names()
    if not isinstance(value, str) or value.lower() not in names:
        raise InvalidDefaultsMode(mode=value, valid_modes=", ".join(names))


def total_max_attempts(value: Any) -> None:
    if value < 1:
        raise InvalidMaxRetryAttemptsError(provided_max_attempts=value, min_value=1)


def sts_regional_endpoints(value: Any) -> None:
    if value and value not in REGIONAL_OPTIONS:
        raise InvalidSTSRegionalEndpointsConfigError(sts_regional_endpoints_config=value)


def s3_us_east_1_regional_endpoint(value: Any) -> None:
    if value not in REGIONAL_OPTIONS:
        raise InvalidS3UsEast1RegionalEndpointConfigError(
            s3_us_east_1_regional_endpoint_config=value)


def min_compression_size(value: Any) -> None:
    base = f'Invalid value "{value}" for request_min_compression_size_bytes.'
    try:
        size = int(value)
    except (ValueError, TypeError):
        raise InvalidConfigError(error_msg=f"{base} Value must be an integer. "
                                           f"Received {type(value)} instead.") from None
    low, high = MIN_COMPRESSION_RANGE
    if not low <= size <= high:
        raise InvalidConfigError(error_msg=f"{base} Value must be between {low} and {high}.")


def _checksum(key: str) -> Validator:
    def check(value: Any) -> None:
        lowered = value.lower() if isinstance(value, str) else value
        if lowered not in CHECKSUM_OPTIONS:
            raise InvalidChecksumConfigError(config_key=key, config_value=lowered,
                                             valid_options=CHECKSUM_OPTIONS)
    return check


request_checksum_calculation = _checksum("request_checksum_calculation")
response_checksum_validation = _checksum("response_checksum_validation")


def account_id_endpoint_mode(value: Any) -> None:
    lowered = value.lower() if isinstance(value, str) else value
    if lowered not in ACCOUNT_ID_ENDPOINT_MODES:
        raise InvalidConfigError(
            error_msg=f"The configured value '{lowered}' for 'account_id_endpoint_mode' is "
                      f"invalid. Valid values are: {ACCOUNT_ID_ENDPOINT_MODES}.")


def endpoint_discovery_enabled(value: Any) -> None:
    if isinstance(value, bool):
        return
    if isinstance(value, str) and value.lower().strip() in ("auto", "true", "false"):
        return
    raise InvalidEndpointDiscoveryConfigurationError(config_value=value)


def imds_endpoint_mode(value: Any) -> None:
    if not isinstance(value, str) or value.lower() not in IMDS_ENDPOINT_MODES:
        raise InvalidIMDSEndpointModeError(mode=value, valid_modes=IMDS_ENDPOINT_MODES)


def string_boolean(key: str) -> Validator:
    def check(value: Any) -> None:
        if isinstance(value, bool):
            return
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return
        raise InvalidConfigError(
            error_msg=f'Invalid value "{value}" for {key}. Value must be a boolean')
    return check


def comma_string(key: str) -> Validator:
    def check(value: Any) -> None:
        if not isinstance(value, str):
            raise InvalidConfigError(
                error_msg=f"{key} must be a comma-delimited string. "
                          f"Received {type(value)} instead: {value}.")
    return check
