"""Pagination tokens and truncation arithmetic against botocore's own ``TokenEncoder``/``PageIterator``.

The service is canned: a pure function from request parameters to a page. Both SDKs walk it with
the same ``PaginationConfig``; every page, resume token and full result must be equal, including
chains of resumes (``StartingToken`` = the previous ``NextToken``) until the listing ends.
"""

from __future__ import annotations

import copy
import itertools
from typing import Any

import jmespath
import pytest
from botocore.paginate import PageIterator as BotoPageIterator
from botocore.paginate import TokenDecoder, TokenEncoder

from awsession._client.paginator import PageIterator
from awsession.exceptions import PaginationError
from awsession.paginate import PaginatorSpec, decode_token, encode_token

TOKENS: list[dict[str, Any]] = [
    {"NextToken": "abc", "boto_truncate_amount": 3},
    {"Marker": None, "KeyMarker": "k/é"},
    {"ExclusiveStartKey": {"pk": {"B": b"\x00\xffbin"}, "sk": {"S": "x"}}},
    {"Keys": [b"one", {"deep": [b"two", "three"]}], "n": 1},
    {"Token": b"\x80\x81"},
]


@pytest.mark.parametrize("token", TOKENS)
def test_encode_is_byte_identical_to_botocore(token: dict[str, Any]) -> None:
    assert encode_token(token) == TokenEncoder().encode(copy.deepcopy(token))


@pytest.mark.parametrize("token", TOKENS)
def test_decode_reads_botocore_tokens_and_round_trips(token: dict[str, Any]) -> None:
    text = TokenEncoder().encode(copy.deepcopy(token))
    assert decode_token(text) == token == TokenDecoder().decode(text)
    assert decode_token(encode_token(token)) == token


@pytest.mark.parametrize("bad", ["not base64!", "MTIz", "bnVsbA=="])  # "123", "null"
def test_decode_rejects_non_tokens_with_value_or_type_error(bad: str) -> None:
    with pytest.raises((ValueError, TypeError)):
        decode_token(bad)


# -- a canned service ---------------------------------------------------------------------------

ITEMS = [f"item-{i:03d}" for i in range(23)]
SINGLE = {"input_token": "NextToken", "output_token": "NextToken", "limit_key": "MaxResults",
          "result_key": ["Items", "Count"], "non_aggregate_keys": ["Meta.Owner"]}
DOUBLE = {"input_token": ["KeyMarker", "VersionMarker"],
          "output_token": ["NextKeyMarker", "NextVersionMarker || `null`"],
          "more_results": "IsTruncated", "limit_key": "MaxKeys",
          "result_key": ["Page.Items", "Prefixes"]}


def single_service(params: dict[str, Any]) -> dict[str, Any]:
    start = int(params.get("NextToken", 0))
    size = int(params.get("MaxResults", 5))
    chunk = ITEMS[start:start + size]
    page: dict[str, Any] = {"Items": chunk, "Count": len(chunk), "Meta": {"Owner": "me"}}
    if start + size < len(ITEMS):
        page["NextToken"] = str(start + size)
    return page


def double_service(params: dict[str, Any]) -> dict[str, Any]:
    start = int(params.get("KeyMarker", 0)) + int(params.get("VersionMarker", 0))
    size = int(params.get("MaxKeys", 4))
    chunk = ITEMS[start:start + size]
    more = start + size < len(ITEMS)
    page: dict[str, Any] = {"Page": {"Items": chunk}, "Prefixes": [c[-1] for c in chunk],
                            "IsTruncated": more}
    if more:
        page["NextKeyMarker"] = str(start + size - 1)
        page["NextVersionMarker"] = "1"
    return page


class FakeClient:
    def __init__(self, service: Any) -> None:
        self.service = service
        self.calls: list[dict[str, Any]] = []

    def _make_api_call(self, operation_name: str, params: dict[str, Any]) -> dict[str, Any]:
        self.calls.append(dict(params))
        return copy.deepcopy(self.service(params))


def _ours(config: dict[str, Any], service: Any, paging: dict[str, Any]) -> tuple[Any, FakeClient]:
    client = FakeClient(service)
    spec = PaginatorSpec(config)
    size = paging.get("PageSize")
    return PageIterator(client, "Op", spec, {"Extra": "x"}, paging.get("MaxItems"), size,
                        paging.get("StartingToken")), client


def _botos(config: dict[str, Any], service: Any, paging: dict[str, Any]) -> tuple[Any, FakeClient]:
    client = FakeClient(service)

    def as_list(value: Any) -> list[str]:
        return value if isinstance(value, list) else [value]

    iterator = BotoPageIterator(
        lambda **kw: client._make_api_call("Op", kw),
        as_list(config["input_token"]),
        [jmespath.compile(e) for e in as_list(config["output_token"])],
        jmespath.compile(config["more_results"]) if "more_results" in config else None,
        [jmespath.compile(e) for e in as_list(config["result_key"])],
        [jmespath.compile(e) for e in config.get("non_aggregate_keys", [])],
        config["limit_key"], paging.get("MaxItems"), paging.get("StartingToken"),
        paging.get("PageSize"), {"Extra": "x"})
    return iterator, client


