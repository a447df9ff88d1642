"""Mood over time: a mood line and a year in pixels.

Both plots take a journal frame with a ``mood`` column (Daylio, Day One, notes with a
``mood:`` line, a table with a mood column) or a daily frame with one, and read each day's
mood as :func:`reflection_kit.metrics.mood.daily_mood` does: the mean of the day's entry
moods. Days without a mood are never filled in.

The scale's colours run from vermillion (the lowest mood) through orange and yellow to sky
blue and blue (the highest), all from the Okabe–Ito palette: neighbouring points stay apart
under the common colour-vision deficiencies (checked with the Machado et al. 2009
simulation in the tests), and a day without a mood is light grey, as "not logged" is in the
other calendars.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._docstrings import share
from .._words import plural
from ..metrics.mood import daily_mood, mood_scale
from ._style import (
    OKABE_ITO,
    PALETTE,
    check_window,
    date_axis,
    get_ax,
    literal_text,
    note,
    rolling_mean,
    tidy,
)

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["MOOD_COLOURS", "mood_colour", "plot_mood", "plot_year_in_pixels"]

#: Colours of the mood scale, lowest to highest (Okabe–Ito: vermillion, orange, yellow, sky
#: blue, blue). Other scales are spread over the same colours.
MOOD_COLOURS: tuple[str, ...] = (
    OKABE_ITO["vermillion"],
    OKABE_ITO["orange"],
    OKABE_ITO["yellow"],
    OKABE_ITO["sky_blue"],
    OKABE_ITO["blue"],
)
_NO_MOOD = PALETTE["unknown"]
_OUTSIDE = "#FFFFFF"
_MOOD_TITLE = "Mood, day by day"
_PIXELS_TITLE = "Year in pixels"
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_CELL = 0.86


def mood_colour(value: float, scale: dict[float, str]) -> str:
    """The colour of a mood ``value`` on ``scale`` (its nearest point; grey when missing).

    Examples
    --------
    >>> from reflection_kit.metrics.mood import mood_scale
    >>> mood_colour(5, mood_scale()), mood_colour(float("nan"), mood_scale())
    ('#0072B2', '#DDDDDD')
    """
    if value is None or pd.isna(value):
        return _NO_MOOD
    points = np.array(sorted(scale))
    i = int(np.argmin(np.abs(points - float(value))))
    position = i / max(len(points) - 1, 1) * (len(MOOD_COLOURS) - 1)
    lo = int(np.floor(position))
    hi = min(lo + 1, len(MOOD_COLOURS) - 1)
    if position == lo:
        return MOOD_COLOURS[lo]
    a, b = (
        np.array([int(c[k : k + 2], 16) for k in (1, 3, 5)])
        for c in (MOOD_COLOURS[lo], MOOD_COLOURS[hi])
    )
    rgb = np.round(a + (b - a) * (position - lo)).astype(int)
    return "#" + "".join(f"{v:02X}" for v in rgb)


def _width(ax: Axes) -> float:
    """The width of ``ax`` in inches (before any layout engine runs)."""
    return float(ax.figure.get_figwidth() * ax.get_position().width)


def _no_mood_note(ax: Axes, days: pd.DataFrame, title: str) -> Axes:
    if not len(days):
        message = "Nothing to show yet: the journal has no entries."
    else:
        message = f"No mood to show: {days.attrs.get('note', 'no entry has a mood yet.')}"
    return note(ax, message, title=title)


@literal_text
@share
def plot_mood(
    data: pd.DataFrame,
    *,
    window: int = 7,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Mood over time: one point per day with a mood and a centred rolling mean.

    Parameters
    ----------
    data : pandas.DataFrame
        A journal frame with ``mood`` (one row per entry; a day's mood is the mean of its
        entries) or a daily frame indexed by ``date`` with a ``mood`` column. It is not
        modified.
    {plot.window}
    {plot.ax}
    **kwargs
        Passed to the rolling-mean line (``color``, ``linewidth``, ``label``...).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on: the daily points (gid ``daily_points``, labelled with the number
        of days with a mood), the rolling mean (gid ``rolling_mean``) and the words of the
        mood scale on the y axis. Without a mood, or with a single day, an empty axes with a
        note.

    Raises
    ------
    TypeError
        ``data`` is not a DataFrame.
    ValueError
        ``window`` is not a whole number of at least 1.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from matplotlib.figure import Figure
    >>> import pandas as pd
    >>> from reflection_kit.plots.mood import plot_mood
    >>> entries = pd.DataFrame({"date": pd.date_range("2025-03-03", periods=6),
    ...                         "mood": [2, 3, None, 3, 4, 4]})
    >>> ax = plot_mood(entries, window=3, ax=Figure().add_subplot())
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['awful', 'bad', 'meh', 'good', 'rad']
    >>> ax.get_legend().get_texts()[0].get_text()
    'one day (5 days with a mood)'
    """
    window = check_window(window)
    ax = get_ax(ax)
    days = daily_mood(data)
    mood = days["mood"]
    rated = mood.dropna()
    if not len(rated):
        return _no_mood_note(ax, days, _MOOD_TITLE)
    if len(rated) < 2:
        day = rated.index[0]
        scale = mood_scale(data)
        word = scale.get(float(rated.iloc[0]), f"{rated.iloc[0]:.1f}")
        return note(
            ax,
            f"One day with a mood so far ({day.day} {day:%b %Y}: {word}). A line over time "
            "needs at least two days.",
            title=_MOOD_TITLE,
        )
    scale = mood_scale(data)
    tidy(ax)
    ax.scatter(
        rated.index,
        rated.to_numpy(),
        s=16,
        c=[mood_colour(v, scale) for v in rated],
        edgecolors=PALETTE["text"],
        linewidths=0.3,
        alpha=0.9,
        label=f"one day ({plural(len(rated), 'day')} with a mood)",
        zorder=2,
        gid="daily_points",
    )
    smooth = rolling_mean(mood, window)
    line_kw: dict[str, Any] = {"color": PALETTE["main"], "linewidth": 2.2, "zorder": 3}
    line_kw.update(kwargs)
    line_kw.setdefault(
        "label", f"{window}-day mean (centred)" if window > 1 else "mood (not smoothed)"
    )
    (line,) = ax.plot(smooth.index, smooth.to_numpy(), **line_kw)
    line.set_gid("rolling_mean")
    points = sorted(scale)
    ax.set_yticks(points, labels=[scale[p] for p in points])
    ax.set_ylim(points[0] - 0.35, points[-1] + 0.35)
    ax.set_ylabel("mood", fontsize=10)
    ax.set_xlabel("")
    date_axis(ax)
    ax.set_xlim(
        days.index.min() - pd.Timedelta(hours=12), days.index.max() + pd.Timedelta(hours=12)
    )
    narrow = _width(ax) < 4.5
    ax.set_title(
        f"{_MOOD_TITLE}:{chr(10) if narrow else ' '}mood on {len(rated)} of "
        f"{plural(len(days), 'day')}"
    )
    legend = ax.legend(
        loc="upper left",
        bbox_to_anchor=(0.0, -0.12),
        fontsize=9,
        frameon=False,
        ncol=1 if narrow else 2,
        handlelength=1.4,
        borderaxespad=0.0,
    )
    # the points take the colour of their mood: the legend shows a neutral point
    legend.legend_handles[0].set_facecolor("white")
    legend.legend_handles[0].set_edgecolor(PALETTE["text"])
    legend.legend_handles[0].set_linewidth(0.8)
    return ax


