"""The review's figures with a description: alt texts that say what each chart shows.

:func:`show` is ``plt.show()`` with a description: the open figure is drawn as usual
(so the review still checks every promised figure) and its PNG output carries the
description as ``alt`` in the output's metadata, which nbconvert writes as the image's
``alt`` attribute. A screen reader, a page that cannot show images, and a search in the
page all get the chart's main numbers instead of "No description has been provided".

The ``describe_*`` functions write those descriptions from the same data the charts
are drawn from: numbers, dates and our own words only. The names they use (coping
strategies) come from the frames the review shows, which the
:class:`~reflection_kit.review.PrivacyPolicy` already protected, and :func:`show`
passes the text through the policy once more.
"""

from __future__ import annotations

import sys
import weakref
from typing import Any

import pandas as pd

from .._words import plural
from ..metrics.habit_strength import habit_strength
from ..metrics.mood import daily_mood, mood_scale
from . import _paint_ahead
from .content import strategy_name
from .policy import PrivacyPolicy

__all__ = [
    "describe_calendar",
    "describe_coping",
    "describe_habit_strength",
    "describe_mood",
    "describe_rumination",
    "describe_time_to_lapse",
    "describe_tone",
    "describe_urge_clock",
    "describe_urges_weekly",
    "describe_year_in_pixels",
    "show",
    "trimmed_png",
]

_ALT: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()
_WEEKDAYS = {
    "Mon": "Mondays",
    "Tue": "Tuesdays",
    "Wed": "Wednesdays",
    "Thu": "Thursdays",
    "Fri": "Fridays",
    "Sat": "Saturdays",
    "Sun": "Sundays",
}


def _num(value: float, digits: int = 1) -> str:
    text = f"{value:.{digits}f}"
    return "0" + text[2:] if text.startswith("-0") and float(text) == 0 else text


def _day(value: Any) -> str:
    return pd.Timestamp(value).strftime("%Y-%m-%d")


def _pct(part: float, whole: float) -> str:
    return f"{round(100 * part / whole)}%" if whole else "no share"


#: Room drawn around a review figure before it is trimmed (inches): labels and legends
#: below or beside the axes land inside it (the review's charts reach at most about
#: 0.9 inch beyond their figure).
_ROOM = 2.0


def trimmed_png(fig: Any, *, room: float = _ROOM) -> bytes | None:
    """The figure as PNG, trimmed to what is drawn, in one drawing pass.

    The inline backend's ``bbox_inches="tight"`` draws a figure twice: once to find
    where its artists end, once to paint. Here it is painted once on a canvas with
    ``room`` inches to spare on every side (the figure's own background), then cut to
    the painted pixels plus matplotlib's ``savefig.pad_inches``. The picture is the
    same; only background is cut. Unlike a tight bbox it does not look for artists
    placed more than ``room`` inches outside the figure: the review's charts stay
    within an inch of theirs (a test checks the one reaching furthest), and painting
    that reaches the edge of the room gives ``None``.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure, at its own dpi.
    room : float
        Inches of canvas around the figure.

    Returns
    -------
    bytes or None
        The PNG, or ``None`` when nothing is painted or the painting reaches the edge of
        the room (then the caller draws it the usual way).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(figsize=(4, 2))
    >>> _ = ax.plot([0, 1], [0, 1])
    >>> trimmed_png(fig)[:8]
    b'\\x89PNG\\r\\n\\x1a\\n'
    >>> plt.close(fig)
    """
    # deferred: numpy, matplotlib and PIL matter only while a figure is drawn
    import io

    import matplotlib as mpl
    import numpy as np
    from matplotlib.transforms import Bbox
    from PIL import Image

    width, height = fig.get_size_inches()
    dpi = fig.dpi
    raw = io.BytesIO()
    fig.savefig(
        raw,
        format="rgba",
        dpi=dpi,
        bbox_inches=Bbox.from_extents(-room, -room, width + room, height + room),
        facecolor=fig.get_facecolor(),
        edgecolor=fig.get_edgecolor(),
    )
    columns = round((width + 2 * room) * dpi)
    pixels = np.frombuffer(raw.getbuffer(), np.uint8)
    if not columns or pixels.size % (4 * columns):
        return None
    pixels = pixels.reshape(-1, columns, 4)
    # one 32-bit word per RGBA pixel: a pixel is painted when it differs from the corner
    words = pixels.view(np.uint32)[..., 0]
    painted = words != words[0, 0]
    rows = np.flatnonzero(painted.any(axis=1))
    cols = np.flatnonzero(painted.any(axis=0))
    if not len(rows):
        return None
    last_row, last_col = pixels.shape[0] - 1, pixels.shape[1] - 1
    if rows[0] == 0 or cols[0] == 0 or rows[-1] == last_row or cols[-1] == last_col:
        return None  # drawn beyond the room: let the usual tight drawing find its edges
    pad = round(float(mpl.rcParams["savefig.pad_inches"]) * dpi)
    crop = pixels[
        max(rows[0] - pad, 0) : min(rows[-1] + 1 + pad, last_row + 1),
        max(cols[0] - pad, 0) : min(cols[-1] + 1 + pad, last_col + 1),
    ]
    out = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(crop), "RGBA").save(out, format="png")
    return out.getvalue()


