"""The async client keeps no cookies: a server's Set-Cookie never comes back unsigned."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from awsession.aio import Session
from awsession.config.client_config import Config
from tests.functional._faults import FaultServer, Reply

KEYS = {"aws_access_key_id": "AKIDEXAMPLE", "aws_secret_access_key": "secret",
        "region_name": "us-east-1"}


@pytest.fixture
def server() -> Iterator[FaultServer]:
    srv = FaultServer()
    yield srv
    srv.close()


def test_set_cookie_is_not_sent_back(server: FaultServer) -> None:
    server.set_script(Reply(status=200, headers={"Set-Cookie": "session=abc; Path=/"}))

    async def two_calls() -> None:
        config = Config(retries={"total_max_attempts": 1}, s3={"addressing_style": "path"})
        async with Session(**KEYS).client("s3", endpoint_url=server.url.replace("127.0.0.1", "localhost"),
                                           config=config) as s3:
            await s3.head_bucket(Bucket="one")
            await s3.head_bucket(Bucket="two")

    asyncio.run(two_calls())
    assert len(server.received) == 2
    assert all("cookie" not in r.headers for r in server.received)
