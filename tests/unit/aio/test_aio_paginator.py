"""Async paginators' ``result_key_iters()``: the sync iterators' items, pages fetched once.

The canned services of tests/unit/paginate/test_tokens_vs_botocore.py answer an async fake
client; the sync :class:`PageIterator` over the same service is the reference.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from awsession._client.paginator import PageIterator
from awsession.aio.paginator import AioPageIterator, AioResultKeyIterator
from awsession.paginate import PaginatorSpec
from tests.unit.paginate.test_tokens_vs_botocore import (
    DOUBLE,
    ITEMS,
    SINGLE,
    FakeClient,
    double_service,
    single_service,
)


class AsyncFakeClient:
    def __init__(self, service: Any) -> None:
        self._service = service
        self.calls: list[dict[str, Any]] = []

    async def _make_api_call(self, operation_name: str, params: dict[str, Any]) -> dict[str, Any]:
        self.calls.append(dict(params))
        await asyncio.sleep(0)  # let the other readers run between pages
        page: dict[str, Any] = self._service(params)
        return page


def _iterators(config: dict[str, Any], service: Any, size: int | None,
               max_items: int | None = None) -> tuple[AioPageIterator, PageIterator, AsyncFakeClient]:
    client = AsyncFakeClient(service)
    spec = PaginatorSpec(config)
    ours = AioPageIterator(client, "Op", spec, {}, max_items, size, None)
    sync = PageIterator(FakeClient(service), "Op", spec, {}, max_items, size, None)
    return ours, sync, client


async def _drain(iterator: AioResultKeyIterator) -> list[Any]:
    return [item async for item in iterator]


@pytest.mark.parametrize(("config", "service"), [(SINGLE, single_service), (DOUBLE, double_service)])
def test_result_key_iters_match_the_sync_ones_and_fetch_each_page_once(
        config: dict[str, Any], service: Any) -> None:
    ours, sync, client = _iterators(config, service, 4)
    expected = [list(it) for it in sync.result_key_iters()[:1]]
    iterators = ours.result_key_iters()
    assert [it.result_key for it in iterators] == sync.result_keys
    first: list[Any] = asyncio.run(_drain(iterators[0]))
    assert [first] == expected and first == ITEMS
    assert len(client.calls) == 6  # 23 items, 4 a page


def test_result_key_iters_run_concurrently_on_shared_pages() -> None:
    ours, sync, client = _iterators(DOUBLE, double_service, 5)

    async def main() -> list[list[Any]]:
        return list(await asyncio.gather(*(_drain(it) for it in ours.result_key_iters())))

    items, prefixes = asyncio.run(main())
    sync_items, sync_prefixes = (list(it) for it in sync.result_key_iters())
    assert items == sync_items == ITEMS
    assert prefixes == sync_prefixes == [item[-1] for item in ITEMS]
    assert len(client.calls) == 5  # both readers, one fetch per page


def test_result_key_iters_respect_max_items() -> None:
    ours, sync, _ = _iterators(SINGLE, single_service, 5, max_items=7)
    first = asyncio.run(_drain(ours.result_key_iters()[0]))
    assert first == list(sync.result_key_iters()[0]) == ITEMS[:7]


def test_a_non_list_result_key_fails_as_the_sync_iterator_does() -> None:
    ours, _, _ = _iterators(SINGLE, single_service, 10)
    with pytest.raises(TypeError):  # Count is not a list (botocore fails the same way)
        asyncio.run(_drain(ours.result_key_iters()[1]))
