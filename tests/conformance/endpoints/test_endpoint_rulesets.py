"""AWS's endpoint rule-set tests run as data against awsession's rules engine.

* ``endpoints/<service>/endpoint-tests-1.json`` (13,862 cases): each case's ``params`` resolved with
  that service's installed rule set and the installed ``partitions.json``; the url, properties and
  headers must equal the expectation, or the error message must match exactly.
* ``operationInputs`` (568 sets): the parameters are built from the operation model, the call's
  input and the forced builtins with ``build_endpoint_params``, then resolved the same way.
* ``endpoints-engine/`` (101 cases): small rule sets exercising the function library.

Cases are grouped (one test per service or file) to keep the run fast; a failure lists every
failing case by index and documentation. A case that is known to fail goes in ``KNOWN_FAILURES``
with its reason; such an entry must keep failing (strict), and there may be at most 0.1% of them.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from awsession.endpoints import EndpointBuiltins, build_endpoint_params, default_partitions, resolve_endpoint
from awsession.exceptions import EndpointResolutionError
from awsession.model.services import load_endpoint_ruleset, load_service_model
from tests._conformance import CONFORMANCE_DIR, conformance_available, conformance_path

TOTAL_CASES = 13_862
ENGINE_CASES = 101
OPERATION_INPUT_SETS = 568

# (suite, service or file, case index[, operation-input index]) -> why it fails. None today.
KNOWN_FAILURES: dict[tuple[Any, ...], str] = {}

SERVICES = (
    sorted(p.name for p in (CONFORMANCE_DIR / "endpoints").iterdir()) if conformance_available() else []
)
ENGINE_FILES = (
    sorted(p.stem for p in (CONFORMANCE_DIR / "endpoints-engine" / "test-cases").iterdir())
    if conformance_available()
    else []
)


@cache
def _cases(service: str) -> list[dict[str, Any]]:
    path = conformance_path("endpoints", service, "endpoint-tests-1.json")
    return json.loads(path.read_text())["testCases"]  # type: ignore[no-any-return]


def _outcome(ruleset: dict[str, Any], params: dict[str, Any]) -> dict[str, Any]:
    try:
        endpoint = resolve_endpoint(ruleset, params, default_partitions())
    except EndpointResolutionError as error:
        return {"error": str(error)}
    return {"url": endpoint.url, "properties": endpoint.properties, "headers": endpoint.headers}


def _mismatch(expect: dict[str, Any], got: dict[str, Any]) -> bool:
    if "error" in expect:
        return got.get("error") != expect["error"]
    wanted = expect["endpoint"]
    return got != {
        "url": wanted["url"],
        "properties": wanted.get("properties", {}),
        "headers": wanted.get("headers", {}),
    }


def _check(results: list[tuple[tuple[Any, ...], str, dict[str, Any], dict[str, Any]]]) -> None:
    problems = []
    for key, doc, expect, got in results:
        failed = _mismatch(expect, got)
        if failed and key not in KNOWN_FAILURES:
            problems.append(f"case {key} ({doc}):\n  expected {expect}\n  got      {got}")
        elif not failed and key in KNOWN_FAILURES:
            problems.append(f"case {key} ({doc}) passed but is listed as failing: {KNOWN_FAILURES[key]}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("service", SERVICES)
def test_service_rule_set(service: str) -> None:
    ruleset = load_endpoint_ruleset(service)
    results = [
        (("rules", service, index), case.get("documentation", ""), case["expect"],
         _outcome(ruleset, case.get("params", {})))
        for index, case in enumerate(_cases(service))
    ]  # fmt: skip
    assert results, f"{service} has no cases"
    _check(results)


OPERATION_SERVICES = [s for s in SERVICES if any("operationInputs" in c for c in _cases(s))]


@pytest.mark.parametrize("service", OPERATION_SERVICES)
def test_service_operation_inputs(service: str) -> None:
    ruleset = load_endpoint_ruleset(service)
    model = load_service_model(service)
    results = []
    for index, case in enumerate(_cases(service)):
        for position, inputs in enumerate(case.get("operationInputs", ())):
            builtins = EndpointBuiltins(
                exact=inputs.get("builtInParams", {}), endpoint_prefix=model.endpoint_prefix
            )
            operation = model.operation_model(inputs["operationName"])
            try:
                params = build_endpoint_params(
                    ruleset, model, operation, inputs.get("operationParams", {}), builtins, {}
                )
            except EndpointResolutionError as error:
                got: dict[str, Any] = {"error": str(error)}
            else:
                got = _outcome(ruleset, params)
            key = ("operation", service, index, position)
            results.append((key, case.get("documentation", ""), case["expect"], got))
    _check(results)


@pytest.mark.parametrize("name", ENGINE_FILES)
def test_engine_suite(name: str) -> None:
    folder: Path = conformance_path("endpoints-engine")
    ruleset = json.loads((folder / "valid-rules" / f"{name}.json").read_text())
    cases = json.loads((folder / "test-cases" / f"{name}.json").read_text())["testCases"]
    results = [
        (("engine", name, index), case.get("documentation", ""), case["expect"],
         _outcome(ruleset, case.get("params", {})))
        for index, case in enumerate(cases)
    ]  # fmt: skip
    _check(results)


def test_whole_suite_is_present_and_known_failures_are_rare() -> None:
    conformance_path("endpoints")
    assert len(SERVICES) == 424
    assert sum(len(_cases(s)) for s in SERVICES) == TOTAL_CASES
    assert sum(len(c.get("operationInputs", ())) for s in SERVICES for c in _cases(s)) == OPERATION_INPUT_SETS
    folder = conformance_path("endpoints-engine", "test-cases")
    engine = sum(len(json.loads(p.read_text())["testCases"]) for p in folder.iterdir())
    assert engine == ENGINE_CASES
    assert len(KNOWN_FAILURES) <= (TOTAL_CASES + ENGINE_CASES) // 1000
