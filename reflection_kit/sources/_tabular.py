"""Shared machinery of the table-like readers (the urge log and the generic table).

* header names are matched without case, spaces or punctuation, through a
  synonym table and the user's ``columns=`` mapping (:func:`resolve_columns`);
* delimited text is read with pyarrow's multi-threaded CSV parser (the engine
  behind ``pandas.read_csv(engine="pyarrow")``), every value kept as text, and
  every record is tied to its physical line; rows with the wrong number of
  fields are returned apart. Without pyarrow, or when the fast path cannot tie
  rows to lines (values spanning lines, say), Python's :mod:`csv` is used;
* times are parsed column-wise: explicit formats tried in order on whatever is
  still unparsed, then ISO 8601 with an offset (an absolute instant);
* text columns have one dtype on every supported pandas (:data:`TEXT`).
"""

from __future__ import annotations

import csv
import datetime as dt
import gc
import io
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from ..errors import SchemaError

__all__ = [
    "LARGE_READ",
    "MAX_COLUMNS",
    "TEXT",
    "Delimited",
    "Times",
    "as_datetime_us",
    "constant_text",
    "is_text",
    "norm_name",
    "numbered",
    "parse_times",
    "per_unique",
    "read_delimited",
    "release_memory",
    "resolve_columns",
    "schema_error",
    "sniff_delimiter",
    "stripped",
    "text_array",
    "to_datetime_us",
    "wide_csv_fields",
]


def _text_dtype() -> pd.StringDtype:
    """pandas 3's ``"str"`` dtype, spelled so that pandas 2.2 builds the same one."""
    try:
        # pandas >= 2.3: the default string dtype of pandas 3 (``"str"``)
        return pd.StringDtype("pyarrow", na_value=np.nan)
    except TypeError:  # pandas 2.2: the same array type under its first name
        return pd.StringDtype("pyarrow_numpy")


#: The dtype of every text column: strings held by pyarrow, NaN where missing. It is
#: pandas 3's default ``"str"``; pandas 2.2 has it as ``"string[pyarrow_numpy]"`` but
#: would build object columns for ``dtype="str"`` (Python objects: several times the
#: memory, and ``str.strip`` copies that differ). One dtype makes frames, ids and problem
#: locations the same on every supported pandas.
TEXT: pd.StringDtype = _text_dtype()


def is_text(dtype: object) -> bool:
    """True for :data:`TEXT` (``"str"`` on pandas 3), whatever the pandas version.

    Examples
    --------
    >>> is_text(TEXT), is_text(pd.Series(["a"]).astype(TEXT).dtype), is_text(np.dtype(object))
    (True, True, False)
    """
    return isinstance(dtype, pd.StringDtype) and dtype == TEXT


def text_array(values: Any) -> pd.Series:
    """``values`` (a pyarrow string array or chunked array) as a :data:`TEXT` Series.

    Zero-copy for ``large_string`` data, which is what :data:`TEXT` holds.

    Examples
    --------
    >>> import pyarrow as pa
    >>> text_array(pa.array(["a", "b"])).tolist()
    ['a', 'b']
    """
    return pd.Series(TEXT.__from_arrow__(values), dtype=TEXT)


#: Rows of the one block a :func:`constant_text` column repeats.
_CONSTANT_BLOCK = 1 << 16


def constant_text(value: str, n: int, index: pd.Index | None = None) -> pd.Series:
    """A :data:`TEXT` column of ``n`` times ``value``, held as one block repeated.

    Every chunk of the column is the same pyarrow array of at most 65,536 values, so
    a column that names the source or the zone of 3 million urges costs about 1 MB
    instead of tens of MB; its values and dtype are those of
    ``pd.Series(value, index=range(n), dtype=TEXT)``.

    Examples
    --------
    >>> s = constant_text("urgelog", 3)
    >>> s.tolist(), is_text(s.dtype)
    (['urgelog', 'urgelog', 'urgelog'], True)
    """
    import pyarrow as pa

    block = pa.array([value] * min(n, _CONSTANT_BLOCK), pa.large_string())
    whole, rest = divmod(n, _CONSTANT_BLOCK)
    chunks = [block] * whole + ([block.slice(0, rest)] if rest else [])
    out = text_array(pa.chunked_array(chunks, pa.large_string()))
    if index is not None:
        out.index = index
    return out


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
_MAX_LOCATE = 50  # bad rows located by text search before falling back to csv


