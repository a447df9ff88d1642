"""plot_rumination and plot_tone: points, centred rolling mean, components, notes."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from reflection_kit.plots import plot_rumination, plot_tone
from reflection_kit.plots._style import rolling_mean
from reflection_kit.plots.time import COMPONENT_LABELS, SUBNOTE_GID

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


def test_rumination_components_strip(daily, ax):
    plot_rumination(daily, ax=ax)
    (strip,) = [a for a in ax.child_axes if a.get_gid() == "components"]
    labels = legend_texts(strip)
    assert "why-questions" in labels and "what-if / should-have" in labels
    assert "past tense" not in labels  # weight 0 in the published index: not a part of it
    assert set(labels) <= set(COMPONENT_LABELS.values())
    assert len(strip.collections) == len(labels)
    assert "weighted parts" in strip.get_legend().get_title().get_text()
    # the data sits above the strip: the y ticks only cover the data range
    lo, hi = daily["rumination"].min(), daily["rumination"].max()
    assert ax.get_ylim()[0] < lo - 0.5 * (hi - lo)
    assert min(ax.get_yticks()) >= lo - 1e-9


def test_rumination_without_components(daily, ax):
    plot_rumination(daily, components=False, ax=ax)
    assert len(ax.child_axes) == 0
    only = daily[["rumination"]]
    ax2 = plt.figure().add_subplot()
    plot_rumination(only, ax=ax2)
    assert len(ax2.child_axes) == 0
    assert any("components not in the daily panel" in t.get_text() for t in ax2.texts)
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
    with pytest.raises(TypeError, match="`daily` must be a pandas DataFrame, got list"):
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


# one entry a day, each with different looping language (questions, why, what-if, replaying)
_TEXTS = (
    "Why did he leave? Was it me? I keep replaying the last night over and over.",
    "If only I had called. What was I supposed to say? We used to talk every day.",
    "Went for a long walk with my sister. I accept that it is over and I feel lighter.",
    "Is he happy now? Does he think of us? I still reread his messages every night.",
    "Why can't I stop? I should have seen it. Everything reminds me of our flat.",
)


def _scored_daily() -> pd.DataFrame:
    import reflection_kit as rk

    local = pd.date_range("2025-03-03 21:00", periods=len(_TEXTS), freq="D")
    journal = pd.DataFrame(
        {"text": list(_TEXTS), "local_time": local, "timestamp": local.tz_localize("UTC")}
    )
    return rk.daily(rk.score_entries(journal, cache=False, baseline=None))


def test_every_component_is_in_the_panel_and_the_strip_adds_up_to_the_index(ax):
    """The drift of issue 13: daily left out question_rate, so the strip did too."""
    import matplotlib.dates as mdates

    from reflection_kit.text.index_spec import index_spec

    spec = index_spec()
    panel = _scored_daily()
    assert set(spec.columns) <= set(panel.columns)  # question_rate (weight 1.5) included
    assert panel["question_rate"].gt(0).any()
    plot_rumination(panel, window=1, ax=ax)
    (strip,) = [a for a in ax.child_axes if a.get_gid() == "components"]
    raising = [c for c in spec.components if c.raises]
    assert legend_texts(strip) == [c.label for c in raising]
    assert "other brooding questions" in legend_texts(strip)
    # the top of the stack, day by day, is the sum of the raising parts; with the lowering
    # parts (tone, release) it is the index itself (one entry a day, no smoothing)
    verts = strip.collections[-1].get_paths()[0].vertices
    x = mdates.date2num(panel.index)
    top = np.array([verts[np.isclose(verts[:, 0], xi), 1].max() for xi in x])
    parts = spec.parts(panel)
    np.testing.assert_allclose(top, parts[[c.column for c in raising]].sum(axis=1))
    lowering = parts[[c.column for c in spec.components if not c.raises]].sum(axis=1)
    np.testing.assert_allclose(top + lowering, panel["rumination"])
    assert spec.labels == COMPONENT_LABELS
