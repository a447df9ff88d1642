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
from ..frames import COPING_STRATEGIES
from ..metrics import UrgeStats, urge_stats, weekly
from ._style import (
    MIN_FONT,
    PALETTE,
    below_axes,
    check_frame,
    daily_frame,
    get_ax,
    literal_text,
    note,
    renamed_first_arg,
    span_text,
    tidy,
    wrap_to_axes,
)

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["plot_coping", "plot_urge_clock", "plot_urges_weekly"]

_CLOCK_TITLE = "When urges come: hour of the day and weekday"
_WEEKLY_TITLE = "Urges each week, and how many were resisted"
_COPING_TITLE = "What helped: share of urges resisted with each strategy"
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_BARS_TOP = 0.60  # the tallest bar reaches this share of the axes' height
_RATE_HEIGHT = 0.30  # the strip of the share resisted takes the top of the axes
_FEW_OUTCOMES = 5  # weeks with fewer urges with an outcome get a hollow dot


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


def _clock_note(stats: UrgeStats, total: int) -> str | None:
    """Why there is no pattern by hour to draw, or None when there is one."""
    if total == 0:
        return (
            "No urge here has a time of day, so there is no pattern by hour to show. "
            "Logging the time of each urge fills this in."
        )
    if stats.start is not None and stats.start == stats.end:
        return (
            f"All {stats.urges} urges are from one day ({stats.start.day} {stats.start:%b %Y}). "
            "A pattern by hour and weekday needs more days."
        )
    return None


def _clock_mesh(ax: Axes, grid: np.ndarray, hours: list[int], kwargs: dict[str, Any]) -> Any:
    """The weekday × hour cells, Monday on top, an hour label every three hours."""
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
    wide = ax.get_position().width * ax.figure.get_figwidth() >= 5
    step = 3 if wide else 6
    ax.set_xticks(np.arange(0, 24, step), labels=[f"{h:02d}:00" for h in hours[::step]])
    ax.tick_params(length=0, labelsize=MIN_FONT, colors=PALETTE["text"])
    for spine in ax.spines.values():
        spine.set_visible(False)
    return mesh


def _clock_counts(ax: Axes, mesh: Any, grid: np.ndarray) -> None:
    """The count in each cell that has any, when the cells are wide enough to read it."""
    cell = ax.get_position().width * ax.figure.get_figwidth() * 72 / 24  # points
    digits = len(str(int(grid.max())))
    if cell < 0.62 * MIN_FONT * digits + 2:
        return  # too narrow at a readable size: the colour bar reads the counts
    cmap, vmax = mesh.get_cmap(), mesh.norm.vmax
    for r, c in zip(*np.nonzero(grid), strict=True):
        v = int(grid[r, c])
        red, green, blue = cmap(v / vmax)[:3]
        dark = 0.299 * red + 0.587 * green + 0.114 * blue < 0.5
        ax.text(
            c + 0.5,
            r + 0.5,
            str(v),
            ha="center",
            va="center",
            fontsize=MIN_FONT,
            color="white" if dark else PALETTE["text"],
        )


def _clock_colorbar(ax: Axes, mesh: Any) -> None:
    """A colour bar of counts: whole-number ticks only."""
    # deferred: matplotlib (~0.2 s) loads at the first plot, never at `import reflection_kit`
    from matplotlib.ticker import MaxNLocator

    bar = ax.figure.colorbar(mesh, ax=ax, fraction=0.035, pad=0.015, aspect=12)
    bar.set_label("urges", fontsize=MIN_FONT)
    bar.locator = MaxNLocator(integer=True, nbins=5)
    bar.update_ticks()
    bar.ax.tick_params(labelsize=MIN_FONT)