#: Most header fields a table may have (a damaged header line has thousands).
MAX_COLUMNS = 1000
#: Python's csv module stops at fields over 128 KiB by default; a journal note can be longer.
_CSV_FIELD_LIMIT = 2**31 - 1


@contextmanager
def wide_csv_fields() -> Iterator[None]:
    """Let :mod:`csv` read fields of any length while the block runs.

    The csv module refuses fields over 128 KiB (``csv.Error: field larger than
    field limit``), which would lose a long note and every row after it. The
    limit is a process-wide setting, so it is raised only for the block and
    restored afterwards.
    """
    old = csv.field_size_limit()
    csv.field_size_limit(max(old, _CSV_FIELD_LIMIT))
    try:
        yield
    finally:
        csv.field_size_limit(old)


#: Bytes of delimited text from which a read is large (see :func:`_jemalloc_frees_at_once`).
_LARGE_BYTES = 16 << 20
#: Rows from which :func:`release_memory` also runs the garbage collector.
LARGE_READ = 200_000


def release_memory(rows: int = 0) -> None:
    """Hand memory that pyarrow and the C allocator freed back to the system.

    pyarrow's allocator keeps freed blocks for reuse, and glibc's ``malloc``
    keeps freed heap pages; after parsing a large file that is hundreds of MB
    that nothing else can use, which is what pushed the peak of a 200 MB urge
    log past 1 GiB. For reads of :data:`LARGE_READ` rows or more (``rows``),
    the garbage collector runs first: pandas' short-lived objects hold large
    arrays in reference cycles until it does (about 100 MB for that log).
    Cheap when nothing is cached.
    """
    if rows >= LARGE_READ:
        gc.collect()
    try:
        import pyarrow as pa
    except ImportError:  # pragma: no cover
        pass
    else:
        pool = pa.default_memory_pool()
        if rows >= LARGE_READ and pool.backend_name == "jemalloc":
            _jemalloc_frees_at_once(pa)
        pool.release_unused()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@cache
def _jemalloc_frees_at_once(pa: Any) -> None:
    """Let pyarrow's jemalloc (its default pool in pyarrow 14) hand freed pages back at once.

    By default it keeps them for a second; reordering a 200 MB log out of time order
    then held the old columns beside the new ones (about 240 MiB more on pyarrow 14).
    Set once per process, and only when a large read needs it.
    """
    with suppress(NotImplementedError, pa.ArrowException):  # a build without jemalloc
        pa.jemalloc_set_decay_ms(0)


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim`` (Linux), or None where there is no such function."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):  # pragma: no cover - musl or another libc
        return None


def stripped(values: pd.Series) -> pd.Series:
    """``values.str.strip()``, or ``values`` itself when no value starts or ends with space.

    A 200 MB log's columns are rarely padded; keeping a stripped copy of each
    beside the original cost a column's worth of memory each.

    Examples
    --------
    Other dtypes (object columns of strings) are first made :data:`TEXT`, so the
    result is :data:`TEXT` on every supported pandas.

    Examples
    --------
    >>> stripped(pd.Series(["a", "b "], dtype=TEXT)).tolist()
    ['a', 'b']
    >>> t = pd.Series(["a", "b"], dtype=TEXT)
    >>> stripped(t) is t
    True
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    if not is_text(values.dtype):
        values = values.astype(TEXT)
    if values.hasnans or not len(values):
        return values.str.strip()
    arr = values.array._pa_array  # a ChunkedArray (pandas 2.2 and 3)
    if isinstance(arr, pa.Array):  # pragma: no cover - a plain array in other releases
        arr = pa.chunked_array([arr])
    trimmed = pc.utf8_trim_whitespace(arr)  # what pandas' str.strip does on these arrays
    if not pc.all(pc.equal(trimmed, arr)).as_py():
        out = text_array(trimmed)
        out.index = values.index
        return out
    del trimmed  # nothing was stripped: keep the original, drop the copy at once
    return values


def numbered(prefix: str, numbers: np.ndarray) -> pd.Series:
    """``prefix`` followed by each number, as a str column (``"urges.csv line 12"``).

    Built by pyarrow in one pass: for a 200 MB log the Python way (a str column of
    the numbers, then a concatenation) held both copies and the result at once.

    Examples
    --------
    >>> numbered("urges.csv line ", np.array([2, 10])).tolist()
    ['urges.csv line 2', 'urges.csv line 10']
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    digits = pc.cast(pa.array(np.asarray(numbers, dtype=np.int64)), pa.large_string())
    joined = pc.binary_join_element_wise(
        pa.scalar(prefix, pa.large_string()), digits, pa.scalar("", pa.large_string())
    )
    del digits
    return text_array(joined)


