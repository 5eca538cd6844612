"""ServiceModel / OperationModel views over a small hand-written model."""

from __future__ import annotations

from typing import Any

import pytest

from awsession.exceptions import MissingServiceIdError
from awsession.model.shapes import OperationModel, ServiceModel, member_trait

MODEL: dict[str, Any] = {
    "metadata": {
        "apiVersion": "2020-01-01", "endpointPrefix": "ep", "serviceId": "My Svc", "protocol": "query",
        "protocols": ["query", "rest-json"], "signatureVersion": "v4", "auth": ["aws.auth#sigv4"],
        "targetPrefix": "Tp", "jsonVersion": "1.1", "awsQueryCompatible": {},
    },
    "documentation": "<p>Svc</p>",
    "operations": {
        "PutThing": {
            "name": "PutThing2020", "http": {"method": "PUT", "requestUri": "/"},
            "input": {"shape": "PutIn"}, "output": {"shape": "PutOut"}, "errors": [{"shape": "Boom"}],
            "endpoint": {"hostPrefix": "{Name}."}, "httpChecksumRequired": True,
            "httpChecksum": {"requestAlgorithmMember": "Algo"}, "requestcompression": {"encodings": ["gzip"]},
            "staticContextParams": {"UseX": {"value": True}},
            "operationContextParams": {"Keys": {"path": "Items[*].Key"}},
            "auth": ["aws.auth#sigv4a"], "authtype": "v4-unsigned-body", "deprecated": True,
            "documentation": "<p>Puts</p>", "endpointdiscovery": {"required": True},
            "unsignedPayload": True,
        },
        "ListARNs": {"name": "ListARNs", "http": {"method": "GET", "requestUri": "/"},
                     "output": {"shape": "StreamOut"}},
    },
    "shapes": {
        "PutIn": {"type": "structure", "payload": "Body", "members": {
            "Name": {"shape": "Str", "contextParam": {"name": "ThingName"}, "hostLabel": True},
            "Token": {"shape": "Tok"},
            "Body": {"shape": "Blob"},
        }},
        "PutOut": {"type": "structure", "payload": "Data", "members": {"Data": {"shape": "Str"}}},
        "StreamOut": {"type": "structure", "payload": "Events", "members": {"Events": {"shape": "Ev"}}},
        "Ev": {"type": "structure", "eventstream": True, "members": {}},
        "Str": {"type": "string"},
        "Tok": {"type": "string", "idempotencyToken": True},
        "Blob": {"type": "blob", "streaming": True},
        "Boom": {"type": "structure", "exception": True, "error": {"code": "Aws.Boom", "httpStatusCode": 400},
                 "members": {}},
        "Plain": {"type": "structure", "exception": True, "members": {}},
    },
}


@pytest.fixture
def svc() -> ServiceModel:
    return ServiceModel(MODEL, "mysvc")


def test_service_metadata(svc: ServiceModel) -> None:
    assert svc.service_name == "mysvc"
    assert svc.service_id == "My Svc"
    assert svc.protocol == "rest-json"
    assert svc.signature_version == "v4"
    assert svc.auth == ["aws.auth#sigv4"]
    assert (svc.target_prefix, svc.json_version) == ("Tp", "1.1")
    assert svc.is_query_compatible
    assert svc.documentation == "<p>Svc</p>"
    assert svc.signing_name == "ep"
    assert svc.error_shapes_by_code == {"Aws.Boom": "Boom", "Plain": "Plain"}
    assert repr(svc) == "ServiceModel(mysvc)"


def test_missing_service_id_raises_like_botocore() -> None:
    bare = ServiceModel({"metadata": {"endpointPrefix": "x"}})
    assert bare.service_name == "x"
    with pytest.raises(MissingServiceIdError) as info:
        _ = bare.service_id
    assert "for the service None is missing the serviceId" in str(info.value)
    assert ServiceModel({}).signature_version is None
    assert ServiceModel({}).auth == []


def test_operation_names_and_python_names(svc: ServiceModel) -> None:
    op = svc.operation_model("PutThing")
    assert op is svc.operation_model("PutThing")
    assert (op.name, op.wire_name, op.python_name) == ("PutThing", "PutThing2020", "put_thing")
    assert svc.operation_for_python_name("list_arns").name == "ListARNs"
    assert svc.python_operation_names == {"put_thing": "PutThing", "list_arns": "ListARNs"}
    with pytest.raises(KeyError):
        svc.operation_for_python_name("nope")
    assert OperationModel(svc, MODEL["operations"]["PutThing"]).name == "PutThing2020"


def test_operation_traits(svc: ServiceModel) -> None:
    op = svc.operation_model("PutThing")
    assert op.host_prefix == "{Name}."
    assert op.error_shape_names == ["Boom"]
    assert op.has_streaming_input and op.streaming_input_member == "Body"
    assert not op.has_streaming_output  # a string payload is not a stream
    assert not op.has_event_stream_output
    assert op.http_checksum_required
    assert op.http_checksum == {"requestAlgorithmMember": "Algo"}
    assert op.request_compression == {"encodings": ["gzip"]}
    assert op.static_context_params == {"UseX": True}
    assert op.context_params == {"ThingName": "Name"}
    assert op.operation_context_params == {"Keys": {"path": "Items[*].Key"}}
    assert (op.auth, op.auth_type) == (["aws.auth#sigv4a"], "v4-unsigned-body")
    assert op.idempotent_members == ["Token"]
    assert op.deprecated and op.unsigned_payload
    assert op.documentation == "<p>Puts</p>"
    assert op.endpoint_discovery == {"required": True}


def test_event_stream_and_defaults(svc: ServiceModel) -> None:
    op = svc.operation_model("ListARNs")
    assert op.has_event_stream_output and op.event_stream_output_member == "Events"
    assert not op.has_streaming_output  # the payload is a structure, not a blob
    assert not op.has_streaming_input and not op.has_event_stream_input
    assert op.context_params == {} and op.idempotent_members == []
    assert (op.auth, op.auth_type, op.request_compression, op.endpoint_discovery) == (None, None, None, None)
    assert op.http_checksum == {} and not op.http_checksum_required and not op.deprecated


def test_member_trait_prefers_the_ref(svc: ServiceModel) -> None:
    ref = {"shape": "Tok", "idempotencyToken": False}
    assert member_trait(svc.shapes, ref, "idempotencyToken") is False
    assert member_trait(svc.shapes, {"shape": "Tok"}, "idempotencyToken") is True
    assert member_trait(svc.shapes, {"shape": "Str"}, "x", "d") == "d"
