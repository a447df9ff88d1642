"""plot_time_to_lapse: step curve, band, censored marks, median, number at risk, notes."""

from __future__ import annotations

import math
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from reflection_kit.metrics import streaks, time_to_lapse
from reflection_kit.plots import plot_time_to_lapse

from ._helpers import by_gid, legend_texts, notes

STREAKS = pd.DataFrame(
    {"days": [2, 3, 3, 7, 1, 5], "ended": [True, True, False, False, True, True]}
)


def test_curve_band_censored_and_median(ax):
    curve = time_to_lapse(STREAKS)
    assert plot_time_to_lapse(STREAKS, ax=ax) is ax
    (line,) = by_gid(ax.lines, "survival")
    np.testing.assert_allclose(line.get_xdata(), curve.table["time"])
    np.testing.assert_allclose(line.get_ydata(), curve.table["survival"])
    assert line.get_drawstyle() == "steps-post"
    (band,) = by_gid(ax.collections, "ci_band")
    assert band is not None
    (cens,) = by_gid(ax.lines, "censored")
    assert cens.get_marker() == "|"
    assert sorted(cens.get_xdata()) == [3.0, 7.0]
    (median,) = by_gid(ax.lines, "median")
    assert list(median.get_xdata()) == [0, curve.median, curve.median]
    assert list(median.get_ydata()) == [0.5, 0.5, 0]
    texts = legend_texts(ax)
    assert "95% interval" in texts
    assert f"median: {curve.median:g} days (half ended by then)" in texts
    assert ax.get_title() == "How long streaks tend to last (6 streaks, 4 ended)"


def test_number_at_risk_under_the_ticks(ax):
    plot_time_to_lapse(STREAKS, ax=ax)
    labels = {float(t.get_text().split("\n")[0]): t.get_text() for t in ax.get_xticklabels()}
    durations = STREAKS["days"].to_numpy()
    for day, label in labels.items():
        at_risk = int((durations >= day).sum())
        assert label.endswith(f"({at_risk})"), (day, label)
    assert "streaks still going" in ax.get_xlabel()


def test_median_not_reached(ax):
    s = pd.DataFrame({"days": [4, 6, 9], "ended": [True, False, False]})
    plot_time_to_lapse(s, ax=ax)
    assert not by_gid(ax.lines, "median")
    assert "median not reached: over half are still going" in legend_texts(ax)


def test_takes_a_lapse_curve_and_sample_streaks(sample_urges, ax):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        s = streaks(sample_urges)
    curve = time_to_lapse(s)
    plot_time_to_lapse(curve, ax=ax)
    (line,) = by_gid(ax.lines, "survival")
    assert len(line.get_xdata()) == len(curve.table)
    assert math.isfinite(curve.median) == bool(by_gid(ax.lines, "median"))


def test_gap_ended_streaks_are_censored(ax):
    s = STREAKS.assign(ended_by=["slip", "gap", "", "", "slip", "slip"])
    plot_time_to_lapse(s, ax=ax)
    assert "(6 streaks, 3 ended)" in ax.get_title()


def test_kwargs_reach_the_line(ax):
    plot_time_to_lapse(STREAKS, color="#111111", linewidth=4, ax=ax)
    (line,) = by_gid(ax.lines, "survival")
    assert line.get_color() == "#111111" and line.get_linewidth() == 4


@pytest.mark.parametrize(
    ("frame", "expected"),
    [
        (pd.DataFrame({"days": [], "ended": []}), "No streaks yet"),
        (pd.DataFrame({"days": [4], "ended": [False]}), "One streak so far: 4 days"),
        (pd.DataFrame({"days": [1], "ended": [True]}), "1 day, and it ended"),
        (pd.DataFrame({"length": [1, 2]}), "cannot be measured"),
        (pd.DataFrame({"days": [np.nan, np.nan], "ended": [True, False]}), "cannot be measured"),
    ],
)
def test_notes(frame, expected, ax):
    assert plot_time_to_lapse(frame, ax=ax) is ax
    (text,) = notes(ax)
    assert expected in text.replace("\n", " ")
    assert len(ax.lines) == 0


def test_not_a_frame(ax):
    with pytest.raises(TypeError, match="`streaks_or_curve` must be a streaks frame"):
        plot_time_to_lapse([3, 4], ax=ax)


def test_ax_none_draws_on_current_axes():
    _, ax = plt.subplots()
    assert plot_time_to_lapse(STREAKS) is ax
