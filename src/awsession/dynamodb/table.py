"""``table.batch_writer()``: buffered ``BatchWriteItem`` with automatic resend of unprocessed items.

Rules (boto3's ``boto3.dynamodb.table``):

1. ``put_item(Item=...)`` and ``delete_item(Key=...)`` queue a request; every ``flush_amount``
   (25, the service's limit) requests one ``BatchWriteItem`` goes out. Items the service returns
   as ``UnprocessedItems`` go back on the queue.
2. Leaving the ``with`` block sends until the queue is empty.
3. With ``overwrite_by_pkeys=[...]`` a new request replaces any queued one with the same values
   for those keys (a batch may not hold two writes to one item).
"""

from __future__ import annotations

import logging
from typing import Any

__all__ = ["BatchWriter", "TableResource"]

logger = logging.getLogger(__name__)


class TableResource:
    """Mixed into ``dynamodb.Table``: adds :meth:`batch_writer`."""

    meta: Any
    name: Any

    def batch_writer(self, overwrite_by_pkeys: list[str] | None = None) -> BatchWriter:
        """A context manager that batches ``put_item``/``delete_item`` calls on this table."""
        return BatchWriter(self.name, self.meta.client, overwrite_by_pkeys=overwrite_by_pkeys)


class BatchWriter:
    """Buffers write requests for one table and sends them with ``BatchWriteItem``."""

    def __init__(self, table_name: str, client: Any, flush_amount: int = 25,
                 overwrite_by_pkeys: list[str] | None = None) -> None:
        self._table_name = table_name
        self._client = client
        self._items_buffer: list[dict[str, Any]] = []
        self._flush_amount = flush_amount
        self._overwrite_by_pkeys = overwrite_by_pkeys

    def put_item(self, Item: dict[str, Any]) -> None:
        self._add_request_and_process({"PutRequest": {"Item": Item}})

    def delete_item(self, Key: dict[str, Any]) -> None:
        self._add_request_and_process({"DeleteRequest": {"Key": Key}})

    def _add_request_and_process(self, request: dict[str, Any]) -> None:
        if self._overwrite_by_pkeys:
            self._remove_duplicate(request)
        self._items_buffer.append(request)
        if len(self._items_buffer) >= self._flush_amount:
            self._flush()

    def _key_values(self, request: dict[str, Any]) -> list[Any] | None:
        keys = self._overwrite_by_pkeys or []
        if request.get("PutRequest"):
            return [request["PutRequest"]["Item"][key] for key in keys]
        if request.get("DeleteRequest"):
            return [request["DeleteRequest"]["Key"][key] for key in keys]
        return None

    def _remove_duplicate(self, request: dict[str, Any]) -> None:
        new = self._key_values(request)
        for queued in list(self._items_buffer):
            if self._key_values(queued) == new:
                self._items_buffer.remove(queued)
                logger.debug("With overwrite_by_pkeys enabled, skipping an earlier request")

    def _flush(self) -> None:
        to_send = self._items_buffer[:self._flush_amount]
        self._items_buffer = self._items_buffer[self._flush_amount:]
        response = self._client.batch_write_item(RequestItems={self._table_name: to_send})
        unprocessed = response.get("UnprocessedItems") or {}
        self._items_buffer.extend(unprocessed.get(self._table_name, []))
        logger.debug("Batch write sent %s, unprocessed: %s", len(to_send), len(self._items_buffer))

    def __enter__(self) -> BatchWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        while self._items_buffer:
            self._flush()
