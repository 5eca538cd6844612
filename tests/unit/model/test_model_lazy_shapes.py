"""LazyShapes: a shapes table decoded entry by entry behaves as the plain dict it stands for."""

from __future__ import annotations

import copy
import gzip
import json
import marshal
import pickle
import threading
from pathlib import Path
from typing import Any

import pytest

from awsession.model.disk_cache import cached_parse
from awsession.model.lazy_shapes import LazyShapes, exception_items
from awsession.model.loader import DataLoader, data_roots
from awsession.model.services import load_service_model

SHAPES: dict[str, Any] = {
    "B": {"type": "string", "documentation": "<p>b</p>"},
    "A": {"type": "structure", "members": {"X": {"shape": "B"}}},
    "Err": {"type": "structure", "members": {}, "exception": True, "error": {"code": "Bad"}},
    "C": {"type": "list", "member": {"shape": "A"}},
}


def lazy(shapes: dict[str, Any] = SHAPES) -> LazyShapes:
    encoded = {name: marshal.dumps(shape) for name, shape in shapes.items()}
    return LazyShapes(encoded, frozenset(n for n, s in shapes.items() if s.get("exception")))


def decoded_count(table: LazyShapes) -> int:
    return dict.__len__(table)


def test_lookups_decode_only_what_is_asked_for() -> None:
    table = lazy()
    assert len(table) == 4 and "A" in table and "Nope" not in table and bool(table)
    assert decoded_count(table) == 1  # only the first entry, decoded up front
    assert table["A"] == SHAPES["A"]
    assert table.get("C") == SHAPES["C"] and table.get("Nope") is None and table.get("Nope", 1) == 1
    assert decoded_count(table) == 3
    assert table["A"] is table["A"] is table.get("A")  # decoded once, then shared
    with pytest.raises(KeyError):
        table["Nope"]


def test_whole_mapping_operations_see_every_entry_in_file_order() -> None:
    table = lazy()
    first = table["C"]
    assert list(table) == list(SHAPES)
    assert table["C"] is first  # identity kept through materializing
    for view in (
        lambda t: list(t.keys()),
        lambda t: list(t.values()),
        lambda t: list(t.items()),
        lambda t: dict(t),
        lambda t: {**t},
        lambda t: t.copy(),
        lambda t: json.dumps(t),
        lambda t: repr(t),
        lambda t: list(reversed(t)),
        lambda t: copy.deepcopy(t),
        lambda t: pickle.loads(pickle.dumps(t)),
        lambda t: t | {},
        lambda t: {} | t,
    ):
        expected = view(dict(SHAPES))
        assert view(lazy()) == expected
        assert view(table) == expected


def test_equality_both_ways() -> None:
    assert lazy() == SHAPES and SHAPES == lazy() and lazy() == lazy()
    assert lazy() != {**SHAPES, "D": {}} and not (lazy() != SHAPES)


def test_mutation_works_like_a_dict() -> None:
    table = lazy()
    table["A"]["extra"] = 1  # in place on a decoded shape: sticks
    assert table["A"]["extra"] == 1
    table["D"] = {"type": "integer"}
    assert list(table)[-1] == "D" and len(table) == 5 and table["A"]["extra"] == 1
    del table["B"]
    assert "B" not in table and table.pop("C")["type"] == "list" and table.setdefault("E", {}) == {}
    table.update(F={"type": "long"})
    assert list(table) == ["A", "Err", "D", "E", "F"]


def test_exception_items_without_decoding_the_rest() -> None:
    table = lazy()
    assert exception_items(table) == [("Err", SHAPES["Err"])]
    assert decoded_count(table) == 2  # the first entry and the error
    table["A"]["exception"] = True  # an in-place edit of a decoded shape is seen
    assert [name for name, _ in exception_items(table)] == ["A", "Err"]
    assert exception_items(dict(SHAPES)) == [("Err", SHAPES["Err"])]


def test_concurrent_first_lookups_share_one_decoded_shape() -> None:
    table = lazy({f"S{i}": {"type": "string", "n": i} for i in range(200)})
    seen: list[list[Any]] = []
    barrier = threading.Barrier(4)

    def work() -> None:
        barrier.wait()
        seen.append([table[f"S{i}"] for i in range(200)])

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(all(a is b for a, b in zip(seen[0], other, strict=True)) for other in seen[1:])


def test_split_cache_entries_give_the_same_value(tmp_path: Path) -> None:
    document = {"version": "2.0", "metadata": {"x": 1}, "shapes": SHAPES, "operations": {"Op": {}}}
    source = tmp_path / "service-2.json"
    source.write_text(json.dumps(document))
    env = {"AWSESSION_CACHE_DIR": str(tmp_path / "cache")}

    def parse(path: str) -> Any:
        return json.loads(Path(path).read_text())

    miss = cached_parse(str(source), parse, env, split="shapes")
    hit = cached_parse(str(source), parse, env, split="shapes")
    assert type(miss["shapes"]) is dict and isinstance(hit["shapes"], LazyShapes)
    assert hit == miss == document and list(hit) == list(document)
    plain = cached_parse(str(source), parse, env)  # the whole-value entry is a separate one
    assert type(plain["shapes"]) is dict and plain == document


def test_a_split_request_for_a_value_without_that_member_is_stored_whole(tmp_path: Path) -> None:
    source = tmp_path / "other.json"
    source.write_text(json.dumps({"a": [1, 2]}))
    env = {"AWSESSION_CACHE_DIR": str(tmp_path / "cache")}

    def parse(path: str) -> Any:
        return json.loads(Path(path).read_text())

    for _ in range(2):
        assert cached_parse(str(source), parse, env, split="shapes") == {"a": [1, 2]}


@pytest.mark.parametrize("service", ["s3", "ec2", "dynamodb", "rds", "sqs"])
def test_real_models_served_lazily_equal_the_published_json(
    service: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWSESSION_CACHE_DIR", str(tmp_path))
    roots = data_roots()
    load_service_model(service, loader=DataLoader(roots))  # fills the cache
    model = load_service_model(service, loader=DataLoader(roots))  # served from it
    assert isinstance(model.shapes, LazyShapes)
    eager = load_service_model(service, loader=DataLoader(roots))
    monkeypatch.setenv("AWSESSION_NO_DATA_CACHE", "1")
    reference = load_service_model(service, loader=DataLoader(roots))
    assert type(reference.shapes) is dict
    # Errors first (the index path), then single lookups, then the whole document.
    assert model.exception_shapes == reference.exception_shapes
    assert model.error_shapes_by_code == reference.error_shapes_by_code
    for name in list(reference.shapes)[::7]:
        assert model.shapes[name] == reference.shapes[name]
    assert eager.raw == reference.raw and list(eager.shapes) == list(reference.shapes)
    path = next(p for p in (Path(r) for r in roots) if (p / service).is_dir())
    published = sorted((path / service).iterdir())[-1] / "service-2.json.gz"
    if published.exists():
        raw = json.loads(gzip.decompress(published.read_bytes()))
        assert list(model.shapes) == list(raw["shapes"])
