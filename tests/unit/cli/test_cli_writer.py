"""config/writer.py (the pure text edit) and config/filewrite.py (the locked, atomic file write)."""

from __future__ import annotations

import configparser
import hashlib
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from awsession.config.filewrite import update_file
from awsession.config.inifile import parse_ini
from awsession.config.writer import (
    ConfigWriteError,
    InvalidValueError,
    SectionEdit,
    edit_text,
)
from awsession.exceptions import ConfigParseError


def edit(text: str, header: str, **values: str | dict[str, str]) -> str:
    return edit_text(text, [SectionEdit(header, values)], "cfg")


# -- the AWS CLI's observed layout ----------------------------------------------------------------

def test_sequence_matches_aws_cli_bytes() -> None:
    # Same steps as a recorded `aws configure set` session (awscli 1.45), same bytes out.
    text = "[default]\nregion = x\n\n[profile a]\nregion = y\n# c\n\n[profile b]\noutput=json"
    text = edit(text, "default", output="text")
    text = edit(text, "profile a", output="table")
    text = edit(text, "profile b", region="z")
    text = edit(text, "profile c", region="w")
    text = edit(text, "profile a", s3={"x": "1"})
    assert text == ("[default]\nregion = x\noutput = text\n\n[profile a]\nregion = y\n"
                    "output = table\ns3 =\n    x = 1\n# c\n\n[profile b]\noutput=json\n"
                    "region = z\n[profile c]\nregion = w\n")


def test_new_file_gets_section_and_lines() -> None:
    assert edit("", "profile dev-account", region="eu-west-1", output="json") == (
        "[profile dev-account]\nregion = eu-west-1\noutput = json\n")


def test_edited_line_rewritten_and_nothing_else() -> None:
    text = "# top\n[default]\nregion   =   us-west-2\n; note\noutput=json\n\n[x]\nk = v\n"
    assert edit(text, "default", region="eu-west-1") == (
        "# top\n[default]\nregion = eu-west-1\n; note\noutput=json\n\n[x]\nk = v\n")


def test_existing_nested_keeps_sibling_indent_and_others() -> None:
    text = "[profile x]\ns3 =\n  addressing_style = path\nregion = eu-west-1\n# trailing\n"
    out = edit(text, "profile x", s3={"signature_version": "s3v4", "addressing_style": "virtual"})
    assert out == ("[profile x]\ns3 =\n  addressing_style = virtual\n  signature_version = s3v4\n"
                   "region = eu-west-1\n# trailing\n")


def test_scalar_replaced_by_nested_and_back() -> None:
    text = "[a]\ns3 = oops\nz = 1\n"
    nested = edit(text, "a", s3={"k": "v"})
    assert nested == "[a]\ns3 =\n    k = v\nz = 1\n"
    assert edit(nested, "a", s3="flat") == "[a]\ns3 = flat\nz = 1\n"


def test_crlf_file_keeps_crlf_and_untouched_lines() -> None:
    text = "[a]\r\nx = 1\r\n# keep\r\n[b]\r\ny = 2\r\n"
    assert edit(text, "a", x="2", z="3") == "[a]\r\nx = 2\r\nz = 3\r\n# keep\r\n[b]\r\ny = 2\r\n"


def test_indented_options_stay_options() -> None:
    text = "[a]\n  region = x\n  output = y\n"
    out = edit(text, "a", region="r", extra="e")
    assert parse_ini(out, "f") == {"a": {"region": "r", "output": "y", "extra": "e"}}
    assert out == "[a]\n  region = r\n  output = y\n  extra = e\n"


def test_multiline_value_replaced_comments_kept() -> None:
    text = "[a]\nk = one\n  two\n# c\n  three\nn = 1\n"
    assert edit(text, "a", k="v") == "[a]\nk = v\n# c\nn = 1\n"


def test_last_matching_section_is_edited() -> None:
    text = '[profile dev]\nregion = a\n[profile "dev"]\nregion = b\n'
    out = edit_text(text, [SectionEdit("profile dev", {"region": "c"},
                                       match=lambda h: h in ("profile dev", 'profile "dev"'))], "f")
    assert out == '[profile dev]\nregion = a\n[profile "dev"]\nregion = c\n'


def test_new_section_after_default_section_inherits_ok() -> None:
    text = "[DEFAULT]\nshared = 1\n[a]\nx = 1\n"
    assert edit(text, "b", y="2") == "[DEFAULT]\nshared = 1\n[a]\nx = 1\n[b]\ny = 2\n"


@pytest.mark.parametrize("value", ["SECRETX\nb", "SECRETX\rb", "[SECRETX]", "SECRETX]",
                                   "SECRETX\x00", " SECRETX", "SECRETX "])
def test_unwritable_values_refused_without_echo(value: str) -> None:
    with pytest.raises(InvalidValueError) as info:
        edit("[a]\n", "a", k=value)
    assert "SECRETX" not in str(info.value)
    assert "'k'" in str(info.value)


@pytest.mark.parametrize("key", ["", "a b", "k=v", "[k]", "#k", "k\n"])
def test_bad_key_names_refused(key: str) -> None:
    with pytest.raises(InvalidValueError):
        edit_text("", [SectionEdit("a", {key: "v"})], "f")


@pytest.mark.parametrize("header", ["", "a]b", "x\ny", "DEFAULT", " pad"])
def test_bad_headers_refused(header: str) -> None:
    with pytest.raises(InvalidValueError):
        edit_text("", [SectionEdit(header, {"k": "v"})], "f")


def test_malformed_text_refused_with_line() -> None:
    with pytest.raises(ConfigParseError, match="cfg, line 2"):
        edit("[a]\nno equals sign here\n", "a", k="v")


