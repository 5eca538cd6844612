"""A tiny scripted HTTP/1.1 server on 127.0.0.1 for fault injection.

Each request takes the next :class:`Reply` from the script (the last one repeats): a status with
headers and body, a connection reset, a truncated body (``Content-Length`` larger than what is sent)
or a slow reply (sleeps before answering, to trip read timeouts). Every request received is
recorded, so tests can count attempts and look at what was sent.
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
                    time.sleep(reply.delay)
                if reply.reset:
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                    conn.close()
                    return
                length = len(reply.body)
                sent = reply.body if reply.truncate_to is None else reply.body[: reply.truncate_to]
                head = [f"HTTP/1.1 {reply.status} {_REASONS.get(reply.status, 'Status')}",
                        f"Content-Length: {length}"]
                head += [f"{k}: {v}" for k, v in reply.headers.items()]
                conn.sendall(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + sent)
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
        self._sock.close()
