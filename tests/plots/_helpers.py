"""Helpers for the plot tests: a daily panel builder and artist look-ups (never pixels)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from reflection_kit.plots._style import NOTE_GID
from reflection_kit.text.index_spec import index_spec

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"

#: The rumination components of the daily panel: every component of the index specification.
COMPONENTS = index_spec().columns


def build_daily(
    days: int = 42,
    *,
    start: str = "2025-03-03",
    seed: int = 7,
    columns: Iterable[str] | None = None,
    unlogged_every: int = 5,
) -> pd.DataFrame:
    """A daily panel shaped like ``rk.daily(journal=scored, urges=urges)``.

    Every day of the range is present; days without entries have NaN language columns; every
    ``unlogged_every``-th day is not logged (urge counts NA, status "unknown"). The components
    follow a falling trend, some of them below zero (the parts that lower the index), and
    ``rumination`` is their index (``index_spec().index``), as in ``rk.daily``.
    ``columns`` keeps only those columns (the index stays).
    """
    rng = np.random.default_rng(seed)
    index = pd.date_range(start, periods=days, freq="D", name="date")
    entries = rng.integers(0, 3, size=days)
    wrote = entries > 0
    words = np.where(wrote, rng.integers(40, 300, size=days), 0)

    def lang(mean: float, sd: float) -> np.ndarray:
        return np.where(wrote, rng.normal(mean, sd, size=days), np.nan)

    trend = np.linspace(1.0, -0.5, days)
    df = pd.DataFrame(
        {
            "entries": entries.astype("int64"),
            "words": words.astype("int64"),
            "rumination": np.where(wrote, 1.0 + trend + rng.normal(0, 0.5, days), np.nan),
            "release": lang(1.0, 0.5).clip(0),
            "tone": lang(0.05, 0.15).clip(-1, 1),
            "markers": np.where(wrote, rng.integers(0, 12, size=days), 0).astype("int64"),
        },
        index=index,
    )
    df["ruminative"] = pd.array(
        [pd.NA if not w else bool(r > 1.0) for w, r in zip(wrote, df["rumination"], strict=True)],
        dtype="boolean",
    )
    spec = index_spec()
    for c in COMPONENTS:
        scale = 3.0 if spec.component(c).unit == "per 100 words" else 1.0
        value = lang(scale, 0.4 * scale) * np.linspace(1.5, 0.5, days)
        df[c] = value if c.endswith("tone") else value.clip(0)
    df["rumination"] = spec.index(df).where(wrote, np.nan)
    logged = (np.arange(days) % unlogged_every) != unlogged_every - 1
    urges = rng.integers(0, 5, size=days)
    acted = np.minimum(urges, rng.integers(0, 3, size=days))

    def counts(values: np.ndarray) -> pd.arrays.IntegerArray:
        return pd.arrays.IntegerArray(values.astype("int64"), ~logged)

    df["urges"] = counts(urges)
    df["acted"] = counts(acted)
    df["resisted"] = counts(urges - acted)
    df["intensity"] = np.where(logged & (urges > 0), rng.uniform(2, 9, size=days), np.nan)
    df["logged"] = logged
    checked = logged & (acted > 0) & (rng.random(days) < 0.5)
    status = np.where(~logged, "unknown", np.where(checked, "checked", "clean"))
    df["checked_social"] = pd.array(
        [None if s == "unknown" else s == "checked" for s in status], dtype="boolean"
    )
    df["social_status"] = pd.array(status, dtype="str")
    if columns is not None:
        df = df[list(columns)]
    return df


def notes(ax) -> list[str]:
    """Texts of the 'empty axes' notes on ``ax``."""
    return [t.get_text() for t in ax.texts if t.get_gid() == NOTE_GID]


def legend_texts(ax) -> list[str]:
    legend = ax.get_legend()
    return [] if legend is None else [t.get_text() for t in legend.get_texts()]


def by_gid(artists, gid: str) -> list:
    return [a for a in artists if a.get_gid() == gid]
