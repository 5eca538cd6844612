"""The async backend is optional: ``import awsession`` (and ``import awsession.aio``) load no aiohttp."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("aiohttp", "yarl", "multidict", "awsession.transport.aio", "awsession.transport.aio_native",
         "awsession.aio")


def _modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys, json\n"
                          "print(json.dumps(sorted(sys.modules)))"],
                         capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_import_awsession_loads_no_async_backend() -> None:
    loaded = _modules_after("import awsession\nawsession.Session(region_name='us-east-1')")
    assert "awsession" in loaded
    assert not [name for name in HEAVY if name in loaded]
    assert "asyncio" not in loaded


def test_import_awsession_aio_defers_aiohttp_until_a_client_is_made() -> None:
    loaded = _modules_after("import awsession.aio\nawsession.aio.Session(region_name='us-east-1')")
    assert "awsession.aio" in loaded
    assert "aiohttp" not in loaded
    assert "awsession.transport.aio" not in loaded


def test_clients_send_without_aiohttp_unless_a_proxy_applies() -> None:
    code = """
import asyncio, socket, awsession.aio
from awsession.config import Config
probe = socket.socket(); probe.bind(("127.0.0.1", 0)); port = probe.getsockname()[1]; probe.close()
async def main():
    async with awsession.aio.Session(aws_access_key_id="AKID", aws_secret_access_key="s",
                                     region_name="us-east-1").client(
            "s3", endpoint_url=f"http://127.0.0.1:{port}",
            config=Config(retries={"total_max_attempts": 1})) as s3:
        try:
            await s3.head_object(Bucket="b", Key="k")
        except Exception as error:
            print(type(error).__name__, type(s3._transport).__name__)
asyncio.run(main())
"""
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys\nprint('aiohttp' in sys.modules)"],
                         capture_output=True, text=True, check=True).stdout.split()
    assert out == ["EndpointConnectionError", "AsyncHttpTransport", "False"]


def test_streaming_body_is_exported_on_demand() -> None:
    import awsession.aio
    from awsession.transport.aio import AsyncStreamingBody

    assert awsession.aio.AsyncStreamingBody is AsyncStreamingBody
