"""Resource objects behave like boto3's: the same scripted client sees the same calls.

Each scenario builds resource classes with boto3's factory and with ours, hands both the same
scripted fake client (it answers by operation and records what it was asked) and compares the
outcomes and the recorded calls.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import boto3
import pytest
from boto3.resources.base import ServiceResource as Boto3Base
from boto3.resources.factory import ResourceFactory
from boto3.resources.params import build_param_structure as boto3_build
from boto3.utils import ServiceContext as Boto3Context
from botocore.session import get_session

import awsession
from awsession.exceptions import ResourceLoadException
from awsession.model.services import load_resource_model, load_service_model
from awsession.resources.factory import ServiceContext, register_injected, service_context
from awsession.resources.params import build_param_structure

Script = Callable[[str, dict[str, Any]], dict[str, Any]]


class FakeClient:
    """Answers ``op(**params)`` (boto3's way) and ``_make_api_call`` (ours) from ``script``."""

    def __init__(self, service: str, script: Script, pages: dict[str, list[dict[str, Any]]]
                 | None = None) -> None:
        self.calls: list[tuple[str, Any]] = []
        self._script = script
        self._pages = pages or {}
        self._names = load_service_model(service).python_operation_names
        self.meta = type("Meta", (), {"service_model": load_service_model(service)})()

    def _make_api_call(self, operation: str, params: dict[str, Any]) -> dict[str, Any]:
        self.calls.append((operation, params))
        return self._script(operation, params)

    def __getattr__(self, name: str) -> Any:
        if name in self._names:
            return lambda **params: self._make_api_call(self._names[name], params)
        raise AttributeError(name)

    def can_paginate(self, name: str) -> bool:
        return self._names[name] in self._pages

    def get_paginator(self, name: str) -> Any:
        operation = self._names[name]
        client = self

        class Paginator:
            def paginate(self, **params: Any) -> Iterator[dict[str, Any]]:
                client.calls.append((operation + ":paginate", params))
                yield from client._pages[operation]

        return Paginator()

    def get_waiter(self, name: str) -> Any:
        client = self

        class Waiter:
            def wait(self, **params: Any) -> None:
                client.calls.append((name + ":wait", params))

        return Waiter()


def _classes(service: str) -> tuple[Callable[[str], type], Callable[[str], type]]:
    raw = boto3.Session()._loader.load_service_model(service, "resources-1")
    ctx = Boto3Context(service_name=service,
                       service_model=get_session().get_service_model(service),
                       resource_json_definitions=raw["resources"], service_waiter_model=None)
    factory = ResourceFactory(boto3.Session()._session.get_component("event_emitter"))

    def theirs(name: str) -> type:
        definition = raw["service"] if name == service else raw["resources"][name]
        return factory.load_from_definition(name, definition, ctx)

    ours_ctx = service_context(service, load_service_model(service), load_resource_model(service))
    return theirs, ours_ctx.resource_class


def _both(service: str, name: str, script: Script, *args: Any,
          pages: dict[str, list[dict[str, Any]]] | None = None) -> list[tuple[Any, FakeClient]]:
    out = []
    for make in _classes(service):
        client = FakeClient(service, script, pages)
        out.append((make(name)(*args, client=client), client))
    return out


def _error(call: Callable[[], Any]) -> tuple[str, str]:
    with pytest.raises(Exception) as caught:
        call()
    return type(caught.value).__name__, str(caught.value)


def test_constructor_errors_match_boto3() -> None:
    theirs, ours = _classes("sqs")
    for args, kwargs in [((), {}), (("u",), {"bogus": 1}), ((), {"queue_url": "u"})]:
        def make(cls: type, a: Any = args, k: Any = kwargs) -> Any:
            return cls(*a, client=object(), **k)

        assert _error(lambda: make(ours("Message"))) == _error(lambda: make(theirs("Message")))


def test_identity_repr_eq_hash() -> None:
    theirs, ours = _classes("ec2")
    a, b = ours("Instance")("i-1", client=object()), ours("Instance")(id="i-1", client=object())
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert a != ours("Instance")("i-2", client=object())
    assert repr(a) == repr(theirs("Instance")("i-1", client=object())) == "ec2.Instance(id='i-1')"
    assert a.meta.identifiers == ["id"] and a.meta.service_name == "ec2" and a.meta.data is None
    assert a.meta.resource_model.name == "Instance"
    assert isinstance(theirs("Instance")("i-1", client=object()), Boto3Base)


def _ec2_script(operation: str, params: dict[str, Any]) -> dict[str, Any]:
    if operation == "DescribeInstances":
        return {"Reservations": [{"Instances": [{"InstanceId": "i-1", "VpcId": "vpc-9",
                                                 "State": {"Name": "running"},
                                                 "InstanceType": "t3.micro"}]}]}
    if operation == "RunInstances":
        return {"Instances": [{"InstanceId": "i-1"}, {"InstanceId": "i-2"}]}
    return {"Echo": params}


def test_load_attributes_references_actions_and_waiters() -> None:
    results = []
    for instance, client in _both("ec2", "Instance", _ec2_script, "i-1"):
        outcome = [instance.instance_type, instance.state, repr(instance.vpc),
                   instance.stop(Force=True), instance.meta.data,  # an action drops the data
                   instance.wait_until_running(), repr(instance.image),
                   instance.delete_tags(Tags=[{"Key": "k"}])]
        results.append((outcome, client.calls))
    assert results[0] == results[1]
    assert results[1][1][0] == ("DescribeInstances", {"InstanceIds": ["i-1"]})


def test_service_actions_make_resources() -> None:
    results = []
    for ec2, client in _both("ec2", "ec2", _ec2_script):
        made = ec2.create_instances(ImageId="ami-1", MinCount=2, MaxCount=2)
        tags = ec2.create_tags(Resources=["i-1", "i-2"], Tags=[{"Key": "a", "Value": "b"}])
        results.append(([repr(i) for i in made], [i.meta.data for i in made],
                        [repr(t) for t in tags], client.calls))
    assert results[0] == results[1]


def test_collections_filter_limit_page_size_and_batch_actions() -> None:
    pages = {"ListObjects": [{"Contents": [{"Key": "a"}, {"Key": "b"}]},
                             {"Contents": [{"Key": "c"}]}]}
    results = []
    for bucket, client in _both("s3", "Bucket", lambda op, p: {"Deleted": p}, "bkt", pages=pages):
        coll = bucket.objects.filter(Prefix="x").filter(Prefix="y").page_size(2)
        outcome = [[repr(o) for o in coll], [repr(o) for o in coll.limit(2)],
                   [[repr(o) for o in page] for page in bucket.objects.pages()],
                   bucket.objects.delete(MFA="m"), bucket.objects.limit(1).delete(),
                   [o.size for o in bucket.objects.all()]]
        results.append((outcome, client.calls))
    assert results[0] == results[1]


def test_collection_without_paginator_and_empty_results() -> None:
    def script(operation: str, params: dict[str, Any]) -> dict[str, Any]:
        return {"Messages": [{"MessageId": "m1", "ReceiptHandle": "r1", "Body": "b"}]} \
            if operation == "ReceiveMessage" else {}

    results = []
    for queue, client in _both("sqs", "Queue", script, "url"):
        messages = queue.receive_messages(MaxNumberOfMessages=1)
        outcome = [[repr(m) for m in messages], messages[0].body, messages[0].message_id,
                   repr(messages[0].Queue()), queue.dead_letter_source_queues.all().__class__.__name__,
                   list(queue.dead_letter_source_queues.all())]
        results.append((outcome, client.calls))
    assert results[0] == results[1]


def test_attribute_without_load_raises_like_boto3() -> None:
    theirs, ours = _classes("sqs")
    mine = ours("Message")("url", "handle", client=object())
    other = theirs("Message")("url", "handle", client=object())
    assert _error(lambda: mine.body) == _error(lambda: other.body)
    with pytest.raises(ResourceLoadException, match=r"sqs\.Message has no load method"):
        mine.body  # noqa: B018 - reading the attribute is the test


def test_build_param_structure_matches_boto3() -> None:
    cases = [("A", 1, None), ("P.B.C", 2, None), ("P.B.D", 9, None), ("L[]", 3, None), ("L[2]", 4, None),
             ("E[*].Id", 5, 1), ("E[*].Handle", 6, 1), ("Delete.Objects[*].Key", 7, 0),
             ("X[].Y", 8, None)]
    ours: dict[str, Any] = {}
    theirs: dict[str, Any] = {}
    for target, value, index in cases:
        build_param_structure(ours, target, value, index)
        boto3_build(theirs, target, value, index)
        assert ours == theirs


def test_register_injected_reaches_new_and_built_classes() -> None:
    # A private service name keeps the process-wide registry clean for the other tests.
    ctx = ServiceContext("sns-injected", load_service_model("sns"), load_resource_model("sns"))
    register_injected("sns-injected", "Subscription", {"early": lambda self: "early"})
    before = ctx.resource_class("Topic")
    register_injected("sns-injected", "Topic", {"shout": lambda self: f"topic {self.arn}"})
    register_injected("sns-injected", None, {"whoami": lambda self: "service"})
    assert before("arn:x", client=object()).shout() == "topic arn:x"  # type: ignore[attr-defined]
    assert ctx.service_class()(client=object()).whoami() == "service"  # type: ignore[attr-defined]
    assert ctx.resource_class("Subscription")("arn:s", client=object()).early() == "early"  # type: ignore[attr-defined]
    assert ctx.resource_class("Subscription").__name__ == "sns-injected.Subscription"


def test_resource_errors_match_boto3() -> None:
    mine = awsession.Session(region_name="us-east-1")
    other = boto3.Session(region_name="us-east-1")
    assert _error(lambda: mine.resource("lambda")) == _error(lambda: other.resource("lambda"))
    assert _error(lambda: mine.resource("nothing")) == _error(lambda: other.resource("nothing"))
    assert _error(lambda: mine.resource("s3", api_version="1999-01-01")) == _error(
        lambda: other.resource("s3", api_version="1999-01-01"))
    assert mine.get_available_resources() == other.get_available_resources()
