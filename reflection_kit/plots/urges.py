"""Urges: when they come (hour × weekday), how each week went, and what helped.

Words on screen follow the product's care rules: an urge is *resisted* or *acted on*;
nothing "failed". Counts and rates always show their n.
"""

from __future__ import annotations

import math
import warnings
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._docstrings import share
from ..errors import DataQualityWarning, SchemaError
from ..metrics import UrgeStats, urge_stats, weekly
from ._style import (
    PALETTE,
    check_frame,
    daily_frame,
    date_axis,
    get_ax,
    literal_text,
    note,
    span_text,
    tidy,
)

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["plot_coping", "plot_urge_clock", "plot_urges_weekly"]

_CLOCK_TITLE = "When urges come: hour of the day and weekday"
_WEEKLY_TITLE = "Urges each week, and how many were resisted"
_COPING_TITLE = "What helped: share of urges resisted with each strategy"
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_HEADROOM = 1.42


def _stats(urges: Any, name: str, **kwargs: Any) -> tuple[UrgeStats | None, str]:
    """``urge_stats`` of an urge frame (or the UrgeStats given), else None and a reason."""
    if isinstance(urges, UrgeStats):
        return urges, ""
    check_frame(urges, name, "Suggestion: pass rk.read_urges(path) or an UrgeStats.")
    if not len(urges):
        return None, "No urges logged yet: the urge frame is empty."
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DataQualityWarning)
            return urge_stats(urges, **kwargs), ""
    except SchemaError as exc:
        return None, f"These urges cannot be placed in time: {exc}"


# --------------------------------------------------------------------------- the urge clock


