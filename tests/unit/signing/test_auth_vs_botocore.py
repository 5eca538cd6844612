"""Differential: auth-scheme selection against what boto3 1.43 actually signs with.

For each case a real boto3 client makes the call (or presigns); botocore's final signer name,
signing name and region are captured where it builds the signer (``get_auth_instance``), together
with the endpoint's ``authSchemes`` it resolved. ``choose_auth`` gets the same model, config and
endpoint inputs and must reach the same decision. No request leaves the process.
"""

from __future__ import annotations

from typing import Any
from unittest import mock

import boto3
import botocore
import botocore.signers
import pytest
from botocore.config import Config

from awsession.exceptions import UnsupportedSignatureVersionError
from awsession.signing.auth import AuthDecision, choose_auth, is_unsigned, resolve_auth_type

CREDS = {"aws_access_key_id": "AKID", "aws_secret_access_key": "SECRET"}


class _Stop(Exception):
    pass


def _capture(client: Any, call: Any, signing_type: str) -> tuple[dict[str, Any], list[Any]]:
    seen: dict[str, Any] = {}
    schemes: list[Any] = []
    original_sign = botocore.signers.RequestSigner.sign
    original_get = botocore.signers.RequestSigner.get_auth_instance

    def sign(self: Any, operation_name: str, request: Any, *args: Any, **kwargs: Any) -> Any:
        schemes.append((request.context.get("endpoint_properties") or {}).get("authSchemes"))
        seen["payload_signing"] = request.context.get("payload_signing_enabled", True)
        result = original_sign(self, operation_name, request, *args, **kwargs)
        seen.setdefault("signature_version", "none")
        seen["payload_signing"] = request.context.get("payload_signing_enabled", True)
        if signing_type == "standard":
            raise _Stop
        return result

    def get_auth_instance(self: Any, signing_name: str, region_name: str, signature_version: Any = None,
                          **kwargs: Any) -> Any:
        seen.update(signature_version=signature_version, signing_name=signing_name, region=region_name)
        return original_get(self, signing_name, region_name, signature_version, **kwargs)

    with mock.patch.object(botocore.signers.RequestSigner, "sign", sign), mock.patch.object(
        botocore.signers.RequestSigner, "get_auth_instance", get_auth_instance
    ):
        try:
            call(client)
        except _Stop:
            pass
    return seen, schemes


CASES: list[tuple[str, str, dict[str, Any], str, Any, str]] = [
    ("sts", "us-east-1", {}, "GetCallerIdentity", lambda c: c.get_caller_identity(), "standard"),
    ("sts", "us-east-1", {}, "AssumeRoleWithWebIdentity",
     lambda c: c.assume_role_with_web_identity(RoleArn="arn:aws:iam::1:role/r" + "x" * 10,
                                               RoleSessionName="session", WebIdentityToken="t" * 10), "standard"),
    ("dynamodb", "eu-west-1", {}, "ListTables", lambda c: c.list_tables(), "standard"),
    ("lambda", "ap-south-1", {}, "ListFunctions", lambda c: c.list_functions(), "standard"),
    ("cognito-identity", "us-east-1", {}, "GetId", lambda c: c.get_id(IdentityPoolId="us-east-1:x"), "standard"),
    ("sso", "us-east-1", {}, "ListAccounts", lambda c: c.list_accounts(accessToken="t"), "standard"),
    ("s3", "us-east-1", {}, "ListBuckets", lambda c: c.list_buckets(), "standard"),
    ("s3", "eu-central-1", {}, "GetObject", lambda c: c.get_object(Bucket="bkt", Key="a/b"), "standard"),
    ("s3", "us-west-2", {}, "WriteGetObjectResponse",
     lambda c: c.write_get_object_response(RequestRoute="r", RequestToken="t"), "standard"),
    ("s3", "us-west-2", {"signature_version": botocore.UNSIGNED}, "GetObject",
     lambda c: c.get_object(Bucket="bkt", Key="k"), "standard"),
    ("s3control", "us-west-2", {}, "ListAccessPoints",
     lambda c: c.list_access_points(AccountId="123456789012"), "standard"),
    ("s3", "us-east-1", {}, "GetObject",
     lambda c: c.generate_presigned_url("get_object", Params={"Bucket": "bkt", "Key": "k"}), "presign-url"),
    ("s3", "eu-west-1", {"signature_version": "s3v4"}, "GetObject",
     lambda c: c.generate_presigned_url("get_object", Params={"Bucket": "bkt", "Key": "k"}), "presign-url"),
    ("s3", "ap-east-2", {}, "GetObject",
     lambda c: c.generate_presigned_url("get_object", Params={"Bucket": "bkt", "Key": "k"}), "presign-url"),
    ("s3", "us-east-1", {}, "CreateBucket", lambda c: c.generate_presigned_post("bkt", "k"), "presign-post"),
    ("s3", "us-east-1", {"signature_version": "s3v4"}, "CreateBucket",
     lambda c: c.generate_presigned_post("bkt", "k"), "presign-post"),
    ("ec2", "us-east-1", {}, "CopySnapshot", lambda c: c.describe_regions(), "standard"),
    ("sqs", "us-east-1", {"auth_scheme_preference": "sigv4a,sigv4"}, "ListQueues",
     lambda c: c.list_queues(), "standard"),
    ("dynamodb", "us-east-1", {"signature_version": "v4"}, "ListTables", lambda c: c.list_tables(), "standard"),
]

