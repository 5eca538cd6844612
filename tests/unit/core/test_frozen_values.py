"""The hand-written value classes of the call path keep the dataclass behaviour they replaced:
value equality and hashing, immutability, secret-hiding reprs, pickling and copying,
``dataclasses.replace``/``fields``, ``match`` patterns and fresh default containers.
"""

from __future__ import annotations

import copy
import dataclasses
import pickle
from typing import Any

import pytest

from awsession._core.effects import Invoke, Send, Sleep, Spawn, SpawnResult
from awsession._core.frozen import FrozenValue
from awsession._core.http import HttpRequest, HttpResponse, SerializedRequest
from awsession.protocols.parsers.cbor import CborTag
from awsession.protocols.parsers.eventstream import EventMessage
from awsession.retries.outcome import Outcome
from awsession.signing.auth import AuthDecision
from awsession.signing.bearer import BearerToken
from awsession.signing.sigv4 import SigV4Parts, with_headers

SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

VALUES: list[FrozenValue] = [
    Send(HttpRequest("GET", "https://h/", {})),
    Sleep(0.5),
    Invoke("sts", "AssumeRole", {"RoleArn": "r"}, region="us-east-1"),
    Spawn(("echo", "x")),
    SpawnResult(0, b"out", b"err"),
    HttpRequest("PUT", "https://h/k", {"a": "b"}, b"body", True),
    HttpResponse(200, {"x": "y"}, b"data", (("x", "y"),)),
    Outcome(status_code=503, error_code="SlowDown", retry_after="10"),
    AuthDecision("s3v4", "s3", "us-east-1", payload_signing=False),
    SigV4Parts("creq", "sts", "host", "sig"),
    BearerToken("tok"),
    CborTag(1, 2),
    EventMessage({":message-type": "event"}, b"{}"),
]


@pytest.mark.parametrize("value", VALUES, ids=lambda v: type(v).__name__)
def test_values_are_immutable_and_compared_by_fields(value: FrozenValue) -> None:
    twin = type(value)(*value._values())
    assert twin == value and not (twin != value)
    assert value != object() and value.__eq__(object()) is NotImplemented
    name = value._fields[0]
    with pytest.raises(AttributeError):
        setattr(value, name, None)
    with pytest.raises(AttributeError):
        delattr(value, name)
    with pytest.raises(AttributeError):
        value.not_a_field = 1
    assert not hasattr(value, "__dict__")


@pytest.mark.parametrize("value", VALUES, ids=lambda v: type(v).__name__)
def test_values_pickle_copy_and_replace_like_dataclasses(value: FrozenValue) -> None:
    assert pickle.loads(pickle.dumps(value)) == value
    assert copy.copy(value) == value and copy.deepcopy(value) == value
    probe: Any = value
    assert dataclasses.is_dataclass(probe) is True
    assert tuple(f.name for f in dataclasses.fields(probe)) == value._fields
    first = value._fields[0]
    changed = dataclasses.replace(probe, **{first: "other"})
    assert type(changed) is type(value) and getattr(changed, first) == "other"
    assert changed._values()[1:] == value._values()[1:]
    assert value._replace(**{first: "other"}) == changed


def test_hash_follows_the_fields() -> None:
    assert hash(Sleep(1.0)) == hash(Sleep(1.0)) and len({Sleep(1.0), Sleep(1.0), Sleep(2.0)}) == 2
    assert hash(Outcome(status_code=500)) == hash(Outcome(status_code=500))
    with pytest.raises(TypeError):
        hash(HttpResponse(200, {}))  # a dict member, as with the frozen dataclass


def test_reprs_hide_urls_headers_bodies_and_tokens() -> None:
    request = HttpRequest("GET", f"https://h/?X-Amz-Signature={SECRET}", {"Authorization": SECRET}, SECRET)
    assert repr(request) == "HttpRequest(method='GET', stream_response=False)"
    assert repr(Send(request)) == "Send(request=HttpRequest(method='GET', stream_response=False))"
    assert repr(BearerToken(SECRET)) == "BearerToken()" and str(BearerToken(SECRET)) == "BearerToken(token=***)"
    serialized = SerializedRequest(query={"k": SECRET}, headers={"x-amz-security-token": SECRET}, body=SECRET)
    assert repr(serialized) == ("SerializedRequest(method='POST', url_path='/', host_prefix=None, "
                                "checksum_required=False, request_compression=None, auth_path=None)")
    assert repr(HttpResponse(200, {})) == "HttpResponse(status_code=200, headers={}, body=b'', raw_headers=())"
    assert repr(Outcome()) == (
        "Outcome(status_code=None, error_code=None, connection_error=False, socket_error=False, "
        "timeout=False, modeled_retryable=False, modeled_throttling=False, crc32_mismatch=False, "
        "retry_after=None)")


def test_defaults_and_keywords() -> None:
    first, second = Invoke("sts", "GetCallerIdentity"), Invoke("sts", "GetCallerIdentity")
    assert first.params == {} and first.params is not second.params
    assert (first.region, first.signed, first.credentials) == (None, True, None)
    assert HttpRequest(method="GET", url="u", headers={}).body == b""
    assert Outcome().succeeded is False and Outcome(status_code=204).succeeded is True
    assert AuthDecision("v4", "ec2", None).payload_signing is True


def test_match_patterns_see_the_fields_in_order() -> None:
    # __match_args__ is set when the class is made (mypy cannot see it).
    effect: Any = Send(HttpRequest("GET", "u", {}))
    seen: Any = None
    match effect:
        case Send(HttpRequest(method, url)):  # type: ignore[misc]
            seen = (method, url)  # type: ignore[unreachable]
    assert seen == ("GET", "u")
    assert Outcome.__match_args__ == Outcome._fields  # type: ignore[attr-defined]


def test_with_headers_copies_everything_else() -> None:
    request = HttpRequest("POST", "u", {"a": "1"}, b"x", True)
    assert with_headers(request, {"b": "2"}) == HttpRequest("POST", "u", {"b": "2"}, b"x", True)
    assert request.with_headers({"b": "2"}) == HttpRequest("POST", "u", {"a": "1", "b": "2"}, b"x", True)
    assert request.headers == {"a": "1"}


def test_serialized_request_is_a_mutable_unhashable_value() -> None:
    request = SerializedRequest("GET", "/k", {"q": "1"}, {"h": "v"}, b"b")
    request.url_path = "/other"
    assert request == SerializedRequest("GET", "/other", {"q": "1"}, {"h": "v"}, b"b")
    assert request != SerializedRequest("GET", "/k") and request.__eq__(1) is NotImplemented
    assert SerializedRequest().query == {} and SerializedRequest().query is not SerializedRequest().query
    with pytest.raises(TypeError):
        hash(request)
    with pytest.raises(AttributeError):
        request.not_a_field = 1  # type: ignore[attr-defined]
    assert pickle.loads(pickle.dumps(request)) == request and copy.copy(request) == request
    probe: Any = request
    assert dataclasses.replace(probe, method="PUT") == SerializedRequest("PUT", "/other", {"q": "1"},
                                                                            {"h": "v"}, b"b")
