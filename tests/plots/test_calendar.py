"""plot_calendar: a GitHub-style grid, legend in plain words, month labels, notes."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from reflection_kit.plots import PALETTE, plot_calendar
from reflection_kit.plots.calendar import STATUS_LABELS

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
    counts = {k: len(cells[f"calendar_{k}"].get_paths()) for k in STATUS_LABELS}
    assert counts == {"clean": 10, "checked": 3, "unknown": 2, "skip": 1}
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
