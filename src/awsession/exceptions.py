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
"""

from __future__ import annotations

from typing import Any

# Public names are every exception class defined in this module (pinned by a test).


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


class StubResponseError(BotoCoreError):
    fmt = "Error getting response stub for operation {operation_name}: {reason}"


class StubAssertionError(StubResponseError, AssertionError):
    pass


class UnStubbedResponseError(StubResponseError):
    pass


class ImminentRemovalWarning(Warning):
    pass


class UnsupportedTLSVersionWarning(Warning):
    pass


# --- boto3.exceptions -----------------------------------------------------------------------


class Boto3Error(Exception):
    """Base class for boto3-level errors (resources, transfers, DynamoDB helpers)."""


class ResourceLoadException(Boto3Error):
    pass


class NoVersionFound(Boto3Error):
    pass


class RetriesExceededError(Boto3Error):
    def __init__(self, last_exception: BaseException | None, msg: str = "Max Retries Exceeded"):
        super().__init__(msg)
        self.last_exception = last_exception


class S3TransferFailedError(Boto3Error):
    pass


class S3UploadFailedError(Boto3Error):
    pass


class DynamoDBOperationNotSupportedError(Boto3Error):
    def __init__(self, operation: str, value: Any) -> None:
        msg = (f"{operation} operation cannot be applied to value {value} of type {type(value)} "
               "directly. Must use AttributeBase object methods (i.e. Attr().eq()). to generate "
               "ConditionBase instances first.")
        Exception.__init__(self, msg)


DynanmoDBOperationNotSupportedError = DynamoDBOperationNotSupportedError


class DynamoDBNeedsConditionError(Boto3Error):
    def __init__(self, value: Any) -> None:
        msg = f"Expecting a ConditionBase object. Got {value} of type {type(value)}. "
        msg += "Use AttributeBase object methods (i.e. Attr().eq()). to generate ConditionBase instances."
        Exception.__init__(self, msg)


class DynamoDBNeedsKeyConditionError(Boto3Error):
    pass


class PythonDeprecationWarning(Warning):
    pass


# --- botocore.exceptions (generated once from botocore's names and message texts) ----------

class ValidationError(BotoCoreError):
    fmt = "Invalid value ('{value}') for param {param} of type {type_name} "

class AliasConflictParameterError(ValidationError):
    fmt = "Parameter '{original}' and its alias '{alias}' were provided for operation {operation}.  Only one of them may be used."

class ApiVersionNotFoundError(BotoCoreError):
    fmt = 'Unable to load data {data_path} for: {api_version}'

class AwsChunkedWrapperError(BotoCoreError):
    fmt = '{error_msg}'

class BaseEndpointResolverError(BotoCoreError):
    pass

class CapacityNotAvailableError(BotoCoreError):
    fmt = 'Insufficient request capacity available.'

class ChecksumError(BotoCoreError):
    fmt = 'Checksum {checksum_type} failed, expected checksum {expected_checksum} did not match calculated checksum {actual_checksum}.'

class ConfigNotFound(BotoCoreError):
    fmt = 'The specified config file ({path}) could not be found.'

class ConfigParseError(BotoCoreError):
    fmt = 'Unable to parse config file: {path}'

class ConnectionError(BotoCoreError):
    fmt = 'An HTTP Client failed to establish a connection: {error}'

class ConnectTimeoutError(ConnectionError):
    fmt = 'Connect timeout on endpoint URL: "{endpoint_url}"'

class HTTPClientError(BotoCoreError):
    fmt = 'An HTTP Client raised an unhandled exception: {error}'

class ConnectionClosedError(HTTPClientError):
    fmt = 'Connection was closed before we received a valid response from endpoint URL: "{endpoint_url}".'

class CredentialRetrievalError(BotoCoreError):
    fmt = 'Error when retrieving credentials from {provider}: {error_msg}'

class DataNotFoundError(BotoCoreError):
    fmt = 'Unable to load data for: {data_path}'

class EndpointConnectionError(ConnectionError):
    fmt = 'Could not connect to the endpoint URL: "{endpoint_url}"'

class EndpointProviderError(BotoCoreError):
    fmt = '{msg}'

class EndpointResolutionError(EndpointProviderError):
    fmt = '{msg}'

class EndpointVariantError(BaseEndpointResolverError):
    fmt = 'Unable to construct a modeled endpoint with the following variant(s) {tags}: '

class FlexibleChecksumError(BotoCoreError):
    fmt = '{error_msg}'

class IncompleteReadError(BotoCoreError):
    fmt = '{actual_bytes} read, but total bytes expected is {expected_bytes}.'

class InvalidConfigError(BotoCoreError):
    fmt = '{error_msg}'

class InfiniteLoopConfigError(InvalidConfigError):
    fmt = 'Infinite loop in credential configuration detected. Attempting to load from profile {source_profile} which has already been visited. Visited profiles: {visited_profiles}'

class InvalidChecksumConfigError(BotoCoreError):
    fmt = 'Unsupported configuration value for {config_key}. Expected one of {valid_options} but got {config_value}.'

class InvalidDNSNameError(BotoCoreError):
    fmt = "Bucket named {bucket_name} is not DNS compatible. Virtual hosted-style addressing cannot be used. The addressing style can be configured by removing the addressing_style value or setting that value to 'path' or 'auto' in the AWS Config file or in the botocore.client.Config object."

class InvalidDefaultsMode(BotoCoreError):
    fmt = 'Client configured with invalid defaults mode: {mode}. Valid defaults modes include: {valid_modes}.'

class InvalidEndpointConfigurationError(BotoCoreError):
    fmt = 'Invalid endpoint configuration: {msg}'

class InvalidEndpointDiscoveryConfigurationError(BotoCoreError):
    fmt = 'Unsupported configuration value for endpoint_discovery_enabled. Expected one of ("true", "false", "auto") but got {config_value}.'

class InvalidExpressionError(BotoCoreError):
    fmt = 'Invalid expression {expression}: Only dotted lookups are supported.'

class InvalidHostLabelError(BotoCoreError):
    fmt = 'Invalid host label to be bound to the hostname of the endpoint: "{label}".'

class InvalidIMDSEndpointError(BotoCoreError):
    fmt = 'Invalid endpoint EC2 Instance Metadata endpoint: {endpoint}'

class InvalidIMDSEndpointModeError(BotoCoreError):
    fmt = 'Invalid EC2 Instance Metadata endpoint mode: {mode} Valid endpoint modes (case-insensitive): {valid_modes}.'

class InvalidRetryConfigurationError(BotoCoreError):
    fmt = 'Cannot provide retry configuration for "{retry_config_option}". Valid retry configuration options are: {valid_options}'

class InvalidMaxRetryAttemptsError(InvalidRetryConfigurationError):
    fmt = 'Value provided to "max_attempts": {provided_max_attempts} must be an integer greater than or equal to {min_value}.'

class InvalidProxiesConfigError(BotoCoreError):
    fmt = 'Invalid configuration value(s) provided for proxies_config.'

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

class LoginError(BotoCoreError):
    fmt = 'An unspecified error happened when resolving AWS credentials or refreshing a login session profile.'

class LoginAuthorizationCodeError(LoginError):
    fmt = 'Error loading or redeeming a login authorization code: {error_msg} '

class LoginInsufficientPermissions(LoginError):
    fmt = "Unable to create or refresh login credentials due to insufficient permissions. You may be missing permission for the 'signin:CreateOAuth2Token' action."

class LoginRefreshRequired(LoginError):
    fmt = "Your session has expired or credentials have changed. Please reauthenticate using 'aws login'."

class LoginTokenLoadError(LoginError):
    fmt = 'Error loading login session token: {error_msg}'

class MD5UnavailableError(BotoCoreError):
    fmt = 'This system does not support MD5 generation.'

class MetadataRetrievalError(BotoCoreError):
    fmt = 'Error retrieving metadata: {error_msg}'

class MissingDependencyException(BotoCoreError):
    fmt = 'Missing Dependency: {msg}'

class MissingParametersError(BotoCoreError):
    fmt = 'The following required parameters are missing for {object_name}: {missing}'

class NoAuthTokenError(BotoCoreError):
    fmt = 'Unable to locate authorization token'

class NoCredentialsError(BotoCoreError):
    fmt = 'Unable to locate credentials'

class NoRegionError(BaseEndpointResolverError):
    fmt = 'You must specify a region.'

class OperationNotPageableError(BotoCoreError):
    fmt = 'Operation cannot be paginated: {operation_name}'

class PaginationError(BotoCoreError):
    fmt = 'Error during pagination: {message}'

class PartialCredentialsError(BotoCoreError):
    fmt = 'Partial credentials found in {provider}, missing: {cred_var}'

class ProfileNotFound(BotoCoreError):
    fmt = 'The config profile ({profile}) could not be found'

class ProxyConnectionError(ConnectionError):
    fmt = 'Failed to connect to proxy URL: "{proxy_url}"'

class RangeError(ValidationError):
    fmt = 'Value out of range for param {param}: {min_value} <= {value} <= {max_value}'

class ReadTimeoutError(HTTPClientError):
    fmt = 'Read timeout on endpoint URL: "{endpoint_url}"'

class RefreshWithMFAUnsupportedError(BotoCoreError):
    fmt = 'Cannot refresh credentials: MFA token required.'

class ResponseStreamingError(HTTPClientError):
    fmt = 'An error occurred while reading from response stream: {error}'

class SSLError(ConnectionError):
    fmt = 'SSL validation failed for {endpoint_url} {error}'

class SSOError(BotoCoreError):
    fmt = 'An unspecified error happened when resolving AWS credentials or an access token from SSO.'

class SSOTokenLoadError(SSOError):
    fmt = 'Error loading SSO Token: {error_msg}'

class ServiceNotInRegionError(BotoCoreError):
    fmt = 'Service {service_name} not available in region {region_name}'

class TokenRetrievalError(BotoCoreError):
    fmt = 'Error when retrieving token from {provider}: {error_msg}'

class UnauthorizedSSOTokenError(SSOError):
    fmt = 'The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.'

class UnknownClientMethodError(BotoCoreError):
    fmt = 'Client does not have method: {method_name}'

class UnknownCredentialError(BotoCoreError):
    fmt = 'Credential named {name} not found.'

class UnknownEndpointError(BaseEndpointResolverError, ValueError):
    fmt = 'Unable to construct an endpoint for {service_name} in region {region_name}'

class UnknownEndpointResolutionBuiltInName(EndpointProviderError):
    fmt = 'Unknown builtin variable name: {name}'

class UnknownFIPSEndpointError(BaseEndpointResolverError):
    fmt = 'The provided FIPS pseudo-region "{region_name}" is not known for the service "{service_name}". A FIPS compliant endpoint cannot be constructed.'

class UnknownKeyError(ValidationError):
    fmt = "Unknown key '{value}' for param '{param}'.  Must be one of: {choices}"

class UnknownParameterError(ValidationError):
    fmt = "Unknown parameter '{name}' for operation {operation}.  Must be one of: {choices}"

class UnknownRegionError(BotoCoreError):
    fmt = "Unknown region: '{region_name}'. {error_msg}"

class UnknownServiceError(DataNotFoundError):
    fmt = "Unknown service: '{service_name}'. Valid service names are: {known_service_names}"

class UnknownServiceStyle(BotoCoreError):
    fmt = 'The service style ({service_style}) is not understood.'

class UnknownSignatureVersionError(BotoCoreError):
    fmt = 'Unknown Signature Version: {signature_version}.'

class UnseekableStreamError(BotoCoreError):
    fmt = 'Need to rewind the stream {stream_object}, but stream is not seekable.'

class UnsupportedOutpostResourceError(BotoCoreError):
    fmt = 'S3 Outpost ARN resource "{resource_name}" provided to "Bucket" parameter is invalid. Only ARNs for S3 Outpost arns with an access-point sub-resource are supported.'

class UnsupportedS3AccesspointConfigurationError(BotoCoreError):
    fmt = 'Unsupported configuration when using S3 access-points: {msg}'

class UnsupportedS3ArnError(BotoCoreError):
    fmt = 'S3 ARN {arn} provided to "Bucket" parameter is invalid. Only ARNs for S3 access-points are supported.'

class UnsupportedS3ConfigurationError(BotoCoreError):
    fmt = 'Unsupported configuration when using S3: {msg}'

class UnsupportedS3ControlArnError(BotoCoreError):
    fmt = 'S3 ARN "{arn}" provided is invalid for this operation. {msg}'

class UnsupportedS3ControlConfigurationError(BotoCoreError):
    fmt = 'Unsupported configuration when using S3 Control: {msg}'

class UnsupportedServiceProtocolsError(BotoCoreError):
    fmt = 'Botocore supports {botocore_supported_protocols}, but service {service} only supports {service_supported_protocols}.'

class UnsupportedSignatureVersionError(BotoCoreError):
    fmt = 'Signature version(s) are not supported: {signature_version}'

class WaiterConfigError(BotoCoreError):
    fmt = 'Error processing waiter config: {error_msg}'

class WaiterError(BotoCoreError):
    fmt = 'Waiter {name} failed: {reason}'

    def __init__(self, name: str, reason: str, last_response: Any) -> None:
        super().__init__(name=name, reason=reason)
        self.last_response = last_response


class ResourceNotExistsError(Boto3Error, DataNotFoundError):
    def __init__(self, service_name: str, available_services: list[str],
                 has_low_level_client: bool) -> None:
        msg = ("The '{}' resource does not exist.\nThe available resources are:\n   - {}\n"
               .format(service_name, "\n   - ".join(available_services)))
        if has_low_level_client:
            msg = (f"{msg}\nConsider using a boto3.client('{service_name}') instead of a "
                   f"resource for '{service_name}'")
        Exception.__init__(self, msg)
        self.kwargs = {}


class UnknownAPIVersionError(Boto3Error, DataNotFoundError):
    def __init__(self, service_name: str, bad_api_version: str,
                 available_api_versions: str) -> None:
        msg = (f"The '{service_name}' resource does not support an API version of: "
               f"{bad_api_version}\nValid API versions are: {available_api_versions}")
        Exception.__init__(self, msg)
        self.kwargs = {}


__all__ = sorted(
    name for name, obj in list(globals().items())
    if isinstance(obj, type) and issubclass(obj, BaseException | Warning)
    and obj.__module__ == __name__
)
