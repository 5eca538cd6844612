"""The rule-set cases' ``operationInputs`` run end to end through a real client's request building.

For each input set the built-ins become client settings (region, ``Config`` options, the ``s3``
dict, ``endpoint_url``, account id, environment variables) the way a user would set them, the
client context parameters become ``Config(client_context_params=...)``, and the operation's
request is prepared exactly as a call would prepare it (validation, serialization, customizations,
endpoint, URL join) without sending it. The URL must start with the expected endpoint, or the
expected error must be raised.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import awsession
from awsession._pipeline.prepare import prepare_call
from awsession.config import Config
from tests._conformance import CONFORMANCE_DIR, conformance_path

ENDPOINTS = CONFORMANCE_DIR / "endpoints"
SERVICES = sorted(p.name for p in ENDPOINTS.iterdir()) if ENDPOINTS.is_dir() else []


def _cases(service: str) -> list[dict[str, Any]]:
    path = ENDPOINTS / service / "endpoint-tests-1.json"
    return [c for c in json.loads(path.read_text())["testCases"] if "operationInputs" in c]


OPERATION_SERVICES = [s for s in SERVICES if _cases(s)]



def _not_expressible(builtins: dict[str, Any]) -> str | None:
    """Why an input set cannot be set up through a client's settings, or None."""
    if "SDK::Endpoint" in builtins and (builtins.get("AWS::UseFIPS")
                                        or builtins.get("AWS::UseDualStack")):
        # A client given endpoint_url turns FIPS and dual-stack off before the rules run, as
        # botocore's does; these cases feed the rule set directly and are covered by
        # test_endpoint_rulesets.py.
        return "FIPS or dual-stack together with a custom endpoint"
    if builtins.get("AWS::S3::ForcePathStyle") and builtins.get("AWS::S3::Accelerate"):
        # A client with accelerate on turns path style off, as botocore's does.
        return "path style together with accelerate"
    return None


# Signers awsession does not implement yet: the request cannot be built, and says so clearly.
UNSUPPORTED_SIGNERS = ("sigv4a", "v4-s3express")


def _rejected_by_botocore_bucket_check(error: Exception, params: dict[str, Any]) -> bool:
    """boto3 refuses the same bucket name before endpoint resolution (its validate_bucket_name)."""
    from botocore.exceptions import ParamValidationError as BotoParamValidationError
    from botocore.handlers import validate_bucket_name

    if type(error).__name__ != "ParamValidationError" or "Bucket" not in params:
        return False
    try:
        validate_bucket_name({"Bucket": params["Bucket"]})
    except BotoParamValidationError as theirs:
        return str(theirs) == str(error)
    return False


class _Sent(Exception):
    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.url = url


def _boto3_outcome(service: str, builtins: dict[str, Any], client_params: dict[str, Any],
                   operation: str, params: dict[str, Any], patch: pytest.MonkeyPatch) -> str:
    """What boto3 does with the same client settings: the URL it would send, or its error."""
    import boto3
    from botocore.config import Config as BotoConfig

    def stop(request: Any, **_: Any) -> None:
        raise _Sent(request.url)

    ours = _client(service, builtins, client_params, patch, config_cls=BotoConfig,
                   session=boto3.Session())
    ours.meta.events.register("before-send", stop)
    method = getattr(ours, ours.meta.method_to_api_mapping and
                     {v: k for k, v in ours.meta.method_to_api_mapping.items()}[operation])
    try:
        method(**params)
    except _Sent as sent:
        return sent.url
    except Exception as error:
        return f"error: {error}"
    return "error: no request"


def _prepared_prefix(theirs: str, ours: str) -> str | None:
    """boto3's URL carries the same host prefix ours did; find it to strip it."""
    if theirs.startswith("error") or "://" not in theirs:
        return None
    host = theirs.split("://", 1)[1].split("/", 1)[0]
    first = host.split(".", 1)[0] + "."
    return first if f"://{first}" not in ours else None


def _without_host_prefix(url: str, host_prefix: str | None) -> str:
    """The endpoint part of a URL (host prefixes such as ``{RequestRoute}.`` come on top)."""
    if host_prefix and f"://{host_prefix}" in url:
        return url.replace(f"://{host_prefix}", "://", 1)
    return url