@literal_text
@share
def plot_urge_clock(
    urges: pd.DataFrame | UrgeStats,
    *,
    day_starts: int = 0,
    counts: bool = True,
    colorbar: bool = True,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Heatmap of urges by local hour (columns) and weekday (rows).

    Parameters
    ----------
    urges : pandas.DataFrame or UrgeStats
        An urge frame (:func:`reflection_kit.read_urges`), or the result of
        :func:`reflection_kit.metrics.urge_stats` (its ``hour_weekday`` table is used).
        Hours are the wall clock the person saw (``local_time``); urges logged without a
        time of day are left out; daily check-in rows are not urges and are left out.
    day_starts : int, default 0
        The local hour at which a day begins. With 4, an urge at 1 a.m. on Saturday counts
        for Friday, and the hours run from 4 a.m. to 3 a.m. Ignored for an UrgeStats.
    counts : bool, default True
        Write the number of urges in each cell that has any.
    colorbar : bool, default True
        Add a colour bar (it takes a slice of the axes' room).
    {plot.ax}
    **kwargs
        Passed to ``pcolormesh`` (``cmap``, ``vmax``...).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on. No urges, urges on a single day, or no clock times give an empty
        axes with a note.

    Raises
    ------
    TypeError
        ``urges`` is neither a DataFrame nor an UrgeStats.
    ValueError
        ``day_starts`` is not an hour from 0 to 23.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import reflection_kit as rk
    >>> from reflection_kit.plots import plot_urge_clock
    >>> urges = rk.read_urges("data/sample/urges.csv")  # doctest: +SKIP
    >>> ax = plot_urge_clock(urges, day_starts=4)  # doctest: +SKIP
    """
    ax = get_ax(ax)
    # urge_stats checks day_starts (a ValueError that says why): no check of our own
    stats, why = _stats(urges, "urges", day_starts=day_starts)
    if stats is None:
        return note(ax, why, title=_CLOCK_TITLE)
    table = stats.hour_weekday.reindex(index=range(24), columns=list(_WEEKDAYS), fill_value=0)
    total = int(table.to_numpy().sum())
    if total == 0:
        return note(
            ax,
            "No urge here has a time of day, so there is no pattern by hour to show. "
            "Logging the time of each urge fills this in.",
            title=_CLOCK_TITLE,
        )
    if stats.start is not None and stats.start == stats.end:
        return note(
            ax,
            f"All {stats.urges} urges are from one day ({stats.start.day} {stats.start:%b %Y}). "
            "A pattern by hour and weekday needs more days.",
            title=_CLOCK_TITLE,
        )
    start_hour = day_starts if not isinstance(urges, UrgeStats) else 0
    hours = [(start_hour + i) % 24 for i in range(24)]
    grid = table.loc[hours].to_numpy().T  # 7 weekdays × 24 hours
    mesh_kw: dict[str, Any] = {
        "cmap": "Blues",
        "vmin": 0,
        "vmax": max(1, int(grid.max())),
        "edgecolors": "white",
        "linewidth": 0.6,
    }
    mesh_kw.update(kwargs)
    mesh = ax.pcolormesh(np.arange(25), np.arange(8), grid, **mesh_kw)
    mesh.set_gid("urge_clock")
    ax.set_ylim(7, 0)  # Monday on top
    ax.set_yticks(np.arange(7) + 0.5, labels=list(_WEEKDAYS))
    step = 3
    ax.set_xticks(np.arange(0, 24, step), labels=[f"{h:02d}:00" for h in hours[::step]])
    ax.tick_params(length=0, labelsize=8, colors=PALETTE["text"])
    for spine in ax.spines.values():
        spine.set_visible(False)
    if counts:
        cmap, vmax = mesh.get_cmap(), mesh.norm.vmax
        for r in range(7):
            for c in range(24):
                v = int(grid[r, c])
                if v:
                    dark = cmap(v / vmax)[:3]
                    light = 0.299 * dark[0] + 0.587 * dark[1] + 0.114 * dark[2] < 0.5
                    ax.text(
                        c + 0.5,
                        r + 0.5,
                        str(v),
                        ha="center",
                        va="center",
                        fontsize=6,
                        color="white" if light else PALETTE["text"],
                    )
    shift = f" (a day starts at {start_hour:02d}:00)" if start_hour else ""
    ax.set_xlabel(f"hour of the day, local time{shift}")
    ax.set_ylabel("")
    ax.set_title(f"{_CLOCK_TITLE} ({total} urges)")
    if colorbar:
        ax.figure.colorbar(mesh, ax=ax, label="urges", fraction=0.035, pad=0.015, aspect=12)
    return ax


# --------------------------------------------------------------------------- weekly urges


def _weekly(df: pd.DataFrame) -> pd.DataFrame:
    """The weekly sums of :func:`reflection_kit.metrics.weekly`, as bar heights.

    Weeks without a logged day draw as 0; the resisted rate stays NA where no outcome was
    noted.
    """
    w = weekly(df)

    def bars(col: str) -> pd.Series:
        return w[col].astype("Float64").fillna(0.0).astype(float)

    out = pd.DataFrame({"resisted": bars("resisted"), "acted": bars("acted")})
    out.index.name = "week_start"
    out["urges"] = bars("urges") if "urges" in w.columns else out["resisted"] + out["acted"]
    out["logged_days"] = w["logged_days"]
    out["unknown"] = bars("outcome_unknown") if "outcome_unknown" in w.columns else 0.0
    out["n"] = bars("n_outcomes")
    out["rate"] = w["resisted_rate"].astype("Float64").astype(float)
    return out


@literal_text
@share
def plot_urges_weekly(
    daily: pd.DataFrame,
    *,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Urges per week, split into resisted and acted on, with the resisted rate.

    Bars count the urges of each Monday-to-Sunday week (resisted at the bottom, acted on
    above, urges whose outcome was not noted on top in grey). The line, on a 0–100 % axis
    on the right, is the resisted rate: resisted / (resisted + acted on). The number above
    each bar is that week's n (resisted + acted on); weeks without urges with an outcome
    have no point.

    Parameters
    ----------
    daily : pandas.DataFrame
        The daily panel of :func:`reflection_kit.daily` with ``urges``, ``resisted`` and
        ``acted`` (``<NA>`` on days that were not logged; those days add nothing).
    {plot.ax}
    **kwargs
        Passed to the resisted-rate line.

    Returns
    -------
    matplotlib.axes.Axes
        The axes with the bars. The rate line lives on a twin axes that shares the x axis
        (its gid is ``"resisted_rate_axes"``). Empty data, a single day, or no urges give an
        empty axes with a note.

    Raises
    ------
    TypeError
        ``daily`` is not a DataFrame.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> from reflection_kit.plots import plot_urges_weekly
    >>> days = pd.date_range("2025-03-03", periods=14, name="date")
    >>> daily = pd.DataFrame({"urges": [2] * 14, "resisted": [1] * 14, "acted": [1] * 14},
    ...                      index=days)
    >>> ax = plot_urges_weekly(daily)
    >>> ax.get_ylabel()
    'urges in the week'
    """
    ax = get_ax(ax)
    df = daily_frame(daily)
    if not len(df):
        return note(ax, "Nothing to show yet: the daily panel has no days.", title=_WEEKLY_TITLE)
    missing = [c for c in ("resisted", "acted") if c not in df.columns]
    if missing:
        return note(
            ax,
            f"The daily panel has no {' or '.join(f'`{c}`' for c in missing)} column. Pass "
            "urges to rk.daily(urges=...) to see each week's urges.",
            title=_WEEKLY_TITLE,
        )
    if len(df) < 2:
        return note(
            ax,
            "One day so far: a week-by-week view needs more days.",
            title=_WEEKLY_TITLE,
        )
    weeks = _weekly(df)
    if weeks["urges"].sum() == 0:
        logged = int(weeks["logged_days"].sum())
        message = (
            f"No urges on the {logged} logged day{'s' if logged != 1 else ''} of "
            f"{span_text(df.index)}."
            if logged
            else f"No day in {span_text(df.index)} has urges logged yet. This view fills in "
            "once they are."
        )
        return note(ax, message, title=_WEEKLY_TITLE)
    tidy(ax)
    centre = weeks.index + pd.Timedelta(days=3)
    width = pd.Timedelta(days=5.6)
    bottom = np.zeros(len(weeks))
    parts = [
        ("resisted", "resisted", PALETTE["resisted"]),
        ("acted", "acted on", PALETTE["acted"]),
        ("unknown", "outcome not noted", PALETTE["unknown"]),
    ]
    for key, label, colour in parts:
        values = weeks[key].to_numpy(dtype=float)
        if key == "unknown" and not values.any():
            continue
        bars = ax.bar(
            centre, values, width=width, bottom=bottom, color=colour, label=label, linewidth=0
        )
        for patch in bars:
            patch.set_gid(f"bars_{key}")
        bottom = bottom + values
    top = float(bottom.max())
    for x, total, n in zip(centre, bottom, weeks["n"].to_numpy(), strict=True):
        if total > 0:
            ax.text(
                x,
                total + top * 0.015,
                f"{int(n)}",
                ha="center",
                va="bottom",
                fontsize=7,
                color=PALETTE["muted"],
                gid="week_n",
            )
    ax.set_ylim(0, top * _HEADROOM)  # room for the n's and the legend above the bars
    ax.set_ylabel("urges in the week")
    ax.set_title(_WEEKLY_TITLE)
    date_axis(ax)
    ax.set_xlim(weeks.index.min() - pd.Timedelta(days=1), weeks.index.max() + pd.Timedelta(days=8))
    twin = ax.twinx()
    ax.figure.sca(ax)  # twinx made the twin current; plt.gca() should stay on the bars
    twin.set_gid("resisted_rate_axes")
    rate = weeks["rate"] * 100
    line_kw = {
        "color": PALETTE["rate"],
        "linewidth": 1.6,
        "marker": "o",
        "markersize": 4,
        "label": "resisted rate (right axis)",
    }
    line_kw.update(kwargs)
    (line,) = twin.plot(centre, rate.to_numpy(), **line_kw)
    line.set_gid("resisted_rate")
    twin.set_ylim(0, 100 * _HEADROOM)  # 100 % lines up with the tallest bar
    twin.set_yticks([0, 25, 50, 75, 100], labels=["0%", "25%", "50%", "75%", "100%"])
    twin.set_ylabel("resisted (% of urges with an outcome)")
    for side in ("top", "left", "bottom"):
        twin.spines[side].set_visible(False)
    twin.spines["right"].set_color("#AAAAAA")
    twin.tick_params(colors=PALETTE["text"], labelsize=9)
    handles, labels = ax.get_legend_handles_labels()
    h2, l2 = twin.get_legend_handles_labels()
    ax.legend(handles + h2, labels + l2, loc="upper left", fontsize=8, frameon=False, ncol=2)
    ax.set_xlabel("week (number above a bar: n, the urges with a noted outcome)", fontsize=9)
    return ax


# --------------------------------------------------------------------------- coping


def _pretty(name: str) -> str:
    """Our strategy names in plain words (``urge_surfing``); the person's wording as written."""
    from ..frames import COPING_STRATEGIES

    text = str(name)
    return text.replace("_", " ") if text in COPING_STRATEGIES else text


@literal_text
@share
def plot_coping(
    stats_or_urges: UrgeStats | pd.DataFrame,
    *,
    min_n: int = 5,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Resisted rate per coping strategy, with Wilson 95 % intervals and n.

    Strategies with at least ``min_n`` urges with an outcome are ranked, best first.
    The others are drawn faded at the bottom and marked "too few to rank": their
    interval is too wide to compare. The dashed line is the rate over all urges.

    Parameters
    ----------
    stats_or_urges : UrgeStats or pandas.DataFrame
        The result of :func:`reflection_kit.metrics.urge_stats` (its ``coping`` table), or
        an urge frame (``urge_stats`` is run on it).
    min_n : int, default 5
        Fewest urges with an outcome for a strategy to be ranked.
    {plot.ax}
    **kwargs
        Passed to the ``errorbar`` of the ranked strategies (``color``, ``capsize``...).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on; y tick labels read "strategy (n=…)". No coping noted gives an
        empty axes with a note.

    Raises
    ------
    TypeError
        ``stats_or_urges`` is neither an UrgeStats nor a DataFrame.
    ValueError
        ``min_n`` is not a whole number of at least 1.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import reflection_kit as rk
    >>> from reflection_kit.plots import plot_coping
    >>> urges = rk.read_urges("data/sample/urges.csv")  # doctest: +SKIP
    >>> ax = plot_coping(urges, min_n=5)  # doctest: +SKIP
    """
    if isinstance(min_n, bool) or not isinstance(min_n, int | np.integer) or min_n < 1:
        raise ValueError(f"`min_n` must be a whole number of at least 1, got {min_n!r}.")
    ax = get_ax(ax)
    stats, why = _stats(stats_or_urges, "stats_or_urges", min_n=int(min_n))
    if stats is None:
        return note(ax, why, title=_COPING_TITLE)
    if stats.start is not None and stats.start == stats.end:
        return note(
            ax,
            f"All {stats.urges} urges are from one day ({stats.start.day} "
            f"{stats.start:%b %Y}). What helps shows after a few days of logging.",
            title=_COPING_TITLE,
        )
    table = stats.coping
    table = table[table["n"] > 0] if len(table) else table
    if not len(table):
        return note(
            ax,
            "No urge here notes a coping strategy with an outcome yet. Writing down what "
            "you tried (breathing, a walk, calling a friend...) shows what helps.",
            title=_COPING_TITLE,
        )
    ranked = table["n"].to_numpy() >= min_n
    order = np.lexsort(
        (-table["n"].to_numpy(), -table["resisted_rate"].fillna(0).to_numpy(), ~ranked)
    )
    table, ranked = table.iloc[order], ranked[order]
    y = np.arange(len(table))
    rate = table["resisted_rate"].to_numpy(dtype=float) * 100
    low = table["ci_low"].to_numpy(dtype=float) * 100
    high = table["ci_high"].to_numpy(dtype=float) * 100
    err = np.vstack([rate - low, high - rate])
    tidy(ax, grid="x")
    bar_kw = {
        "fmt": "o",
        "color": PALETTE["main"],
        "ecolor": PALETTE["main"],
        "elinewidth": 2,
        "capsize": 3,
        "markersize": 6,
        "label": "resisted rate with 95% interval",
    }
    bar_kw.update(kwargs)
    if ranked.any():
        ranked_bars = ax.errorbar(rate[ranked], y[ranked], xerr=err[:, ranked], **bar_kw)
        for artist in ranked_bars.get_children():
            artist.set_gid("coping_ranked")
    if (~ranked).any():
        faded = ax.errorbar(
            rate[~ranked],
            y[~ranked],
            xerr=err[:, ~ranked],
            fmt="o",
            color=PALETTE["faded"],
            ecolor=PALETTE["faded"],
            elinewidth=1.5,
            capsize=3,
            markersize=5,
            alpha=0.45,
            label=f"too few to rank (n<{min_n})",
        )
        for artist in faded.get_children():
            artist.set_gid("coping_faded")
    labels = []
    for name, n, is_ranked in zip(table["coping"], table["n"], ranked, strict=True):
        text = f"{_pretty(name)} (n={int(n)})"
        labels.append(text if is_ranked else f"{text}\ntoo few to rank (n<{min_n})")
    ax.set_yticks(y, labels=labels)
    for tick, is_ranked in zip(ax.get_yticklabels(), ranked, strict=True):
        if not is_ranked:
            tick.set_color(PALETTE["faded"])
    ax.set_ylim(len(table) - 0.5, -0.5)  # best on top
    ax.set_xlim(0, 100)
    ax.set_xticks([0, 25, 50, 75, 100], labels=["0%", "25%", "50%", "75%", "100%"])
    overall = stats.resisted
    if len(overall) == 1 and overall["n"].iloc[0] > 0 and not math.isnan(overall["rate"].iloc[0]):
        value = float(overall["rate"].iloc[0]) * 100
        ax.axvline(
            value,
            color=PALETTE["reference"],
            linestyle="--",
            linewidth=1,
            zorder=1,
            label=f"all urges: {value:.0f}% resisted (n={int(overall['n'].iloc[0])})",
            gid="overall_rate",
        )
    ax.set_xlabel("share of urges resisted when this was tried")
    ax.set_title(_COPING_TITLE)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=3, fontsize=8, frameon=False)
    return ax
