"""Per-call metrics: each canned operation through an SDK client, through raw urllib3 (the floor),
and head_object from 8 threads sharing one client.

Rules: every SDK measurement takes the SDK module and goes through ``sdk.make_client``; an operation
is data (``Operation``) whose ``invoke`` is an explicit lambda, so both SDKs run the very same calls.
Responses are consumed the way a user would (``get_object`` reads its body). Overhead is computed by
the report (call time minus the raw floor), not here.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import urllib3

from .canned import BUCKET, GET_ITEM_KEY, KEY, TABLE
from .sdk import make_client
from .timing import time_each

__all__ = ["OPERATIONS", "Operation", "call_samples", "raw_samples", "scaled", "threaded_calls_per_second"]

_FORM = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}


@dataclass(frozen=True)
class Operation:
    """One canned operation: how an SDK client calls it and the equivalent raw HTTP request."""

    name: str
    service: str
    invoke: Callable[[Any], object]
    raw_method: str
    raw_path: str
    raw_headers: dict[str, str]
    raw_body: bytes | None
    count: int
    """Timed calls per round in a full run (``--quick`` divides it by 10)."""


def _get_object(client: Any) -> object:
    return client.get_object(Bucket=BUCKET, Key=KEY)["Body"].read()


_GET_ITEM_BODY = json.dumps({"TableName": TABLE, "Key": GET_ITEM_KEY}).encode()

OPERATIONS: tuple[Operation, ...] = (
    Operation("head_object", "s3", lambda c: c.head_object(Bucket=BUCKET, Key=KEY),
              "HEAD", f"/{BUCKET}/{KEY}", {}, None, 200),
    Operation("get_object", "s3", _get_object, "GET", f"/{BUCKET}/{KEY}", {}, None, 200),
    Operation("get_caller_identity", "sts", lambda c: c.get_caller_identity(),
              "POST", "/", _FORM, b"Action=GetCallerIdentity&Version=2011-06-15", 200),
    Operation("get_item", "dynamodb", lambda c: c.get_item(TableName=TABLE, Key=GET_ITEM_KEY),
              "POST", "/", {"Content-Type": "application/x-amz-json-1.0",
                            "X-Amz-Target": "DynamoDB_20120810.GetItem"}, _GET_ITEM_BODY, 200),
    Operation("list_buckets", "s3", lambda c: c.list_buckets(), "GET", "/", {}, None, 100),
    Operation("describe_instances", "ec2", lambda c: c.describe_instances(),
              "POST", "/", _FORM, b"Action=DescribeInstances&Version=2016-11-15", 20),
    Operation("list_objects_v2", "s3", lambda c: c.list_objects_v2(Bucket=BUCKET),
              "GET", f"/{BUCKET}?list-type=2&encoding-type=url", {}, None, 8),
)


def scaled(count: int, quick: bool) -> int:
    return max(3, count // 10) if quick else count


def call_samples(sdk: ModuleType, op: Operation, endpoint_url: str, quick: bool,
                 clients: dict[str, Any]) -> list[float]:
    """Seconds per ``op`` call through the SDK (clients are reused per service via ``clients``)."""
    client = clients.get(op.service)
    if client is None:
        client = clients[op.service] = make_client(sdk, op.service, endpoint_url)
    return time_each(lambda: op.invoke(client), scaled(op.count, quick))


def raw_samples(op: Operation, pool: urllib3.HTTPConnectionPool, quick: bool) -> list[float]:
    """Seconds per equivalent raw urllib3 request, body read: the server's physical floor."""
    def call() -> object:
        response = pool.request(op.raw_method, op.raw_path, body=op.raw_body, headers=op.raw_headers,
                                retries=False, preload_content=True)
        return response.data

    return time_each(call, scaled(op.count, quick))


def threaded_calls_per_second(sdk: ModuleType, endpoint_url: str, threads: int,
                              calls_per_thread: int) -> float:
    """head_object calls per second with ``threads`` threads sharing one client."""
    client = make_client(sdk, "s3", endpoint_url)
    head = OPERATIONS[0].invoke
    for _ in range(threads):  # open the pool's connections before timing
        head(client)
    barrier = threading.Barrier(threads + 1)
    errors: list[BaseException] = []

    def worker() -> None:
        barrier.wait()
        try:
            for _ in range(calls_per_thread):
                head(client)
        except BaseException as exc:
            errors.append(exc)

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    barrier.wait()
    start = time.perf_counter()
    for thread in pool:
        thread.join()
    elapsed = time.perf_counter() - start
    if errors:
        raise errors[0]
    return threads * calls_per_thread / elapsed
