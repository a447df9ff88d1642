"""A GitHub-style calendar of days without checking social media.

One square per day: weeks run left to right, Monday to Sunday top to bottom. Each day
shows how it went for the urge kind the streaks measure (``social_status`` of the daily
panel): no checking, checked, not logged (unknown) or skipped (a check-in app's SKIP).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._docstrings import share
from ._style import PALETTE, daily_frame, literal_text, note, span_text

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["STATUS_LABELS", "plot_calendar"]

#: Day statuses, in legend order, with the words shown on screen.
STATUS_LABELS: dict[str, str] = {
    "clean": "no checking",
    "checked": "checked",
    "unknown": "not logged",
    "skip": "skipped",
}
_TITLE = "Days without checking social media"
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_CELL = 0.86  # square size; the rest of each unit is the gap between squares


def _statuses(df: pd.DataFrame, column: str) -> pd.Series:
    """Map the chosen column to clean / checked / unknown / skip (unknown when missing)."""
    values = df[column]
    if pd.api.types.is_bool_dtype(values.dtype) or str(values.dtype) == "boolean":
        flags = values.astype("boolean")
        out = pd.Series("unknown", index=df.index, dtype=object)
        out[flags.eq(True).fillna(False).to_numpy(dtype=bool)] = "checked"
        out[flags.eq(False).fillna(False).to_numpy(dtype=bool)] = "clean"
        return out
    text = values.astype(object).where(values.notna(), "unknown").astype(str).str.strip()
    text = text.str.lower().replace({"": "unknown", "nan": "unknown", "<na>": "unknown"})
    return text.where(text.isin(list(STATUS_LABELS)), "unknown")


def _pick_column(df: pd.DataFrame, column: str) -> str | None:
    if column in df.columns:
        return column
    if column == "social_status" and "checked_social" in df.columns:
        return "checked_social"  # True = checked, False = no checking, NA = not logged
    return None


@literal_text
@share
def plot_calendar(
    daily: pd.DataFrame,
    *,
    column: str = "social_status",
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Calendar heatmap of days without checking social media (GitHub style).

    Parameters
    ----------
    {plot.daily_param}
    column : str, default "social_status"
        A column of day statuses ``"clean"``, ``"checked"``, ``"unknown"``, ``"skip"``
        (other values count as unknown), or a boolean column where True means checked
        (such as ``"checked_social"``; missing means not logged). When ``social_status``
        is absent, ``checked_social`` is used.
    {plot.ax}
    **kwargs
        Passed to every day square (``edgecolor``, ``linewidth``...).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on: one PolyCollection per status (labelled with the plain words and
        the number of days), month labels along the top, weekday labels on the left. An
        empty frame or a single day gives an empty axes with a note.

    Raises
    ------
    TypeError
        ``daily`` is not a DataFrame.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> from reflection_kit.plots import plot_calendar
    >>> days = pd.date_range("2025-03-03", periods=21, name="date")
    >>> status = (["clean"] * 5 + ["checked"] + ["unknown"]) * 3
    >>> ax = plot_calendar(pd.DataFrame({"social_status": status}, index=days))
    >>> ax.get_legend().get_texts()[0].get_text()
    'no checking (15 days)'
    """
    from matplotlib.collections import PolyCollection
    from matplotlib.patches import Patch

    from ._style import get_ax

    ax = get_ax(ax)
    df = daily_frame(daily)
    if not len(df):
        return note(ax, "Nothing to show yet: the daily panel has no days.", title=_TITLE)
    col = _pick_column(df, column)
    if col is None:
        return note(
            ax,
            f"The daily panel has no `{column}` column. Pass urges to rk.daily(urges=...) to "
            "see which days went without checking.",
            title=_TITLE,
        )
    status = _statuses(df, col)
    if len(df) < 2:
        day = df.index[0]
        return note(
            ax,
            f"One day so far ({day.day} {day:%b %Y}: {STATUS_LABELS[status.iloc[0]]}). "
            "The calendar fills in as the days go by.",
            title=_TITLE,
        )
    if (status == "unknown").all():
        return note(
            ax,
            f"No day in {span_text(df.index)} says whether social media was checked. Log "
            "urges (or check-ins) to fill the calendar.",
            title=_TITLE,
        )
    dates = df.index
    first_monday = dates[0] - pd.Timedelta(days=dates[0].day_of_week)
    col_of = ((dates - first_monday).days // 7).to_numpy()
    row_of = dates.day_of_week.to_numpy()
    n_weeks = int(col_of.max()) + 1
    handles = []
    square = kwargs.pop("square", _CELL)
    edge = {"edgecolor": "white", "linewidths": 0.5}
    edge.update(kwargs)
    for key, words in STATUS_LABELS.items():
        mask = (status == key).to_numpy()
        count = int(mask.sum())
        if not count and key in ("unknown", "skip"):
            continue  # "no checking" and "checked" are always listed, even at 0 days
        x0, y0 = col_of[mask].astype(float), row_of[mask].astype(float)
        verts = np.stack(
            [
                np.column_stack([x0, y0]),
                np.column_stack([x0 + square, y0]),
                np.column_stack([x0 + square, y0 + square]),
                np.column_stack([x0, y0 + square]),
            ],
            axis=1,
        )
        label = f"{words} ({count} day{'s' if count != 1 else ''})"
        coll = PolyCollection(list(verts), facecolors=PALETTE[key], label=label, **edge)
        coll.set_gid(f"calendar_{key}")
        if key == "skip":
            coll.set_edgecolor(PALETTE["faded"])
            coll.set_hatch("////")
        ax.add_collection(coll)
        handles.append(
            Patch(
                facecolor=PALETTE[key],
                edgecolor=PALETTE["faded"] if key in ("skip", "unknown") else PALETTE[key],
                hatch="////" if key == "skip" else None,
                label=label,
            )
        )
    ax.set_xlim(-0.3, n_weeks + 0.1)
    ax.set_ylim(7.1, -0.25)  # Monday on top
    ax.set_aspect("equal", adjustable="box")
    ax.set_yticks(np.arange(7) + square / 2, labels=list(_WEEKDAYS))
    # a month label above the first week column that holds the 1st of that month (or the
    # first column for the month the range starts in)
    firsts = [dates[0]] + [d for d in dates[1:] if d.day == 1]
    ticks, labels = [], []
    for d in firsts:
        pos = int((d - first_monday).days // 7)
        if ticks and pos - ticks[-1] < 2:  # too close to the previous label: keep the later
            ticks.pop()
            labels.pop()
        ticks.append(pos)
        labels.append(f"{d:%b}" if (labels and d.month != 1) else f"{d:%b %Y}")
    ax.set_xticks(np.asarray(ticks, dtype=float) + square / 2, labels=labels)
    ax.xaxis.tick_top()
    ax.tick_params(axis="both", length=0, labelsize=8, colors=PALETTE["text"])
    for spine in ax.spines.values():
        spine.set_visible(False)
    clean = int((status == "clean").sum())
    ax.set_title(f"{_TITLE}: {clean} of {len(status)} days", pad=6)
    ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0.0, -0.02),
        ncol=len(handles),
        frameon=False,
        fontsize=8,
        handlelength=1.0,
        handleheight=1.0,
        columnspacing=1.2,
    )
    return ax
