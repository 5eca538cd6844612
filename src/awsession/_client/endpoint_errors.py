"""Rule-set errors become the exception classes boto3 raises for them (matched on the message).

A rule set only knows one error type. boto3 turns some messages into older, more specific classes
that users catch (``InvalidHostLabelError``, S3 and S3 Control configuration errors, ...); every
other message stays an ``EndpointResolutionError``. The message text never changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..exceptions import (
    BotoCoreError,
    InvalidEndpointConfigurationError,
    InvalidHostLabelError,
    ParamValidationError,
    UnsupportedS3AccesspointConfigurationError,
    UnsupportedS3ConfigurationError,
    UnsupportedS3ControlArnError,
    UnsupportedS3ControlConfigurationError,
)

__all__ = ["translate_rule_error"]

_S3_ACCESS_POINT_PREFIXES = (
    "S3 Outposts does not support", "S3 MRAP does not support", "S3 Object Lambda does not support",
    "Access Points do not support", "Invalid configuration:", "Client was configured for partition",
)


def translate_rule_error(service_name: str, msg: str,
                         params: Mapping[str, Any]) -> BotoCoreError | None:
    """boto3's exception for a rule-set error message, or ``None`` to keep the rule-set error."""
    if msg.startswith("Invalid region in ARN: "):
        parts = msg.split("`")
        return InvalidHostLabelError(label=parts[1] if len(parts) > 1 else msg)
    if service_name == "s3":
        if msg in ("S3 Object Lambda does not support S3 Accelerate",
                   "Accelerate cannot be used with FIPS"):
            return UnsupportedS3ConfigurationError(msg=msg)
        if msg.startswith(_S3_ACCESS_POINT_PREFIXES):
            return UnsupportedS3AccesspointConfigurationError(msg=msg)
        if msg.lower().startswith("invalid arn:"):
            return ParamValidationError(report=msg)
    elif service_name == "s3control":
        if msg.startswith("Invalid ARN:"):
            return UnsupportedS3ControlArnError(arn=params.get("Bucket"), msg=msg)
        if msg.startswith(("Invalid configuration:", "Client was configured for partition")):
            return UnsupportedS3ControlConfigurationError(msg=msg)
        if msg == "AccountId is required but not set":
            return ParamValidationError(report=msg)
    elif service_name == "events" and (
            msg.startswith("Invalid Configuration: FIPS is not supported with EventBridge "
                           "multi-region endpoints.")
            or msg == "EndpointId must be a valid host label."):
        return InvalidEndpointConfigurationError(msg=msg)
    return None
