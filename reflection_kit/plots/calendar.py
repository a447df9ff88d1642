"""A GitHub-style calendar of days without checking social media.

One square per day: weeks run left to right, Monday to Sunday top to bottom. Each day
shows how it went for the urge kind the streaks measure (``social_status`` of the daily
panel): no checking, checked, not logged or skipped (a check-in app's SKIP).

A day nobody logged is never shown as a plain "no checking" day. How it counts is the
``unlogged`` policy the panel was built with (:func:`reflection_kit.daily`, as in
:func:`reflection_kit.metrics.day_status`): with ``"clean"`` (the default) it counts as a day
without checking, and the calendar draws it as *not logged (counted as no checking)*: a pale
square dotted in green; with ``"unknown"`` it is *not logged*, grey; with ``"skip"`` it is
*not logged (counted as skipped)*. The panel's ``logged`` column tells these days apart.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._docstrings import share
from .._words import plural
from ._style import (
    MIN_FONT,
    PALETTE,
    daily_frame,
    get_ax,
    literal_text,
    note,
    renamed_first_arg,
    span_text,
)

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["STATUS_LABELS", "plot_calendar"]

#: Day statuses, in legend order, with the words shown on screen. ``unlogged`` is a day
#: nobody logged that the panel counts as a day without checking (``unlogged="clean"``).
STATUS_LABELS: dict[str, str] = {
    "clean": "no checking",
    "checked": "checked",
    "unlogged": "not logged (counted as no checking)",
    "unknown": "not logged",
    "skip": "skipped",
}
#: How each status is drawn: face colour, hatch, edge colour (the hatch takes its colour).
#: A day not logged but counted as clean is pale with a green outline: counted, not seen.
_LOOK: dict[str, tuple[str, str | None, str]] = {
    "clean": (PALETTE["clean"], None, "white"),
    "checked": (PALETTE["checked"], None, "white"),
    "unlogged": ("#F4F4F4", None, PALETTE["clean"]),
    "unknown": (PALETTE["unknown"], None, "white"),
    "skip": (PALETTE["skip"], "////", PALETTE["faded"]),
}
PERIOD_GID = "review_period"
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


def _not_logged(df: pd.DataFrame, status: pd.Series) -> tuple[pd.Series, dict[str, str]]:
    """Tell the days nobody logged apart (the ``logged`` column), and the legend's words.

    A day not logged that the panel counts as clean becomes ``unlogged``; one it counts as
    skipped stays ``skip`` but is named "skipped or not logged".
    """
    labels = dict(STATUS_LABELS)
    if "logged" not in df.columns:
        return status, labels
    not_logged = ~df["logged"].astype("boolean").fillna(False).to_numpy(dtype=bool)
    status = status.copy()
    status[not_logged & (status == "clean").to_numpy()] = "unlogged"
    if (not_logged & (status == "skip").to_numpy()).any():
        labels["skip"] = "skipped or not logged (counted as skipped)"
    return status, labels


def _period(dates: pd.DatetimeIndex, start: object, end: object) -> tuple[np.ndarray, str] | None:
    """Which days are in the review period (``start``..``end``, both optional) and its words."""
    if start is None and end is None:
        return None
    lo = pd.Timestamp(start) if start is not None else dates[0]
    hi = pd.Timestamp(end) if end is not None else dates[-1]
    if lo > hi:
        raise ValueError(
            f"`start` ({lo:%Y-%m-%d}) is after `end` ({hi:%Y-%m-%d}). Suggestion: swap them."
        )
    inside = (dates >= lo.normalize()) & (dates <= hi.normalize())
    if not inside.any():
        return None
    return np.asarray(inside), span_text(dates[inside])


def _pick_column(df: pd.DataFrame, column: str) -> str | None:
    if column in df.columns:
        return column
    if column == "social_status" and "checked_social" in df.columns:
        return "checked_social"  # True = checked, False = no checking, NA = not logged
    return None


def _squares(col_of: np.ndarray, row_of: np.ndarray, mask: np.ndarray, size: float) -> list:
    x0, y0 = col_of[mask].astype(float), row_of[mask].astype(float)
    corners = [(x0, y0), (x0 + size, y0), (x0 + size, y0 + size), (x0, y0 + size)]
    return list(np.stack([np.column_stack(c) for c in corners], axis=1))


def _day_squares(
    ax: Axes,
    status: pd.Series,
    labels: dict[str, str],
    where: tuple[np.ndarray, np.ndarray],
    square: float,
    kwargs: dict[str, Any],
) -> list[Any]:
    """One PolyCollection per status; return the legend handles."""
    # deferred: matplotlib (~0.2 s) loads at the first plot, never at `import reflection_kit`
    from matplotlib.collections import PolyCollection
    from matplotlib.patches import Patch

    handles = []
    for key in STATUS_LABELS:
        mask = (status == key).to_numpy()
        count = int(mask.sum())
        if not count and key not in ("clean", "checked"):
            continue  # "no checking" and "checked" are always listed, even at 0 days
        face, hatch, edge_colour = _LOOK[key]
        edge = {"edgecolor": edge_colour, "linewidths": 0.5 if edge_colour == "white" else 1.2}
        edge.update(kwargs)
        label = f"{labels[key]} ({plural(count, 'day')})"
        coll = PolyCollection(
            _squares(*where, mask, square), facecolors=face, hatch=hatch, label=label, **edge
        )
        coll.set_gid(f"calendar_{key}")
        ax.add_collection(coll)
        outline = PALETTE["faded"] if key == "unknown" else face
        outline = edge_colour if edge_colour != "white" else outline
        handles.append(Patch(facecolor=face, edgecolor=outline, hatch=hatch, label=label))
    return handles


def _period_outline(
    ax: Axes, inside: np.ndarray, where: tuple[np.ndarray, np.ndarray], square: float
) -> Any:
    """A line around the days of the review period (the outer edges of their squares)."""
    # deferred: matplotlib (~0.2 s) loads at the first plot, never at `import reflection_kit`
    from matplotlib.collections import LineCollection

    gap = (1 - square) / 2
    cells = set(zip(where[0][inside].tolist(), where[1][inside].tolist(), strict=True))
    segments = []
    for c, r in cells:
        x0, x1, y0, y1 = c - gap, c + 1 - gap, r - gap, r + 1 - gap
        if (c, r - 1) not in cells:
            segments.append([(x0, y0), (x1, y0)])
        if (c, r + 1) not in cells:
            segments.append([(x0, y1), (x1, y1)])
        if (c - 1, r) not in cells:
            segments.append([(x0, y0), (x0, y1)])
        if (c + 1, r) not in cells:
            segments.append([(x1, y0), (x1, y1)])
    lines = LineCollection(
        segments, colors=PALETTE["text"], linewidths=1.8, capstyle="projecting", zorder=4
    )
    lines.set_gid(PERIOD_GID)
    ax.add_collection(lines)
    return lines


def _cell_points(ax: Axes, n_weeks: int) -> float:
    """The side of a day's square in points, once the equal aspect is applied."""
    box = ax.get_position()
    width = box.width * ax.figure.get_figwidth() * 72 / (n_weeks + 0.4)
    height = box.height * ax.figure.get_figheight() * 72 / 7.35
    return min(width, height)


