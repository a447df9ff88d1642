"""plot_habit_strength: Loop's score drawn as computed, beside the strict and grace streaks."""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.text import Text

from reflection_kit.metrics.habit_strength import habit_strength
from reflection_kit.metrics.streaks import streak_summary
from reflection_kit.plots.habit_strength import STREAKS_GID, plot_habit_strength

from ._helpers import legend_texts, notes

HARSH = re.compile(r"\b(fail\w*|relaps\w*|broke|broken|bad|reset)\b", re.IGNORECASE)


def _urges(days: list[tuple[str, str, object]]) -> pd.DataFrame:
    """A minimal urge frame: (day, kind, acted)."""
    return pd.DataFrame(
        {
            "date": pd.to_datetime([d for d, _, _ in days]),
            "kind": [k for _, k, _ in days],
            "acted": pd.array([a for _, _, a in days], dtype="boolean"),
        }
    )


def _gid(ax, gid):
    found = [a for a in [*ax.lines, *ax.texts] if a.get_gid() == gid]
    assert len(found) == 1, gid
    return found[0]


def test_line_is_the_score_and_slips_are_marked(ax, sample_urges):
    plot_habit_strength(sample_urges, ax=ax)
    score = habit_strength(sample_urges)
    line = _gid(ax, "habit_strength")
    np.testing.assert_allclose(np.asarray(line.get_ydata(), float), score.to_numpy())
    summary = streak_summary(sample_urges, grace=1)
    checked = _gid(ax, "checked_days")
    assert len(checked.get_xdata()) == summary.checked_days == 37
    assert legend_texts(ax) == ["habit strength", "checked (37 days)"]
    assert ax.get_title() == "Habit strength: days without checking social media"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["0 %", "25 %", "50 %", "75 %", "100 %"]


def test_streak_figures_are_those_of_streak_summary(ax, sample_urges):
    plot_habit_strength(sample_urges, ax=ax)
    s = streak_summary(sample_urges, grace=1)
    text = _gid(ax, STREAKS_GID).get_text()
    last = habit_strength(sample_urges).iloc[-1]
    assert text.splitlines()[0] == (f"On 22 Jun: strength {last:.0f} %, {s.current} days in a row")
    assert (
        f"{s.grace_current} days with one slip a week forgiven; longest run {s.longest} days "
        f"({s.grace_longest} days with grace)"
    ) in text
    assert not HARSH.search(text + " ".join(legend_texts(ax)) + ax.get_title())


def test_gentle_words_after_a_slip_on_the_last_day(ax):
    urges = _urges([("2025-03-01", "check_social", False), ("2025-03-05", "check_social", True)])
    plot_habit_strength(urges, ax=ax, grace=0)
    text = _gid(ax, STREAKS_GID).get_text()
    assert "a new run starts with the next clean day" in text
    assert text.splitlines()[1] == "longest run 4 days"  # 1-4 March
    assert not HARSH.search(text)


def test_kind_words_and_not_logged_days(ax):
    urges = _urges([("2025-03-01", "reach_out", False), ("2025-03-04", "reach_out", True)])
    plot_habit_strength(urges, ax=ax, kind="reach_out", unlogged="unknown")
    assert ax.get_title() == "Habit strength: days without reaching out"
    assert legend_texts(ax) == ["habit strength", "checked (1 day)", "not logged (2 days)"]
    line = np.asarray(_gid(ax, "habit_strength").get_ydata(), float)
    assert line[1] == line[2] == line[0]  # nothing known: the score holds


def test_notes_for_no_rows_one_day_and_nothing_known(ax):
    plot_habit_strength(_urges([]), ax=ax)
    assert notes(ax) == ["Nothing to show yet: the urge log has no rows."]
    _, ax2 = plt.subplots()
    plot_habit_strength(_urges([("2025-03-01", "check_social", False)]), ax=ax2)
    assert notes(ax2)[0].startswith("One day logged so far (1 Mar 2025).")
    _, ax3 = plt.subplots()
    unknown = _urges([("2025-03-01", "check_social", None), ("2025-03-03", "check_social", None)])
    plot_habit_strength(unknown, ax=ax3, unlogged="unknown")
    assert "No day in this range says how it went" in notes(ax3)[0].replace("\n", " ")
    with pytest.raises(TypeError, match="`data` must be a pandas DataFrame"):
        plot_habit_strength([1], ax=ax)


@pytest.mark.parametrize("size", [(9, 3.5), (4, 3)])
def test_readable_at_both_sizes(size, sample_urges):
    fig, ax = plt.subplots(figsize=size, dpi=96, layout="constrained")
    plot_habit_strength(sample_urges, ax=ax)
    fig.canvas.draw()
    small = [
        t.get_text()
        for t in fig.findobj(Text)
        if t.get_text().strip() and t.get_visible() and t.get_fontsize() < 9
    ]
    assert small == []
    # the streak figures sit in a band above 100 %, never on the line
    box = _gid(ax, STREAKS_GID).get_window_extent()
    top_of_100 = ax.transData.transform((0, 100))[1]
    assert box.y0 > top_of_100
    assert ("\n" in ax.get_title()) == (size == (4, 3))


def test_signature_follows_the_plot_conventions():
    import inspect

    from reflection_kit.plots.mood import plot_mood, plot_year_in_pixels

    for func in (plot_habit_strength, plot_mood, plot_year_in_pixels):
        params = inspect.signature(func).parameters
        assert next(iter(params)) == "data", func.__name__
        assert params["ax"].kind is inspect.Parameter.KEYWORD_ONLY
        assert params["ax"].default is None
