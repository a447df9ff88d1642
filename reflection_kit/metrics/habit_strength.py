"""Habit strength, as Loop Habit Tracker computes it, for days without acting on an urge.

A streak counter drops to zero after one slip; a habit's strength does not. Loop Habit
Tracker (Álinson S. Xavier, ``iSoron/uhabits``) scores a habit with an exponential moving
average of its daily checkmarks. In ``uhabits-core``, ``Score.compute`` (models/Score.kt)
does, for each day::

    multiplier = 0.5 ** (sqrt(frequency) / 13)
    score = previous * multiplier + checkmark * (1 - multiplier)

and ``ScoreList.recompute`` (models/ScoreList.kt) starts the score at 0 on the first day,
feeds it one checkmark per day and leaves it unchanged on ``SKIP`` days. For a daily habit
(``frequency`` 1) the multiplier is ``0.5 ** (1 / 13)``, about 0.948: a day's checkmark
weighs about 5 %, the score halves after 13 days without a checkmark and climbs halfway to
100 % after 13 days in a row. One slip after a long run costs a few points, not the run.

Here the habit is a day without acting on the selected urge kinds, read as
:func:`reflection_kit.streaks` reads it (``day_status``: ``counts_as`` after the
``unlogged`` policy):

* a clean day is a checkmark (1);
* a checked day (an acted urge, a Loop ``NO``) is a missed checkmark (0);
* a skipped day (a check-in ``SKIP``, or ``unlogged="skip"``) leaves the score unchanged,
  as in Loop;
* an unknown day (nothing says how it went, with ``unlogged="unknown"``) also leaves it
  unchanged: nothing is imputed. (Loop counts its ``UNKNOWN`` days as missed.)

Loop doubles the window of non-daily habits to smooth irregular schedules; that only
matters for a ``frequency`` below 1, which a "days without" habit does not have, so it is
left out.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from .streaks import day_status

__all__ = ["LOOP_HALF_LIFE", "habit_strength", "loop_multiplier"]

#: Days for the score of a daily habit to halve (Loop's constant 13 in ``Score.compute``).
LOOP_HALF_LIFE = 13.0


def loop_multiplier(frequency: float = 1.0) -> float:
    """Loop's daily multiplier, ``0.5 ** (sqrt(frequency) / 13)``.

    Parameters
    ----------
    frequency : float, default 1.0
        Repetitions per day the habit asks for (1 for a daily habit, 3/7 for three times a
        week).

    Returns
    -------
    float
        The weight kept by yesterday's score; ``1 - multiplier`` goes to today's checkmark.

    Raises
    ------
    ValueError
        ``frequency`` is not a positive number.

    Examples
    --------
    >>> round(loop_multiplier(), 4), round(loop_multiplier(3 / 7), 4)
    (0.9481, 0.9657)
    """
    if isinstance(frequency, bool) or not isinstance(frequency, int | float | np.number):
        raise ValueError(f"`frequency` must be a number of repetitions a day, got {frequency!r}.")
    if not np.isfinite(frequency) or frequency <= 0:
        raise ValueError(f"`frequency` must be above 0 (1 for a daily habit), got {frequency!r}.")
    return float(0.5 ** (np.sqrt(float(frequency)) / LOOP_HALF_LIFE))


def habit_strength(
    urges: pd.DataFrame,
    *,
    kind: str | Iterable[str] = "check_social",
    start: object = None,
    end: object = None,
    unlogged: str = "clean",
    day_starts: int = 0,
    frequency: float = 1.0,
) -> pd.Series:
    """Habit strength of days without acting on an urge, 0-100 %, one value per day.

    Loop Habit Tracker's score (see the module notes for the formula and where it comes
    from): every clean day lifts it a little, a checked day lowers it a little, and it
    recovers with the clean days that follow.

    Parameters
    ----------
    urges : pandas.DataFrame
        An urge frame (event log and/or check-ins); it is not modified.
    kind : str or list of str, default "check_social"
        As in :func:`reflection_kit.streaks`: the kinds whose acted urges break the habit.
    start, end : date-like or "today", optional
        The range of days; default the first to the last day of the data. The score starts
        at 0 on ``start``, as Loop's does on a habit's first day.
    unlogged : {"clean", "unknown", "skip"}, default "clean"
        How a day without information counts (see :func:`reflection_kit.streaks`).
    day_starts : int, default 0
        The local hour at which a day begins.
    frequency : float, default 1.0
        Loop's habit frequency (repetitions per day); 1 for a daily habit.

    Returns
    -------
    pandas.Series
        Float percentages indexed by ``date`` (every day of the range), named
        ``habit_strength``. ``attrs``: ``kind``, ``days``, ``clean_days``,
        ``checked_days``, ``held_days`` (skipped or unknown: score unchanged),
        ``multiplier`` and ``note`` (why it is empty, when it is).

    Raises
    ------
    ValueError
        A bad argument (``kind``, ``unlogged``, ``frequency``...).
    SchemaError
        The urge frame lacks a column it needs.

    Examples
    --------
    >>> import pandas as pd
    >>> from reflection_kit.metrics.habit_strength import habit_strength
    >>> urges = pd.DataFrame({
    ...     "date": pd.to_datetime(["2025-03-01", "2025-03-20", "2025-03-30"]),
    ...     "kind": ["reach_out", "check_social", "reach_out"],
    ...     "acted": [False, True, False],
    ... })
    >>> score = habit_strength(urges)
    >>> round(float(score["2025-03-13"]), 1)  # 13 clean days: halfway to 100 %
    50.0
    >>> bool(score["2025-03-20"] < score["2025-03-19"] < score["2025-03-30"])  # dip, recover
    True
    """
    multiplier = loop_multiplier(frequency)
    status = day_status(
        urges, kind=kind, start=start, end=end, unlogged=unlogged, day_starts=day_starts
    )
    counts_as = status["counts_as"].astype(str).to_numpy()
    values = np.empty(len(counts_as))
    score = 0.0
    for i, s in enumerate(counts_as):
        if s == "clean":
            score = score * multiplier + (1.0 - multiplier)
        elif s == "checked":
            score = score * multiplier
        values[i] = score
    out = pd.Series(100.0 * values, index=status.index, name="habit_strength", dtype=float)
    label = kind if isinstance(kind, str) else "+".join(kind)
    out.attrs.update(
        kind=label,
        days=len(out),
        clean_days=int((counts_as == "clean").sum()),
        checked_days=int((counts_as == "checked").sum()),
        held_days=int(np.isin(counts_as, ["skip", "unknown"]).sum()),
        multiplier=multiplier,
        note="" if len(out) else "no urges to measure: the urge frame has no usable rows.",
    )
    return out
