"""plot_mood and plot_year_in_pixels: the values drawn, the words, the n, the notes."""

from __future__ import annotations

import itertools

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex, to_rgb
from matplotlib.text import Text

from reflection_kit.metrics.mood import daily_mood
from reflection_kit.plots._style import rolling_mean
from reflection_kit.plots.mood import MOOD_COLOURS, mood_colour, plot_mood, plot_year_in_pixels

from ._helpers import legend_texts, notes


def _entries(moods, start="2025-03-03", labels=None):
    frame = pd.DataFrame({"date": pd.date_range(start, periods=len(moods)), "mood": moods})
    if labels is not None:
        frame["mood_label"] = labels
    return frame


def _by_gid(ax, gid):
    found = [a for a in [*ax.collections, *ax.lines] if a.get_gid() == gid]
    assert len(found) == 1, gid
    return found[0]


def _small_texts(fig) -> list[tuple[str, float]]:
    fig.canvas.draw()
    return [
        (t.get_text(), t.get_fontsize())
        for t in fig.findobj(Text)
        if t.get_text().strip() and t.get_visible() and t.get_fontsize() < 9
    ]


# --------------------------------------------------------------------------- the mood line


def test_mood_line_draws_each_day_and_the_centred_mean(ax, daylio):
    before = daylio.copy(deep=True)
    plot_mood(daylio, ax=ax, window=7)
    pd.testing.assert_frame_equal(daylio, before)
    days = daily_mood(daylio)
    rated = days["mood"].dropna()
    points = _by_gid(ax, "daily_points").get_offsets()
    assert len(points) == len(rated) == 87
    np.testing.assert_allclose(points[:, 1], rated.to_numpy())
    line = _by_gid(ax, "rolling_mean")
    np.testing.assert_allclose(
        np.asarray(line.get_ydata(), float), rolling_mean(days["mood"], 7).to_numpy()
    )
    assert legend_texts(ax) == ["one day (87 days with a mood)", "7-day mean (centred)"]
    handle = ax.get_legend().legend_handles[0]  # a neutral point: the colours are the moods
    assert to_hex(handle.get_facecolor()[0]) == "#ffffff"
    assert ax.get_title() == "Mood, day by day: mood on 87 of 112 days"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["awful", "bad", "meh", "good", "rad"]
    assert _small_texts(ax.figure) == []


def test_point_colours_follow_the_scale(ax):
    plot_mood(_entries([1, 2, 3, 4, 5]), ax=ax, window=1)
    colours = [to_hex(c).upper() for c in _by_gid(ax, "daily_points").get_facecolors()]
    assert colours == list(MOOD_COLOURS)
    assert legend_texts(ax)[1] == "mood (not smoothed)"


def test_same_mood_every_day_is_a_flat_line(ax):
    plot_mood(_entries([4.0] * 10), ax=ax, window=3)
    assert set(np.asarray(_by_gid(ax, "rolling_mean").get_ydata(), float)) == {4.0}
    assert notes(ax) == []


def test_no_mood_and_one_day_give_notes(ax):
    plot_mood(pd.DataFrame({"date": pd.date_range("2025-03-03", periods=3), "text": "x"}), ax=ax)
    assert "No mood to show" in notes(ax)[0] and "no `mood` column" in notes(ax)[0]
    _, ax2 = plt.subplots()
    plot_mood(_entries([None, 5.0, None]), ax=ax2)
    assert notes(ax2)[0].replace("\n", " ") == (
        "One day with a mood so far (4 Mar 2025: rad). A line over time needs at least two days."
    )
    _, ax3 = plt.subplots()
    plot_mood(_entries([]), ax=ax3)
    assert "no entries" in notes(ax3)[0]


def test_window_is_checked(ax):
    with pytest.raises(ValueError, match="`window` must be a whole number of days"):
        plot_mood(_entries([3, 4]), ax=ax, window=0)


def test_the_persons_mood_words_are_drawn_literally(ax):
    plot_mood(_entries([1.0, 5.0, 5.0], labels=["$_$", "a \\ b", "a \\ b"]), ax=ax)
    ax.figure.canvas.draw()
    ticks = {t.get_text(): t for t in ax.get_yticklabels()}
    assert "$_$" in ticks and not ticks["$_$"].get_parse_math()


# --------------------------------------------------------------------------- year in pixels


def _pixels(ax) -> dict[str, object]:
    return {c.get_gid(): c for c in ax.collections}


