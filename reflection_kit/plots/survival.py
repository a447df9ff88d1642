"""How long streaks tend to last: the Kaplan–Meier curve of streak lengths."""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._docstrings import share
from ..errors import DataQualityWarning
from ._style import PALETTE, get_ax, literal_text, note, tidy

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

    from ..metrics import LapseCurve

__all__ = ["plot_time_to_lapse"]

_TITLE = "How long streaks tend to last"


def _curve(streaks_or_curve: Any) -> tuple[LapseCurve | None, str]:
    from ..metrics import LapseCurve, time_to_lapse

    if isinstance(streaks_or_curve, LapseCurve):
        return streaks_or_curve, ""
    if not isinstance(streaks_or_curve, pd.DataFrame):
        raise TypeError(
            "`streaks_or_curve` must be a streaks frame (rk.streaks(urges)) or a LapseCurve "
            f"(rk.metrics.time_to_lapse(streaks)), got {type(streaks_or_curve).__name__}."
        )
    if not len(streaks_or_curve):
        return None, (
            "No streaks yet in this range: a streak starts with the first day without checking."
        )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        try:
            return time_to_lapse(streaks_or_curve), ""
        except ValueError as exc:  # a SchemaError too: a missing column, a bad length
            return None, f"These streaks cannot be measured: {exc}"


@literal_text
@share
def plot_time_to_lapse(
    streaks_or_curve: pd.DataFrame | LapseCurve,
    *,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Kaplan–Meier curve: the share of streaks still going after each number of days.

    Each streak is one observation. A streak that ended in a slip is an event; the streak
    still running (and one cut short by a day nobody logged) is *censored*: drawn as a
    tick mark, it counts for as long as it is known to have lasted. The band is the 95 %
    interval (log-log, as in lifelines). The dashed lines mark the median when at least half
    of the streaks have ended. Under each day on the x axis, in brackets, is the number of
    streaks still going at the start of that day (the "number at risk").

    Parameters
    ----------
    streaks_or_curve : pandas.DataFrame or LapseCurve
        The frame of :func:`reflection_kit.streaks` (``days`` and ``ended``), or the
        result of :func:`reflection_kit.metrics.time_to_lapse`.
    {plot.ax}
    **kwargs
        Passed to the step line (``color``, ``linewidth``, ``label``...).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on. No streak, or a single one, gives an empty axes with a note.

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
    >>> s = pd.DataFrame({"days": [2, 3, 3, 7, 1], "ended": [True, True, False, False, True]})
    >>> ax = plot_time_to_lapse(s)
    >>> ax.get_title()
    'How long streaks tend to last (5 streaks, 3 ended)'
    """
    from matplotlib.ticker import MaxNLocator, PercentFormatter

    ax = get_ax(ax)
    curve, why = _curve(streaks_or_curve)
    if curve is None:
        return note(ax, why, title=_TITLE)
    if curve.n < 2:
        if curve.n == 0:
            return note(ax, "No streaks yet to measure.", title=_TITLE)
        days = int(curve.table["time"].max())
        how = "and it ended" if curve.events else "and it is still going"
        return note(
            ax,
            f"One streak so far: {days} day{'s' if days != 1 else ''}, {how}. A curve of how "
            "long streaks last needs at least two.",
            title=_TITLE,
        )
    tab = curve.table
    times = tab["time"].to_numpy(dtype=float)
    surv = tab["survival"].to_numpy(dtype=float)
    lower = tab["ci_lower"].to_numpy(dtype=float)
    upper = tab["ci_upper"].to_numpy(dtype=float)
    end = float(times.max())
    tidy(ax)
    level = round(curve.confidence * 100)
    ax.fill_between(
        np.append(times, end),
        np.append(lower, lower[-1]),
        np.append(upper, upper[-1]),
        step="post",
        color=PALETTE["main"],
        alpha=0.18,
        linewidth=0,
        label=f"{level}% interval",
        gid="ci_band",
    )
    line_kw = {"color": PALETTE["main"], "linewidth": 2, "label": "streaks still going"}
    line_kw.update(kwargs)
    (line,) = ax.step(times, surv, where="post", **line_kw)
    line.set_gid("survival")
    cens = tab["censored"].to_numpy() > 0
    if cens.any():
        ax.plot(
            times[cens],
            surv[cens],
            linestyle="none",
            marker="|",
            markersize=11,
            markeredgewidth=2,
            color=PALETTE["rate"],
            label="still running, or last day not logged (censored)",
            gid="censored",
        )
    if curve.median_defined:
        m = float(curve.median)
        ax.plot(
            [0, m, m],
            [0.5, 0.5, 0],
            color=PALETTE["reference"],
            linestyle="--",
            linewidth=1,
            label=f"median: {m:g} day{'s' if m != 1 else ''} (half ended by then)",
            gid="median",
        )
    else:
        ax.plot([], [], linestyle="none", label="median not reached: over half are still going")
    ax.set_ylim(0, 1.04)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xlim(0, end * 1.03 if end > 0 else 1)
    ticks = [t for t in MaxNLocator(nbins=8, integer=True).tick_values(0, end) if 0 <= t <= end]
    labels = [f"{t:g}\n({curve.at_risk(t)})" for t in ticks]
    ax.set_xticks(ticks, labels=labels)
    ax.set_xlabel("days in a streak   (in brackets: streaks still going that day)")
    ax.set_ylabel("share of streaks\nlasting longer")
    ax.set_title(f"{_TITLE} ({curve.n} streaks, {curve.events} ended)")
    ax.legend(loc="upper right", fontsize=8, frameon=False)
    return ax
