"""The product brief's walk-through (../shared/brief.txt), verbatim apart from the import.

Each scenario runs with boto3 and with awsession against the same moto server and must give the
same observable results.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from tests.functional._moto import MotoProcess


def test_default_session_lists_buckets(sdk: ModuleType) -> None:
    boto3 = sdk
    boto3.client("s3").create_bucket(Bucket="brief-default")

    # Boto3 automatically creates a default session
    s3 = boto3.client('s3')

    # Now use it
    buckets = s3.list_buckets()
    names = [bucket['Name'] for bucket in buckets['Buckets']]
    assert names == ["brief-default"]
    assert buckets["ResponseMetadata"]["HTTPStatusCode"] == 200


def test_custom_session_with_explicit_keys_and_region(sdk: ModuleType,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    boto3 = sdk
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    monkeypatch.delenv("AWS_DEFAULT_REGION")

    # Create a custom session
    session = boto3.Session(
        aws_access_key_id='YOUR_ACCESS_KEY_ID',
        aws_secret_access_key='YOUR_SECRET_ACCESS_KEY',
        region_name='ap-southeast-2'   # Sydney region
    )

    # Now create clients/resources using this session
    s3 = session.client('s3')
    s3.create_bucket(Bucket="brief-sydney",
                     CreateBucketConfiguration={"LocationConstraint": "ap-southeast-2"})
    buckets = s3.list_buckets()
    assert [bucket['Name'] for bucket in buckets['Buckets']] == ["brief-sydney"]
    assert s3.meta.region_name == "ap-southeast-2"
    location = s3.get_bucket_location(Bucket="brief-sydney")["LocationConstraint"]
    assert location == "ap-southeast-2"


def test_named_profiles_side_by_side(sdk: ModuleType, moto: MotoProcess, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    boto3 = sdk
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_DEFAULT_REGION"):
        monkeypatch.delenv(name)
    credentials = tmp_path / "credentials"
    credentials.write_text(
        "[dev-account]\naws_access_key_id = AKIADEVEXAMPLE\naws_secret_access_key = dev-secret\n\n"
        "[prod-account]\naws_access_key_id = AKIAPRODEXAMPLE\naws_secret_access_key = prod-secret\n"
    )
    config = tmp_path / "config"
    config.write_text("[profile dev-account]\nregion = eu-west-1\n\n"
                      "[profile prod-account]\nregion = us-west-2\n")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(credentials))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))

    # Use "dev-account" profile
    session_dev = boto3.Session(profile_name='dev-account')
    ec2_dev = session_dev.client('ec2')

    # Use "prod-account" profile
    session_prod = boto3.Session(profile_name='prod-account')
    ec2_prod = session_prod.client('ec2')

    assert (ec2_dev.meta.region_name, ec2_prod.meta.region_name) == ("eu-west-1", "us-west-2")
    assert session_dev.get_credentials().access_key == "AKIADEVEXAMPLE"
    assert session_prod.get_credentials().access_key == "AKIAPRODEXAMPLE"

    image = ec2_dev.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
    dev_id = ec2_dev.run_instances(ImageId=image, MinCount=1, MaxCount=1)["Instances"][0]["InstanceId"]
    image = ec2_prod.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
    prod_id = ec2_prod.run_instances(ImageId=image, MinCount=2, MaxCount=2)["Instances"][0]["InstanceId"]

    dev = [i["InstanceId"] for r in ec2_dev.describe_instances()["Reservations"] for i in r["Instances"]]
    prod = [i["InstanceId"] for r in ec2_prod.describe_instances()["Reservations"] for i in r["Instances"]]
    assert dev == [dev_id]
    assert len(prod) == 2 and prod_id in prod
