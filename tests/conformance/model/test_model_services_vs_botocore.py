"""Loading matches botocore's Loader (with boto3's data folder appended, as boto3 does)."""

from __future__ import annotations

import os

import boto3
import botocore.exceptions
import botocore.loaders
import pytest

from awsession.exceptions import DataNotFoundError, UnknownServiceError
from awsession.model.loader import DataLoader, data_roots
from awsession.model.services import (
    list_api_versions,
    list_available_services,
    load_endpoint_ruleset,
    load_endpoints_legacy,
    load_paginators,
    load_partitions,
    load_resource_model,
    load_service_model,
    load_waiters,
)

SAMPLE = ("s3", "ec2", "dynamodb", "sqs", "lambda", "iam", "rds", "secretsmanager", "eks", "cloudfront")


@pytest.fixture(scope="module")
def reference() -> botocore.loaders.Loader:
    loader = botocore.loaders.Loader()
    loader.search_paths.append(os.path.join(os.path.dirname(boto3.__file__), "data"))
    return loader


@pytest.fixture(scope="module")
def ours() -> DataLoader:
    # A private loader so that the parse counts of other tests are not disturbed.
    return DataLoader(data_roots())


@pytest.mark.parametrize("type_name", ["service-2", "paginators-1", "waiters-2", "resources-1"])
def test_service_lists_match(type_name: str, reference: botocore.loaders.Loader, ours: DataLoader) -> None:
    assert list_available_services(type_name, loader=ours) == reference.list_available_services(type_name)


def test_api_versions_match(reference: botocore.loaders.Loader, ours: DataLoader) -> None:
    for service in ("ec2", "s3", "sdb", "dynamodb"):
        assert list_api_versions(service, loader=ours) == reference.list_api_versions(service, "service-2")


@pytest.mark.parametrize("service", SAMPLE)
def test_models_and_extras_match(service: str, reference: botocore.loaders.Loader, ours: DataLoader) -> None:
    model = load_service_model(service, loader=ours)
    assert model.raw == reference.load_service_model(service, "service-2")
    version = model.api_version
    for mine, type_name in ((load_paginators, "paginators-1"), (load_waiters, "waiters-2"),
                            (load_endpoint_ruleset, "endpoint-rule-set-1")):
        try:
            expected = reference.load_service_model(service, type_name, version)
        except botocore.exceptions.DataNotFoundError as exc:
            with pytest.raises(DataNotFoundError) as info:
                mine(service, version, loader=ours)
            assert str(info.value) == str(exc)
        else:
            assert mine(service, version, loader=ours) == expected


def test_resources_partitions_endpoints(reference: botocore.loaders.Loader, ours: DataLoader) -> None:
    assert load_resource_model("s3", "2006-03-01", loader=ours) == reference.load_service_model(
        "s3", "resources-1", "2006-03-01")
    assert load_partitions(loader=ours) == reference.load_data("partitions")
    assert load_endpoints_legacy(loader=ours) == reference.load_data("endpoints")


def test_unknown_service_message_matches_boto3(ours: DataLoader) -> None:
    with pytest.raises(botocore.exceptions.UnknownServiceError) as theirs:
        boto3.session.Session(region_name="us-east-1").client("not-a-service")
    with pytest.raises(UnknownServiceError) as mine:
        load_service_model("not-a-service", loader=ours)
    assert str(mine.value) == str(theirs.value)
    assert mine.value.kwargs == theirs.value.kwargs


def test_unknown_api_version_matches_boto3(ours: DataLoader) -> None:
    with pytest.raises(botocore.exceptions.DataNotFoundError) as theirs:
        boto3.session.Session(region_name="us-east-1").client("sqs", api_version="1999-01-01")
    with pytest.raises(DataNotFoundError) as mine:
        load_service_model("sqs", "1999-01-01", loader=ours)
    assert type(theirs.value).__name__ == type(mine.value).__name__ == "DataNotFoundError"
    assert str(mine.value) == str(theirs.value)