# Regions where boto3 still presigns S3 with SigV2 (known to its endpoints data); ap-east-2 is not.
SIGV2_PRESIGN_REGIONS = {"us-east-1", "eu-west-1", "us-west-2", "eu-central-1"}


@pytest.mark.parametrize(("service", "region", "config", "operation", "call", "signing_type"), CASES)
def test_choice_matches_boto3(
    service: str, region: str, config: dict[str, Any], operation: str, call: Any, signing_type: Any
) -> None:
    client = boto3.client(service, region_name=region, config=Config(**config), **CREDS)
    seen, schemes = _capture(client, call, signing_type)
    model = client.meta.service_model
    if service == "ec2":
        operation = "DescribeRegions"
    op = model.operation_model(operation)
    version = config.get("signature_version")
    decision = choose_auth(
        service_name=model.service_name,
        signing_name=model.signing_name,
        region=region,
        operation_name=operation,
        service_auth=model.metadata.get("auth"),
        service_signature_version=model.metadata.get("signatureVersion"),
        operation_auth=op.auth,
        operation_authtype=op.auth_type,
        unsigned_payload=bool(op.unsigned_payload),
        endpoint_auth_schemes=schemes[0],
        signature_version=version,
        auth_scheme_preference=config.get("auth_scheme_preference"),
        auth_scheme_preference_in_code="auth_scheme_preference" in config,
        signing_type=signing_type,
        s3_presign_sigv2=service == "s3" and version is None and region in SIGV2_PRESIGN_REGIONS,
        ignore_signing_region=signing_type != "standard",
    )
    expected_version = "none" if is_unsigned(seen["signature_version"]) else seen["signature_version"]
    assert decision.scheme == expected_version
    if decision.scheme != "none":
        assert decision.signing_name == seen["signing_name"]
        assert decision.signing_region == seen["region"]
    assert decision.payload_signing == seen["payload_signing"]


def test_decision_path_rules() -> None:
    s3 = AuthDecision("s3v4", "s3", "us-east-1")
    assert (s3.s3, s3.double_encode, s3.normalize_path) == (True, False, False)
    v4 = AuthDecision("v4", "sts", "us-east-1")
    assert (v4.s3, v4.double_encode, v4.normalize_path) == (False, True, True)


def test_sigv4a_is_reported_as_not_supported() -> None:
    with pytest.raises(UnsupportedSignatureVersionError, match="sigv4a"):
        choose_auth(
            service_name="s3", signing_name="s3", region="us-east-1", operation_name="GetObject",
            service_auth=["aws.auth#sigv4"],
            endpoint_auth_schemes=[{"name": "sigv4a", "signingName": "s3", "signingRegionSet": ["*"]}],
        )


def test_s3_express_is_reported_as_not_supported() -> None:
    with pytest.raises(UnsupportedSignatureVersionError, match="v4-s3express"):
        choose_auth(
            service_name="s3", signing_name="s3", region="us-east-1", operation_name="GetObject",
            endpoint_auth_schemes=[{"name": "sigv4-s3express", "signingName": "s3express",
                                    "signingRegion": "us-east-1"}],
        )


def test_bearer_for_bearer_only_service_and_env_token_service() -> None:
    codecatalyst = choose_auth(service_name="codecatalyst", signing_name="codecatalyst", region="us-west-2",
                               service_signature_version="bearer")
    assert codecatalyst.scheme == "bearer"
    bedrock = dict(service_name="bedrock-runtime", signing_name="bedrock", region="us-east-1",
                   service_auth=["aws.auth#sigv4", "smithy.api#httpBearerAuth"])
    assert choose_auth(**bedrock).scheme == "v4"  # type: ignore[arg-type]
    assert choose_auth(bearer_token_available=True, **bedrock).scheme == "bearer"  # type: ignore[arg-type]
    assert choose_auth(bearer_token_available=True, signature_version="v4", **bedrock).scheme == "v4"  # type: ignore[arg-type]


def test_unknown_trait_and_unsigned_sentinel() -> None:
    with pytest.raises(Exception, match="Unknown Signature Version: custom#auth"):
        resolve_auth_type(["custom#auth"])
    from awsession.config.client_config import UNSIGNED

    assert is_unsigned(botocore.UNSIGNED)
    assert is_unsigned(UNSIGNED)
    assert not is_unsigned("UNSIGNED")
    assert not is_unsigned(None)
    decision = choose_auth(service_name="sts", signing_name="sts", region="us-east-1",
                           service_auth=["aws.auth#sigv4"], signature_version=botocore.UNSIGNED)
    assert decision.scheme == "none"
