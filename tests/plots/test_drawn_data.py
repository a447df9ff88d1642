"""Behaviour pins: what every plot draws from the sample, and the review's figures.

Issue 13 folds the statistics the plots and the review computed themselves into the metrics
("plots and the review compute no statistic of their own"). These pins check that the folding
changes nothing that is drawn or said: each plot function's drawn data (line, collection and
patch coordinates, tick labels, texts) on the fixed-seed sample, reduced to a hash, and the
review's summary sentence word for word. A deliberate change of a plot updates its hash here,
in the same change, with the reason.
"""

from __future__ import annotations

import hashlib
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest

import reflection_kit as rk
from reflection_kit import review as rv

from ._helpers import SAMPLE


def _round(values) -> list:
    arr = np.asarray(values, dtype=float).ravel()
    return [None if not np.isfinite(v) else float(f"{v:.9g}") for v in arr]


def _axes_data(ax) -> list:
    """Everything data-like an axes (and its inset axes) holds, in drawing order."""
    out: list = [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
    for line in ax.lines:
        out.append(("line", line.get_gid(), _round(line.get_xydata())))
    for coll in ax.collections:
        paths = [_round(p.vertices) for p in coll.get_paths()]
        out.append(("coll", coll.get_gid(), _round(coll.get_offsets()), paths))
    for patch in ax.patches:
        corners = patch.get_patch_transform().transform(patch.get_path().vertices)
        out.append(("patch", patch.get_gid(), _round(corners)))
    for image in ax.images:
        out.append(("image", _round(np.asarray(image.get_array(), dtype=float))))
    out.append(("texts", [t.get_text() for t in ax.texts]))
    out.append(("xticks", [t.get_text() for t in ax.get_xticklabels()]))
    out.append(("yticks", [t.get_text() for t in ax.get_yticklabels()]))
    legend = ax.get_legend()
    if legend is not None:
        out.append(("legend", [t.get_text() for t in legend.get_texts()]))
    for child in ax.child_axes:
        out.append(("child", _axes_data(child)))
    return out


def _digest(fig) -> str:
    data = [_axes_data(ax) for ax in fig.axes]
    return hashlib.sha256(repr(data).encode()).hexdigest()[:16]


@pytest.fixture(scope="module")
def sample():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        journal = rk.score_entries(rk.read_journal(SAMPLE / "notes"), people=["Alex"], cache=False)
        urges = rk.read_urges(SAMPLE / "urges.csv")
        panel = rk.daily(journal, urges)
        stats = rk.urge_stats(urges)
        streak_rows = rk.streaks(urges)
    return {
        "journal": journal,
        "urges": urges,
        "panel": panel,
        "stats": stats,
        "streaks": streak_rows,
    }


# sha256 prefixes of the drawn data (see _axes_data), taken after the rumination strip drew
# every component of the index specification (question_rate included)
PINS = {
    "plot_rumination": "91200b008264125f",
    "plot_tone": "61e99e0d754f00f1",
    "plot_calendar": "ce64b3cfb1d7ffd0",
    "plot_time_to_lapse": "6aa231ba6754a65a",
    "plot_urges_weekly": "689bb6b4d6b9269c",
    "plot_coping": "e9c6c1d439456f39",
    "plot_urge_clock": "53eece5e4ec8f2da",
    "dashboard": "d9d922a8fc4bf8db",
}
DRAW = {
    "plot_rumination": lambda s, ax: rk.plot_rumination(s["panel"], ax=ax),
    "plot_tone": lambda s, ax: rk.plot_tone(s["panel"], ax=ax),
    "plot_calendar": lambda s, ax: rk.plot_calendar(s["panel"], ax=ax),
    "plot_time_to_lapse": lambda s, ax: rk.plot_time_to_lapse(s["streaks"], ax=ax),
    "plot_urges_weekly": lambda s, ax: rk.plot_urges_weekly(s["panel"], ax=ax),
    "plot_coping": lambda s, ax: rk.plot_coping(s["stats"], ax=ax),
    "plot_urge_clock": lambda s, ax: rk.plot_urge_clock(s["stats"], ax=ax),
}


@pytest.mark.parametrize("name", list(PINS))
def test_drawn_data_is_pinned(sample, name):
    if name == "dashboard":
        fig = rk.dashboard(sample["panel"], urges=sample["urges"])
    else:
        fig, ax = plt.subplots(figsize=(9, 4))
        DRAW[name](sample, ax)
    assert _digest(fig) == PINS[name], name


def test_review_summary_is_pinned(sample):
    panel = sample["panel"]
    period = rv.period_of(panel)
    text = rv.summary(panel, period, urges=sample["urges"])
    assert str(text) == SUMMARY
    assert rv.period_of(panel, "2025-03-01", "2025-03-14").label() == "1 Mar – 14 Mar 2025"


SUMMARY = (
    '<p class="rk-summary">In the last 4 weeks (26 May – 22 Jun 2025): 27 of 28 days without '
    "checking social media (longest run 25 days). Urges went from 1.6 to 0.6 a day, and 94% "
    "were resisted (n=17). Breathing was followed by a resisted urge most often (n=5). 21 "
    "journal entries on 21 days; the writing looped back less than in the 4 weeks before "
    "(index 1.13 → 0.40).</p>"
)