def _install_formatter() -> None:
    """Make the PNG of a described figure carry its description (once per kernel)."""
    try:
        # deferred: IPython (~0.1 s) and matplotlib matter only inside a kernel
        from IPython import get_ipython
        from matplotlib.figure import Figure
    except ImportError:  # pragma: no cover - both come with the review extra
        return
    shell = get_ipython()
    if shell is None:
        return
    png = shell.display_formatter.formatters.get("image/png")
    if png is None:
        return
    try:
        current = png.lookup_by_type(Figure)
    except KeyError:  # figures are not drawn as PNG here: nothing to describe
        return
    if getattr(current, "_rk_described", False):
        return

    def described(fig: Any, _inner: Any = current) -> Any:
        alt = _ALT.get(fig)
        if alt is None:
            return _inner(fig)
        data = trimmed_png(fig) if fig.axes else None
        if data is None:
            data = _inner(fig)
        if data is None:
            return data
        meta: dict[str, Any] = {}
        if isinstance(data, tuple):
            data, extra = data
            meta.update(extra or {})
        meta["alt"] = alt
        return data, meta

    described._rk_described = True  # type: ignore[attr-defined]
    png.for_type(Figure, described)


def show(alt: str, *, privacy: str | PrivacyPolicy = "full") -> str:
    """Show the open figure(s) like ``plt.show()``, described by ``alt``.

    Parameters
    ----------
    alt : str
        What the chart shows, with its main numbers (see the ``describe_*`` functions).
    privacy : str or PrivacyPolicy
        The review's policy; the description passes :meth:`PrivacyPolicy.message`.

    Returns
    -------
    str
        The description as it was attached.
    """
    # deferred: pyplot (~0.3 s, picks a backend) must not load at `import reflection_kit`
    import matplotlib.pyplot as plt
    from matplotlib._pylab_helpers import Gcf

    text = " ".join(str(alt).split())
    text = PrivacyPolicy.of(privacy).message(text)
    for manager in Gcf.get_all_fig_managers():
        fig = manager.canvas.figure
        if fig not in _ALT:
            _ALT[fig] = text
    _install_formatter()
    _show_figures(plt)
    return text


def _show_figures(plt: Any) -> None:
    """``plt.show()``; in the review's own run, each figure painted in the background.

    The inline backend's ``show`` displays each open figure; during the review's run
    (:mod:`reflection_kit.review._paint_ahead`) that display is taken over for the call,
    so the figure is painted by a forked child while the notebook goes on.
    """
    # deferred: IPython matters only inside a kernel
    from IPython import get_ipython

    shell = get_ipython()
    inline = sys.modules.get("matplotlib_inline.backend_inline")
    real_display = getattr(inline, "display", None)
    if not _paint_ahead.enabled(shell) or real_display is None:
        plt.show()
        return

    def display(obj: Any, *args: Any, metadata: Any = None, **kwargs: Any) -> Any:
        if args or kwargs or obj not in _ALT:
            return real_display(obj, *args, metadata=metadata, **kwargs)
        return _paint_ahead.display_ahead(shell, real_display, obj, metadata=metadata)

    inline.display = display  # type: ignore[union-attr]
    try:
        plt.show()
    finally:
        inline.display = real_display  # type: ignore[union-attr]


