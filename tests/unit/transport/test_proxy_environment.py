"""Proxies from the environment (``proxies=None``): the same answer as urllib's own lookup.

Without a single ``*_proxy`` variable the answer is known without importing ``urllib.request``
(checked in a fresh interpreter); with any of them, urllib decides, as before.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request

import pytest

from awsession.transport.proxies import ProxyRules

ENVIRONMENTS = [
    {},
    {"UNRELATED": "1", "PROXY": "http://not-a-proxy-variable:1"},
    {"HTTP_PROXY": "http://proxy:3128"},
    {"http_proxy": "proxy:3128", "HTTPS_PROXY": "http://secure:3129"},
    {"HTTP_PROXY": "http://proxy:3128", "NO_PROXY": "127.0.0.1,.internal"},
    {"all_proxy": "http://everything:1", "no_proxy": "*"},
    {"HTTP_PROXY": ""},
    {"Http_Proxy": "http://mixed-case:1"},
]
HOSTS = [("http", "127.0.0.1:8080"), ("https", "bucket.s3.amazonaws.com"), ("http", "a.internal")]


def _urllib_answer(scheme: str, netloc: str) -> str | None:
    if urllib.request.proxy_bypass(netloc):
        return None
    found = urllib.request.getproxies().get(scheme)
    if not found:
        return None
    return found if found.startswith(("http:", "https:")) else "http://" + found


@pytest.mark.parametrize("environment", ENVIRONMENTS, ids=range(len(ENVIRONMENTS)))
def test_environment_proxy_matches_urllib(environment: dict[str, str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.lower().endswith("_proxy") or name == "REQUEST_METHOD":
            monkeypatch.delenv(name)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    for scheme, netloc in HOSTS:
        assert ProxyRules(None).proxy_for(scheme, netloc) == _urllib_answer(scheme, netloc)


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="urllib asks the system there")
def test_no_proxy_variable_answers_without_urllib_request() -> None:
    script = """
import json, sys
from awsession.transport.proxies import ProxyRules
answer = ProxyRules(None).proxy_for("http", "127.0.0.1:1")
print(json.dumps([answer, "urllib.request" in sys.modules]))
"""
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True,
                          check=True)
    assert json.loads(done.stdout) == [None, False]
