"""Times parsed column-wise, the same on every supported pandas.

Explicit wall-clock formats are tried in order on whatever is still unparsed
(the documented ``YYYY-MM-DD HH:MM`` straight from the bytes), then ISO 8601
with an offset (an absolute instant), then dates alone (placed at noon).
Values dated in any of the years 1-9999 parse alike on pandas 2 (nanoseconds)
and pandas 3 (microseconds).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from . import _memory
from ._text_columns import TEXT, per_unique, string_buffers, stripped

__all__ = ["Times", "as_datetime_us", "parse_times", "to_datetime_us", "utc_instants"]


_OFFSET = r"(?:[Zz]|[+-]\d\d:?\d\d)$"


#: Wall-clock formats tried in order (the first is the documented one).
_CLOCK_FORMATS = (
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y-%m-%d %I:%M %p",
    "%Y-%m-%d %I:%M:%S %p",
    "%Y-%m-%d %I:%M%p",
)


_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d")


@dataclass
class Times:
    """Column-wise parsed times.

    ``local`` is the wall clock as written (naive ``datetime64[us]``; date-only
    values at noon), ``instant`` the absolute time for values with an offset
    (NaT elsewhere), ``ok`` which values parsed and ``time_known`` which carried
    a clock time.
    """

    local: np.ndarray
    instant: np.ndarray
    ok: np.ndarray
    time_known: np.ndarray
    empty: np.ndarray

    @property
    def any_instant(self) -> bool:
        """True when at least one value carried an offset."""
        return bool((~np.isnat(self.instant)).any())


#: Years whose times nanoseconds cannot hold (pandas 2 parses text into nanoseconds, which
#: end in 1677 and 2262; pandas 3 into microseconds, which reach far beyond years 1-9999).
_NS_YEARS = (1678, 2261)


def _python_time(value: str, fmt: str, utc: bool) -> np.datetime64:
    """One time parsed by Python (years 1-9999), as naive microseconds (UTC when ``utc``)."""
    try:
        if fmt == "ISO8601":
            got = dt.datetime.fromisoformat(value.strip())
        else:
            got = dt.datetime.strptime(value, fmt)
    except (ValueError, TypeError, OverflowError):
        return np.datetime64("NaT", "us")
    wall = np.datetime64(got.replace(tzinfo=None), "us")
    offset = got.utcoffset()
    if offset is None or not utc:
        return wall
    # numpy's arithmetic: an offset may move the instant into year 0 or 10000, as pandas 3 does
    return wall - np.timedelta64(offset // dt.timedelta(microseconds=1), "us")


def to_datetime_us(values: pd.Series, *, format: str, utc: bool = False) -> pd.Series:
    """``pandas.to_datetime(values, format=format, utc=utc, errors="coerce")`` in microseconds.

    Text dated in any of the years 1-9999 parses the same on every supported pandas:
    pandas 2 parses into nanoseconds (years 1678-2261 only), so the few values outside
    those years that it could not place are read again by Python's own parser
    (``datetime.strptime``, or ``datetime.fromisoformat`` for ``format="ISO8601"``).

    Examples
    --------
    >>> to_datetime_us(pd.Series(["9999-12-31 23:30", "x"]), format="%Y-%m-%d %H:%M").tolist()
    [Timestamp('9999-12-31 23:30:00'), NaT]
    """
    values = pd.Series(values).reset_index(drop=True)
    got = pd.to_datetime(values, format=format, utc=utc, errors="coerce")
    got = got.astype("datetime64[us, UTC]" if utc else "datetime64[us]")
    missing = got.isna().to_numpy() & values.notna().to_numpy()
    if missing.any():
        text = values[missing].astype(TEXT).str.strip()
        year = pd.to_numeric(text.str.slice(0, 4), errors="coerce")
        far = ((year < _NS_YEARS[0]) | (year > _NS_YEARS[1])).to_numpy(dtype=bool)
        if far.any():
            idx = np.flatnonzero(missing)[far]
            redo = per_unique(
                text[far], lambda v: _python_time(v, format, utc), dtype="datetime64[us]"
            )
            if utc:
                got = got.dt.tz_localize(None)
            local = got.to_numpy(dtype="datetime64[us]").copy()
            local[idx] = redo
            got = pd.Series(local)
            if utc:
                got = got.dt.tz_localize("UTC")
    return got


#: The instants read from the bytes by :func:`utc_instants` (the others are left to pandas).
_FAST_YEARS = (np.datetime64("1678-01-01", "us"), np.datetime64("2262-01-01", "us"))


def utc_instants(values: list[Any]) -> pd.Series:
    """``to_datetime_us(values, format="ISO8601", utc=True)`` for a list (None where absent).

    The usual spelling of an instant, ``YYYY-MM-DDTHH:MM:SSZ`` (Day One's), is read
    straight from the bytes, as :func:`parse_times` reads wall clocks; every other
    value (other spellings, offsets, impossible dates) is left to pandas.

    Examples
    --------
    >>> t = utc_instants(["2025-03-04T20:15:00Z", "2025-03-04T21:15:00+01:00", None])
    >>> t.dt.strftime("%H:%M").tolist(), str(t.dtype)
    (['20:15', '20:15', nan], 'datetime64[us, UTC]')
    """
    n = len(values)
    local = np.full(n, np.datetime64("NaT"), dtype="datetime64[us]")
    hit = np.zeros(n, dtype=bool)
    # (a "T" between date and time: the space a wall clock may have is not ISO 8601's)
    usual = [
        i
        for i, v in enumerate(values)
        if type(v) is str and len(v) == 20 and v[19] == "Z" and v[10] == "T"
    ]
    if usual:
        try:
            arr = pa.array([values[i][:19] for i in usual], pa.large_string())
        except (pa.ArrowException, UnicodeEncodeError):  # pragma: no cover - lone surrogates
            arr = None
        if arr is not None:
            got = np.full(len(usual), np.datetime64("NaT"), dtype="datetime64[us]")
            ok = np.zeros(len(usual), dtype=bool)
            _clock_slice(arr, got, ok)
            ok &= (got >= _FAST_YEARS[0]) & (got < _FAST_YEARS[1])  # others: pandas
            rows = np.asarray(usual)[ok]
            local[rows], hit[rows] = got[ok], True
    rest = np.flatnonzero(~hit)
    if len(rest):
        others = [values[i] if type(values[i]) is str else None for i in rest]
        parsed = to_datetime_us(pd.Series(others, dtype=object), format="ISO8601", utc=True)
        local[rest] = parsed.dt.tz_localize(None).to_numpy(dtype="datetime64[us]")
    return pd.Series(local).dt.tz_localize("UTC")


def as_datetime_us(values: pd.Series, *, utc: bool = False) -> pd.Series:
    """Times (datetimes, Timestamps, datetime64 of any unit) as naive ``datetime64[us]``.

    Aware values keep their wall clock, or with ``utc`` become UTC. Years 1-9999 are
    kept on every supported pandas (pandas 2's ``to_datetime`` turns a Python
    ``datetime`` of year 9999 into NaT: its nanoseconds end in 2262); what is not a
    time becomes NaT.

    Examples
    --------
    >>> import datetime as dt
    >>> as_datetime_us(pd.Series([dt.datetime(9999, 12, 31, 23, 30), None])).tolist()
    [Timestamp('9999-12-31 23:30:00'), NaT]
    """
    values = pd.Series(values)
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        if utc:
            values = values.dt.tz_convert("UTC")
        return values.dt.tz_localize(None).astype("datetime64[us]")
    if pd.api.types.is_datetime64_dtype(values.dtype):
        return values.astype("datetime64[us]")

    def one(v: Any) -> np.datetime64:
        if v is None or v is pd.NaT:
            return np.datetime64("NaT", "us")
        if isinstance(v, dt.datetime):
            wall = np.datetime64(v.replace(tzinfo=None), "us")
            offset = v.utcoffset() if utc else None
            return wall if offset is None else wall - offset // dt.timedelta(microseconds=1)
        if isinstance(v, np.datetime64):
            return v.astype("datetime64[us]")
        if isinstance(v, str):
            return _python_time(v, "ISO8601", utc=utc)
        return np.datetime64("NaT", "us")

    out = np.array([one(v) for v in values], dtype="datetime64[us]")
    return pd.Series(out, index=values.index)


def _try(values: pd.Series, fmt: str) -> np.ndarray:
    return to_datetime_us(values, format=fmt).to_numpy()


#: Days from 1970-01-01 to the first of January of each year 0-9999 (numpy's calendar).
_YEAR_DAYS = (np.arange(10000) - 1970).astype("datetime64[Y]").astype("datetime64[D]")
_YEAR_DAYS = _YEAR_DAYS.astype(np.int64)
#: Whether each year 0-9999 is a leap year.
_YEARS = np.arange(10000)
_LEAP = (_YEARS % 4 == 0) & ((_YEARS % 100 != 0) | (_YEARS % 400 == 0))
#: Days in each month (index ``month + 13 * leap``; months 1-12) and days before it.
_MONTH_LENGTHS = np.array(
    [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] * 2, dtype=np.int64
) + np.isin(np.arange(26), [15])
_MONTH_STARTS = np.concatenate(
    [np.concatenate([[0], np.cumsum(_MONTH_LENGTHS[k : k + 13])[:-1]]) for k in (0, 13)]
)
#: The byte positions of the digits of ``YYYY-MM-DD HH:MM[:SS]``, by width.
_CLOCK_DIGITS = {
    16: [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15],
    19: [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18],
}
#: Values parsed at once by :func:`_fast_clock`.
_CLOCK_SLICE = 1 << 20


def _fast_clock(s: pd.Series) -> tuple[np.ndarray, np.ndarray] | None:
    """``YYYY-MM-DD HH:MM[:SS]`` (space or ``T``) parsed straight from the bytes.

    The same strict reading as ``pandas.to_datetime(format=...)``, without its
    per-value overhead. Returns ``(local, hit)``, or None when the values cannot be
    read as one pyarrow string array.
    """
    try:
        arr = pa.array(s.array)  # the column's own chunks (no copy)
        if isinstance(arr, pa.Array):
            arr = pa.chunked_array([arr])
        if arr.type != pa.large_string():
            arr = arr.cast(pa.large_string())
    except (pa.ArrowException, TypeError, ValueError):  # pragma: no cover
        return None
    n = len(arr)
    local = np.full(n, np.datetime64("NaT"), dtype="datetime64[us]")
    hit = np.zeros(n, dtype=bool)
    if n == 0 or arr.null_count:
        return local, hit
    # chunk by chunk, in slices of at most a million values: a combined copy of a 200 MB
    # log's column (80 MB) or the digit arrays of all of it (hundreds of MB) are never held
    lo = 0
    for chunk in arr.chunks:
        for start in range(0, len(chunk), _CLOCK_SLICE):
            part = chunk.slice(start, _CLOCK_SLICE)
            _clock_slice(part, local[lo : lo + len(part)], hit[lo : lo + len(part)])
            lo += len(part)
    return local, hit


def _number(d: np.ndarray, first: int, last: int) -> np.ndarray:
    """The number written by the digit columns ``first`` to ``last`` of ``d`` (int16)."""
    value = d[:, first].astype(np.int16)
    for k in range(first + 1, last + 1):
        value *= 10
        value += d[:, k]
    return value


def _clock_slice(arr: Any, local: np.ndarray, hit: np.ndarray) -> None:
    """Parse one slice of a large_string array into the views ``local`` and ``hit``.

    Integer arithmetic on the bytes: the digits' values, then the calendar from
    tables (days to each year, leap years, days of each month: numpy's proleptic
    Gregorian calendar for the years 1-9999).
    """
    n = len(arr)
    offsets, data = string_buffers(arr)
    lengths = np.diff(offsets)
    for width in (16, 19):
        rows = np.flatnonzero(lengths == width)
        if not len(rows):
            continue
        if len(rows) == n:  # every value has this width: a zero-copy view
            b = data[offsets[0] : offsets[0] + n * width].reshape(n, width)
        else:
            b = data[offsets[rows][:, None] + np.arange(width)]
        ok = (b[:, 4] == 45) & (b[:, 7] == 45) & ((b[:, 10] == 32) | (b[:, 10] == 84))
        ok &= b[:, 13] == 58
        if width == 19:
            ok &= b[:, 16] == 58
        # a digit is 0-9; any other byte wraps to 10 or more. Column by column in small
        # integers: a gather of the digit columns or an int64 copy cost several times more
        d = b - np.uint8(48)
        del b
        for k in _CLOCK_DIGITS[width]:
            ok &= d[:, k] <= 9
        year, month, day = _number(d, 0, 3), _number(d, 5, 6), _number(d, 8, 9)
        hour, minute = _number(d, 11, 12), _number(d, 14, 15)
        second = _number(d, 17, 18) if width == 19 else 0
        del d
        ok &= (year >= 1) & (month >= 1) & (month <= 12) & (day >= 1) & (hour <= 23)
        ok &= (minute <= 59) & (second <= 59)
        # rows that are not a valid clock are looked up as 1970-01 (they are not kept)
        year = np.where(ok, year, 1970)
        month = np.where(ok, month, 1) + 13 * _LEAP[year]
        ok &= day <= _MONTH_LENGTHS[month]
        days = _YEAR_DAYS[year] + _MONTH_STARTS[month] + (day - 1)
        days *= 86400
        days += hour.astype(np.int32) * 3600 + minute.astype(np.int32) * 60 + second
        us = (days * 1_000_000).view("datetime64[us]")
        local[rows[ok]] = us[ok]
        hit[rows[ok]] = True


def parse_times(values: pd.Series) -> Times:
    """Parse a column of time strings: explicit formats in order, then offsets.

    Examples
    --------
    >>> import pandas as pd
    >>> t = parse_times(pd.Series(["2025-03-04 20:15", "2025-03-04", "soon", ""]))
    >>> t.ok.tolist(), t.time_known.tolist()
    ([True, True, False, False], [True, False, False, False])
    """
    s = stripped(values.astype(TEXT)).reset_index(drop=True)
    n = len(s)
    local = np.full(n, np.datetime64("NaT"), dtype="datetime64[us]")
    instant = local.copy()
    known = np.zeros(n, dtype=bool)
    empty = (s == "").to_numpy()
    todo = ~empty
    fast = _fast_clock(s)
    if fast is not None:
        local, known = fast
        todo &= ~known
    for fmt in _CLOCK_FORMATS:
        if not todo.any():
            break
        idx = np.flatnonzero(todo)
        sub = s if len(idx) == n else s.iloc[idx]
        got = _try(sub, fmt)
        hit = ~np.isnat(got)
        local[idx[hit]] = got[hit]
        known[idx[hit]] = True
        todo[idx[hit]] = False
    if todo.any():
        idx = np.flatnonzero(todo)
        sub = s.iloc[idx]
        has_off = sub.str.contains(_OFFSET, regex=True).to_numpy()
        if has_off.any():
            osub = sub[has_off]
            inst = to_datetime_us(osub, format="ISO8601", utc=True)
            wall = to_datetime_us(osub.str.replace(_OFFSET, "", regex=True), format="ISO8601")
            hit = (inst.notna() & wall.notna()).to_numpy()
            j = idx[has_off][hit]
            instant[j] = inst[hit].dt.tz_localize(None).to_numpy(dtype="datetime64[us]")
            local[j] = wall[hit].to_numpy(dtype="datetime64[us]")
            known[j] = True
            todo[idx[has_off]] = False  # an offset that did not parse stays a problem
        for fmt in _DATE_FORMATS:
            if not todo.any():
                break
            idx = np.flatnonzero(todo)
            got = _try(s.iloc[idx], fmt)
            hit = ~np.isnat(got)
            local[idx[hit]] = got[hit] + np.timedelta64(12, "h")
            todo[idx[hit]] = False
        clock = todo.copy()
        if clock.any():
            clock[clock] = s[clock].str.contains(r"\d[T ]\d{1,2}:\d\d", regex=True).to_numpy()
        if clock.any():  # other ISO 8601 spellings (fractions of a second, say)
            idx = np.flatnonzero(clock)
            got = to_datetime_us(s.iloc[idx], format="ISO8601").to_numpy()
            hit = ~np.isnat(got)
            local[idx[hit]] = got[hit]
            known[idx[hit]] = True
            todo[idx[hit]] = False
    ok = ~np.isnat(local)
    del s
    _memory.checkpoint("times", n)  # what parsing freed (a 200 MB log: hundreds of MB)
    return Times(local, instant, ok, known, empty)
