"""Async paginators: ``async for page in client.get_paginator(op).paginate(...)``.

The same pure :class:`~awsession.paginate.PageWalker` and the same argument handling as the sync
paginators (this module subclasses them); only the loop awaits. ``build_full_result()`` is a
coroutine and ``search(expr)`` an async generator.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any, NoReturn

import jmespath

from .._client.paginator import PageIterator, Paginator, _merge_dicts, merge_page_into

__all__ = ["AioPageIterator", "AioPaginator"]


class AioPageIterator(PageIterator):
    def __iter__(self) -> Iterator[dict[str, Any]]:
        raise TypeError("an async paginator is iterated with 'async for'")

    def result_key_iters(self) -> NoReturn:
        raise NotImplementedError("result_key_iters() is not offered by async paginators; "
                                  "use 'async for page in ...' or search()")

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
