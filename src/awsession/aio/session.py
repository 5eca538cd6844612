"""``awsession.aio.Session``: a Session whose clients are async (aioboto3's shape).

Rules:

1. The constructor takes exactly ``awsession.Session``'s arguments and builds one (cheap, no network);
   ``Session.from_sync(session)`` wraps an existing sync session and shares its resolved settings
   and cached credentials.
2. ``session.client("s3", ...)`` takes ``Session.client``'s arguments and returns an async context
   manager: ``async with session.client("s3") as s3: await s3.list_buckets()``. The client is made
   on entry (in a worker thread, see ``aio/factory.py``) and closed on exit.
3. Settings and data look-ups (``region_name``, ``get_config_variable``, ``get_available_*``) are
   the sync session's; ``await session.get_credentials()`` resolves in a worker thread.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from ..session import Session as SyncSession
from .client import AioBaseClient

if TYPE_CHECKING:
    from ..config.client_config import Config
    from ..config.resolve import Resolved
    from ..credentials.types import Credentials

__all__ = ["ClientCreatorContext", "Session"]


class ClientCreatorContext:
    """``async with`` gives a new async client and closes it on exit."""

    def __init__(self, session: SyncSession, service_name: str, kwargs: dict[str, Any]) -> None:
        self._session = session
        self._service_name = service_name
        self._kwargs = kwargs
        self._client: AioBaseClient | None = None

    async def __aenter__(self) -> Any:
        from .factory import create_async_client

        self._client = await create_async_client(self._session, self._service_name,
                                                 **self._kwargs)
        return self._client

    async def __aexit__(self, *exc: object) -> None:
        client, self._client = self._client, None
        if client is not None:
            await client.close()


class Session:
    """An async session (see the module docstring)."""

    __slots__ = ("_sync",)

    def __init__(self, aws_access_key_id: str | None = None,
                 aws_secret_access_key: str | None = None, aws_session_token: str | None = None,
                 region_name: str | None = None, botocore_session: object | None = None,
                 profile_name: str | None = None, aws_account_id: str | None = None) -> None:
        self._sync = SyncSession(
            aws_access_key_id=aws_access_key_id, aws_secret_access_key=aws_secret_access_key,
            aws_session_token=aws_session_token, region_name=region_name,
            botocore_session=botocore_session, profile_name=profile_name,
            aws_account_id=aws_account_id)

    @classmethod
    def from_sync(cls, session: SyncSession) -> Session:
        """An async session over ``session``'s settings and credentials (nothing is copied)."""
        if not isinstance(session, SyncSession):
            raise TypeError(f"expected an awsession.Session, got {type(session).__name__}")
        self = cls.__new__(cls)
        self._sync = session
        return self

    @property
    def sync_session(self) -> SyncSession:
        """The sync session this one wraps."""
        return self._sync

    def __reduce__(self) -> tuple[Any, ...]:
        return (Session.from_sync, (self._sync,))

    def __repr__(self) -> str:
        return f"awsession.aio.Session(region_name={self.region_name!r})"

    # -- the sync session's settings -------------------------------------------------------

    @property
    def profile_name(self) -> str:
        return self._sync.profile_name

    @property
    def region_name(self) -> str | None:
        return self._sync.region_name

    @property
    def available_profiles(self) -> list[str]:
        return self._sync.available_profiles

    def get_config_variable(self, name: str) -> Any:
        return self._sync.get_config_variable(name)

    def config_source(self, name: str) -> Resolved:
        return self._sync.config_source(name)

    def set_default_client_config(self, config: Config | None) -> None:
        self._sync.set_default_client_config(config)

    def get_default_client_config(self) -> Config | None:
        return self._sync.get_default_client_config()

    def get_available_services(self) -> list[str]:
        return self._sync.get_available_services()

    def get_available_resources(self) -> list[str]:
        return self._sync.get_available_resources()

    def get_available_partitions(self) -> list[str]:
        return self._sync.get_available_partitions()

    def get_available_regions(self, service_name: str, partition_name: str = "aws",
                              allow_non_regional: bool = False) -> list[str]:
        return self._sync.get_available_regions(service_name, partition_name,
                                                allow_non_regional)

    def get_partition_for_region(self, region_name: str) -> str:
        return self._sync.get_partition_for_region(region_name)

    async def get_credentials(self) -> Credentials | None:
        """The session's credentials, resolved (once) in a worker thread."""
        return await asyncio.to_thread(self._sync.get_credentials)

    # -- clients ---------------------------------------------------------------------------

    def client(self, service_name: str, region_name: str | None = None,
               api_version: str | None = None, use_ssl: bool = True,
               verify: bool | str | None = None, endpoint_url: str | None = None,
               aws_access_key_id: str | None = None, aws_secret_access_key: str | None = None,
               aws_session_token: str | None = None, config: Config | None = None,
               aws_account_id: str | None = None) -> ClientCreatorContext:
        """``async with session.client("s3") as s3:`` -- ``Session.client``'s arguments."""
        return ClientCreatorContext(self._sync, service_name, {
            "region_name": region_name, "api_version": api_version, "use_ssl": use_ssl,
            "verify": verify, "endpoint_url": endpoint_url,
            "aws_access_key_id": aws_access_key_id,
            "aws_secret_access_key": aws_secret_access_key,
            "aws_session_token": aws_session_token, "config": config,
            "aws_account_id": aws_account_id,
        })
