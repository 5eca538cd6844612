"""botocore's SigV4 suite (``sigv4/aws4_testsuite``): every case, the final Authorization value.

Inputs are the suite's fixed ones (conformance README §1). The ``.req`` is parsed here by hand,
so the four cases botocore skips run too: the raw space in ``normalize-path/get-space`` is kept in
the path, and repeated query keys stay repeated. The query is encoded the way our serializers
encode it (each decoded key and value percent-encoded with only ``A-Za-z0-9-_.~`` bare); repeated
header names become one header whose trimmed values are joined by ``,`` (a plain dict cannot repeat
a name). Canonical request and string to sign are compared too.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, unquote

import pytest

from awsession._core.http import HttpRequest
from awsession.signing.sigv4 import sign_request_detailed
from tests._conformance import CONFORMANCE_DIR, conformance_path

ACCESS_KEY = "AKIDEXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
TIMESTAMP = 1440938160.0  # 2015-08-30T12:36:00Z


def _cases() -> list[str]:
    root = CONFORMANCE_DIR / "sigv4" / "aws4_testsuite"
    if not root.is_dir():
        return ["<suite missing>"]
    return sorted(str(p.parent.relative_to(root)) for p in root.rglob("*.req"))


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8").replace("\r", "")


def _encode_query(raw: str) -> str:
    if not raw:
        return ""
    pairs = []
    for pair in raw.split("&"):
        key, _, value = pair.partition("=")
        pairs.append(f"{quote(unquote(key), safe='-_.~')}={quote(unquote(value), safe='-_.~')}")
    return "&".join(pairs)


def parse_req(text: str) -> HttpRequest:
    head, _, body = text.partition("\n\n")
    lines = head.split("\n")
    request_line = lines[0]
    method, _, rest = request_line.partition(" ")
    target = rest.rsplit(" HTTP/", 1)[0]
    headers: list[list[str]] = []
    for line in lines[1:]:
        if not line:
            continue
        if line[:1] in (" ", "\t"):
            headers[-1][1] += " " + line.strip()
        else:
            name, _, value = line.partition(":")
            headers.append([name, value])
    merged: dict[str, str] = {}
    for name, value in headers:
        match = next((k for k in merged if k.lower() == name.lower()), None)
        folded = " ".join(value.split())
        if match is None:
            merged[name] = folded
        else:
            merged[match] += "," + folded
    host = next(v for k, v in merged.items() if k.lower() == "host")
    path, _, query = target.partition("?")
    url = f"https://{host}{path}" + (f"?{_encode_query(query)}" if query else "")
    return HttpRequest(method, url, merged, body.encode("utf-8"))


@pytest.mark.parametrize("case", _cases())
def test_aws4_testsuite_case(case: str) -> None:
    folder = conformance_path("sigv4", "aws4_testsuite", case)
    name = Path(case).name
    expected_creq = _read(folder / f"{name}.creq")
    token = None
    for line in expected_creq.split("\n"):
        if line.startswith("x-amz-security-token:"):
            token = line.partition(":")[2]
    request = parse_req(_read(folder / f"{name}.req"))
    signed, parts = sign_request_detailed(
        request,
        access_key=ACCESS_KEY,
        secret_key=SECRET_KEY,
        token=token,
        region="us-east-1",
        service="service",
        timestamp=TIMESTAMP,
    )
    assert parts.canonical_request == expected_creq
    assert parts.string_to_sign == _read(folder / f"{name}.sts")
    assert signed.headers["Authorization"] == _read(folder / f"{name}.authz")
