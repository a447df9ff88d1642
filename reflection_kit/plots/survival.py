"""How long streaks tend to last: the Kaplan–Meier curve of streak lengths."""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._docstrings import share
from .._words import plural
from ..errors import DataQualityWarning
from ..metrics import LapseCurve, time_to_lapse
from ._style import (
    MIN_FONT,
    PALETTE,
    below_axes,
    get_ax,
    literal_text,
    note,
    renamed_first_arg,
    tidy,
)

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

    from ..metrics import LapseCurve

__all__ = ["MIN_STREAKS", "plot_time_to_lapse"]

#: Fewest streaks that have ended (with a slip, not a day left unlogged) for the curve to be
#: drawn: with fewer, one streak moves the curve too much to say how long streaks tend to
#: last, and the plot draws a note that says so instead. The review uses the same minimum.
MIN_STREAKS = 5

_TITLE = "How long streaks tend to last"


def _curve(data: Any) -> tuple[LapseCurve | None, str]:
    if isinstance(data, LapseCurve):
        return data, ""
    if not isinstance(data, pd.DataFrame):
        raise TypeError(
            "`data` must be a streaks frame (rk.streaks(urges)) or a LapseCurve "
            f"(rk.metrics.time_to_lapse(streaks)), got {type(data).__name__}."
        )
    if not len(data):
        return None, (
            "No streaks yet in this range: a streak starts with the first day without checking."
        )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        try:
            return time_to_lapse(data), ""
        except ValueError as exc:  # a SchemaError too: a missing column, a bad length
            return None, f"These streaks cannot be measured: {exc}"


def _too_few(curve: LapseCurve) -> str | None:
    """The note's words when fewer than :data:`MIN_STREAKS` streaks have ended, else None."""
    if curve.events >= MIN_STREAKS:
        return None
    if curve.n == 0:
        return "No streaks yet to measure."
    going = curve.n - curve.events
    so_far = (
        f"{plural(curve.n, 'streak')} so far: {curve.events} ended"
        + (f", {going} still going" if going else "")
        + (" (or with the last day not logged)" if going and curve.n > 1 else "")
    )
    if curve.n == 1:
        days = int(curve.table["time"].max())
        how = "and it ended" if curve.events else "and it is still going"
        so_far = f"One streak so far: {plural(days, 'day')}, {how}"
    return (
        f"{so_far}. How long streaks tend to last is shown once at least {MIN_STREAKS} "
        "streaks have ended."
    )


def _curve_lines(ax: Axes, curve: LapseCurve, kwargs: dict[str, Any]) -> float:
    """The band, the step line and the marks of streaks still going; return the last day."""
    tab = curve.table
    times = tab["time"].to_numpy(dtype=float)
    surv = tab["survival"].to_numpy(dtype=float)
    lower = tab["ci_lower"].to_numpy(dtype=float)
    upper = tab["ci_upper"].to_numpy(dtype=float)
    end = float(times.max())
    ax.fill_between(
        np.append(times, end),
        np.append(lower, lower[-1]),
        np.append(upper, upper[-1]),
        step="post",
        color=PALETTE["main"],
        alpha=0.18,
        linewidth=0,
        label=f"{round(curve.confidence * 100)}% range of likely values",
        gid="ci_band",
    )
    line_kw = {"color": PALETTE["main"], "linewidth": 2, "label": "share of streaks still going"}
    line_kw.update(kwargs)
    (line,) = ax.step(times, surv, where="post", **line_kw)
    line.set_gid("survival")
    going = tab["censored"].to_numpy() > 0
    if going.any():
        ax.plot(
            times[going],
            surv[going],
            linestyle="none",
            marker="|",
            markersize=11,
            markeredgewidth=2,
            color=PALETTE["rate"],
            label="a streak still going (or its last day not logged)",
            gid="still_going",
        )
    return end


