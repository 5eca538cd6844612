"""Async paginators: ``async for page in client.get_paginator(op).paginate(...)``.

The same pure :class:`~awsession.paginate.PageWalker` and the same argument handling as the sync
paginators (this module subclasses them); only the loop awaits. ``build_full_result()`` is a
coroutine, ``search(expr)`` an async generator, and ``result_key_iters()`` gives one async
iterable per result key over pages fetched once (an async ``tee``: each page is kept until every
key's iterator has passed it).
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import AsyncIterator, Iterator
from typing import Any

import jmespath

from .._client.paginator import PageIterator, Paginator, _merge_dicts, merge_page_into

__all__ = ["AioPageIterator", "AioPaginator", "AioResultKeyIterator"]


class AioPageIterator(PageIterator):
    def __iter__(self) -> Iterator[dict[str, Any]]:
        raise TypeError("an async paginator is iterated with 'async for'")

    def result_key_iters(self) -> list[AioResultKeyIterator]:  # type: ignore[override]
        """One async iterable per result key, over the items of every page (pages fetched once)."""
        keys = self._spec.result_keys
        shared = _SharedPages(self.__aiter__(), len(keys))
        return [AioResultKeyIterator(shared.reader(i), key) for i, key in enumerate(keys)]

    async def __aiter__(self) -> AsyncIterator[dict[str, Any]]:
        walker = self._new_walker()
        self._resume_override = None
        call = self._client._make_api_call
        while True:
            page = walker.accept(await call(self._operation_name, walker.next_params()))
            yield page
            if walker.done:
                return

    async def build_full_result(self) -> dict[str, Any]:  # type: ignore[override]
        complete: dict[str, Any] = {}
        async for page in self:
            merge_page_into(complete, page, self._spec)
        _merge_dicts(complete, self.non_aggregate_part)
        if self.resume_token is not None:
            complete["NextToken"] = self.resume_token
        return complete

    async def search(self, expression: str) -> AsyncIterator[Any]:  # type: ignore[override]
        compiled = jmespath.compile(expression)
        async for page in self:
            results = compiled.search(page)
            if isinstance(results, list):
                for result in results:
                    yield result
            else:
                yield results


class AioPaginator(Paginator):
    PAGE_ITERATOR_CLS = AioPageIterator

    def paginate(self, **kwargs: Any) -> AioPageIterator:
        iterator = super().paginate(**kwargs)
        assert isinstance(iterator, AioPageIterator)
        return iterator


class _SharedPages:
    """An async ``tee``: ``count`` readers over one page source, each page fetched once."""

    def __init__(self, source: AsyncIterator[dict[str, Any]], count: int) -> None:
        self._source = source
        self._queues: list[deque[dict[str, Any]]] = [deque() for _ in range(count)]
        self._lock = asyncio.Lock()
        self._done = False

    async def reader(self, index: int) -> AsyncIterator[dict[str, Any]]:
        queue = self._queues[index]
        while True:
            if not queue:
                async with self._lock:  # one fetch at a time; a waiter may find its page queued
                    if not queue and not self._done:
                        try:
                            page = await self._source.__anext__()
                        except StopAsyncIteration:
                            self._done = True
                        else:
                            for other in self._queues:
                                other.append(page)
            if not queue:
                return
            yield queue.popleft()


class AioResultKeyIterator:
    """The items of one result key across pages (``AioPageIterator.result_key_iters()``)."""

    def __init__(self, pages: AsyncIterator[dict[str, Any]], result_key: Any) -> None:
        self._pages = pages
        self.result_key = result_key

    async def __aiter__(self) -> AsyncIterator[Any]:
        async for page in self._pages:
            for item in self.result_key.search(page) or []:
                yield item
