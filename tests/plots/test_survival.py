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
from reflection_kit.plots.survival import MIN_STREAKS

from ._helpers import by_gid, legend_texts, notes

STREAKS = pd.DataFrame(
    {"days": [2, 3, 3, 7, 1, 5, 4], "ended": [True, True, False, False, True, True, True]}
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
    (going,) = by_gid(ax.lines, "still_going")
    assert going.get_marker() == "|"
    assert sorted(going.get_xdata()) == [3.0, 7.0]
    (median,) = by_gid(ax.lines, "median")
    assert list(median.get_xdata()) == [0, curve.median, curve.median]
    assert list(median.get_ydata()) == [0.5, 0.5, 0]
    texts = legend_texts(ax)
    assert "95% range of likely values" in texts
    assert f"half of the streaks lasted at least {curve.median:g} days" in texts
    assert "a streak still going (or its last day not logged)" in texts
    assert ax.get_title() == "How long streaks tend to last (7 streaks: 5 ended, 2 still going)"
    words = " ".join([ax.get_title(), ax.get_xlabel(), ax.get_ylabel(), *texts]).lower()
    for jargon in ("censor", "median", "event", "at risk", "half ended", "fail", "relapse"):
        assert jargon not in words


def test_number_at_risk_under_the_ticks(ax):
    plot_time_to_lapse(STREAKS, ax=ax)
    labels = {float(t.get_text().split("\n")[0]): t.get_text() for t in ax.get_xticklabels()}
    durations = STREAKS["days"].to_numpy()
    for day, label in labels.items():
        at_risk = int((durations >= day).sum())
        assert label.endswith(f"({at_risk})"), (day, label)
    assert "streaks still going" in ax.get_xlabel()


def test_half_not_reached(ax):
    s = pd.DataFrame({"days": [4, 6, 9, 5, 8] + [10] * 6, "ended": [True] * 5 + [False] * 6})
    plot_time_to_lapse(s, ax=ax)
    assert not by_gid(ax.lines, "median")
    assert "more than half of the streaks are still going" in legend_texts(ax)


def test_takes_a_lapse_curve_and_sample_streaks(sample_urges, ax):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        s = streaks(sample_urges)
    curve = time_to_lapse(s)
    plot_time_to_lapse(curve, ax=ax)
    (line,) = by_gid(ax.lines, "survival")
    assert len(line.get_xdata()) == len(curve.table)
    assert math.isfinite(curve.median) == bool(by_gid(ax.lines, "median"))


def test_gap_ended_streaks_count_as_still_going(ax):
    s = pd.concat([STREAKS, STREAKS]).assign(
        ended_by=["slip", "gap", "", "", "slip"] + ["slip"] * 9
    )
    plot_time_to_lapse(s, ax=ax)
    assert "(14 streaks: 9 ended, 5 still going)" in ax.get_title()


def test_kwargs_reach_the_line(ax):
    plot_time_to_lapse(STREAKS, color="#111111", linewidth=4, ax=ax)
    (line,) = by_gid(ax.lines, "survival")
    assert line.get_color() == "#111111" and line.get_linewidth() == 4


def test_minimum_is_a_module_constant():
    assert MIN_STREAKS == 5
    from reflection_kit import plots

    assert plots.survival.MIN_STREAKS is MIN_STREAKS


@pytest.mark.parametrize("ended", [MIN_STREAKS - 1, MIN_STREAKS])
def test_not_drawn_below_the_minimum_of_ended_streaks(ended, ax):
    s = pd.DataFrame({"days": [3] * (ended + 3), "ended": [True] * ended + [False] * 3})
    plot_time_to_lapse(s, ax=ax)
    if ended < MIN_STREAKS:
        (text,) = notes(ax)
        flat = text.replace("\n", " ")
        assert f"at least {MIN_STREAKS} streaks have ended" in flat
        assert f"{ended + 3} streaks so far: {ended} ended, 3 still going" in flat
        assert not by_gid(ax.lines, "survival")
    else:
        assert notes(ax) == [] and by_gid(ax.lines, "survival")


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
    with pytest.raises(TypeError, match="`data` must be a streaks frame"):
        plot_time_to_lapse([3, 4], ax=ax)


def test_ax_none_draws_on_current_axes():
    _, ax = plt.subplots()
    assert plot_time_to_lapse(STREAKS) is ax
