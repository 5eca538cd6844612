"""botocore's response-parsing pairs (real service models) against our parsers.

As botocore's runner: status 200 for ``xml/responses``, 400 for ``xml/errors`` and ``json/errors``;
the timestamp function is the identity (expected values are the raw strings); bytes compare as
UTF-8 text; errors are parsed without the modeled-exception merge (the runner parses with the output
shape only); ``__headers__`` in a JSON body becomes the response headers.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from botocore import xform_name

from awsession._core.http import HttpResponse
from awsession.model.loader import default_loader
from awsession.model.shapes import OperationModel, ServiceModel
from awsession.protocols.parsers.registry import PARSERS
from tests._conformance import CONFORMANCE_DIR, conformance_path

_ROOT = CONFORMANCE_DIR / "response-parsing"
_SPECIAL = {
    "iam-get-user-policy": "needs the after-call JSON decode of policy documents (handler, not parser)",
    "iam-list-roles": "needs the after-call JSON decode of policy documents (handler, not parser)",
    "s3-get-bucket-location": "needs the after-call GetBucketLocation handler (not parser)",
    "cloudformation-get-template": "needs the after-call JSON decode of the template body (not parser)",
}
_MODELS: dict[str, ServiceModel] = {}


def _identity(value: Any) -> Any:
    return value


def _service(name: str) -> ServiceModel:
    if name not in _MODELS:
        loader = default_loader()
        versions = loader.list_dir(name)
        raw = loader.load(f"{name}/{versions[-1]}/service-2")
        _MODELS[name] = ServiceModel(raw, name)
    return _MODELS[name]


def _operation(service: ServiceModel, kebab: str) -> OperationModel:
    wanted = kebab.split("#")[0].replace("-", "_")
    for name in service.operation_names:
        if xform_name(name) == wanted:
            return service.operation_model(name)
    raise LookupError(kebab)


def _collect() -> list[Any]:
    params: list[Any] = []
    if not _ROOT.is_dir():
        return params
    for folder, status in (("xml/responses", 200), ("xml/errors", 400)):
        for raw_file in sorted((_ROOT / folder).glob("*.xml")):
            expected = raw_file.with_suffix(".json")
            skip = _SPECIAL.get(raw_file.stem)
            marks = [pytest.mark.skip(reason=f"botocore's runner skips it too: {skip}")] if skip else []
            params.append(
                pytest.param(raw_file, expected, status, id=f"{folder}/{raw_file.stem}", marks=marks)
            )
    for raw_file in sorted((_ROOT / "json" / "errors").glob("*.json")):
        expected = _ROOT / "json" / "expected" / raw_file.name
        params.append(pytest.param(raw_file, expected, 400, id=f"json/errors/{raw_file.stem}"))
    return params


CASES = _collect()


def _bytes_to_str(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _bytes_to_str(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_bytes_to_str(v) for v in value]
    if isinstance(value, bytes):
        return value.decode("utf-8")
    return value


def test_pairs_are_present() -> None:
    conformance_path("response-parsing")
    assert len(CASES) == 204 + 13 + 5


@pytest.mark.parametrize(("raw_file", "expected_file", "status"), CASES)
def test_response_pair(raw_file: Path, expected_file: Path, status: int) -> None:
    service_name, kebab = raw_file.stem.split("-", 1)
    service = _service(service_name)
    operation = _operation(service, kebab)
    body = raw_file.read_bytes()
    headers: dict[str, str] = {}
    if b"__headers__" in body:
        loaded = json.loads(body.decode("utf-8"))
        headers = loaded.pop("__headers__")
        body = json.dumps(loaded).encode("utf-8")
    response = HttpResponse(status, {k.lower(): v for k, v in headers.items()}, body, tuple(headers.items()))
    parse_response, parse_error = PARSERS[service.protocol]
    if status >= 301:
        parsed = parse_error(operation, response, timestamp_parser=_identity, modeled=False)
    else:
        parsed = parse_response(operation, response, timestamp_parser=_identity)
    expected = json.loads(expected_file.read_text())
    expected["ResponseMetadata"]["HTTPStatusCode"] = status
    expected["ResponseMetadata"]["HTTPHeaders"] = headers
    assert _bytes_to_str(parsed) == expected
