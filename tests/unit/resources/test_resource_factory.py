"""Resource classes are built once per process, shared by sessions and threads, and pickle."""

from __future__ import annotations

import pickle
from concurrent.futures import ThreadPoolExecutor

import awsession
from awsession.config.client_config import Config
from awsession.dynamodb.transform import upgrade_client


def _session() -> awsession.Session:
    return awsession.Session(aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret",
                             region_name="eu-west-1")


def test_classes_are_shared_between_sessions_and_threads() -> None:
    first = _session().resource("sqs", endpoint_url="http://127.0.0.1:9")
    with ThreadPoolExecutor(8) as pool:
        others = list(pool.map(lambda _: _session().resource("sqs").Queue("u"), range(16)))
    assert {type(q) for q in others} == {type(first.Queue("u"))}
    assert type(first) is type(_session().resource("sqs"))
    assert first.meta.client.meta.region_name == "eu-west-1"
    assert first.meta.client.meta.endpoint_url == "http://127.0.0.1:9"


def test_resource_client_config_adds_resource_user_agent() -> None:
    plain = _session().resource("sns")
    assert plain.meta.client.meta.config.user_agent_extra == "Resource"
    own = _session().resource("sns", config=Config(user_agent_extra="mine", read_timeout=7))
    assert own.meta.client.meta.config.user_agent_extra == "mine"
    kept = _session().resource("sns", config=Config(read_timeout=7))
    assert kept.meta.client.meta.config.read_timeout == 7
    assert kept.meta.client.meta.config.user_agent_extra == "Resource"


def test_resources_pickle_with_identifiers_data_and_client() -> None:
    table = _session().resource("dynamodb", endpoint_url="http://127.0.0.1:9").Table("people")
    table.meta.data = {"TableName": "people", "ItemCount": 3}
    copy = pickle.loads(pickle.dumps(table))
    assert copy == table and repr(copy) == "dynamodb.Table(name='people')"
    assert copy.item_count == 3  # the loaded data travelled: no call needed
    assert copy.meta.client.meta.endpoint_url == "http://127.0.0.1:9"
    assert type(copy.meta.client).__dict__.get("_awsession_high_level") is True
    instance = pickle.loads(pickle.dumps(_session().resource("ec2").Instance("i-1")))
    assert repr(instance) == "ec2.Instance(id='i-1')" and instance.meta.data is None


def test_upgrade_client_is_idempotent_and_keeps_the_class_name() -> None:
    client = _session().client("dynamodb")
    original = type(client)
    upgrade_client(client)
    upgraded = type(client)
    upgrade_client(client)
    assert type(client) is upgraded and upgraded is not original
    assert upgraded.__name__ == original.__name__ == "DynamoDB"
    assert issubclass(upgraded, original)
    other = _session().client("dynamodb")
    upgrade_client(other)
    assert type(other) is upgraded  # one subclass per client class
