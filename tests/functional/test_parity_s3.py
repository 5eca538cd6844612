"""S3 parity: each scenario in _scenarios_s3.py gives the same normalized results with both SDKs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.functional._moto import MotoProcess
from tests.functional._scenarios_normalize import run_both
from tests.functional._scenarios_s3 import SCENARIOS


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_s3_scenario_matches_boto3(name: str, moto: MotoProcess, tmp_path: Path) -> None:
    run_both(SCENARIOS[name], moto, tmp_path)
