"""``Session.assume_role``: the new session's shape, its deferred credentials, its recipe."""

from __future__ import annotations

import pytest

import awsession
from awsession.credentials.types import DeferredRefreshableCredentials


def test_assumed_session_is_deferred_and_keeps_settings() -> None:
    parent = awsession.Session(aws_access_key_id="AKPARENT", aws_secret_access_key="p-secret",
                               region_name="us-west-2")
    child = parent.assume_role("arn:aws:iam::111111111111:role/r", role_session_name="kid",
                               tags={"team": "data"}, duration_seconds=900)
    assert child is not parent and child.region_name == "us-west-2"
    credentials = child.get_credentials()
    assert isinstance(credentials, DeferredRefreshableCredentials)
    assert not credentials.fetched and credentials.method == "assume-role"
    assert "p-secret" not in repr(child) and "AKPARENT" not in repr(credentials)
    other = child.assume_role("arn:aws:iam::222222222222:role/x", region_name="eu-west-1")
    assert other.region_name == "eu-west-1"
    with pytest.raises(AttributeError):
        child._assumed = None  # type: ignore[misc]


def test_recipe_is_parent_plus_arguments() -> None:
    parent = awsession.Session(aws_access_key_id="AK", aws_secret_access_key="s",
                               region_name="us-east-1")
    child = parent.assume_role("arn:aws:iam::111111111111:role/r", role_session_name="kid",
                               tags={"team": "data"}, external_id="ext", policy="{}",
                               source_identity="me", region_name="eu-west-1")
    rebuild, (origin, params, region, config) = child.__reduce__()
    assert origin is parent and region == "eu-west-1" and config is None
    assert params == {"RoleArn": "arn:aws:iam::111111111111:role/r", "RoleSessionName": "kid",
                      "ExternalId": "ext", "Policy": "{}",
                      "Tags": [{"Key": "team", "Value": "data"}], "SourceIdentity": "me"}
    copy = rebuild(origin, params, region, config)
    assert copy.region_name == "eu-west-1"
    assert isinstance(copy.get_credentials(), DeferredRefreshableCredentials)


def test_default_session_name() -> None:
    parent = awsession.Session(aws_access_key_id="AK", aws_secret_access_key="s")
    _, (_, params, _, _) = parent.assume_role("arn:aws:iam::1:role/r").__reduce__()
    assert params["RoleSessionName"].startswith("botocore-session-")
    assert params["RoleSessionName"].removeprefix("botocore-session-").isdigit()
