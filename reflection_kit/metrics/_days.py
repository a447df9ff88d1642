"""Shared day bucketing and argument checks for the metrics.

Which day does an urge belong to?
---------------------------------
* An urge belongs to the person's **local** day: its ``local_time`` (the naive
  wall clock every urge frame carries) minus ``day_starts`` hours, cut at
  midnight. With ``day_starts=4`` an urge at 01:00 on Tuesday counts for
  Monday. Wall clocks never move, so daylight-saving changes and travel across
  time zones neither add nor remove days.
* A frame without ``local_time`` but with a time-zone-aware ``timestamp`` gets
  its wall clock from the timestamp: per row in the zone named by a ``tz``
  column when there is one, else in the timestamp's own zone. A naive
  ``timestamp`` is read as the wall clock. Nothing is ever converted to the
  machine's zone, and a ``timestamp`` column holding several UTC offsets
  without ``local_time`` or ``tz`` is refused rather than guessed.
* A daily check-in row (a non-empty ``checkin`` column, as Loop gives) already
  names its day: it uses ``date`` and is never moved by ``day_starts``.

Days are handled internally as integers (days since 1970-01-01).
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..errors import DataQualityWarning, SchemaError
from ..frames import URGE_KIND_DTYPE, URGE_KINDS

try:  # pandas' own hash tables, called as pandas.factorize calls them
    from pandas._libs.hashtable import PyObjectHashTable as _PyObjectHashTable
    from pandas._libs.hashtable import StringHashTable as _StringHashTable
except ImportError:  # pragma: no cover - a pandas without them: pandas.factorize
    _PyObjectHashTable = _StringHashTable = None

__all__ = [
    "CHECKIN_VALUES",
    "Prepared",
    "check_day_starts",
    "day_range",
    "factorize_text",
    "iso_week_labels",
    "local_days",
    "prepare",
    "select_kinds",
    "text_codes",
    "to_timestamps",
    "warn_note",
]

_US_PER_DAY = 86_400_000_000
_US_PER_HOUR = 3_600_000_000
_NAT = np.iinfo(np.int64).min
_US_DTYPE = np.dtype("datetime64[us]")
_HEAD, _FEW = 2048, 64  # text columns: rows sampled first, most values for the lookup way
_WEEK_SUFFIX = tuple(f"-W{w:02d}" for w in range(54))  # ISO weeks run from 1 to 53

#: Check-in values understood in a ``checkin`` column (Loop Habit Tracker codes).
CHECKIN_VALUES: tuple[str, ...] = ("YES", "YES_MANUAL", "YES_AUTO", "NO", "SKIP", "UNKNOWN")
# internal codes: -1 = not a check-in (an urge event)
CI_NONE, CI_YES, CI_NO, CI_SKIP, CI_UNKNOWN = -1, 0, 1, 2, 3
_CHECKIN_CODE = {
    "YES": CI_YES,
    "YES_MANUAL": CI_YES,
    "YES_AUTO": CI_YES,
    "NO": CI_NO,
    "SKIP": CI_SKIP,
    "UNKNOWN": CI_UNKNOWN,
}


@dataclass(frozen=True)
class Prepared:
    """Plain NumPy views of an urge frame, one element per usable row."""

    n: int
    day: np.ndarray  # int64 day number (days since 1970-01-01) of the person's day
    local_us: np.ndarray  # int64 wall clock in microseconds; NaT rows removed
    kind: np.ndarray  # int8 code into URGE_KINDS, -1 when missing
    acted: np.ndarray  # int8: 1 acted, 0 resisted, -1 unknown
    checkin: np.ndarray  # int8 check-in code, -1 for urge events
    checkins: int  # how many of the kept rows are check-ins (0: ``checkin`` is all -1)
    kept: np.ndarray | None  # positions of the kept rows in the input; None: all, in order
    clock: np.ndarray  # bool: the time of day is known (not a date-only or check-in row)
    frame: pd.DataFrame  # the input, only read (for the zone behind "today")
    notes: tuple[str, ...]

    @property
    def rows(self) -> np.ndarray:
        """Positions of the kept rows in the input frame."""
        return np.arange(self.n) if self.kept is None else self.kept


def warn_note(note: str) -> None:
    """Emit one :class:`DataQualityWarning` carrying ``note``."""
    warnings.warn(note, DataQualityWarning, stacklevel=3)


def check_day_starts(day_starts: object) -> int:
    """Return ``day_starts`` as an int hour, or raise a ValueError that says why."""
    if isinstance(day_starts, bool) or not isinstance(day_starts, int | np.integer):
        raise ValueError(
            f"`day_starts` must be a whole hour from 0 to 23, got {day_starts!r}. "
            "Example: day_starts=4 makes 1 a.m. count for the day before."
        )
    if not 0 <= int(day_starts) <= 23:
        raise ValueError(
            f"`day_starts` must be an hour from 0 to 23, got {day_starts}. "
            "Example: day_starts=4 makes 1 a.m. count for the day before."
        )
    return int(day_starts)


def select_kinds(kind: str | Iterable[str]) -> tuple[np.ndarray, tuple[str, ...]]:
    """Turn the ``kind`` argument into a mask over the kind codes.

    Returns a boolean array of length ``len(URGE_KINDS) + 1``; the last slot is
    for rows without a kind (code -1) and is always False.
    """
    allowed = ", ".join(URGE_KINDS)
    if isinstance(kind, str):
        names = [kind]
    elif isinstance(kind, Iterable):
        names = list(kind)
    else:
        names = [kind] if kind is not None else []
    if not names:
        raise ValueError(
            f"`kind` must name at least one urge kind ({allowed}) or be 'any', got {kind!r}."
        )
    mask = np.zeros(len(URGE_KINDS) + 1, dtype=bool)
    if names == ["any"]:
        mask[:-1] = True
        return mask, ("any",)
    bad = [k for k in names if not isinstance(k, str) or k not in URGE_KINDS]
    if bad:
        raise ValueError(
            f"`kind` must be one of {allowed}, 'any', or a list of kinds; got "
            f"{bad[0]!r}. Suggestion: kind='check_social' for days without checking "
            "their profile, kind='reach_out' for no-contact days."
        )
    for k in names:
        mask[URGE_KINDS.index(k)] = True
    return mask, tuple(dict.fromkeys(names))


def _kind_codes(s: pd.Series) -> np.ndarray:
    dtype = s.dtype
    if isinstance(dtype, pd.CategoricalDtype) and (
        dtype is URGE_KIND_DTYPE or list(dtype.categories) == list(URGE_KINDS)
    ):
        return np.asarray(s.array.codes, dtype=np.int8)  # read-only, never written to
    values = s.astype(object)
    valid = values.isin(URGE_KINDS).to_numpy()
    outside = ~valid & s.notna().to_numpy()
    if outside.any():
        values = sorted({str(v) for v in s[outside].unique()})
        raise SchemaError(
            f"the urge frame's `kind` column holds {values[:5]}, which are not urge kinds. "
            f"Allowed kinds: {', '.join(URGE_KINDS)}. Suggestion: map your labels with "
            "rk.read_urges(..., kinds={'your label': 'check_social'}).",
            columns=["kind"],
        )
    cat = pd.Categorical(values.where(valid, None), categories=list(URGE_KINDS))
    return np.asarray(cat.codes, dtype=np.int8)


def _acted_codes(s: pd.Series) -> np.ndarray:
    if str(s.dtype) != "boolean":
        try:
            s = s.astype("boolean")
        except (TypeError, ValueError) as exc:
            raise SchemaError(
                f"the urge frame's `acted` column must hold True/False (nullable boolean), "
                f"got dtype {s.dtype}. Suggestion: urges['acted'] = "
                "urges['acted'].astype('boolean').",
                columns=["acted"],
            ) from exc
    arr = s.array  # a BooleanArray: its (private) value and mask buffers, when it has them
    data, mask = getattr(arr, "_data", None), getattr(arr, "_mask", None)
    if isinstance(data, np.ndarray) and isinstance(mask, np.ndarray) and data.dtype == bool:
        # the masked array's own buffers: the value (0/1) OR-ed with -1 where missing
        codes = np.negative(mask.view(np.int8))
        return np.bitwise_or(data.view(np.int8), codes, out=codes)
    return s.to_numpy(dtype=np.int8, na_value=-1)


def _checkin_codes(s: pd.Series) -> np.ndarray:
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    table = np.full(len(uniques) + 1, CI_NONE, dtype=np.int8)
    bad = []
    for i, value in enumerate(uniques):
        key = str(value).strip().upper()
        if key == "":
            continue
        if key not in _CHECKIN_CODE:
            bad.append(str(value))
            continue
        table[i] = _CHECKIN_CODE[key]
    if bad:
        raise SchemaError(
            f"the urge frame's `checkin` column holds {sorted(bad)[:5]}; allowed values are "
            f"{', '.join(CHECKIN_VALUES)} (or empty for urge events).",
            columns=["checkin"],
        )
    return table[codes]  # code -1 (missing) picks the last slot: CI_NONE


def _as_us(s: pd.Series) -> np.ndarray:
    if s.dtype == _US_DTYPE:
        return s.values.view(np.int64)  # no copy; only read
    return s.to_numpy(dtype="datetime64[us]").view(np.int64)


def _date_us(frame: pd.DataFrame) -> np.ndarray | None:
    if "date" not in frame.columns:
        return None
    d = frame["date"]
    if not pd.api.types.is_datetime64_dtype(d.dtype) or isinstance(d.dtype, pd.DatetimeTZDtype):
        raise SchemaError(
            f"the urge frame's `date` must be naive midnights (datetime64), got {d.dtype}.",
            columns=["date"],
        )
    return _as_us(d)


def _local_from_timestamp(frame: pd.DataFrame) -> np.ndarray:
    ts = frame["timestamp"]
    if isinstance(ts.dtype, pd.DatetimeTZDtype):
        out = _as_us(ts.dt.tz_localize(None)).copy()
        if "tz" in frame.columns:
            codes, zones = pd.factorize(frame["tz"])
            for i, zone in enumerate(zones):
                if not isinstance(zone, str) or not zone:
                    continue
                pos = np.flatnonzero(codes == i)
                try:
                    wall = ts.iloc[pos].dt.tz_convert(str(zone)).dt.tz_localize(None)
                except Exception as exc:  # zoneinfo raises several types for bad names
                    raise SchemaError(
                        f"the urge frame's `tz` column names an unknown time zone {zone!r}. "
                        "Suggestion: use IANA names such as 'Europe/Berlin'.",
                        columns=["tz"],
                    ) from exc
                out[pos] = _as_us(wall)
        return out
    if pd.api.types.is_datetime64_dtype(ts.dtype):
        return _as_us(ts)
    raise SchemaError(
        "the urge frame has no `local_time`, and its `timestamp` is not one datetime type "
        f"(dtype {ts.dtype}; several UTC offsets?). Times in several zones cannot be placed "
        "on days without knowing each row's wall clock. Suggestion: add a naive `local_time` "
        "column, or a tz-aware `timestamp` plus a `tz` column naming each row's zone.",
        columns=["local_time"],
    )


@dataclass(frozen=True)
class _Located:
    """Where every row of a frame falls: the one place a row's day is decided."""

    day: np.ndarray  # int64 day number of the person's day; _NAT for rows without a time
    local_us: np.ndarray  # int64 wall clock in microseconds (a date-only row: its midnight)
    clock: np.ndarray  # bool: the time of day is known
    date_only: bool  # the frame has neither `local_time` nor `timestamp`
    missing: np.ndarray | None  # bool: the row has no usable time (None: every row has one)


