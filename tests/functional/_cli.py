"""Run the awsession command line (and, when installed, the AWS CLI) as child processes.

Each run gets a private HOME holding ``.aws/``; no AWS_* variable of the outer process leaks in.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

# The test environment's own AWS CLI (installed with the test extra) first, then any on PATH.
AWS_CLI = shutil.which("aws", path=os.path.dirname(sys.executable)) or shutil.which("aws")


def cli_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "BOTO"))}
    env.update(HOME=str(home), AWS_EC2_METADATA_DISABLED="true", PYTHONDONTWRITEBYTECODE="1",
               **extra)
    return env


def awsession(home: Path, *argv: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "awsession", *argv], env=cli_env(home, **extra),
                          capture_output=True, text=True, timeout=120, check=False)


def aws(home: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    assert AWS_CLI is not None
    return subprocess.run([AWS_CLI, *argv], env=cli_env(home), capture_output=True, text=True,
                          timeout=120, check=False)
