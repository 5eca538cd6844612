"""Record what a scenario saw and normalize it, so boto3's and awsession's runs compare equal.

A :class:`Recorder` makes clients for one SDK and records every call as ``(label, outcome)``: the
response dict, or for an error the exception's class name, ``str()``, ``operation_name`` and
``.response``. :func:`normalize` then replaces what legitimately differs between two runs against
a freshly reset server (ids, request ids, timestamps, random blobs) with stable placeholders. The
placeholders are numbered by first appearance in a deterministic walk, so "the id returned by step
3 is the id used in step 5" still has to hold in both runs.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

# Keys whose values are random per run, whatever they look like.
VOLATILE_KEYS = frozenset({
    "RequestId", "HostId", "UploadId", "ReceiptHandle", "MessageId", "CiphertextBlob",
    "VersionId", "SequenceNumber", "SecretString_version", "AccessKeyId", "SecretAccessKey",
    "UserId", "KeyId", "ClientToken", "ReservationId", "OwnerId", "PrivateDnsName",
    "PrivateIpAddress", "PublicIpAddress", "PublicDnsName", "MacAddress", "NetworkInterfaceId",
    "AttachmentId", "VolumeId", "GroupId", "SubscriptionArn", "ARN", "Arn", "KeyArn", "TopicArn",
    "x-amzn-requestid", "x-amz-request-id", "x-amz-id-2", "x-amzn-trace-id", "content-length",
    "x-amz-crc32", "PublicIp",
    "MD5OfMessageAttributes", "TableId", "ETag_random",
    "Version", "AWSAccessKeyId",
    "Ipv6Address", "SubnetId", "VpcId", "ImageId", "KernelId", "RamdiskId", "Placement",
    "SecurityGroupRuleId", "SnapshotId", "InstanceId", "NextToken", "Marker",
})

# Keys holding times: every value becomes one constant (two runs need not share a second).
TIME_KEYS = frozenset({
    "date", "last-modified", "expires", "CreatedTimestamp", "LastModifiedTimestamp",
    "SentTimestamp", "ApproximateFirstReceiveTimestamp", "LastModifiedDate", "CreatedDate",
    "LaunchTime", "CreationDate", "LastModified", "CreateDate", "DeletionDate",
})

# Dicts keyed by random ids: compared as the sorted list of their values.
ID_KEYED = frozenset({"VersionIdsToStages", "SecretVersionsToStages"})

_TIMES = re.compile("|".join((
    r"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?",
    r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT",
)))

_PATTERNS = re.compile("|".join((
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",  # uuid
    r"\b(?:i|r|sg|vpc|subnet|ami|eni|vol|snap|igw|rtb|acl|sgr|dopt|eipalloc)-[0-9a-f]{8,17}\b",
    r"\b(?:AKIA|ASIA|AIDA|AROA|AGPA|ANPA)[A-Z0-9]{12,20}\b",
    r"\b[0-9]{10}(?:\.[0-9]+)?\b",  # epoch seconds inside strings
    r"\b[0-9]{13}\b",  # epoch milliseconds inside strings
    r"-[A-Za-z0-9]{6}$",  # Secrets Manager's random ARN suffix
)))


@dataclass
class _Renamer:
    seen: dict[Any, str] = field(default_factory=dict)

    def token(self, value: Any) -> str:
        key = (type(value).__name__, value if not isinstance(value, bytearray) else bytes(value))
        if key not in self.seen:
            self.seen[key] = f"<v{len(self.seen)}>"
        return self.seen[key]

    def text(self, value: str) -> str:
        value = _TIMES.sub("<time>", value)
        return _PATTERNS.sub(lambda m: self.token(m.group(0)), value)


def _describe_datetime(value: datetime.datetime) -> str:
    tz = value.tzinfo
    return f"<datetime tz={tz.utcoffset(value) if tz is not None else None}>"


def _walk(value: Any, renamer: _Renamer, key: str | None) -> Any:
    if key in ID_KEYED and isinstance(value, dict):
        return sorted(map(str, value.values()))
    if isinstance(value, dict):
        order = sorted(value, key=str)
        out = {k: _walk(value[k], renamer, k) for k in order}
        return {k: out[k] for k in value}  # keep the SDK's key order for the order check
    if isinstance(value, (list, tuple)):
        return type(value)(_walk(v, renamer, key) for v in value)
    if isinstance(value, datetime.datetime):
        return _describe_datetime(value)
    if key in TIME_KEYS and value is not None:
        return f"<time {type(value).__name__}>"
    if key in VOLATILE_KEYS and value is not None and not isinstance(value, bool):
        if isinstance(value, (int, float)):
            return f"<{type(value).__name__}>"
        return renamer.token(value) if isinstance(value, (str, bytes, bytearray)) else value
    if isinstance(value, str):
        return renamer.text(value)
    return value


def normalize(steps: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    renamer = _Renamer()
    return [(label, _walk(outcome, renamer, None)) for label, outcome in steps]


def key_orders(value: Any, path: str = "") -> dict[str, list[str]]:
    """Every dict's key order, by path, for checking that responses list keys as boto3 does."""
    found: dict[str, list[str]] = {}
    if isinstance(value, dict):
        found[path] = [str(k) for k in value]
        for k, v in value.items():
            found.update(key_orders(v, f"{path}.{k}"))
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            found.update(key_orders(v, f"{path}[{i}]"))
    return found