@renamed_first_arg("urges")
@literal_text
@share
def plot_urge_clock(
    data: pd.DataFrame | UrgeStats,
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
    data : pandas.DataFrame or UrgeStats
        An urge frame (:func:`reflection_kit.read_urges`), or the result of
        :func:`reflection_kit.metrics.urge_stats` (its ``hour_weekday`` table is used). (Its
        old keyword name ``urges=`` still works, with a DeprecationWarning.)
        Hours are the wall clock the person saw (``local_time``); urges logged without a
        time of day are left out; daily check-in rows are not urges and are left out.
    day_starts : int, default 0
        The local hour at which a day begins. With 4, an urge at 1 a.m. on Saturday counts
        for Friday, and the hours run from 4 a.m. to 3 a.m. Ignored for an UrgeStats.
    counts : bool, default True
        Write the number of urges in each cell that has any (when the cells are wide
        enough for the numbers at a readable size; the colour bar always reads the counts).
    colorbar : bool, default True
        Add a colour bar with whole-number ticks (it takes a slice of the axes' room).
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
        ``data`` is neither a DataFrame nor an UrgeStats.
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
    stats, why = _stats(data, "data", day_starts=day_starts)
    if stats is None:
        return note(ax, why, title=_CLOCK_TITLE)
    table = stats.hour_weekday.reindex(index=range(24), columns=list(_WEEKDAYS), fill_value=0)
    if (message := _clock_note(stats, int(table.to_numpy().sum()))) is not None:
        return note(ax, message, title=_CLOCK_TITLE)
    start_hour = day_starts if not isinstance(data, UrgeStats) else 0
    hours = [(start_hour + i) % 24 for i in range(24)]
    grid = table.loc[hours].to_numpy().T  # 7 weekdays × 24 hours
    mesh = _clock_mesh(ax, grid, hours, kwargs)
    if counts:
        _clock_counts(ax, mesh, grid)
    shift = f" (a day starts at {start_hour:02d}:00)" if start_hour else ""
    ax.set_xlabel(f"hour of the day, local time{shift}")
    ax.set_ylabel("")
    ax.set_title(f"{_CLOCK_TITLE} ({int(grid.sum())} urges)")
    if colorbar:
        _clock_colorbar(ax, mesh)
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


def _weekly_note(df: pd.DataFrame) -> str | None:
    """Why there is no week-by-week view of this panel, or None when there is one."""
    if not len(df):
        return "Nothing to show yet: the daily panel has no days."
    missing = [c for c in ("resisted", "acted") if c not in df.columns]
    if missing:
        return (
            f"The daily panel has no {' or '.join(f'`{c}`' for c in missing)} column. Pass "
            "urges to rk.daily(urges=...) to see each week's urges."
        )
    if len(df) < 2:
        return "One day so far: a week-by-week view needs more days."
    return None


def _no_urges(weeks: pd.DataFrame, days: pd.DatetimeIndex) -> str:
    logged = int(weeks["logged_days"].sum())
    if logged:
        days_word = "day" if logged == 1 else "days"
        return f"No urges on the {logged} logged {days_word} of {span_text(days)}."
    return f"No day in {span_text(days)} has urges logged yet. This view fills in once they are."


def _weekly_bars(ax: Axes, weeks: pd.DataFrame, centre: pd.DatetimeIndex) -> float:
    """Stacked bars (resisted, acted on, not noted) with each week's n above; the top."""
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
                total + top * 0.02,
                f"{int(n)}",
                ha="center",
                va="bottom",
                fontsize=MIN_FONT,
                color=PALETTE["muted"],
                gid="week_n",
            )
    return top


def _week_ticks(ax: Axes, mondays: pd.DatetimeIndex, centre: pd.DatetimeIndex) -> None:
    """One tick under each bar (every few bars when they are many), labelled by its Monday."""
    width = ax.get_position().width * ax.figure.get_figwidth()
    step = max(1, math.ceil(len(mondays) / max(1.0, width / 0.6)))
    labels = []
    for i, monday in enumerate(mondays):
        year = i == 0 or monday.year != mondays[i - 1].year
        labels.append(f"{monday.day} {monday:%b}" + (f"\n{monday.year}" if year else ""))
    ax.set_xticks(centre[::step], labels=labels[::step])
    ax.set_xticks(centre, minor=True)
    ax.tick_params(axis="x", which="minor", length=2)
    ax.set_xlim(mondays.min() - pd.Timedelta(days=1), mondays.max() + pd.Timedelta(days=8))
    ax.set_xlabel(
        wrap_to_axes(
            "week, from its Monday (number above a bar: n, the urges with a noted outcome)", ax
        )
    )


def _text_lines_below(ax: Axes) -> int:
    """Lines of text under the axes: the tallest tick label and the x label."""
    ticks = max((t.get_text().count("\n") + 1 for t in ax.get_xticklabels()), default=1)
    return ticks + ax.get_xlabel().count("\n") + 1


def _rate_strip(
    ax: Axes, weeks: pd.DataFrame, centre: pd.DatetimeIndex, kwargs: dict[str, Any]
) -> Axes:
    """The share resisted, one dot a week on its own 0–100 % scale above the bars."""
    strip = ax.inset_axes((0.0, 1.0 - _RATE_HEIGHT, 1.0, _RATE_HEIGHT), sharex=ax)
    strip.set_gid("resisted_rate_axes")
    tidy(strip)
    strip.patch.set_alpha(0.0)
    strip.spines["bottom"].set_visible(False)
    strip.tick_params(axis="x", which="both", labelbottom=False, length=0)
    rate = (weeks["rate"] * 100).to_numpy(dtype=float)
    n = weeks["n"].to_numpy(dtype=float)
    few = n < _FEW_OUTCOMES
    area = 10 + 90 * np.sqrt(n / max(1.0, float(n.max())))
    colour = kwargs.pop("color", PALETTE["rate"])
    dot_kw = {
        "label": f"share resisted (dot area: n; hollow: n < {_FEW_OUTCOMES})",
        "linewidths": 1.4,
        "zorder": 3,
    }
    dot_kw.update(kwargs)
    dots = strip.scatter(
        centre,
        rate,
        s=area,
        facecolors=[(1, 1, 1, 0) if f else colour for f in few],
        edgecolors=colour,
        **dot_kw,
    )
    dots.set_gid("resisted_rate")
    strip.set_ylim(-12, 112)
    strip.set_yticks([0, 50, 100], labels=["0%", "50%", "100%"])
    strip.spines["left"].set_bounds(0, 100)
    strip.set_ylabel("resisted", fontsize=MIN_FONT)
    return strip


@renamed_first_arg("daily")
@literal_text
@share
def plot_urges_weekly(
    data: pd.DataFrame,
    *,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Urges per week, split into resisted and acted on, with the share resisted above.

    Bars count the urges of each Monday-to-Sunday week (resisted at the bottom, acted on
    above, urges whose outcome was not noted on top in grey); the number above each bar is
    that week's n (resisted + acted on). A strip above the bars, with its own 0–100 % scale,
    shows the share resisted, resisted / (resisted + acted on), as one dot a week: the dot's
    area grows with n, and a week with fewer than 5 urges with an outcome has a hollow dot,
    so a 100 % week of 2 urges does not look as strong as one of 29. Weeks without urges
    with an outcome have no dot. Each bar has a tick, labelled with the Monday.

    Parameters
    ----------
    data : pandas.DataFrame
        The daily panel of :func:`reflection_kit.daily` with ``urges``, ``resisted`` and
        ``acted`` (``<NA>`` on days that were not logged; those days add nothing). (Its old
        keyword name ``daily=`` still works, with a DeprecationWarning.)
    {plot.ax}
    **kwargs
        Passed to the dots of the share resisted (``color``, ``label``...).

    Returns
    -------
    matplotlib.axes.Axes
        The axes with the bars. The share resisted lives on an inset axes of it (in
        ``ax.child_axes``, gid ``"resisted_rate_axes"``). Empty data, a single day, or no
        urges give an empty axes with a note.

    Raises
    ------
    TypeError
        ``data`` is not a DataFrame.

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
    # deferred: matplotlib (~0.2 s) loads at the first plot, never at `import reflection_kit`
    from matplotlib.ticker import MaxNLocator

    ax = get_ax(ax)
    df = daily_frame(data)
    if (message := _weekly_note(df)) is not None:
        return note(ax, message, title=_WEEKLY_TITLE)
    weeks = _weekly(df)
    if weeks["urges"].sum() == 0:
        return note(ax, _no_urges(weeks, df.index), title=_WEEKLY_TITLE)
    tidy(ax)
    centre = weeks.index + pd.Timedelta(days=3)
    top = _weekly_bars(ax, weeks, centre)
    ax.set_ylim(0, top / _BARS_TOP)
    ax.set_yticks([t for t in MaxNLocator(4, integer=True).tick_values(0, top) if t <= top])
    ax.spines["left"].set_bounds(0, top)
    ax.set_ylabel("urges in the week", fontsize=MIN_FONT)
    ax.set_title(_WEEKLY_TITLE)
    _week_ticks(ax, weeks.index, centre)
    strip = _rate_strip(ax, weeks, centre, kwargs)
    # both y labels in one column, left of the widest tick labels ("100%")
    left = -(4.2 * MIN_FONT) / (ax.get_position().width * ax.figure.get_figwidth() * 72)
    ax.yaxis.set_label_coords(left, _BARS_TOP / 2)
    strip.yaxis.set_label_coords(left, 0.5)
    handles, labels = ax.get_legend_handles_labels()
    h2, l2 = strip.get_legend_handles_labels()
    ax.legend(
        handles + h2,
        labels + l2,
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        bbox_transform=below_axes(ax, _text_lines_below(ax) * 1.45 * MIN_FONT + 14),
        ncol=4 if ax.get_position().width * ax.figure.get_figwidth() >= 6 else 2,
        fontsize=MIN_FONT,
        frameon=False,
        borderaxespad=0.0,
    )
    return ax


# --------------------------------------------------------------------------- coping


def _pretty(name: str) -> str:
    """Our strategy names in plain words (``urge_surfing``); the person's wording as written."""
    text = str(name)
    return text.replace("_", " ") if text in COPING_STRATEGIES else text


def _coping_table(stats: UrgeStats) -> tuple[pd.DataFrame, str]:
    """The strategies with an outcome, or an empty table and the note's words."""
    if stats.start is not None and stats.start == stats.end:
        return pd.DataFrame(), (
            f"All {stats.urges} urges are from one day ({stats.start.day} "
            f"{stats.start:%b %Y}). What helps shows after a few days of logging."
        )
    table = stats.coping
    table = table[table["n"] > 0] if len(table) else table
    if not len(table):
        return table, (
            "No urge here notes a coping strategy with an outcome yet. Writing down what "
            "you tried (breathing, a walk, calling a friend...) shows what helps."
        )
    return table, ""


def _coping_bars(
    ax: Axes, table: pd.DataFrame, ranked: np.ndarray, min_n: int, kwargs: dict[str, Any]
) -> None:
    """Rates with their Wilson intervals: ranked strategies in colour, the others faded."""
    y = np.arange(len(table))
    rate = table["resisted_rate"].to_numpy(dtype=float) * 100
    low = table["ci_low"].to_numpy(dtype=float) * 100
    high = table["ci_high"].to_numpy(dtype=float) * 100
    err = np.vstack([rate - low, high - rate])
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


def _coping_labels(ax: Axes, table: pd.DataFrame, ranked: np.ndarray, min_n: int) -> None:
    """Strategy names with their n (best on top); a 0–100 % x axis."""
    labels = []
    for name, n, is_ranked in zip(table["coping"], table["n"], ranked, strict=True):
        text = f"{_pretty(name)} (n={int(n)})"
        labels.append(text if is_ranked else f"{text}\ntoo few to rank (n<{min_n})")
    ax.set_yticks(np.arange(len(table)), labels=labels)
    for tick, is_ranked in zip(ax.get_yticklabels(), ranked, strict=True):
        if not is_ranked:
            tick.set_color(PALETTE["faded"])
    ax.set_ylim(len(table) - 0.5, -0.5)  # best on top
    ax.set_xlim(0, 100)
    ax.set_xticks([0, 25, 50, 75, 100], labels=["0%", "25%", "50%", "75%", "100%"])


def _overall_line(ax: Axes, stats: UrgeStats) -> None:
    """A dashed line at the rate over all urges, with its n."""
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


@renamed_first_arg("stats_or_urges")
@literal_text
@share
def plot_coping(
    data: UrgeStats | pd.DataFrame,
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
    data : UrgeStats or pandas.DataFrame
        The result of :func:`reflection_kit.metrics.urge_stats` (its ``coping`` table), or
        an urge frame (``urge_stats`` is run on it). (Its old keyword name
        ``stats_or_urges=`` still works, with a DeprecationWarning.)
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
        ``data`` is neither an UrgeStats nor a DataFrame.
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
    stats, why = _stats(data, "data", min_n=int(min_n))
    if stats is None:
        return note(ax, why, title=_COPING_TITLE)
    table, message = _coping_table(stats)
    if message:
        return note(ax, message, title=_COPING_TITLE)
    ranked = table["n"].to_numpy() >= min_n
    order = np.lexsort(
        (-table["n"].to_numpy(), -table["resisted_rate"].fillna(0).to_numpy(), ~ranked)
    )
    table, ranked = table.iloc[order], ranked[order]
    tidy(ax, grid="x")
    _coping_bars(ax, table, ranked, min_n, kwargs)
    _coping_labels(ax, table, ranked, min_n)
    _overall_line(ax, stats)
    ax.set_xlabel("share of urges resisted when this was tried")
    ax.set_title(_COPING_TITLE)
    ax.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, -0.16),
        ncol=3 if ax.get_position().width * ax.figure.get_figwidth() >= 5 else 1,
        fontsize=MIN_FONT,
        frameon=False,
    )
    return ax
