"""Shared pytest setup: tests never see the developer's real AWS environment."""

from __future__ import annotations

import os

import pytest

_AWS_PREFIXES = ("AWS_", "BOTO_", "BOTOCORE_")


@pytest.fixture(autouse=True)
def _isolated_aws_environment(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Remove AWS variables and point the config files at an empty folder for every test."""
    for name in list(os.environ):
        if name.startswith(_AWS_PREFIXES):
            monkeypatch.delenv(name, raising=False)
    empty = tmp_path_factory.mktemp("aws-home")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(empty / "config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(empty / "credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
