"""The PNG bar chart of a result: absolute times side by side, and awsession / boto3 ratios vs targets
(the async rows' reference, in the boto3 bars, is aiobotocore).

Rules: matplotlib is an optional bench dependency imported only here, inside ``draw``; without it the
chart is skipped (``draw`` returns False) and the rest of the report still gets written. Log scales,
because the SDKs differ by orders of magnitude.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["draw"]

_COLOURS = {"boto3": "#9aa5b1", "awsession": "#2b7bb9", True: "#3a9d5d", False: "#d1495b", None: "#9aa5b1"}


def draw(result: dict[str, Any], path: Path) -> bool:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    rows = result["metrics"]
    timed = [row for row in rows if row["unit"] == "s"]
    fig, (left, right) = plt.subplots(1, 2, figsize=(15, 0.36 * len(rows) + 2.2),
                                      gridspec_kw={"width_ratios": [1, 1]})
    _absolute(left, timed)
    _ratios(right, rows)
    fig.suptitle(f"awsession vs boto3 — {result['generated']}, {result['machine']['nproc']} CPU(s), "
                 f"Python {result['machine']['python']}", fontsize=11)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True


def _absolute(ax: Any, rows: list[dict[str, Any]]) -> None:
    positions = list(range(len(rows)))
    millis = {sdk: [row[sdk] * 1e3 if isinstance(row[sdk], float) and row[sdk] > 0 else None for row in rows]
              for sdk in ("boto3", "awsession")}
    known = [value for values in millis.values() for value in values if value is not None]
    floor = min(known, default=1.0) / 3
    for offset, sdk in ((-0.2, "boto3"), (0.2, "awsession")):
        for p, value in zip(positions, millis[sdk], strict=True):
            if value is None:
                ax.text(floor, p + offset, " n/a", va="center", fontsize=7, color="#555555")
            else:
                ax.barh(p + offset, value - floor, left=floor, height=0.38, color=_COLOURS[sdk])
    ax.set_yticks(positions, [row["label"] for row in rows], fontsize=8)
    ax.invert_yaxis()
    ax.set_xscale("log")
    ax.set_xlim(left=floor)
    ax.set_xlabel("milliseconds (log scale; lower is better)")
    ax.set_title("Time", fontsize=10)
    from matplotlib.patches import Patch

    ax.legend(handles=[Patch(color=_COLOURS[sdk], label=sdk) for sdk in ("boto3", "awsession")],
              loc="lower right", fontsize=8)
    ax.grid(axis="x", which="both", alpha=0.25)


def _ratios(ax: Any, rows: list[dict[str, Any]]) -> None:
    positions = list(range(len(rows)))
    for p, row in zip(positions, rows, strict=True):
        ratio = row["ratio"]
        if ratio is not None and ratio > 0:  # a bar from parity (1) to the ratio
            ax.barh(p, abs(ratio - 1), left=min(ratio, 1.0), height=0.6, color=_COLOURS[row["pass"]])
            ax.text(ratio, p, f" {ratio:.3g} ", va="center", fontsize=7, ha="right" if ratio < 1 else "left")
        else:
            ax.text(1.0, p, " n/a", va="center", ha="left", fontsize=7, color="#555555")
        if row["target"] is not None:
            ax.plot([row["target"]] * 2, [p - 0.42, p + 0.42], color="black", linewidth=1.6)
    ax.axvline(1.0, color="#555555", linewidth=0.8, linestyle="--")
    ax.set_yticks(positions, [row["label"] for row in rows], fontsize=8)
    ax.invert_yaxis()
    ax.set_xscale("log")
    ax.set_xlim(1e-4, 20)
    ax.set_xlabel("awsession / boto3, async rows / aiobotocore (log scale; parity = 1)")
    ax.set_title("Ratio — black tick: target; green pass, red fail, grey no target", fontsize=10)
    ax.grid(axis="x", which="both", alpha=0.25)
