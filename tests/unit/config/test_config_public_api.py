"""The public surface of awsession.config: pinned names and the signatures other rooms call."""

from __future__ import annotations

import ast
import inspect
import subprocess
import sys
from pathlib import Path

import awsession.config as config
from awsession.config import ConfigFiles, ConfigResolver
from awsession.config.resolve import resolve_profile_name

PACKAGE = Path(config.__file__).parent


def test_all_is_pinned() -> None:
    assert config.__all__ == ["FIELDS", "UNSIGNED", "Config", "ConfigFiles", "ConfigResolver",
                              "Resolved"]
    for name in config.__all__:
        assert getattr(config, name) is not None


def test_signatures_other_rooms_rely_on() -> None:
    assert list(inspect.signature(ConfigFiles).parameters) == ["env"]
    params = inspect.signature(ConfigResolver).parameters
    assert list(params)[:4] == ["env", "files", "profile", "overrides"]
    assert list(inspect.signature(resolve_profile_name).parameters) == ["env", "explicit"]
    for method in ("resolve", "get", "resolve_all", "s3_settings", "proxies_config",
                   "resolve_endpoint_url", "retry_config", "defaults_mode"):
        assert callable(getattr(ConfigResolver, method))
    for prop in ("config_path", "credentials_path", "profiles", "config_profiles",
                 "credentials_profiles", "sso_sessions", "services", "profile_names"):
        assert isinstance(inspect.getattr_static(ConfigFiles, prop), property)


def test_no_botocore_or_boto3_imports() -> None:
    for path in PACKAGE.glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            for name in names:
                assert name.split(".")[0] not in ("botocore", "boto3", "s3transfer"), path


def test_import_is_light() -> None:
    code = ("import sys, awsession.config; "
            "print(sorted(m for m in ('awsession.model.loader', 'json', 'gzip', 'urllib3') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
