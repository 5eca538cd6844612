"""Names, shape views and timestamp inputs agree with botocore for every installed service.

botocore's views are built over the same raw dicts we loaded (test_model_services_vs_botocore
checks the raw dicts are botocore's own), so the comparison covers every model without loading
each one twice.
"""

from __future__ import annotations

import datetime

import botocore
import botocore.model
import botocore.utils
import pytest

from awsession.model.names import client_class_name, xform_name
from awsession.model.services import list_available_services, load_service_model
from awsession.model.timestamps import to_aware_datetime

SERVICES = list_available_services()


def _names(service: str) -> set[str]:
    model = load_service_model(service)
    names = set(model.operation_names) | set(model.shapes)
    for shape in model.shapes.values():
        names.update(shape.get("members", ()))
    return names


@pytest.mark.parametrize("service", SERVICES)
def test_xform_name_matches_for_every_operation_shape_and_member(service: str) -> None:
    mismatches = [
        (name, sep) for name in _names(service) for sep in ("_", "-")
        if xform_name(name, sep) != botocore.xform_name(name, sep)
    ]
    assert mismatches == []


@pytest.mark.parametrize("service", SERVICES)
def test_views_match(service: str) -> None:
    ours = load_service_model(service)
    theirs = botocore.model.ServiceModel(ours.raw, service)
    assert client_class_name(ours) == botocore.utils.get_service_module_name(theirs)
    assert ours.service_id == theirs.service_id
    assert ours.signature_version == theirs.signature_version
    assert ours.is_query_compatible == theirs.is_query_compatible
    assert ours.documentation == theirs.documentation
    assert ours.protocol == theirs.resolved_protocol
    assert ours.signing_name == theirs.signing_name
    for code, shape_name in ours.error_shapes_by_code.items():
        assert theirs.shape_for_error_code(code).name == shape_name
    assert len(ours.error_shapes_by_code) == len(theirs._error_code_cache)
    for name in ours.operation_names:
        mine, ref = ours.operation_model(name), theirs.operation_model(name)
        assert (mine.name, mine.wire_name) == (ref.name, ref.wire_name)
        assert ours.operation_for_python_name(xform_name(name)) is mine
        assert mine.has_streaming_input == ref.has_streaming_input
        assert mine.has_streaming_output == ref.has_streaming_output
        assert mine.has_event_stream_input == ref.has_event_stream_input
        assert mine.has_event_stream_output == ref.has_event_stream_output
        if ref.has_streaming_output:
            assert ref.output_shape.members[mine.streaming_output_member] is not None
        assert mine.http_checksum_required == ref.http_checksum_required
        assert mine.http_checksum == ref.http_checksum
        assert mine.request_compression == ref.request_compression
        assert mine.context_params == {p.name: p.member_name for p in ref.context_parameters}
        assert mine.static_context_params == {p.name: p.value for p in ref.static_context_parameters}
        assert mine.operation_context_params == (ref.operation_context_parameters or {})
        assert (mine.auth, mine.auth_type) == (ref.auth, ref.auth_type)
        assert mine.idempotent_members == ref.idempotent_members
        assert mine.deprecated == ref.deprecated
        assert mine.documentation == ref.documentation
        assert mine.endpoint_discovery == ref.endpoint_discovery
        assert mine.is_endpoint_discovery_operation == ref.is_endpoint_discovery_operation
        assert mine.error_shape_names == [s.name for s in ref.error_shapes]


@pytest.mark.parametrize("value", [
    datetime.datetime(2020, 1, 2, 3, 4, 5), 0, 1577836800, 1577836800.25, "1577836800", "1e9",
    "2020-01-02T03:04:05Z", "2020-01-02T03:04:05.123456+05:30", "2020-01-02 03:04:05",
    "2020-01-02", "20200102T030405Z", "Wed, 02 Oct 2002 13:00:00 GMT", "Wed, 02 Oct 2002 13:00:00 -0230",
])
def test_timestamp_inputs_match_botocore(value: object) -> None:
    assert to_aware_datetime(value) == botocore.utils.parse_to_aware_datetime(value)