def _client(service: str, builtins: dict[str, Any], client_params: dict[str, Any],
            monkeypatch: pytest.MonkeyPatch, config_cls: Any = Config, session: Any = None) -> Any:
    # Built-ins a case leaves out are off; a client's defaults differ for these two.
    s3: dict[str, Any] = {"addressing_style": "virtual", "us_east_1_regional_endpoint": "regional"}
    config: dict[str, Any] = {"parameter_validation": False, "client_context_params": client_params}
    kwargs: dict[str, Any] = {"aws_access_key_id": "AKIDEXAMPLE", "aws_secret_access_key": "secret"}
    for name, value in builtins.items():
        if name == "AWS::Region":
            kwargs["region_name"] = value
        elif name == "AWS::UseFIPS":
            config["use_fips_endpoint"] = value
        elif name == "AWS::UseDualStack":
            config["use_dualstack_endpoint"] = value
            if service in ("s3", "s3control"):
                s3["use_dualstack_endpoint"] = value
        elif name == "SDK::Endpoint":
            kwargs["endpoint_url"] = value
        elif name == "AWS::S3::Accelerate":
            s3["use_accelerate_endpoint"] = value
        elif name == "AWS::S3::ForcePathStyle":
            s3["addressing_style"] = "path" if value else "virtual"
        elif name in ("AWS::S3::UseArnRegion", "AWS::S3Control::UseArnRegion"):
            s3["use_arn_region"] = value
        elif name == "AWS::S3::DisableMultiRegionAccessPoints":
            s3["s3_disable_multiregion_access_points"] = value
        elif name == "AWS::S3::UseGlobalEndpoint":
            s3["us_east_1_regional_endpoint"] = "legacy" if value else "regional"
        elif name == "AWS::STS::UseGlobalEndpoint":
            monkeypatch.setenv("AWS_STS_REGIONAL_ENDPOINTS", "legacy" if value else "regional")
        elif name == "AWS::Auth::AccountId":
            kwargs["aws_account_id"] = value
        elif name == "AWS::Auth::AccountIdEndpointMode":
            config["account_id_endpoint_mode"] = value
        else:
            raise AssertionError(f"unmapped built-in {name}")
    if service in ("s3", "s3control"):
        config["s3"] = s3
    session = session if session is not None else awsession.Session()
    return session.client(service, config=config_cls(**config), **kwargs)


@pytest.mark.parametrize("service", OPERATION_SERVICES)
def test_operation_inputs_through_request_building(service: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    conformance_path("endpoints", service)
    failures: list[str] = []
    skipped = 0
    unsupported: list[str] = []
    differs_like_boto3: list[str] = []
    for index, case in enumerate(_cases(service)):
        expect = case["expect"]
        for inputs in case["operationInputs"]:
            if _not_expressible(inputs.get("builtInParams", {})):
                skipped += 1
                continue
            with monkeypatch.context() as patch:
                label = f"case {index} ({case.get('documentation', '')}) {inputs['operationName']}"
                builtins = inputs.get("builtInParams", {})
                client_params = inputs.get("clientParams", {})
                params = dict(inputs.get("operationParams", {}))
                try:
                    client = _client(service, builtins, client_params, patch)
                    op = client._ctx.service_model.operation_model(inputs["operationName"])
                    prepared = prepare_call(client._ctx, op, params)
                    ours = _without_host_prefix(prepared.url, prepared.serialized.host_prefix)
                except Exception as error:
                    if any(name in str(error) for name in UNSUPPORTED_SIGNERS):
                        unsupported.append(label)
                        continue
                    ours = f"error: {error}"
                if "error" in expect:
                    if ours.startswith("error: ") and expect["error"] in ours:
                        continue
                elif ours.startswith(expect["endpoint"]["url"]):
                    continue
                # Not what the rule set alone gives: acceptable only where a boto3 client with
                # the same settings does exactly the same (a client cannot express the case).
                theirs = _boto3_outcome(service, builtins, client_params,
                                        inputs["operationName"], params, patch)
                theirs = _without_host_prefix(theirs, _prepared_prefix(theirs, ours))
                if theirs.startswith("error: ") and ours.startswith("error: "):
                    same = theirs == ours
                else:
                    same = theirs.startswith(ours) or ours.startswith(theirs.split("?")[0])
                if same:
                    differs_like_boto3.append(label)
                else:
                    failures.append(f"{label}: ours {ours!r}, boto3 {theirs!r}, expected {expect}")
    assert not failures, "\n".join(failures)
    total = sum(len(c["operationInputs"]) for c in _cases(service))
    if skipped + len(unsupported) == total:
        pytest.skip(f"every input set needs a signer awsession lacks ({UNSUPPORTED_SIGNERS}) or "
                    "cannot be expressed through client settings")
    assert len(differs_like_boto3) <= total // 2, differs_like_boto3


def test_every_service_with_operation_inputs_is_covered() -> None:
    folder = conformance_path("endpoints")
    with_inputs = {p.parent.name for p in Path(folder).glob("*/endpoint-tests-1.json")
                   if '"operationInputs"' in p.read_text()}
    assert with_inputs == set(OPERATION_SERVICES)
    assert sum(len(c["operationInputs"]) for s in OPERATION_SERVICES for c in _cases(s)) == 568
