"""plot_rumination and plot_tone: points, centred rolling mean, components, notes."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from reflection_kit.plots import plot_rumination, plot_tone
from reflection_kit.plots._style import rolling_mean
from reflection_kit.plots.time import COMPONENT_LABELS, SUBNOTE_GID
from reflection_kit.text.index_spec import index_spec

from ._helpers import by_gid, legend_texts, notes


def test_rumination_draws_points_mean_and_labels(daily, ax):
    out = plot_rumination(daily, ax=ax)
    assert out is ax
    assert ax.get_title() == "How much the writing loops back, day by day"
    assert "higher = more" in ax.get_ylabel() and "looping language" in ax.get_ylabel()
    (points,) = by_gid(ax.collections, "daily_points")
    assert len(points.get_offsets()) == daily["rumination"].notna().sum()
    (line,) = by_gid(ax.lines, "rolling_mean")
    assert "7-day mean (centred)" in legend_texts(ax)
    expected = daily["rumination"].rolling(7, center=True, min_periods=2).mean()
    np.testing.assert_allclose(line.get_ydata(), expected.to_numpy(), equal_nan=True)
    assert notes(ax) == []


def test_rumination_rolling_mean_is_centred():
    s = pd.Series([0.0, 0, 0, 10, 0, 0, 0], index=pd.date_range("2025-01-01", periods=7))
    smooth = rolling_mean(s, 3)
    assert smooth.iloc[2] == pytest.approx(10 / 3)  # the day before the peak already sees it
    assert smooth.iloc[4] == pytest.approx(10 / 3)


def _strip(ax):
    (strip,) = [a for a in ax.child_axes if a.get_gid() == "components"]
    return strip


def _strip_total(strip, x: np.ndarray) -> np.ndarray:
    """The strip's height on each day: raising parts minus lowering parts, read off the
    drawn polygons (each part spans from its base to its top on each day)."""
    total = np.zeros(len(x))
    for coll in strip.collections:
        sign = {"component_raises": 1.0, "component_lowers": -1.0}.get(coll.get_gid())
        if sign is None:
            continue
        for path in coll.get_paths():
            v = path.vertices
            for i, xi in enumerate(x):
                ys = v[np.isclose(v[:, 0], xi), 1]
                if len(ys):
                    total[i] += sign * (ys.max() - ys.min())
    return total


def _assert_strip_adds_up(ax) -> None:
    import matplotlib.dates as mdates

    (line,) = by_gid(ax.lines, "rolling_mean")
    mean = np.asarray(line.get_ydata(), dtype=float)
    x = mdates.date2num(line.get_xdata())
    drawn = ~np.isnan(mean)
    assert drawn.sum() >= 2
    total = _strip_total(_strip(ax), x[drawn])
    np.testing.assert_allclose(total, mean[drawn], rtol=0, atol=1e-9)


def test_rumination_components_strip(daily, ax):
    plot_rumination(daily, ax=ax)
    strip = _strip(ax)
    labels = legend_texts(strip)
    spec = index_spec()
    contributing = [c for c in spec.components if c.weight != 0]
    assert labels == [c.label for c in contributing]  # every contribution, in spec order
    assert "release language" in labels and "tone of the words" in labels  # the good news too
    assert len(by_gid(strip.collections, "component_raises")) == len(labels)
    assert len(by_gid(strip.collections, "component_lowers")) == len(labels)
    legend = strip.get_legend()
    assert "add up to the line" in legend.get_title().get_text().replace("\n", " ")
    assert min(t.get_fontsize() for t in [*legend.get_texts(), legend.get_title()]) >= 9
    assert strip.get_ylabel() == "parts"
    assert strip.get_ylim()[0] < 0 < strip.get_ylim()[1]  # parts below zero are drawn
    _assert_strip_adds_up(ax)


def test_strip_adds_up_on_a_constructed_frame(ax):
    """Parts of both signs, several windows: the strip is the drawn line on every day."""
    days = pd.date_range("2025-03-03", periods=12, name="date")
    spec = index_spec()
    rng = np.random.default_rng(3)
    frame = pd.DataFrame(
        {c: rng.uniform(-1 if "tone" in c else 0, 2, len(days)) for c in spec.columns},
        index=days,
    )
    frame.iloc[4] = np.nan  # a day without writing: left out of the line and of the strip
    frame["rumination"] = spec.index(frame)
    assert (spec.parts(frame) < 0).any().any() and (spec.parts(frame) > 0).any().any()
    for window in (1, 3, 7):
        fig, ax = plt.subplots(figsize=(9, 3.6))
        plot_rumination(frame, window=window, ax=ax)
        _assert_strip_adds_up(ax)
        plt.close(fig)


def test_strip_adds_up_on_the_sample(sample):
    """The sample's daily panel (rk.daily): the strip adds up to the drawn 7-day mean."""
    _fig, ax = plt.subplots(figsize=(9, 3.6))
    plot_rumination(sample["panel"], ax=ax)
    _assert_strip_adds_up(ax)
    expected = rolling_mean(sample["panel"]["rumination"].astype(float), 7)
    (line,) = by_gid(ax.lines, "rolling_mean")
    np.testing.assert_allclose(line.get_ydata(), expected.to_numpy(), equal_nan=True)


def test_no_strip_when_the_parts_are_not_the_drawn_column(daily, ax):
    plot_rumination(daily.assign(other=daily["rumination"] + 1), column="other", ax=ax)
    assert not ax.child_axes
    assert any("shown for `rumination` only" in t.get_text() for t in ax.texts)


