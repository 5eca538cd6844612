"""The INI parser: table-driven cases plus a differential check against botocore's
``configloader.raw_config_parse`` on generated files."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import botocore.configloader
import botocore.exceptions
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awsession.config.inifile import parse_ini
from awsession.exceptions import ConfigParseError

CASES: list[tuple[str, str, dict[str, Any]]] = [
    ("empty", "", {}),
    ("comments only", "# a\n; b\n   # c\n", {}),
    ("inline comment kept", "[a]\nk = v # not a comment\n", {"a": {"k": "v # not a comment"}}),
    ("colon delimiter", "[a]\nk : v\n", {"a": {"k": "v"}}),
    ("first delimiter splits", "[a]\nk = x:y=z\n", {"a": {"k": "x:y=z"}}),
    ("keys lower-cased", "[a]\nRegion = us-EAST-1\n", {"a": {"region": "us-EAST-1"}}),
    ("section case kept", "[Profile Dev]\n", {"Profile Dev": {}}),
    ("text after ] ignored", "[a] trailing\nk=v\n", {"a": {"k": "v"}}),
    ("crlf and cr", "[a]\r\nk=v\rj=w\r\n", {"a": {"k": "v", "j": "w"}}),
    ("empty value", "[a]\nk =\n", {"a": {"k": ""}}),
    ("continuation", "[a]\nk = one\n  two\n\n  three\n", {"a": {"k": "one\ntwo\n\nthree"}}),
    ("comment inside continuation", "[a]\nk = one\n  # c\n  two\n", {"a": {"k": "one\ntwo"}}),
    ("nested", "[a]\ns3 =\n  Addressing_Style = path\n  x=1\nregion = r\n",
     {"a": {"s3": {"Addressing_Style": "path", "x": "1"}, "region": "r"}}),
    ("nested duplicate key: last wins", "[a]\ns3 =\n  x = 1\n  x = 2\n", {"a": {"s3": {"x": "2"}}}),
    ("nested after blank line", "[a]\ns3 =\n\n  x = 1\n", {"a": {"s3": {"x": "1"}}}),
    ("DEFAULT inherited", "[DEFAULT]\nk = d\nj = d\n[a]\nk = own\n",
     {"a": {"k": "own", "j": "d"}}),
    ("indented section header", "  [a]\n  k = v\n", {"a": {"k": "v"}}),
    ("unicode value", "[a]\nk = \u00e9\U0001f602\n", {"a": {"k": "\u00e9\U0001f602"}}),
]

ERRORS: list[tuple[str, str, str]] = [
    ("key before section", "k = v\n[a]\n", "line 1: a key/value pair before any section"),
    ("no delimiter", "[a]\nk = v\nnonsense\n", "line 3: expected 'key = value'"),
    ("empty key", "[a]\n= v\n", "line 2: a value with no key"),
    ("duplicate section", "[a]\n[b]\n[a]\n", "line 3: section [a] appears more than once"),
    ("duplicate key", "[a]\nk=1\nK=2\n", "line 3: key 'k' appears more than once in [a]"),
    ("nested without =", "[a]\ns3 =\n  x = 1\n  bad\n", "line 4: expected 'name = value'"),
    ("byte-order mark", "\ufeff[a]\n", "byte-order mark"),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=n) for n, t, e in CASES])
def test_parse(text: str, expected: dict[str, Any]) -> None:
    assert parse_ini(text, "/f") == expected


@pytest.mark.parametrize(("text", "why"), [pytest.param(t, w, id=n) for n, t, w in ERRORS])
def test_parse_errors(text: str, why: str) -> None:
    with pytest.raises(ConfigParseError) as info:
        parse_ini(text, "/home/u/.aws/config")
    assert str(info.value).startswith("Unable to parse config file: /home/u/.aws/config, line ")
    assert why in str(info.value)
    assert info.value.kwargs["path"].startswith("/home/u/.aws/config, line ")


def test_error_message_never_contains_the_line() -> None:
    secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    with pytest.raises(ConfigParseError) as info:
        parse_ini(f"[default]\naws_secret_access_key {secret}\n", "/c")
    assert secret not in str(info.value)


def test_invalid_utf8_names_the_line() -> None:
    with pytest.raises(ConfigParseError, match=r"/c, line 2: the file is not valid UTF-8"):
        parse_ini(b"[a]\nk = \xff\n", "/c")


def test_bytes_and_text_agree() -> None:
    text = "[a]\nk = v\ns3 =\n  x = 1\n"
    assert parse_ini(text.encode(), "/c") == parse_ini(text, "/c")


# -- differential: the same bytes through botocore's parser ----------------------------------------

_PIECES = ["[a]", "[b]", "[DEFAULT]", "[profile x]", "[a", "k = v", "K = w", "j : 1", "s3 =",
           "= x", "junk", "# c", "; c", "", "x = 1 # y", "[ a ]", "[a] z"]
_INDENTS = ["", " ", "  ", "\t"]
_counter = itertools.count()


def _botocore(path: Path) -> Any:
    try:
        return botocore.configloader.raw_config_parse(str(path))
    except botocore.exceptions.ConfigParseError:
        return "error"


def _ours(data: bytes) -> Any:
    try:
        return parse_ini(data, "/f")
    except ConfigParseError:
        return "error"


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(_INDENTS), st.sampled_from(_PIECES)), max_size=9),
       st.sampled_from(["\n", "\r\n", "\r"]))
def test_matches_botocore_on_generated_files(tmp_path: Path, lines: list[tuple[str, str]],
                                             newline: str) -> None:
    data = newline.join(indent + piece for indent, piece in lines).encode()
    path = tmp_path / f"config-{next(_counter)}"
    path.write_bytes(data)
    assert _ours(data) == _botocore(path)


@pytest.mark.parametrize("name", ["aws_config", "aws_config_nested", "aws_bad_profile",
                                  "aws_config_bad", "aws_config_nested_bad", "aws_config_badbytes",
                                  "aws_services_config", "boto_config_empty"])
def test_matches_botocore_on_fixtures(name: str) -> None:
    from tests._conformance import conformance_path

    path = conformance_path("config-fixtures", "botocore-cfg", name)
    assert _ours(path.read_bytes()) == _botocore(path)
