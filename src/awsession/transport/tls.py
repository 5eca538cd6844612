"""TLS contexts for the urllib3 transport, made once per ``(verify, client_cert)`` and shared.

Rules (botocore 1.43 ``httpsession``):

1. ``verify=True`` trusts certifi's bundle when certifi is installed (as botocore), else the
   system's default store; a string is a CA bundle path; ``False`` turns verification off.
2. The context keeps ``check_hostname`` off and urllib3 matches the host name itself (as botocore);
   SSLv2/SSLv3, compression and session tickets are disabled.
3. The CA bundle and client certificate are loaded once into the context (urllib3 would otherwise
   load them again for every new connection). A process-wide cache shares contexts between
   clients; contexts are safe to share across threads.
4. A proxy context (``proxies_config``: ``proxy_ca_bundle``, ``proxy_client_cert``) checks the
   proxy's host name unless the proxy is an IP address.
"""

from __future__ import annotations

import ssl
import threading
from collections.abc import Hashable
from typing import Any

__all__ = ["client_context", "default_ca_bundle", "proxy_context"]

_lock = threading.Lock()
_cache: dict[Hashable, ssl.SSLContext] = {}


def default_ca_bundle() -> str | None:
    """certifi's bundle if installed (botocore's choice), else ``None`` for the system store."""
    try:
        import certifi
    except ImportError:
        return None
    return str(certifi.where())


def _base_context(verify: bool) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.options |= ssl.OP_NO_SSLv2 | ssl.OP_NO_SSLv3 | ssl.OP_NO_COMPRESSION | ssl.OP_NO_TICKET
    if getattr(context, "post_handshake_auth", None) is not None:
        context.post_handshake_auth = True
    context.check_hostname = False
    context.verify_mode = ssl.CERT_REQUIRED if verify else ssl.CERT_NONE
    return context


def _load_client_cert(context: ssl.SSLContext, client_cert: Any) -> None:
    if isinstance(client_cert, str):
        context.load_cert_chain(client_cert)
    elif isinstance(client_cert, tuple):
        context.load_cert_chain(client_cert[0], keyfile=client_cert[1])


def client_context(verify: bool | str, client_cert: str | tuple[str, str] | None) -> ssl.SSLContext:
    """The context for target servers. Raises ``OSError``/``ssl.SSLError`` on a bad path."""
    key = ("client", verify, client_cert)
    found = _cache.get(key)
    if found is not None:
        return found
    context = _base_context(verify is not False)
    if verify is not False:
        bundle = verify if isinstance(verify, str) else default_ca_bundle()
        if bundle is None:
            context.load_default_certs()
        else:
            context.load_verify_locations(cafile=bundle)
    _load_client_cert(context, client_cert)
    with _lock:
        return _cache.setdefault(key, context)


def proxy_context(proxy_host: str, ca_bundle: str | None, client_cert: Any) -> ssl.SSLContext:
    """The context for a TLS connection to the proxy itself."""
    from urllib3.util.ssl_ import is_ipaddress

    context = _base_context(True)
    if not is_ipaddress(proxy_host.strip("[]")):
        context.check_hostname = True
    if ca_bundle is not None:
        context.load_verify_locations(cafile=ca_bundle)
    else:
        bundle = default_ca_bundle()
        if bundle is None:
            context.load_default_certs()
        else:
            context.load_verify_locations(cafile=bundle)
    _load_client_cert(context, client_cert)
    return context