class Recorder:
    """Clients of one SDK pointed at one server, and the log of what their calls returned."""

    def __init__(self, sdk: ModuleType, endpoint_url: str, *, key: str = "testing",
                 secret: str = "testing", region: str = "us-east-1") -> None:
        self.sdk = sdk
        self.name = sdk.__name__
        self.endpoint_url = endpoint_url
        self.session = sdk.Session(aws_access_key_id=key, aws_secret_access_key=secret,
                                   region_name=region)
        self.steps: list[tuple[str, Any]] = []
        self._clients: dict[tuple[str, str | None], Any] = {}

    def client(self, service: str, region: str | None = None, **kwargs: Any) -> Any:
        cache_key = (service, region)
        if kwargs or cache_key not in self._clients:
            made = self.session.client(service, region_name=region,
                                       endpoint_url=self.endpoint_url, **kwargs)
            if kwargs:
                return made
            self._clients[cache_key] = made
        return self._clients[cache_key]

    def record(self, label: str, outcome: Any) -> Any:
        self.steps.append((label, outcome))
        return outcome

    def call(self, label: str, method: Callable[..., Any], **kwargs: Any) -> Any:
        """Call ``method(**kwargs)`` and record its response or its error; return the response."""
        try:
            response = method(**kwargs)
        except Exception as error:
            self.steps.append((label, describe_error(error)))
            return None
        self.steps.append((label, response))
        return response


def describe_error(error: BaseException) -> dict[str, Any]:
    described: dict[str, Any] = {"class": type(error).__name__, "str": str(error),
                                 "bases": [c.__name__ for c in type(error).__mro__[1:4]]}
    if hasattr(error, "response"):
        described["response"] = error.response
        described["operation_name"] = getattr(error, "operation_name", None)
    return described


Scenario = Callable[[Recorder, Any], None]


def run_scenario(scenario: Scenario, sdk_name: str, endpoint_url: str, tmp: Any,
                 **recorder_kwargs: Any) -> Recorder:
    import importlib

    rec = Recorder(importlib.import_module(sdk_name), endpoint_url, **recorder_kwargs)
    scenario(rec, tmp)
    return rec


def assert_same(reference: Recorder, candidate: Recorder) -> None:
    """boto3's normalized steps equal awsession's, values first, then every dict's key order."""
    expected, got = normalize(reference.steps), normalize(candidate.steps)
    problems: list[str] = []
    labels_want, labels_have = [lb for lb, _ in expected], [lb for lb, _ in got]
    if labels_have != labels_want:
        problems.append(f"steps differ:\n{_diff(labels_want, labels_have)}")
    for (label, want), (_, have) in zip(expected, got, strict=False):
        if have != want:
            problems.append(f"step {label!r} differs (- boto3, + awsession):\n{_diff(want, have)}")
        elif key_orders(have) != key_orders(want):
            problems.append(f"step {label!r}: key order differs:\n"
                            f"{_diff(key_orders(want), key_orders(have))}")
    assert not problems, "\n".join(problems)


def _diff(want: Any, have: Any) -> str:
    import difflib
    import pprint

    return "\n".join(difflib.unified_diff(pprint.pformat(want, width=100).splitlines(),
                                           pprint.pformat(have, width=100).splitlines(),
                                           lineterm="", n=2))


def run_both(scenario: Scenario, server: Any, tmp: Any) -> None:
    """Run ``scenario`` with boto3, reset the server, run it with awsession, compare."""
    server.reset()
    reference = run_scenario(scenario, "boto3", server.url, tmp)
    server.reset()
    candidate = run_scenario(scenario, "awsession", server.url, tmp)
    assert_same(reference, candidate)
