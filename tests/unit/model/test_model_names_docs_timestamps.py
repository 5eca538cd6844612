"""xform_name rules, client class names, timestamp inputs and generated docstrings."""

from __future__ import annotations

import datetime

import pytest

from awsession.model.docs import html_to_text, operation_docstring
from awsession.model.names import client_class_name, xform_name
from awsession.model.services import load_service_model
from awsession.model.timestamps import to_aware_datetime

UTC = datetime.timezone.utc


@pytest.mark.parametrize(("name", "sep", "expected"), [
    ("PutObject", "_", "put_object"),
    ("ListWebACLs", "_", "list_web_acls"),
    ("DescribeDBInstances", "_", "describe_db_instances"),
    ("CreateCachediSCSIVolume", "_", "create_cached_iscsi_volume"),
    ("CreateCachediSCSIVolume", "-", "create-cached-iscsi-volume"),
    ("CreateCachediSCSIVolume", ".", "create.cachedi.scsi.volume"),
    ("GetOTelEnrichment", "-", "get-otel-enrichment"),
    ("already_snake", "_", "already_snake"),
    ("HTTPHeaders", "_", "http_headers"),
    ("Ec2InstanceId", "_", "ec2_instance_id"),
])
def test_xform_name(name: str, sep: str, expected: str) -> None:
    assert xform_name(name, sep) == expected


def test_client_class_name() -> None:
    assert client_class_name(load_service_model("s3")) == "S3"
    assert client_class_name(load_service_model("dynamodb")) == "DynamoDB"
    assert client_class_name(load_service_model("lambda")) == "Lambda"
    assert client_class_name("AWS Step Functions") == "StepFunctions"


@pytest.mark.parametrize(("value", "expected"), [
    (datetime.datetime(2020, 1, 2, 3, 4, 5), datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)),
    (0, datetime.datetime(1970, 1, 1, tzinfo=UTC)),
    ("86400.5", datetime.datetime(1970, 1, 2, 0, 0, 0, 500000, tzinfo=UTC)),
    ("2020-01-02T03:04:05.5+02:00", datetime.datetime(2020, 1, 2, 1, 4, 5, 500000, tzinfo=UTC)),
    ("20200102T030405Z", datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)),
    ("2020-01-02", datetime.datetime(2020, 1, 2, tzinfo=UTC)),
    ("Wed, 02 Oct 2002 13:00:00 GMT", datetime.datetime(2002, 10, 2, 13, tzinfo=UTC)),
    ("Wed, 02 Oct 2002 13:00:00 +0100", datetime.datetime(2002, 10, 2, 12, tzinfo=UTC)),
    ("13:05", datetime.datetime(2001, 2, 3, 13, 5, tzinfo=UTC)),
])
def test_timestamp_inputs(value: object, expected: datetime.datetime) -> None:
    assert to_aware_datetime(value, datetime.date(2001, 2, 3)) == expected


@pytest.mark.parametrize("value", ["", "soon", "2020-13-01", "nan", None, [1], float("nan")])
def test_timestamp_rejects(value: object) -> None:
    with pytest.raises((TypeError, ValueError)):
        to_aware_datetime(value)


def test_html_to_text() -> None:
    html = "<p>Hello <code>x</code> &amp; <a href='u'>link</a></p><ul><li><p>one</p></li><li>two</li></ul>"
    assert html_to_text(html) == "Hello ``x`` & link\n\n* one\n\n* two"


def test_operation_docstring_sections() -> None:
    ddb = load_service_model("dynamodb")
    doc = operation_docstring(ddb.operation_model("PutItem"))
    assert "<p>" not in doc
    assert "response = client.put_item(\n      TableName='string'," in doc
    assert ":type TableName: string\n:param TableName: **[REQUIRED]**" in doc
    assert ":type ReturnValues: string\n:param ReturnValues: \n" in doc
    assert "'NONE'|'ALL_OLD'" in doc
    assert ":rtype: dict" in doc and "**Response Syntax**" in doc and "'ConsumedCapacity': {" in doc


@pytest.mark.parametrize("service", ["dynamodb", "s3", "sqs", "bedrock-runtime"])
def test_every_operation_documents(service: str) -> None:
    svc = load_service_model(service)
    for name in svc.operation_names:
        doc = operation_docstring(svc.operation_model(name))
        assert f"client.{svc.operation_model(name).python_name}(" in doc
