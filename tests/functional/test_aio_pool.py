"""500 concurrent ``head_object`` calls through one async client stay within the connection pool.

A local server counts the TCP connections it accepts and the most it ever holds open at once; the
client's pool (``Config(max_pool_connections=...)``) must bound both, and every call must succeed.
"""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator

import pytest

from awsession.aio import Session
from awsession.config.client_config import Config
from tests.functional._faults import FaultServer, Reply

pytestmark = pytest.mark.functional

HEAD_REPLY = Reply(200, headers={"ETag": '"d41d8cd98f00b204e9800998ecf8427e"',
                                 "Last-Modified": "Wed, 21 Oct 2015 07:28:00 GMT"}, delay=0.002)


class CountingServer(FaultServer):
    """The fault server, counting accepted connections and the most open at once."""

    def __init__(self) -> None:
        self.accepted = 0
        self.open_now = 0
        self.most_open = 0
        self._count_lock = threading.Lock()
        super().__init__()

    def _serve(self, conn: socket.socket) -> None:
        with self._count_lock:
            self.accepted += 1
            self.open_now += 1
            self.most_open = max(self.most_open, self.open_now)
        try:
            super()._serve(conn)
        finally:
            with self._count_lock:
                self.open_now -= 1


@pytest.fixture
def server() -> Iterator[CountingServer]:
    counting = CountingServer()
    counting.set_script(HEAD_REPLY)
    try:
        yield counting
    finally:
        counting.close()


@pytest.mark.parametrize("pool", [10, 25])
def test_500_concurrent_head_object_within_the_pool(server: CountingServer, pool: int) -> None:
    session = Session(aws_access_key_id="AKIDPOOL", aws_secret_access_key="pool-secret",
                      region_name="us-east-1")

    async def main() -> list[int]:
        async with session.client("s3", endpoint_url=server.url,
                                  config=Config(max_pool_connections=pool)) as s3:
            results = await asyncio.gather(*(s3.head_object(Bucket="bucket-one", Key=f"k{i}")
                                             for i in range(500)))
            return [r["ResponseMetadata"]["HTTPStatusCode"] for r in results]

    statuses = asyncio.run(main())
    assert statuses == [200] * 500
    assert len(server.received) == 500
    assert sorted(r.target for r in server.received) == sorted(f"/bucket-one/k{i}" for i in range(500))
    assert server.most_open <= pool
    assert 1 <= server.accepted <= pool  # connections were reused, never more than the pool
