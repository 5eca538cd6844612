"""What a new client leaves for later: ``meta.partition`` and ``meta.method_to_api_mapping``."""

from __future__ import annotations

import pytest
from botocore.regions import EndpointResolver

from awsession import Session
from awsession.endpoints.legacy import get_partition_for_region
from awsession.model.services import load_endpoints_legacy

REGIONS = [
    "us-east-1",
    "eu-west-1",
    "cn-north-1",
    "us-gov-west-1",
    "us-iso-east-1",
    "eu-isoe-west-1",
    "us-west-99",
    "aws-global",
    "aws-cn-global",
    "fips-us-east-1",
    "local",
]


def _session(region: str = "us-east-1") -> Session:
    return Session(aws_access_key_id="a", aws_secret_access_key="b", region_name=region)


def test_an_s3_client_with_an_endpoint_url_never_reads_endpoints_json() -> None:
    session = _session()
    loader = session._data_loader()
    start = len(loader.parse_log)
    client = session.client("s3", endpoint_url="http://127.0.0.1:1")
    assert client.meta.endpoint_url == "http://127.0.0.1:1"
    assert "endpoints" not in loader.parse_log[start:]
    assert client.meta.partition == "aws"


@pytest.mark.parametrize("region", REGIONS)
def test_partition_found_on_first_read_is_botocores(region: str) -> None:
    client = _session(region).client("dynamodb", endpoint_url="http://127.0.0.1:1")
    reference = EndpointResolver(load_endpoints_legacy())
    try:
        expected = reference.get_partition_for_region(region)
    except Exception:  # botocore's UnknownRegionError: the client then reports "aws"
        expected = "aws"
    assert client.meta.partition == expected
    try:
        ours = get_partition_for_region(region)
    except Exception:
        ours = "aws"
    assert ours == expected


def test_method_to_api_mapping_is_each_clients_own_copy() -> None:
    first, second = (_session().client("sqs", endpoint_url="http://127.0.0.1:1") for _ in range(2))
    mapping = first.meta.method_to_api_mapping
    assert mapping["send_message"] == "SendMessage" and mapping is first.meta.method_to_api_mapping
    mapping["extra"] = "Extra"
    assert "extra" not in second.meta.method_to_api_mapping
    assert "extra" not in type(first)._PY_TO_OP_NAME
    first.meta.partition = "aws-cn"
    assert first.meta.partition == "aws-cn" and second.meta.partition == "aws"
