"""The pieces every protocol shares: the error finisher, per-operation plan caching, ref merging."""

from __future__ import annotations

from typing import Any

import pytest

from awsession._core.http import HttpResponse, SerializedRequest
from awsession.model.shapes import OperationModel, ServiceModel
from awsession.protocols.parsers.envelope import error_response
from awsession.protocols.parsers.errors import NoInitialResponseError
from awsession.protocols.parsers.eventstream import EventMessage, EventStream, initial_response
from awsession.protocols.refs import build_tied, forward_call, merged_ref
from awsession.protocols.serializers.operation import OperationTraits
from awsession.protocols.serializers.rest_bindings import BodyCodec, rest_serializer
from awsession.protocols.serializers.shape_refs import operation_plan


def _operation() -> OperationModel:
    raw = {
        "metadata": {"protocol": "rest-json", "endpointPrefix": "demo", "apiVersion": "2020-01-01"},
        "operations": {
            "Put": {
                "name": "Put",
                "http": {"method": "PUT", "requestUri": "/items/{Id}"},
                "input": {"shape": "PutInput"},
            }
        },
        "shapes": {
            "PutInput": {
                "type": "structure",
                "required": ["Id"],
                "members": {
                    "Id": {"shape": "Text", "location": "uri", "locationName": "Id"},
                    "Note": {"shape": "Text"},
                },
            },
            "Text": {"type": "string"},
            "Boom": {"type": "structure", "exception": True, "error": {"code": "BoomCode"}, "members": {}},
        },
    }
    return ServiceModel(raw, "demo").operation_model("Put")


def _read_error(code: Any) -> Any:
    def read(response: HttpResponse) -> dict[str, Any]:
        return {"Error": {"Code": code, "Message": "m"}, "ResponseMetadata": {"RequestId": "r"}}

    return read


def _never(name: str) -> Any:
    raise AssertionError(f"fields of {name} read")


def test_error_response_merges_the_modeled_fields_after_metadata() -> None:
    response = HttpResponse(400, {"x-a": "1"}, b"body")
    seen: list[str] = []

    def read_fields(name: str) -> dict[str, Any]:
        seen.append(name)
        return {"Extra": 1}

    parsed = error_response(_operation(), response, True, _read_error("BoomCode"), read_fields)
    assert seen == ["Boom"]
    assert parsed == {
        "Error": {"Code": "BoomCode", "Message": "m"},
        "ResponseMetadata": {"RequestId": "r", "HTTPStatusCode": 400, "HTTPHeaders": {"x-a": "1"}},
        "Extra": 1,
    }


@pytest.mark.parametrize("code", ["Unknown", None, 7])
def test_error_response_reads_no_fields_without_a_modeled_code(code: Any) -> None:
    parsed = error_response(_operation(), HttpResponse(400, {}, b"x"), True, _read_error(code), _never)
    assert parsed["Error"]["Code"] == code


def test_error_response_unmodeled_and_non_dict_errors_read_no_fields() -> None:
    response = HttpResponse(400, {}, b"x")
    assert error_response(_operation(), response, False, _read_error("BoomCode"), _never)["Error"]
    parsed = error_response(_operation(), response, True, lambda r: {"Error": "text"}, _never)
    assert parsed["Error"] == "text"
    assert parsed["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_error_response_generic_5xx_never_reads_the_body() -> None:
    def read_error(response: HttpResponse) -> dict[str, Any]:
        raise AssertionError("body read")

    parsed = error_response(_operation(), HttpResponse(503, {}, b""), True, read_error, _never)
    assert parsed["Error"] == {"Code": "503", "Message": "Service Unavailable"}


def test_error_response_ignores_fields_that_are_not_a_dict() -> None:
    parsed = error_response(
        _operation(), HttpResponse(400, {}, b"x"), True, _read_error("BoomCode"), lambda n: [1]
    )
    assert set(parsed) == {"Error", "ResponseMetadata"}


def test_operation_plan_builds_once_per_operation_and_key() -> None:
    operation = _operation()
    built: list[str] = []

    def build(op: OperationModel) -> object:
        built.append(op.name)
        return object()

    first = operation_plan(operation, "h8-test", build)
    assert operation_plan(operation, "h8-test", build) is first
    assert operation_plan(operation, "h8-other", build) is not first
    assert built == ["Put", "Put"]
    assert operation_plan(_operation(), "h8-test", build) is not first  # a new model, a new cache


def test_rest_serializer_builds_the_codec_once_and_serializes_bindings() -> None:
    calls: list[tuple[str | None, bool]] = []

    def codec_for(
        op: OperationModel, traits: OperationTraits, payload: str | None, streaming: bool
    ) -> BodyCodec:
        calls.append((payload, streaming))
        return BodyCodec(
            encode_members=lambda values: repr(sorted(values.items())).encode(),
            encode_payload=None,
            empty_payload=b"",
            empty_body=b"",
            default_content_type="text/demo",
        )

    serialize = rest_serializer("h8-rest", codec_for)
    operation = _operation()
    request = serialize(operation, {"Id": "a b", "Note": "n"})
    again = serialize(operation, {"Id": "c"})
    assert calls == [(None, False)]
    assert isinstance(request, SerializedRequest)
    assert (request.method, request.url_path, request.body) == ("PUT", "/items/a%20b", b"[('Note', 'n')]")
    assert request.headers == {"Content-Type": "text/demo"}
    assert (again.url_path, again.body, again.headers) == ("/items/c", b"", {})


def test_merged_ref_lays_ref_traits_over_the_shape_without_copying_bare_refs() -> None:
    shapes = {"Text": {"type": "string", "locationName": "own"}}
    bare = {"shape": "Text"}
    assert merged_ref(shapes, bare) is shapes["Text"]
    merged = merged_ref(shapes, {"shape": "Text", "locationName": "wire", "flattened": True})
    assert merged == {"type": "string", "locationName": "wire", "flattened": True}
    assert shapes["Text"] == {"type": "string", "locationName": "own"}


def test_build_tied_lets_a_recursive_build_refer_to_itself() -> None:
    cache: dict[str, Any] = {}

    def build() -> Any:
        inner = cache["node"]  # the stub, while building

        def parse(value: Any) -> Any:
            return [inner(item) for item in value] if isinstance(value, list) else value

        return parse

    parse = build_tied(cache, "node", build, forward_call)
    assert cache["node"] is parse
    assert parse([1, [2, [3]]]) == [1, [2, [3]]]


def test_build_tied_leaves_nothing_behind_when_the_build_fails() -> None:
    cache: dict[str, Any] = {}

    def build() -> Any:
        raise KeyError("missing shape")

    with pytest.raises(KeyError):
        build_tied(cache, "node", build, forward_call)
    assert cache == {}


def test_initial_response_accepts_only_an_initial_response_first_message() -> None:
    first = EventMessage({":event-type": "initial-response", ":message-type": "event"}, b"{}")
    assert initial_response(first) is first
    with pytest.raises(NoInitialResponseError):
        initial_response(EventMessage({":event-type": "Chunk", ":message-type": "event"}, b"{}"))
    with pytest.raises(NoInitialResponseError):
        initial_response(None)
    with pytest.raises(NoInitialResponseError):
        EventStream(iter([b""]), lambda message: {}, "Op").get_initial_response()  # no message at all