def schema_error(message: str, *, columns: Sequence[str], location: str) -> SchemaError:
    """A :class:`SchemaError` that also says where (``exc.location``), like a ParseError."""
    exc = SchemaError(message, columns=columns)
    exc.location = location
    return exc


def norm_name(name: object) -> str:
    """A header name without case, spaces or punctuation: ``"Gave in?"`` -> ``"gavein"``."""
    return re.sub(r"[^0-9a-z]+", "", str(name).casefold())


def resolve_columns(
    header: list[str],
    synonyms: Mapping[str, Iterable[str]],
    user: Mapping[str, str] | None,
    *,
    aliases: Mapping[str, str] | None = None,
) -> tuple[dict[str, int], list[str]]:
    """Map our column names to positions in ``header``.

    Parameters
    ----------
    header : list of str
        The header as written.
    synonyms : mapping
        Our name -> the header names that mean it (compared with :func:`norm_name`).
    user : mapping, optional
        The user's ``columns=``: their header name -> our name. Applied first.
    aliases : mapping, optional
        Extra accepted spellings of our names in ``user`` values.

    Returns
    -------
    (dict, list)
        Our name -> header position, and the notes worth telling the person
        (unused ``columns=`` keys, header columns that were not used).

    Raises
    ------
    ValueError
        When ``columns=`` maps to a name we do not know.
    """
    lookup = {norm_name(s): ours for ours, names in synonyms.items() for s in (ours, *names)}
    ours_by_norm = {norm_name(o): o for o in synonyms} | {
        norm_name(k): v for k, v in (aliases or {}).items()
    }
    found: dict[str, int] = {}
    notes: list[str] = []
    claimed: set[int] = set()
    for theirs, target in (user or {}).items():
        ours = ours_by_norm.get(norm_name(target))
        if ours is None:
            raise ValueError(
                f"`columns` maps {theirs!r} to {target!r}, which is not a column this reader "
                f"knows. Use one of: {', '.join(synonyms)}."
            )
        pos = [i for i, h in enumerate(header) if h == theirs] or [
            i for i, h in enumerate(header) if norm_name(h) == norm_name(theirs)
        ]
        if not pos:
            notes.append(f"columns= names {theirs!r}, but the header has no such column")
            continue
        found[ours] = pos[0]
        claimed.add(pos[0])
    unused = []
    for i, h in enumerate(header):
        if i in claimed:
            continue
        ours = lookup.get(norm_name(h))
        if ours is not None and ours not in found:
            found[ours] = i
        elif h.strip():
            unused.append(h)
    if unused:
        notes.append(f"column(s) not used: {', '.join(map(repr, unused[:8]))}")
    return found, notes


def sniff_delimiter(header_line: str) -> str:
    """Tab, comma or semicolon: whichever the header line holds most (tab wins ties)."""
    counts = {d: header_line.count(d) for d in ("\t", ",", ";")}
    best = max(counts, key=lambda d: (counts[d], d == "\t"))
    return best if counts[best] else ","


