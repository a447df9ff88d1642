"""plot_calendar: a GitHub-style grid, legend in plain words, month labels, notes."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from reflection_kit.plots import PALETTE, plot_calendar

from ._helpers import legend_texts, notes


def _frame(statuses, start="2025-03-03", column="social_status"):
    index = pd.date_range(start, periods=len(statuses), name="date")
    return pd.DataFrame({column: pd.array(statuses, dtype="str")}, index=index)


def _cells(ax):
    return {c.get_gid(): c for c in ax.collections}


def test_one_square_per_day_in_week_columns(ax):
    statuses = ["clean"] * 10 + ["checked"] * 3 + ["unknown"] * 2 + ["skip"]
    d = _frame(statuses, start="2025-03-05")  # a Wednesday
    plot_calendar(d, ax=ax)
    cells = _cells(ax)
    counts = {k: len(c.get_paths()) for k, c in cells.items()}
    assert counts == {
        "calendar_clean": 10,
        "calendar_checked": 3,
        "calendar_unknown": 2,
        "calendar_skip": 1,
    }
    # the first day sits in week column 0, row 2 (Wednesday; Monday on top)
    first = cells["calendar_clean"].get_paths()[0].vertices
    assert first[:, 0].min() == pytest.approx(0) and first[:, 1].min() == pytest.approx(2)
    last = cells["calendar_skip"].get_paths()[0].vertices  # 2025-03-20, a Thursday
    assert last[:, 0].min() == pytest.approx(2) and last[:, 1].min() == pytest.approx(3)
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
    ]  # fmt: skip
    assert ax.get_ylim()[0] > ax.get_ylim()[1]  # Monday on top


def test_legend_in_plain_words_with_totals(ax):
    plot_calendar(_frame(["clean"] * 5 + ["checked"] + ["unknown"] * 2), ax=ax)
    assert legend_texts(ax) == [
        "no checking (5 days)",
        "checked (1 day)",
        "not logged (2 days)",
    ]
    assert ax.get_title() == "Days without checking social media: 5 of 8 days"


def test_colours_are_the_palette(ax):
    plot_calendar(_frame(["clean", "checked", "unknown", "clean"]), ax=ax)
    cells = _cells(ax)
    from matplotlib.colors import to_rgba

    assert tuple(cells["calendar_clean"].get_facecolor()[0]) == to_rgba(PALETTE["clean"])
    assert tuple(cells["calendar_checked"].get_facecolor()[0]) == to_rgba(PALETTE["checked"])


def test_month_labels(ax):
    d = _frame(["clean"] * 120, start="2024-12-20")
    plot_calendar(d, ax=ax)
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels == ["Dec 2024", "Jan 2025", "Feb", "Mar", "Apr"]


def test_boolean_column_and_fallback(ax):
    index = pd.date_range("2025-03-03", periods=4, name="date")
    d = pd.DataFrame(
        {"checked_social": pd.array([True, False, None, False], dtype="boolean")}, index=index
    )
    plot_calendar(d, ax=ax)  # no social_status: checked_social is used
    assert legend_texts(ax) == ["no checking (2 days)", "checked (1 day)", "not logged (1 day)"]


def test_unknown_values_count_as_not_logged(ax):
    plot_calendar(_frame(["clean", "maybe", "", "checked"]), ax=ax)
    assert "not logged (2 days)" in legend_texts(ax)


def test_missing_days_are_added_as_not_logged(ax):
    d = _frame(["clean", "clean"]).set_axis(
        pd.DatetimeIndex(["2025-03-03", "2025-03-06"], name="date")
    )
    plot_calendar(d, ax=ax)
    assert "not logged (2 days)" in legend_texts(ax)


@pytest.mark.parametrize(
    ("frame", "expected"),
    [
        (_frame([]), "no days"),
        (_frame(["clean"]), "One day so far"),
        (_frame(["unknown"] * 9), "says whether social media was checked"),
        (_frame(["clean"] * 4, column="other"), "no `social_status` column"),
    ],
)
def test_notes(frame, expected, ax):
    assert plot_calendar(frame, ax=ax) is ax
    (text,) = notes(ax)
    assert expected in text.replace("\n", " ")
    assert len(ax.collections) == 0


def test_all_na_status(ax):
    index = pd.date_range("2025-03-03", periods=5, name="date")
    d = pd.DataFrame({"social_status": pd.array([None] * 5, dtype="str")}, index=index)
    plot_calendar(d, ax=ax)
    assert notes(ax)


def test_ax_none_and_kwargs(make_daily):
    _, ax = plt.subplots()
    assert plot_calendar(make_daily(days=30), linewidths=2) is ax
    widths = np.concatenate([c.get_linewidths() for c in ax.collections])
    assert set(widths) == {2.0}


def _logged_frame(statuses, logged, start="2025-03-03"):
    d = _frame(statuses, start=start)
    d["logged"] = logged
    return d


def test_unlogged_days_are_not_shown_as_no_checking(ax):
    """rk.daily's default unlogged="clean" counts a day nobody logged as clean: the calendar
    marks it as not logged, says how it counts, and keeps the counts in the title."""
    d = _logged_frame(["clean"] * 6 + ["checked"], [True, False, False, True, True, True, True])
    plot_calendar(d, ax=ax)
    cells = _cells(ax)
    assert len(cells["calendar_clean"].get_paths()) == 4
    assert len(cells["calendar_unlogged"].get_paths()) == 2
    assert legend_texts(ax) == [
        "no checking (4 days)",
        "checked (1 day)",
        "not logged (counted as no checking) (2 days)",
    ]
    from matplotlib.colors import to_rgba

    face = tuple(cells["calendar_unlogged"].get_facecolor()[0])
    assert face != to_rgba(PALETTE["clean"])  # not the green of a day without checking
    assert ax.get_title().endswith("6 of 7 days")  # as the streaks count it


def test_unlogged_policies_of_the_sample(sample_urges):
    import warnings

    import reflection_kit as rk

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for policy, key, words in [
            ("clean", "calendar_unlogged", "not logged (counted as no checking)"),
            ("unknown", "calendar_unknown", "not logged"),
            ("skip", "calendar_skip", "skipped or not logged (counted as skipped)"),
        ]:
            panel = rk.daily(urges=sample_urges, unlogged=policy)
            _fig, ax = plt.subplots()
            plot_calendar(panel, ax=ax)
            unlogged = int((~panel["logged"]).sum())
            assert unlogged > 0
            assert len(_cells(ax)[key].get_paths()) == unlogged
            assert f"{words} ({unlogged} days)" in legend_texts(ax)
            plt.close(_fig)


def test_review_period_is_outlined(ax):
    d = _frame(["clean"] * 28, start="2025-03-03")
    plot_calendar(d, start="2025-03-10", end="2025-03-16", ax=ax)
    (outline,) = [c for c in ax.collections if c.get_gid() == "review_period"]
    points = np.concatenate(outline.get_segments())
    # one week column (the second), all seven days: a rectangle around column 1
    assert points[:, 0].min() == pytest.approx(1 - 0.07) and points[:, 0].max() == pytest.approx(
        2 - 0.07
    )
    assert len(outline.get_segments()) == 2 + 7 * 2  # top, bottom, and both sides of each day
    assert "review period (10 Mar – 16 Mar 2025)" in legend_texts(ax)
    with pytest.raises(ValueError, match="`start`"):
        plot_calendar(d, start="2025-03-20", end="2025-03-10", ax=ax)


def test_day_numbers(sample):
    _fig, ax = plt.subplots(figsize=(9, 2.6), dpi=96)
    plot_calendar(sample["panel"], ax=ax)
    numbers = [t for t in ax.texts if t.get_gid() == "day_number"]
    assert len(numbers) == len(sample["panel"])
    assert [t.get_text() for t in numbers[:3]] == [str(d.day) for d in sample["panel"].index[:3]]
    assert min(t.get_fontsize() for t in numbers) >= 9
    _fig, small = plt.subplots(figsize=(2.5, 1.2))
    plot_calendar(sample["panel"], ax=small)  # squares too small for readable numbers
    assert not [t for t in small.texts if t.get_gid() == "day_number"]
    _fig, forced = plt.subplots(figsize=(2.5, 1.2))
    plot_calendar(sample["panel"], ax=forced, day_numbers=False)
    assert not forced.texts
