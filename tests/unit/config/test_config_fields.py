"""The settings table matches botocore's own variable tables, name by name."""

from __future__ import annotations

from typing import Any

import botocore.configprovider as cp
import botocore.utils
import pytest

from awsession.config import FIELDS
from awsession.config.checks import BOOL, INT, STR, Kind, ensure_boolean

_CONVERTERS: dict[Any, Kind] = {int: INT, botocore.utils.ensure_boolean: BOOL,
                                botocore.utils.normalize_boolean: BOOL}


def _botocore_rows() -> list[tuple[str, Any]]:
    rows = [(name, spec) for name, spec in cp.BOTOCORE_DEFAUT_SESSION_VARIABLES.items()]
    rows += [(f"s3.{name}", spec) for name, spec in cp.DEFAULT_S3_CONFIG_VARS.items()]
    rows += [(f"proxies_config.{name}", spec)
             for name, spec in cp.DEFAULT_PROXIES_CONFIG_VARS.items()]
    return rows


def _keys(spec: Any) -> tuple[str, ...]:
    if spec is None:
        return ()
    items = spec if isinstance(spec, list) else [spec]
    return tuple(".".join(item) if isinstance(item, tuple) else item for item in items)


def _envs(spec: Any) -> tuple[str, ...]:
    if spec is None:
        return ()
    return tuple(spec) if isinstance(spec, list) else (spec,)


def test_table_has_every_botocore_variable_and_no_other() -> None:
    names = {name for name, _ in _botocore_rows()}
    assert len(names) == 37 + 7 + 3
    assert set(FIELDS) == names | {"connect_timeout", "endpoint_url"}


@pytest.mark.parametrize(("name", "spec"), _botocore_rows(), ids=[n for n, _ in _botocore_rows()])
def test_field_matches_botocore(name: str, spec: Any) -> None:
    keys, env, default, convert = spec
    field = FIELDS[name]
    expected_env = _envs(env)
    if name == "region":  # the one deliberate difference: AWS_REGION is read first
        expected_env = ("AWS_REGION", *expected_env)
    assert field.env_vars == expected_env
    assert field.profile_keys == _keys(keys)
    ours = dict(field.default) if name == "api_versions" else field.default
    if name == "retry_mode":
        default = "legacy"  # botocore computes this at import from AWS_NEW_RETRIES_2026
    assert ours == default
    assert field.kind is _CONVERTERS.get(convert, field.kind)
    if convert is None:
        assert field.kind.convert("x") == "x"


@pytest.mark.parametrize("value", [True, False, "true", "TRUE", "True", "false", "yes", "1", "",
                                   1, 0, None])
def test_ensure_boolean_matches_botocore(value: Any) -> None:
    assert ensure_boolean(value) is botocore.utils.ensure_boolean(value)


def test_every_field_is_documented_and_choices_are_strings() -> None:
    for field in FIELDS.values():
        assert field.doc, field.name
        assert all(isinstance(c, str) for c in field.choices)
        assert field.kind in (STR, INT, BOOL) or field.kind.name in ("dict", "seconds")
