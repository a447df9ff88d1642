"""Turn a reader's rows into a validated journal or urge frame.

Time policy
-----------
* A row with an ``instant`` (an absolute time, as Day One gives) keeps it; its
  wall clock is the instant seen in the row's own ``tz``.
* A row with only a naive ``local_time`` is placed in the row's ``tz`` or, when
  absent, the read's ``tz`` (the ``tz=`` argument; default ``"UTC"``, meaning
  "kept as written": the wall clock and so the calendar day never move).
* A wall-clock time that does not exist (the spring-forward hour) is moved
  forward to the first valid instant; an ambiguous one (the fall-back hour) is
  read as the first of the two. Both keep the wall clock and the day.
* ``timestamp`` is in the zone of the rows when they share one, else in UTC;
  ``local_time`` and ``date`` always follow the person's own wall clock.
* Dates are taken as written, in every reader: a date in the future (more than
  a day ahead of now) is loaded and listed in the report's notes (a wrong
  device clock or date format is the usual cause; it is not a lost record); a
  date in 1900 or earlier is loaded like any other, with nothing special done.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..frames import (
    JOURNAL_COLUMNS,
    URGE_COLUMNS,
    URGE_KIND_DTYPE,
    empty_journal,
    empty_urges,
    validate_journal,
    validate_urges,
)
from . import _memory
from ._base import ReadContext
from ._input import printable_name
from ._text_columns import (
    TEXT,
    constant_text,
    factorized,
    forget,
    is_text,
    numbered,
    numbered_parts,
    text_array,
)
from ._times import as_datetime_us

__all__ = [
    "drop_duplicates",
    "finalize",
    "journal_name",
    "report_duplicates",
    "sort_frame",
    "valid_zone",
]

_ID_PARTS = {
    "journal": ("source", "journal", "local_time", "title", "text"),
    "urges": (
        "source",
        "local_time",
        "kind",
        "label",
        "intensity",
        "acted",
        "trigger",
        "coping",
        "note",
    ),
}


#: What a download or a copy adds to a file name: an export date ("diary 2025-03-07"), a copy
#: number ("diary (2)"), a file manager's copy mark ("diary copy", "diary copy 2",
#: "diary - Copy", "Copy of diary").
_EXPORT_SUFFIX = re.compile(
    r"(?:[\s_.-]*(?:\(\d+\)|\d{4}-?\d{2}-?\d{2}(?:[ T_-]?\d{2}[-.:]?\d{2}(?:[-.:]?\d{2})?)?)"
    r"|[\s_.-]+copy(?:[\s_-]*\d+)?)$",
    re.IGNORECASE,
)
_COPY_OF = re.compile(r"^copy of\s+", re.IGNORECASE)


def journal_name(stem: str) -> str:
    """The journal an export belongs to: its name without an export date or copy mark.

    Two copies of the same export then share a journal name, so an entry found
    in both is recognised as one (kept once and reported as a duplicate).

    Examples
    --------
    >>> journal_name("diary 2025-03-07"), journal_name("diary (2)"), journal_name("2025")
    ('diary', 'diary', '2025')
    >>> journal_name("journal copy 2"), journal_name("journal - Copy"), journal_name("Photocopy")
    ('journal', 'journal', 'Photocopy')
    """
    stem = printable_name(stem)  # a name that is not valid UTF-8 is shown as \xNN
    name = _COPY_OF.sub("", stem) or stem
    while True:
        shorter = _EXPORT_SUFFIX.sub("", name)
        if shorter == name or not shorter:
            return name
        name = shorter


def valid_zone(name: object) -> bool:
    """True when ``name`` is an IANA zone this machine knows."""
    if not isinstance(name, str) or not name:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def _naive(s: pd.Series) -> pd.Series:
    """Wall clocks as naive microseconds, years 1-9999 on every supported pandas."""
    return as_datetime_us(s)


def _utc(s: pd.Series) -> pd.Series:
    """Instants as ``datetime64[us, UTC]``; naive values are taken as UTC."""
    if isinstance(s.dtype, pd.DatetimeTZDtype):
        return s.dt.tz_convert("UTC").astype("datetime64[us, UTC]")
    if pd.api.types.is_datetime64_dtype(s.dtype) or s.dtype == object:
        return as_datetime_us(s, utc=True).dt.tz_localize("UTC")
    return pd.to_datetime(s, utc=True, errors="coerce").astype("datetime64[us, UTC]")


#: The calendar Python can show: times outside it cannot be placed.
_FIRST_MOMENT = np.datetime64("0001-01-01T00:00:00", "us")
_LAST_MOMENT = np.datetime64("9999-12-31T23:59:59.999999", "us")


def _to_local(values: np.ndarray, zone: str) -> np.ndarray:
    """UTC instants (naive) as wall clocks in ``zone``."""
    utc = pd.DatetimeIndex(values).tz_localize("UTC")
    return utc.tz_convert(zone).tz_localize(None).as_unit("us").to_numpy()


def _to_instant(values: np.ndarray, zone: str) -> np.ndarray:
    """Wall clocks in ``zone`` as UTC instants (naive); see the module's time policy."""
    placed = pd.DatetimeIndex(values).tz_localize(
        zone, nonexistent="shift_forward", ambiguous=np.ones(len(values), dtype=bool)
    )
    return placed.tz_convert("UTC").tz_localize(None).as_unit("us").to_numpy()


