"""docs/configuration.md carries the settings table generated from FIELDS; this test keeps it
current. Regenerate with ``.venv/bin/python tests/unit/config/test_config_docs.py``."""

from __future__ import annotations

import sys
from pathlib import Path
from types import MappingProxyType
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "src"))

from awsession.config import FIELDS  # noqa: E402

DOC = ROOT / "docs" / "configuration.md"
BEGIN = "<!-- BEGIN SETTINGS TABLE (generated from awsession.config.FIELDS) -->"
END = "<!-- END SETTINGS TABLE -->"


def _code(items: Any) -> str:
    return ", ".join(f"`{item}`" for item in items) or "-"


def _default(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, MappingProxyType):
        return "`{}`"
    return f"`{value}`"


def render_table() -> str:
    rows = ["| Setting | Environment variables | Profile keys | Type | Default | Defaults-mode key "
            "| Notes |",
            "|---|---|---|---|---|---|---|"]
    for field in FIELDS.values():
        notes = field.doc
        if field.choices:
            notes += f" One of {_code(field.choices)}."
        rows.append(f"| `{field.name}` | {_code(field.env_vars)} | {_code(field.profile_keys)} "
                    f"| {field.kind.name} | {_default(field.default)} "
                    f"| {_code([field.defaults_mode] if field.defaults_mode else [])} | {notes} |")
    return "\n".join([BEGIN, *rows, END])


def _current_table(text: str) -> str:
    start, stop = text.index(BEGIN), text.index(END) + len(END)
    return text[start:stop]


def test_configuration_doc_table_is_current() -> None:
    text = DOC.read_text()
    assert _current_table(text) == render_table(), (
        "docs/configuration.md is out of date: run "
        ".venv/bin/python tests/unit/config/test_config_docs.py")


def test_every_field_appears_in_the_doc() -> None:
    text = DOC.read_text()
    for name in FIELDS:
        assert f"| `{name}` |" in text


if __name__ == "__main__":
    content = DOC.read_text()
    DOC.write_text(content.replace(_current_table(content), render_table()))
    print(f"updated {DOC}")
