"""A figure-level dashboard: every plot the inputs allow, on one page."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..errors import DataQualityWarning
from ..metrics import streaks
from ._style import check_frame, daily_frame, figure_literal_text, note, span_text
from .calendar import plot_calendar
from .survival import plot_time_to_lapse
from .time import plot_rumination, plot_tone
from .urges import plot_coping, plot_urge_clock, plot_urges_weekly

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = ["dashboard"]

_WIDE_CALENDAR_WEEKS = 26  # a longer calendar gets the full width


def _streaks(urges: pd.DataFrame, day_starts: int) -> pd.DataFrame | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DataQualityWarning)
            return streaks(urges, kind="check_social", day_starts=day_starts)
    except ValueError:  # SchemaError too: the frame cannot give streaks; skip the panel
        return None


def _panels(
    daily: pd.DataFrame | None,
    urges: pd.DataFrame | None,
    streaks: Any,
    *,
    window: int,
    day_starts: int,
    min_n: int,
) -> list[tuple[str, bool, Callable[[Any], Any]]]:
    """(name, wide, draw) for every panel the inputs allow, in reading order."""
    panels: list[tuple[str, bool, Callable[[Any], Any]]] = []
    cols = set(daily.columns) if daily is not None else set()
    if "rumination" in cols:
        panels.append(
            ("rumination", True, lambda ax: plot_rumination(daily, window=window, ax=ax))
        )
    if "tone" in cols:
        panels.append(("tone", False, lambda ax: plot_tone(daily, window=window, ax=ax)))
    if {"resisted", "acted"} <= cols:
        panels.append(("urges_weekly", False, lambda ax: plot_urges_weekly(daily, ax=ax)))
    if cols & {"social_status", "checked_social"}:
        weeks = len(daily) / 7 if daily is not None else 0
        panels.append(
            ("calendar", weeks > _WIDE_CALENDAR_WEEKS, lambda ax: plot_calendar(daily, ax=ax))
        )
    if streaks is None and urges is not None and len(urges):
        streaks = _streaks(urges, day_starts)
    if streaks is not None:
        panels.append(("time_to_lapse", False, lambda ax: plot_time_to_lapse(streaks, ax=ax)))
    if urges is not None:
        panels.append(
            ("urge_clock", False, lambda ax: plot_urge_clock(urges, day_starts=day_starts, ax=ax))
        )
        panels.append(("coping", False, lambda ax: plot_coping(urges, min_n=min_n, ax=ax)))
    return panels


def _rows(panels: list[tuple[str, bool, Callable[[Any], Any]]]) -> list[list[int]]:
    """Place wide panels alone on a row and pair the others, keeping the order."""
    rows: list[list[int]] = []
    pending: list[int] = []
    for i, (_, wide, _) in enumerate(panels):
        if wide:
            if pending:
                rows.append(pending)
                pending = []
            rows.append([i])
        else:
            pending.append(i)
            if len(pending) == 2:
                rows.append(pending)
                pending = []
    if pending:
        rows.append(pending)
    return rows


@figure_literal_text
def dashboard(
    daily: pd.DataFrame | None,
    urges: pd.DataFrame | None = None,
    *,
    streaks: pd.DataFrame | Any | None = None,
    window: int = 7,
    day_starts: int = 0,
    min_n: int = 5,
    figsize: tuple[float, float] | None = None,
    fig: Figure | None = None,
) -> Figure:
    """Every plot the inputs allow, on one figure.

    Panels, in order, when their data is there: rumination over time (full width), tone,
    urges per week, the calendar of days without checking, how long streaks last, the urge
    clock and what helped. Panels whose columns are missing are left out; panels whose data
    is empty show a note.

    Parameters
    ----------
    daily : pandas.DataFrame or None
        The daily panel of :func:`reflection_kit.daily`.
    urges : pandas.DataFrame, optional
        The urge frame, for the urge clock, the coping panel and (when ``streaks`` is not
        given) the streaks of days without checking social media.
    streaks : pandas.DataFrame or LapseCurve, optional
        The frame of :func:`reflection_kit.streaks` (or a LapseCurve) for the
        time-to-lapse panel. Default: ``rk.streaks(urges, kind="check_social")``.
    window : int, default 7
        Rolling-mean window of the rumination and tone panels.
    day_starts : int, default 0
        The local hour at which a day begins (urge clock, computed streaks).
    min_n : int, default 5
        Fewest urges for a coping strategy to be ranked.
    figsize : (float, float), optional
        Figure size in inches; default 13 wide and about 3.6 per row.
    fig : matplotlib.figure.Figure, optional
        Draw on this (empty) figure instead of a new pyplot figure.

    Returns
    -------
    matplotlib.figure.Figure
        The figure (a new pyplot figure unless ``fig`` was given; nothing is shown or saved).

    Raises
    ------
    TypeError
        ``daily`` or ``urges`` is not a DataFrame.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> from reflection_kit.plots import dashboard
    >>> days = pd.date_range("2025-03-03", periods=14, name="date")
    >>> daily = pd.DataFrame({"tone": [0.1, -0.2] * 7, "rumination": [1.0, 0.5] * 7},
    ...                      index=days)
    >>> fig = dashboard(daily)
    >>> [ax.get_title() for ax in fig.axes[:1]]
    ['How much the writing loops back, day by day']
    """
    if daily is not None:
        daily = daily_frame(daily, "daily")
        daily = daily if len(daily) else None  # no days: nothing to draw from it
    if urges is not None:
        check_frame(urges, "urges", "Suggestion: pass rk.read_urges(path).")
        urges = urges if len(urges) else None
    panels = _panels(daily, urges, streaks, window=window, day_starts=day_starts, min_n=min_n)
    rows = _rows(panels)
    heights = [3.9 if panels[r[0]][0] == "rumination" else 3.5 for r in rows] or [3.0]
    if fig is None:
        # deferred: pyplot (~0.3 s, picks a backend) must not load at `import reflection_kit`
        import matplotlib.pyplot as plt

        fig = plt.figure(figsize=figsize or (13, sum(heights) + 0.8), layout="constrained")
    elif figsize is not None:
        fig.set_size_inches(*figsize)
    if not panels:
        ax = fig.add_subplot()
        note(
            ax,
            "Nothing to draw yet: pass the daily panel (rk.daily) and, if you log them, the "
            "urges (rk.read_urges).",
            title="Your data at a glance",
        )
        return fig
    grid = fig.add_gridspec(len(rows), 2, height_ratios=heights)
    for r, members in enumerate(rows):
        for c, i in enumerate(members):
            spec = grid[r, :] if len(members) == 1 and panels[i][1] else grid[r, c]
            ax = fig.add_subplot(spec)
            ax.set_label(panels[i][0])
            panels[i][2](ax)
    span = span_text(daily.index) if daily is not None and len(daily) else ""
    head = "Your data at a glance" + (f": {span}" if span else "")
    fig.suptitle(
        f"{head}\nwhat the data shows, not a diagnosis",
        fontsize=12,
        x=0.01,
        ha="left",
    )
    return fig