def _weekly(series: pd.Series) -> pd.Series:
    values = pd.to_numeric(series, errors="coerce").dropna()
    if not len(values):
        return values
    return values.resample("W-SUN").mean().dropna()


def _line(series: pd.Series, what: str, scale: str) -> str:
    values = pd.to_numeric(series, errors="coerce").dropna()
    if not len(values):
        return f"Line chart of {what}: no days with writing."
    weeks = _weekly(values)
    text = (
        f"Line chart of {what} ({scale}) on {plural(len(values), 'day')} with writing, "
        f"{_day(values.index.min())} to {_day(values.index.max())}; "
        f"average {_num(values.mean(), 2)}"
    )
    if len(weeks) >= 2:
        text += (
            f"; weekly average {_num(weeks.iloc[0], 2)} in the first week and "
            f"{_num(weeks.iloc[-1], 2)} in the last"
        )
    return text + "."


def describe_rumination(panel: pd.DataFrame) -> str:
    """The rumination chart: days, period, average and first and last weekly averages.

    Parameters
    ----------
    panel : DataFrame
        The daily panel (:func:`reflection_kit.daily`) with a ``rumination`` column.

    Returns
    -------
    str

    Examples
    --------
    >>> days = pd.date_range("2025-03-03", periods=14)
    >>> describe_rumination(pd.DataFrame({"rumination": [2.0] * 7 + [1.0] * 7}, days))
    ... # doctest: +NORMALIZE_WHITESPACE
    'Line chart of the rumination index (looping language; higher means more) on 14 days
    with writing, 2025-03-03 to 2025-03-16; average 1.50; weekly average 2.00 in the first
    week and 1.00 in the last.'
    """
    return _line(
        panel.get("rumination", pd.Series(dtype=float)),
        "the rumination index",
        "looping language; higher means more",
    )


def describe_tone(panel: pd.DataFrame) -> str:
    """The tone chart: days, period, average and first and last weekly averages.

    Parameters
    ----------
    panel : DataFrame
        The daily panel (:func:`reflection_kit.daily`) with a ``tone`` column.

    Returns
    -------
    str
    """
    return _line(
        panel.get("tone", pd.Series(dtype=float)),
        "tone",
        "wording from -1 negative to +1 positive",
    )


def describe_calendar(panel: pd.DataFrame, summary: Any, period: Any = None) -> str:
    """The calendar of days with and without checking social media.

    Parameters
    ----------
    panel : DataFrame
        The daily panel with ``social_status`` (``clean``, ``checked``; anything else
        counts as not logged).
    summary : StreakSummary
        :func:`reflection_kit.streak_summary` of the same urges (``longest``, ``current``).
    period : Period, optional
        The review period the calendar outlines (:func:`reflection_kit.review.period_of`).

    Returns
    -------
    str
    """
    status = panel.get("social_status", pd.Series(dtype=object))
    days = len(panel)
    clean = int((status == "clean").sum())
    checked = int((status == "checked").sum())
    text = (
        f"Calendar of {plural(days, 'day')}, {_day(panel.index.min())} to "
        f"{_day(panel.index.max())}: {plural(clean, 'day')} without checking social media"
    )
    if "logged" in panel:
        quiet = int(((status == "clean") & ~panel["logged"].fillna(False).astype(bool)).sum())
        if quiet:
            text += f" ({quiet} of them not logged, counted as no checking)"
    text += f" and {plural(checked, 'day')} with checking"
    other = days - clean - checked
    if other > 0:
        text += f", {plural(other, 'day')} not logged"
    text += (
        f"; longest run without checking {plural(int(summary.longest), 'day')}, current run "
        f"{plural(int(summary.current), 'day')}."
    )
    if period is not None:
        text += f" The review period, {period.label()}, is outlined."
    return text


