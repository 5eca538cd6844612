"""DataLoader: search order, suffixes, caching, listings and the single-flight memo."""

from __future__ import annotations

import gzip
import json
import os
import threading
import time
from pathlib import Path

import pytest

from awsession.model.loader import DataLoader, data_roots, default_loader


def write(root: Path, relative: str, data: object, gz: bool = False) -> None:
    path = root / (relative + (".json.gz" if gz else ".json"))
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(data).encode()
    path.write_bytes(gzip.compress(raw) if gz else raw)


def test_data_roots_order_and_expansion(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MODEL_DIR", str(tmp_path / "x"))
    roots = data_roots(os.pathsep.join(["$MODEL_DIR", "", "~/y"]), home=str(tmp_path / "home"))
    assert roots[0] == str(tmp_path / "x")
    assert roots[1] == os.path.expanduser("~/y")
    assert roots[2] == str(tmp_path / "home" / ".aws" / "models")
    assert roots[3].endswith(os.path.join("botocore", "data"))
    assert roots[4].endswith(os.path.join("boto3", "data"))
    assert len(roots) == 5


def test_default_loader_is_shared_per_search_path() -> None:
    assert default_loader() is default_loader()
    assert default_loader("/nonexistent-a") is not default_loader()


def test_first_root_wins_and_plain_json_before_gz(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    write(a, "svc/1/service-2", {"from": "a-gz"}, gz=True)
    write(a, "svc/1/service-2", {"from": "a-plain"})
    write(b, "svc/1/service-2", {"from": "b"})
    write(b, "only-b", {"from": "b"}, gz=True)
    loader = DataLoader((str(a), str(b)))
    assert loader.load("svc/1/service-2") == {"from": "a-plain"}
    assert loader.load("only-b") == {"from": "b"}
    assert loader.load("missing") is None
    assert loader.find_file("missing") is None


def test_load_caches_and_read_does_not(tmp_path: Path) -> None:
    write(tmp_path, "partitions", {"v": 1})
    loader = DataLoader((str(tmp_path),))
    first = loader.load("partitions")
    assert loader.load("partitions") is first
    assert loader.parse_log == ["partitions"]
    assert loader.read("partitions") == first
    assert loader.read("partitions") is not first
    assert loader.parse_log == ["partitions"] * 3


def test_listings_only_count_versions_with_the_file(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    write(a, "svc/2020-01-01/service-2", {})
    write(b, "svc/2021-01-01/service-2", {}, gz=True)
    write(b, "svc/2022-01-01/paginators-1", {})
    write(b, "other/2019-01-01/waiters-2", {})
    (b / "svc" / "not-a-dir").write_text("x")
    loader = DataLoader((str(a), str(b), str(tmp_path / "missing")))
    assert loader.list_dir("svc") == ("2020-01-01", "2021-01-01", "2022-01-01")
    assert loader.list_api_versions("svc", "service-2") == ("2020-01-01", "2021-01-01")
    assert loader.list_api_versions("svc", "paginators-1") == ("2022-01-01",)
    assert loader.list_api_versions("nope", "service-2") == ()
    assert loader.list_services("service-2") == ("svc",)
    assert loader.list_services("waiters-2") == ("other",)
    assert loader.parse_log == []


def test_memo_builds_once_under_concurrency() -> None:
    loader = DataLoader(())
    calls: list[int] = []

    def build() -> object:
        calls.append(1)
        time.sleep(0.05)
        return object()

    results: list[object] = []
    threads = [threading.Thread(target=lambda: results.append(loader.memo("k", build))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1
    assert len({id(r) for r in results}) == 1


def test_memo_does_not_cache_failures() -> None:
    loader = DataLoader(())

    def fail() -> int:
        raise ValueError("boom")

    with pytest.raises(ValueError):
        loader.memo("k", fail)
    assert loader.memo("k", lambda: 3) == 3
    assert loader.memo("k", lambda: 4) == 3
