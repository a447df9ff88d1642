"""User text in figures is drawn literally: ``$_$`` is not matplotlib math text.

Before, a coping strategy written ``$_$`` made the coping figure raise when drawn
(matplotlib parsed it as math text), and ``$\\frac{1}{0}$`` was drawn as a fraction.
Every plot function is given the texts below through each way user text reaches it
(labels in the data, ``label=`` keyword, column names); the figure is drawn with Agg and
the text artist holding the input must hold exactly the input, with math parsing off.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.text import Text

import reflection_kit as rk
from reflection_kit.plots import (
    dashboard,
    plot_calendar,
    plot_coping,
    plot_rumination,
    plot_time_to_lapse,
    plot_tone,
    plot_urge_clock,
    plot_urges_weekly,
)

from ._helpers import legend_texts, notes

LABELS = ["$_$", "$\\frac{1}{0}$", "a \\ b", "50$ or $5^2$"]
IDS = ["dollar-underscore", "frac", "backslash", "two-dollars"]


def _texts(fig) -> list[Text]:
    return list(fig.findobj(Text))


def _drawn(fig, label: str) -> list[Text]:
    """Draw ``fig`` (raises on bad math text) and return the texts that hold ``label``."""
    fig.canvas.draw()
    return [t for t in _texts(fig) if label in t.get_text()]


def _assert_literal(texts: list[Text], label: str, *, exact: bool = False) -> None:
    assert texts, f"{label!r} is not drawn anywhere"
    for t in texts:
        assert not t.get_parse_math(), f"{t.get_text()!r} would be read as math text"
        if exact:
            assert t.get_text() == label


def _urges_with_coping(sample_urges: pd.DataFrame, labels: list[str]) -> pd.DataFrame:
    urges = sample_urges.copy()
    urges["coping"] = [labels[i % len(labels)] for i in range(len(urges))]
    urges["trigger"] = [labels[(i + 1) % len(labels)] for i in range(len(urges))]
    return urges


@pytest.mark.parametrize("label", LABELS, ids=IDS)
def test_coping_labels_are_drawn_literally(sample_urges, label):
    urges = _urges_with_coping(sample_urges, [label, "breathing"])
    fig, ax = plt.subplots()
    plot_coping(urges, ax=ax)
    texts = _drawn(fig, label)
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert any(t.startswith(f"{label} (n=") for t in ticks), ticks
    _assert_literal(texts, label)


def test_coping_keeps_underscores_of_the_persons_wording(sample_urges):
    urges = _urges_with_coping(sample_urges, ["my_own_way", "urge_surfing"])
    fig, ax = plt.subplots()
    plot_coping(urges, ax=ax)
    fig.canvas.draw()
    ticks = [t.get_text().split(" (n=")[0] for t in ax.get_yticklabels()]
    assert "my_own_way" in ticks  # as written
    assert "urge surfing" in ticks  # ours, in plain words


@pytest.mark.parametrize("label", LABELS, ids=IDS)
@pytest.mark.parametrize(
    "plot",
    [plot_rumination, plot_tone],
    ids=["rumination", "tone"],
)
def test_line_plots_draw_a_label_and_a_column_literally(daily, plot, label):
    fig, ax = plt.subplots()
    plot(daily, ax=ax, label=label)
    assert label in legend_texts(ax)
    _assert_literal(_drawn(fig, label), label, exact=True)
    fig, ax = plt.subplots()
    plot(daily, column=label, ax=ax)  # a missing column is named in the note
    assert any(label in n for n in notes(ax))
    _assert_literal(_drawn(fig, label), label)


@pytest.mark.parametrize("label", LABELS, ids=IDS)
def test_weekly_urges_draw_a_label_literally(daily, label):
    fig, ax = plt.subplots()
    plot_urges_weekly(daily, ax=ax, label=label)
    assert label in legend_texts(ax)
    _assert_literal(_drawn(fig, label), label, exact=True)


@pytest.mark.parametrize("label", LABELS, ids=IDS)
def test_calendar_draws_a_column_name_literally(daily, label):
    fig, ax = plt.subplots()
    plot_calendar(daily, column=label, ax=ax)
    assert any(label in n for n in notes(ax))
    _assert_literal(_drawn(fig, label), label)


@pytest.mark.parametrize("label", LABELS, ids=IDS)
def test_time_to_lapse_draws_a_label_literally(label):
    streaks = pd.DataFrame(
        {"days": [2, 3, 3, 7, 1, 9, 4], "ended": [True, True, False, True, True, False, True]}
    )
    fig, ax = plt.subplots()
    plot_time_to_lapse(streaks, ax=ax, label=label)
    assert label in legend_texts(ax)
    _assert_literal(_drawn(fig, label), label, exact=True)


@pytest.mark.parametrize("label", LABELS, ids=IDS)
def test_urge_clock_texts_are_all_literal(sample_urges, label):
    urges = _urges_with_coping(sample_urges, [label])
    fig, ax = plt.subplots()
    plot_urge_clock(urges, ax=ax, label=label)
    fig.canvas.draw()
    assert ax.collections[0].get_label() == label
    texts = _texts(fig)  # the clock, its counts and its colour bar
    assert texts
    assert not [t.get_text() for t in texts if t.get_parse_math()]


@pytest.mark.parametrize("label", LABELS, ids=IDS)
def test_dashboard_draws_coping_labels_literally(sample_urges, label):
    urges = _urges_with_coping(sample_urges, [label, "breathing"])
    fig = dashboard(rk.daily(urges=urges), urges)
    texts = _drawn(fig, label)
    _assert_literal(texts, label)
    assert not [t.get_text() for t in _texts(fig) if t.get_parse_math()]


def test_note_on_an_empty_axes_is_literal():
    fig, ax = plt.subplots()
    plot_rumination(
        pd.DataFrame(
            {"rumination": [np.nan]}, index=pd.DatetimeIndex(["2025-03-03"], name="date")
        ),
        column="$x_1$",
        ax=ax,
    )
    _assert_literal(_drawn(fig, "$x_1$"), "$x_1$")


def test_only_the_plotted_axes_change(daily):
    fig, (mine, theirs) = plt.subplots(1, 2)
    theirs.set_title("$x^2$")  # the caller's own math text stays math text
    plot_tone(daily, ax=mine, label="$_$")
    fig.canvas.draw()
    assert theirs.title.get_parse_math()
    assert not mine.get_legend().get_texts()[-1].get_parse_math()
