"""Delimited text read as strings, every record tied to its physical line.

The rows are read with pyarrow's multi-threaded CSV parser (the engine behind
``pandas.read_csv(engine="pyarrow")``), every value kept as text; rows with the
wrong number of fields are returned apart, with their line. When the fast path
cannot tie rows to lines (values spanning lines, say), Python's :mod:`csv` reads
them instead. Memory is left to :mod:`._memory`, at its named stages.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from . import _memory
from ._columns import schema_error
from ._input import Input, decode_text, plain_utf8
from ._text_columns import TEXT, is_text, string_buffers, text_array

__all__ = [
    "MAX_COLUMNS",
    "Delimited",
    "read_delimited",
    "sniff_delimiter",
    "text_table",
    "wide_csv_fields",
]


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
    return _assembled(header, out, first_line, delimiter)


def _assembled(
    header: list[str],
    out: tuple[pd.DataFrame, np.ndarray, list[tuple[int, str, int]]],
    first_line: int,
    delimiter: str,
) -> Delimited:
    """The :class:`Delimited` of parsed rows: lines counted from the file's first line,
    rows whose fields are all empty dropped and counted."""
    frame, lines, bad = out
    lines = lines + (first_line - 1)
    bad = [(ln + first_line - 1, raw, n) for ln, raw, n in bad]
    empty_rows = 0
    if len(frame):
        blank = _empty_values(frame[0])
        for c in list(frame.columns)[1:]:
            if not blank.any():
                break
            blank[blank] = (frame.loc[blank, c].str.len() == 0).to_numpy(dtype=bool)
        if blank.any():
            empty_rows = int(blank.sum())
            frame = frame.loc[~blank].reset_index(drop=True)
            lines = lines[~blank]
    return Delimited(header, frame, lines, bad, empty_rows, delimiter)


@contextmanager
def text_table(inp: Input, name: str, *, where: str) -> Iterator[tuple[Delimited | None, str]]:
    r"""Member ``name`` of ``inp`` read as delimited text, for the length of a ``with`` block.

    Yields ``(table, encoding)``; ``table`` is None when the member holds nothing
    but blank space. UTF-8 with nothing to normalise is parsed from its bytes as
    they were read (:func:`_read_utf8`); other text is decoded and handed over to
    :func:`read_delimited`, which lets it go once it holds the rows as UTF-8 bytes
    (a 200 MB log is never held as text and bytes at once). Leaving the block
    empties ``table.frame``: take (``frame.pop``) the columns to keep inside it.
    What the rest held is then handed back (the memory stage ``"text"``), before
    the reader builds its rows.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from reflection_kit.sources._input import Input
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = pathlib.Path(d) / "t.csv"
    ...     _ = p.write_text("a,b\n1,2\n", encoding="utf-8")
    ...     inp = Input.open(p)
    ...     with text_table(inp, inp.names()[0], where="t.csv") as (tab, enc):
    ...         kept = tab.frame.pop(1)
    ...     (tab.header, kept.tolist(), tab.frame.shape[1], enc)
    (['a', 'b'], ['2'], 0, 'utf-8')
    """
    data = inp.read_bytes(name)
    tab = _read_utf8(data, where=where) if plain_utf8(data) else None
    if tab is not None:
        enc = "utf-8"
        del data
    else:
        text, enc = decode_text(data)
        del data
        if not text or text.isspace():  # (strip() would copy a 200 MB file)
            yield None, enc
            return
        box = [text]  # this function keeps no name for the text while it is parsed
        del text
        tab = read_delimited(box.pop(), where=where)
    try:
        yield tab, enc
    finally:
        rows = len(tab.frame)
        for c in list(tab.frame.columns):
            del tab.frame[c]
        _memory.checkpoint("text", rows)


#: An ASCII character that is not white space: a line holding one is not blank.
_GRAPHIC = re.compile(rb"[!-~]")


def _utf8(data: bytes) -> bool:
    """Whether ``data`` is valid UTF-8, checked by pyarrow in place (no text is made).

    ASCII is UTF-8. Other bytes are looked at as one pyarrow string over the same
    buffer, whose full validation checks the encoding as Python's strict decoder does
    (surrogates, overlong forms and code points past U+10FFFF are refused).
    """
    if data.isascii():
        return True
    offsets = np.array([0, len(data)], dtype=np.int64)
    value = pa.Array.from_buffers(
        pa.large_string(), 1, [None, pa.py_buffer(offsets), pa.py_buffer(data)]
    )
    try:
        value.validate(full=True)
    except pa.ArrowInvalid:
        return False
    return True


def _read_utf8(data: bytes, *, where: str) -> Delimited | None:
    """``read_delimited(data.decode("utf-8"))`` read from the bytes themselves, or None.

    For bytes :func:`._input.plain_utf8` accepts: their text is their UTF-8 decoding,
    so pyarrow may parse them as they are, once they are checked to be UTF-8, without
    decoding the file to text and encoding it back. None whenever the text would say
    more than the bytes can: bytes that are not UTF-8, a blank header line, a header too
    wide, nothing after it, rows with the wrong number of fields (their raw text is
    quoted from the decoded file), or rows the fast path cannot read. The caller then
    decodes the file and reads it with :func:`read_delimited`.
    """
    if not _utf8(data):
        return None  # (pyarrow would stop at the first value that is not UTF-8 anyway)
    body = data.lstrip(b"\n")
    lead = len(data) - len(body)
    end = body.find(b"\n")
    line = body if end < 0 else body[:end]
    if end < 0 or not _GRAPHIC.search(line):
        return None
    header_line = line.decode("utf-8")  # (cut at a newline: whole characters)
    delimiter = sniff_delimiter(header_line)
    header, _ = _split_header(header_line, delimiter)
    ncols = len(header)
    if not ncols or ncols > MAX_COLUMNS or end + 1 == len(body):
        return None
    out = _read_fast(body, ncols, delimiter, start=end + 1)
    del body
    if out is None or out[2]:
        return None
    return _assembled(header, out, lead + 1, delimiter)


def _read_fast(
    data: bytes, ncols: int, delimiter: str, start: int = 0
) -> tuple[pd.DataFrame, np.ndarray, list[tuple[int, str, int]]] | None:
    """The rows after the header (UTF-8 ``data`` from byte ``start`` on: not copied) read by
    pyarrow, or None to fall back."""
    view = memoryview(data)[start:]
    names = [f"c{i}" for i in range(ncols)]
    bad_rows: list[tuple[str, int]] = []

    def on_bad(row: Any) -> str:
        bad_rows.append((row.text, row.actual_columns))
        return "skip"

    _memory.checkpoint("parse", nbytes=len(view))
    try:
        table = pacsv.read_csv(
            pa.BufferReader(pa.py_buffer(view)),
            read_options=pacsv.ReadOptions(column_names=names, block_size=1 << 22),
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter,
                newlines_in_values=data.find(b'"', start) >= 0,
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
    n_lines = _newlines(view) + (0 if data.endswith(b"\n") or not view else 1)
    del view
    nonblank = np.arange(2, n_lines + 2)
    if (n_good + len(bad_rows) != n_lines or bad_rows) and start:
        data = data[start:]  # (the rare paths below search the rows' own bytes)
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
    _memory.checkpoint("parsed", len(frame))
    return frame, nonblank.astype(np.int64), bad


#: Bytes searched at once by :func:`_newlines`.
_COUNT_SLICE = 1 << 24


def _newlines(data: bytes | memoryview) -> int:
    """``data.count(b"\\n")``, by numpy (about twice as quick), in slices of 16 MiB."""
    view = np.frombuffer(data, dtype=np.uint8)
    return sum(
        int(np.count_nonzero(view[lo : lo + _COUNT_SLICE] == 10))
        for lo in range(0, len(view), _COUNT_SLICE)
    )


def _empty_values(col: pd.Series) -> np.ndarray:
    """``(col.str.len() == 0).to_numpy()``: from the offsets of a text column's chunks."""
    arr = col.array._pa_array if is_text(col.dtype) else None
    if arr is None or arr.null_count or not arr.num_chunks:
        return (col.str.len() == 0).to_numpy(dtype=bool, copy=True)
    return np.concatenate([np.diff(string_buffers(ch)[0]) == 0 for ch in arr.chunks])


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