def _day_numbers(
    ax: Axes, dates: pd.DatetimeIndex, status: pd.Series, where: tuple, square: float
) -> None:
    """The day of the month in each square, dark or light against its colour."""
    # deferred: matplotlib (~0.2 s) loads at the first plot, never at `import reflection_kit`
    from matplotlib.colors import to_rgb

    for d, key, c, r in zip(dates, status, *where, strict=True):
        red, green, blue = to_rgb(_LOOK[key][0])
        dark = 0.299 * red + 0.587 * green + 0.114 * blue < 0.3
        ax.text(
            c + square / 2,
            r + square / 2,
            str(d.day),
            ha="center",
            va="center",
            fontsize=MIN_FONT,
            color="white" if dark else PALETTE["text"],
            gid="day_number",
        )


def _month_ticks(ax: Axes, dates: pd.DatetimeIndex, first_monday: pd.Timestamp, square: float):
    """A month label above the first week column that holds the 1st of that month (or the
    first column for the month the range starts in)."""
    firsts = [dates[0]] + [d for d in dates[1:] if d.day == 1]
    ticks: list[int] = []
    labels: list[str] = []
    for d in firsts:
        pos = int((d - first_monday).days // 7)
        if ticks and pos - ticks[-1] < 2:  # too close to the previous label: keep the later
            ticks.pop()
            labels.pop()
        ticks.append(pos)
        labels.append(f"{d:%b}" if (labels and d.month != 1) else f"{d:%b %Y}")
    ax.set_xticks(np.asarray(ticks, dtype=float) + square / 2, labels=labels)
    ax.xaxis.tick_top()


@renamed_first_arg("daily")
@literal_text
@share
def plot_calendar(
    data: pd.DataFrame,
    *,
    column: str = "social_status",
    start: object = None,
    end: object = None,
    day_numbers: bool | None = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Calendar heatmap of days without checking social media (GitHub style).

    Parameters
    ----------
    data : pandas.DataFrame
        The daily panel of :func:`reflection_kit.daily` (indexed by ``date``), or any frame
        with a ``date`` column. It is not modified. Its ``logged`` column, when present,
        marks the days nobody logged (see the module notes). (Its old keyword name
        ``daily=`` still works, with a DeprecationWarning.)
    column : str, default "social_status"
        A column of day statuses ``"clean"``, ``"checked"``, ``"unknown"``, ``"skip"``
        (other values count as unknown), or a boolean column where True means checked
        (such as ``"checked_social"``; missing means not logged). When ``social_status``
        is absent, ``checked_social`` is used.
    start, end : date-like, optional
        The review period: its days are outlined and named in the legend. Either may be
        left out (the period then runs from the first or to the last day).
    day_numbers : bool, optional
        Write the day of the month in each square. Default: when the squares are large
        enough for it at a readable size.
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
        ``data`` is not a DataFrame.
    ValueError
        ``start`` is after ``end``.

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
    ax = get_ax(ax)
    df = daily_frame(data)
    status, why = _status_or_note(df, column)
    if status is None:
        return note(ax, why, title=_TITLE)
    status, labels = _not_logged(df, status)
    dates = df.index
    period = _period(dates, start, end)
    first_monday = dates[0] - pd.Timedelta(days=dates[0].day_of_week)
    where = (((dates - first_monday).days // 7).to_numpy(), dates.day_of_week.to_numpy())
    n_weeks = int(where[0].max()) + 1
    square = kwargs.pop("square", _CELL)
    handles = _day_squares(ax, status, labels, where, square, kwargs)
    if period is not None:
        line = _period_outline(ax, period[0], where, square)
        line.set_label(f"review period ({period[1]})")
        handles.append(line)
    ax.set_xlim(-0.3, n_weeks + 0.1)
    ax.set_ylim(7.1, -0.25)  # Monday on top
    ax.set_aspect("equal", adjustable="box")
    ax.set_yticks(np.arange(7) + square / 2, labels=list(_WEEKDAYS))
    _month_ticks(ax, dates, first_monday, square)
    ax.tick_params(axis="both", length=0, labelsize=MIN_FONT, colors=PALETTE["text"])
    for spine in ax.spines.values():
        spine.set_visible(False)
    if day_numbers or (day_numbers is None and _cell_points(ax, n_weeks) >= 1.6 * MIN_FONT):
        _day_numbers(ax, dates, status, where, square)
    clean = int(status.isin(["clean", "unlogged"]).sum())
    ax.set_title(f"{_TITLE}: {clean} of {len(status)} days", pad=6)
    _legend(ax, handles)
    return ax


def _status_or_note(df: pd.DataFrame, column: str) -> tuple[pd.Series | None, str]:
    """The day statuses, or None and the note's words when there is no calendar to draw."""
    if not len(df):
        return None, "Nothing to show yet: the daily panel has no days."
    col = _pick_column(df, column)
    if col is None:
        return None, (
            f"The daily panel has no `{column}` column. Pass urges to rk.daily(urges=...) to "
            "see which days went without checking."
        )
    status = _statuses(df, col)
    if len(df) < 2:
        day = df.index[0]
        return None, (
            f"One day so far ({day.day} {day:%b %Y}: {STATUS_LABELS[status.iloc[0]]}). "
            "The calendar fills in as the days go by."
        )
    if (status == "unknown").all():
        return None, (
            f"No day in {span_text(df.index)} says whether social media was checked. Log "
            "urges (or check-ins) to fill the calendar."
        )
    return status, ""


def _legend(ax: Axes, handles: list[Any]) -> None:
    width = ax.get_position(original=True).width * ax.figure.get_figwidth()
    ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0.0, -0.02),
        ncol=max(1, min(len(handles), int(width // 2.6))),
        frameon=False,
        fontsize=MIN_FONT,
        handlelength=1.2,
        handleheight=1.2,
        columnspacing=1.2,
    )