def _pick_year(rated: pd.Series, year: object) -> int:
    if year is None:
        return int(rated.index.max().year)
    if isinstance(year, bool) or not isinstance(year, int | np.integer):
        raise ValueError(f"`year` must be a whole year such as 2025, got {year!r}.")
    return int(year)


@literal_text
def plot_year_in_pixels(
    data: pd.DataFrame,
    *,
    year: int | None = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """A year in pixels: one square per day, coloured by the day's mood.

    Months run top to bottom and days of the month left to right. A day inside the logged
    range without a mood is light grey ("no mood logged"); days before the first or after
    the last entry are left white. The legend names the points of the mood scale in words,
    each with its number of days.

    Parameters
    ----------
    data : pandas.DataFrame
        A journal frame with ``mood``, or a daily frame indexed by ``date`` with ``mood``.
        It is not modified.
    year : int, optional
        The year to draw; default the year of the latest day with a mood.
    ax : matplotlib.axes.Axes, optional
        Where to draw; default ``plt.gca()``.
    **kwargs
        Passed to every day square (``edgecolor``, ``linewidth``...).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on: one PolyCollection per point of the scale (gid
        ``pixels_<n>`` from 0, the lowest, labelled "word (n days)"), one for the days
        without a mood (gid ``pixels_no_mood``) and one for the days outside the log (gid
        ``pixels_outside``). Each day's colour is the nearest point of the scale to its mean
        mood. Without any mood (or none in ``year``), an empty axes with a note.

    Raises
    ------
    TypeError
        ``data`` is not a DataFrame.
    ValueError
        ``year`` is not a whole number.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from matplotlib.figure import Figure
    >>> import pandas as pd
    >>> from reflection_kit.plots.mood import plot_year_in_pixels
    >>> entries = pd.DataFrame({"date": pd.date_range("2025-03-03", periods=4),
    ...                         "mood": [5, None, 4, 5]})
    >>> ax = plot_year_in_pixels(entries, ax=Figure().add_subplot())
    >>> [t.get_text() for t in ax.get_legend().get_texts()][-3:]
    ['good (1 day)', 'rad (2 days)', 'no mood logged (1 day)']
    """
    # deferred: matplotlib (~0.2 s) loads at the first plot, never at `import reflection_kit`
    from matplotlib.collections import PolyCollection
    from matplotlib.patches import Patch

    ax = get_ax(ax)
    days = daily_mood(data)
    rated = days["mood"].dropna()
    if not len(rated):
        return _no_mood_note(ax, days, _PIXELS_TITLE)
    year = _pick_year(rated, year)
    in_year = rated[rated.index.year == year]
    if not len(in_year):
        first, last = rated.index.min(), rated.index.max()
        return note(
            ax,
            f"No mood logged in {year}. Moods run from {first.day} {first:%b %Y} to "
            f"{last.day} {last:%b %Y}.",
            title=f"{_PIXELS_TITLE}, {year}",
        )
    scale = mood_scale(data)
    points = np.array(sorted(scale))
    calendar = pd.date_range(f"{year}-01-01", f"{year}-12-31", freq="D")
    mood = days["mood"].reindex(calendar)
    logged = (calendar >= days.index.min()) & (calendar <= days.index.max())
    nearest = np.full(len(calendar), -1)
    has = mood.notna().to_numpy()
    nearest[has] = np.abs(points[None, :] - mood.to_numpy()[has][:, None]).argmin(axis=1)
    x = calendar.day.to_numpy() - 1.0
    y = calendar.month.to_numpy() - 1.0
    square = kwargs.pop("square", _CELL)
    edge: dict[str, Any] = {"edgecolor": "white", "linewidths": 0.5}
    edge.update(kwargs)

    def squares(mask: np.ndarray) -> list[np.ndarray]:
        x0, y0 = x[mask], y[mask]
        corners = [(x0, y0), (x0 + square, y0), (x0 + square, y0 + square), (x0, y0 + square)]
        return list(np.stack([np.column_stack(c) for c in corners], axis=1))

    handles = []
    groups: list[tuple[str, np.ndarray, str, str]] = []
    for i, p in enumerate(points):
        colour = mood_colour(p, scale)
        groups.append((f"pixels_{i}", nearest == i, colour, scale[p]))
    groups.append(("pixels_no_mood", logged & ~has, _NO_MOOD, "no mood logged"))
    for gid, mask, colour, word in groups:
        count = int(mask.sum())
        label = f"{word} ({plural(count, 'day')})"
        coll = PolyCollection(squares(mask), facecolors=colour, label=label, **edge)
        coll.set_gid(gid)
        ax.add_collection(coll)
        if count or gid != "pixels_no_mood":
            handles.append(Patch(facecolor=colour, edgecolor="#AAAAAA", label=label))
    outside = ~logged
    coll = PolyCollection(
        squares(outside), facecolors=_OUTSIDE, edgecolor="#E3E3E3", linewidths=0.5
    )
    coll.set_gid("pixels_outside")
    ax.add_collection(coll)
    ax.set_xlim(-0.3, 31.1)
    ax.set_ylim(12.1, -0.25)  # January on top
    # squares when the rows stay tall enough for 9-pt month names, else taller cells
    pos = ax.get_position()
    row_pt = 72 * min(
        ax.figure.get_figheight() * pos.height * 0.8 / 12.35,
        ax.figure.get_figwidth() * pos.width * 0.9 / 31.4,
    )
    ax.set_aspect("equal" if row_pt >= 12 else "auto", adjustable="box")
    ax.set_yticks(np.arange(12) + square / 2, labels=list(_MONTHS))
    ticks = [1, 5, 10, 15, 20, 25, 31]
    ax.set_xticks(np.asarray(ticks, dtype=float) - 1 + square / 2, labels=[str(t) for t in ticks])
    ax.xaxis.tick_top()
    ax.tick_params(axis="both", length=0, labelsize=9, colors=PALETTE["text"])
    for spine in ax.spines.values():
        spine.set_visible(False)
    in_log = int(logged.sum())
    narrow = _width(ax) < 4.5
    ax.set_title(
        f"{_PIXELS_TITLE}, {year}:{chr(10) if narrow else ' '}mood on {len(in_year)} of "
        f"{plural(in_log, 'day')} logged",
        pad=6,
    )
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.01),
        ncol=2 if narrow else len(handles),
        frameon=False,
        fontsize=9,
        handlelength=1.0,
        handleheight=1.0,
        columnspacing=1.0,
    )
    return ax
