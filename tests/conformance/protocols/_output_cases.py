"""Load AWS's protocol output suites as runnable cases, and normalise results as botocore's runner.

Used by test_output.py. Each case becomes (id, protocol, ServiceModel, OperationModel, HttpResponse,
expected, skip_reason). Normalisation follows botocore 1.43.11's tests/unit/test_protocols.py as
described in the conformance README section 2.
"""

from __future__ import annotations

import base64
import copy
import json
import math
from pathlib import Path
from typing import Any

from awsession._core.http import HttpResponse
from awsession.model.shapes import OperationModel, ServiceModel
from awsession.protocols.parsers.eventstream import EventStream
from awsession.protocols.parsers.timestamps import parse_timestamp


def epoch_timestamp(value: Any) -> float:
    """The runner's timestamp function: seconds since 1970 as a float."""
    return parse_timestamp(value).timestamp()


def load_ignore_list(path: Path) -> dict[str, set[str]]:
    """protocol-file basename -> case ids botocore skips for output tests."""
    data = json.loads(path.read_text())
    result: dict[str, set[str]] = {}
    for name, sections in data.get("protocols", {}).items():
        result[name] = set(sections.get("output", {}).get("cases", []))
    general = data.get("general", {}).get("output", {})
    result["*suites"] = set(general.get("suites", []))
    result["*cases"] = set(general.get("cases", []))
    return result


def iter_cases(files: list[Path], ignore: dict[str, set[str]]) -> list[tuple[Any, ...]]:
    cases: list[tuple[Any, ...]] = []
    for path in files:
        basename = path.stem
        legacy = "legacy" in path.parts
        suites = json.loads(path.read_text())
        for suite_index, suite in enumerate(suites):
            for case_index, case in enumerate(suite["cases"]):
                case_id = case.get("id") or f"{suite['description']}#{case_index}"
                label = f"{'legacy/' if legacy else ''}{basename}:{suite_index}:{case_id}"
                skip = None
                if suite["description"] in ignore["*suites"] or case_id in ignore["*cases"]:
                    skip = "botocore 1.43.11 skips this suite (protocol-tests-ignore-list.json, general)"
                elif case.get("id") in ignore.get(basename, set()):
                    skip = (
                        "botocore 1.43.11 deliberately differs from the Smithy expectation here and skips it "
                        f"(protocol-tests-ignore-list.json, protocols.{basename}.output)"
                    )
                cases.append((label, basename, suite, case, skip))
    return cases


def build(suite: dict[str, Any], case: dict[str, Any]) -> tuple[str, OperationModel, HttpResponse]:
    """Model, operation and response for one case, prepared as botocore's runner prepares them."""
    given = copy.deepcopy(case["given"])
    name = given.get("name", "OperationName")
    protocol = suite["metadata"]["protocol"]
    shapes = copy.deepcopy(suite["shapes"])
    output = given.get("output")
    if protocol == "query" and "error" not in case and output and shapes[output["shape"]].get("members"):
        output.setdefault("resultWrapper", f"{name}Result")
    model = ServiceModel({"metadata": suite["metadata"], "shapes": shapes, "operations": {name: given}})
    operation = model.operation_model(name)
    raw = case["response"]
    has_stream = False
    if output:
        for ref in shapes[output["shape"]].get("members", {}).values():
            if shapes[ref["shape"]].get("eventstream"):
                has_stream = True
    if "body" in raw:
        text = raw["body"]
        body = base64.b64decode(text) if protocol == "smithy-rpc-v2-cbor" or has_stream else text.encode()
    else:
        body = b"<xml/>" if protocol == "query" else b""
    headers = raw.get("headers", {})
    response = HttpResponse(
        status_code=raw["status_code"],
        headers={k.lower(): v for k, v in headers.items()},
        body=body,
        raw_headers=tuple(headers.items()),
    )
    return protocol, operation, response


def _bytes_to_str(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _bytes_to_str(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_bytes_to_str(v) for v in value]
    if isinstance(value, bytes):
        return value.decode("utf-8")
    return value


def fixup(parsed: dict[str, Any]) -> dict[str, Any]:
    parsed = dict(parsed)
    parsed.pop("ResponseMetadata", None)
    for key, value in list(parsed.items()):
        if isinstance(value, EventStream):
            parsed[key] = list(value)
    parsed = _bytes_to_str(parsed)
    if "Error" in parsed:
        parsed["Error"] = {k: v for k, v in parsed["Error"].items() if k in ("Code", "Message")}
    for key, value in list(parsed.items()):
        if isinstance(value, float):
            if math.isnan(value):
                parsed[key] = "NaN"
            elif math.isinf(value):
                parsed[key] = "Infinity" if value > 0 else "-Infinity"
    return parsed


def expected_of(case: dict[str, Any]) -> dict[str, Any]:
    if "error" in case:
        expected: dict[str, Any] = {
            "Error": {"Code": case.get("errorCode", ""), "Message": case.get("errorMessage", "")}
        }
        expected.update(case["error"])
        return expected
    result: dict[str, Any] = case["result"]
    return result
