"""AWS's protocol output suites (protocols/output and protocols/legacy/output) against our parsers.

Every case runs except those botocore 1.43.11 itself skips (its ignore list), which are skipped here
with that reason. Cases are prepared and results normalised exactly as botocore's runner does.
"""

from __future__ import annotations

from typing import Any

import pytest

from awsession.protocols.parsers.registry import PARSERS, parse
from tests._conformance import CONFORMANCE_DIR, conformance_path
from tests.conformance.protocols._output_cases import (
    build,
    epoch_timestamp,
    expected_of,
    fixup,
    iter_cases,
    load_ignore_list,
)

_PROTOCOLS = CONFORMANCE_DIR / "protocols"


def _collect() -> list[Any]:
    if not _PROTOCOLS.is_dir():
        return []
    files = sorted((_PROTOCOLS / "output").glob("*.json")) + sorted(
        (_PROTOCOLS / "legacy" / "output").glob("*.json")
    )
    ignore = load_ignore_list(_PROTOCOLS / "protocol-tests-ignore-list.json")
    params = []
    for label, _basename, suite, case, skip in iter_cases(files, ignore):
        marks = [pytest.mark.skip(reason=skip)] if skip else []
        params.append(pytest.param(suite, case, id=label, marks=marks))
    return params


CASES = _collect()


def test_suites_are_present_and_complete() -> None:
    conformance_path("protocols", "output")
    assert len(CASES) == 365 + 110
    protocols = {p.values[0]["metadata"]["protocol"] for p in CASES}
    assert protocols == set(PARSERS)


@pytest.mark.parametrize(("suite", "case"), CASES)
def test_output_case(suite: dict[str, Any], case: dict[str, Any]) -> None:
    protocol, operation, response = build(suite, case)
    parsed = parse(operation, response, timestamp_parser=epoch_timestamp, protocol=protocol)
    assert fixup(parsed) == expected_of(case)
