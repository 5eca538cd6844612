"""boto3's region/partition listings, compared with boto3 itself for every service and partition."""

from __future__ import annotations

import boto3
import pytest
from botocore.exceptions import UnknownRegionError as BotocoreUnknownRegionError

from awsession.endpoints import legacy
from awsession.exceptions import UnknownRegionError
from awsession.model.services import list_available_services, load_endpoints_legacy


@pytest.fixture(scope="module")
def session() -> boto3.Session:
    return boto3.Session(region_name="us-east-1")


def test_partitions_match_boto3(session: boto3.Session) -> None:
    assert legacy.get_available_partitions() == session.get_available_partitions()


@pytest.mark.slow
def test_regions_match_boto3_for_every_service_and_partition(session: boto3.Session) -> None:
    services = session.get_available_services()
    assert services == list_available_services()
    partitions = session.get_available_partitions()
    mismatches = []
    for service in services:
        for partition in partitions:
            for allow in (False, True):
                expected = session.get_available_regions(service, partition, allow)
                if legacy.get_available_regions(service, partition, allow) != expected:
                    mismatches.append((service, partition, allow))
    assert mismatches == []


def test_regions_for_known_and_unknown_inputs(session: boto3.Session) -> None:
    ec2 = legacy.get_available_regions("ec2")
    assert "us-east-1" in ec2 and "cn-north-1" not in ec2
    assert "aws-global" in legacy.get_available_regions("iam", allow_non_regional=True)
    assert "aws-global" not in legacy.get_available_regions("iam")
    # "elb" is a service name whose endpoint prefix differs ("elasticloadbalancing").
    assert legacy.get_available_regions("elb", "aws-cn") == session.get_available_regions("elb", "aws-cn")
    assert legacy.get_available_regions("elb", "aws-cn") == ["cn-north-1", "cn-northwest-1"]
    assert legacy.get_available_regions("no-such-service") == []
    assert legacy.get_available_regions("ec2", "no-such-partition") == []
    # The caller owns the list it gets.
    ec2.clear()
    assert legacy.get_available_regions("ec2")


def test_partition_for_region_matches_boto3(session: boto3.Session) -> None:
    regions = {r for p in load_endpoints_legacy()["partitions"] for r in p["regions"]}
    regions |= {"us-east-9", "cn-south-7", "us-gov-north-3", "eu-isoe-north-1", "aws-global", "mars-1", ""}
    for region in sorted(regions):
        try:
            expected = ("ok", session.get_partition_for_region(region))
        except BotocoreUnknownRegionError as error:
            expected = ("error", str(error))
        try:
            got = ("ok", legacy.get_partition_for_region(region))
        except UnknownRegionError as error:
            got = ("error", str(error))
        assert got == expected, region
    with pytest.raises(UnknownRegionError, match=r"Unknown region: 'mars-1'\. No partition found"):
        legacy.get_partition_for_region("mars-1")


def test_partition_endpoint() -> None:
    assert legacy.partition_endpoint("iam") == "aws-global"
    assert legacy.partition_endpoint("iam", "aws-cn") == "aws-cn-global"
    assert legacy.partition_endpoint("ec2") is None
    assert legacy.partition_endpoint("no-such-prefix") is None
