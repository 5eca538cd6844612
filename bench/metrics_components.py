"""Component costs, each SDK through its own internals on the same inputs: response parsing,
SigV4 signing and endpoint resolution.

Rules: these are the one place the bench reaches under the public client API, so each SDK has an
explicit function per component (no dispatch on strings). Inputs are identical for both: the canned
server's wire bytes (``canned.RESPONSES``) split into headers and body, the same request to sign, the
same operation parameters to resolve. Every function returns per-operation seconds (one sample per
timed batch), like the other suites; the worker takes their median.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from types import ModuleType
from typing import Any

from .canned import BUCKET, KEY, RESPONSES
from .timing import time_each

__all__ = ["PARSE_CASES", "endpoint_samples", "parse_samples", "sign_samples"]

PARSE_CASES: dict[str, tuple[str, str]] = {
    "list_objects_v2": ("s3", "ListObjectsV2"),
    "describe_instances": ("ec2", "DescribeInstances"),
}
_SIGN_URL = "https://sts.us-east-1.amazonaws.com/"
_SIGN_BODY = b"Action=GetCallerIdentity&Version=2011-06-15"
_SIGN_HEADERS = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
                 "User-Agent": "bench"}
_KEY_ID = "AKIDBENCHFAKE0000000"
_SECRET = "bench-fake-secret-not-a-real-key-000000"


def _wire(operation: str) -> tuple[list[tuple[str, str]], bytes]:
    head, _, body = RESPONSES[operation].wire.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")[1:]
    return [(name, value.strip()) for name, _, value in (line.partition(":") for line in lines)], body


def _batches(fn: Callable[[], object], count: int, batch: int) -> list[float]:
    def run() -> None:
        for _ in range(batch):
            fn()

    return [seconds / batch for seconds in time_each(run, count)]


# --- parsing ---------------------------------------------------------------------------------

def _awsession_parser(service: str, operation: str) -> Callable[[], object]:
    from awsession._core.http import HttpResponse
    from awsession.model.services import load_service_model
    from awsession.protocols.parsers.registry import parse

    op_model = load_service_model(service).operation_model(operation)
    pairs, body = _wire(operation)
    headers = {name.lower(): value for name, value in pairs}
    return lambda: parse(op_model, HttpResponse(200, headers, body))


def _botocore_parser(service: str, operation: str) -> Callable[[], object]:
    import botocore.session
    from botocore.parsers import create_parser
    from urllib3._collections import HTTPHeaderDict

    model = botocore.session.get_session().get_service_model(service)
    op_model = model.operation_model(operation)
    parser = create_parser(model.metadata["protocol"])
    pairs, body = _wire(operation)
    headers = HTTPHeaderDict(pairs)
    return lambda: parser.parse({"status_code": 200, "headers": headers, "body": body},
                                op_model.output_shape)


def parse_samples(sdk: ModuleType, case: str, quick: bool) -> list[float]:
    """Seconds to parse one canned response (bytes already in memory) into the result dict."""
    service, operation = PARSE_CASES[case]
    make = _awsession_parser if sdk.__name__ == "awsession" else _botocore_parser
    fn = make(service, operation)
    for _ in range(2):
        fn()
    return _batches(fn, 3 if quick else 10, 2 if quick else 5)


# --- signing ---------------------------------------------------------------------------------

def _awsession_signer() -> Callable[[], object]:
    from awsession._core.http import HttpRequest
    from awsession.signing.sigv4 import sign_request

    def sign() -> object:
        request = HttpRequest("POST", _SIGN_URL, dict(_SIGN_HEADERS), _SIGN_BODY)
        return sign_request(request, access_key=_KEY_ID, secret_key=_SECRET, token=None,
                            region="us-east-1", service="sts", timestamp=time.time())

    return sign


def _botocore_signer() -> Callable[[], object]:
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    auth = SigV4Auth(Credentials(_KEY_ID, _SECRET), "sts", "us-east-1")

    def sign() -> object:
        request = AWSRequest(method="POST", url=_SIGN_URL, headers=dict(_SIGN_HEADERS), data=_SIGN_BODY)
        auth.add_auth(request)
        return request

    return sign


def sign_samples(sdk: ModuleType, quick: bool) -> list[float]:
    """Seconds to SigV4-sign one small POST request (a new request object each time, as a call makes)."""
    fn = _awsession_signer() if sdk.__name__ == "awsession" else _botocore_signer()
    for _ in range(20):
        fn()
    return _batches(fn, 3 if quick else 10, 50 if quick else 200)


# --- endpoint resolution ---------------------------------------------------------------------

def _awsession_resolver(client: Any) -> Callable[[dict[str, Any]], object]:
    ctx = client._ctx
    op_model = ctx.service_model.operation_model("GetObject")
    return lambda params: ctx.resolve_endpoint(op_model, params)


def _botocore_resolver(client: Any) -> Callable[[dict[str, Any]], object]:
    resolver = client._ruleset_resolver
    op_model = client.meta.service_model.operation_model("GetObject")
    return lambda params: resolver.construct_endpoint(op_model, params, {})


def endpoint_samples(sdk: ModuleType, url: str, cached: bool, quick: bool) -> list[float]:
    """Seconds to resolve S3 GetObject's endpoint through the rule set (no ``endpoint_url``).

    ``cached``: the same parameters every time (both SDKs keep a cache of recent resolutions);
    otherwise a new bucket name every time, so every resolution runs the rules.
    """
    del url  # the rule set must run for real: a client without endpoint_url
    session = sdk.Session(aws_access_key_id=_KEY_ID, aws_secret_access_key=_SECRET,
                          region_name="us-east-1")
    client = session.client("s3")
    resolve = (_awsession_resolver if sdk.__name__ == "awsession" else _botocore_resolver)(client)
    counter = iter(range(10**9))
    if cached:
        params = {"Bucket": BUCKET, "Key": KEY}
        fn: Callable[[], object] = lambda: resolve(params)  # noqa: E731
    else:
        fn = lambda: resolve({"Bucket": f"bench-bucket-{next(counter)}", "Key": KEY})  # noqa: E731
    for _ in range(5):
        fn()
    return _batches(fn, 3 if quick else 10, 20 if quick else 100)

