"""Parity for EC2, STS, IAM, DynamoDB, SQS, SNS, KMS, Secrets Manager, SSM and Lambda scenarios."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.functional._moto import MotoProcess
from tests.functional._scenarios_normalize import run_both
from tests.functional._scenarios_services import SCENARIOS
from tests.functional._scenarios_sqs_query import sqs_query, write_query_model


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_scenario_matches_boto3(name: str, moto: MotoProcess, tmp_path: Path) -> None:
    run_both(SCENARIOS[name], moto, tmp_path)


def test_sqs_query_protocol_through_aws_data_path(moto: MotoProcess, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_DATA_PATH", str(write_query_model(tmp_path / "models")))
    run_both(sqs_query, moto, tmp_path)
