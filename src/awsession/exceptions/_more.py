"""The less common exception classes of :mod:`awsession.exceptions`, defined on first use.

Everything here is re-exported by :mod:`awsession.exceptions`, which imports this module the first
time one of these names is looked up; each class's ``__module__`` says ``awsession.exceptions``.
Keeping them out of the first import saves the first client about a millisecond.
"""

# botocore's message texts are kept verbatim, one line each.
# ruff: noqa: E501

from __future__ import annotations

from typing import Any

from . import (
    BaseEndpointResolverError,
    BotoCoreError,
    DataNotFoundError,
    InvalidConfigError,
    ValidationError,
)


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


class AliasConflictParameterError(ValidationError):
    fmt = "Parameter '{original}' and its alias '{alias}' were provided for operation {operation}.  Only one of them may be used."


class ApiVersionNotFoundError(BotoCoreError):
    fmt = 'Unable to load data {data_path} for: {api_version}'


class AwsChunkedWrapperError(BotoCoreError):
    fmt = '{error_msg}'


class CapacityNotAvailableError(BotoCoreError):
    fmt = 'Insufficient request capacity available.'


class ChecksumError(BotoCoreError):
    fmt = 'Checksum {checksum_type} failed, expected checksum {expected_checksum} did not match calculated checksum {actual_checksum}.'


class ConfigNotFound(BotoCoreError):
    fmt = 'The specified config file ({path}) could not be found.'


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


class EndpointConnectionError(ConnectionError):
    fmt = 'Could not connect to the endpoint URL: "{endpoint_url}"'


class EndpointVariantError(BaseEndpointResolverError):
    fmt = 'Unable to construct a modeled endpoint with the following variant(s) {tags}: '


class FlexibleChecksumError(BotoCoreError):
    fmt = '{error_msg}'


class IncompleteReadError(BotoCoreError):
    fmt = '{actual_bytes} read, but total bytes expected is {expected_bytes}.'


class InfiniteLoopConfigError(InvalidConfigError):
    fmt = 'Infinite loop in credential configuration detected. Attempting to load from profile {source_profile} which has already been visited. Visited profiles: {visited_profiles}'


class InvalidDNSNameError(BotoCoreError):
    fmt = "Bucket named {bucket_name} is not DNS compatible. Virtual hosted-style addressing cannot be used. The addressing style can be configured by removing the addressing_style value or setting that value to 'path' or 'auto' in the AWS Config file or in the botocore.client.Config object."


class InvalidExpressionError(BotoCoreError):
    fmt = 'Invalid expression {expression}: Only dotted lookups are supported.'


class InvalidIMDSEndpointError(BotoCoreError):
    fmt = 'Invalid endpoint EC2 Instance Metadata endpoint: {endpoint}'


class InvalidProxiesConfigError(BotoCoreError):
    fmt = 'Invalid configuration value(s) provided for proxies_config.'


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


class OperationNotPageableError(BotoCoreError):
    fmt = 'Operation cannot be paginated: {operation_name}'


class PaginationError(BotoCoreError):
    fmt = 'Error during pagination: {message}'


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


class UnknownFIPSEndpointError(BaseEndpointResolverError):
    fmt = 'The provided FIPS pseudo-region "{region_name}" is not known for the service "{service_name}". A FIPS compliant endpoint cannot be constructed.'


class UnknownKeyError(ValidationError):
    fmt = "Unknown key '{value}' for param '{param}'.  Must be one of: {choices}"


class UnknownParameterError(ValidationError):
    fmt = "Unknown parameter '{name}' for operation {operation}.  Must be one of: {choices}"


class UnknownServiceStyle(BotoCoreError):
    fmt = 'The service style ({service_style}) is not understood.'


class UnknownSignatureVersionError(BotoCoreError):
    fmt = 'Unknown Signature Version: {signature_version}.'


class UnseekableStreamError(BotoCoreError):
    fmt = 'Need to rewind the stream {stream_object}, but stream is not seekable.'


class UnsupportedOutpostResourceError(BotoCoreError):
    fmt = 'S3 Outpost ARN resource "{resource_name}" provided to "Bucket" parameter is invalid. Only ARNs for S3 Outpost arns with an access-point sub-resource are supported.'


class UnsupportedS3ArnError(BotoCoreError):
    fmt = 'S3 ARN {arn} provided to "Bucket" parameter is invalid. Only ARNs for S3 access-points are supported.'


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


NAMES: tuple[str, ...] = (
    "StubResponseError",
    "StubAssertionError",
    "UnStubbedResponseError",
    "ImminentRemovalWarning",
    "UnsupportedTLSVersionWarning",
    "Boto3Error",
    "ResourceLoadException",
    "NoVersionFound",
    "RetriesExceededError",
    "S3TransferFailedError",
    "S3UploadFailedError",
    "DynamoDBOperationNotSupportedError",
    "DynanmoDBOperationNotSupportedError",
    "DynamoDBNeedsConditionError",
    "DynamoDBNeedsKeyConditionError",
    "PythonDeprecationWarning",
    "AliasConflictParameterError",
    "ApiVersionNotFoundError",
    "AwsChunkedWrapperError",
    "CapacityNotAvailableError",
    "ChecksumError",
    "ConfigNotFound",
    "ConnectionError",
    "ConnectTimeoutError",
    "HTTPClientError",
    "ConnectionClosedError",
    "CredentialRetrievalError",
    "EndpointConnectionError",
    "EndpointVariantError",
    "FlexibleChecksumError",
    "IncompleteReadError",
    "InfiniteLoopConfigError",
    "InvalidDNSNameError",
    "InvalidExpressionError",
    "InvalidIMDSEndpointError",
    "InvalidProxiesConfigError",
    "LoginError",
    "LoginAuthorizationCodeError",
    "LoginInsufficientPermissions",
    "LoginRefreshRequired",
    "LoginTokenLoadError",
    "MD5UnavailableError",
    "MetadataRetrievalError",
    "MissingDependencyException",
    "MissingParametersError",
    "NoAuthTokenError",
    "OperationNotPageableError",
    "PaginationError",
    "ProxyConnectionError",
    "RangeError",
    "ReadTimeoutError",
    "RefreshWithMFAUnsupportedError",
    "ResponseStreamingError",
    "SSLError",
    "SSOError",
    "SSOTokenLoadError",
    "ServiceNotInRegionError",
    "TokenRetrievalError",
    "UnauthorizedSSOTokenError",
    "UnknownClientMethodError",
    "UnknownCredentialError",
    "UnknownEndpointError",
    "UnknownFIPSEndpointError",
    "UnknownKeyError",
    "UnknownParameterError",
    "UnknownServiceStyle",
    "UnknownSignatureVersionError",
    "UnseekableStreamError",
    "UnsupportedOutpostResourceError",
    "UnsupportedS3ArnError",
    "UnsupportedServiceProtocolsError",
    "UnsupportedSignatureVersionError",
    "WaiterConfigError",
    "WaiterError",
    "ResourceNotExistsError",
    "UnknownAPIVersionError",
)
"""The public names defined here (all exception classes, plus botocore's misspelt alias)."""

for _name in NAMES:
    _value = globals()[_name]
    if _value.__module__ == __name__:
        _value.__module__ = "awsession.exceptions"  # where users, reprs and pickle find them
