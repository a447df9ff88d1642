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
    MIN_FONT,
    PALETTE,
    below_axes,
    check_window,
    component_style,
    daily_frame,
    daily_series,
    date_axis,
    get_ax,
    literal_text,
    note,
    renamed_first_arg,
    rolling_mean,
    tidy,
    wrap_to_axes,
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
_STRIP_HEIGHT = 0.32  # share of the axes' height that the component strip takes


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


def _legend_columns(ax: Axes, inches_per_column: float) -> int:
    """How many legend columns fit in the width of ``ax``."""
    width = ax.get_position().width * ax.figure.get_figwidth()
    return max(1, int(width // inches_per_column))


def _contributions(df: pd.DataFrame, series: pd.Series, window: int) -> tuple[pd.DataFrame, str]:
    """Every component's part of the index, smoothed like the line, or no parts and why.

    The parts come from the index specification (:meth:`IndexSpec.parts`), which promises
    that they add up to the index on every row. They are kept on the days the line uses (the
    days with a value) and smoothed with the same rolling mean, so on every day the smoothed
    parts add up to the drawn line. Components that never contribute (weight 0) are left out.
    """
    spec = index_spec()
    empty = pd.DataFrame(index=df.index)
    if not set(spec.columns) <= set(df.columns):
        return empty, "components not in the daily panel (score the journal to see them)"
    days = series.notna()
    parts = spec.parts(df).astype(float)
    # a value on each day the line uses (a missing part counts 0 there), nothing elsewhere
    parts = parts.fillna(0.0).where(days, np.nan, axis=0)
    gap = (parts.sum(axis=1) - series)[days].abs()
    if len(gap) and float(gap.max()) > 1e-6 * max(1.0, float(series.abs().max())):
        if series.name != "rumination":
            return empty, (
                f"the parts of the index are shown for `rumination` only: `{series.name}` is "
                "not their sum"
            )
        return empty, (
            "the parts in this panel do not add up to its index (scored with another version "
            "of the index?), so they are not drawn"
        )
    parts = parts.loc[:, parts.fillna(0.0).ne(0.0).any(axis=0)]
    return parts.apply(lambda col: rolling_mean(col, window)), ""


def _stack(strip: Axes, smooth: pd.DataFrame, sign: int) -> np.ndarray:
    """Stack the parts of one sign (above zero for +1, below for -1); return the stack's edge."""
    keep = smooth.notna().any(axis=1).to_numpy()
    base = np.zeros(len(smooth))
    for i, column in enumerate(smooth.columns):
        values = smooth[column].fillna(0.0).to_numpy(dtype=float)
        top = base + np.where(sign * values > 0, values, 0.0)
        colour, hatch = component_style(i)
        coll = strip.fill_between(
            smooth.index,
            np.where(keep, base, np.nan),
            np.where(keep, top, np.nan),
            facecolor=colour,
            edgecolor="white",
            hatch=hatch,
            linewidth=0,
            alpha=0.9,
        )
        coll.set_gid(f"component_{'raises' if sign > 0 else 'lowers'}")
        coll.set_label(f"_{column}")  # the legend is built from the handles below
        base = top
    return np.where(keep, base, np.nan)


def _strip_legend(ax: Axes, strip: Axes, columns: list[str]) -> None:
    """The components' legend under the dates of ``ax``: one entry a component, in order."""
    # deferred: matplotlib (~0.2 s) loads at the first plot, never at `import reflection_kit`
    from matplotlib.patches import Patch

    handles = []
    for i, column in enumerate(columns):
        colour, hatch = component_style(i)
        handles.append(
            Patch(facecolor=colour, edgecolor="white", hatch=hatch, label=COMPONENT_LABELS[column])
        )
    strip.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0.0, 0.0),
        bbox_transform=below_axes(ax, 3.4 * MIN_FONT),
        ncol=_legend_columns(ax, 1.6),
        fontsize=MIN_FONT,
        frameon=False,
        handlelength=1.4,
        handleheight=1.1,
        columnspacing=1.2,
        borderaxespad=0.0,
        title=wrap_to_axes(
            "What the index is made of, smoothed like the line: parts above 0 raise it, "
            "parts below 0 lower it, and together they add up to the line.",
            ax,
        ),
        title_fontsize=MIN_FONT,
        alignment="left",
    )


