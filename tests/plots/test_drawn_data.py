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

import matplotlib.pyplot as plt
import numpy as np
import pytest

import reflection_kit as rk
from reflection_kit import review as rv


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


# sha256 prefixes of the drawn data (see _axes_data). Updated deliberately for issue 15
# ("The plots"): rumination draws every part of the index, both signs, in a strip that adds up
# to the line; weekly urges draw the share resisted as dots sized by n on their own strip (no
# twin axes) with one tick per bar; time to lapse speaks plain words and is drawn from
# MIN_STREAKS ended streaks; the urge clock's colour bar has whole-number ticks; the calendar
# marks days nobody logged and writes day numbers. Coping and tone draw exactly what they drew
# before on the same inputs (their pins move only with the scored sample itself). Rumination,
# tone and the dashboard moved again with lexicon 2.0 (issue 14: the passage-based index).
PINS = {
    "plot_rumination": "c397601db097b454",
    "plot_tone": "ddfb1a05ba864ea8",
    "plot_calendar": "1bcdd967742df83e",
    "plot_time_to_lapse": "454ac4d9b6f5e3a9",
    "plot_urges_weekly": "2242dc3c8f350926",
    "plot_coping": "e9c6c1d439456f39",
    "plot_urge_clock": "e41af6aff00f2a4e",
    "dashboard": "b735e1796adfeb00",
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
    "(index 3.96 → 1.80).</p>"
)
