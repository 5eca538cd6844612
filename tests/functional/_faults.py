"""A tiny scripted HTTP/1.1 server on 127.0.0.1 for fault injection.

Each request takes the next :class:`Reply` from the script (the last one repeats): a status with
headers and body, a connection reset, a truncated body (``Content-Length`` larger than what is sent)
a slow reply (waits before answering, or after the headers, to trip read timeouts). Every request
received is recorded, so tests can count attempts and look at what was sent. The server waits with
``threading.Event.wait``, never ``time.sleep``, so tests may replace ``time.sleep`` to record the
SDKs' retry delays. :func:`stalled_listener` gives a port whose connects time out; :func:`closed_port`
one that refuses connections.
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    reset: bool = False
    truncate_to: int | None = None
    delay: float = 0.0
    body_delay: float = 0.0
    """Seconds to stall after the headers and the first half of the body."""


@dataclass
class Received:
    method: str
    target: str
    headers: dict[str, str]
    body: bytes
    at: float


_REASONS = {200: "OK", 400: "Bad Request", 403: "Forbidden", 404: "Not Found", 429: "Too Many Requests",
            500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable",
            504: "Gateway Timeout"}


class FaultServer:
    def __init__(self) -> None:
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(64)
        self.port = self._sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.script: list[Reply] = [Reply()]
        self.received: list[Received] = []
        self._lock = threading.Lock()
        self._closed = False
        self._pause = threading.Event()
        self._thread = threading.Thread(target=self._accept_loop, daemon=True)
        self._thread.start()

    def set_script(self, *replies: Reply) -> None:
        with self._lock:
            self.script = list(replies)
            self.received = []

    def _next_reply(self) -> Reply:
        with self._lock:
            return self.script.pop(0) if len(self.script) > 1 else self.script[0]

    def _accept_loop(self) -> None:
        while not self._closed:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        reader = conn.makefile("rb")
        try:
            while True:
                line = reader.readline()
                if not line:
                    return
                method, target, _ = line.decode("latin-1").split(" ", 2)
                headers: dict[str, str] = {}
                while True:
                    h = reader.readline().decode("latin-1").rstrip("\r\n")
                    if not h:
                        break
                    name, _, value = h.partition(":")
                    headers[name.strip().lower()] = value.strip()
                body = reader.read(int(headers.get("content-length", "0") or 0))
                with self._lock:
                    self.received.append(Received(method, target, headers, body, time.monotonic()))
                reply = self._next_reply()
                if reply.delay:
                    self._pause.wait(reply.delay)
                if reply.reset:
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                    conn.close()
                    return
                length = len(reply.body)
                sent = reply.body if reply.truncate_to is None else reply.body[: reply.truncate_to]
                head = [f"HTTP/1.1 {reply.status} {_REASONS.get(reply.status, 'Status')}",
                        f"Content-Length: {length}"]
                head += [f"{k}: {v}" for k, v in reply.headers.items()]
                data = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + sent
                if reply.body_delay:
                    half = len(data) - len(sent) // 2
                    conn.sendall(data[:half])
                    self._pause.wait(reply.body_delay)
                    data = data[half:]
                conn.sendall(data)
                if reply.truncate_to is not None:
                    conn.close()
                    return
        except OSError:
            return
        finally:
            try:
                conn.close()
            except OSError:
                pass

    def close(self) -> None:
        self._closed = True
        self._pause.set()
        self._sock.close()


def closed_port() -> int:
    """A loopback port nobody listens on (connections are refused)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class StalledListener:
    """A loopback listener that never accepts, its backlog filled, so new connects time out."""

    def __init__(self) -> None:
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(0)
        self.port = self._sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._fillers: list[socket.socket] = []
        for _ in range(8):
            filler = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            filler.setblocking(False)
            try:
                filler.connect(("127.0.0.1", self.port))
            except BlockingIOError:
                pass
            self._fillers.append(filler)

    def close(self) -> None:
        for filler in self._fillers:
            filler.close()
        self._sock.close()


def stalled_listener() -> StalledListener:
    return StalledListener()