def describe_time_to_lapse(streaks: pd.DataFrame) -> str:
    """How long the runs without checking lasted.

    Parameters
    ----------
    streaks : DataFrame
        :func:`reflection_kit.streaks`: ``days`` and ``ended`` per run.

    Returns
    -------
    str

    Examples
    --------
    >>> describe_time_to_lapse(pd.DataFrame({"days": [1, 9], "ended": [True, False]}))
    ... # doctest: +NORMALIZE_WHITESPACE
    'Chart of how long 2 runs without checking social media lasted: 1 run of 1 day,
    1 run of a week or more, the longest 9 days; 1 run still going.'
    """
    days = pd.to_numeric(streaks.get("days", pd.Series(dtype=float)), errors="coerce").dropna()
    n = len(days)
    if not n:
        return "Chart of how long runs without checking lasted: no runs yet."
    going = 0
    if "ended" in streaks.columns:
        going = int((~streaks["ended"].astype(bool)).sum())
    text = (
        f"Chart of how long {plural(n, 'run')} without checking social media lasted: "
        f"{plural(int((days <= 1).sum()), 'run')} of 1 day, "
        f"{plural(int((days >= 7).sum()), 'run')} of a week or more, "
        f"the longest {plural(int(days.max()), 'day')}"
    )
    if going:
        text += f"; {plural(going, 'run')} still going"
    return text + "."


def describe_urges_weekly(panel: pd.DataFrame) -> str:
    """Urges per week and the share resisted, first and last week.

    Parameters
    ----------
    panel : DataFrame
        The daily panel with ``urges`` (and ``resisted``) per day.

    Returns
    -------
    str
    """
    if "urges" not in panel.columns or not len(panel):
        return "Bar chart of urges per week: no urges logged."
    cols = [c for c in ("urges", "resisted") if c in panel.columns]
    weeks = panel[cols].apply(pd.to_numeric, errors="coerce").resample("W-SUN").sum()
    total = int(weeks["urges"].sum())
    text = (
        f"Bar chart of urges per week over {plural(len(weeks), 'week')}: "
        f"{plural(total, 'urge')} in all"
    )
    if len(weeks) >= 2:
        first, last = weeks.iloc[0], weeks.iloc[-1]
        text += f", {int(first['urges'])} in the first week and {int(last['urges'])} in the last"
        if "resisted" in weeks.columns and first["urges"] and last["urges"]:
            text += (
                f"; the line shows the share resisted, {_pct(first['resisted'], first['urges'])}"
                f" in the first week and {_pct(last['resisted'], last['urges'])} in the last"
            )
    if "resisted" in weeks.columns and total:
        text += f"; {_pct(weeks['resisted'].sum(), total)} resisted overall"
    return text + "."


def _strategy(name: Any) -> str:
    """Our strategies in plain words; the person's own wording exactly as written."""
    return strategy_name(name)


def describe_coping(stats: Any) -> str:
    """The coping strategies ranked by how often the urge was resisted.

    Parameters
    ----------
    stats : UrgeStats
        :func:`reflection_kit.urge_stats` of the urges the review shows (in aggregate mode
        own strategies are already numbered there).

    Returns
    -------
    str
    """
    table = getattr(stats, "coping", None)
    if table is None or not len(table):
        return "Chart of coping strategies: none were logged."
    ranked = table[table["ranked"].astype(bool)] if "ranked" in table.columns else table
    minimum = getattr(stats, "min_n", 5)
    if not len(ranked):
        return (
            f"Chart of coping strategies: {plural(len(table), 'strategy', 'strategies')} logged, "
            f"none used at least {minimum} times, so none is ranked."
        )
    ranked = ranked.sort_values("resisted_rate", ascending=False)

    def one(row: Any) -> str:
        return (
            f"{_strategy(row['coping'])} {_pct(row['resisted'], row['n'])} of "
            f"{plural(int(row['n']), 'urge')}"
        )

    best, worst = ranked.iloc[0], ranked.iloc[-1]
    text = (
        f"Chart of the share of urges resisted with each coping strategy, for "
        f"{plural(len(ranked), 'strategy', 'strategies')} used at least {minimum} times: "
        f"highest {one(best)}"
    )
    if len(ranked) > 1:
        text += f", lowest {one(worst)}"
    return text + "."


