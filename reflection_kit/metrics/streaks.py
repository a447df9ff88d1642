"""Streaks of days without acting on an urge, and their summary.

How a day counts
----------------
Each local day in the range (see :mod:`reflection_kit.metrics._days` for
``day_starts`` and time zones) gets one status for the selected kinds:

``checked``
    at least one urge of the selected kinds was acted on that day, or a daily
    check-in for them says so (Loop: ``NO`` on a "No checking ..." habit).
``clean``
    a check-in says the day was kept (``YES``; also Loop's implicit
    ``YES_AUTO``), or the day is *logged* and nothing of the selected kinds
    was acted on. A **logged day** of an event log (an urge log, Daylio) is a
    day with at least one urge record of any kind, resisted or acted: the
    person was logging that day.
``skip``
    a check-in says ``SKIP``: the day neither extends nor breaks a streak.
``unknown``
    nothing says how the day went: no record at all, a check-in ``UNKNOWN``,
    a check-in for another kind only, or only urges of the selected kinds
    whose outcome (``acted``) is missing. The ``unlogged`` policy decides:
    ``"clean"`` (an event log: a day with no acted urge is clean),
    ``"unknown"`` (the day breaks streaks and shows as a gap) or ``"skip"``
    (as a ``SKIP`` day).

A check-in row is one with a non-empty ``checkin`` column (``YES``,
``YES_AUTO``, ``NO``, ``SKIP``, ``UNKNOWN``; ``YES_MANUAL`` is read as
``YES``). Its ``acted`` value wins when present, so a habit where YES means
"I did check" (the Loop reader's ``yes_means="acted"``) counts the right way
round; without it, ``YES``/``YES_AUTO`` are clean and ``NO`` is checked.
When a day has several signals, the first that applies wins: checked, a
clean check-in, ``SKIP``, an urge with unknown outcome, a logged day.

A **streak** is a run of clean days, skip days inside it ignored. Its ``days``
count clean days only. It ends at the first checked (``ended_by="slip"``) or
gap (``ended_by="gap"``) day after it; the last streak runs on
(``ended=False``, ``ended_by`` missing) when nothing ended it before the end
of the range.

Grace streaks
-------------
Relapse-prevention practice treats one slip as a lapse, not a relapse. With
``grace=N`` a checked day inside a streak is **forgiven** when

1. the streak continues: a clean day follows before any unforgiven slip or
   gap (slips at the very end of the range, within the budget, are pending:
   the streak keeps running), and
2. no ``grace_window`` consecutive days hold more than ``N`` forgiven slips.

Forgiven slip days do not count in ``days``; ``grace_used`` counts them. A gap
is never forgiven. Slips are forgiven in date order, earliest first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ._days import (
    CI_NO,
    CI_NONE,
    CI_SKIP,
    CI_YES,
    Prepared,
    check_day_starts,
    day_range,
    iso_week_labels,
    prepare,
    select_kinds,
    to_timestamps,
    warn_note,
    week_start,
)
from ._tables import Columns, new_frame, text_array

__all__ = ["StreakSummary", "day_status", "streak_summary", "streaks"]

UNLOGGED = ("clean", "unknown", "skip")
#: What ended a streak: an acted urge or NO check-in ("slip") or an unlogged day ("gap").
ENDED_BY_DTYPE = pd.CategoricalDtype(["slip", "gap"])
CLEAN, SLIP, GAP, SKIP = 0, 1, 2, 3
_US_PER_DAY = 86_400_000_000
_STREAK_COLUMNS = (
    "start",
    "end",
    "days",
    "ended",
    "ended_by",
    "ended_on",
    "grace_used",
    "skipped_days",
    "open_start",
)
_STREAK_TABLE = Columns(_STREAK_COLUMNS)
_WEEKLY_TABLE = Columns(
    (
        "week",
        "week_start",
        "days",
        "clean_days",
        "checked_days",
        "unknown_days",
        "skipped_days",
        "pct_clean",
    )
)
_EMPTY_NOTE = (
    "no urges to measure: the urge frame has no rows with a usable time. Log a few days "
    "(or check the file you read) and try again."
)


def _check_args(unlogged: object, grace: object, grace_window: object) -> None:
    if unlogged not in UNLOGGED:
        raise ValueError(
            f"`unlogged` must be one of {', '.join(map(repr, UNLOGGED))}, got {unlogged!r}. "
            "'clean' suits an event log, 'skip' a daily check-in app."
        )
    for name, value, low in (("grace", grace, 0), ("grace_window", grace_window, 1)):
        if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < low:
            raise ValueError(f"`{name}` must be a whole number of at least {low}, got {value!r}.")


@dataclass(frozen=True)
class _DayTable:
    first: int  # day number of the first day of the range
    status: np.ndarray  # CLEAN / SLIP / GAP(= unknown) / SKIP, before the policy
    effective: np.ndarray  # after the unlogged policy
    logged: np.ndarray  # bool: at least one record counted that day


# Each row votes for its day with a priority; the highest vote sets the day's status.
# 0: nothing (a check-in UNKNOWN, or one for other kinds); 1: a logged urge (clean);
# 2: an urge of the selected kinds with no outcome (unknown); 3: a SKIP check-in;
# 4: a clean check-in; 5: checked.
_STATUS_OF_PRIORITY = np.array([GAP, CLEAN, GAP, SKIP, CLEAN, SLIP], dtype=np.int8)


def _priorities(prep: Prepared, kind_mask: np.ndarray, rows: slice | np.ndarray) -> np.ndarray:
    kind, acted = prep.kind[rows], prep.acted[rows]
    # an urge event of a selected kind: 5 acted on, 2 outcome unknown, 1 resisted; any
    # other urge event: 1 (it makes the day a logged one). Computed as
    # 1 + selected * (4 * acted_on + unknown), a few passes over small integers.
    chosen = np.flatnonzero(kind_mask[:-1])
    if len(chosen) == len(kind_mask) - 1:
        sel = kind >= 0  # kind -1 (missing) is never selected
    elif len(chosen) == 1:
        sel = kind == int(chosen[0])
    else:
        sel = kind_mask.take(kind)  # code -1 picks the last slot, which is False
    prio = (acted == 1).astype(np.int8)
    prio *= 4
    prio += acted == -1
    prio *= sel
    prio += 1
    checkin = prep.checkin[rows] if prep.checkins else None
    ci = None if checkin is None else checkin != CI_NONE
    if ci is not None and ci.any():
        # a check-in's `acted` says how the day went (so a habit where YES means "I did
        # it" works too); without it, the value does: YES/YES_AUTO clean, NO checked
        a, c, s_ = acted[ci], checkin[ci], sel[ci]
        unknown = a == -1
        p = np.zeros(len(a), dtype=np.int8)
        p[unknown & (c == CI_SKIP)] = 3
        p[(a == 0) | (unknown & (c == CI_YES))] = 4
        p[(a == 1) | (unknown & (c == CI_NO))] = 5
        prio[ci] = np.where(s_, p, 0)
    return prio


def _day_table(
    prep: Prepared, kind_mask: np.ndarray, lo: int, hi: int, unlogged: str, whole: bool = False
):
    """The status of every day from ``lo`` to ``hi`` (``whole``: the range holds all rows)."""
    n_days = hi - lo + 1
    day = prep.day
    if not whole and prep.n and (day.min() < lo or day.max() > hi):
        inside = np.flatnonzero((day >= lo) & (day <= hi))
        cell, prio = day[inside] - lo, _priorities(prep, kind_mask, inside)
    else:
        cell, prio = day - lo, _priorities(prep, kind_mask, slice(None))
    cell *= 6  # in place: (day - lo) * 6 + priority
    cell += prio
    votes = np.bincount(cell, minlength=n_days * 6).reshape(n_days, 6)
    top = np.zeros(n_days, dtype=np.intp)  # the highest priority present (0 when none)
    for priority in range(1, 6):
        top[votes[:, priority] > 0] = priority
    status = _STATUS_OF_PRIORITY.take(top)
    effective = status.copy()
    if unlogged != "unknown":
        effective[status == GAP] = CLEAN if unlogged == "clean" else SKIP
    return _DayTable(first=lo, status=status, effective=effective, logged=top > 0)


def _empty_streaks() -> pd.DataFrame:
    day = pd.Series([], dtype="datetime64[us]")
    return pd.DataFrame(
        {
            "start": day,
            "end": day,
            "days": pd.Series([], dtype="int64"),
            "ended": pd.Series([], dtype=bool),
            "ended_by": pd.Series(pd.Categorical([], dtype=ENDED_BY_DTYPE)),
            "ended_on": day,
            "grace_used": pd.Series([], dtype="int64"),
            "skipped_days": pd.Series([], dtype="int64"),
            "open_start": pd.Series([], dtype=bool),
        }
    )


def _forgivable(chain: list[int], slips: np.ndarray, grace: int, window: int) -> bool:
    trial = chain + [int(s) for s in slips]
    return all(
        trial[j] - trial[j - grace] >= window for j in range(max(len(chain), grace), len(trial))
    )


def _as_days(days: np.ndarray) -> np.ndarray:
    """Day numbers -> naive midnights as a datetime64[us] NumPy array."""
    return (np.asarray(days, dtype=np.int64) * _US_PER_DAY).view("datetime64[us]")


def _streak_columns(table: _DayTable, grace: int, window: int) -> dict[str, object] | None:
    """Every streak of the day table as columns (see :func:`streaks`); None when there is none."""
    eff = table.effective
    nz = np.flatnonzero(eff != SKIP)  # calendar positions of days that count
    seq = eff[nz]
    clean = (seq == CLEAN).astype(np.int8)
    edges = np.diff(np.concatenate(([0], clean, [0])))
    rs = np.flatnonzero(edges == 1)  # run starts (index into seq)
    re = np.flatnonzero(edges == -1) - 1  # run ends, inclusive
    if not len(rs):
        return None
    m = len(rs)
    gaps = np.concatenate(([0], np.cumsum(seq == GAP)))
    # the block of non-clean days between run i and run i+1
    block_len = rs[1:] - re[:-1] - 1
    block_gaps = gaps[rs[1:]] - gaps[re[:-1] + 1]
    merge = (block_gaps == 0) & (block_len <= grace) if grace else np.zeros(m - 1, dtype=bool)
    tail_first, tail_len = re[-1] + 1, len(seq) - re[-1] - 1
    chain: list[int] = []
    prev = -2
    for i in np.flatnonzero(merge):
        if i != prev + 1:
            chain = []
        slips = nz[re[i] + 1 : rs[i + 1]]
        if _forgivable(chain, slips, grace, window):
            chain += [int(s) for s in slips]
        else:
            merge[i] = False
            chain = []
        prev = i
    pending = 0
    if grace and tail_len and (seq[tail_first:] == SLIP).all() and tail_len <= grace:
        if m == 1 or not merge[-1]:
            chain = []
        if _forgivable(chain, nz[tail_first:], grace, window):
            pending = tail_len
    group = np.concatenate(([0], np.cumsum(~merge)))
    first_run = np.flatnonzero(np.diff(np.concatenate(([-1], group))) != 0)
    last_run = np.concatenate((first_run[1:] - 1, [m - 1]))
    run_days = re - rs + 1
    days = np.add.reduceat(run_days, first_run)
    start = nz[rs[first_run]]
    end = nz[re[last_run]]
    forgiven = np.zeros(len(first_run), dtype=np.int64)
    if grace:
        merged_len = np.concatenate((np.where(merge, block_len, 0), [0]))
        forgiven = np.add.reduceat(merged_len, first_run) - merged_len[last_run]
    after = re[last_run] + 1  # seq index of the day that ended each streak
    ended = after < len(seq)
    if pending:
        ended[-1] = False
        forgiven[-1] += pending
    last = np.minimum(after, len(seq) - 1)
    ended_by = np.where(ended, (seq[last] == GAP).astype(np.int8), -1)  # 0 slip, 1 gap
    skips = np.concatenate(([0], np.cumsum(eff == SKIP)))
    first = table.first
    ended_on = _as_days(nz[last] + first)
    ended_on[~ended] = np.datetime64("NaT")
    return {
        "start": _as_days(start + first),
        "end": _as_days(end + first),
        "days": days.astype(np.int64),
        "ended": ended,
        "ended_by": pd.Categorical.from_codes(ended_by, dtype=ENDED_BY_DTYPE),
        "ended_on": ended_on,
        "grace_used": forgiven.astype(np.int64),
        "skipped_days": (skips[end + 1] - skips[start]).astype(np.int64),
        "open_start": (np.arange(len(start)) == 0) & (rs[0] == 0),
    }


def _streak_frame(columns: dict[str, object] | None) -> pd.DataFrame:
    """The streaks frame from :func:`_streak_columns` (fresh arrays: no copy needed)."""
    if columns is None:
        return _empty_streaks()
    return new_frame(_STREAK_TABLE, [columns[name] for name in _STREAK_COLUMNS])


def _setup(urges, kind, start, end, unlogged, day_starts, grace, grace_window):
    day_starts = check_day_starts(day_starts)
    _check_args(unlogged, grace, grace_window)
    mask, kinds = select_kinds(kind)
    prep = prepare(urges, day_starts=day_starts)
    rng = day_range(prep, start, end, day_starts=day_starts)
    whole = start is None and end is None  # the range runs from the first to the last row
    table = None if rng is None else _day_table(prep, mask, rng[0], rng[1], unlogged, whole)
    return prep, kinds, table


_STATUS_NAMES = np.array(["clean", "checked", "unknown", "skip"], dtype=object)


def day_status(
    urges: pd.DataFrame,
    *,
    kind: str | Iterable[str] = "check_social",
    start: object = None,
    end: object = None,
    unlogged: str = "clean",
    day_starts: int = 0,
) -> pd.DataFrame:
    """How each day of the range counts for the selected kinds (the calendar view).

    Parameters
    ----------
    urges : pandas.DataFrame
        An urge frame (event log and/or check-ins).
    kind, start, end, unlogged, day_starts
        As in :func:`streaks`.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``date`` (every day of the range), with ``status`` (before the
        ``unlogged`` policy: ``clean``, ``checked``, ``unknown`` or ``skip``),
        ``counts_as`` (after the policy) and ``logged`` (at least one record).

    Examples
    --------
    >>> import reflection_kit as rk
    >>> from reflection_kit.metrics import day_status
    >>> days = day_status(rk.read_urges("data/sample/urges.csv"))
    >>> sorted(days["status"].unique()), sorted(days["counts_as"].unique())
    (['checked', 'clean', 'unknown'], ['checked', 'clean'])
    """
    _, _, table = _setup(urges, kind, start, end, unlogged, day_starts, 0, 7)
    if table is None:
        warn_note(_EMPTY_NOTE)
        return pd.DataFrame(
            {
                "status": pd.Series([], dtype=object),
                "counts_as": pd.Series([], dtype=object),
                "logged": pd.Series([], dtype=bool),
            },
            index=pd.DatetimeIndex([], name="date", dtype="datetime64[us]"),
        )
    n = len(table.status)
    idx = to_timestamps(np.arange(table.first, table.first + n))
    return pd.DataFrame(
        {
            "status": _STATUS_NAMES[table.status],
            "counts_as": _STATUS_NAMES[table.effective],
            "logged": table.logged.astype(bool),
        },
        index=pd.DatetimeIndex(idx, name="date"),
    )


def streaks(
    urges: pd.DataFrame,
    *,
    kind: str | Iterable[str] = "check_social",
    start: object = None,
    end: object = None,
    unlogged: str = "clean",
    day_starts: int = 0,
    grace: int = 0,
    grace_window: int = 7,
) -> pd.DataFrame:
    """Every streak of days without acting on the selected urges.

    Nothing is reset away: each attempt is one row, the running one included.

    Parameters
    ----------
    urges : pandas.DataFrame
        An urge frame (:func:`reflection_kit.read_urges`); it is not modified.
        Needs ``kind``, ``acted`` and a time (``local_time``, a tz-aware
        ``timestamp`` or ``date``). Check-in rows carry a ``checkin`` column.
    kind : str or list of str, default "check_social"
        An urge kind, a list of kinds, or ``"any"`` (any acted urge). Use
        ``"reach_out"`` for no-contact streaks.
    start, end : date-like or "today", optional
        The range of local days. Default: the first and the last day of the
        data (any kind). ``end="today"`` uses today in the zone of the latest
        row (the machine's clock when the frame carries no zone).
    unlogged : {"clean", "unknown", "skip"}, default "clean"
        How a day without information counts (see the module notes).
    day_starts : int, default 0
        The local hour at which a day begins; with 4, 1 a.m. counts for the
        day before. Check-in rows keep their own day.
    grace : int, default 0
        Slips forgiven per ``grace_window`` days (0: strict streaks).
    grace_window : int, default 7
        Length in days of the grace window.

    Returns
    -------
    pandas.DataFrame
        One row per streak, oldest first: ``start`` and ``end`` (first and last
        clean day), ``days`` (clean days), ``ended`` (False for the streak still
        running at ``end``), ``ended_by`` (categorical "slip" or "gap", missing
        for the running streak), ``ended_on``
        (the day that ended it), ``grace_used``, ``skipped_days`` and
        ``open_start`` (the streak touches the start of the range, so it may
        have begun earlier). ``days`` and ``ended`` feed Kaplan–Meier as they
        are. ``attrs["note"]`` explains an empty result.

    Raises
    ------
    SchemaError
        A needed column is missing, or ``kind`` holds values outside the urge kinds.
    ValueError
        A bad argument: an unknown ``kind``, ``start`` after ``end``, and so on.

    Examples
    --------
    >>> import reflection_kit as rk
    >>> from reflection_kit.metrics import streaks
    >>> urges = rk.read_urges("data/sample/urges.csv", tz="Europe/Berlin")
    >>> s = streaks(urges, kind="check_social")
    >>> list(s.columns[:4])
    ['start', 'end', 'days', 'ended']
    >>> bool(s["ended"].iloc[-1])  # the last streak is still running
    False
    """
    prep, _, table = _setup(urges, kind, start, end, unlogged, day_starts, grace, grace_window)
    if table is None:
        out = _empty_streaks()
        out.attrs["note"] = _EMPTY_NOTE
        warn_note(_EMPTY_NOTE)
        return out
    out = _streak_frame(_streak_columns(table, int(grace), int(grace_window)))
    out.attrs["note"] = "; ".join(prep.notes)
    return out


def _weekly(table: _DayTable) -> pd.DataFrame:
    n_days = len(table.status)
    days = np.arange(n_days) + table.first
    monday = week_start(days)
    first = int(monday[0]) if n_days else 0
    inv = (monday - first) // 7
    n_weeks = int(inv[-1]) + 1 if n_days else 0
    weeks = first + 7 * np.arange(n_weeks)
    eff, raw = table.effective, table.status
    # per week: effective clean / checked / gap / skipped, raw unknown / skipped
    codes = np.concatenate((eff, 4 + (raw == GAP), 6 + (raw == SKIP)))
    counts = np.bincount(np.tile(inv, 3) * 8 + codes, minlength=n_weeks * 8).reshape(n_weeks, 8)
    clean, checked = counts[:, CLEAN], counts[:, SLIP]
    counted = counts[:, CLEAN] + counts[:, SLIP] + counts[:, GAP]
    with np.errstate(invalid="ignore", divide="ignore"):
        pct = np.where(counted > 0, 100.0 * clean / np.maximum(counted, 1), np.nan)
    return new_frame(
        _WEEKLY_TABLE,
        [
            text_array(iso_week_labels(weeks)),
            _as_days(weeks),
            counts[:, CLEAN : SKIP + 1].sum(axis=1),
            clean,
            checked,
            counts[:, 5],
            counts[:, 7],
            pct,
        ],
    )


def _midnight(day: int) -> pd.Timestamp:
    """A day number as a naive midnight (microsecond unit, as in the frames)."""
    return pd.Timestamp(np.datetime64(int(day) * _US_PER_DAY, "us"))


@dataclass(frozen=True)
class StreakSummary:
    """The figures of :func:`streak_summary`, strict and grace side by side.

    Scalar attributes hold the figures; ``weekly``, ``history`` and
    ``grace_history`` are frames. ``to_dict()`` and ``to_frame()`` (one row)
    give the scalars; ``side_by_side()`` puts strict and grace next to each
    other; ``str(summary)`` reads as a short sentence.
    """

    kind: str
    unlogged: str
    day_starts: int
    grace: int
    grace_window: int
    start: pd.Timestamp | None
    end: pd.Timestamp | None
    days_in_range: int
    clean_days: int
    checked_days: int
    unknown_days: int
    skipped_days: int
    logged_days: int
    current: int
    current_start: pd.Timestamp | None
    longest: int
    longest_start: pd.Timestamp | None
    longest_end: pd.Timestamp | None
    attempts: int
    grace_current: int
    grace_current_start: pd.Timestamp | None
    grace_longest: int
    grace_longest_start: pd.Timestamp | None
    grace_longest_end: pd.Timestamp | None
    grace_attempts: int
    grace_used: int
    weekly: pd.DataFrame = field(repr=False)
    history: pd.DataFrame = field(repr=False)
    grace_history: pd.DataFrame = field(repr=False)
    note: str = ""

    _FRAMES = ("weekly", "history", "grace_history")

    def to_dict(self) -> dict[str, object]:
        """The scalar figures as a dict (frames left out)."""
        return {k: getattr(self, k) for k in self.__dataclass_fields__ if k not in self._FRAMES}

    def to_frame(self) -> pd.DataFrame:
        """The scalar figures as a one-row DataFrame."""
        return pd.DataFrame([self.to_dict()])

    def side_by_side(self) -> pd.DataFrame:
        """Strict and grace figures in two columns."""
        rows = ["current", "current_start", "longest", "longest_start", "longest_end", "attempts"]
        return pd.DataFrame(
            {
                "strict": [getattr(self, r) for r in rows] + [0],
                "grace": [getattr(self, f"grace_{r}") for r in rows] + [self.grace_used],
            },
            index=pd.Index([*rows, "grace_used"], name="figure"),
        )

    def __str__(self) -> str:
        if not self.days_in_range:
            return f"StreakSummary: {self.note}"
        span = f"{self.start:%Y-%m-%d} to {self.end:%Y-%m-%d}"
        longest = (
            f"longest {self.longest} days ({self.longest_start:%Y-%m-%d} to "
            f"{self.longest_end:%Y-%m-%d})"
            if self.longest
            else "no clean days yet"
        )
        return (
            f"{self.kind}: {self.clean_days} clean days out of {self.days_in_range} "
            f"({span}); current streak {self.current} days, {longest}; "
            f"with grace {self.grace}/{self.grace_window} days: current {self.grace_current}, "
            f"longest {self.grace_longest}."
        )


def _headline(columns: dict[str, object] | None) -> tuple[int, object, int, object, object]:
    if columns is None:
        return 0, None, 0, None, None
    days, start, end = columns["days"], columns["start"], columns["end"]
    running = not bool(columns["ended"][-1])  # only the last streak can still run
    best = int(days.argmax())  # the earliest of equally long streaks
    return (
        int(days[-1]) if running else 0,
        pd.Timestamp(start[-1]) if running else None,
        int(days[best]),
        pd.Timestamp(start[best]),
        pd.Timestamp(end[best]),
    )


def streak_summary(
    urges: pd.DataFrame,
    *,
    kind: str | Iterable[str] = "check_social",
    start: object = None,
    end: object = None,
    unlogged: str = "clean",
    day_starts: int = 0,
    grace: int = 1,
    grace_window: int = 7,
) -> StreakSummary:
    """Current and longest streak, clean days and the full attempt history.

    Takes the arguments of :func:`streaks`, with one difference that is on
    purpose: the summary always shows both kinds of streak. The strict figures
    (``current``, ``longest``, ``history`` …) never forgive a slip, whatever
    ``grace`` says, and equal ``streaks(urges, grace=0)``; the ``grace_*``
    figures forgive ``grace`` slips per ``grace_window`` days and equal
    ``streaks(urges, grace=grace)``. So ``grace`` defaults to 1 here (one slip
    a week) and to 0 in :func:`streaks` (strict).

    Parameters
    ----------
    urges : pandas.DataFrame
        An urge frame; it is not modified.
    kind, start, end, unlogged, day_starts, grace_window
        As in :func:`streaks`.
    grace : int, default 1
        Slips forgiven per window in the ``grace_*`` figures only (the strict
        figures always use 0).

    Returns
    -------
    StreakSummary
        Scalars: ``current`` (days of the running streak, 0 when none runs),
        ``current_start``, ``longest`` with ``longest_start`` and
        ``longest_end``, ``attempts``, ``clean_days``, ``checked_days``,
        ``unknown_days`` (no information; counted as clean, gap or skipped as
        ``unlogged`` says), ``skipped_days`` (explicit SKIP check-ins),
        ``logged_days``, ``days_in_range``, the same streak figures prefixed
        ``grace_`` and ``grace_used``. Frames: ``weekly`` (% clean days per ISO
        week, over the days that count: not skipped), ``history`` and
        ``grace_history`` (every streak, as :func:`streaks` returns them).
        ``to_frame()`` gives one row. ``note`` explains an empty result.

    Examples
    --------
    >>> import reflection_kit as rk
    >>> from reflection_kit.metrics import streak_summary
    >>> urges = rk.read_urges("data/sample/urges.csv", tz="Europe/Berlin")
    >>> s = streak_summary(urges, kind="check_social")
    >>> s.days_in_range, s.longest >= s.current
    (112, True)
    >>> list(s.side_by_side().columns)
    ['strict', 'grace']
    """
    prep, kinds, table = _setup(urges, kind, start, end, unlogged, day_starts, grace, grace_window)
    label = "+".join(kinds)
    settings = {
        "kind": label,
        "unlogged": unlogged,
        "day_starts": int(day_starts),
        "grace": int(grace),
        "grace_window": int(grace_window),
    }
    if table is None:
        warn_note(_EMPTY_NOTE)
        nothing = np.zeros(0, dtype=np.int8)
        figures = {
            k: (None if f.type.startswith("pd.Timestamp") else 0)
            for k, f in StreakSummary.__dataclass_fields__.items()
            if k not in settings and k not in StreakSummary._FRAMES and k != "note"
        }
        return StreakSummary(
            **settings,
            **figures,
            weekly=_weekly(_DayTable(0, nothing, nothing, nothing.astype(bool))),
            history=_empty_streaks(),
            grace_history=_empty_streaks(),
            note=_EMPTY_NOTE,
        )
    strict_columns = _streak_columns(table, 0, int(grace_window))
    graced_columns = _streak_columns(table, int(grace), int(grace_window))
    eff, raw = table.effective, table.status
    cur, cur_start, longest, l_start, l_end = _headline(strict_columns)
    g_cur, g_cur_start, g_longest, g_start, g_end = _headline(graced_columns)
    counts = np.bincount(raw, minlength=SKIP + 1)
    return StreakSummary(
        **settings,
        start=_midnight(table.first),
        end=_midnight(table.first + len(raw) - 1),
        days_in_range=len(raw),
        clean_days=int(np.count_nonzero(eff == CLEAN)),
        checked_days=int(counts[SLIP]),
        unknown_days=int(counts[GAP]),
        skipped_days=int(counts[SKIP]),
        logged_days=int(np.count_nonzero(table.logged)),
        current=cur,
        current_start=cur_start,
        longest=longest,
        longest_start=l_start,
        longest_end=l_end,
        attempts=0 if strict_columns is None else len(strict_columns["days"]),
        grace_current=g_cur,
        grace_current_start=g_cur_start,
        grace_longest=g_longest,
        grace_longest_start=g_start,
        grace_longest_end=g_end,
        grace_attempts=0 if graced_columns is None else len(graced_columns["days"]),
        grace_used=0 if graced_columns is None else int(graced_columns["grace_used"].sum()),
        weekly=_weekly(table),
        history=_streak_frame(strict_columns),
        grace_history=_streak_frame(graced_columns),
        note="; ".join(prep.notes),
    )
