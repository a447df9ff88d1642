"""Language over time: the rumination index and tone, day by day.

Both plots take the daily panel of :func:`reflection_kit.daily` and draw

* one point per day with entries (days without entries are left out, never filled), and
* a **centred** rolling mean over ``window`` calendar days: the value shown on a day is the
  mean of the days with entries in the ``window`` days around it, so the line does not lag
  behind the points. It needs at least two values in its window (one when ``window=1``);
  near the ends of the range it leans on fewer days.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._docstrings import share
from ..text.index_spec import index_spec
from ._style import (
    COMPONENT_COLOURS,
    PALETTE,
    check_window,
    daily_frame,
    daily_series,
    date_axis,
    get_ax,
    literal_text,
    note,
    rolling_mean,
    tidy,
)

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["COMPONENT_LABELS", "plot_rumination", "plot_tone"]

#: Rumination components of the daily panel and their plain-language names, in the order of
#: the index specification (:mod:`reflection_kit.text.index_spec`, where they are defined).
COMPONENT_LABELS: dict[str, str] = index_spec().labels
SUBNOTE_GID = "reflection_kit.subnote"
_RUMINATION_TITLE = "How much the writing loops back, day by day"
_TONE_TITLE = "Tone of the writing, day by day"


def _missing_note(ax: Axes, column: str, title: str, df: pd.DataFrame, what: str) -> Axes:
    if not len(df):
        return note(ax, f"Nothing to show yet: the daily panel is empty. {what}", title=title)
    return note(
        ax,
        f"The daily panel has no `{column}` column. {what}",
        title=title,
    )


def _few_days(ax: Axes, series: pd.Series, title: str, label: str) -> Axes | None:
    """Draw the note for fewer than two days with a value; return None when there are enough."""
    days = series.dropna()
    if len(days) >= 2:
        return None
    if not len(days):
        message = (
            f"No {label} to show yet: no day in this range has a value. It appears once "
            "entries are written (and scored)."
        )
    else:
        day = days.index[0]
        message = (
            f"Only one day with a {label} so far ({day.day} {day:%b %Y}: {days.iloc[0]:.2f}). "
            "A line over time needs at least two days."
        )
    return note(ax, message, title=title)


def _points_and_mean(
    ax: Axes, series: pd.Series, window: int, label: str, kwargs: dict[str, Any]
) -> None:
    days = series.dropna()
    ax.scatter(
        days.index,
        days.to_numpy(),
        s=14,
        color=PALETTE["points"],
        alpha=0.75,
        linewidths=0,
        label="one day",
        zorder=2,
        gid="daily_points",
    )
    smooth = rolling_mean(series, window)
    line_kw = {"color": PALETTE["main"], "linewidth": 2.2, "zorder": 3}
    line_kw.update(kwargs)
    line_kw.setdefault(
        "label", f"{window}-day mean (centred)" if window > 1 else f"{label} (not smoothed)"
    )
    (line,) = ax.plot(smooth.index, smooth.to_numpy(), **line_kw)
    line.set_gid("rolling_mean")


def _contributions(df: pd.DataFrame, window: int) -> pd.DataFrame:
    """Smoothed part of the index of each component that raises it and is in the panel.

    Each part is the component's own ``weight * min(value, cap)`` from the index specification,
    smoothed like the index line.
    """
    parts: dict[str, pd.Series] = {}
    for comp in index_spec().components:
        if not comp.raises or comp.column not in df.columns:
            continue
        values = comp.part(daily_series(df, comp.column))
        if values.notna().sum() == 0:
            continue
        parts[comp.column] = rolling_mean(values, window)
    return pd.DataFrame(parts, index=df.index)


def _component_strip(ax: Axes, parts: pd.DataFrame) -> None:
    """Stack the component parts in a strip along the bottom of ``ax``."""
    from matplotlib.ticker import MaxNLocator

    strip = ax.inset_axes((0.0, 0.0, 1.0, 0.26), sharex=ax)
    strip.set_gid("components")
    filled = parts.fillna(0.0)
    keep = parts.notna().any(axis=1).to_numpy()
    x = parts.index
    labels = [COMPONENT_LABELS[c] for c in parts.columns]
    colours = [COMPONENT_COLOURS[i % len(COMPONENT_COLOURS)] for i in range(len(parts.columns))]
    ys = [np.where(keep, filled[c].to_numpy(), np.nan) for c in parts.columns]
    strip.stackplot(x, *ys, labels=labels, colors=colours, alpha=0.55, linewidth=0)
    strip.set_ylim(bottom=0)
    strip.patch.set_alpha(0.0)
    strip.tick_params(axis="x", labelbottom=False, length=0)
    strip.tick_params(axis="y", labelsize=7, colors=PALETTE["muted"])
    strip.yaxis.set_major_locator(MaxNLocator(2))
    for side in ("top", "right", "bottom"):
        strip.spines[side].set_visible(False)
    strip.spines["left"].set_color("#AAAAAA")
    strip.legend(
        loc="lower left",
        bbox_to_anchor=(0.0, 1.0),
        ncol=min(len(labels), 4),
        fontsize=7,
        frameon=False,
        handlelength=1.0,
        columnspacing=1.0,
        borderaxespad=0.1,
        title="what the index is made of (weighted parts, same smoothing)",
        title_fontsize=7,
        alignment="left",
    )


def _make_room_below(ax: Axes, lo: float, hi: float) -> None:
    """Keep the data in the upper part of ``ax`` so the component strip fits below it."""
    from matplotlib.ticker import MaxNLocator

    span = hi - lo if hi > lo else max(abs(hi), 1.0)
    top = hi + 0.08 * span
    bottom = lo - 0.95 * span  # about 45 % of the height stays free for the strip
    ticks = [t for t in MaxNLocator(4).tick_values(lo, hi) if lo - 1e-9 <= t <= top]
    ax.set_ylim(bottom, top)
    ax.set_yticks(ticks)
    ax.spines["left"].set_bounds(min([*ticks, lo]), max([*ticks, hi]))


@literal_text
@share
def plot_rumination(
    daily: pd.DataFrame,
    *,
    column: str = "rumination",
    window: int = 7,
    components: bool = True,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Rumination index over time: daily points, a rolling mean and its components.

    The index counts looping language (why-questions, what-ifs, replaying words...) and is
    read as a trend against your own earlier weeks, never as a diagnosis.

    Parameters
    ----------
    {plot.daily_param}
    column : str, default "rumination"
        The column to draw (``"rumination_within"`` works too).
    {plot.window}
    components : bool, default True
        Add a strip along the bottom with the parts of the index, smoothed the same way:
        each component that raises the index, weighted as in the published formula
        (``weight * min(value, cap)``). Tone and release language lower the index and are
        not stacked. Components missing from the panel are left out.
    {plot.ax}
    **kwargs
        Passed to the rolling-mean line (``color``, ``linewidth``, ``label``...).

    Returns
    -------
    {plot.returns_few_days}

    Raises
    ------
    {plot.raises_daily_window}

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> from reflection_kit.plots import plot_rumination
    >>> days = pd.date_range("2025-03-03", periods=10, name="date")
    >>> daily = pd.DataFrame({"rumination": [1.2, 0.9, None, 1.1, 0.8, 0.7, 0.9, 0.6, 0.5, 0.4]},
    ...                      index=days)
    >>> ax = plot_rumination(daily, window=3)
    >>> ax.get_title()
    'How much the writing loops back, day by day'
    """
    window = check_window(window)
    ax = get_ax(ax)
    df = daily_frame(daily)
    what = "Score the journal with rk.score_entries(journal) and pass it to rk.daily."
    if column not in df.columns or not len(df):
        return _missing_note(ax, column, _RUMINATION_TITLE, df, what)
    series = daily_series(df, column)
    if (done := _few_days(ax, series, _RUMINATION_TITLE, "rumination value")) is not None:
        return done
    tidy(ax)
    _points_and_mean(ax, series, window, "rumination", kwargs)
    ax.set_title(_RUMINATION_TITLE)
    ax.set_ylabel("rumination index\n(higher = more looping language)")
    ax.set_xlabel("")
    date_axis(ax)
    ax.set_xlim(df.index.min() - pd.Timedelta(hours=12), df.index.max() + pd.Timedelta(hours=12))
    parts = _contributions(df, window) if components else pd.DataFrame(index=df.index)
    lo, hi = float(series.min()), float(series.max())
    if components and parts.shape[1]:
        _make_room_below(ax, lo, hi)
        _component_strip(ax, parts)
        # the label belongs to the data above the strip: three short lines centred there
        ax.set_ylabel("rumination index\n(higher = more\nlooping language)", fontsize=9)
        ax.yaxis.label.set_y(0.74)
    elif components:
        ax.text(
            0.01,
            0.02,
            "components not in the daily panel (score the journal to see them)",
            transform=ax.transAxes,
            fontsize=7,
            color=PALETTE["muted"],
            gid=SUBNOTE_GID,
        )
    ax.legend(loc="upper right", fontsize=8, frameon=False, ncol=2)
    return ax