def test_one_square_per_day_in_month_rows(ax):
    entries = _entries([1, 2, None, 4, 5, 5], start="2025-03-30")  # 30 Mar - 4 Apr
    plot_year_in_pixels(entries, ax=ax)
    cells = _pixels(ax)
    counts = {gid: len(c.get_paths()) for gid, c in cells.items()}
    assert counts == {
        "pixels_0": 1, "pixels_1": 1, "pixels_2": 0, "pixels_3": 1, "pixels_4": 2,
        "pixels_no_mood": 1, "pixels_outside": 365 - 6,
    }  # fmt: skip
    first = cells["pixels_0"].get_paths()[0].vertices  # 30 March: column 29, row 2 (March)
    assert first[:, 0].min() == pytest.approx(29) and first[:, 1].min() == pytest.approx(2)
    gap = cells["pixels_no_mood"].get_paths()[0].vertices  # 1 April
    assert gap[:, 0].min() == pytest.approx(0) and gap[:, 1].min() == pytest.approx(3)
    assert legend_texts(ax) == [
        "awful (1 day)", "bad (1 day)", "meh (0 days)", "good (1 day)", "rad (2 days)",
        "no mood logged (1 day)",
    ]  # fmt: skip
    assert ax.get_title() == "Year in pixels, 2025: mood on 5 of 6 days logged"
    assert [t.get_text() for t in ax.get_yticklabels()][:3] == ["Jan", "Feb", "Mar"]
    assert ax.get_ylim()[0] > ax.get_ylim()[1]  # January on top


def test_pixel_colours_are_the_scale_and_grey_for_no_mood(ax):
    plot_year_in_pixels(_entries([1, None, 3, 5]), ax=ax)
    cells = _pixels(ax)
    for i, colour in enumerate(MOOD_COLOURS):
        assert to_hex(cells[f"pixels_{i}"].get_facecolor()[0]).upper() == colour
    assert to_hex(cells["pixels_no_mood"].get_facecolor()[0]).upper() == "#DDDDDD"


def test_a_day_mean_takes_the_nearest_point_of_the_scale(ax):
    entries = pd.DataFrame(
        {"date": pd.to_datetime(["2025-05-01"] * 2 + ["2025-05-02"] * 2), "mood": [4, 5, 2, 2]}
    )
    plot_year_in_pixels(entries, ax=ax)
    counts = {g: len(c.get_paths()) for g, c in _pixels(ax).items() if g != "pixels_outside"}
    assert counts["pixels_1"] == 1 and counts["pixels_3"] == 1  # 4.5 -> good (ties go lower)
    assert mood_colour(4.6, {1.0: "a", 2.0: "b", 3.0: "c", 4.0: "d", 5.0: "e"}) == MOOD_COLOURS[4]


def test_year_choice_and_notes(ax, daylio):
    plot_year_in_pixels(daylio, ax=ax)  # the year of the latest mood
    assert ax.get_title().startswith("Year in pixels, 2025: mood on 87 of 112 days logged")
    _, ax2 = plt.subplots()
    plot_year_in_pixels(daylio, ax=ax2, year=2024)
    assert notes(ax2)[0].replace("\n", " ") == (
        "No mood logged in 2024. Moods run from 3 Mar 2025 to 22 Jun 2025."
    )
    _, ax3 = plt.subplots()
    plot_year_in_pixels(_entries([None, None]), ax=ax3)
    assert "No mood to show" in notes(ax3)[0]
    _, ax4 = plt.subplots()
    plot_year_in_pixels(_entries([3.0]), ax=ax4)  # one day: one pixel, honestly drawn
    assert legend_texts(ax4)[2] == "meh (1 day)" and notes(ax4) == []
    with pytest.raises(ValueError, match="`year` must be a whole year"):
        plot_year_in_pixels(daylio, ax=ax, year="2025")


@pytest.mark.parametrize("size", [(9, 3.5), (4, 3)])
def test_text_is_at_least_9_points_at_both_sizes(size, daylio):
    for draw in (plot_mood, plot_year_in_pixels):
        fig, ax = plt.subplots(figsize=size, dpi=96, layout="constrained")
        draw(daylio, ax=ax)
        assert _small_texts(fig) == [], draw.__name__
        if size == (4, 3):
            assert "\n" in ax.get_title()  # the long title wraps on a narrow figure
        plt.close(fig)


# --------------------------------------------------------------------------- colour vision

# Machado, Oliveira & Fernandes (2009), severity 1, applied in linear RGB.
_CVD = {
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                   [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                     [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
                   [0.004733, 0.691367, 0.303900]],
}  # fmt: skip


def _lab(rgb: np.ndarray) -> np.ndarray:
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
    x = xyz @ rgb / np.array([0.95047, 1.0, 1.08883])
    f = np.where(x > 0.008856, np.cbrt(x), 7.787 * x + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def _linear(hex_colour: str) -> np.ndarray:
    c = np.array(to_rgb(hex_colour))
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


@pytest.mark.parametrize("vision", ["normal", *_CVD])
def test_scale_colours_stay_apart_under_colour_vision_deficiencies(vision):
    matrix = np.eye(3) if vision == "normal" else np.array(_CVD[vision])
    colours = [*MOOD_COLOURS, "#DDDDDD", "#FFFFFF"]  # the scale, no mood, outside the log
    labs = [_lab(np.clip(matrix @ _linear(c), 0, 1)) for c in colours]
    worst = min(np.linalg.norm(a - b) for a, b in itertools.combinations(labs, 2))
    assert worst > 10  # CIELAB distance: clearly different squares
