"""Urge statistics: how often, how strong, how often resisted, and what helps.

Conventions
-----------
* Urges are counted on the person's local day (``local_time`` with
  ``day_starts``; see :mod:`reflection_kit.metrics._days`).
* A day with no urge record is **not** a day with zero urges: people log
  about three days in four, so per-day counts are missing (``<NA>``) on
  unlogged days, and rates per day divide by *logged* days only.
* Daily check-in rows (a ``checkin`` column, as Loop gives) are days, not
  urges; they are left out here (the note says how many) and used by
  :func:`reflection_kit.streaks`.
* The resisted rate is ``resisted / (resisted + acted)``; urges whose outcome
  is missing are counted apart (``unknown``) and never guessed. Intervals are
  Wilson score intervals (:func:`reflection_kit.metrics.wilson_interval`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..frames import COPING_STRATEGIES, URGE_KINDS
from ._days import (
    CI_NONE,
    check_day_starts,
    day_range,
    factorize_text,
    iso_week_labels,
    prepare,
    text_codes,
    to_timestamps,
    warn_note,
)
from ._stats import wilson_interval
from ._tables import Columns, new_frame, text_array

__all__ = ["UrgeStats", "urge_stats"]

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_WEEKDAY_COLUMNS = pd.Index(list(_WEEKDAYS), name="weekday")
_PERIODS = ("week", "month", "weekday")
_US_PER_HOUR = 3_600_000_000
_SPLIT = re.compile(r"[;,|]")
_TRIGGERS = Columns(("trigger", "n", "share", "resisted", "acted", "resisted_rate", "rank"))
_COPING = Columns(
    (
        "coping",
        "uses",
        "n",
        "resisted",
        "acted",
        "resisted_rate",
        "ci_low",
        "ci_high",
        "ranked",
        "rank",
    )
)
_PER_DAY = Columns(("logged", "urges", *URGE_KINDS, "acted", "resisted"))
_PER_WEEK = Columns(
    (
        "week",
        "week_start",
        "days",
        "logged_days",
        "urges",
        *URGE_KINDS,
        "acted",
        "resisted",
        "urges_per_logged_day",
    )
)
_OVERALL = Columns(("kind", "urges", "share", "logged_days", "days_in_range", "per_logged_day"))
_INTENSITY = ("n", "mean", "first_urge_n", "first_urge_mean")  # after the group column
_RESISTED = ("resisted", "acted", "unknown", "n", "rate", "ci_low", "ci_high")
_BY_GROUP = {
    by: (Columns((by, *_INTENSITY)), Columns((by, *_RESISTED)))
    for by in ("group", "kind", *_PERIODS)
}
_EMPTY_NOTE = (
    "no urges to measure: the urge frame has no urge rows with a usable time in the range. "
    "Log a few urges (or check the file and the start/end you passed) and try again."
)


@dataclass(frozen=True)
class UrgeStats:
    """The frames of :func:`urge_stats`.

    Attributes
    ----------
    per_day : DataFrame
        Indexed by ``date`` (every day in the range): ``logged`` (at least one
        urge record), ``urges``, one column per urge kind, ``acted`` and
        ``resisted``. Counts are ``<NA>`` on unlogged days, never a silent 0.
    per_week : DataFrame
        One row per ISO week: ``week``, ``week_start``, ``days``,
        ``logged_days``, ``urges``, one column per kind, ``acted``,
        ``resisted`` and ``urges_per_logged_day``.
    overall : DataFrame
        One row per kind plus ``all``: ``urges``, ``share``, ``logged_days``,
        ``per_logged_day``.
    intensity : DataFrame
        Per group: ``n`` and ``mean`` over urges with an intensity;
        ``first_urge_n`` and ``first_urge_mean`` over the first urge of each
        logged day (any kind, the "at waking" measure; urges without a time of
        day cannot be first), in that urge's group.
    resisted : DataFrame
        Per group: ``resisted``, ``acted``, ``unknown`` (outcome missing), ``n``
        (= resisted + acted), ``rate``, ``ci_low``, ``ci_high``.
    hour_weekday : DataFrame
        Urge counts, 24 local hours (rows) × Mon..Sun (columns, the weekday of
        the person's day). Urges logged without a time of day are left out.
    triggers : DataFrame
        ``trigger`` (trimmed, case-folded), ``n``, ``share``, ``resisted``,
        ``acted``, ``resisted_rate``, ``rank`` (1 = most frequent).
    coping : DataFrame
        ``coping``, ``uses``, ``n`` (uses with a known outcome), ``resisted``,
        ``acted``, ``resisted_rate``, ``ci_low``, ``ci_high``, ``ranked`` and
        ``rank``: strategies with ``n < min_n`` are listed but never ranked.
    """

    per_day: pd.DataFrame = field(repr=False)
    per_week: pd.DataFrame = field(repr=False)
    overall: pd.DataFrame = field(repr=False)
    intensity: pd.DataFrame = field(repr=False)
    resisted: pd.DataFrame = field(repr=False)
    hour_weekday: pd.DataFrame = field(repr=False)
    triggers: pd.DataFrame = field(repr=False)
    coping: pd.DataFrame = field(repr=False)
    by: str | None = None
    min_n: int = 5
    start: pd.Timestamp | None = None
    end: pd.Timestamp | None = None
    urges: int = 0
    note: str = ""


def _masked(values: np.ndarray, missing: np.ndarray) -> pd.arrays.IntegerArray:
    return pd.arrays.IntegerArray(values.astype(np.int64), missing.copy())


def _rate(k: np.ndarray, n: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(n > 0, k / np.maximum(n, 1), np.nan)


def _check_by(by: object, urges: pd.DataFrame) -> str | None:
    if by is None:
        return None
    if isinstance(by, str) and (by in _PERIODS or by == "kind" or by in urges.columns):
        return by
    raise ValueError(
        f"`by` must be None, 'kind', one of {', '.join(map(repr, _PERIODS))} or a column of "
        f"the urge frame, got {by!r}. Columns: {list(urges.columns)}."
    )


def _groups(by: str | None, urges, rows, kind, idx, lo, n_days) -> tuple[np.ndarray, list[str]]:
    """Group code of each urge and the group labels (codes index the labels).

    ``rows``: positions of the urges in ``urges`` (None: every row, in order).
    """
    if by is None:
        return np.zeros(len(kind), dtype=np.int64), ["all"]
    if by == "kind":
        return np.where(kind < 0, len(URGE_KINDS), kind).astype(np.int64), [*URGE_KINDS, ""]
    days = np.arange(n_days, dtype=np.int64) + lo  # periods are computed per day, then gathered
    if by == "weekday":
        return ((days + 3) % 7)[idx], list(_WEEKDAYS)
    if by == "week":
        monday = days - (days + 3) % 7
        first = int(monday[0]) if n_days else 0
        labels = iso_week_labels(np.arange(first, int(monday[-1]) + 1 if n_days else 0, 7))
        return ((monday - first) // 7)[idx], labels
    if by == "month":
        months = days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
        first = int(months[0]) if n_days else 0
        span = np.arange(first, int(months[-1]) + 1 if n_days else 0).astype("datetime64[M]")
        return (months - first)[idx], [str(m) for m in span]
    codes, uniques = factorize_text(urges[by].astype("str"))
    codes = codes if rows is None else codes[rows]
    return np.where(codes < 0, len(uniques), codes), [*uniques, ""]


def _text_keys(values: list[str], split: bool) -> tuple[list[str], list[list[int]]]:
    """Normalise unique texts; return the keys and, per unique value, its key indices."""
    keys: dict[str, int] = {}
    members: list[list[int]] = []
    for value in values:
        idx = []
        for part in _SPLIT.split(str(value)) if split else [str(value)]:
            key = " ".join(part.split()).casefold()
            snake = key.replace(" ", "_").replace("-", "_")
            if split and snake in COPING_STRATEGIES:
                key = snake
            if key:
                idx.append(keys.setdefault(key, len(keys)))
        members.append(sorted(set(idx)))
    return list(keys), members


def _by_text(urges, column, rows, acted, split):
    """Counts per normalised text of ``column``: (keys, uses, resisted, acted)."""
    if column not in urges.columns or not len(acted):
        return [], *(np.zeros(0, dtype=np.int64),) * 3
    codes, uniques = text_codes(urges[column])
    codes = codes if rows is None else codes[rows]
    u = len(uniques) + 1  # the first slot collects missing values (code -1)
    # per unique value: outcome unknown, resisted, acted (acted is -1, 0 or 1), at
    # (code + 1) * 3 + (acted + 1)
    cell = np.multiply(codes, 3, dtype=np.int64)
    cell += acted + 4
    table = np.bincount(cell, minlength=u * 3).reshape(u, 3)[1:]
    keys, members = _text_keys(uniques, split)
    per_key = np.zeros((len(keys), 3), dtype=np.int64)
    for i, idx in enumerate(members):
        if idx:
            per_key[idx] += table[i]
    return keys, per_key.sum(axis=1), per_key[:, 1], per_key[:, 2]


def _triggers(urges, rows, acted) -> pd.DataFrame:
    keys, n, res, act = _by_text(urges, "trigger", rows, acted, split=False)
    keep = np.flatnonzero(n > 0)
    names = np.asarray(keys, dtype=object)[keep].astype(str)
    n, res, act = n[keep], res[keep], act[keep]
    order = np.lexsort((names, -n))  # most frequent first, then by name
    n, res, act, names = n[order], res[order], act[order], names[order]
    return new_frame(
        _TRIGGERS,
        [
            text_array(names),
            n,
            _rate(n, np.full(len(n), n.sum())),
            res,
            act,
            _rate(res, res + act),
            (np.searchsorted(-n, -n, side="left") + 1).astype(np.int64),  # ties share a rank
        ],
    )


def _coping(urges, rows, acted, min_n: int) -> pd.DataFrame:
    keys, uses, res, act = _by_text(urges, "coping", rows, acted, split=True)
    keep = np.flatnonzero(uses > 0)
    names = np.asarray(keys, dtype=object)[keep].astype(str)
    uses, res, act = uses[keep], res[keep], act[keep]
    n = res + act
    rate = _rate(res, n)
    low, high = wilson_interval(res, n)
    ranked = n >= min_n
    # ranked first (best rate, then best lower bound, then most uses); the rest by n
    order = np.lexsort(
        (
            names,
            -n,
            np.where(ranked, -np.nan_to_num(low), 0.0),
            np.where(ranked, -np.nan_to_num(rate), 0.0),
            ~ranked,
        )
    )
    ranked = ranked[order]
    return new_frame(
        _COPING,
        [
            text_array(names[order]),
            uses[order],
            n[order],
            res[order],
            act[order],
            rate[order],
            low[order],
            high[order],
            ranked,
            pd.arrays.IntegerArray(np.cumsum(ranked).astype(np.int64), ~ranked),
        ],
    )


def _per_day(idx, kind, acted, n_days, lo):
    """The per-day frame, plus the day totals, the count table and the full cube.

    ``counts`` has one row per kind (+ missing kind), then outcome -1 / 0 / 1, and one
    column per day; ``cube`` is (kind or missing kind, outcome -1 / 0 / 1, day).
    """
    k = len(URGE_KINDS)
    slot = np.where(kind < 0, k, kind).astype(np.int8) if (kind < 0).any() else kind
    code = np.add(np.multiply(slot, 3, dtype=np.int8), acted + 1, dtype=np.int8)
    # days run along the last (contiguous) axis, so the sums below are whole-row adds
    cell = np.multiply(code, n_days, dtype=np.int64)
    cell += idx
    cube = np.bincount(cell, minlength=3 * (k + 1) * n_days)
    cube = cube.reshape(k + 1, 3, n_days)
    # per kind, then per outcome: sums of whole (contiguous) day rows
    counts = np.empty((k + 4, n_days), dtype=cube.dtype)
    np.add(cube[:, 0], cube[:, 1], out=counts[: k + 1])
    counts[: k + 1] += cube[:, 2]
    np.sum(cube, axis=0, out=counts[k + 1 :])
    total = counts[: k + 1].sum(axis=0)
    unlogged = total == 0
    frame = new_frame(
        _PER_DAY,
        [
            ~unlogged,
            _masked(total, unlogged),
            *(_masked(counts[j], unlogged) for j in range(k)),
            _masked(counts[k + 3], unlogged),
            _masked(counts[k + 2], unlogged),
        ],
        index=pd.Index(to_timestamps(np.arange(n_days) + lo), name="date"),
    )
    return frame, total, counts, cube


def _per_week(lo: int, total: np.ndarray, counts: np.ndarray) -> pd.DataFrame:
    k = len(URGE_KINDS)
    days = np.arange(len(total)) + lo
    monday = days - (days + 3) % 7
    first = int(monday[0]) if len(monday) else 0
    week = (monday - first) // 7
    n_weeks = int(week[-1]) + 1 if len(week) else 0
    sums = np.zeros((k + 4, n_weeks), dtype=np.int64)
    if n_weeks:
        sums = np.add.reduceat(counts, np.flatnonzero(np.diff(week, prepend=-1)), axis=1)
    urges = sums[: k + 1].sum(axis=0)
    logged = np.bincount(week, weights=total > 0, minlength=n_weeks).astype(np.int64)
    weeks = first + 7 * np.arange(n_weeks)
    return new_frame(
        _PER_WEEK,
        [
            text_array(iso_week_labels(weeks)),
            to_timestamps(weeks),
            np.bincount(week, minlength=n_weeks).astype(np.int64),
            logged,
            urges,
            *(sums[j] for j in range(k)),
            sums[k + 3],
            sums[k + 2],
            _rate(urges, logged),
        ],
    )


def _overall(total: np.ndarray, counts: np.ndarray) -> pd.DataFrame:
    n_days = len(total)
    if not total.sum():
        n_days = 0  # nothing to describe: an empty frame, not a row of zeros
    logged = int(np.count_nonzero(total))
    per_kind = np.append(counts[: len(URGE_KINDS)].sum(axis=1), total.sum()).astype(np.int64)
    rows = len(per_kind) if n_days else 0
    return new_frame(
        _OVERALL,
        [
            text_array([*URGE_KINDS, "all"][:rows]),
            per_kind[:rows],
            _rate(per_kind, np.full(len(per_kind), per_kind[-1]))[:rows],
            np.full(rows, logged, dtype=np.int64),
            np.full(rows, n_days, dtype=np.int64),
            _rate(per_kind, np.full(len(per_kind), logged))[:rows],
        ],
    )


def _first_of_day(idx: np.ndarray, local: np.ndarray, n_days: int) -> np.ndarray:
    """Positions of the first urge of each logged day (earliest wall clock, then row order)."""
    if not len(idx):
        return np.zeros(0, dtype=np.int64)
    if (local[1:] >= local[:-1]).all():  # in wall-clock order already (the usual case)
        return np.concatenate(([0], np.flatnonzero(idx[1:] != idx[:-1]) + 1))
    mins = np.full(n_days, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(mins, idx, local)
    cand = np.flatnonzero(local == mins[idx])
    _, first = np.unique(idx[cand], return_index=True)
    return cand[first]


def _group_sums(g: np.ndarray, size: int, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Count and sum of the non-NaN ``values`` per group."""
    nan = np.isnan(values)
    if size == 1:
        kept = values[~nan] if nan.any() else values
        return np.array([len(kept)], dtype=np.int64), np.array([kept.sum()])
    has = ~nan
    count = np.bincount(g, weights=has, minlength=size).astype(np.int64)
    return count, np.bincount(g, weights=np.where(has, values, 0.0), minlength=size)


def _group_frames(
    by, g, labels, acted, intensity, first, outcome=None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Intensity and resisted frames per group; ``outcome`` (groups x unknown / resisted /
    acted counts) when the caller has it already."""
    size = len(labels)
    n_int, s_int = _group_sums(g, size, intensity)
    f_n, f_s = _group_sums(g.take(first), size, intensity.take(first))
    if outcome is None:
        outcome = np.bincount(g * 3 + (acted + 1), minlength=size * 3).reshape(size, 3)
    unk, res, act = outcome[:, 0], outcome[:, 1], outcome[:, 2]
    present = outcome.sum(axis=1) > 0
    name = by or "group"
    group = text_array(np.asarray(labels, dtype=object)[present].astype(str))
    n = (res + act)[present]
    low, high = wilson_interval(res[present], n)
    intensity_columns = [
        group,
        n_int[present],
        _rate(s_int, n_int)[present],
        f_n[present],
        _rate(f_s, f_n)[present],
    ]
    resisted_columns = [
        group.copy(),  # each frame owns its arrays (built without copies)
        res[present],
        act[present],
        unk[present],
        n,
        _rate(res[present], n),
        low,
        high,
    ]
    if name in _BY_GROUP:
        columns = _BY_GROUP[name]
        return new_frame(columns[0], intensity_columns), new_frame(columns[1], resisted_columns)
    # any other column of the urge frame: its name may even repeat a figure's name
    intensity_frame = pd.DataFrame(
        dict(zip((name, *_INTENSITY), intensity_columns, strict=True)), copy=False
    )
    resisted_frame = pd.DataFrame(
        dict(zip((name, *_RESISTED), resisted_columns, strict=True)), copy=False
    )
    return intensity_frame, resisted_frame


def _hour_weekday(local: np.ndarray, lo: int, n_days: int, day_starts: int) -> pd.DataFrame:
    """Urges per wall-clock hour x weekday of the person's day (``day_starts`` applied).

    One pass over the urges: a count per hour of the calendar, from the Monday on or
    before the first day; then the hours are folded onto the week. A person's day runs
    from ``day_starts`` on its calendar day to ``day_starts`` on the next, so an hour
    before ``day_starts`` belongs to the weekday before its calendar day's.
    """
    monday = lo - (lo + 3) % 7  # day 0 (1970-01-01) was a Thursday
    n_weeks = (lo - monday + n_days + 1 + 6) // 7  # calendar days lo .. hi + 1
    hours = local // _US_PER_HOUR
    hours -= monday * 24
    per_hour = np.bincount(hours, minlength=n_weeks * 7 * 24).reshape(n_weeks, 7, 24)
    week = per_hour.sum(axis=0)  # calendar weekday (Mon..Sun) x hour
    if day_starts:
        week[:, :day_starts] = np.roll(week[:, :day_starts], -1, axis=0)
    return pd.DataFrame(
        week.T.astype(np.int64, order="C"),
        index=pd.RangeIndex(24, name="hour"),
        columns=_WEEKDAY_COLUMNS.copy(),  # its own Index, named "weekday"
        copy=False,
    )


def urge_stats(
    urges: pd.DataFrame,
    *,
    by: str | None = None,
    min_n: int = 5,
    day_starts: int = 0,
    start: object = None,
    end: object = None,
) -> UrgeStats:
    """How often urges come, how strong they are, how often they are resisted, what helps.

    Parameters
    ----------
    urges : pandas.DataFrame
        An urge frame (:func:`reflection_kit.read_urges`); it is not modified.
        Needs ``kind``, ``acted`` and a time; uses ``intensity``, ``trigger``
        and ``coping`` when present.
    by : str, optional
        Split the ``intensity`` and ``resisted`` frames: ``"kind"``,
        ``"week"``, ``"month"``, ``"weekday"`` (of the person's day) or any
        column of the frame (``"source"``, ``"trigger"``...). None: one row.
    min_n : int, default 5
        Coping strategies with fewer known outcomes are shown, never ranked.
    day_starts : int, default 0
        The local hour at which a day begins.
    start, end : date-like or "today", optional
        The range of local days; default the first and last day of the data.

    Returns
    -------
    UrgeStats
        A dataclass of frames (``per_day``, ``per_week``, ``overall``,
        ``intensity``, ``resisted``, ``hour_weekday``, ``triggers``,
        ``coping``) plus ``note``, which explains an empty result.

    Raises
    ------
    SchemaError
        A needed column is missing, or ``kind`` holds values outside the urge kinds.
    ValueError
        A bad argument, such as ``start`` after ``end`` or an unknown ``by``.

    Examples
    --------
    >>> import reflection_kit as rk
    >>> from reflection_kit.metrics import urge_stats
    >>> urges = rk.read_urges("data/sample/urges.csv", tz="Europe/Berlin")
    >>> stats = urge_stats(urges, by="month")
    >>> list(stats.resisted.columns[:4])
    ['month', 'resisted', 'acted', 'unknown']
    >>> stats.hour_weekday.shape
    (24, 7)
    """
    day_starts = check_day_starts(day_starts)
    if isinstance(min_n, bool) or not isinstance(min_n, int | np.integer) or min_n < 1:
        raise ValueError(f"`min_n` must be a whole number of at least 1, got {min_n!r}.")
    prep = prepare(urges, day_starts=day_starts)
    by = _check_by(by, urges)
    notes = list(prep.notes)
    checkins = prep.checkins
    if checkins:
        notes.append(
            f"{checkins} daily check-in row(s) were left out: they describe days, not urges "
            "(see rk.streaks)"
        )
    rng = day_range(prep, start, end, day_starts=day_starts)
    lo, hi = rng if rng is not None else (0, -1)
    rows = prep.kept  # positions of the urges in the frame; None: every row, in order
    day, kind, acted, local, clock = prep.day, prep.kind, prep.acted, prep.local_us, prep.clock
    whole = start is None and end is None  # the range runs from the first to the last row
    if checkins or (not whole and prep.n and (day.min() < lo or day.max() > hi)):
        keep = (day >= lo) & (day <= hi)
        if checkins:
            keep &= prep.checkin == CI_NONE
        rows, day, kind, acted = prep.rows[keep], day[keep], kind[keep], acted[keep]
        local, clock = local[keep], clock[keep]
    n_urges = len(day)
    if not n_urges:
        notes.insert(0, _EMPTY_NOTE)
        warn_note(_EMPTY_NOTE)
        lo, hi = 0, -1
    n_days = hi - lo + 1
    idx = day - lo
    if "intensity" not in urges.columns:
        intensity = np.full(len(urges), np.nan)
    elif urges["intensity"].dtype == np.float64:  # NaN already marks a missing value
        intensity = urges["intensity"].to_numpy()  # only read
    else:
        intensity = urges["intensity"].to_numpy(dtype=float, na_value=np.nan)
    intensity = intensity if rows is None else intensity[rows]
    per_day, total, counts, cube = _per_day(idx, kind, acted, n_days, lo)
    g, labels = _groups(by, urges, rows, kind, idx, lo, n_days)
    outcome = None  # per group: unknown / resisted / acted, from the day table when it can
    if by is None:
        outcome = counts[-3:].sum(axis=1).reshape(1, 3)
    elif by == "kind":
        outcome = cube.sum(axis=2)
    if clock.all():
        first = _first_of_day(idx, local, n_days)
        hours = _hour_weekday(local, lo, n_days, day_starts)
    else:
        timed = np.flatnonzero(clock)
        first = timed[_first_of_day(idx[timed], local[timed], n_days)]
        hours = _hour_weekday(local[timed], lo, n_days, day_starts)
    intensity_frame, resisted_frame = _group_frames(
        by, g, labels, acted, intensity, first, outcome
    )
    span = to_timestamps(np.array([lo, hi])) if n_days > 0 else [None, None]
    return UrgeStats(
        per_day=per_day,
        per_week=_per_week(lo, total, counts),
        overall=_overall(total, counts),
        intensity=intensity_frame,
        resisted=resisted_frame,
        hour_weekday=hours,
        triggers=_triggers(urges, rows, acted),
        coping=_coping(urges, rows, acted, int(min_n)),
        by=by,
        min_n=int(min_n),
        start=span[0],
        end=span[1],
        urges=n_urges,
        note="; ".join(notes),
    )
