"""Habit strength (Loop Habit Tracker's score) beside the strict and grace streaks.

The line is :func:`reflection_kit.metrics.habit_strength.habit_strength`: it climbs with
every clean day, dips a little on a checked day and recovers, so one slip after a long run
costs a few points instead of the whole run. Checked days are marked along the bottom, and
a box gives the streak figures of :func:`reflection_kit.streak_summary`: the current and
the longest run, strict and with grace (slips forgiven).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._words import KIND_WORDS, kind_words, plural
from ..errors import DataQualityWarning
from ..metrics.habit_strength import habit_strength
from ..metrics.streaks import day_status, streak_summary
from ._style import PALETTE, check_frame, date_axis, get_ax, literal_text, note, tidy

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["KIND_WORDS", "plot_habit_strength"]

STREAKS_GID = "streak_counts"


def _what(kind: str | Iterable[str]) -> str:
    kinds = [kind] if isinstance(kind, str) else list(kind)
    return " or ".join(kind_words(k) for k in kinds)


def _grace_words(grace: int, window: int) -> str:
    slips = "one slip" if grace == 1 else f"{grace} slips"
    span = "a week" if window == 7 else f"per {plural(window, 'day')}"
    return f"{slips} {span} forgiven"


def _streak_lines(summary: Any, strength: float, grace: int, window: int) -> list[str]:
    """The streak figures in words: the current run and the longest, strict and with grace."""
    last = summary.end
    now = (
        f"{plural(summary.current, 'day')} in a row"
        if summary.current
        else "a new run starts with the next clean day"
    )
    lines = [f"On {last.day} {last:%b}: strength {strength:.0f} %, {now}"]
    if grace:
        lines.append(
            f"{plural(summary.grace_current, 'day')} with {_grace_words(grace, window)}; "
            "longest run "
            f"{plural(summary.longest, 'day')} ({plural(summary.grace_longest, 'day')} with grace)"
        )
    else:
        lines.append(f"longest run {plural(summary.longest, 'day')}")
    return lines


def _wrap_lines(lines: list[str], narrow: bool) -> str:
    if not narrow:
        return "\n".join(lines)
    out: list[str] = []
    for line in lines:
        head, sep, tail = line.partition("; ")
        out += [head + (";" if sep else ""), tail] if sep else [line]
    return "\n".join(out)


@literal_text
def plot_habit_strength(
    data: pd.DataFrame,
    *,
    kind: str | Iterable[str] = "check_social",
    unlogged: str = "clean",
    day_starts: int = 0,
    grace: int = 1,
    grace_window: int = 7,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Habit strength over time, with the strict and grace streaks beside it.

    Parameters
    ----------
    data : pandas.DataFrame
        An urge frame (:func:`reflection_kit.read_urges`: an urge log, Daylio, Loop
        check-ins). It is not modified.
    kind : str or list of str, default "check_social"
        The urge kinds whose acted urges break the habit, as in :func:`reflection_kit.streaks`.
    unlogged : {"clean", "unknown", "skip"}, default "clean"
        How a day without information counts; "skip" suits a daily check-in app.
    day_starts : int, default 0
        The local hour at which a day begins.
    grace, grace_window : int, default 1 and 7
        Slips forgiven per window in the grace figures.
    ax : matplotlib.axes.Axes, optional
        Where to draw; default ``plt.gca()``.
    **kwargs
        Passed to the strength line (``color``, ``linewidth``, ``label``...).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on: the strength line (gid ``habit_strength``, 0-100 %), the checked
        days along the bottom (gid ``checked_days``, labelled with their number) and the
        streak figures (a text with gid ``streak_counts``). With no usable urge rows or a
        single day, an empty axes with a note.

    Raises
    ------
    TypeError
        ``data`` is not a DataFrame.
    ValueError
        A bad ``kind``, ``unlogged``, ``grace``...

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from matplotlib.figure import Figure
    >>> import reflection_kit as rk
    >>> from reflection_kit.plots.habit_strength import plot_habit_strength
    >>> urges = rk.read_urges("data/sample/urges.csv")
    >>> ax = plot_habit_strength(urges, ax=Figure().add_subplot())
    >>> ax.get_title()
    'Habit strength: days without checking social media'
    >>> ax.get_legend().get_texts()[1].get_text()
    'checked (37 days)'
    """
    check_frame(data, "data", "Suggestion: pass the urge frame of rk.read_urges(path).")
    ax = get_ax(ax)
    title = f"Habit strength: days without {_what(kind)}"
    if not len(data):
        return note(ax, "Nothing to show yet: the urge log has no rows.", title=title)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        args = {"kind": kind, "unlogged": unlogged, "day_starts": day_starts}
        strength = habit_strength(data, **args)
        status = day_status(data, **args)
        summary = streak_summary(data, grace=grace, grace_window=grace_window, **args)
    if len(strength) < 2:
        if not len(strength):
            return note(
                ax, "Nothing to show yet: no urge row has a usable date or time.", title=title
            )
        day = strength.index[0]
        return note(
            ax,
            f"One day logged so far ({day.day} {day:%b %Y}). Habit strength builds up over "
            "days: it shows once there are at least two.",
            title=title,
        )
    counts_as = status["counts_as"].astype(str)
    if not counts_as.isin(["clean", "checked"]).any():
        return note(
            ax,
            "No day in this range says how it went, so there is no habit strength to show "
            "yet. Log urges (or check-ins) to see it grow.",
            title=title,
        )
    tidy(ax)
    x = strength.index
    y = strength.to_numpy()
    line_kw: dict[str, Any] = {"color": PALETTE["main"], "linewidth": 2.2, "zorder": 3}
    line_kw.update(kwargs)
    line_kw.setdefault("label", "habit strength")
    (line,) = ax.plot(x, y, **line_kw)
    line.set_gid("habit_strength")
    ax.fill_between(x, 0, y, color=PALETTE["main"], alpha=0.10, linewidth=0, zorder=1)
    marks = (("checked", "checked", PALETTE["checked"]), ("unknown", "not logged", "#AAAAAA"))
    for key, words, colour in marks:
        days = counts_as.index[(counts_as == key).to_numpy()]
        if not len(days) and key != "checked":
            continue
        (m,) = ax.plot(
            days,
            np.full(len(days), -4.0),
            linestyle="none",
            marker="|",
            markersize=9,
            markeredgewidth=2,
            color=colour,
            label=f"{words} ({plural(len(days), 'day')})",
            zorder=4,
        )
        m.set_gid(f"{key}_days")
    narrow = ax.figure.get_figwidth() * ax.get_position().width < 4.5
    text = _wrap_lines(_streak_lines(summary, float(y[-1]), int(grace), int(grace_window)), narrow)
    # a band above 100 % holds the streak figures, so they never sit on the line
    height = ax.figure.get_figheight() * ax.get_position().height * 0.8
    band = min(0.45, (text.count("\n") + 1) * 9 * 1.3 / 72 / max(height, 0.5) + 0.04)
    top = (102 + 9 * band) / (1 - band)
    ax.set_ylim(-9, top)
    ax.set_yticks([0, 25, 50, 75, 100], labels=["0 %", "25 %", "50 %", "75 %", "100 %"])
    ax.spines["left"].set_bounds(0, 100)
    ax.set_ylabel("habit strength", fontsize=10)
    ax.set_xlabel("")
    date_axis(ax)
    ax.set_xlim(x.min() - pd.Timedelta(hours=12), x.max() + pd.Timedelta(hours=12))
    what = _what(kind)
    ax.set_title(f"Habit strength:{chr(10) if narrow else ' '}days without {what}")
    ax.text(
        0.01,
        0.99,
        text,
        transform=ax.transAxes,
        ha="left",
        va="top",
        fontsize=9,
        color=PALETTE["text"],
        linespacing=1.3,
        gid=STREAKS_GID,
        zorder=5,
    )
    ax.legend(
        loc="upper left",
        bbox_to_anchor=(0.0, -0.1),
        fontsize=9,
        frameon=False,
        ncol=1 if narrow else 3,
        borderaxespad=0.0,
    )
    return ax
