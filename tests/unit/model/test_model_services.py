"""load_service_model and friends on small data trees, plus laziness on the real data."""

from __future__ import annotations

import gzip
import json
import threading
from pathlib import Path

import pytest

from awsession.exceptions import DataNotFoundError, UnknownServiceError
from awsession.model.loader import DataLoader, data_roots
from awsession.model.services import (
    list_api_versions,
    list_available_services,
    load_endpoint_ruleset,
    load_endpoints_legacy,
    load_paginators,
    load_partitions,
    load_resource_model,
    load_sdk_default_configuration,
    load_service_model,
    load_waiters,
)


def write(root: Path, relative: str, data: object, gz: bool = False) -> None:
    path = root / (relative + (".json.gz" if gz else ".json"))
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(data).encode()
    path.write_bytes(gzip.compress(raw) if gz else raw)


def model(version: str, **extra: object) -> dict[str, object]:
    return {"metadata": {"apiVersion": version, "serviceId": "Foo", "endpointPrefix": "foo",
                         "protocol": "json"}, "operations": {}, "shapes": {}, **extra}


@pytest.fixture
def tree(tmp_path: Path) -> DataLoader:
    write(tmp_path, "foo/2019-01-01/service-2", model("2019-01-01"))
    write(tmp_path, "foo/2020-01-01/service-2", model("2020-01-01", documentation="old"), gz=True)
    write(tmp_path, "foo/2020-01-01/service-2.sdk-extras", {
        "version": 1.0,
        "merge": {"metadata": {"serviceId": "Foo2", "added": [1]}, "documentation": "new"},
    })
    write(tmp_path, "foo/2020-01-01/paginators-1", {"pagination": {"A": {"input_token": "x"}}})
    write(tmp_path, "foo/2020-01-01/paginators-1.sdk-extras", {"merge": {"pagination": {"A": {"k": 1}}}})
    write(tmp_path, "foo/2020-01-01/waiters-2", {"version": 2, "waiters": {}})
    write(tmp_path, "foo/2020-01-01/endpoint-rule-set-1", {"version": "1.0"}, gz=True)
    write(tmp_path, "foo/2020-01-01/resources-1", {"service": {}})
    write(tmp_path, "bar/2018-01-01/service-2", model("2018-01-01"))
    write(tmp_path, "partitions", {"partitions": []})
    write(tmp_path, "endpoints", {"partitions": [], "version": 3})
    write(tmp_path, "sdk-default-configuration", {"version": 1})
    return DataLoader((str(tmp_path),))


def test_latest_version_and_extras_merge(tree: DataLoader) -> None:
    svc = load_service_model("foo", loader=tree)
    assert svc.api_version == "2020-01-01"
    assert svc.service_id == "Foo2"
    assert svc.metadata["added"] == [1]
    assert svc.metadata["protocol"] == "json"  # deep merge keeps untouched keys
    assert svc.documentation == "new"
    assert svc.service_name == "foo"


def test_pinned_version_and_shared_instances(tree: DataLoader) -> None:
    old = load_service_model("foo", "2019-01-01", loader=tree)
    assert old.api_version == "2019-01-01"
    latest = load_service_model("foo", loader=tree)
    assert load_service_model("foo", "2020-01-01", loader=tree) is latest
    assert load_service_model("foo", loader=tree) is latest


def test_unknown_service_lists_known_ones(tree: DataLoader) -> None:
    with pytest.raises(UnknownServiceError) as info:
        load_service_model("nope", loader=tree)
    assert str(info.value) == "Unknown service: 'nope'. Valid service names are: bar, foo"
    assert info.value.kwargs == {"service_name": "nope", "known_service_names": "bar, foo"}


def test_unknown_version_names_the_path(tree: DataLoader) -> None:
    with pytest.raises(DataNotFoundError) as info:
        load_service_model("foo", "1999-01-01", loader=tree)
    assert not isinstance(info.value, UnknownServiceError)
    assert str(info.value) == "Unable to load data for: foo/1999-01-01/service-2"


def test_other_typed_files(tree: DataLoader) -> None:
    assert load_paginators("foo", loader=tree) == {"pagination": {"A": {"input_token": "x", "k": 1}}}
    assert load_waiters("foo", "2020-01-01", loader=tree) == {"version": 2, "waiters": {}}
    assert load_endpoint_ruleset("foo", loader=tree) == {"version": "1.0"}
    assert load_resource_model("foo", loader=tree) == {"service": {}}
    with pytest.raises(UnknownServiceError):
        load_waiters("bar", loader=tree)
    assert load_partitions(loader=tree) == {"partitions": []}
    assert load_endpoints_legacy(loader=tree)["version"] == 3
    assert load_sdk_default_configuration(loader=tree) == {"version": 1}
    with pytest.raises(DataNotFoundError):
        load_partitions(loader=DataLoader(()))


def test_listings(tree: DataLoader) -> None:
    assert list_available_services(loader=tree) == ["bar", "foo"]
    assert list_available_services("paginators-1", loader=tree) == ["foo"]
    assert list_api_versions("foo", loader=tree) == ["2019-01-01", "2020-01-01"]
    with pytest.raises(DataNotFoundError) as info:
        list_api_versions("nope", loader=tree)
    assert str(info.value) == "Unable to load data for: nope"


def test_loading_one_service_parses_only_its_files() -> None:
    loader = DataLoader(data_roots(home="/nonexistent-home"))
    sqs = load_service_model("sqs", loader=loader)
    assert sqs.service_id == "SQS"
    assert loader.parse_log == ["sqs/2012-11-05/service-2"]
    load_paginators("sqs", sqs.api_version, loader=loader)
    load_service_model("sqs", loader=loader)
    assert loader.parse_log == ["sqs/2012-11-05/service-2", "sqs/2012-11-05/paginators-1"]


def test_concurrent_first_loads_parse_once() -> None:
    loader = DataLoader(data_roots(home="/nonexistent-home"))
    results = []
    barrier = threading.Barrier(6)

    def work() -> None:
        barrier.wait()
        results.append(load_service_model("kms", loader=loader))

    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(r) for r in results}) == 1
    assert loader.parse_log == ["kms/2014-11-01/service-2"]