def _component_strip(ax: Axes, smooth: pd.DataFrame) -> Axes:
    """The parts of the index in a strip along the bottom of ``ax``, with its legend below."""
    # deferred: matplotlib (~0.2 s) loads at the first plot, never at `import reflection_kit`
    from matplotlib.ticker import MaxNLocator

    strip = ax.inset_axes((0.0, 0.0, 1.0, _STRIP_HEIGHT), sharex=ax)
    strip.set_gid("components")
    strip.axhline(0.0, color=PALETTE["reference"], linewidth=0.8, zorder=3)
    hi = float(np.nanmax(_stack(strip, smooth, +1), initial=0.0))
    lo = float(np.nanmin(_stack(strip, smooth, -1), initial=0.0))
    pad = 0.06 * ((hi - lo) or 1.0)
    strip.set_ylim(lo - pad, hi + pad)
    strip.yaxis.set_major_locator(MaxNLocator(3, min_n_ticks=2))
    strip.patch.set_alpha(0.0)
    strip.tick_params(axis="x", labelbottom=False, length=0)
    strip.tick_params(axis="y", labelsize=MIN_FONT, colors=PALETTE["muted"])
    for side in ("top", "right", "bottom"):
        strip.spines[side].set_visible(False)
    strip.spines["left"].set_color("#AAAAAA")
    strip.set_ylabel("parts", fontsize=MIN_FONT, color=PALETTE["muted"])
    _strip_legend(ax, strip, list(smooth.columns))
    return strip


def _make_room(ax: Axes, lo: float, hi: float, *, strip: bool) -> None:
    """Keep the data below the legend and, with a strip, above it (ticks on the data only)."""
    # deferred: matplotlib (~0.2 s) loads at the first plot, never at `import reflection_kit`
    from matplotlib.ticker import MaxNLocator

    span = hi - lo if hi > lo else max(abs(hi), 1.0)
    low, high = (_STRIP_HEIGHT + 0.08, 0.84) if strip else (0.04, 0.84)
    total = span / (high - low)
    bottom = lo - low * total
    ax.set_ylim(bottom, bottom + total)
    if strip:
        ticks = [t for t in MaxNLocator(4).tick_values(lo, hi) if lo - 1e-9 <= t <= hi + 1e-9]
        ax.set_yticks(ticks)
        ax.spines["left"].set_bounds(min([*ticks, lo]), max([*ticks, hi]))


def _rumination_axes(
    ax: Axes, df: pd.DataFrame, series: pd.Series, window: int, kwargs: dict[str, Any]
) -> None:
    """The points, the line, the title, the dates and the line's legend (top right)."""
    tidy(ax)
    _points_and_mean(ax, series, window, "rumination", kwargs)
    ax.set_title(_RUMINATION_TITLE)
    ax.set_xlabel("")
    ax.set_ylabel("rumination index\n(higher = more\nlooping language)", fontsize=MIN_FONT)
    date_axis(ax)
    ax.set_xlim(df.index.min() - pd.Timedelta(hours=12), df.index.max() + pd.Timedelta(hours=12))
    ax.legend(loc="upper right", fontsize=MIN_FONT, frameon=False, ncol=2, borderaxespad=0.2)


@renamed_first_arg("daily")
@literal_text
@share
def plot_rumination(
    data: pd.DataFrame,
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
    {plot.data_param}
    column : str, default "rumination"
        The column to draw (``"rumination_within"`` works too, without the strip).
    {plot.window}
    components : bool, default True
        Add a strip along the bottom with every part of the index
        (:meth:`reflection_kit.text.index_spec.IndexSpec.parts`), smoothed like the line:
        parts that raise the index are stacked above zero, parts that lower it (warm tone,
        release language) below, so on each day the strip adds up to the line. Drawn for the
        index itself when the panel holds every component; a component that never
        contributes (weight 0) is left out.
    {plot.ax}
    **kwargs
        Passed to the rolling-mean line (``color``, ``linewidth``, ``label``...).

    Returns
    -------
    {plot.returns_few_days}

    Raises
    ------
    {plot.raises_data_window}

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
    df = daily_frame(data)
    what = "Score the journal with rk.score_entries(journal) and pass it to rk.daily."
    if column not in df.columns or not len(df):
        return _missing_note(ax, column, _RUMINATION_TITLE, df, what)
    series = daily_series(df, column)
    if (done := _few_days(ax, series, _RUMINATION_TITLE, "rumination value")) is not None:
        return done
    _rumination_axes(ax, df, series, window, kwargs)
    smooth, why = _contributions(df, series, window) if components else (None, "")
    strip = smooth is not None and smooth.shape[1] > 0
    _make_room(ax, float(series.min()), float(series.max()), strip=strip)
    if strip:
        _component_strip(ax, smooth)
        ax.yaxis.label.set_y(0.62)  # centred on the data, above the strip
    elif why:
        ax.text(  # under the dates, where it cannot cover a point
            0.0,
            0.0,
            wrap_to_axes(why, ax),
            transform=below_axes(ax, 3.4 * MIN_FONT),
            va="top",
            fontsize=MIN_FONT,
            color=PALETTE["muted"],
            gid=SUBNOTE_GID,
        )
    return ax


@renamed_first_arg("daily")
@literal_text
@share
def plot_tone(
    data: pd.DataFrame,
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
    {plot.data_param}
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
    {plot.raises_data_window}

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
    df = daily_frame(data)
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
    ax.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        bbox_transform=below_axes(ax, 3.4 * MIN_FONT),
        fontsize=MIN_FONT,
        frameon=False,
        ncol=3,
        borderaxespad=0.0,
    )
    return ax