@literal_text
@share
def plot_tone(
    daily: pd.DataFrame,
    *,
    column: str = "tone",
    window: int = 7,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Tone of the writing over time: daily points, a rolling mean and the neutral line.

    Tone is the mean VADER compound score of the day's sentences, from -1 (negative
    wording) to +1 (positive wording). It describes the words, not the person: it is not a
    mood score and not a measure of progress.

    Parameters
    ----------
    daily : pandas.DataFrame
        The daily panel of :func:`reflection_kit.daily`, or any frame with a ``date``
        column. It is not modified.
    column : str, default "tone"
        The column to draw.
    {plot.window}
    {plot.ax}
    **kwargs
        Passed to the rolling-mean line.

    Returns
    -------
    {plot.returns_few_days}

    Raises
    ------
    {plot.raises_daily_window}

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> from reflection_kit.plots import plot_tone
    >>> days = pd.date_range("2025-03-03", periods=5, name="date")
    >>> ax = plot_tone(pd.DataFrame({"tone": [-0.2, 0.1, 0.0, 0.3, 0.2]}, index=days))
    >>> ax.get_ylabel().splitlines()[0]
    'tone of the words'
    """
    window = check_window(window)
    ax = get_ax(ax)
    df = daily_frame(daily)
    what = "Tone comes from rk.score_entries(journal), passed to rk.daily."
    if column not in df.columns or not len(df):
        return _missing_note(ax, column, _TONE_TITLE, df, what)
    series = daily_series(df, column)
    if (done := _few_days(ax, series, _TONE_TITLE, "tone value")) is not None:
        return done
    tidy(ax)
    ax.axhline(
        0.0,
        color=PALETTE["reference"],
        linewidth=1,
        linestyle="--",
        zorder=1,
        label="neutral wording",
        gid="zero_line",
    )
    _points_and_mean(ax, series, window, "tone", kwargs)
    reach = float(np.nanmax(np.abs(series.to_numpy())))
    limit = min(1.0, max(0.25, reach * 1.15))
    ax.set_ylim(-limit, limit)
    ax.set_title(_TONE_TITLE)
    ax.set_ylabel("tone of the words\n(−1 negative … +1 positive)")
    ax.set_xlabel("")
    date_axis(ax)
    ax.set_xlim(df.index.min() - pd.Timedelta(hours=12), df.index.max() + pd.Timedelta(hours=12))
    ax.legend(loc="upper left", fontsize=8, frameon=False, ncol=3)
    return ax