def describe_urge_clock(stats: Any) -> str:
    """The urge clock: urges by hour and weekday, with the busiest hour and day.

    Parameters
    ----------
    stats : UrgeStats
        :func:`reflection_kit.urge_stats` (its ``hour_weekday`` table).

    Returns
    -------
    str
    """
    grid = getattr(stats, "hour_weekday", None)
    if grid is None or not grid.size or not grid.to_numpy().sum():
        return "Heat map of urges by hour and weekday: no urges with a time."
    total = int(grid.to_numpy().sum())
    by_hour = grid.sum(axis=1)
    by_day = grid.sum(axis=0)
    hour = int(by_hour.idxmax())
    day = str(by_day.idxmax())
    return (
        f"Heat map of {plural(total, 'urge')} by hour of day and weekday: most between "
        f"{hour:02d}:00 and {(hour + 1) % 24:02d}:00 ({plural(int(by_hour.max()), 'urge')}) and "
        f"on {_WEEKDAYS.get(day, day)} ({plural(int(by_day.max()), 'urge')})."
    )


def describe_mood(journal: pd.DataFrame) -> str:
    """The mood line: days with a mood, the period, the first and last weekly means in words.

    Parameters
    ----------
    journal : DataFrame
        The journal the review shows (``mood``, optionally ``mood_label``).

    Returns
    -------
    str
    """
    days = daily_mood(journal)
    rated = days["mood"].dropna()
    if len(rated) < 2:
        return "Chart of mood: fewer than two days have a mood."
    scale = mood_scale(journal)
    points = sorted(scale)

    def words(value: float) -> str:
        nearest = min(points, key=lambda p: abs(p - value))
        return f"{scale[nearest]} ({value:.1f})"

    weekly = rated.groupby(rated.index.to_period("W-SUN")).mean()
    return (
        f"Chart of mood day by day from {_day(days.index.min())} to {_day(days.index.max())}: "
        f"{len(rated)} of {plural(len(days), 'day')} have a mood, on a scale from "
        f"{scale[points[0]]} to {scale[points[-1]]}. The weekly average went from "
        f"{words(weekly.iloc[0])} in the first week to {words(weekly.iloc[-1])} in the last."
    )


def describe_year_in_pixels(journal: pd.DataFrame, year: int | None = None) -> str:
    """The year in pixels: the days at each point of the scale and the days without a mood.

    Parameters
    ----------
    journal : DataFrame
        The journal the review shows.
    year : int, optional
        The year drawn (default: the latest year with a mood, as the plot does).

    Returns
    -------
    str
    """
    days = daily_mood(journal)
    rated = days["mood"].dropna()
    if not len(rated):
        return "Year in pixels: no day has a mood."
    year = int(rated.index.max().year) if year is None else int(year)
    scale = mood_scale(journal)
    points = sorted(scale)
    in_year = rated[rated.index.year == year]
    nearest = pd.Series([min(points, key=lambda p: abs(p - v)) for v in in_year])
    counts = nearest.value_counts()
    parts = [f"{int(counts.get(p, 0))} {scale[p]}" for p in points]
    logged = days[days.index.year == year]
    without = int(logged["mood"].isna().sum())
    listed = ", ".join(parts[:-1]) + f" and {parts[-1]}" if len(parts) > 1 else parts[0]
    return (
        f"Year in pixels for {year}, one square per day coloured by mood: {listed} days; "
        f"{plural(without, 'logged day')} without a mood."
    )


def describe_habit_strength(urges: pd.DataFrame, summary: Any) -> str:
    """Habit strength (as Loop Habit Tracker scores a habit) beside the streak figures.

    Parameters
    ----------
    urges : DataFrame
        The urge frame the review shows.
    summary : StreakSummary
        :func:`reflection_kit.streak_summary` of the same urges.

    Returns
    -------
    str
    """
    score = habit_strength(urges)
    if len(score) < 2:
        return "Chart of habit strength: fewer than two days logged."
    return (
        "Chart of habit strength for days without checking social media (scored as Loop "
        f"Habit Tracker scores a habit, 0 to 100%): {score.iloc[0]:.0f}% on "
        f"{_day(score.index[0])}, highest {score.max():.0f}%, {score.iloc[-1]:.0f}% on "
        f"{_day(score.index[-1])}. Current run {plural(int(summary.current), 'day')} "
        f"({plural(int(summary.grace_current), 'day')} with one slip a week forgiven); longest "
        f"run {plural(int(summary.longest), 'day')} ({plural(int(summary.grace_longest), 'day')} "
        "with one slip a week forgiven)."
    )