@dataclass
class Delimited:
    """A delimited file read as text, every value a string.

    ``frame`` has one column per header field, named by position (``0, 1, ...``)
    and ``lines`` the physical line (1-based) of each of its rows. ``bad`` lists
    rows with the wrong number of fields as ``(line, raw, fields)``.
    """

    header: list[str]
    frame: pd.DataFrame
    lines: np.ndarray
    bad: list[tuple[int, str, int]] = field(default_factory=list)
    empty_rows: int = 0
    delimiter: str = ","


def _split_header(text: str, delimiter: str) -> tuple[list[str], int]:
    """The header fields and the offset where the data starts."""
    end = text.find("\n")
    line = text if end < 0 else text[:end]
    with wide_csv_fields():
        fields = next(csv.reader([line], delimiter=delimiter), [])
    return [f.strip() for f in fields], (len(text) if end < 0 else end + 1)


def read_delimited(text: str, *, delimiter: str | None = None, where: str = "") -> Delimited:
    """Read delimited ``text`` (newlines already ``\\n``) into strings, line by line.

    Leading blank lines are skipped; the first line is the header. Rows whose
    fields are all empty are dropped and counted in ``empty_rows``. A header of
    more than :data:`MAX_COLUMNS` fields raises a :class:`SchemaError` (located
    at ``where``): a damaged first line would otherwise build a frame of
    hundreds of thousands of columns.
    """
    lead = len(text) - len(text.lstrip("\n"))
    first_line = text.count("\n", 0, lead) + 1
    body = text[lead:]
    if delimiter is None:
        end = body.find("\n")
        delimiter = sniff_delimiter(body if end < 0 else body[:end])
    header, start = _split_header(body, delimiter)
    ncols = len(header)
    if ncols > MAX_COLUMNS:
        raise schema_error(
            f"{where or 'the file'} line {first_line}: the header has {ncols:,} fields, more "
            f"than the {MAX_COLUMNS:,} a table of entries or urges can have, so this is not "
            "the export itself or its first line is damaged. Suggestion: open it in a text "
            "editor and check the first line, or export it again.",
            columns=[],
            location=f"{where or 'the file'} line {first_line}",
        )
    # from here on one copy of the rows, as UTF-8 bytes: pyarrow reads them, and the slow
    # path decodes them again only when it is needed. The str goes now (when the caller
    # handed it over: a 200 MB log must not be held as text and as bytes while parsing)
    rest = body[start:].encode("utf-8")
    del text, body
    out = None
    if ncols and rest:
        out = _read_fast(rest, ncols, delimiter)
    if out is None:
        out = _read_slow(rest.decode("utf-8"), ncols, delimiter)
    del rest
    frame, lines, bad = out
    lines = lines + (first_line - 1)
    bad = [(ln + first_line - 1, raw, n) for ln, raw, n in bad]
    empty_rows = 0
    if len(frame):
        blank = (frame[0].str.len() == 0).to_numpy(dtype=bool, copy=True)
        for c in list(frame.columns)[1:]:
            if not blank.any():
                break
            blank[blank] = (frame.loc[blank, c].str.len() == 0).to_numpy(dtype=bool)
        if blank.any():
            empty_rows = int(blank.sum())
            frame = frame.loc[~blank].reset_index(drop=True)
            lines = lines[~blank]
    return Delimited(header, frame, lines, bad, empty_rows, delimiter)