def _locate(frame: pd.DataFrame, day_starts: int, checkin: np.ndarray | None) -> _Located:
    """Decide each row's day (the rule in the module docs), over all rows of ``frame``.

    ``checkin`` holds the check-in code of each row (:data:`CI_NONE` for an urge event),
    or is None when no row is a check-in.
    """
    n = len(frame)
    has_clock = True
    from_date = None
    if "local_time" in frame.columns:
        lt = frame["local_time"]
        if isinstance(lt.dtype, pd.DatetimeTZDtype):
            raise SchemaError(
                "the frame's `local_time` must be the naive wall clock, got a zone-aware "
                f"column ({lt.dtype}). Suggestion: use local_time = "
                "timestamp.dt.tz_localize(None) in each row's own zone.",
                columns=["local_time"],
            )
        if not pd.api.types.is_datetime64_dtype(lt.dtype):
            raise SchemaError(
                f"the frame's `local_time` must be a naive datetime64, got {lt.dtype}.",
                columns=["local_time"],
            )
        local = _as_us(lt)
        # NaT is the smallest int64: one reduction says whether any row lacks a time
        missing = local == _NAT if n and local.min() == _NAT else np.zeros(n, dtype=bool)
        if missing.any() and "timestamp" in frame.columns:
            local = np.where(missing, _local_from_timestamp(frame), local)
            missing = local == _NAT
    elif "timestamp" in frame.columns:
        local = _local_from_timestamp(frame)
        missing = local == _NAT
    else:
        has_clock = False
        local = np.full(n, _NAT, dtype=np.int64)
        missing = np.ones(n, dtype=bool)
    date_us = None
    if missing.any():  # a row known only by its date keeps that day
        date_us = _date_us(frame)
        if date_us is not None:
            from_date = missing & (date_us != _NAT)
            local = np.where(from_date, date_us, local)
            missing &= ~from_date
    if not has_clock and day_starts and (n if checkin is None else (checkin == CI_NONE).any()):
        raise ValueError(
            f"`day_starts={day_starts}` needs clock times, but the frame only has "
            "`date`. Suggestion: add `local_time`, or use day_starts=0."
        )
    clock = np.ones(n, dtype=bool) if from_date is None else ~from_date
    if "time_known" in frame.columns and not frame["time_known"].all():
        clock &= frame["time_known"].astype("boolean").fillna(True).to_numpy(dtype=bool)
    day = (
        (local - day_starts * _US_PER_HOUR) // _US_PER_DAY if day_starts else local // _US_PER_DAY
    )
    # a check-in or a row without a time of day names its calendar day: never moved
    untimed = None if clock.all() else ~clock
    if checkin is not None:
        untimed = checkin != CI_NONE if untimed is None else untimed | (checkin != CI_NONE)
    any_missing = bool(missing.any())
    if untimed is not None:
        fixed = untimed & ~missing if any_missing else untimed
        if fixed.any():
            date_us = _date_us(frame) if date_us is None else date_us
            cal = local if date_us is None else np.where(date_us != _NAT, date_us, local)
            day = np.where(fixed, cal // _US_PER_DAY, day)
    if any_missing:
        day = np.where(missing, _NAT, day)
    return _Located(
        day=day,
        local_us=local,
        clock=clock,
        date_only=not has_clock,
        missing=missing if any_missing else None,
    )


def _checkins(frame: pd.DataFrame) -> np.ndarray | None:
    """Check-in code of each row, or None when the frame holds no check-in row."""
    if "checkin" not in frame.columns:
        return None
    codes = _checkin_codes(frame["checkin"])
    return codes if (codes != CI_NONE).any() else None


def local_days(frame: pd.DataFrame, day_starts: int = 0) -> pd.Series:
    """Each row's local day as a naive midnight: the day every metric and panel uses.

    The rule is in the module docs (``local_time`` minus ``day_starts`` hours; else the
    wall clock of a time-zone-aware ``timestamp``, in the row's ``tz`` when given; else
    ``date``; check-ins and rows without a time of day keep their ``date``).

    Parameters
    ----------
    frame : pandas.DataFrame
        A journal or urge frame with ``local_time``, ``timestamp`` or ``date``.
    day_starts : int
        The local hour at which a day begins (0–23).

    Returns
    -------
    pandas.Series
        ``datetime64[us]`` midnights named ``day``, on ``frame``'s index; NaT for rows
        without any usable time.

    Raises
    ------
    SchemaError
        When ``frame`` has no time column, or one of the wrong type.
    ValueError
        A bad ``day_starts``, or ``day_starts`` other than 0 for a frame with only ``date``.

    Examples
    --------
    >>> import pandas as pd
    >>> from reflection_kit.metrics._days import local_days
    >>> f = pd.DataFrame({"local_time": pd.to_datetime(["2025-03-04 01:30", "2025-03-04 09:00"])})
    >>> local_days(f, day_starts=4).dt.strftime("%Y-%m-%d").tolist()
    ['2025-03-03', '2025-03-04']
    """
    day_starts = check_day_starts(day_starts)
    if not any(c in frame.columns for c in ("local_time", "timestamp", "date")):
        raise SchemaError(
            "the frame needs a `local_time`, `timestamp` or `date` column to place rows on "
            f"days; it has {list(frame.columns)}.",
            columns=["local_time"],
        )
    day = _locate(frame, day_starts, _checkins(frame)).day
    values = np.where(day == _NAT, _NAT, day * _US_PER_DAY).view("datetime64[us]")
    return pd.Series(values, index=frame.index, name="day")


def prepare(
    urges: pd.DataFrame,
    *,
    day_starts: int,
    need: tuple[str, ...] = ("kind", "acted"),
) -> Prepared:
    """Check ``urges`` and return the per-row arrays the metrics work on.

    Raises
    ------
    SchemaError
        When ``urges`` is not a DataFrame, misses a needed column, or holds a
        kind outside the urge kinds.
    """
    if not isinstance(urges, pd.DataFrame):
        raise SchemaError(
            f"expected an urge frame (a pandas DataFrame), got {type(urges).__name__}. "
            "Suggestion: load one with rk.read_urges(path)."
        )
    missing = [c for c in need if c not in urges.columns]
    has_time = any(c in urges.columns for c in ("local_time", "timestamp", "date"))
    if not has_time:
        missing.append("local_time")
    if missing:
        raise SchemaError(
            f"the urge frame is missing required column(s) {missing}; it has "
            f"{list(urges.columns)}. Suggestion: load it with rk.read_urges(path), or rename "
            "your columns (a time column may be `local_time`, a tz-aware `timestamp` or "
            "`date`).",
            columns=missing,
        )
    notes: list[str] = []
    checkin = _checkins(urges)
    located = _locate(urges, day_starts, checkin)
    everything = located.missing is None
    if not everything:
        dropped = int(located.missing.sum())
        notes.append(
            f"{dropped} urge row(s) have no usable time and were left out; give them a "
            "`local_time` to count them"
        )
    kept = None if everything else np.flatnonzero(~located.missing)

    def take(values: np.ndarray) -> np.ndarray:
        return values if kept is None else values[kept]

    kind = take(_kind_codes(urges["kind"])) if "kind" in urges.columns else np.full(0, -1, np.int8)
    acted = (
        take(_acted_codes(urges["acted"])) if "acted" in urges.columns else np.full(0, -1, np.int8)
    )
    day = take(located.day)
    if checkin is None:
        checkin, checkins = np.full(len(day), CI_NONE, dtype=np.int8), 0
    else:
        checkin = take(checkin)
        checkins = int((checkin != CI_NONE).sum())
    return Prepared(
        n=len(day),
        day=day,
        local_us=take(located.local_us),
        kind=kind,
        acted=acted,
        checkin=checkin,
        checkins=checkins,
        kept=kept,
        clock=take(located.clock),
        frame=urges,
        notes=tuple(notes),
    )


def _frame_zone(frame: pd.DataFrame) -> str | None:
    """The zone of the person's latest row, for 'today' (None: the machine's clock)."""
    if not len(frame):
        return None
    if "tz" in frame.columns:
        last = frame["tz"].iloc[-1]
        if isinstance(last, str) and last:
            return last
    if "timestamp" in frame.columns and isinstance(frame["timestamp"].dtype, pd.DatetimeTZDtype):
        zone = str(frame["timestamp"].dt.tz)
        return None if zone == "UTC" else zone
    return None


def _today(tz: str | None, day_starts: int) -> int:
    now = pd.Timestamp.now(tz=tz) if tz else pd.Timestamp(dt.datetime.now())
    now = now.tz_localize(None) if now.tzinfo is not None else now
    return int((now.value // 1000 - day_starts * _US_PER_HOUR) // _US_PER_DAY)


def day_bound(value: object, name: str, frame: pd.DataFrame, day_starts: int) -> int | None:
    """A ``start``/``end`` argument as a day number; "today" is the person's day."""
    if value is None:
        return None
    if isinstance(value, str) and value.strip().lower() == "today":
        try:
            return _today(_frame_zone(frame), day_starts)
        except Exception:  # an unknown zone name: fall back to the machine's clock
            return _today(None, day_starts)
    try:
        ts = pd.Timestamp(value)
    except (TypeError, ValueError) as exc:
        raise ValueError(
            f"`{name}` must be a date such as '2025-03-01', a Timestamp, or 'today'; "
            f"got {value!r}."
        ) from exc
    if ts is pd.NaT:
        raise ValueError(f"`{name}` must be a date such as '2025-03-01' or 'today', got NaT.")
    if ts.tzinfo is not None:
        ts = ts.tz_localize(None)  # its own wall clock, never the machine's zone
    return int(ts.to_datetime64().astype("datetime64[D]").astype(np.int64))


def day_range(
    prep: Prepared, start: object, end: object, *, day_starts: int
) -> tuple[int, int] | None:
    """Return ``(first, last)`` day numbers of the range, or None when there is no data.

    Defaults: the first and the last day of the data (any kind, urge or check-in).

    Raises
    ------
    ValueError
        When ``start`` is after ``end`` or either cannot be read as a date.
    """
    lo = day_bound(start, "start", prep.frame, day_starts)
    hi = day_bound(end, "end", prep.frame, day_starts)
    if lo is not None and hi is not None and lo > hi:
        raise ValueError(
            f"`start` ({to_timestamps(np.array([lo]))[0].date()}) is after `end` "
            f"({to_timestamps(np.array([hi]))[0].date()}). Suggestion: swap them."
        )
    if prep.n == 0:
        return None
    lo = int(prep.day.min()) if lo is None else lo
    hi = int(prep.day.max()) if hi is None else hi
    if lo > hi:
        which = "start" if start is not None else "end"
        raise ValueError(
            f"`{which}` leaves no days: the range would run from "
            f"{to_timestamps(np.array([lo]))[0].date()} to "
            f"{to_timestamps(np.array([hi]))[0].date()}. Suggestion: pass both start and end."
        )
    return lo, hi


def to_timestamps(days: np.ndarray) -> pd.DatetimeIndex:
    """Day numbers -> naive midnights (``datetime64[us]``)."""
    return pd.DatetimeIndex(
        (np.asarray(days, dtype=np.int64) * _US_PER_DAY).view("datetime64[us]")
    )


def week_start(days: np.ndarray | pd.DatetimeIndex) -> np.ndarray | pd.DatetimeIndex:
    """The Monday that starts the ISO week of each day: the week of every weekly table.

    ``days`` are day numbers (days since 1970-01-01, a Thursday) or a DatetimeIndex, which
    comes back as a DatetimeIndex named ``week`` in its own unit.
    """
    if isinstance(days, pd.DatetimeIndex):
        # the offsets in the days' own unit (pandas 2 makes them nanoseconds, and the
        # difference with them)
        back = pd.to_timedelta(days.day_of_week, unit="D").as_unit(days.unit)
        return (days - back).rename("week")
    d = np.asarray(days, dtype=np.int64)
    return d - (d + 3) % 7


def iso_week_labels(week_starts: np.ndarray) -> list[str]:
    """Monday day numbers -> ISO week labels such as ``'2025-W10'``."""
    monday = np.asarray(week_starts, dtype=np.int64)
    thursday = monday + 3  # an ISO week belongs to the year of its Thursday
    year = thursday.astype("datetime64[D]").astype("datetime64[Y]")
    jan1 = year.astype("datetime64[D]").astype(np.int64)
    week = ((thursday - jan1) // 7 + 1).tolist()
    years = (year.astype(np.int64) + 1970).tolist()
    names = {y: str(y) for y in set(years)}  # a handful of years for hundreds of weeks
    return [names[y] + _WEEK_SUFFIX[w] for y, w in zip(years, week, strict=True)]


def text_codes(series: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Integer codes (-1 for missing) and unique values of a text column.

    The codes may be a read-only view of int32 Arrow indices: cast before changing them.
    Uniques come in the order of first appearance, as :func:`pandas.factorize` gives them.
    Arrow strings are coded by Arrow, object columns with pandas' hash tables (a long
    column of a few values by a lookup, see :func:`_few_values_codes`); other columns go
    to :func:`pandas.factorize`.
    """
    arr = getattr(series.array, "_pa_array", None)
    if arr is not None:
        try:
            whole = arr.chunk(0) if arr.num_chunks == 1 else arr.combine_chunks()
            try:
                found = _few_values_codes(whole) if len(whole) > 4 * _HEAD else None
            except (TypeError, ValueError, NotImplementedError):  # an Arrow type without it
                found = None
            if found is not None:
                return found
            enc = whole.dictionary_encode()
            indices = enc.indices.fill_null(-1) if enc.null_count else enc.indices
            return indices.to_numpy(zero_copy_only=False), enc.dictionary.to_pylist()
        except (AttributeError, TypeError, ValueError):  # an unusual Arrow type
            pass
    found = _object_text_codes(series) if series.dtype == object else None
    codes, uniques = found if found is not None else pd.factorize(series, use_na_sentinel=True)
    return codes, [str(u) for u in uniques]


def _few_values_codes(whole: pa.Array) -> tuple[np.ndarray, list[str]] | None:
    """Codes and uniques of a long Arrow array holding a few distinct values, such as
    triggers; None for other columns. Equal to its ``dictionary_encode()``.

    Arrow's dictionary encoding adds every row to a hash table; looking rows up in a
    small table of the values seen in the first rows (``index_in``) is cheaper. Values
    first seen later (a new trigger in the second year) are encoded apart and
    appended, so the uniques keep the order of first appearance and the codes match.
    """
    known = pc.unique(whole.slice(0, _HEAD)).drop_null()  # in order of first appearance
    if len(known) > _FEW:
        return None  # free text: one dictionary encoding is the quicker way
    idx = pc.index_in(whole, value_set=known)  # null: a missing value or one not seen yet
    later = idx.null_count - whole.null_count
    if not later:
        codes = idx.fill_null(-1) if idx.null_count else idx
        return codes.to_numpy(zero_copy_only=False), known.to_pylist()
    unseen = pc.and_(pc.is_null(idx), pc.is_valid(whole))
    rest = whole.filter(unseen).dictionary_encode()
    codes = idx.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
    added = rest.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    added += len(known)
    codes[unseen.to_numpy(zero_copy_only=False)] = added
    return codes, known.to_pylist() + rest.dictionary.to_pylist()


def _object_text_codes(series: pd.Series) -> tuple[np.ndarray, np.ndarray] | None:
    """:func:`pandas.factorize` of an object column (strings, missing values), made cheaper.

    A long column of a few values is looked up in a small table of the values of its
    first rows (:func:`_few_objects_codes`); other columns go to pandas' string table
    directly (:func:`_string_table_codes`). Codes and uniques are the ones
    ``pandas.factorize`` gives; None (use ``pandas.factorize``) when neither applies.
    """
    if _StringHashTable is None or _PyObjectHashTable is None:
        return None
    values = series.to_numpy()
    try:
        found = _few_objects_codes(values) if len(values) > 4 * _HEAD else None
        return found if found is not None else _string_table_codes(values)
    except (TypeError, ValueError):  # unhashable values, or a changed signature
        return None


def _few_objects_codes(values: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """Codes of an object array with a few distinct values, by lookup; None otherwise.

    The distinct values of the first rows go into pandas' object hash table (the one
    ``pandas.factorize`` uses for mixed objects; for strings it agrees with the string
    table), and every row is looked up there: cheaper than adding every row to a growing
    table. Rows not found are missing values or values first seen later; the latter are
    factorized apart and appended, so uniques keep the order of first appearance.
    """
    _, known = pd.factorize(values[:_HEAD], use_na_sentinel=True)  # first appearance
    if len(known) > _FEW:
        return None
    table = _PyObjectHashTable(len(known))
    table.map_locations(known)
    codes = table.lookup(values)
    blank = np.flatnonzero(codes < 0)
    if not len(blank):
        return codes, known
    later = blank[~pd.isna(values[blank])]
    if not len(later):
        return codes, known
    more, extra = pd.factorize(values[later], use_na_sentinel=True)
    more += len(known)
    codes[later] = more
    return codes, np.concatenate((known, extra))


def _string_table_codes(values: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """Codes of an object array by pandas' string hash table, without pandas' first pass.

    For an object array pandas first checks that every value is a ``str`` (no missing
    value either), and if so hashes them with its string hash table: two passes over
    every Python object. Here the string table runs first: it gives every value that is
    not a ``str`` the code -1, and only those rows are then checked to be missing values;
    None when one is not (pandas then hashes the values as objects).
    """
    uniques, codes = _StringHashTable(len(values)).factorize(
        values, na_sentinel=-1, na_value=None, mask=None, ignore_na=True
    )
    blank = codes < 0
    if blank.any() and not pd.isna(values[blank]).all():
        return None  # numbers or other objects: pandas hashes them as objects
    return codes, uniques


def factorize_text(series: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Codes (-1 for missing) and unique values of a text column, fast for Arrow strings.

    The codes are a new int64 array: the caller may change it in place.
    """
    codes, uniques = text_codes(series)
    return np.array(codes, dtype=np.int64), uniques
