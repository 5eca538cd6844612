"""Session: construction, immutability, pickling, repr, credentials caching, delegation."""

from __future__ import annotations

import pickle
import sys
import types
from typing import Any

import pytest

from awsession import Session
from awsession.config.client_config import Config
from awsession.config.resolve import Resolved
from awsession.exceptions import PartialCredentialsError, ProfileNotFound
from tests.unit.session.conftest import WriteFiles

SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
TOKEN = "FwoGZXIvYXdzEXAMPLETOKEN"
CONFIG = "[default]\nregion = us-west-2\n[profile dev]\nregion = eu-west-1\nretry_mode = standard\n"
CREDS = f"[dev]\naws_access_key_id = AKDEV\naws_secret_access_key = {SECRET}\n"


def test_botocore_session_is_refused() -> None:
    with pytest.raises(ValueError, match="botocore_session must be None"):
        Session(botocore_session=object())


def test_profile_and_region(aws_files: WriteFiles) -> None:
    aws_files(CONFIG, CREDS)
    session = Session()
    assert (session.profile_name, session.region_name) == ("default", "us-west-2")
    dev = Session(profile_name="dev", region_name="ap-south-1")
    assert (dev.profile_name, dev.region_name) == ("dev", "ap-south-1")
    assert sorted(dev.available_profiles) == ["default", "dev"]


def test_missing_profile_raises_at_construction(aws_files: WriteFiles,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    aws_files(CONFIG)
    with pytest.raises(ProfileNotFound, match=r"\(nope\)"):
        Session(profile_name="nope")
    monkeypatch.setenv("AWS_PROFILE", "gone")
    with pytest.raises(ProfileNotFound, match=r"\(gone\)"):
        Session()


def test_settings_with_provenance(aws_files: WriteFiles, monkeypatch: pytest.MonkeyPatch) -> None:
    aws_files(CONFIG)
    session = Session(profile_name="dev")
    assert session.get_config_variable("retry_mode") == "standard"
    source = session.config_source("retry_mode")
    assert isinstance(source, Resolved) and source.source.startswith("config-file:")
    monkeypatch.setenv("AWS_RETRY_MODE", "adaptive")
    assert session.config_source("retry_mode") == Resolved("adaptive", "env:AWS_RETRY_MODE")
    assert session.get_config_variable("profile") == "dev"
    assert Session().get_config_variable("profile") is None


def test_immutable(aws_files: WriteFiles) -> None:
    aws_files(CONFIG)
    session = Session()
    for name in ("region_name", "profile_name", "_resolver", "anything"):
        with pytest.raises(AttributeError, match="immutable"):
            setattr(session, name, "x")
    with pytest.raises(AttributeError):
        del session._files
    assert session.region_name == "us-west-2"


def test_repr_like_boto3_and_never_secret() -> None:
    session = Session(aws_access_key_id="AKX", aws_secret_access_key=SECRET,
                      aws_session_token=TOKEN, region_name="us-west-2")
    assert repr(session) == "Session(region_name='us-west-2')"
    assert str(session) == repr(session)
    assert repr(Session()) == "Session(region_name=None)"
    for text in (repr(session), str(session), repr(session.get_credentials())):
        assert SECRET not in text and TOKEN not in text


def test_explicit_credentials() -> None:
    creds = Session(aws_access_key_id="AKX", aws_secret_access_key=SECRET,
                    aws_session_token=TOKEN, aws_account_id="123").get_credentials()
    assert creds is not None
    assert (creds.access_key, creds.secret_key, creds.token, creds.account_id, creds.method) == (
        "AKX", SECRET, TOKEN, "123", "explicit")
    with pytest.raises(PartialCredentialsError) as info:
        Session(aws_secret_access_key=SECRET)
    assert SECRET not in str(info.value)


def test_credentials_resolved_once_and_cached(aws_files: WriteFiles) -> None:
    aws_files(CONFIG, CREDS)
    session = Session(profile_name="dev")
    first = session.get_credentials()
    assert first is not None and first.method == "shared-credentials-file"
    aws_files(credentials="[dev]\naws_access_key_id = OTHER\naws_secret_access_key = X\n")
    assert session.get_credentials() is first  # files are not re-read by a session
    assert Session(profile_name="dev").get_credentials().access_key == "OTHER"  # type: ignore[union-attr]


def test_no_credentials_is_none() -> None:
    assert Session().get_credentials() is None


def test_pickle_round_trip(aws_files: WriteFiles) -> None:
    aws_files(CONFIG, CREDS)
    session = Session(aws_access_key_id="AKX", aws_secret_access_key=SECRET,
                      region_name="ca-central-1", profile_name="dev")
    session.set_default_client_config(Config(connect_timeout=5))
    again = pickle.loads(pickle.dumps(session))
    assert isinstance(again, Session) and again is not session
    assert (again.profile_name, again.region_name) == ("dev", "ca-central-1")
    assert again.get_credentials().get_frozen_credentials() == (  # type: ignore[union-attr]
        session.get_credentials().get_frozen_credentials())  # type: ignore[union-attr]
    config = again.get_default_client_config()
    assert config is not None and config.connect_timeout == 5
    plain = pickle.loads(pickle.dumps(Session(profile_name="dev")))
    assert plain.get_credentials().access_key == "AKDEV"


def test_default_client_config() -> None:
    session = Session()
    assert session.get_default_client_config() is None
    config = Config(read_timeout=3)
    session.set_default_client_config(config)
    assert session.get_default_client_config() is config


def test_client_and_resource_delegate(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[Any, ...]] = []

    def fake(kind: str) -> Any:
        def create(session: Session, service_name: str, **kwargs: Any) -> str:
            calls.append((kind, session, service_name, kwargs))
            return kind
        return create

    clients = types.ModuleType("awsession._client.factory")
    clients.create_client = fake("client")  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "awsession._client.factory", clients)
    resources = types.ModuleType("awsession.resources.factory")
    resources.create_resource = fake("resource")  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "awsession.resources.factory", resources)
    session = Session()
    assert session.client("s3", region_name="us-east-1", aws_account_id="1") == "client"
    assert session.resource("dynamodb", endpoint_url="http://localhost") == "resource"
    kind, owner, service, kwargs = calls[0]
    assert (kind, owner, service) == ("client", session, "s3")
    assert kwargs["region_name"] == "us-east-1" and kwargs["aws_account_id"] == "1"
    assert set(kwargs) == {"region_name", "api_version", "use_ssl", "verify", "endpoint_url",
                           "aws_access_key_id", "aws_secret_access_key", "aws_session_token",
                           "config", "aws_account_id"}
    assert calls[1][2] == "dynamodb" and calls[1][3]["endpoint_url"] == "http://localhost"
    assert "aws_account_id" not in calls[1][3]


def test_signatures_match_boto3() -> None:
    import inspect

    import boto3

    for name in ("__init__", "client", "resource", "get_available_regions"):
        ours = inspect.signature(getattr(Session, name))
        theirs = inspect.signature(getattr(boto3.Session, name))
        assert [(p.name, p.default) for p in ours.parameters.values()] == [
            (p.name, p.default) for p in theirs.parameters.values()], name
