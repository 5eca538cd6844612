"""``awsession local``: moto's server on 127.0.0.1 in the foreground, plus a ``local`` profile.

Rules:

1. moto (the ``local`` extra) is imported only here, only when the command runs; without it the
   command says how to install it and exits 1.
2. The server binds 127.0.0.1 only. A port that is taken is reported before anything is written;
   ``--port 0`` picks a free one.
3. Once the server answers, the profile (``local`` unless ``--profile``) gets ``endpoint_url``
   pointing at it; dummy keys and ``us-east-1`` are added only where the profile has none, so
   ``Session(profile_name="local")`` works. Files are written through ``config.filewrite``.
4. Ctrl-C (or SIGTERM) stops the server, says so, and exits 0.
"""

from __future__ import annotations

import argparse
import signal
import socket
import threading
import time
from types import FrameType
from typing import Any

from awsession.cli.context import Context
from awsession.cli.errors import CliError
from awsession.cli.names import check_profile_name, profile_edit
from awsession.config.filewrite import update_file

__all__ = ["DUMMY_KEY", "run_local"]

DUMMY_KEY = "testing"
_HOST = "127.0.0.1"
_START_TIMEOUT = 30.0


def _check_port(port: int) -> None:
    if port == 0:
        return
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((_HOST, port))
        except OSError as error:
            raise CliError(f"cannot listen on {_HOST}:{port}: {error.strerror or error}") from None


def _start(server: Any) -> None:
    starter = threading.Thread(target=server.start, daemon=True)
    starter.start()
    starter.join(_START_TIMEOUT)
    if starter.is_alive():
        raise CliError(f"moto's server did not start within {_START_TIMEOUT:.0f} seconds")


def _write_profile(ctx: Context, profile: str, url: str) -> None:
    files = ctx.files()
    current = files.profile(profile) or {}
    config = {"endpoint_url": url}
    if not current.get("region"):
        config["region"] = "us-east-1"
    update_file(files.config_path, [profile_edit(profile, config, credentials=False)])
    if not current.get("aws_access_key_id") or not current.get("aws_secret_access_key"):
        keys = {"aws_access_key_id": DUMMY_KEY, "aws_secret_access_key": DUMMY_KEY}
        update_file(files.credentials_path, [profile_edit(profile, keys, credentials=True)])


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def run_local(args: argparse.Namespace, ctx: Context) -> int:
    profile = check_profile_name(args.profile or "local")
    try:
        from moto.server import ThreadedMotoServer
    except ImportError:
        raise CliError("awsession local needs moto's server: pip install 'awsession[local]'"
                       ) from None
    _check_port(args.port)
    server = ThreadedMotoServer(ip_address=_HOST, port=args.port, verbose=False)
    _start(server)
    try:
        port = server.get_host_and_port()[1]
        url = f"http://{_HOST}:{port}"
        _write_profile(ctx, profile, url)
        ctx.out(f"moto server running on {url}")
        ctx.out(f"profile {profile!r} points at it: Session(profile_name={profile!r})")
        ctx.out("Press Ctrl-C to stop.")
        ctx.stdout.flush()
        previous = signal.signal(signal.SIGTERM, _terminate)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
        finally:
            signal.signal(signal.SIGTERM, previous)
    finally:
        server.stop()
    ctx.out(f"\nmoto server on {url} stopped")
    return 0
