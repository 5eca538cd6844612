"""Write shared config files for session tests (the autouse fixture already isolates AWS_*)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

WriteFiles = Callable[..., None]


@pytest.fixture
def aws_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> WriteFiles:
    """``aws_files(config=..., credentials=...)`` writes the files the session will read."""
    monkeypatch.setenv("HOME", str(tmp_path))

    def write(config: str | None = None, credentials: str | None = None) -> None:
        for name, text in (("config", config), ("credentials", credentials)):
            if text is not None:
                (tmp_path / name).write_text(text)
        monkeypatch.setenv("AWS_CONFIG_FILE", os.fspath(tmp_path / "config"))
        monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", os.fspath(tmp_path / "credentials"))

    return write
