"""Colour-blind safety: the colours that tell series apart stay apart under deuteranopia.

Deuteranopia (no green cones, about 1 in 16 men with its milder form) is simulated with the
matrix of Machado, Oliveira & Fernandes (2009), severity 1.0, applied in linear RGB. Two
series of one plot that are told apart by colour alone (same hatch, same line style, same
outline) must stay at least ``MIN_DELTA_E`` apart in CIELAB (CIE76) after the simulation; a
colour drawn with transparency is first laid over the white background. Numpy only.
"""

from __future__ import annotations

import itertools

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_rgba

from reflection_kit.metrics import urge_stats
from reflection_kit.plots import (
    plot_calendar,
    plot_coping,
    plot_rumination,
    plot_time_to_lapse,
    plot_tone,
    plot_urge_clock,
    plot_urges_weekly,
)
from reflection_kit.plots._style import COMPONENT_COLOURS, OKABE_ITO, component_style

from ._helpers import by_gid

#: Machado et al. (2009), deuteranopia, severity 1.0 (linear RGB).
DEUTERANOPIA = np.array(
    [
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.011820, 0.042940, 0.968881],
    ]
)
MIN_DELTA_E = 15.0  # CIE76; about 2.3 is "just noticeable", 10+ is clear between filled areas


def _on_white(colour) -> np.ndarray:
    r, g, b, a = to_rgba(colour)
    return np.array([r, g, b]) * a + (1 - a)


def _linear(srgb: np.ndarray) -> np.ndarray:
    return np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)


