"""Plain-text tables and secret masking for terminal output.

Pure: rows in, text out. ``mask`` is the only way a secret-bearing value reaches a table.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["mask", "render_table"]


def mask(value: str | None) -> str:
    """``****************ABCD``: 16 stars and the last four characters (the AWS CLI's mask)."""
    if not value:
        return "None"
    return "*" * 16 + value[-4:]


def render_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Columns left-aligned and separated by two spaces; the last column is not padded."""
    widths = [len(h) for h in headers]
    for row in rows:
        for index, cell in enumerate(row):
            widths[index] = max(widths[index], len(cell))

    def line(cells: Sequence[str]) -> str:
        padded = [cell.ljust(widths[i]) for i, cell in enumerate(cells[:-1])]
        return "  ".join([*padded, cells[-1]]).rstrip()

    return "\n".join([line(headers), *(line(row) for row in rows)])
