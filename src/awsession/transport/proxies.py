"""Which proxy a request goes through, and how (botocore 1.43 ``ProxyConfiguration``).

Rules:

1. ``Config(proxies={"http": ..., "https": ...})`` maps the request URL's scheme to a proxy URL.
   Without it, the environment's ``HTTP_PROXY``/``HTTPS_PROXY`` (any case) are used unless
   ``NO_PROXY`` names the host (urllib's rules; there is no built-in exemption for localhost, as in
   botocore). The decision is cached per host.
2. A proxy URL without a scheme gets ``http://`` (``//host`` gets ``http:``).
3. Credentials in the proxy URL become a ``Proxy-Authorization: Basic`` header; error messages show
   the URL with them masked as ``***``.
4. The request target is the absolute URL for ``http:`` requests (and for ``https:`` through an
   HTTPS proxy with ``proxy_use_forwarding_for_https``); otherwise the path (a CONNECT tunnel).
"""

from __future__ import annotations

import base64
import os
import sys
from collections.abc import Mapping
from urllib.parse import unquote, urlsplit

__all__ = ["ProxyRules", "fix_proxy_url", "mask_proxy_url", "proxy_headers"]

# Outside macOS and Windows, urllib reads proxies only from the environment's ``*_proxy``
# variables, so their absence answers the lookup without importing ``urllib.request``.
_NO_PROXY_SOURCES_BUT_ENVIRON = sys.platform not in ("darwin", "win32")


def mask_proxy_url(url: str) -> str:
    """``url`` with the user name and password of its authority replaced by ``***`` (Rule 3).

    Only the user-info part is rewritten, so a password that also occurs elsewhere in the URL
    (say ``h``, inside ``http``) is still hidden, and nothing else changes.
    """
    netloc = urlsplit(url).netloc
    userinfo, at, hostport = netloc.rpartition("@")
    if not at:
        return url
    user, colon, password = userinfo.partition(":")
    masked = ("***" if user else "") + colon + ("***" if password else "")
    # The first occurrence is the authority: the scheme before it cannot contain "@".
    return url.replace(netloc, f"{masked}@{hostport}", 1)


def fix_proxy_url(url: str) -> str:
    if url.startswith(("http:", "https:")):
        return url
    if url.startswith("//"):
        return "http:" + url
    return "http://" + url


def proxy_headers(url: str) -> dict[str, str]:
    parts = urlsplit(url)
    if parts.username is None or parts.password is None:
        return {}
    user, password = unquote(parts.username), unquote(parts.password)
    if not user or not password:
        return {}
    token = base64.b64encode(f"{user}:{password}".encode("ascii")).strip().decode()
    return {"Proxy-Authorization": f"Basic {token}"}


class ProxyRules:
    """The proxy decision for one transport; ``proxies=None`` means "read the environment"."""

    __slots__ = ("_by_host", "_configured", "forwarding_for_https")

    def __init__(self, proxies: Mapping[str, str] | None,
                 forwarding_for_https: bool = False) -> None:
        self._configured = dict(proxies) if proxies is not None else None
        self._by_host: dict[tuple[str, str], str | None] = {}
        self.forwarding_for_https = forwarding_for_https

    @property
    def empty(self) -> bool:
        return self._configured is not None and not self._configured

    def proxy_for(self, scheme: str, netloc: str) -> str | None:
        key = (scheme, netloc)
        try:
            return self._by_host[key]
        except KeyError:
            pass
        if self._configured is not None:
            found = self._configured.get(scheme)
        else:
            found = _environ_proxy(scheme, netloc)
        result = fix_proxy_url(found) if found else None
        if len(self._by_host) < 256:
            self._by_host[key] = result
        return result

    def absolute_target(self, scheme: str, proxy_url: str) -> bool:
        """Whether the request line carries the absolute URL (forwarding) instead of a path."""
        return scheme == "http" or (self.forwarding_for_https and proxy_url.startswith("https:"))


def _environ_proxy(scheme: str, netloc: str) -> str | None:
    if _NO_PROXY_SOURCES_BUT_ENVIRON and not any(
            name.lower()[-6:] == "_proxy" for name in os.environ):
        return None  # what urllib's lookup finds without a single ``*_proxy`` variable
    import urllib.request

    try:
        if urllib.request.proxy_bypass(netloc):
            return None
    except (TypeError, OSError):
        pass
    return urllib.request.getproxies().get(scheme)
