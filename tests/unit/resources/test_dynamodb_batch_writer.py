"""``batch_writer()`` sends what boto3's sends: same batches, resends and de-duplication."""

from __future__ import annotations

from typing import Any

import pytest
from boto3.dynamodb.table import BatchWriter as Boto3BatchWriter

from awsession.dynamodb.table import BatchWriter


class FakeClient:
    """Records batches; the first response hands back ``unprocessed`` items once."""

    def __init__(self, unprocessed: int = 0) -> None:
        self.batches: list[list[dict[str, Any]]] = []
        self._unprocessed = unprocessed

    def batch_write_item(self, RequestItems: dict[str, Any]) -> dict[str, Any]:
        batch = list(RequestItems["t"])
        self.batches.append(batch)
        if self._unprocessed:
            back, self._unprocessed = batch[:self._unprocessed], 0
            return {"UnprocessedItems": {"t": back}}
        return {"UnprocessedItems": {}}


@pytest.mark.parametrize(("count", "unprocessed", "pkeys"), [
    (0, 0, None), (24, 0, None), (25, 0, None), (60, 0, None), (30, 3, None),
    (10, 0, ["pk"]), (40, 2, ["pk", "sk"]),
])
def test_batches_match_boto3(count: int, unprocessed: int, pkeys: list[str] | None) -> None:
    sent = []
    for cls in (BatchWriter, Boto3BatchWriter):
        client = FakeClient(unprocessed)
        with cls("t", client, overwrite_by_pkeys=pkeys) as writer:
            for i in range(count):
                writer.put_item(Item={"pk": i % 7 if pkeys else i, "sk": i % 3, "v": i})
                if i % 5 == 0:
                    writer.delete_item(Key={"pk": i % 7 if pkeys else -i, "sk": i % 3})
        sent.append(client.batches)
    assert sent[0] == sent[1]
    assert all(len(batch) <= 25 for batch in sent[0])
