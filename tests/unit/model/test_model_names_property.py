"""xform_name's single-pass boundary rule gives botocore's two-pass answer for any name."""

from __future__ import annotations

import botocore
from hypothesis import given, settings
from hypothesis import strategies as st

from awsession.model.names import xform_name

NAMES = st.text(alphabet="AaBbZz019Ss-_.\nÄé ", max_size=24)


@settings(max_examples=3000, deadline=None)
@given(name=NAMES, sep=st.sampled_from(["_", "-", "."]))
def test_xform_name_matches_botocore_for_arbitrary_names(name: str, sep: str) -> None:
    assert xform_name(name, sep) == botocore.xform_name(name, sep)


def test_tricky_names() -> None:
    for name in [
        "ABcDe",
        "XAbCd",
        "AbC",
        "HTTPRequest",
        "getHTTPResponseCode",
        "S3Bucket",
        "IPv6Address",
        "ListARNs",
        "ARNs",
        "A1B2c3",
        "aB",
        "Ab",
        "A\nBc",
        "ÄbCd",
    ]:
        assert xform_name(name) == botocore.xform_name(name), name
