"""A tiny, fast, canned-response HTTP/1.1 server on 127.0.0.1 for the benchmark (stdlib only).

Rules: loopback only, a free port chosen by the OS, keep-alive, one thread per connection. It never
parses more than the request line, the headers it routes by and the body length; every answer is a
pre-encoded ``CannedResponse`` from ``canned.py``. Routing, in order:

- ``POST`` with ``X-Amz-Target`` -> the JSON operation it names (DynamoDB ``GetItem``);
- ``POST`` with a form body -> its ``Action`` field (STS ``GetCallerIdentity``, EC2 ``DescribeInstances``);
- S3 path style: ``GET /`` ListBuckets, ``GET /bucket?list-type=2`` ListObjectsV2,
  ``GET /bucket/key`` GetObject, ``HEAD /bucket/key`` HeadObject;
- anything else -> a 400 error body.

Run it alone with ``python -m bench.server``: it prints its port on the first line of stdout and
serves until stdin closes (so it dies with its parent).
"""

from __future__ import annotations

import socket
import sys
import threading
from urllib.parse import parse_qs

from .canned import RESPONSES, UNKNOWN_ROUTE

__all__ = ["CannedServer", "route"]

_TARGETS = {"DynamoDB_20120810.GetItem": "GetItem"}
_FORM_ACTIONS = {"GetCallerIdentity": "GetCallerIdentity", "DescribeInstances": "DescribeInstances"}
_MAX_HEAD = 64 * 1024


def route(method: str, target: str, headers: dict[str, str], body: bytes) -> bytes:
    """The canned wire bytes for one request (pure: no I/O)."""
    if method == "POST":
        name = _TARGETS.get(headers.get("x-amz-target", ""))
        if name is None:
            actions = parse_qs(body.decode("latin-1")).get("Action", [""])
            name = _FORM_ACTIONS.get(actions[0])
        return RESPONSES[name].wire if name else UNKNOWN_ROUTE.wire
    path, _, query = target.partition("?")
    segments = [part for part in path.split("/", 2) if part]
    if method == "GET" and not segments:
        return RESPONSES["ListBuckets"].wire
    if method == "GET" and len(segments) == 1 and "list-type=2" in query:
        return RESPONSES["ListObjectsV2"].wire
    if len(segments) == 2 and method in ("GET", "HEAD"):
        return RESPONSES["GetObject" if method == "GET" else "HeadObject"].wire
    return UNKNOWN_ROUTE.wire


def _serve_connection(conn: socket.socket) -> None:
    buffer = b""
    with conn:
        while True:
            end = buffer.find(b"\r\n\r\n")
            while end < 0:
                chunk = conn.recv(65536)
                if not chunk or len(buffer) > _MAX_HEAD:
                    return
                buffer += chunk
                end = buffer.find(b"\r\n\r\n")
            lines = buffer[:end].decode("latin-1").split("\r\n")
            method, target, _version = lines[0].split(" ", 2)
            headers = {}
            for line in lines[1:]:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            length = int(headers.get("content-length", "0"))
            buffer = buffer[end + 4:]
            while len(buffer) < length:
                chunk = conn.recv(65536)
                if not chunk:
                    return
                buffer += chunk
            body, buffer = buffer[:length], buffer[length:]
            conn.sendall(route(method, target, headers, body))
            if headers.get("connection", "").lower() == "close":
                return


class CannedServer:
    """The canned server in background threads; use as a context manager or ``start()``/``stop()``."""

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0), backlog=64)
        self.port: int = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._connections: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._acceptor = threading.Thread(target=self._accept_loop, name="bench-accept", daemon=True)

    def __enter__(self) -> CannedServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def start(self) -> CannedServer:
        self._acceptor.start()
        return self

    def stop(self) -> None:
        try:
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked in accept()
        except OSError:
            pass
        self._listener.close()
        with self._lock:
            for conn in self._connections:
                try:
                    conn.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
        self._acceptor.join(timeout=5)

    def _accept_loop(self) -> None:
        while True:
            try:
                conn, _addr = self._listener.accept()
            except OSError:
                return
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with self._lock:
                self._connections.add(conn)
            threading.Thread(target=self._handle, args=(conn,), name="bench-conn", daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        try:
            _serve_connection(conn)
        except (OSError, ValueError):
            pass  # a client that went away or spoke nonsense: drop the connection
        finally:
            with self._lock:
                self._connections.discard(conn)


def main() -> None:
    with CannedServer() as server:
        print(server.port, flush=True)
        sys.stdin.read()  # serve until the parent closes our stdin (or exits)


if __name__ == "__main__":
    main()
