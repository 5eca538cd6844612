"""Pure rules of managed transfers, checked against s3transfer/boto3 as the reference."""

from __future__ import annotations

import boto3.s3.transfer as boto3_transfer
import pytest
from s3transfer.manager import TransferManager
from s3transfer.utils import ChunksizeAdjuster, calculate_range_parameter, set_default_checksum_algorithm

from awsession.s3 import args
from awsession.s3.config import MB, TransferConfig
from awsession.s3.plan import adjust_chunksize, plan_parts

GB = 1024 * MB


@pytest.mark.parametrize(("chunksize", "size"), [
    (8 * MB, 0), (8 * MB, 20 * MB), (1, 20 * MB), (8 * MB, 100 * GB), (5 * MB, 5 * MB * 10001),
    (6 * GB, 10 * GB), (8 * MB, None), (1, None), (10 * GB, None),
])
def test_chunksize_matches_s3transfer(chunksize: int, size: int | None) -> None:
    assert adjust_chunksize(chunksize, size) == ChunksizeAdjuster().adjust_chunksize(chunksize,
                                                                                     size)


@pytest.mark.parametrize(("size", "part_size"), [(1, 5), (5, 5), (21, 5), (20 * MB + 7, 5 * MB)])
def test_part_ranges_match_s3transfer(size: int, part_size: int) -> None:
    parts = plan_parts(size, part_size)
    assert sum(p.length for p in parts) == size
    assert [p.number for p in parts] == list(range(1, len(parts) + 1))
    count = len(parts)
    for i, part in enumerate(parts):
        last = part is parts[-1]
        assert part.range(open_ended=last) == calculate_range_parameter(part_size, i, count)
        assert part.range() == calculate_range_parameter(part_size, i, count, size)


def test_empty_object_has_one_empty_part() -> None:
    (part,) = plan_parts(0, 8 * MB)
    assert (part.number, part.start, part.length) == (1, 0, 0)


def test_allow_lists_are_s3transfers() -> None:
    assert args.ALLOWED_UPLOAD_ARGS == TransferManager.ALLOWED_UPLOAD_ARGS
    assert args.ALLOWED_DOWNLOAD_ARGS == TransferManager.ALLOWED_DOWNLOAD_ARGS
    assert args.ALLOWED_COPY_ARGS == TransferManager.ALLOWED_COPY_ARGS
    assert boto3_transfer.S3Transfer.ALLOWED_UPLOAD_ARGS == args.ALLOWED_UPLOAD_ARGS


@pytest.mark.parametrize("allowed", [args.ALLOWED_UPLOAD_ARGS, args.ALLOWED_DOWNLOAD_ARGS,
                                     args.ALLOWED_COPY_ARGS])
def test_invalid_key_message_is_s3transfers(allowed: list[str]) -> None:
    with pytest.raises(ValueError) as ours:
        args.validate_extra_args({"ContentType": "x", "Nope": 1}, allowed)
    with pytest.raises(ValueError) as theirs:
        TransferManager._validate_all_known_args(None, {"ContentType": "x", "Nope": 1}, allowed)  # type: ignore[arg-type]
    assert str(ours.value) == str(theirs.value)
    args.validate_extra_args({}, allowed)


def test_object_lambda_buckets_are_refused() -> None:
    arn = "arn:aws:s3-object-lambda:us-east-1:123456789012:accesspoint/my-ap"
    with pytest.raises(ValueError, match=r"^TransferManager methods do not support S3 Object "
                                         r"Lambda resource\. Use direct client calls instead\.$"):
        args.check_bucket(arn)
    args.check_bucket("plain-bucket")


@pytest.mark.parametrize("given", [{}, {"ChecksumAlgorithm": "SHA256"}, {"ChecksumCRC32": "x"},
                                   {"ContentType": "a"}])
def test_default_checksum_matches_s3transfer(given: dict[str, str]) -> None:
    ours, theirs = dict(given), dict(given)
    args.add_upload_defaults(ours, "when_supported")
    set_default_checksum_algorithm(theirs)
    assert ours == theirs
    untouched = dict(given)
    args.add_upload_defaults(untouched, "when_required")
    assert untouched == given


def test_full_object_checksum_names_the_algorithm() -> None:
    extra = {"ChecksumSHA256": "abc", "ContentType": "x"}
    args.full_object_checksum(extra)
    assert extra["ChecksumType"] == "FULL_OBJECT"
    assert extra["ChecksumAlgorithm"] == "SHA256"
    assert args.remove(extra, args.UPLOAD_CREATE_DROP) == {
        "ContentType": "x", "ChecksumType": "FULL_OBJECT", "ChecksumAlgorithm": "SHA256"}
    assert args.keep(extra, args.UPLOAD_COMPLETE_ONLY) == {"ChecksumSHA256": "abc",
                                                          "ChecksumType": "FULL_OBJECT"}


def test_transfer_config_defaults_match_boto3() -> None:
    ours, theirs = TransferConfig(), boto3_transfer.TransferConfig()
    for name in ("multipart_threshold", "multipart_chunksize", "max_concurrency",
                 "max_request_concurrency", "num_download_attempts", "max_io_queue",
                 "max_io_queue_size", "io_chunksize", "use_threads", "max_bandwidth",
                 "preferred_transfer_client"):
        assert getattr(ours, name) == getattr(theirs, name), name


def test_transfer_config_aliases_follow_each_other() -> None:
    config = TransferConfig(max_concurrency=3, max_io_queue=7)
    assert (config.max_request_concurrency, config.max_io_queue_size) == (3, 7)
    config.max_concurrency = 4
    config.max_io_queue = 9
    assert (config.max_request_concurrency, config.max_io_queue_size) == (4, 9)


@pytest.mark.parametrize("kwargs", [
    {"max_concurrency": 0}, {"multipart_chunksize": -1}, {"max_bandwidth": 0},
    {"io_chunksize": 0, "multipart_threshold": 0}, {"num_download_attempts": 0},
    {"max_io_queue": -5},
])
def test_transfer_config_rejects_non_positive_values_as_boto3(kwargs: dict[str, int]) -> None:
    with pytest.raises(ValueError) as ours:
        TransferConfig(**kwargs)  # type: ignore[arg-type]
    with pytest.raises(ValueError) as theirs:
        boto3_transfer.TransferConfig(**kwargs)
    assert str(ours.value) == str(theirs.value)
