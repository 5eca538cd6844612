"""The on-disk cache of parsed data files: same values, never a correctness risk."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from awsession.model import disk_cache
from awsession.model.disk_cache import MIN_SIZE, cache_folder, cached_parse

BIG = {"shapes": {f"Shape{i}": {"type": "string", "documentation": "x" * 40} for i in range(600)},
       "list": [1, 2.5, None, True, "é"]}


def _source(tmp_path: Path, value: Any = BIG, name: str = "service-2.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(value))
    assert value is not BIG or path.stat().st_size >= MIN_SIZE
    return str(path)


class Parser:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, path: str) -> Any:
        self.calls += 1
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {"AWSESSION_CACHE_DIR": str(tmp_path / "cache"), **extra}


def test_second_parse_is_served_from_the_cache(tmp_path: Path) -> None:
    path, parse, env = _source(tmp_path), Parser(), _env(tmp_path)
    first = cached_parse(path, parse, env)
    second = cached_parse(path, parse, env)
    assert first == second == BIG
    assert parse.calls == 1
    assert second is not first  # a fresh value each time: callers may mutate what they get


def test_a_changed_source_is_parsed_again(tmp_path: Path) -> None:
    path, parse, env = _source(tmp_path), Parser(), _env(tmp_path)
    cached_parse(path, parse, env)
    changed = {**BIG, "extra": "y" * 100}
    Path(path).write_text(json.dumps(changed))
    os.utime(path, ns=(1, 1))
    assert cached_parse(path, parse, env) == changed
    assert parse.calls == 2


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty"])
def test_a_damaged_entry_is_ignored_and_rewritten(tmp_path: Path, damage: str) -> None:
    path, parse, env = _source(tmp_path), Parser(), _env(tmp_path)
    cached_parse(path, parse, env)
    folder = Path(cache_folder(env) or "")
    (entry,) = list(folder.iterdir())
    blob = entry.read_bytes()
    damaged = {"truncate": blob[: len(blob) // 2], "flip": blob[:-5] + bytes([blob[-5] ^ 0xFF]) + blob[-4:],
               "garbage": b"\x00" * 64, "empty": b""}[damage]
    entry.write_bytes(damaged)
    assert cached_parse(path, parse, env) == BIG
    assert parse.calls == 2
    assert cached_parse(path, parse, env) == BIG  # the entry was rewritten whole
    assert parse.calls == 2


@pytest.mark.parametrize("value", ["1", "true", "yes"])
def test_opt_out_writes_nothing(tmp_path: Path, value: str) -> None:
    path, parse, env = _source(tmp_path), Parser(), _env(tmp_path, AWSESSION_NO_DATA_CACHE=value)
    assert cache_folder(env) is None
    cached_parse(path, parse, env)
    cached_parse(path, parse, env)
    assert parse.calls == 2
    assert not (tmp_path / "cache").exists()


def test_opt_out_values_that_mean_no(tmp_path: Path) -> None:
    for value in ("", "0", "false", "FALSE"):
        assert cache_folder(_env(tmp_path, AWSESSION_NO_DATA_CACHE=value)) is not None


def test_small_files_are_cached_too(tmp_path: Path) -> None:
    # A process that reads only cached files never imports json (which costs milliseconds).
    path, parse, env = _source(tmp_path, {"a": 1}, "partitions.json"), Parser(), _env(tmp_path)
    assert cached_parse(path, parse, env) == {"a": 1}
    assert cached_parse(path, parse, env) == {"a": 1}
    assert parse.calls == 1
    assert (tmp_path / "cache").exists()


def test_an_unwritable_cache_folder_is_harmless(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("file")
    path, parse = _source(tmp_path), Parser()
    env = {"AWSESSION_CACHE_DIR": str(blocker)}
    assert cached_parse(path, parse, env) == BIG
    assert cached_parse(path, parse, env) == BIG
    assert parse.calls == 2


def test_folder_defaults_follow_xdg_then_home(tmp_path: Path) -> None:
    tag = f"data-{disk_cache.sys.implementation.cache_tag}"
    assert cache_folder({"XDG_CACHE_HOME": "/x"}) == os.path.join("/x", "awsession", tag)
    assert cache_folder({"AWSESSION_CACHE_DIR": "/c", "XDG_CACHE_HOME": "/x"}) == os.path.join("/c", tag)
    home = cache_folder({})
    assert home is not None and home.endswith(os.path.join(".cache", "awsession", tag))


def test_no_temporary_files_are_left_behind(tmp_path: Path) -> None:
    path, env = _source(tmp_path), _env(tmp_path)
    cached_parse(path, Parser(), env)
    names = [p.name for p in Path(cache_folder(env) or "").iterdir()]
    assert len(names) == 1 and names[0].endswith(".marshal")


def test_loader_values_equal_with_and_without_the_cache(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from awsession.model.loader import DataLoader, data_roots

    roots = data_roots(home=str(tmp_path))
    monkeypatch.setenv("AWSESSION_CACHE_DIR", str(tmp_path / "cache"))
    cached = [DataLoader(roots).load("endpoints") for _ in range(2)]
    monkeypatch.setenv("AWSESSION_NO_DATA_CACHE", "1")
    plain = DataLoader(roots).load("endpoints")
    assert cached[0] == cached[1] == plain
    assert any((tmp_path / "cache").rglob("*.marshal"))


def test_an_entry_for_another_key_is_never_used(tmp_path: Path) -> None:
    """Names are short checksums; the full key inside the entry decides (a clash only re-parses)."""
    path, parse, env = _source(tmp_path), Parser(), _env(tmp_path)
    cached_parse(path, parse, env)
    (entry,) = list(Path(cache_folder(env) or "").iterdir())
    blob = entry.read_bytes()
    own = os.path.abspath(path).encode()
    assert own in blob
    entry.write_bytes(blob.replace(own, own[:-1] + b"X"))  # same length, other file, valid CRC
    assert cached_parse(path, parse, env) == BIG
    assert parse.calls == 2
