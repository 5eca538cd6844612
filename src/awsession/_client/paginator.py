"""Sync paginators: the I/O loop around :class:`awsession.paginate.PageWalker`.

``client.get_paginator("list_objects_v2").paginate(Bucket=..., PaginationConfig={...})`` returns a
:class:`PageIterator`; iterating it makes one call per page. ``build_full_result()`` merges the pages
and adds ``NextToken`` when ``MaxItems`` cut the listing short; ``search(expr)`` yields JMESPath
matches across pages.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterator, Mapping
from typing import Any

import jmespath

from ..exceptions import PaginationError
from ..paginate import PageWalker, PaginatorSpec, encode_token, set_jmespath_value

__all__ = ["PageIterator", "Paginator", "ResultKeyIterator", "merge_page_into", "paginator_spec"]

_specs_lock = threading.Lock()
_specs: dict[int, tuple[Mapping[str, Any], PaginatorSpec]] = {}


def paginator_spec(config: Mapping[str, Any]) -> PaginatorSpec:
    """The compiled spec of one ``paginators-1.json`` entry, made once per (cached) entry."""
    entry = _specs.get(id(config))
    if entry is not None and entry[0] is config:
        return entry[1]
    spec = PaginatorSpec(config)
    with _specs_lock:
        _specs[id(config)] = (config, spec)  # holds config so its id stays unique
    return spec


class PageIterator:
    def __init__(self, client: Any, operation_name: str, spec: PaginatorSpec,
                 params: dict[str, Any], max_items: int | None, page_size: Any,
                 starting_token: str | None) -> None:
        self._client = client
        self._operation_name = operation_name
        self._spec = spec
        self._params = params
        self._max_items = max_items
        self._page_size = page_size
        self._starting_token = starting_token
        self._walker: PageWalker | None = None
        self._resume_override: str | None = None

    def _new_walker(self) -> PageWalker:
        self._walker = PageWalker(self._spec, self._params, max_items=self._max_items,
                                  page_size=self._page_size, starting_token=self._starting_token)
        return self._walker

    @property
    def result_keys(self) -> list[Any]:
        return list(self._spec.result_keys)

    @property
    def resume_token(self) -> str | None:
        """Token to pass as ``StartingToken`` to carry on where ``MaxItems`` stopped."""
        if self._resume_override is not None:
            return self._resume_override
        return self._walker.resume_token if self._walker is not None else None

    @resume_token.setter
    def resume_token(self, value: Any) -> None:
        if not isinstance(value, dict):
            raise ValueError(f"Bad starting token: {value}")
        expected = list(self._spec.input_token)
        if "boto_truncate_amount" in value:
            expected.append("boto_truncate_amount")
        if sorted(expected) != sorted(value):
            raise ValueError(f"Bad starting token: {value}")
        self._resume_override = encode_token(value)

    @property
    def non_aggregate_part(self) -> dict[str, Any]:
        return self._walker.non_aggregate_part if self._walker is not None else {}

    def __iter__(self) -> Iterator[dict[str, Any]]:
        walker = self._new_walker()
        self._resume_override = None
        call = self._client._make_api_call
        while True:
            page = walker.accept(call(self._operation_name, walker.next_params()))
            yield page
            if walker.done:
                return

    def build_full_result(self) -> dict[str, Any]:
        complete: dict[str, Any] = {}
        for page in self:
            merge_page_into(complete, page, self._spec)
        _merge_dicts(complete, self.non_aggregate_part)
        if self.resume_token is not None:
            complete["NextToken"] = self.resume_token
        return complete

    def result_key_iters(self) -> list[ResultKeyIterator]:
        """One iterator per result key, over the items of every page (pages fetched once)."""
        keys = self._spec.result_keys
        return [ResultKeyIterator(pages, key)
                for pages, key in zip(itertools.tee(self, len(keys)), keys, strict=True)]

    def search(self, expression: str) -> Iterator[Any]:
        compiled = jmespath.compile(expression)
        for page in self:
            results = compiled.search(page)
            if isinstance(results, list):
                yield from results
            else:
                yield results


def merge_page_into(complete: dict[str, Any], page: dict[str, Any], spec: PaginatorSpec) -> None:
    for expr in spec.result_keys:
        value = expr.search(page)
        if value is None:
            continue
        existing = expr.search(complete)
        if existing is None:
            set_jmespath_value(complete, expr.expression, value)
        elif isinstance(value, list):
            existing.extend(value)
        elif isinstance(value, (int, float, str)):
            set_jmespath_value(complete, expr.expression, existing + value)


def _merge_dicts(target: dict[str, Any], extra: Mapping[str, Any]) -> None:
    """Deep-merge ``extra`` into ``target``: dicts present in both merge, anything else replaces."""
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge_dicts(target[key], value)
        else:
            target[key] = value


class ResultKeyIterator:
    """The items of one result key across pages (``PageIterator.result_key_iters()``)."""

    def __init__(self, pages_iterator: Iterator[dict[str, Any]], result_key: Any) -> None:
        self._pages_iterator = pages_iterator
        self.result_key = result_key

    def __iter__(self) -> Iterator[Any]:
        for page in self._pages_iterator:
            yield from self.result_key.search(page) or []


class Paginator:
    PAGE_ITERATOR_CLS = PageIterator

    def __init__(self, client: Any, operation_name: str, config: dict[str, Any]) -> None:
        self._client = client
        self._operation_name = operation_name
        self._config = config
        self._spec = paginator_spec(config)

    @property
    def result_keys(self) -> list[Any]:
        return list(self._spec.result_keys)

    def paginate(self, **kwargs: Any) -> PageIterator:
        paging = kwargs.pop("PaginationConfig", None) or {}
        max_items = paging.get("MaxItems")
        if max_items is not None:
            max_items = int(max_items)
        page_size = paging.get("PageSize")
        if page_size is not None:
            limit_key = self._spec.limit_key
            if limit_key is None:
                raise PaginationError(message="PageSize parameter is not supported for the "
                                              "pagination interface for this operation.")
            service = self._client.meta.service_model
            op = service.operation_model(self._operation_name)
            member = (op.input_shape or {}).get("members", {}).get(limit_key, {})
            kind = service.shapes.get(member.get("shape", ""), {}).get("type")
            page_size = str(page_size) if kind == "string" else int(page_size)
        return self.PAGE_ITERATOR_CLS(self._client, self._operation_name, self._spec, kwargs,
                                      max_items, page_size, paging.get("StartingToken"))
