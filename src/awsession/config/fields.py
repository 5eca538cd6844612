"""The settings table: every configuration variable, declared once.

Each :class:`Field` says where a setting may come from and how it is read:

* ``env_vars`` -- environment variables, checked in order (a set-but-empty variable counts, as in
  botocore);
* ``profile_keys`` -- keys of the active profile, in order; ``"s3.use_arn_region"`` means the key
  ``use_arn_region`` of the nested ``s3 =`` sub-section;
* ``kind`` -- the converter applied to a found value (never to the default);
* ``default`` -- used when nothing else supplies a value;
* ``defaults_mode`` -- the key of ``sdk-default-configuration.json`` that supplies a default under
  a defaults mode other than ``legacy``;
* ``validator`` -- raises botocore's exception for a bad value.

Names with a dot belong to a section dict: ``s3.*`` make up ``get("s3")`` and ``proxies_config.*``
make up ``get("proxies_config")``. The order of resolution (explicit > env > profile > defaults
mode > default) lives in ``resolve.py``; docs/configuration.md is generated from this table.

Deliberate difference from botocore: ``region`` reads ``AWS_REGION`` before ``AWS_DEFAULT_REGION``.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NoReturn

from awsession.config import checks
from awsession.config.checks import BOOL, DICT, INT, SECONDS, STR, Kind, Validator

__all__ = ["FIELDS", "Field"]


_FIELD_NAMES = ("name", "env_vars", "profile_keys", "kind", "default", "validator", "choices",
                "defaults_mode", "doc")


class Field:
    """One configuration variable and every place it may come from (immutable).

    A plain ``__slots__`` class, not a dataclass: the table is built on the first client's path.
    """

    __slots__ = _FIELD_NAMES

    name: str
    env_vars: tuple[str, ...]
    profile_keys: tuple[str, ...]
    kind: Kind
    default: Any
    validator: Validator | None
    choices: tuple[str, ...]
    defaults_mode: str | None
    doc: str

    def __init__(self, name: str, env_vars: tuple[str, ...] = (),
                 profile_keys: tuple[str, ...] = (), kind: Kind = STR, default: Any = None,
                 validator: Validator | None = None, choices: tuple[str, ...] = (),
                 defaults_mode: str | None = None, doc: str = "") -> None:
        setter = object.__setattr__
        setter(self, "name", name)
        setter(self, "env_vars", env_vars)
        setter(self, "profile_keys", profile_keys)
        setter(self, "kind", kind)
        setter(self, "default", default)
        setter(self, "validator", validator)
        setter(self, "choices", choices)
        setter(self, "defaults_mode", defaults_mode)
        setter(self, "doc", doc)

    def __setattr__(self, name: str, value: Any) -> NoReturn:
        raise AttributeError(f"cannot assign to field {name!r}: Field is immutable")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"cannot delete field {name!r}: Field is immutable")

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in _FIELD_NAMES)

    def __eq__(self, other: object) -> bool:
        if type(other) is not Field:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in zip(_FIELD_NAMES, self._values(),
                                                                      strict=True))
        return f"Field({shown})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Field, self._values())

    @property
    def section(self) -> str | None:
        """``"s3"`` or ``"proxies_config"`` for section members, else ``None``."""
        head, dot, _ = self.name.partition(".")
        return head if dot else None

    @property
    def key(self) -> str:
        """The name inside its section (the whole name for top-level fields)."""
        return self.name.rpartition(".")[2]


def _f(name: str, env: str | tuple[str, ...] = (), keys: str | tuple[str, ...] = (),
       kind: Kind = STR, default: Any = None, doc: str = "", **extra: Any) -> Field:
    env_vars = (env,) if isinstance(env, str) else env
    profile_keys = (keys,) if isinstance(keys, str) else keys
    return Field(name, env_vars, profile_keys, kind, default, doc=doc, **extra)


_TABLE: tuple[Field, ...] = (
    # -- 4a. session/store variables -------------------------------------------------------------
    _f("profile", ("AWS_DEFAULT_PROFILE", "AWS_PROFILE"), doc="Profile to use (see above)."),
    _f("region", ("AWS_REGION", "AWS_DEFAULT_REGION"), "region",
       doc="Region. AWS_REGION is read first (botocore reads only AWS_DEFAULT_REGION)."),
    _f("data_path", "AWS_DATA_PATH", "data_path", doc="Extra folders of model data."),
    _f("config_file", "AWS_CONFIG_FILE", default="~/.aws/config", doc="Shared config file."),
    _f("ca_bundle", "AWS_CA_BUNDLE", "ca_bundle", doc="CA bundle used to verify TLS."),
    _f("api_versions", keys="api_versions", kind=DICT, default=MappingProxyType({}),
       doc="Nested: pinned API version per service."),
    _f("credentials_file", "AWS_SHARED_CREDENTIALS_FILE", default="~/.aws/credentials",
       doc="Shared credentials file."),
    _f("metadata_service_timeout", "AWS_METADATA_SERVICE_TIMEOUT", "metadata_service_timeout",
       INT, 1, doc="IMDS/container timeout, seconds."),
    _f("metadata_service_num_attempts", "AWS_METADATA_SERVICE_NUM_ATTEMPTS",
       "metadata_service_num_attempts", INT, 1, doc="IMDS/container attempts."),
    _f("ec2_metadata_service_endpoint", "AWS_EC2_METADATA_SERVICE_ENDPOINT",
       "ec2_metadata_service_endpoint", doc="Custom IMDS endpoint."),
    _f("ec2_metadata_service_endpoint_mode", "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE",
       "ec2_metadata_service_endpoint_mode", validator=checks.imds_endpoint_mode,
       choices=checks.IMDS_ENDPOINT_MODES, doc="IMDS address family."),
    _f("ec2_metadata_v1_disabled", "AWS_EC2_METADATA_V1_DISABLED", "ec2_metadata_v1_disabled",
       BOOL, False, doc="Refuse the IMDSv1 fallback."),
    _f("imds_use_ipv6", "AWS_IMDS_USE_IPV6", "imds_use_ipv6", BOOL, False,
       doc="Legacy switch for the IPv6 IMDS endpoint."),
    _f("use_dualstack_endpoint", "AWS_USE_DUALSTACK_ENDPOINT", "use_dualstack_endpoint", BOOL,
       doc="Use dual-stack (IPv6) endpoints."),
    _f("use_fips_endpoint", "AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint", BOOL,
       doc="Use FIPS endpoints."),
    _f("ignore_configured_endpoint_urls", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
       "ignore_configured_endpoint_urls", BOOL,
       doc="Ignore endpoint URLs from env vars and config files."),
    _f("parameter_validation", keys="parameter_validation", default=True,
       doc="Validate parameters before sending (profile value is returned as written)."),
    _f("csm_enabled", "AWS_CSM_ENABLED", "csm_enabled", BOOL, False,
       doc="Client-side monitoring (deprecated)."),
    _f("csm_host", "AWS_CSM_HOST", "csm_host", default="127.0.0.1", doc="CSM host."),
    _f("csm_port", "AWS_CSM_PORT", "csm_port", INT, 31000, doc="CSM port."),
    _f("csm_client_id", "AWS_CSM_CLIENT_ID", "csm_client_id", default="", doc="CSM client id."),
    _f("endpoint_discovery_enabled", "AWS_ENDPOINT_DISCOVERY_ENABLED",
       "endpoint_discovery_enabled", default="auto", validator=checks.endpoint_discovery_enabled,
       choices=("auto", "true", "false"), doc="Endpoint discovery."),
    _f("sts_regional_endpoints", "AWS_STS_REGIONAL_ENDPOINTS", "sts_regional_endpoints",
       default="regional", validator=checks.sts_regional_endpoints,
       choices=checks.REGIONAL_OPTIONS, defaults_mode="stsRegionalEndpoints",
       doc="`legacy` sends us-east-1 STS calls to the global endpoint."),
    _f("retry_mode", "AWS_RETRY_MODE", "retry_mode", default="legacy",
       validator=checks.retry_mode, choices=checks.RETRY_MODES, defaults_mode="retryMode",
       doc="Retry mode (`standard` when AWS_NEW_RETRIES_2026=true and nothing else is set)."),
    _f("defaults_mode", "AWS_DEFAULTS_MODE", "defaults_mode", default="legacy",
       validator=checks.defaults_mode,
       choices=("legacy", "auto", "standard", "in-region", "cross-region", "mobile"),
       doc="Defaults mode (see above)."),
    _f("max_attempts", "AWS_MAX_ATTEMPTS", "max_attempts", INT,
       validator=checks.total_max_attempts, doc="Total attempts, first one included."),
    _f("user_agent_appid", "AWS_SDK_UA_APP_ID", "sdk_ua_app_id",
       doc="Application id added to the User-Agent."),
    _f("request_min_compression_size_bytes", "AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES",
       "request_min_compression_size_bytes", default=10240,
       validator=checks.min_compression_size, doc="Smallest body to compress, 1..1048576."),
    _f("disable_request_compression", "AWS_DISABLE_REQUEST_COMPRESSION",
       "disable_request_compression", BOOL, False, doc="Never compress request bodies."),
    _f("sigv4a_signing_region_set", "AWS_SIGV4A_SIGNING_REGION_SET", "sigv4a_signing_region_set",
       doc="Comma-separated regions (or `*`) for SigV4a."),
    _f("request_checksum_calculation", "AWS_REQUEST_CHECKSUM_CALCULATION",
       "request_checksum_calculation", default="when_supported",
       validator=checks.request_checksum_calculation, choices=checks.CHECKSUM_OPTIONS,
       doc="When to add request checksums."),
    _f("response_checksum_validation", "AWS_RESPONSE_CHECKSUM_VALIDATION",
       "response_checksum_validation", default="when_supported",
       validator=checks.response_checksum_validation, choices=checks.CHECKSUM_OPTIONS,
       doc="When to validate response checksums."),
    _f("account_id_endpoint_mode", "AWS_ACCOUNT_ID_ENDPOINT_MODE", "account_id_endpoint_mode",
       default="preferred", validator=checks.account_id_endpoint_mode,
       choices=checks.ACCOUNT_ID_ENDPOINT_MODES, doc="Account-id based endpoints."),
    _f("disable_host_prefix_injection", "AWS_DISABLE_HOST_PREFIX_INJECTION",
       "disable_host_prefix_injection", BOOL, doc="Inverse of Config(inject_host_prefix)."),
    _f("auth_scheme_preference", "AWS_AUTH_SCHEME_PREFERENCE", "auth_scheme_preference",
       validator=checks.comma_string("auth_scheme_preference"),
       doc="Preferred auth schemes, e.g. `httpBearerAuth,sigv4`."),
    _f("tcp_keepalive", "BOTOCORE_TCP_KEEPALIVE", "tcp_keepalive", BOOL,
       doc="Turn on TCP keep-alive."),
    _f("s3_disable_express_session_auth", "AWS_S3_DISABLE_EXPRESS_SESSION_AUTH",
       "s3_disable_express_session_auth",
       validator=checks.string_boolean("s3_disable_express_session_auth"),
       doc="Do not use S3 Express session auth."),
    # -- injected by a defaults mode; Config(connect_timeout=...) otherwise ----------------------
    _f("connect_timeout", kind=SECONDS, defaults_mode="connectTimeoutInMillis",
       doc="Connect timeout, seconds (only set by a defaults mode here)."),
    # -- 4d. global endpoint URL (per-service: ConfigResolver.resolve_endpoint_url) -------------
    _f("endpoint_url", "AWS_ENDPOINT_URL", "endpoint_url",
       doc="Endpoint URL for every service (see above for per-service URLs)."),
    # -- 4b. s3 sub-section ----------------------------------------------------------------------
    _f("s3.addressing_style", keys="s3.addressing_style",
       choices=("auto", "virtual", "path"), doc="S3 addressing style."),
    _f("s3.use_accelerate_endpoint", keys="s3.use_accelerate_endpoint", kind=BOOL,
       doc="S3 Transfer Acceleration."),
    _f("s3.use_dualstack_endpoint", keys="s3.use_dualstack_endpoint", kind=BOOL,
       doc="S3 dual-stack endpoints."),
    _f("s3.payload_signing_enabled", keys="s3.payload_signing_enabled", kind=BOOL,
       doc="Sign S3 payloads (SHA-256)."),
    _f("s3.use_arn_region", "AWS_S3_USE_ARN_REGION",
       ("s3_use_arn_region", "s3.use_arn_region"), BOOL, doc="Use the region of an S3 ARN."),
    _f("s3.us_east_1_regional_endpoint", "AWS_S3_US_EAST_1_REGIONAL_ENDPOINT",
       ("s3_us_east_1_regional_endpoint", "s3.us_east_1_regional_endpoint"),
       validator=checks.s3_us_east_1_regional_endpoint, choices=checks.REGIONAL_OPTIONS,
       defaults_mode="s3UsEast1RegionalEndpoints", doc="`legacy` uses s3.amazonaws.com."),
    _f("s3.s3_disable_multiregion_access_points", "AWS_S3_DISABLE_MULTIREGION_ACCESS_POINTS",
       "s3.s3_disable_multiregion_access_points", BOOL,
       doc="Refuse multi-region access points."),
    # -- 4c. proxies_config ----------------------------------------------------------------------
    _f("proxies_config.proxy_ca_bundle", keys="proxy_ca_bundle", doc="CA bundle for the proxy."),
    _f("proxies_config.proxy_client_cert", keys="proxy_client_cert",
       doc="Client certificate for the proxy."),
    _f("proxies_config.proxy_use_forwarding_for_https", keys="proxy_use_forwarding_for_https",
       kind=BOOL, doc="Forward HTTPS through the proxy instead of CONNECT."),
)

FIELDS: Mapping[str, Field] = MappingProxyType({field.name: field for field in _TABLE})
"""Every configuration variable by name, in table order."""

SECTIONS: Mapping[str, tuple[Field, ...]] = MappingProxyType({
    section: tuple(f for f in _TABLE if f.section == section) for section in ("s3", "proxies_config")
})
"""The members of each section dict."""