def _lab(linear: np.ndarray) -> np.ndarray:
    xyz = np.array(
        [[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]
    ) @ np.clip(linear, 0, 1)
    t = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(t > (6 / 29) ** 3, np.cbrt(t), t / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def seen_by_deuteranope(colour) -> np.ndarray:
    """CIELAB of ``colour`` (over white) as simulated for deuteranopia."""
    return _lab(DEUTERANOPIA @ _linear(_on_white(colour)))


def closest_pair(series: dict[str, tuple]) -> tuple[float, str, str]:
    """The two series, among those only colour tells apart, that are closest after the
    simulation. ``series`` maps a name to (colour, other cues...)."""
    best = (np.inf, "", "")
    for (a, (ca, *cues_a)), (b, (cb, *cues_b)) in itertools.combinations(series.items(), 2):
        if cues_a != cues_b:
            continue  # a hatch, a line style or an outline tells them apart as well
        d = float(np.linalg.norm(seen_by_deuteranope(ca) - seen_by_deuteranope(cb)))
        best = min(best, (d, a, b))
    return best


def _assert_apart(series: dict[str, tuple]) -> None:
    d, a, b = closest_pair(series)
    assert d >= MIN_DELTA_E, f"{a!r} and {b!r} merge under deuteranopia (ΔE {d:.1f})"


def test_simulation_matches_known_confusions():
    """Red and green merge for a deuteranope; blue and yellow stay apart."""
    red, green = seen_by_deuteranope("#D62728"), seen_by_deuteranope("#2CA02C")
    assert np.linalg.norm(red - green) < 12
    blue, yellow = seen_by_deuteranope("#0072B2"), seen_by_deuteranope("#F0E442")
    assert np.linalg.norm(blue - yellow) > 60


def test_the_old_pastel_strip_would_fail():
    """The strip before: 8 colours (grey among them) at alpha 0.55. The check catches it."""
    names = ["blue", "orange", "bluish_green", "reddish_purple", "sky_blue", "vermillion"]
    old = {n: (to_rgba(OKABE_ITO[n], 0.55),) for n in [*names, "yellow", "grey"]}
    assert closest_pair(old)[0] < MIN_DELTA_E


def test_component_palette_and_hatches():
    series = {f"component {i}": component_style(i) for i in range(3 * len(COMPONENT_COLOURS))}
    _assert_apart(series)


def test_rumination(daily, ax):
    plot_rumination(daily, ax=ax)
    (strip,) = ax.child_axes
    parts = by_gid(strip.collections, "component_raises")
    series = {
        f"part {i}": (to_rgba(c.get_facecolor()[0]), c.get_hatch()) for i, c in enumerate(parts)
    }
    _assert_apart(series)
    (points,) = by_gid(ax.collections, "daily_points")
    (line,) = by_gid(ax.lines, "rolling_mean")
    _assert_apart(
        {"points": (to_rgba(points.get_facecolor()[0]),), "line": (to_rgba(line.get_color()),)}
    )


def test_tone(daily, ax):
    plot_tone(daily, ax=ax)
    (points,) = by_gid(ax.collections, "daily_points")
    (line,) = by_gid(ax.lines, "rolling_mean")
    _assert_apart(
        {"points": (to_rgba(points.get_facecolor()[0]),), "line": (to_rgba(line.get_color()),)}
    )


def test_weekly_urges(make_daily, ax):
    d = make_daily(days=28)
    d["urges"] = d["urges"] + 1  # some urges without a noted outcome: all three parts
    plot_urges_weekly(d, ax=ax)
    series = {
        key: (to_rgba(by_gid(ax.patches, f"bars_{key}")[0].get_facecolor()),)
        for key in ("resisted", "acted", "unknown")
    }
    _assert_apart(series)


def test_calendar(ax):
    import pandas as pd

    statuses = ["clean", "checked", "unknown", "skip", "clean", "clean", "checked", "clean"]
    index = pd.date_range("2025-03-03", periods=len(statuses), name="date")
    d = pd.DataFrame({"social_status": statuses}, index=index)
    d["logged"] = [True, True, False, True, True, False, True, True]
    plot_calendar(d, ax=ax)
    series = {
        c.get_gid(): (to_rgba(c.get_facecolor()[0]), c.get_hatch(), tuple(c.get_edgecolor()[0]))
        for c in ax.collections
    }
    assert len(series) == 5  # clean, checked, not logged (counted clean), unknown, skip
    _assert_apart(series)


def test_time_to_lapse(ax):
    import pandas as pd

    s = pd.DataFrame({"days": [2, 3, 3, 7, 1, 5, 4], "ended": [True] * 5 + [False] * 2})
    plot_time_to_lapse(s, ax=ax)
    (line,) = by_gid(ax.lines, "survival")
    (going,) = by_gid(ax.lines, "still_going")
    _assert_apart({"curve": (to_rgba(line.get_color()),), "going": (to_rgba(going.get_color()),)})


def test_coping(sample_urges, ax):
    n = urge_stats(sample_urges).coping["n"]
    plot_coping(sample_urges, min_n=int(n.median()) + 1, ax=ax)  # some ranked, some faded
    ranked = next(a for a in ax.lines if a.get_gid() == "coping_ranked")
    faded = next(a for a in ax.lines if a.get_gid() == "coping_faded")
    _assert_apart(
        {
            "ranked": (to_rgba(ranked.get_color(), ranked.get_alpha()),),
            "faded": (to_rgba(faded.get_color(), faded.get_alpha()),),
        }
    )


def test_urge_clock_reads_by_lightness(sample_urges, ax):
    """A sequential colour map: lightness alone orders the counts for a deuteranope."""
    plot_urge_clock(sample_urges, ax=ax)
    (mesh,) = by_gid(ax.collections, "urge_clock")
    cmap = mesh.get_cmap()
    lightness = [seen_by_deuteranope(cmap(v))[0] for v in np.linspace(0, 1, 11)]
    assert np.all(np.diff(lightness) < 0)  # more urges, darker
    assert lightness[0] - lightness[-1] > 50


@pytest.mark.parametrize("figsize", [(9, 3.6), (4.1, 3.6)])
def test_rumination_on_the_sample(sample, figsize):
    _fig, ax = plt.subplots(figsize=figsize)
    plot_rumination(sample["panel"], ax=ax)
    (strip,) = ax.child_axes
    series = {
        f"part {i}": (to_rgba(c.get_facecolor()[0]), c.get_hatch())
        for i, c in enumerate(by_gid(strip.collections, "component_raises"))
    }
    assert len(series) >= 2
    _assert_apart(series)
