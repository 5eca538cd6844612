"""Where AWS's conformance data lives, for tests that run it as data.

The data is not copied into this repository. It is found through ``AWSESSION_CONFORMANCE_DIR``,
defaulting to ``../shared/conformance`` beside the checkout. When it is absent, every test that needs
it fails under CI (``CI=true``) and is skipped elsewhere, saying so plainly.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONFORMANCE_DIR = Path(
    os.environ.get("AWSESSION_CONFORMANCE_DIR", str(ROOT.parent / "shared" / "conformance"))
)
MISSING_MESSAGE = (
    f"AWS conformance data not found at {CONFORMANCE_DIR}; set AWSESSION_CONFORMANCE_DIR to the "
    "shared/conformance folder (CI always has it)"
)


def conformance_path(*parts: str) -> Path:
    """The path of a conformance file or folder; fails (CI) or skips (locally) when absent."""
    path = CONFORMANCE_DIR.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(MISSING_MESSAGE, pytrace=False)
        pytest.skip(MISSING_MESSAGE)
    return path


def conformance_available() -> bool:
    return CONFORMANCE_DIR.is_dir()
