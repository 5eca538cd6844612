"""Partition lookup from partitions.json, against botocore's ``aws.partition`` implementation."""

from __future__ import annotations

from botocore.endpoint_provider import RuleSetStandardLibrary

from awsession.endpoints.partitions import Partitions, default_partitions, partitions_from
from awsession.model.services import load_partitions


def test_tables_are_built_once_per_data_object() -> None:
    data = load_partitions()
    assert partitions_from(data) is partitions_from(data)
    assert partitions_from(data) is default_partitions()
    assert partitions_from(default_partitions()) is default_partitions()
    copy = {"partitions": list(data["partitions"]), "version": data["version"]}
    assert partitions_from(copy) is not default_partitions()


def test_lookup_matches_botocore_for_every_listed_region_and_odd_ones() -> None:
    data = load_partitions()
    botocore_lib = RuleSetStandardLibrary(data)
    regions = {r for p in data["partitions"] for r in p["regions"]}
    regions |= {"us-east-99", "cn-west-7", "us-isob-north-2", "eusc-de-west-9", "eusc-fr-east-1", "", "x"}
    table = default_partitions()
    for region in sorted(regions):
        expected = botocore_lib.aws_partition(region)
        assert table.lookup(region) == expected, region
        assert table.lookup(region) is table.lookup(region)  # memoized, shared
    assert table.names[0] == "aws"
    assert table.partition_id("us-gov-east-1") == "aws-us-gov"
    assert table.partition_id("mars-1") is None


def test_custom_partition_data() -> None:
    table = Partitions({"partitions": [
        {"id": "first", "regionRegex": "^a-\\d$", "regions": {"special": {}}, "outputs": {"dnsSuffix": "one"}},
        {"id": "second", "regionRegex": "^b-\\d$", "regions": {}, "outputs": {"dnsSuffix": "two"}},
    ]})  # fmt: skip
    assert table.lookup("b-1") == {"dnsSuffix": "two", "name": "second"}
    assert table.lookup("special")["name"] == "first"
    assert table.lookup("zzz")["name"] == "first"
