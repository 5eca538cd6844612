"""The one public error tree, with botocore's and boto3's class names, attributes and messages.

::

    Exception
    ├── BotoCoreError                 every error raised by awsession itself; ``.kwargs`` holds the
    │   │                             fields, ``str()`` is botocore's message text
    │   ├── DataNotFoundError ── UnknownServiceError, ApiVersionNotFoundError
    │   ├── NoCredentialsError, PartialCredentialsError, CredentialRetrievalError, ...
    │   ├── ProfileNotFound, ConfigParseError, InvalidConfigError ── InfiniteLoopConfigError
    │   ├── ParamValidationError, ValidationError ── UnknownParameterError, RangeError, ...
    │   ├── HTTPClientError ── ConnectionClosedError, ReadTimeoutError, ResponseStreamingError
    │   ├── ConnectionError ── EndpointConnectionError, ConnectTimeoutError, SSLError,
    │   │                      ProxyConnectionError
    │   ├── BaseEndpointResolverError ── NoRegionError, UnknownEndpointError, ...
    │   ├── EndpointProviderError ── EndpointResolutionError
    │   └── WaiterError, PaginationError, IncompleteReadError, FlexibleChecksumError, ...
    ├── ClientError                   an error response from AWS: ``.response`` (boto3's dict),
    │   │                             ``.operation_name``; modeled errors subclass it per client
    │   └── EventStreamError
    └── Boto3Error                    boto3-level errors (resources, transfers, DynamoDB conditions)

Messages are built from a class-level ``fmt`` and keyword fields, as botocore does, so that
``str(error)`` matches boto3 to the letter. Secrets are never passed as fields.

Loading: the classes the first client needs are defined here; the other 76 are defined
in :mod:`awsession.exceptions._more`, imported on first access to any of them (module
``__getattr__``). They still belong to this module: ``__module__`` is ``awsession.exceptions``,
``__all__`` lists them, ``from awsession.exceptions import X`` and pickling work as before.
"""

# botocore's message texts are kept verbatim, one line each.
# ruff: noqa: E501

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# Public names are every exception class of this module and of ``_more`` (pinned by a test).


class BotoCoreError(Exception):
    """The base of every error awsession raises on its own (not AWS's error responses)."""

    fmt = "An unspecified error occurred"

    def __init__(self, **kwargs: Any) -> None:
        msg = self.fmt.format(**kwargs)
        Exception.__init__(self, msg)
        self.kwargs = kwargs

    def __reduce__(self) -> tuple[Any, ...]:
        return _exception_from_packed_args, (self.__class__, None, self.kwargs)


def _exception_from_packed_args(
    exception_cls: type[BaseException], args: tuple[Any, ...] | None = None,
    kwargs: dict[str, Any] | None = None,
) -> BaseException:
    return exception_cls(*(args or ()), **(kwargs or {}))


class ClientError(Exception):
    """An error response from an AWS service, with boto3's ``response`` dict."""

    MSG_TEMPLATE = (
        "An error occurred ({error_code}) when calling the {operation_name} "
        "operation{retry_info}: {error_message}"
    )

    def __init__(self, error_response: dict[str, Any], operation_name: str) -> None:
        retry_info = self._get_retry_info(error_response)
        error = error_response.get("Error", {})
        msg = self.MSG_TEMPLATE.format(
            error_code=error.get("Code", "Unknown"),
            error_message=error.get("Message", "Unknown"),
            operation_name=operation_name,
            retry_info=retry_info,
        )
        super().__init__(msg)
        self.response = error_response
        self.operation_name = operation_name

    @staticmethod
    def _get_retry_info(response: dict[str, Any]) -> str:
        metadata = response.get("ResponseMetadata", {})
        if metadata.get("MaxAttemptsReached", False) and "RetryAttempts" in metadata:
            return f" (reached max retries: {metadata['RetryAttempts']})"
        return ""

    def __reduce__(self) -> tuple[Any, ...]:
        return _exception_from_packed_args, (
            self.__class__, (self.response, self.operation_name), {})


