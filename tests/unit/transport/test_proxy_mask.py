"""``mask_proxy_url``: botocore's masked text for ordinary proxy URLs, and no leak in odd ones."""

from __future__ import annotations

import pytest
from botocore.httpsession import mask_proxy_url as botocore_mask

from awsession.transport.proxies import mask_proxy_url

ORDINARY = [
    "http://user:pass@proxy.example.com:8080",
    "https://user:pass@proxy.example.com/path?q=1",
    "http://user@proxy.example.com",
    "http://:pass@proxy.example.com",
    "http://proxy.example.com:3128",
    "http://us%40er:p%3Ass@proxy.example.com",
]


@pytest.mark.parametrize("url", ORDINARY)
def test_ordinary_urls_are_masked_as_botocore_masks_them(url: str) -> None:
    assert mask_proxy_url(url) == botocore_mask(url)


@pytest.mark.parametrize(("url", "secret"), [
    ("http://user:h@proxy", ":h@"),        # the password also occurs inside "http"
    ("http://http:secret@proxy", "http:"),  # the user name also occurs as the scheme
    ("http://p:p@proxy/p", ":p@"),          # user name and password equal, and in the path
    ("https://u:s3cr3t@[::1]:3128", "s3cr3t"),
])
def test_a_secret_that_occurs_elsewhere_in_the_url_is_still_hidden(url: str, secret: str) -> None:
    masked = mask_proxy_url(url)
    assert masked.count("***") == 2
    assert masked.split("@", 1)[0].endswith("***:***")
    assert secret not in masked.split("//", 1)[1]
    assert masked.split("@", 1)[1] == url.split("@", 1)[1]  # host, port, path untouched
