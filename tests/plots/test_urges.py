"""plot_urge_clock, plot_urges_weekly and plot_coping: artists, gentle words, n, notes."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from reflection_kit.frames import empty_urges
from reflection_kit.metrics import urge_stats
from reflection_kit.plots import plot_coping, plot_urge_clock, plot_urges_weekly

from ._helpers import by_gid, legend_texts, notes

HARSH = ("fail", "relapse", "weak", "bad")


def _urges(rows):
    """A small urge frame: (local time, kind, acted, coping)."""
    local = pd.to_datetime([r[0] for r in rows]).as_unit("us")
    return pd.DataFrame(
        {
            "local_time": local,
            "date": local.normalize(),
            "kind": pd.Categorical([r[1] for r in rows], categories=[
                "reach_out", "check_social", "reread", "fantasize", "other"], ordered=True),
            "acted": pd.array([r[2] for r in rows], dtype="boolean"),
            "coping": pd.array([r[3] for r in rows], dtype="str"),
            "intensity": np.full(len(rows), 5.0),
        }
    )  # fmt: skip


def _all_text(ax) -> str:
    parts = [ax.get_title(), ax.get_xlabel(), ax.get_ylabel(), *legend_texts(ax)]
    parts += [t.get_text() for t in ax.get_yticklabels() + ax.get_xticklabels()]
    return " ".join(parts).lower()


# ------------------------------------------------------------------------- urge clock


def test_clock_counts_each_urge_in_its_cell(ax):
    u = _urges(
        [
            ("2025-03-03 21:15", "check_social", True, "breathing"),  # Monday 21h
            ("2025-03-03 21:50", "reach_out", False, "movement"),  # Monday 21h
            ("2025-03-08 07:05", "reread", False, "breathing"),  # Saturday 7h
        ]
    )
    plot_urge_clock(u, ax=ax)
    (mesh,) = by_gid(ax.collections, "urge_clock")
    grid = np.asarray(mesh.get_array()).reshape(7, 24)
    assert grid[0, 21] == 2 and grid[5, 7] == 1 and grid.sum() == 3
    assert [t.get_text() for t in ax.get_yticklabels()][:2] == ["Mon", "Tue"]
    assert ax.get_xticklabels()[0].get_text() == "00:00"
    assert ax.get_xlabel() == "hour of the day, local time"
    assert "(3 urges)" in ax.get_title()
    assert sorted(t.get_text() for t in ax.texts) == ["1", "2"]  # counts in the cells
    assert min(t.get_fontsize() for t in ax.texts) >= 9
    assert len(ax.figure.axes) == 2  # the colour bar
    bar = ax.figure.axes[1]
    ax.figure.canvas.draw()
    ticks = [float(t.get_text().replace("−", "-")) for t in bar.get_yticklabels() if t.get_text()]
    assert ticks and all(t == int(t) for t in ticks)  # counts: whole numbers only


def test_clock_day_starts_moves_late_night_urges(ax):
    u = _urges(
        [
            ("2025-03-08 01:30", "check_social", True, "other"),  # Sat 1:30 -> Friday's day
            ("2025-03-09 12:00", "check_social", False, "other"),
        ]
    )
    plot_urge_clock(u, day_starts=4, colorbar=False, counts=False, ax=ax)
    (mesh,) = by_gid(ax.collections, "urge_clock")
    grid = np.asarray(mesh.get_array()).reshape(7, 24)
    assert grid[4, (1 - 4) % 24] == 1  # Friday row, the 01:00 column (hours start at 04:00)
    assert ax.get_xticklabels()[0].get_text() == "04:00"
    assert "a day starts at 04:00" in ax.get_xlabel()
    assert len(ax.figure.axes) == 1 and len(ax.texts) == 0


def test_clock_takes_urge_stats(sample_urges, ax):
    stats = urge_stats(sample_urges)
    plot_urge_clock(stats, ax=ax)
    (mesh,) = by_gid(ax.collections, "urge_clock")
    assert np.asarray(mesh.get_array()).sum() == stats.hour_weekday.to_numpy().sum()


def test_clock_bad_day_starts(sample_urges, ax):
    with pytest.raises(ValueError, match="day_starts"):
        plot_urge_clock(sample_urges, day_starts=25, ax=ax)


def test_clock_not_a_frame(ax):
    with pytest.raises(TypeError, match="`data` must be a pandas DataFrame"):
        plot_urge_clock("urges.csv", ax=ax)


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("empty", "the urge frame is empty"),
        ("single", "from one day"),
        ("no_time", "cannot be placed in time"),
        ("all_na_time", "has a time of day"),
    ],
)
def test_clock_notes(case, expected, ax):
    if case == "empty":
        u = empty_urges()
    else:
        u = _urges([("2025-03-03 09:00", "reach_out", True, "other")] * 3)
        if case == "no_time":
            u = u.drop(columns=["local_time", "date"])
        elif case == "all_na_time":
            u["local_time"] = pd.NaT
            u["date"] = pd.NaT
    assert plot_urge_clock(u, ax=ax) is ax
    (text,) = notes(ax)
    flat = text.replace("\n", " ")
    assert expected in flat


# ------------------------------------------------------------------------- weekly


def _rate(ax):
    (strip,) = [a for a in ax.child_axes if a.get_gid() == "resisted_rate_axes"]
    (dots,) = by_gid(strip.collections, "resisted_rate")
    return strip, dots


def test_weekly_bars_rate_and_n(daily, ax):
    plot_urges_weekly(daily, ax=ax)
    resisted = by_gid(ax.patches, "bars_resisted")
    acted = by_gid(ax.patches, "bars_acted")
    weeks = len(daily) // 7
    assert len(resisted) == len(acted) == weeks
    week = daily.index - pd.to_timedelta(daily.index.day_of_week, unit="D")
    sums = daily[["resisted", "acted"]].groupby(week).sum()
    assert [p.get_height() for p in resisted] == sums["resisted"].tolist()
    assert [p.get_height() for p in acted] == sums["acted"].tolist()
    n_texts = [t for t in ax.texts if t.get_gid() == "week_n"]
    assert [t.get_text() for t in n_texts] == [str(int(n)) for n in sums.sum(axis=1)]
    assert min(t.get_fontsize() for t in n_texts) >= 9
    # the share resisted: one dot a week on its own 0-100 % strip, no second y axis
    assert ax.figure.axes == [ax]
    strip, dots = _rate(ax)
    rate = sums["resisted"] / sums.sum(axis=1) * 100
    np.testing.assert_allclose(dots.get_offsets()[:, 1], rate.to_numpy())
    assert [t.get_text() for t in strip.get_yticklabels()] == ["0%", "50%", "100%"]
    assert legend_texts(ax)[:2] == ["resisted", "acted on"]
    assert legend_texts(ax)[-1].startswith("share resisted (dot area: n")
    text = _all_text(ax) + " " + strip.get_ylabel()
    assert not any(word in text for word in HARSH)
    assert "n" in ax.get_xlabel()


def test_weekly_small_n_does_not_look_as_strong(ax):
    """A 100 % week of 2 urges and one of 29: smaller, hollow dot for the week of 2."""
    days = pd.date_range("2025-03-03", periods=14, name="date")
    resisted = [29] + [0] * 6 + [2] + [0] * 6
    d = pd.DataFrame({"resisted": resisted, "acted": [0] * 14}, index=days)
    d["urges"] = d["resisted"]
    plot_urges_weekly(d, ax=ax)
    _strip, dots = _rate(ax)
    assert dots.get_offsets()[:, 1].tolist() == [100.0, 100.0]
    big, small = dots.get_sizes()
    assert small < big / 2
    faces = dots.get_facecolors()
    assert faces[0][3] == 1.0 and faces[1][3] == 0.0  # filled for n=29, hollow for n=2


def test_weekly_ticks_sit_under_the_bars_and_the_year_is_clear(make_daily):
    """With 2 weeks of data each bar has its tick; the x label does not touch the year."""
    fig, ax = plt.subplots(figsize=(9, 3.6), dpi=96)
    plot_urges_weekly(make_daily(days=14), ax=ax)
    centres = [p.get_x() + p.get_width() / 2 for p in by_gid(ax.patches, "bars_resisted")]
    np.testing.assert_allclose(sorted(ax.get_xticks()), sorted(centres))
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels == ["3 Mar\n2025", "10 Mar"]
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    assert ax.xaxis.get_offset_text().get_text() == ""
    label_box = ax.xaxis.label.get_window_extent(renderer)
    for tick in ax.get_xticklabels():
        assert not label_box.overlaps(tick.get_window_extent(renderer))
    assert ax.get_legend().get_window_extent(renderer).y1 < label_box.y0


def test_weekly_unknown_outcome_part(make_daily, ax):
    d = make_daily(days=14)
    d["urges"] = d["urges"] + 1  # one urge a logged day without a noted outcome
    plot_urges_weekly(d, ax=ax)
    assert by_gid(ax.patches, "bars_unknown")
    assert "outcome not noted" in legend_texts(ax)


def test_weekly_week_without_outcomes_has_no_point(make_daily, ax):
    d = make_daily(days=14)
    d.loc[d.index[7:], ["urges", "resisted", "acted"]] = pd.NA
    plot_urges_weekly(d, ax=ax)
    _strip, dots = _rate(ax)
    y = dots.get_offsets()[:, 1]
    assert np.ma.is_masked(y[1]) or np.isnan(y[1])
    assert not np.isnan(y[0])


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("empty", "no days"),
        ("single", "One day so far"),
        ("all_na", "has urges logged yet"),
        ("zero", "No urges on the"),
        ("no_column", "no `resisted` or `acted` column"),
    ],
)
def test_weekly_notes(make_daily, case, expected, ax):
    d = make_daily(days=14)
    if case == "empty":
        d = d.iloc[:0]
    elif case == "single":
        d = d.iloc[:1]
    elif case == "all_na":
        d[["urges", "resisted", "acted"]] = pd.NA
        d["logged"] = False
    elif case == "zero":
        d[["urges", "resisted", "acted"]] = 0
        d["logged"] = True
    else:
        d = d.drop(columns=["resisted", "acted"])
    assert plot_urges_weekly(d, ax=ax) is ax
    (text,) = notes(ax)
    assert expected in text.replace("\n", " ")
    assert len(ax.patches) == 0


# ------------------------------------------------------------------------- coping


def test_coping_from_sample(sample_urges, ax):
    stats = urge_stats(sample_urges)
    plot_coping(sample_urges, ax=ax)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    table = stats.coping
    assert len(labels) == len(table)
    best = table.iloc[table["resisted_rate"].to_numpy().argmax()]
    assert labels[0] == f"{best['coping'].replace('_', ' ')} (n={best['n']})"
    assert all("(n=" in label for label in labels)
    (data_line,) = [line for line in ax.lines if line.get_gid() == "coping_ranked"][:1]
    np.testing.assert_allclose(sorted(data_line.get_xdata()), sorted(table["resisted_rate"] * 100))
    assert [t.get_text() for t in ax.get_xticklabels()][-1] == "100%"
    assert any(t.startswith("all urges:") for t in legend_texts(ax))
    assert not any(word in _all_text(ax) for word in HARSH)


def test_coping_intervals_are_wilson(ax):
    rows = [("2025-03-03 09:00", "reach_out", i >= 8, "breathing") for i in range(10)]
    rows += [("2025-03-04 09:00", "reach_out", False, "movement")] * 2
    plot_coping(_urges(rows), ax=ax)
    bars = [c for c in ax.collections if c.get_gid() == "coping_ranked"]
    (segment,) = bars[0].get_segments()
    assert segment[:, 0].tolist() == pytest.approx([49.02, 94.33], abs=0.01)  # Wilson 8/10


def test_coping_small_n_is_faded_and_not_ranked(ax):
    rows = [("2025-03-03 09:00", "reach_out", i % 2 == 0, "breathing") for i in range(6)]
    rows += [("2025-03-04 10:00", "reach_out", False, "urge_surfing")] * 2
    plot_coping(_urges(rows), min_n=5, ax=ax)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "breathing (n=6)"
    assert labels[1] == "urge surfing (n=2)\ntoo few to rank (n<5)"
    assert ax.get_yticklabels()[1].get_color() != ax.get_yticklabels()[0].get_color()
    faded = [line for line in ax.lines if line.get_gid() == "coping_faded"]
    assert faded and faded[0].get_alpha() < 1
    assert "too few to rank (n<5)" in legend_texts(ax)


def test_coping_kwargs_and_min_n(sample_urges, ax):
    plot_coping(sample_urges, min_n=1000, color="#000000", ax=ax)
    assert not [line for line in ax.lines if line.get_gid() == "coping_ranked"]
    with pytest.raises(ValueError, match="`min_n` must be a whole number"):
        plot_coping(sample_urges, min_n=0, ax=ax)


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("empty", "the urge frame is empty"),
        ("single", "from one day"),
        ("no_coping", "notes a coping strategy"),
        ("na_outcome", "notes a coping strategy"),
    ],
)
def test_coping_notes(case, expected, ax):
    rows = [("2025-03-03 09:00", "reach_out", True, "breathing"),
            ("2025-03-05 09:00", "reach_out", False, "movement")]  # fmt: skip
    u = empty_urges() if case == "empty" else _urges(rows)
    if case == "single":
        u = _urges(rows[:1] * 3)
    elif case == "no_coping":
        # the frame's own text dtype: pandas 2.2 turns None into "None" for dtype="str"
        u["coping"] = pd.array([None, None], dtype=u["coping"].dtype)
    elif case == "na_outcome":
        u["acted"] = pd.array([None, None], dtype="boolean")
    assert plot_coping(u, ax=ax) is ax
    (text,) = notes(ax)
    assert expected in text.replace("\n", " ")


def test_ax_none_draws_on_current_axes(sample_urges, daily):
    for draw in (
        lambda: plot_urge_clock(sample_urges, colorbar=False),
        lambda: plot_urges_weekly(daily),
        lambda: plot_coping(sample_urges),
    ):
        _, ax = plt.subplots()
        assert draw() is ax