def test_nothing_overlaps_the_points(sample):
    """The points sit between the line's legend (top) and the strip (bottom); the strip's
    legend is under the dates, outside the axes."""
    fig, ax = plt.subplots(figsize=(9, 3.6), dpi=96)
    plot_rumination(sample["panel"], ax=ax)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    (points,) = by_gid(ax.collections, "daily_points")
    ys = ax.transData.transform(points.get_offsets())[:, 1]
    strip = _strip(ax)
    assert ys.min() > strip.get_window_extent(renderer).y1
    assert ys.max() < ax.get_legend().get_window_extent(renderer).y0
    strip_legend = strip.get_legend().get_window_extent(renderer)
    labels = [t.get_window_extent(renderer) for t in ax.get_xticklabels() if t.get_text()]
    assert strip_legend.y1 < min(b.y0 for b in labels)


def test_rumination_without_components(daily, ax):
    plot_rumination(daily, components=False, ax=ax)
    assert len(ax.child_axes) == 0
    only = daily[["rumination"]]
    ax2 = plt.figure().add_subplot()
    plot_rumination(only, ax=ax2)
    assert len(ax2.child_axes) == 0
    assert any("components not in the daily panel" in t.get_text() for t in ax2.texts)
    assert all(t.get_fontsize() >= 9 for t in ax2.texts)
    assert all(t.get_gid() == SUBNOTE_GID for t in ax2.texts)


def test_rumination_kwargs_reach_the_line(daily, ax):
    plot_rumination(daily, window=3, color="#123456", label="smooth", ax=ax)
    (line,) = by_gid(ax.lines, "rolling_mean")
    assert line.get_color() == "#123456"
    assert "smooth" in legend_texts(ax)


def test_rumination_window_one_is_not_smoothed(daily, ax):
    plot_rumination(daily, window=1, components=False, ax=ax)
    (line,) = by_gid(ax.lines, "rolling_mean")
    np.testing.assert_allclose(line.get_ydata(), daily["rumination"].to_numpy(), equal_nan=True)


@pytest.mark.parametrize("window", [0, -3, 2.5, True, "7"])
def test_bad_window(daily, ax, window):
    with pytest.raises(ValueError, match="`window` must be a whole number"):
        plot_rumination(daily, window=window, ax=ax)
    with pytest.raises(ValueError, match="`window`"):
        plot_tone(daily, window=window, ax=ax)


def test_not_a_frame(ax):
    with pytest.raises(TypeError, match="`data` must be a pandas DataFrame, got list"):
        plot_rumination([1, 2, 3], ax=ax)


def test_dates_are_concise(daily, ax):
    import matplotlib.dates as mdates

    plot_tone(daily, ax=ax)
    assert isinstance(ax.xaxis.get_major_formatter(), mdates.ConciseDateFormatter)


def test_date_column_instead_of_index(daily, ax):
    flat = daily.reset_index()
    plot_rumination(flat, ax=ax)
    (points,) = by_gid(ax.collections, "daily_points")
    assert len(points.get_offsets()) == daily["rumination"].notna().sum()


def test_entry_level_frame_is_averaged_per_day(ax):
    entries = pd.DataFrame(
        {
            "date": pd.to_datetime(["2025-03-03", "2025-03-03", "2025-03-05"]),
            "tone": [0.2, 0.4, -0.1],
        }
    )
    plot_tone(entries, window=1, ax=ax)
    (points,) = by_gid(ax.collections, "daily_points")
    np.testing.assert_allclose(points.get_offsets()[:, 1], [0.3, -0.1])


def test_tone_zero_line_and_wording(daily, ax):
    plot_tone(daily, ax=ax)
    assert ax.get_title() == "Tone of the writing, day by day"
    (zero,) = by_gid(ax.lines, "zero_line")
    assert set(zero.get_ydata()) == {0.0}
    words = " ".join([ax.get_title(), ax.get_ylabel(), *legend_texts(ax)]).lower()
    assert "tone" in words
    assert "progress" not in words and "mood" not in words
    lo, hi = ax.get_ylim()
    assert lo == -hi and hi <= 1.0


@pytest.mark.parametrize("plot", [plot_rumination, plot_tone])
@pytest.mark.parametrize("case", ["empty", "single", "all_na", "no_column"])
def test_notes_instead_of_errors(make_daily, plot, case, ax):
    column = "rumination" if plot is plot_rumination else "tone"
    d = make_daily(days=10)
    if case == "empty":
        d = d.iloc[:0]
    elif case == "single":
        d = d.iloc[:1].assign(**{column: 0.4})
    elif case == "all_na":
        d[column] = np.nan
    else:
        d = d.drop(columns=[column])
    out = plot(d, ax=ax)
    assert out is ax
    (text,) = notes(ax)
    assert len(ax.lines) == 0 and len(ax.collections) == 0
    expected = {
        "empty": "empty",
        "single": "Only one day",
        "all_na": "no day in this range has a value",
        "no_column": f"no `{column}` column",
    }[case]
    assert expected in text.replace("\n", " ")


def test_ax_none_draws_on_current_axes(daily):
    _, ax = plt.subplots()
    assert plot_rumination(daily) is ax
    _, ax2 = plt.subplots()
    assert plot_tone(daily) is ax2
    assert len(ax2.lines) >= 2


def test_input_is_not_modified(daily, ax):
    before = daily.copy()
    plot_rumination(daily.reset_index(), ax=ax)
    plot_tone(daily, ax=ax)
    pd.testing.assert_frame_equal(daily, before)


def test_component_labels_come_from_the_index_specification():
    assert index_spec().labels == COMPONENT_LABELS