def _read_fast(
    data: bytes, ncols: int, delimiter: str
) -> tuple[pd.DataFrame, np.ndarray, list[tuple[int, str, int]]] | None:
    """The rows after the header (UTF-8 ``data``) read by pyarrow, or None to fall back."""
    try:
        import pyarrow as pa
        import pyarrow.csv as pacsv
    except ImportError:  # pragma: no cover - pyarrow ships with pandas 3 installs
        return None
    names = [f"c{i}" for i in range(ncols)]
    bad_rows: list[tuple[str, int]] = []

    def on_bad(row: Any) -> str:
        bad_rows.append((row.text, row.actual_columns))
        return "skip"

    if len(data) >= _LARGE_BYTES and pa.default_memory_pool().backend_name == "jemalloc":
        _jemalloc_frees_at_once(pa)  # before parsing: the parsed columns are freed in turn
    try:
        table = pacsv.read_csv(
            pa.BufferReader(data),
            read_options=pacsv.ReadOptions(column_names=names, block_size=1 << 22),
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter,
                newlines_in_values=b'"' in data,
                invalid_row_handler=on_bad,
            ),
            convert_options=pacsv.ConvertOptions(
                # large_string: what pandas' str dtype holds, so to_pandas copies nothing
                column_types=dict.fromkeys(names, pa.large_string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowException, ValueError):
        return None
    n_good = table.num_rows
    # physical lines of the data part (1-based, counting the header as line 1)
    n_lines = data.count(b"\n") + (0 if data.endswith(b"\n") or not data else 1)
    nonblank = np.arange(2, n_lines + 2)
    if n_good + len(bad_rows) != n_lines:  # blank lines, or values spanning lines
        starts = [m.start() for m in re.finditer(rb"(?m)^$", data) if m.start() < len(data)]
        if starts:
            blank = _line_numbers(data, starts) + 1
            nonblank = np.setdiff1d(nonblank, blank, assume_unique=True)
        if n_good + len(bad_rows) != len(nonblank):
            return None  # values span lines: let the csv module tie rows to lines
    bad: list[tuple[int, str, int]] = []
    if bad_rows:
        if len({t for t, _ in bad_rows}) > _MAX_LOCATE:
            return None
        wanted: dict[str, list[int]] = {}
        for t, n in bad_rows:
            wanted.setdefault(t, []).append(n)
        for t, counts in wanted.items():
            pattern = rb"(?m)^" + re.escape(t.encode("utf-8")) + rb"$"
            offs = [m.start() for m in re.finditer(pattern, data)]
            if len(offs) != len(counts):
                return None
            bad += [
                (int(ln) + 1, t, n)
                for ln, n in zip(_line_numbers(data, offs), counts, strict=True)
            ]
        bad.sort()
        nonblank = nonblank[~np.isin(nonblank, [b[0] for b in bad])]
        if len(nonblank) != n_good:
            return None
    # column by column (zero-copy): pyarrow 14's Table.to_pandas hands pandas 2.2 a
    # BlockManager, which pandas deprecates with a warning. copy=False: pandas 2 copies
    # the columns of a dict by default (pandas 3 shares them until written)
    frame = pd.DataFrame({i: text_array(table.column(i)) for i in range(ncols)}, copy=False)
    del table
    release_memory()
    return frame, nonblank.astype(np.int64), bad


def _line_numbers(text: str | bytes, offsets: list[int]) -> np.ndarray:
    """0-based line numbers of sorted offsets (characters of a str, bytes of bytes)."""
    out = np.empty(len(offsets), dtype=np.int64)
    line, pos = 0, 0
    newline = b"\n" if isinstance(text, bytes) else "\n"
    for i, off in enumerate(offsets):
        line += text.count(newline, pos, off)
        pos = off
        out[i] = line
    return out + 1


def _read_slow(
    rest: str, ncols: int, delimiter: str
) -> tuple[pd.DataFrame, np.ndarray, list[tuple[int, str, int]]]:
    """The rows after the header (``rest``) read by the csv module, line by line."""
    reader = csv.reader(io.StringIO(rest), delimiter=delimiter)
    rows: list[list[str]] = []
    lines: list[int] = []
    bad: list[tuple[int, str, int]] = []
    prev = 0
    with wide_csv_fields():
        for rec in reader:
            line = prev + 2  # the header is line 1
            prev = reader.line_num
            if not rec:
                continue
            if len(rec) != ncols:
                bad.append((line, delimiter.join(rec), len(rec)))
                continue
            rows.append(rec)
            lines.append(line)
    frame = (
        pd.DataFrame(rows, columns=range(ncols), dtype=TEXT)
        if rows
        else pd.DataFrame({i: pd.Series([], dtype=TEXT) for i in range(ncols)})
    )
    return frame, np.asarray(lines, dtype=np.int64), bad


def per_unique(values: pd.Series, func: Callable[[str], Any], dtype: Any = object) -> np.ndarray:
    """``func`` applied once per distinct value, spread back over ``values``."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    table = np.array([func(u) for u in uniques], dtype=dtype)
    if not len(table):
        return np.empty(0, dtype=dtype)
    return table[codes]


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


def _digits(b: np.ndarray, cols: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray]:
    d = b[:, cols].astype(np.int64) - 48
    ok = ((d >= 0) & (d <= 9)).all(axis=1)
    value = np.zeros(len(b), dtype=np.int64)
    for k in range(len(cols)):
        value = value * 10 + d[:, k]
    return value, ok


#: Values parsed at once by :func:`_fast_clock`.
_CLOCK_SLICE = 1 << 20


def _fast_clock(s: pd.Series) -> tuple[np.ndarray, np.ndarray] | None:
    """``YYYY-MM-DD HH:MM[:SS]`` (space or ``T``) parsed straight from the bytes.

    The same strict reading as ``pandas.to_datetime(format=...)``, without its
    per-value overhead. Returns ``(local, hit)`` or None when pyarrow is missing.
    """
    try:
        import pyarrow as pa
    except ImportError:  # pragma: no cover
        return None
    try:
        arr = pa.array(s.array)
        if isinstance(arr, pa.ChunkedArray):
            arr = arr.combine_chunks()
        if arr.type != pa.large_string():
            arr = arr.cast(pa.large_string())
    except (pa.ArrowException, TypeError, ValueError):  # pragma: no cover
        return None
    n = len(arr)
    local = np.full(n, np.datetime64("NaT"), dtype="datetime64[us]")
    hit = np.zeros(n, dtype=bool)
    if n == 0 or arr.null_count:
        return local, hit
    # in slices of a million values: the digit arrays of a 200 MB log would otherwise
    # cost several hundred MB at once
    for lo in range(0, n, _CLOCK_SLICE):
        part = arr.slice(lo, min(_CLOCK_SLICE, n - lo))
        _clock_slice(part, local[lo : lo + len(part)], hit[lo : lo + len(part)])
    return local, hit


def _clock_slice(arr: Any, local: np.ndarray, hit: np.ndarray) -> None:
    """Parse one slice of a large_string array into the views ``local`` and ``hit``."""
    n = len(arr)
    _, off_buf, data_buf = arr.buffers()
    offsets = np.frombuffer(off_buf, dtype=np.int64)[arr.offset : arr.offset + n + 1]
    data = np.frombuffer(data_buf, dtype=np.uint8) if data_buf is not None else np.empty(0)
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
        year, g1 = _digits(b, (0, 1, 2, 3))
        month, g2 = _digits(b, (5, 6))
        day, g3 = _digits(b, (8, 9))
        hour, g4 = _digits(b, (11, 12))
        minute, g5 = _digits(b, (14, 15))
        ok &= g1 & g2 & g3 & g4 & g5 & (year >= 1) & (month >= 1) & (month <= 12)
        ok &= (day >= 1) & (hour <= 23) & (minute <= 59)
        second = np.zeros(len(rows), dtype=np.int64)
        if width == 19:
            second, g6 = _digits(b, (17, 18))
            ok &= (b[:, 16] == 58) & g6 & (second <= 59)
        months = ((year - 1970) * 12 + month - 1).clip(-20000, 100000)
        first = months.astype("datetime64[M]").astype("datetime64[D]")
        dim = ((months + 1).astype("datetime64[M]").astype("datetime64[D]") - first).astype(
            np.int64
        )
        ok &= day <= dim
        t = (first + (day - 1)).astype("datetime64[us]") + (
            (hour * 3600 + minute * 60 + second) * 1_000_000
        ).astype("timedelta64[us]")
        local[rows[ok]] = t[ok]
        hit[rows[ok]] = True
    return local, hit


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
    return Times(local, instant, ok, known, empty)
