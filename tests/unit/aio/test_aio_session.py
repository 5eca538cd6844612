"""``awsession.aio.Session``: sync Session's arguments, async clients that are the sync ones' twins."""

from __future__ import annotations

import asyncio
import inspect
import pickle
import threading
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

import awsession
from awsession.aio import Session
from awsession.config.client_config import UNSIGNED, Config

ENDPOINT = "http://127.0.0.1:9"  # nothing is sent in these tests


def _params(func: Any) -> list[tuple[str, Any]]:
    return [(p.name, p.default) for p in inspect.signature(func).parameters.values()]


def test_same_arguments_as_the_sync_session() -> None:
    assert _params(Session.__init__) == _params(awsession.Session.__init__)
    assert _params(Session.client) == _params(awsession.Session.client)


def test_from_sync_shares_settings_and_pickles() -> None:
    sync = awsession.Session(aws_access_key_id="AKID", aws_secret_access_key="s",
                             region_name="eu-west-3")
    session = Session.from_sync(sync)
    assert session.sync_session is sync
    assert session.region_name == "eu-west-3"
    assert session.get_config_variable("region") == "eu-west-3"
    assert session.profile_name == "default"
    assert "s3" in session.get_available_services()
    assert repr(session) == "awsession.aio.Session(region_name='eu-west-3')"
    assert pickle.loads(pickle.dumps(session)).region_name == "eu-west-3"
    with pytest.raises(TypeError):
        Session.from_sync(object())  # type: ignore[arg-type]


def test_get_credentials_is_a_coroutine() -> None:
    session = Session(aws_access_key_id="AKID", aws_secret_access_key="secret",
                      region_name="us-east-1")
    credentials = asyncio.run(session.get_credentials())
    assert credentials is not None
    assert credentials.access_key == "AKID"


def test_client_is_an_async_context_manager_with_coroutine_operations() -> None:
    session = Session(aws_access_key_id="AKID", aws_secret_access_key="secret",
                      region_name="us-west-2")

    async def main() -> dict[str, Any]:
        async with session.client("s3", endpoint_url=ENDPOINT) as s3:
            sync = session.sync_session.client("s3", endpoint_url=ENDPOINT)
            coroutine = s3.list_buckets()
            assert inspect.iscoroutine(coroutine)
            coroutine.close()
            return {
                "name": type(s3).__name__, "sync_name": type(sync).__name__,
                "region": s3.meta.region_name, "endpoint": s3.meta.endpoint_url,
                "same_exceptions": s3.exceptions.NoSuchKey is sync.exceptions.NoSuchKey,
                "waiters": s3.waiter_names == sync.waiter_names,
                "can_paginate": s3.can_paginate("list_objects_v2"),
                "transport_before_call": s3._transport,
            }

    seen = asyncio.run(main())
    assert seen["name"] == seen["sync_name"] == "S3"
    assert seen["region"] == "us-west-2"
    assert seen["endpoint"] == ENDPOINT
    assert seen["same_exceptions"] and seen["waiters"] and seen["can_paginate"]
    assert seen["transport_before_call"] is None  # no connection pool until the first call


def test_transport_settings_come_from_config() -> None:
    session = Session(aws_access_key_id="AKID", aws_secret_access_key="secret",
                      region_name="us-east-1")
    config = Config(max_pool_connections=7, connect_timeout=3, read_timeout=4)

    async def main() -> Any:
        async with session.client("sqs", endpoint_url=ENDPOINT, config=config,
                                  verify=False) as sqs:
            return sqs._get_transport()

    transport = asyncio.run(main())
    assert type(transport).__name__ == "AsyncHttpTransport"
    assert transport._max_pool_connections == 7
    assert (transport._connect_timeout, transport._read_timeout) == (3, 4)
    assert transport._verify is False


def test_credentials_resolve_in_a_worker_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    threads: list[int] = []
    original = awsession.Session.get_credentials

    def recording(self: awsession.Session) -> Any:
        threads.append(threading.get_ident())
        return original(self)

    monkeypatch.setattr(awsession.Session, "get_credentials", recording)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDENV")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "env-secret")
    session = Session(region_name="us-east-1")

    async def main() -> Any:
        async with session.client("sts", endpoint_url=ENDPOINT) as sts:
            return sts._ctx.get_credentials()

    frozen = asyncio.run(main())
    assert frozen.access_key == "AKIDENV"
    assert threads and threading.get_ident() not in threads


def test_unsigned_and_explicit_clients_skip_the_chain(monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden(self: awsession.Session) -> Any:
        raise AssertionError("the chain must not be consulted")

    monkeypatch.setattr(awsession.Session, "get_credentials", forbidden)
    session = Session(region_name="us-east-1")

    async def main() -> tuple[Any, Any]:
        async with session.client("s3", endpoint_url=ENDPOINT,
                                  config=Config(signature_version=UNSIGNED)) as s3:
            unsigned = s3._ctx.get_credentials()
        async with session.client("s3", endpoint_url=ENDPOINT, aws_access_key_id="AKIDX",
                                  aws_secret_access_key="x") as s3:
            explicit = s3._ctx.get_credentials()
        return unsigned, explicit

    unsigned, explicit = asyncio.run(main())
    assert unsigned is None
    assert explicit.access_key == "AKIDX"


def test_presigning_matches_the_sync_client() -> None:
    session = Session(aws_access_key_id="AKID", aws_secret_access_key="secret",
                      region_name="us-east-1")
    sync = session.sync_session.client("s3", endpoint_url=ENDPOINT)

    async def main() -> str:
        async with session.client("s3", endpoint_url=ENDPOINT) as s3:
            return str(await s3.generate_presigned_url(
                "get_object", Params={"Bucket": "bucket-one", "Key": "k"}, ExpiresIn=60))

    url = asyncio.run(main())
    expected = sync.generate_presigned_url("get_object", Params={"Bucket": "bucket-one", "Key": "k"},
                                           ExpiresIn=60)
    got, want = urlsplit(url), urlsplit(expected)
    assert (got.netloc, got.path) == (want.netloc, want.path) == ("127.0.0.1:9", "/bucket-one/k")
    got_query, want_query = parse_qs(got.query), parse_qs(want.query)
    assert sorted(got_query) == sorted(want_query)
    assert got_query.get("AWSAccessKeyId", got_query.get("X-Amz-Credential")) == \
        want_query.get("AWSAccessKeyId", want_query.get("X-Amz-Credential"))


def test_async_clients_refuse_pickling() -> None:
    session = Session(aws_access_key_id="AKID", aws_secret_access_key="secret",
                      region_name="us-east-1")

    async def main() -> None:
        async with session.client("s3", endpoint_url=ENDPOINT) as s3:
            with pytest.raises(TypeError, match="event loop"):
                pickle.dumps(s3)

    asyncio.run(main())