class EventStreamError(ClientError):
    pass


class ParamValidationError(BotoCoreError):
    fmt = "Parameter validation failed:\n{report}"


class UndefinedModelAttributeError(Exception):
    pass


class MissingServiceIdError(UndefinedModelAttributeError):
    fmt = ("The model being used for the service {service_name} is missing the serviceId "
           "metadata property, which is required.")

    def __init__(self, **kwargs: Any) -> None:
        msg = self.fmt.format(**kwargs)
        Exception.__init__(self, msg)
        self.kwargs = kwargs


class ValidationError(BotoCoreError):
    fmt = "Invalid value ('{value}') for param {param} of type {type_name} "


class BaseEndpointResolverError(BotoCoreError):
    pass


class ConfigParseError(BotoCoreError):
    fmt = 'Unable to parse config file: {path}'


class DataNotFoundError(BotoCoreError):
    fmt = 'Unable to load data for: {data_path}'


class EndpointProviderError(BotoCoreError):
    fmt = '{msg}'


class EndpointResolutionError(EndpointProviderError):
    fmt = '{msg}'


class InvalidConfigError(BotoCoreError):
    fmt = '{error_msg}'


class InvalidChecksumConfigError(BotoCoreError):
    fmt = 'Unsupported configuration value for {config_key}. Expected one of {valid_options} but got {config_value}.'


class InvalidDefaultsMode(BotoCoreError):
    fmt = 'Client configured with invalid defaults mode: {mode}. Valid defaults modes include: {valid_modes}.'


class InvalidEndpointConfigurationError(BotoCoreError):
    fmt = 'Invalid endpoint configuration: {msg}'


class InvalidEndpointDiscoveryConfigurationError(BotoCoreError):
    fmt = 'Unsupported configuration value for endpoint_discovery_enabled. Expected one of ("true", "false", "auto") but got {config_value}.'


class InvalidHostLabelError(BotoCoreError):
    fmt = 'Invalid host label to be bound to the hostname of the endpoint: "{label}".'


class InvalidIMDSEndpointModeError(BotoCoreError):
    fmt = 'Invalid EC2 Instance Metadata endpoint mode: {mode} Valid endpoint modes (case-insensitive): {valid_modes}.'


class InvalidRetryConfigurationError(BotoCoreError):
    fmt = 'Cannot provide retry configuration for "{retry_config_option}". Valid retry configuration options are: {valid_options}'


class InvalidMaxRetryAttemptsError(InvalidRetryConfigurationError):
    fmt = 'Value provided to "max_attempts": {provided_max_attempts} must be an integer greater than or equal to {min_value}.'


class InvalidRegionError(ValidationError, ValueError):
    fmt = "Provided region_name '{region_name}' doesn't match a supported format."


class InvalidRetryModeError(InvalidRetryConfigurationError):
    fmt = 'Invalid value provided to "mode": "{provided_retry_mode}" must be one of: {valid_modes}'


class InvalidS3AddressingStyleError(BotoCoreError):
    fmt = "S3 addressing style {s3_addressing_style} is invalid. Valid options are: 'auto', 'virtual', and 'path'"


class InvalidS3UsEast1RegionalEndpointConfigError(BotoCoreError):
    fmt = 'S3 us-east-1 regional endpoint option {s3_us_east_1_regional_endpoint_config} is invalid. Valid options are: "legacy", "regional"'


class InvalidSTSRegionalEndpointsConfigError(BotoCoreError):
    fmt = 'STS regional endpoints option {sts_regional_endpoints_config} is invalid. Valid options are: "legacy", "regional"'


class NoCredentialsError(BotoCoreError):
    fmt = 'Unable to locate credentials'


class NoRegionError(BaseEndpointResolverError):
    fmt = 'You must specify a region.'


class PartialCredentialsError(BotoCoreError):
    fmt = 'Partial credentials found in {provider}, missing: {cred_var}'


class ProfileNotFound(BotoCoreError):
    fmt = 'The config profile ({profile}) could not be found'


