"""The public surface of ``awsession`` is pinned: adding or removing a name is deliberate."""

from __future__ import annotations

import awsession

EXPORTED = ["DEFAULT_SESSION", "Session", "__version__", "client", "resource",
            "setup_default_session"]


def test_all_is_pinned() -> None:
    assert sorted(awsession.__all__) == sorted(EXPORTED)


def test_every_public_name_is_exported() -> None:
    public = {name for name in vars(awsession)
              if not name.startswith("_") and not isinstance(getattr(awsession, name),
                                                             type(awsession))}
    assert public <= set(awsession.__all__) | {"annotations"}
    for name in awsession.__all__:
        assert hasattr(awsession, name), name


def test_boto3_style_names() -> None:
    assert awsession.Session.__name__ == "Session"
    assert isinstance(awsession.__version__, str)
    assert callable(awsession.client) and callable(awsession.resource)
    assert callable(awsession.setup_default_session)