PAGINGS = [dict(p) for p in (
    {}, {"PageSize": 7}, {"MaxItems": 5}, {"MaxItems": 6, "PageSize": 4}, {"MaxItems": 10},
    {"MaxItems": 1, "PageSize": 3}, {"MaxItems": 23}, {"MaxItems": 100, "PageSize": 8},
    {"MaxItems": 0},
)]


@pytest.mark.parametrize(("config", "service"), [(SINGLE, single_service),
                                                 (DOUBLE, double_service)], ids=["one", "two"])
@pytest.mark.parametrize("paging", PAGINGS, ids=[repr(p) for p in PAGINGS])
def test_pages_tokens_and_resumes_match_botocore(config: dict[str, Any], service: Any,
                                                 paging: dict[str, Any]) -> None:
    ours_token = boto_token = None
    for _ in range(40):  # resume until done (MaxItems 0 never advances: stop after a few)
        ours, our_client = _ours(config, service, {**paging, "StartingToken": ours_token})
        botos, boto_client = _botos(config, service, {**paging, "StartingToken": boto_token})
        assert list(ours) == list(botos)
        assert our_client.calls == boto_client.calls
        assert ours.resume_token == botos.resume_token
        ours_token, boto_token = ours.resume_token, botos.resume_token
        if ours_token is None or paging.get("MaxItems") == 0:
            break


@pytest.mark.parametrize("paging", PAGINGS[:6], ids=[repr(p) for p in PAGINGS[:6]])
def test_build_full_result_matches_botocore(paging: dict[str, Any]) -> None:
    for config, service in ((SINGLE, single_service), (DOUBLE, double_service)):
        ours = _ours(config, service, paging)[0].build_full_result()
        assert ours == _botos(config, service, paging)[0].build_full_result()
        if "MaxItems" in paging:
            assert "NextToken" in ours


def test_resume_arithmetic_counts_the_left_truncation() -> None:
    # Page of 5, resume at 2 of it, take 2 -> next resume is 4 into the same page.
    first, _ = _ours(SINGLE, single_service, {"MaxItems": 2})
    assert [p["Items"] for p in first] == [ITEMS[0:2]]
    assert decode_token(first.resume_token or "") == {"NextToken": None, "boto_truncate_amount": 2}
    second, client = _ours(SINGLE, single_service, {"MaxItems": 2,
                                                    "StartingToken": first.resume_token})
    pages = list(second)
    assert [p["Items"] for p in pages] == [ITEMS[2:4]]
    assert [p["Count"] for p in pages] == [5]  # numeric secondary keys keep the server's count
    assert decode_token(second.resume_token or "") == {"NextToken": None, "boto_truncate_amount": 4}
    assert client.calls == [{"Extra": "x"}]


def test_old_style_tokens_are_still_read() -> None:
    ours, client = _ours(DOUBLE, double_service, {"StartingToken": "3___1___2"})
    botos, boto_client = _botos(DOUBLE, double_service, {"StartingToken": "3___1___2"})
    assert list(ours) == list(botos)
    assert client.calls[0] == boto_client.calls[0] == {"Extra": "x", "KeyMarker": "3",
                                                       "VersionMarker": "1"}


def test_same_token_twice_is_a_pagination_error() -> None:
    stuck, _ = _ours(SINGLE, lambda params: {"Items": [1], "NextToken": "same"}, {})
    with pytest.raises(PaginationError, match="The same next token was received twice"):
        list(itertools.islice(stuck, 10))


def test_resume_token_setter_validates_like_botocore() -> None:
    ours, _ = _ours(SINGLE, single_service, {})
    ours.resume_token = {"NextToken": "5", "boto_truncate_amount": 1}
    assert ours.resume_token == TokenEncoder().encode({"NextToken": "5", "boto_truncate_amount": 1})
    with pytest.raises(ValueError, match="Bad starting token"):
        ours.resume_token = {"Wrong": "5"}


def test_search_and_result_key_iters() -> None:
    ours, _ = _ours(SINGLE, single_service, {"PageSize": 10})
    assert list(ours.search("Items[0]")) == ["item-000", "item-010", "item-020"]
    items, counts = _ours(SINGLE, single_service, {"PageSize": 10})[0].result_key_iters()
    assert list(items) == ITEMS
    with pytest.raises(TypeError):  # Count is not a list: botocore's iterator fails the same way
        list(counts)
