"""The embedded local AWS: moto's threaded server on 127.0.0.1 and a free port.

Rules:

1. moto is optional (the ``local`` extra). It is imported only when the demo starts, and a missing
   install becomes :class:`LocalExtraMissing`, which ``main`` prints as one line.
2. The server binds 127.0.0.1 only, on a port the OS picks; its state is reset on start (moto keeps
   its backends per process, so a second run in the same process starts clean) and on stop.
3. ``stop`` shuts the server down, closes its listening socket and joins its thread, and puts the
   ``werkzeug`` logger back as it was (the demo silences its per-request log lines).
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import urllib.request
from types import TracebackType
from typing import Any

__all__ = ["LocalAws", "LocalExtraMissing", "no_proxy_opener"]

_REQUEST_LOGGER = "werkzeug"


class LocalExtraMissing(RuntimeError):
    """moto's server is not installed."""

    def __init__(self, missing: str) -> None:
        super().__init__(
            f"the demo needs moto's server ({missing} is not installed): "
            "pip install 'awsession[local]'")


def no_proxy_opener() -> urllib.request.OpenerDirector:
    """A urllib opener that ignores ``HTTP(S)_PROXY``: the demo's traffic stays on 127.0.0.1."""
    return urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _load_server_class() -> Any:
    try:
        module = importlib.import_module("moto.server")
    except ImportError as e:
        raise LocalExtraMissing((e.name or "moto").split(".")[0]) from e
    return module.ThreadedMotoServer


class LocalAws:
    """moto's server for the lifetime of a ``with`` block; ``url`` is its endpoint."""

    def __init__(self) -> None:
        self._server: Any = None
        self._logger = logging.getLogger(_REQUEST_LOGGER)
        self._saved_level = self._logger.level
        self.url = ""

    def __enter__(self) -> LocalAws:
        server_class = _load_server_class()
        self._logger.setLevel(logging.ERROR)
        try:
            server = server_class(ip_address="127.0.0.1", port=0, verbose=False)
            server.start()
            self._server = server
            host, port = server.get_host_and_port()
            self.url = f"http://{host}:{port}"
            self.reset()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def reset(self) -> None:
        """Forget every bucket, instance and key (moto's ``/moto-api/reset``)."""
        # S310: the URL is always http://127.0.0.1:<port>, built by __enter__.
        request = urllib.request.Request(f"{self.url}/moto-api/reset", method="POST")  # noqa: S310
        with no_proxy_opener().open(request, timeout=10):
            pass

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        server, self._server = self._server, None
        try:
            if server is not None:
                try:
                    if self.url:
                        with contextlib.suppress(OSError):  # best effort: it is stopping anyway
                            self.reset()
                finally:
                    server.stop()
        finally:
            self._logger.setLevel(self._saved_level)