#: The times whose zone offsets pandas takes from its transition tables. Outside them
#: pandas 2 is wrong: it computes in nanoseconds (1677-2262) even for microsecond values,
#: and its tables cover only 1901-12-13 to 2038-01-19 (32-bit seconds), so it read
#: Berlin in 1900 as local mean time (+00:53, not +01:00) and 2099's summers without
#: daylight saving time. Times outside are converted by Python's zoneinfo (the zone's own
#: rules for any year), which is what pandas 3 gives: the same frames on every pandas.
_TABLE_YEARS = (np.datetime64("1901-12-15", "us"), np.datetime64("2038-01-18", "us"))


def _as_datetime(value: np.datetime64) -> dt.datetime:
    """``value`` as a Python datetime; OverflowError outside the years 1-9999."""
    got = value.astype(dt.datetime)
    if not isinstance(got, dt.datetime):  # numpy gives an int outside Python's calendar
        raise OverflowError(f"{value} is outside the years 1-9999")
    return got


def _python_local(value: np.datetime64, zone: str) -> np.datetime64:
    """One UTC instant (naive) as the wall clock in ``zone``, by Python's zoneinfo."""
    moment = _as_datetime(value).replace(tzinfo=dt.UTC)
    offset = moment.astimezone(ZoneInfo(zone)).utcoffset()
    return value + np.timedelta64(offset // dt.timedelta(microseconds=1), "us")


def _python_instant(value: np.datetime64, zone: str) -> np.datetime64:
    """One wall clock in ``zone`` as a UTC instant (naive), by Python's zoneinfo.

    The module's policy: an ambiguous time is the first of the two (fold 0); one that
    does not exist moves forward to the first valid instant (the end of the gap).
    """
    tz = ZoneInfo(zone)
    naive = _as_datetime(value)
    us = dt.timedelta(microseconds=1)
    first = value - np.timedelta64(tz.utcoffset(naive) // us, "us")
    if _python_local(first, zone) == value:
        return first
    # in a gap: the instant the clocks jumped lies between the two readings (the offset
    # after the jump, fold 1, gives the earlier one); find it to the microsecond
    lo = value - np.timedelta64(tz.utcoffset(naive.replace(fold=1)) // us, "us")
    hi = first
    after = tz.utcoffset(naive.replace(fold=1))
    while hi - lo > np.timedelta64(1, "us"):
        mid = lo + (hi - lo) // 2
        moment = _as_datetime(mid).replace(tzinfo=dt.UTC)
        if moment.astimezone(tz).utcoffset() == after:
            hi = mid
        else:
            lo = mid
    return hi


def _python_zone(fn: Callable[[np.ndarray, str], np.ndarray]) -> Callable:
    return _python_local if fn is _to_local else _python_instant


def _convert(
    fn: Callable[[np.ndarray, str], np.ndarray],
    source: np.ndarray,
    positions: np.ndarray,
    zone: str,
    unplaceable: list[int],
) -> np.ndarray:
    """``fn(source[positions], zone)``. When a value cannot be placed (a date near year 1 or
    9999 that the zone moves out of the calendar): value by value, NaT for those, and their
    positions added to ``unplaceable``. In UTC the wall clock is the instant, in every year."""
    values = source[positions]
    if zone == "UTC":
        return values
    far = (values < _TABLE_YEARS[0]) | (values > _TABLE_YEARS[1])
    if far.any():  # the same times on every supported pandas (see _TABLE_YEARS)
        out = np.full(len(values), np.datetime64("NaT"), dtype="datetime64[us]")
        near = np.flatnonzero(~far)
        if len(near):
            out[near] = _convert(fn, source, positions[near], zone, unplaceable)
        one = _python_zone(fn)
        for i in np.flatnonzero(far):
            try:
                out[i] = one(values[i], zone)
            except (OverflowError, ValueError):
                unplaceable.append(int(positions[i]))
        return out
    try:
        return fn(values, zone)
    except (OverflowError, ValueError, NotImplementedError):
        out = np.full(len(values), np.datetime64("NaT"), dtype="datetime64[us]")
        for i in range(len(values)):
            try:
                out[i] = fn(values[i : i + 1], zone)[0]
            except (OverflowError, ValueError, NotImplementedError):
                unplaceable.append(int(positions[i]))
        return out


def _place_times(df: pd.DataFrame, ctx: ReadContext) -> tuple[pd.DataFrame, list[int]]:
    """Fill ``local_time``, ``timestamp``, ``date`` and ``tz``; also return the positions
    of the rows whose time could not be placed in its zone."""
    n = len(df)
    if "tz" not in df.columns:  # one zone for every row (a 200 MB log: no object column)
        tz = constant_text(ctx.tz, n, df.index)
    else:
        tz = df["tz"].astype(object).where(df["tz"].notna(), None)
        bad = {z for z in pd.unique(tz[tz.notna()]) if not valid_zone(z)}
        if bad:
            ctx.note(
                f"unknown time zone(s) {sorted(map(str, bad))[:3]}: those times were read in "
                f"{ctx.tz} instead"
            )
            tz = tz.where(~tz.isin(bad), None)
        tz = tz.fillna(ctx.tz).astype(str).astype(TEXT)
    # plain numpy arrays (UTC instants and wall clocks, both naive), placed zone by zone by
    # position: index-aligned Series work cost more than the placing on small exports
    inst_v = np.full(n, np.datetime64("NaT"), dtype="datetime64[us]")
    local_v = np.full(n, np.datetime64("NaT"), dtype="datetime64[us]")
    if "instant" in df.columns:
        inst = _utc(df["instant"])
        inst_v = inst.dt.tz_localize(None).to_numpy(dtype="datetime64[us]").copy()
    if "local_time" in df.columns:
        local_v = _naive(df["local_time"]).to_numpy(dtype="datetime64[us]").copy()
    codes, zone_names = factorized(tz)  # (a constant_text zone column is not hashed)
    unplaceable: list[int] = []
    for k, zone in enumerate(zone_names):
        # masks over all rows (a 200 MB log: no position arrays or copies of the times)
        in_zone = codes == k if len(zone_names) > 1 else None
        for fill, source, fn in ((local_v, inst_v, _to_local), (inst_v, local_v, _to_instant)):
            need = np.isnat(fill) & ~np.isnat(source)
            if in_zone is not None:
                need &= in_zone
            if not need.any():
                continue
            if zone == "UTC":  # the wall clock is the instant (what _convert gives)
                np.copyto(fill, source, where=need)
            else:
                rows = np.flatnonzero(need)
                fill[rows] = _convert(fn, source, rows, zone, unplaceable)
        del in_zone
    # a time placed outside the years 1-9999 (its zone moved it there) cannot be shown or
    # written as a date by Python: it is unplaceable too
    outside = np.zeros(n, dtype=bool)
    for v in (local_v, inst_v):
        outside |= ~np.isnat(v) & ((v < _FIRST_MOMENT) | (v > _LAST_MOMENT))
    unplaceable += np.flatnonzero(outside).tolist()
    if unplaceable:  # neither half of such a time is kept
        inst_v[unplaceable] = np.datetime64("NaT")
        local_v[unplaceable] = np.datetime64("NaT")
    instant = pd.Series(inst_v, index=df.index).dt.tz_localize("UTC")
    del inst_v
    out = df.copy(deep=False)  # (pandas 2's drop would copy every column)
    if "instant" in out.columns:
        del out["instant"]
    out["tz"] = tz.values
    out["local_time"] = local_v
    ts = instant.astype("datetime64[us, UTC]")
    del instant
    if len(zone_names) == 1:  # the zones of the rows, as pd.unique(tz) lists them
        ts = ts.dt.tz_convert(zone_names[0])
    out["timestamp"] = ts
    out["date"] = local_v.astype("datetime64[D]").astype("datetime64[us]")  # (floors, NaT kept)
    return out, unplaceable


#: The two hex digits of each byte value, as the 2-byte units :func:`_hex` copies.
_HEX_PAIRS = np.frombuffer(b"".join(b"%02x" % i for i in range(256)), dtype=np.uint16)
#: Ids written as hex at once by :func:`_hex`.
_HEX_SLICE = 1 << 19


def _hex(h: np.ndarray) -> pd.Series:
    """uint64 hashes as 16-digit lower-case hex strings, without a Python loop."""
    n = len(h)
    out = np.empty((n, 8), dtype=np.uint16)  # two hex digits per byte of the hash
    for lo in range(0, n, _HEX_SLICE):  # in slices: the temporaries of 3 million ids add up
        b = h[lo : lo + _HEX_SLICE].astype(">u8").view(np.uint8).reshape(-1, 8)
        np.take(_HEX_PAIRS, b, out=out[lo : lo + len(b)])
    offsets = np.arange(n + 1, dtype=np.int64) * 16  # the buffers are shared, not copied
    arr = pa.Array.from_buffers(
        pa.large_string(), n, [None, pa.py_buffer(offsets), pa.py_buffer(out)]
    )
    return text_array(arr)


def _column_hash(col: pd.Series) -> np.ndarray:
    """``hash_pandas_object`` of one column, by value (categories as their text).

    Text is hashed once per distinct value and spread back by position: pandas
    turns every text value into a Python string to hash it, which dominated the
    reading of large logs, where a few labels repeat over millions of rows.
    """
    text = isinstance(col.dtype, pd.CategoricalDtype) or is_text(col.dtype)
    if not text or not len(col):
        return pd.util.hash_pandas_object(col, index=False).to_numpy(dtype=np.uint64)
    if isinstance(col.dtype, pd.CategoricalDtype):
        return _category_hash(col)
    codes, uniques = factorized(col)
    if len(uniques) > len(col) // 2:  # mostly distinct (journal text): nothing to share
        values = col.astype(str) if isinstance(col.dtype, pd.CategoricalDtype) else col
        return pd.util.hash_pandas_object(values, index=False).to_numpy(dtype=np.uint64)
    distinct = pd.Series(uniques)
    if isinstance(col.dtype, pd.CategoricalDtype):
        distinct = distinct.astype(str)  # value-based, whatever the category list
    hashed = pd.util.hash_pandas_object(distinct, index=False).to_numpy(dtype=np.uint64)
    return hashed[codes]


def _category_hash(col: pd.Series) -> np.ndarray:
    """:func:`_column_hash` of a categorical column, from its codes (no factorising).

    Each category (and a gap, when there is one) is hashed as its text, the way
    :func:`_column_hash` hashes the distinct values of any column.
    """
    codes = col.cat.codes.to_numpy().astype(np.intp)
    n_cat = len(col.cat.categories)
    gap = codes < 0
    listed = list(range(n_cat))
    if gap.any():
        codes[gap] = n_cat
        listed.append(-1)
    distinct = pd.Series(pd.Categorical.from_codes(listed, dtype=col.dtype)).astype(str)
    hashed = pd.util.hash_pandas_object(distinct, index=False).to_numpy(dtype=np.uint64)
    return hashed[codes]


def _row_hashes(df: pd.DataFrame, columns: list[str]) -> np.ndarray:
    """Row hashes from the columns' hashes, combined as ``pandas.util.hash_pandas_object``
    combines them for a DataFrame (CPython's tuple hash), so the ids stay what they were.
    One column at a time: a 200 MB log's nine column hashes would hold 240 MB at once."""
    out = np.full(len(df), 0x345678, dtype=np.uint64)
    mult = np.uint64(1000003)
    for i, c in enumerate(columns):
        inverse = len(columns) - i
        out ^= _column_hash(df[c])
        out *= mult
        mult += np.uint64(82520 + inverse + inverse)
    out += np.uint64(97531)
    return out


def _hash_ids(df: pd.DataFrame, parts: tuple[str, ...]) -> tuple[pd.Series, np.ndarray]:
    """The ids (16 hex digits) and the uint64 hashes they spell, one per row."""
    # each part hashed in its own dtype (no per-row str())
    h = _row_hashes(df, [p for p in parts if p in df.columns])
    out = _hex(h)
    out.index = df.index
    return out, h


def _coerce(df: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    n = len(df)
    out = {}
    for col, fam in columns.items():
        if col in ("timestamp", "date", "local_time"):
            out[col] = df[col]
            continue
        s = df[col] if col in df.columns else None
        if fam == "str":
            if s is None:
                out[col] = pd.Series("", index=df.index, dtype=TEXT)
            elif is_text(s.dtype) and not s.hasnans:
                out[col] = s  # already a clean string column
            else:
                out[col] = s.astype(object).where(s.notna(), "").astype(str).astype(TEXT)
        elif fam == "float":
            out[col] = (
                pd.Series(np.nan, index=df.index, dtype="float64")
                if s is None
                else pd.to_numeric(s, errors="coerce").astype("float64")
            )
        elif fam == "bool":
            out[col] = (
                pd.Series(pd.NA, index=df.index, dtype="boolean")
                if s is None
                else s.astype("boolean")
            )
        elif fam == "list":
            if s is None:
                out[col] = pd.Series([[] for _ in range(n)], index=df.index, dtype=object)
            else:  # a fresh list per row (a comprehension: Series.map cost 10 times more)
                lists = [list(v) if isinstance(v, list | tuple) else [] for v in s.to_numpy()]
                out[col] = pd.Series(_objects(lists), index=df.index, dtype=object)
        elif fam == "kind":
            if s is None:
                out[col] = pd.Categorical(["other"] * n, dtype=URGE_KIND_DTYPE)
            else:
                # values outside the kinds become NaN, then "other"
                out[col] = pd.Categorical(s, dtype=URGE_KIND_DTYPE).fillna("other")
    extras = [c for c in df.columns if c not in columns and c not in ("instant",)]
    # copy=False: pandas 2 would copy every column of the dict (pandas 3 shares them)
    frame = pd.DataFrame(out, index=df.index, copy=False)
    for c in extras:
        frame[c] = _text_if_strings(df[c])
    return frame


def _objects(values: list) -> np.ndarray:
    """``values`` as a 1-d object array (numpy would make lists of equal length a matrix)."""
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def _text_if_strings(s: pd.Series) -> pd.Series:
    """An object column that holds only strings (and gaps) as :data:`TEXT`.

    A reader's extra columns are built with ``dtype="str"``, which is :data:`TEXT` on
    pandas 3 and an object column on pandas 2.2: this makes them the same. Other
    object columns (lists, mixed values) are kept as they are.
    """
    if s.dtype == object and pd.api.types.infer_dtype(s, skipna=True) == "string":
        return s.astype(TEXT)
    return s


def _note_future(df: pd.DataFrame, ctx: ReadContext) -> None:
    """Dates in the future are loaded as written, and the report says so (a note)."""
    if not len(df):
        return
    ts = df["timestamp"]
    future = (ts > pd.Timestamp.now(tz="UTC") + pd.Timedelta(days=1)).to_numpy(dtype=bool)
    if future.any():
        latest = df["local_time"][future].max()
        ctx.note(
            f"{int(future.sum())} record(s) are dated in the future (the latest on "
            f"{latest:%Y-%m-%d}); they were loaded as written. Suggestion: check the date "
            "format of the export or the clock of the device that wrote it."
        )


def finalize(rows: pd.DataFrame | list[dict], ctx: ReadContext) -> pd.DataFrame:
    """Fill, type, de-duplicate and validate the rows a reader returned."""
    kind = ctx.kind
    columns = JOURNAL_COLUMNS if kind == "journal" else URGE_COLUMNS
    # a shallow copy: columns are replaced, never changed in place, so the reader's frame is
    # not touched, and a 200 MB log is not held twice
    df = pd.DataFrame(rows) if not isinstance(rows, pd.DataFrame) else rows.copy(deep=False)
    del rows  # this function holds the only reference: a column it replaces can go
    df = _renumbered(df)
    _memory.checkpoint("rows", len(df))
    if "origin" not in df.columns:
        df["origin"] = ctx.input.display
    df, unplaceable = _place_times(df, ctx) if len(df) else (df, [])
    _memory.checkpoint("placed", len(df))
    if len(df):
        missing_time = df["local_time"].isna() | df["timestamp"].isna()
        if missing_time.any():
            outside = set(df.index[unplaceable]) if unplaceable else set()
            for i in df.index[missing_time]:
                ctx.problem(
                    str(df.at[i, "origin"]),
                    "the date is too close to year 1 or year 9999 to be placed in its time zone; "
                    "the record was skipped. Suggestion: check the date in the export."
                    if i in outside
                    else "no usable date or time; the record was skipped",
                )
            df = df.loc[~missing_time]
        _note_future(df, ctx)
    else:
        base = empty_journal() if kind == "journal" else empty_urges()
        for c in df.columns:
            if c not in base.columns:
                base[c] = pd.Series([], dtype=object)
        df = base
    df["source"] = constant_text(ctx.format, len(df), df.index)
    if kind == "journal":
        stem = journal_name(ctx.input.path.stem or ctx.input.display)
        if "journal" not in df.columns:
            df["journal"] = stem
        else:
            df["journal"] = df["journal"].where(
                df["journal"].notna() & (df["journal"] != ""), stem
            )
    id_col = "entry_id" if kind == "journal" else "urge_id"
    df = _coerce(df, columns)
    _memory.checkpoint("typed", len(df))
    if len(df):
        # hash only rows without a native id (Day One's uuid): hashing millions of words
        # of text costs about as much as reading them
        if id_col in df.columns:
            given = df[id_col].astype(str).astype(TEXT)
            need = (given == "").to_numpy()
        else:
            given, need = None, np.ones(len(df), dtype=bool)
        keys = None
        if need.all():
            ids, keys = _hash_ids(df, _ID_PARTS[kind])  # an id is its hash in hex: same keys
        else:
            ids = given.copy()
            if need.any():
                ids[need] = _hash_ids(df.loc[need], _ID_PARTS[kind])[0].to_numpy()
        df[id_col] = ids.astype(TEXT)
        del ids
        _memory.checkpoint("ids", len(df))
    else:
        keys = None
    dup = report_duplicates(df, id_col, ctx, keys=keys)
    del keys  # (3 million hashes: 25 MB less while the rows are reordered)
    # the later copies go in the same pass that puts the rows in order: one copy of each
    # column, not two (a log exported twice over, out of time order, is common)
    rows = None if dup is None else np.flatnonzero(~dup)
    del dup
    df = _reordered(df, _sort_order(df, id_col, rows))
    df = validate_journal(df) if kind == "journal" else validate_urges(df)
    forget(df)  # (the codes and numbers kept for its columns while it was built)
    _memory.checkpoint("final", len(df))
    return df


def _renumbered(df: pd.DataFrame) -> pd.DataFrame:
    """``df.reset_index(drop=True)`` without copying the columns.

    pandas 2 copies every column in ``reset_index`` (pandas 3 shares them until one
    is written): for a 200 MB log that was 180 MB more at the peak.
    """
    if isinstance(df.index, pd.RangeIndex) and df.index.start == 0 and df.index.step == 1:
        return df
    out = df.copy(deep=False)
    out.index = pd.RangeIndex(len(out))
    return out


def sort_frame(df: pd.DataFrame, id_col: str) -> pd.DataFrame:
    """Sort by ``timestamp`` then id (numpy argsort; ids compared only where times tie)."""
    order = _sort_order(df, id_col)
    return _renumbered(df if order is None else df.iloc[order])


def _reordered(df: pd.DataFrame, order: np.ndarray | None) -> pd.DataFrame:
    """``df.iloc[order]`` renumbered, built one column at a time.

    A :func:`constant_text` column (the source, one zone) stays one block repeated
    instead of being copied row by row. For the finaliser's own frame: in a large
    read (:func:`._memory.large`) each column is taken out of ``df`` and let go as
    soon as its reordered copy exists (or before, when it can be rebuilt), so a log
    out of time order is never held twice (3 million urges: 580 MiB more at the peak).
    """
    if order is None:
        return _renumbered(df)
    large = _memory.large(len(order))
    taken: dict[str, object] = {}
    for c in list(df.columns):
        if large:
            taken[c] = _taken([df.pop(c)], order, large)  # (the frame lets the column go)
            _memory.checkpoint("column", len(order))  # the old column, before the next
        else:
            taken[c] = _taken([df[c]], order, large)
    return pd.DataFrame(taken, index=pd.RangeIndex(len(order)), copy=False)


def _taken(box: list[pd.Series], order: np.ndarray, large: bool) -> object:
    """``s.array.take(order)`` of the one column in ``box`` (which is emptied).

    A :func:`constant_text` column stays one block repeated. In a ``large`` read a
    text column is taken in slices, and the old column is let go as early as it can
    be: a :func:`numbered` column (the origins) before its reordered copy is written
    from its numbers, any other once it is held as one array.
    """
    s = box.pop()
    if not (is_text(s.dtype) and len(s)):
        return s.array.take(order)
    chunks = s.array._pa_array.chunks
    data = {ch.buffers()[2].address if ch.buffers()[2] else 0 for ch in chunks}
    one_block = len(chunks) > 1 and len(data) == 1 and chunks[0].null_count == 0
    if one_block and pc.count_distinct(chunks[0]).as_py() == 1:
        return constant_text(chunks[0][0].as_py(), len(order)).array
    del chunks
    if not large:
        return s.array.take(order)
    parts = numbered_parts(s)
    if parts is not None:
        del s  # rebuilt from the numbers: the old text is not held beside the new
        _memory.checkpoint("dropped", len(order))
        prefix, numbers = parts
        return numbered(prefix, numbers[order]).array
    # in slices of the order, from one combined array: a take of the whole chunked
    # column at once held it about three times over (a 3-million-row log: 250 MiB)
    chunked = s.array._pa_array
    combined = chunked.num_chunks > 1
    whole = chunked.combine_chunks() if combined else chunked.chunk(0)
    del chunked, s
    if combined:  # its chunks go, the combined copy stays
        _memory.checkpoint("dropped", len(order))
    pool = _memory.copy_pool()
    parts_taken = [
        pc.take(whole, order[lo : lo + _TAKE_SLICE], memory_pool=pool)
        for lo in range(0, len(order), _TAKE_SLICE)
    ]
    del whole
    return text_array(pa.chunked_array(parts_taken, pa.large_string())).array


#: Rows a text column is reordered by at once in :func:`_taken`.
_TAKE_SLICE = 1 << 19


def _sort_order(
    df: pd.DataFrame, id_col: str, rows: np.ndarray | None = None
) -> np.ndarray | None:
    """The positions that sort ``df`` by ``timestamp`` then id, or None when it is sorted.

    With ``rows`` (increasing positions: the rows to keep), only those are sorted, and the
    positions returned are ``df``'s own.
    """
    n = len(df) if rows is None else len(rows)
    if n < 2:
        return rows
    key = df["timestamp"].astype("int64").to_numpy()
    if rows is not None:
        key = key[rows]
    if (key[1:] > key[:-1]).all():
        return rows  # strictly increasing (the usual log): no sort, no copy
    if (key[1:] >= key[:-1]).all():  # in time order with ties: only the ties are sorted
        order, k = np.arange(len(key)), key
    else:
        order = np.argsort(key, kind="stable")
        k = key[order]
    del key  # (3 million times: 25 MB less while the ties are found)
    tie = np.zeros(len(k), dtype=bool)
    same = k[1:] == k[:-1]
    tie[1:] |= same
    tie[:-1] |= same
    del same
    if tie.any():
        sub = np.flatnonzero(tie)
        at = order[sub] if rows is None else rows[order[sub]]
        ids = np.asarray(df[id_col].take(at).to_numpy(), dtype=str)  # the ties only
        order[sub] = order[sub][np.lexsort((ids, k[sub]))]
    if rows is not None:
        return rows[order]
    if (order == np.arange(len(order))).all():
        return None  # already in order: no copy
    return order


def _seen_before(ids: pd.Series, keys: np.ndarray | None) -> np.ndarray:
    """``ids.duplicated(keep="first")``; with ``keys`` (one uint64 per id, equal exactly when
    the ids are equal) on those numbers, without turning millions of ids into Python strings."""
    if keys is not None and not _memory.large(len(keys)):
        return pd.Series(keys).duplicated(keep="first").to_numpy()  # a hash table: quicker
    if keys is not None:
        # a stable sort keeps the first copy first: a hash table of millions of keys costs
        # several times the memory of the two sorted arrays
        order = np.argsort(keys, kind="stable")
        ordered = keys[order]
        later = np.zeros(len(keys), dtype=bool)
        later[1:] = ordered[1:] == ordered[:-1]
        del ordered
        dup = np.empty(len(keys), dtype=bool)
        dup[order] = later
        return dup
    return ids.duplicated(keep="first").to_numpy()


def report_duplicates(
    df: pd.DataFrame, id_col: str, ctx: ReadContext, *, keys: np.ndarray | None = None
) -> np.ndarray | None:
    """Report every later copy of an id as a problem; the mask of those copies, or None.

    ``keys`` may give one uint64 per row that is equal exactly when the ids are
    (the hashes the ids were written from), to find duplicates cheaply.
    """
    if not len(df):
        return None
    ids = df[id_col]
    dup = _seen_before(ids, keys)
    if not dup.any():
        return None
    dup_ids = set(ids[dup])
    firsts = df.loc[~dup & ids.isin(dup_ids).to_numpy(), [id_col, "origin"]]
    first_origin = dict(zip(firsts[id_col], firsts["origin"], strict=True))
    raw_col = "text" if "text" in df.columns else "label"
    sub = df.loc[dup, [id_col, "origin", raw_col]]
    for ident, origin, raw in sub.itertuples(index=False, name=None):
        ctx.problem(
            str(origin),
            f"duplicate of the record at {first_origin.get(ident, '?')} (same "
            f"{id_col}); kept it once. Nothing to do unless the two should differ.",
            raw,
        )
    return dup


def drop_duplicates(
    df: pd.DataFrame, id_col: str, ctx: ReadContext, *, keys: np.ndarray | None = None
) -> pd.DataFrame:
    """Keep the first row of each id; report every later copy as a problem.

    ``keys`` as for :func:`report_duplicates`.
    """
    dup = report_duplicates(df, id_col, ctx, keys=keys)
    return df if dup is None else df.loc[~dup]
