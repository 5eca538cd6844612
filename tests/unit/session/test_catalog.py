"""What the installed data offers: services, resources, regions and partitions, as boto3 answers."""

from __future__ import annotations

from typing import Any

import boto3
import pytest

from awsession import Session
from awsession.exceptions import UnknownRegionError

SPECIFIC = ("s3", "ec2", "iam", "sts", "cloudfront", "elbv2", "route53", "dynamodb", "lambda",
            "sdb", "s3control", "budgets", "globalaccelerator")


@pytest.fixture(scope="module")
def pair() -> tuple[Session, Any]:
    with pytest.MonkeyPatch.context() as mp:  # a plain environment, whatever the developer has
        mp.delenv("AWS_DATA_PATH", raising=False)
        mp.delenv("AWS_PROFILE", raising=False)
        mp.delenv("AWS_DEFAULT_PROFILE", raising=False)
        return Session(region_name="us-east-1"), boto3.Session(region_name="us-east-1")


def test_available_services_and_resources(pair: tuple[Session, Any]) -> None:
    ours, theirs = pair
    assert ours.get_available_services() == theirs.get_available_services()
    assert ours.get_available_resources() == theirs.get_available_resources()
    assert "s3" in ours.get_available_resources()


def test_partitions(pair: tuple[Session, Any]) -> None:
    ours, theirs = pair
    assert ours.get_available_partitions() == theirs.get_available_partitions()
    for region in ("us-east-1", "cn-north-1", "us-gov-west-1", "us-iso-east-1", "eu-west-9",
                   "ap-southeast-7", "us-isob-east-1", "eusc-de-east-1"):
        assert ours.get_partition_for_region(region) == theirs.get_partition_for_region(region)


def test_unknown_region_partition(pair: tuple[Session, Any]) -> None:
    ours, theirs = pair
    with pytest.raises(UnknownRegionError) as info:
        ours.get_partition_for_region("mars-1")
    with pytest.raises(Exception) as reference:
        theirs.get_partition_for_region("mars-1")
    assert str(info.value) == str(reference.value)


def test_regions_for_many_services(pair: tuple[Session, Any]) -> None:
    ours, theirs = pair
    services = ours.get_available_services()
    sample = sorted(set(services[::9]) | set(SPECIFIC))
    assert len(sample) >= 55
    compared = 0
    for service in sample:
        for partition in ("aws", "aws-cn", "aws-us-gov"):
            for non_regional in (False, True):
                assert ours.get_available_regions(service, partition, non_regional) == \
                    theirs.get_available_regions(service, partition, non_regional), (
                        service, partition, non_regional)
                compared += 1
    assert compared == len(sample) * 6
    assert "us-west-2" in ours.get_available_regions("ec2")
    assert "aws-global" in ours.get_available_regions("iam", allow_non_regional=True)


def test_unknown_service_or_partition_is_empty(pair: tuple[Session, Any]) -> None:
    ours, theirs = pair
    assert ours.get_available_regions("no-such-service") == [] == \
        theirs.get_available_regions("no-such-service")
    assert ours.get_available_regions("s3", "no-such-partition") == []