# -- a property: edits land, everything else reads the same ---------------------------------------

_names = st.sampled_from(["region", "output", "s3", "aws_access_key_id", "foo_bar", "x-y"])
_values = st.text(alphabet="abcXYZ019-_/:.=+ ", min_size=1, max_size=12).map(str.strip).filter(bool)
_sections = st.sampled_from(["default", "profile dev", "profile prod", "preview", "sso-session s"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_sections, _names, st.one_of(_values, st.dictionaries(
    st.sampled_from(["addressing_style", "max_concurrency", "k"]), _values, min_size=1))),
    max_size=12))
def test_random_edits_read_back_like_configparser(steps: list[tuple[str, str, object]]) -> None:
    text = "# kept\n[default]\nregion = us-east-1\n\n[other]\nkeep = me\n"
    model: dict[str, dict[str, object]] = {"default": {"region": "us-east-1"},
                                           "other": {"keep": "me"}}
    for header, key, value in steps:
        text = edit_text(text, [SectionEdit(header, {key: value})], "f")  # type: ignore[dict-item]
        section = model.setdefault(header, {})
        old = section.get(key)
        section[key] = {**old, **value} if isinstance(value, dict) and isinstance(old, dict) \
            else value
    assert text.startswith("# kept\n[default]\n")
    assert parse_ini(text, "f") == model
    reference = configparser.RawConfigParser()
    reference.read_string(text)
    assert set(reference.sections()) == set(model)
    assert reference.get("other", "keep") == "me"


# -- the file write -------------------------------------------------------------------------------

def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_creates_dirs_0700_and_file_0600(tmp_path: Path) -> None:
    target = tmp_path / "home" / ".aws" / "config"
    assert update_file(str(target), [SectionEdit("default", {"region": "x"})]) is True
    assert target.read_text() == "[default]\nregion = x\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "home").stat().st_mode) == 0o700
    assert (target.parent / "config.lock").exists()
    assert sorted(p.name for p in target.parent.iterdir()) == ["config", "config.lock"]


def test_existing_mode_kept_and_unchanged_file_not_rewritten(tmp_path: Path) -> None:
    target = tmp_path / "config"
    target.write_text("[default]\nregion = x\n")
    target.chmod(0o640)
    inode = target.stat().st_ino
    assert update_file(str(target), [SectionEdit("default", {"region": "x"})]) is False
    assert target.stat().st_ino == inode
    assert update_file(str(target), [SectionEdit("default", {"region": "y"})]) is True
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_symlink_target_is_edited(tmp_path: Path) -> None:
    real = tmp_path / "real-config"
    real.write_text("[default]\n")
    link = tmp_path / "config"
    link.symlink_to(real)
    update_file(str(link), [SectionEdit("default", {"region": "x"})])
    assert link.is_symlink()
    assert real.read_text() == "[default]\nregion = x\n"


@pytest.mark.parametrize(("content", "message"), [
    (b"[default]\nregion = x\nthis line has no equals\n", "line 3"),
    (b"[profile dev\nregion = x", "line 1"),                     # truncated header
    (b"[default]\nregion = x\n[prof", "line 3"),                 # truncated mid-file
    (b"[default]\nregion = \xff\xfe\n", "line 2: the file is not valid UTF-8"),
    (b"[default]\nregion = x\x00\x00\n", "line 2 holds binary data"),
    (b"region = x\n[default]\n", "line 1"),
    (b"[a]\nk = 1\n[a]\nk = 2\n", "line 3"),
])
def test_malformed_files_refused_untouched(tmp_path: Path, content: bytes, message: str) -> None:
    target = tmp_path / "config"
    target.write_bytes(content)
    before = (digest(target), target.stat().st_mtime_ns)
    with pytest.raises((ConfigParseError, ConfigWriteError), match=message) as info:
        update_file(str(target), [SectionEdit("default", {"region": "y"})])
    assert str(target) in str(info.value)
    assert (digest(target), target.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config", "config.lock"]


def test_read_only_file_refused_even_for_root(tmp_path: Path) -> None:
    target = tmp_path / "config"
    target.write_text("[default]\nregion = x\n")
    target.chmod(0o400)
    before = digest(target)
    with pytest.raises(ConfigWriteError, match="read-only"):
        update_file(str(target), [SectionEdit("default", {"region": "y"})])
    assert digest(target) == before


def test_directory_in_place_of_file_refused(tmp_path: Path) -> None:
    (tmp_path / "config").mkdir()
    with pytest.raises(ConfigWriteError, match="not a regular file"):
        update_file(str(tmp_path / "config"), [SectionEdit("default", {"region": "y"})])


def test_invalid_value_refused_before_touching_disk(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "config"
    with pytest.raises(InvalidValueError):
        update_file(str(target), [SectionEdit("default", {"region": "a\nb"})])
    assert not (tmp_path / "sub").exists()


def test_parent_is_a_file_gives_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "blocker").write_text("x")
    with pytest.raises(ConfigWriteError, match="cannot write"):
        update_file(str(tmp_path / "blocker" / "config"), [SectionEdit("a", {"k": "v"})])


def test_threads_do_not_lose_writes(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    target = str(tmp_path / "config")

    def write(i: int) -> bool:
        return update_file(target, [SectionEdit("default", {f"key{i}": str(i)})])

    with ThreadPoolExecutor(max_workers=16) as pool:
        assert all(pool.map(write, range(40)))
    values = parse_ini(Path(target).read_text(), target)["default"]
    assert values == {f"key{i}": str(i) for i in range(40)}
    assert not [n for n in os.listdir(tmp_path) if n.endswith(".tmp")]
