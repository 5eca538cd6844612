"""Built-in rule-set parameter values (``AWS::Region``, ``SDK::Endpoint``, ...) from client settings.

Rules (botocore 1.43's ``compute_endpoint_resolver_builtin_defaults`` and the S3 hook that edits
them per call):

1. A FIPS pseudo-region (``fips-us-east-1``, ``us-east-1-fips``) becomes the plain region with
   ``UseFIPS`` on.
2. A custom ``endpoint_url`` (``SDK::Endpoint``) turns ``UseFIPS`` and ``UseDualStack`` off.
3. Without a region, the region is the service's legacy partition endpoint (``aws-global`` for IAM,
   STS, ...); S3 then uses ``us-east-1`` unless ``us_east_1_regional_endpoint`` is ``regional``.
4. ``AWS::S3::UseGlobalEndpoint`` is on for ``us-east-1``/no region unless S3's
   ``us_east_1_regional_endpoint`` is ``regional``; ``AWS::STS::UseGlobalEndpoint`` is on only with
   ``sts_regional_endpoints = legacy`` in one of the historic global-endpoint regions.
5. ``ForcePathStyle`` is off with accelerate, on for a custom non-accelerate endpoint unless the
   addressing style is ``virtual``, else on only for ``path``; per S3 call it is forced on for
   ``GetBucketLocation`` and off for ARN buckets.
6. ``EndpointBuiltins(exact={...})`` bypasses all of this: exactly those values are used (what
   botocore's endpoint tests do by replacing the builtins dict).

The computed values are made once per :class:`EndpointBuiltins` value; invalid S3/STS settings
raise when they are first computed, or by :meth:`EndpointBuiltins.validate` (which a client calls
at creation to fail early, as botocore does, leaving the values to its first call).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cached_property
from typing import Any, ClassVar

from awsession._core.frozen import FrozenValue
from awsession.endpoints.functions import HOST_LABEL_RE
from awsession.exceptions import (
    InvalidS3UsEast1RegionalEndpointConfigError,
    InvalidSTSRegionalEndpointsConfigError,
)

__all__ = ["EndpointBuiltins", "customize_s3_builtins", "is_s3_accelerate_url"]

S3_PREFIX = "s3"
S3_CONTROL_PREFIX = "s3-control"
_VALID_REGIONAL_CONFIG = ("legacy", "regional")
LEGACY_GLOBAL_STS_REGIONS = frozenset({
    "ap-northeast-1", "ap-south-1", "ap-southeast-1", "ap-southeast-2", "aws-global",
    "ca-central-1", "eu-central-1", "eu-north-1", "eu-west-1", "eu-west-2", "eu-west-3",
    "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
})  # fmt: skip
_ACCELERATE_FEATURES = frozenset({"dualstack"})

REGION = "AWS::Region"
USE_FIPS = "AWS::UseFIPS"
USE_DUALSTACK = "AWS::UseDualStack"
STS_USE_GLOBAL_ENDPOINT = "AWS::STS::UseGlobalEndpoint"
S3_USE_GLOBAL_ENDPOINT = "AWS::S3::UseGlobalEndpoint"
S3_ACCELERATE = "AWS::S3::Accelerate"
S3_FORCE_PATH_STYLE = "AWS::S3::ForcePathStyle"
S3_USE_ARN_REGION = "AWS::S3::UseArnRegion"
S3_DISABLE_EXPRESS_SESSION_AUTH = "AWS::S3::DisableS3ExpressSessionAuth"
S3_CONTROL_USE_ARN_REGION = "AWS::S3Control::UseArnRegion"
S3_DISABLE_MRAP = "AWS::S3::DisableMultiRegionAccessPoints"
SDK_ENDPOINT = "SDK::Endpoint"
ACCOUNT_ID = "AWS::Auth::AccountId"
ACCOUNT_ID_ENDPOINT_MODE = "AWS::Auth::AccountIdEndpointMode"
CREDENTIAL_SCOPE = "AWS::Auth::CredentialScope"


def is_s3_accelerate_url(url: str | None) -> bool:
    """Whether ``url`` is an S3 Accelerate endpoint (``s3-accelerate[.dualstack].amazonaws.com``)."""
    if url is None or "s3-accelerate" not in url:
        return False  # the host's first label must be exactly that
    from urllib.parse import urlsplit  # deferred: keeps a fresh process's first client light

    parts = urlsplit(url)
    if not parts.netloc.endswith("amazonaws.com") or parts.scheme not in ("https", "http"):
        return False
    labels = parts.netloc.split(".")
    if labels[0] != "s3-accelerate":
        return False
    features = labels[1:-2]
    return len(features) == len(set(features)) and all(f in _ACCELERATE_FEATURES for f in features)


def _checked_regional_config(value: Any, error: type[Exception], field: str) -> Any:
    if value not in _VALID_REGIONAL_CONFIG:
        raise error(**{field: value})
    return value


_BUILTINS_FIELDS = (
    "region", "endpoint_prefix", "use_fips", "use_dualstack", "endpoint_url", "s3",
    "sts_regional_endpoints", "account_id", "account_id_endpoint_mode", "credential_scope",
    "s3_disable_express_session_auth", "exact",
)  # fmt: skip


class EndpointBuiltins(FrozenValue):
    """The client settings built-in parameters come from (filled by the client layer).

    ``s3`` is the merged ``s3`` settings dict (``addressing_style``, ``use_accelerate_endpoint``,
    ``use_arn_region``, ``us_east_1_regional_endpoint``, ``s3_disable_multiregion_access_points``,
    ``use_dualstack_endpoint``). ``account_id`` may be a zero-argument callable, called only when
    a rule set needs it. ``endpoint_prefix`` is the service's ``endpointPrefix``.
    ``s3_disable_express_session_auth`` defaults to ``False`` as botocore's resolved setting does
    (for S3 it also feeds the ``DisableS3ExpressSessionAuth`` client-context parameter).
    An immutable value (``==``, ``hash`` and ``repr`` over the fields, in this order).
    """

    KNOWN: ClassVar[frozenset[str]] = frozenset({
        REGION, USE_FIPS, USE_DUALSTACK, STS_USE_GLOBAL_ENDPOINT, S3_USE_GLOBAL_ENDPOINT,
        S3_ACCELERATE, S3_FORCE_PATH_STYLE, S3_USE_ARN_REGION, S3_DISABLE_EXPRESS_SESSION_AUTH,
        S3_CONTROL_USE_ARN_REGION, S3_DISABLE_MRAP, SDK_ENDPOINT, ACCOUNT_ID,
        ACCOUNT_ID_ENDPOINT_MODE, CREDENTIAL_SCOPE,
    })  # fmt: skip
    _fields = _BUILTINS_FIELDS

    region: str | None
    endpoint_prefix: str
    use_fips: bool | None
    use_dualstack: bool | None
    endpoint_url: str | None
    s3: Mapping[str, Any] | None
    sts_regional_endpoints: str | None
    account_id: str | Callable[[], str | None] | None
    account_id_endpoint_mode: str | None
    credential_scope: str | None
    s3_disable_express_session_auth: bool | None
    exact: Mapping[str, Any] | None

    def __init__(
        self,
        region: str | None = None,
        endpoint_prefix: str = "",
        use_fips: bool | None = None,
        use_dualstack: bool | None = None,
        endpoint_url: str | None = None,
        s3: Mapping[str, Any] | None = None,
        sts_regional_endpoints: str | None = None,
        account_id: str | Callable[[], str | None] | None = None,
        account_id_endpoint_mode: str | None = None,
        credential_scope: str | None = None,
        s3_disable_express_session_auth: bool | None = False,
        exact: Mapping[str, Any] | None = None,
    ) -> None:
        # The instance dict also holds the cached properties below (written by cached_property).
        self.__dict__.update(
            region=region, endpoint_prefix=endpoint_prefix, use_fips=use_fips,
            use_dualstack=use_dualstack, endpoint_url=endpoint_url, s3=s3,
            sts_regional_endpoints=sts_regional_endpoints, account_id=account_id,
            account_id_endpoint_mode=account_id_endpoint_mode, credential_scope=credential_scope,
            s3_disable_express_session_auth=s3_disable_express_session_auth, exact=exact,
        )  # fmt: skip

    def validate(self) -> None:
        """Raise what computing :attr:`values` would raise for invalid S3/STS settings, without
        computing them (a client checks at creation and computes on its first call)."""
        if self.exact is not None:
            return
        _checked_regional_config(
            (self.s3 or {}).get("us_east_1_regional_endpoint", "legacy"),
            InvalidS3UsEast1RegionalEndpointConfigError,
            "s3_us_east_1_regional_endpoint_config",
        )
        _checked_regional_config(
            self.sts_regional_endpoints or "regional",
            InvalidSTSRegionalEndpointsConfigError,
            "sts_regional_endpoints_config",
        )

    @cached_property
    def values(self) -> Mapping[str, Any]:
        """Built-in name -> value (botocore's builtins dict)."""
        if self.exact is not None:
            return dict(self.exact)
        s3 = self.s3 or {}
        region, use_fips = self.region, bool(self.use_fips)
        if region is not None:
            plain = region.replace("fips-", "").replace("-fips", "")
            if plain != region:
                region, use_fips = plain, True
        s3_legacy_global = (
            _checked_regional_config(
                s3.get("us_east_1_regional_endpoint", "legacy"),
                InvalidS3UsEast1RegionalEndpointConfigError,
                "s3_us_east_1_regional_endpoint_config",
            )
            == "legacy"
        )
        use_dualstack = self._use_dualstack(s3)
        if region is None:
            region = self._default_region(s3_legacy_global, use_dualstack)
        sts_mode = _checked_regional_config(
            self.sts_regional_endpoints or "regional",
            InvalidSTSRegionalEndpointsConfigError,
            "sts_regional_endpoints_config",
        )
        given_endpoint = self.endpoint_url or None
        accelerate = s3.get("use_accelerate_endpoint", False)
        if accelerate:
            force_path_style = False
        elif self.endpoint_url is not None and not is_s3_accelerate_url(self.endpoint_url):
            force_path_style = s3.get("addressing_style") != "virtual"
        else:
            force_path_style = s3.get("addressing_style") == "path"
        return {
            REGION: region,
            USE_FIPS: (given_endpoint is None and use_fips) or False,
            USE_DUALSTACK: (given_endpoint is None and use_dualstack) or False,
            STS_USE_GLOBAL_ENDPOINT: sts_mode == "legacy" and region in LEGACY_GLOBAL_STS_REGIONS,
            S3_USE_GLOBAL_ENDPOINT: s3_legacy_global and region in ("us-east-1", None),
            S3_ACCELERATE: accelerate,
            S3_FORCE_PATH_STYLE: force_path_style,
            S3_USE_ARN_REGION: s3.get("use_arn_region", True),
            S3_CONTROL_USE_ARN_REGION: s3.get("use_arn_region", False),
            S3_DISABLE_MRAP: s3.get("s3_disable_multiregion_access_points", False),
            S3_DISABLE_EXPRESS_SESSION_AUTH: self.s3_disable_express_session_auth,
            SDK_ENDPOINT: given_endpoint,
            ACCOUNT_ID: self.account_id,
            ACCOUNT_ID_ENDPOINT_MODE: self.account_id_endpoint_mode,
            CREDENTIAL_SCOPE: self.credential_scope,
        }

    @cached_property
    def plan_memo(self) -> dict[int, dict[str, Any]]:
        """Per parameter plan: the client-supplied rule-set parameters (filled by ``params``)."""
        return {}

    @cached_property
    def s3_client_context(self) -> Mapping[str, Any]:
        """The client-context entries S3 settings supply (they override ``client_context_params``)."""
        context = dict(self.s3 or {})
        if self.s3_disable_express_session_auth is not None:
            context["disable_s3_express_session_auth"] = self.s3_disable_express_session_auth
        return context

    def _use_dualstack(self, s3: Mapping[str, Any]) -> bool:
        if self.endpoint_prefix in (S3_PREFIX, S3_CONTROL_PREFIX):
            s3_value = s3.get("use_dualstack_endpoint")
            if s3_value is True or s3_value in ("True", "true"):
                return True
            if s3_value is False:
                return False
        return bool(self.use_dualstack)

    def _default_region(self, s3_legacy_global: bool, use_dualstack: bool) -> str | None:
        if self.endpoint_prefix == S3_PREFIX and (s3_legacy_global or use_dualstack):
            return "us-east-1"
        if not self.endpoint_prefix:
            return None
        from awsession.endpoints.legacy import partition_endpoint

        return partition_endpoint(self.endpoint_prefix)


def customize_s3_builtins(
    values: Mapping[str, Any], operation_name: str, bucket: Any, context: Mapping[str, Any]
) -> Mapping[str, Any]:
    """Per-call S3 adjustments (botocore's ``before-endpoint-resolution.s3`` hook); a new mapping."""
    is_arn = isinstance(bucket, str) and bucket.startswith("arn:") and bucket.count(":") >= 5
    if not is_arn and operation_name != "GetBucketLocation" and not context.get("use_global_endpoint"):
        return values  # the common case: nothing to adjust
    force_path_style = values.get(S3_FORCE_PATH_STYLE)
    if operation_name == "GetBucketLocation":
        force_path_style = True
    elif is_arn:
        force_path_style = False
    path_style_required = bucket is not None and HOST_LABEL_RE.match(bucket) is None
    use_global = (
        context.get("use_global_endpoint")
        and not path_style_required
        and not force_path_style
        and not is_arn
        and not (bucket is not None and bucket.endswith("--x-s3"))
    )
    if force_path_style == values.get(S3_FORCE_PATH_STYLE) and not use_global:
        return values
    changed = dict(values)
    changed[S3_FORCE_PATH_STYLE] = force_path_style
    if use_global:
        changed[REGION] = "aws-global"
        changed[S3_USE_GLOBAL_ENDPOINT] = True
    return changed
