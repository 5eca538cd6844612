"""Make boto3 and awsession clients that presign at the same frozen instant with the same keys.

boto3's time is frozen the way reference section 11 explains: SigV4 (and the POST policy) read
``get_current_datetime`` through the names ``botocore.auth`` and ``botocore.signers`` imported,
and SigV2 query presigning reads ``time.time()`` in ``botocore.auth``. awsession's clock is the
client's ``ctx.env.clock``, replaced here by a :class:`FixedClock`.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar
from unittest import mock

import boto3
from botocore.config import Config as BotoConfig

import awsession
from awsession._core.env import FixedClock
from awsession.config.client_config import Config

NOW = 1_700_000_000.25  # 2023-11-14T22:13:20.25Z: a fraction, to check both SDKs drop it alike
ACCESS_KEY = "AKIDEXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"

T = TypeVar("T")


@contextmanager
def frozen_boto_time(now: float = NOW) -> Iterator[None]:
    moment = datetime.datetime.fromtimestamp(now, datetime.timezone.utc).replace(tzinfo=None)
    with mock.patch("botocore.auth.get_current_datetime", return_value=moment), \
         mock.patch("botocore.signers.get_current_datetime", return_value=moment), \
         mock.patch("botocore.auth.time.time", return_value=now):
        yield


_boto_clients: dict[str, Any] = {}


def boto_client(service: str, region: str, config: dict[str, Any] | None = None,
                token: str | None = None, **kwargs: Any) -> Any:
    """A boto3 client, made once per arguments (boto3 clients are slow to make, and reusable)."""
    key = repr((service, region, config, token, sorted(kwargs.items())))
    client = _boto_clients.get(key)
    if client is None:
        client = _boto_clients[key] = _make_boto_client(service, region, config, token, **kwargs)
    return client


def _make_boto_client(service: str, region: str, config: dict[str, Any] | None,
                      token: str | None, **kwargs: Any) -> Any:
    session = boto3.Session(aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
                            aws_session_token=token, region_name=region)
    return session.client(service, config=BotoConfig(**config) if config else None, **kwargs)


def our_client(service: str, region: str, config: dict[str, Any] | None = None,
               token: str | None = None, now: float = NOW, **kwargs: Any) -> Any:
    session = awsession.Session(aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
                                aws_session_token=token, region_name=region)
    client = session.client(service, config=Config(**config) if config else None, **kwargs)
    env = dataclasses.replace(client._ctx.env, clock=FixedClock(now=now))
    client._ctx = dataclasses.replace(client._ctx, env=env)
    return client


def with_boto_time(make: Callable[[], T], now: float = NOW) -> T:
    with frozen_boto_time(now):
        return make()