class UnknownEndpointResolutionBuiltInName(EndpointProviderError):
    fmt = 'Unknown builtin variable name: {name}'


class UnknownRegionError(BotoCoreError):
    fmt = "Unknown region: '{region_name}'. {error_msg}"


class UnknownServiceError(DataNotFoundError):
    fmt = "Unknown service: '{service_name}'. Valid service names are: {known_service_names}"


class UnsupportedS3AccesspointConfigurationError(BotoCoreError):
    fmt = 'Unsupported configuration when using S3 access-points: {msg}'


class UnsupportedS3ConfigurationError(BotoCoreError):
    fmt = 'Unsupported configuration when using S3: {msg}'


class UnsupportedS3ControlArnError(BotoCoreError):
    fmt = 'S3 ARN "{arn}" provided is invalid for this operation. {msg}'


class UnsupportedS3ControlConfigurationError(BotoCoreError):
    fmt = 'Unsupported configuration when using S3 Control: {msg}'


def _load_more() -> dict[str, Any]:
    """Define the less common classes and bind them here, so later lookups are plain reads."""
    from . import _more

    names = {name: getattr(_more, name) for name in _more.NAMES}
    globals().update(names)
    return names


def __getattr__(name: str) -> Any:
    if name.startswith("_"):  # no public name does; and ``from . import _more`` probes this
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    try:
        return _load_more()[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


if TYPE_CHECKING:
    from ._more import (
        AliasConflictParameterError,
        ApiVersionNotFoundError,
        AwsChunkedWrapperError,
        Boto3Error,
        CapacityNotAvailableError,
        ChecksumError,
        ConfigNotFound,
        ConnectionClosedError,
        ConnectionError,
        ConnectTimeoutError,
        CredentialRetrievalError,
        DynamoDBNeedsConditionError,
        DynamoDBNeedsKeyConditionError,
        DynamoDBOperationNotSupportedError,
        DynanmoDBOperationNotSupportedError,
        EndpointConnectionError,
        EndpointVariantError,
        FlexibleChecksumError,
        HTTPClientError,
        ImminentRemovalWarning,
        IncompleteReadError,
        InfiniteLoopConfigError,
        InvalidDNSNameError,
        InvalidExpressionError,
        InvalidIMDSEndpointError,
        InvalidProxiesConfigError,
        LoginAuthorizationCodeError,
        LoginError,
        LoginInsufficientPermissions,
        LoginRefreshRequired,
        LoginTokenLoadError,
        MD5UnavailableError,
        MetadataRetrievalError,
        MissingDependencyException,
        MissingParametersError,
        NoAuthTokenError,
        NoVersionFound,
        OperationNotPageableError,
        PaginationError,
        ProxyConnectionError,
        PythonDeprecationWarning,
        RangeError,
        ReadTimeoutError,
        RefreshWithMFAUnsupportedError,
        ResourceLoadException,
        ResourceNotExistsError,
        ResponseStreamingError,
        RetriesExceededError,
        S3TransferFailedError,
        S3UploadFailedError,
        ServiceNotInRegionError,
        SSLError,
        SSOError,
        SSOTokenLoadError,
        StubAssertionError,
        StubResponseError,
        TokenRetrievalError,
        UnauthorizedSSOTokenError,
        UnknownAPIVersionError,
        UnknownClientMethodError,
        UnknownCredentialError,
        UnknownEndpointError,
        UnknownFIPSEndpointError,
        UnknownKeyError,
        UnknownParameterError,
        UnknownServiceStyle,
        UnknownSignatureVersionError,
        UnseekableStreamError,
        UnStubbedResponseError,
        UnsupportedOutpostResourceError,
        UnsupportedS3ArnError,
        UnsupportedServiceProtocolsError,
        UnsupportedSignatureVersionError,
        UnsupportedTLSVersionWarning,
        WaiterConfigError,
        WaiterError,
    )

__all__ = [
    "AliasConflictParameterError",
    "ApiVersionNotFoundError",
    "AwsChunkedWrapperError",
    "BaseEndpointResolverError",
    "Boto3Error",
    "BotoCoreError",
    "CapacityNotAvailableError",
    "ChecksumError",
    "ClientError",
    "ConfigNotFound",
    "ConfigParseError",
    "ConnectTimeoutError",
    "ConnectionClosedError",
    "ConnectionError",
    "CredentialRetrievalError",
    "DataNotFoundError",
    "DynamoDBNeedsConditionError",
    "DynamoDBNeedsKeyConditionError",
    "DynamoDBOperationNotSupportedError",
    "DynanmoDBOperationNotSupportedError",
    "EndpointConnectionError",
    "EndpointProviderError",
    "EndpointResolutionError",
    "EndpointVariantError",
    "EventStreamError",
    "FlexibleChecksumError",
    "HTTPClientError",
    "ImminentRemovalWarning",
    "IncompleteReadError",
    "InfiniteLoopConfigError",
    "InvalidChecksumConfigError",
    "InvalidConfigError",
    "InvalidDNSNameError",
    "InvalidDefaultsMode",
    "InvalidEndpointConfigurationError",
    "InvalidEndpointDiscoveryConfigurationError",
    "InvalidExpressionError",
    "InvalidHostLabelError",
    "InvalidIMDSEndpointError",
    "InvalidIMDSEndpointModeError",
    "InvalidMaxRetryAttemptsError",
    "InvalidProxiesConfigError",
    "InvalidRegionError",
    "InvalidRetryConfigurationError",
    "InvalidRetryModeError",
    "InvalidS3AddressingStyleError",
    "InvalidS3UsEast1RegionalEndpointConfigError",
    "InvalidSTSRegionalEndpointsConfigError",
    "LoginAuthorizationCodeError",
    "LoginError",
    "LoginInsufficientPermissions",
    "LoginRefreshRequired",
    "LoginTokenLoadError",
    "MD5UnavailableError",
    "MetadataRetrievalError",
    "MissingDependencyException",
    "MissingParametersError",
    "MissingServiceIdError",
    "NoAuthTokenError",
    "NoCredentialsError",
    "NoRegionError",
    "NoVersionFound",
    "OperationNotPageableError",
    "PaginationError",
    "ParamValidationError",
    "PartialCredentialsError",
    "ProfileNotFound",
    "ProxyConnectionError",
    "PythonDeprecationWarning",
    "RangeError",
    "ReadTimeoutError",
    "RefreshWithMFAUnsupportedError",
    "ResourceLoadException",
    "ResourceNotExistsError",
    "ResponseStreamingError",
    "RetriesExceededError",
    "S3TransferFailedError",
    "S3UploadFailedError",
    "SSLError",
    "SSOError",
    "SSOTokenLoadError",
    "ServiceNotInRegionError",
    "StubAssertionError",
    "StubResponseError",
    "TokenRetrievalError",
    "UnStubbedResponseError",
    "UnauthorizedSSOTokenError",
    "UndefinedModelAttributeError",
    "UnknownAPIVersionError",
    "UnknownClientMethodError",
    "UnknownCredentialError",
    "UnknownEndpointError",
    "UnknownEndpointResolutionBuiltInName",
    "UnknownFIPSEndpointError",
    "UnknownKeyError",
    "UnknownParameterError",
    "UnknownRegionError",
    "UnknownServiceError",
    "UnknownServiceStyle",
    "UnknownSignatureVersionError",
    "UnseekableStreamError",
    "UnsupportedOutpostResourceError",
    "UnsupportedS3AccesspointConfigurationError",
    "UnsupportedS3ArnError",
    "UnsupportedS3ConfigurationError",
    "UnsupportedS3ControlArnError",
    "UnsupportedS3ControlConfigurationError",
    "UnsupportedServiceProtocolsError",
    "UnsupportedSignatureVersionError",
    "UnsupportedTLSVersionWarning",
    "ValidationError",
    "WaiterConfigError",
    "WaiterError",
]