def _half_line(ax: Axes, curve: LapseCurve) -> None:
    """The day by which half of the streaks had ended, in plain words."""
    if curve.median_defined:
        m = float(curve.median)
        ax.plot(
            [0, m, m],
            [0.5, 0.5, 0],
            color=PALETTE["reference"],
            linestyle="--",
            linewidth=1,
            label=f"half of the streaks lasted at least {plural(m, 'day')}",
            gid="median",
        )
    else:
        ax.plot([], [], linestyle="none", label="more than half of the streaks are still going")


def _lapse_axes(ax: Axes, curve: LapseCurve, end: float) -> None:
    """Percent y axis, day ticks with the streaks still going under them, words, legend."""
    # deferred: matplotlib (~0.2 s) loads at the first plot, never at `import reflection_kit`
    from matplotlib.ticker import MaxNLocator, PercentFormatter

    ax.set_ylim(0, 1.04)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xlim(0, end * 1.03 if end > 0 else 1)
    ticks = [t for t in MaxNLocator(nbins=8, integer=True).tick_values(0, end) if 0 <= t <= end]
    ax.set_xticks(ticks, labels=[f"{t:g}\n({curve.at_risk(t)})" for t in ticks])
    ax.set_xlabel("days in a streak   (in brackets: streaks still going that day)")
    ax.set_ylabel("share of streaks\nlasting longer")
    going = curve.n - curve.events
    ax.set_title(
        f"{_TITLE} ({plural(curve.n, 'streak')}: {curve.events} ended, {going} still going)"
    )
    wide = ax.get_position().width * ax.figure.get_figwidth() >= 6
    ax.legend(  # under the axes: the curve can run anywhere inside it
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        bbox_transform=below_axes(ax, 3 * 1.45 * MIN_FONT + 14),
        ncol=2 if wide else 1,
        fontsize=MIN_FONT,
        frameon=False,
        borderaxespad=0.0,
    )


@renamed_first_arg("streaks_or_curve")
@literal_text
@share
def plot_time_to_lapse(
    data: pd.DataFrame | LapseCurve,
    *,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """How long streaks tend to last: the share of streaks still going after each day.

    Each streak counts once (a Kaplan–Meier curve). A streak that ended with a slip lowers
    the curve on the day it ended; a streak still going (or one whose last day was not
    logged) is marked with a tick and counts for as long as it is known to have lasted. The
    band is the 95 % range of likely values (log-log, as in lifelines). The dashed line marks
    the day by which half of the streaks had ended, when that many have. Under each day on
    the x axis, in brackets, is the number of streaks still going at the start of that day.
    With fewer than :data:`MIN_STREAKS` ended streaks the curve is not drawn: a note says so.

    Parameters
    ----------
    data : pandas.DataFrame or LapseCurve
        The frame of :func:`reflection_kit.streaks` (``days`` and ``ended``), or the
        result of :func:`reflection_kit.metrics.time_to_lapse`. (Its old keyword name
        ``streaks_or_curve=`` still works, with a DeprecationWarning.)
    {plot.ax}
    **kwargs
        Passed to the step line (``color``, ``linewidth``, ``label``...).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on. No streaks, or fewer than :data:`MIN_STREAKS` that have ended,
        give an empty axes with a note.

    Raises
    ------
    TypeError
        The input is neither a DataFrame nor a LapseCurve.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> from reflection_kit.plots import plot_time_to_lapse
    >>> s = pd.DataFrame({"days": [2, 3, 3, 7, 1, 4], "ended": [True] * 5 + [False]})
    >>> ax = plot_time_to_lapse(s)
    >>> ax.get_title()
    'How long streaks tend to last (6 streaks: 5 ended, 1 still going)'
    """
    ax = get_ax(ax)
    curve, why = _curve(data)
    if curve is None:
        return note(ax, why, title=_TITLE)
    if (message := _too_few(curve)) is not None:
        return note(ax, message, title=_TITLE)
    tidy(ax)
    end = _curve_lines(ax, curve, kwargs)
    _half_line(ax, curve)
    _lapse_axes(ax, curve, end)
    return ax
