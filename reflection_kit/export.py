"""Tidy tables for spreadsheets: CSV (and XLSX when openpyxl is installed), written safely.

:func:`export` writes any frame reflection-kit returns (a journal or urge frame,
``rk.daily``, ``rk.streaks``, a load report's problems) so that a coach or a
participant can open it in Excel, LibreOffice or Google Sheets:

* **Formula injection is neutralised** (OWASP, "CSV Injection"): a spreadsheet
  runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula, and a
  leading tab or carriage return can hide one. Journal text is free text written
  by anyone (a pasted message, a note such as ``=HYPERLINK(...)``), so every
  *text* cell that starts with one of these six characters gets a leading
  apostrophe (``'=1+1``), which makes every spreadsheet show it as text.
  Numbers stay numbers: a negative intensity in a numeric column is written as
  ``-1``. Column names are cells too and are treated the same way.
* **Whatever the list separator**: spreadsheets in German, French or Dutch
  locales split CSV fields on ``;``. Every text cell holding ``;`` or ``,`` is
  quoted, and inside a text cell every part that follows a ``;`` or ``,`` and
  starts (after spaces) with one of the six characters gets an apostrophe too
  (``x;'=1+1;y``), so no reading of the file can turn a part into a formula.
* **Characters a workbook cannot hold**: XLSX (XML 1.0) has no room for control
  characters such as ``\\x00``, ``\\x08``, ``\\x0b`` or ``\\x1b`` (common in pasted
  text). In an XLSX file each becomes U+FFFD, and a :class:`ExportWarning` says
  how many cells were changed. CSV keeps them as they are.
* **Lists** (``tags``, Daylio ``activities``) are joined with ``"; "``.
* **Times**: tz-aware timestamps are written in ISO 8601 with their offset
  (``2025-03-03 21:11:00+01:00``); naive ones as written; a column of midnights
  (``date``) as plain days (``2025-03-03``). Missing values are empty cells.
* **Files** are written atomically (a temporary file in the same folder, then a
  rename) with owner-only permissions (0600), through
  :func:`reflection_kit.privacy.write_private`. An existing file is never
  replaced unless ``force=True``.

CSV is UTF-8 with a byte-order mark (so Excel shows accents correctly), comma
separated, every field quoted when needed (RFC 4180), CRLF line ends.
"""

from __future__ import annotations

import io
import math
import os
import re
import warnings
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .privacy import write_private

__all__ = ["FORMULA_PREFIXES", "ExportWarning", "export", "neutralise"]

#: A text cell starting with one of these is prefixed with an apostrophe (OWASP).
FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
_FORMATS = ("csv", "xlsx")
_LIST_SEPARATOR = "; "
# a part after a list separator (";" or ","), with the spaces before it
_AFTER_SEPARATOR = re.compile(r"([;,][ ]*)(?=[=+\-@\t\r])")
# the characters openpyxl refuses (XML 1.0 has no place for them)
_ILLEGAL_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_CSV_QUOTE = frozenset(',;"\r\n')


class ExportWarning(UserWarning):
    """Some cells were changed so that the file could be written (which and how many)."""


def neutralise(text: str) -> str:
    """Make one text cell safe to open in a spreadsheet.

    Parameters
    ----------
    text : str
        The cell's text.

    Returns
    -------
    str
        ``text`` with a leading apostrophe when it starts with ``=``, ``+``,
        ``-``, ``@``, a tab or a carriage return, and an apostrophe before every
        part that follows a ``;`` or ``,`` (and spaces) and starts with one of them
        (a semicolon-separated spreadsheet would read each part as a cell);
        otherwise ``text`` unchanged.

    Examples
    --------
    >>> from reflection_kit.export import neutralise
    >>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("fine"), neutralise("-2 days")
    ('\\'=HYPERLINK("http://x")', 'fine', "'-2 days")
    >>> neutralise("x;=1+1;y"), neutralise("calm, +1 walk")
    ("x;'=1+1;y", "calm, '+1 walk")
    """
    text = _AFTER_SEPARATOR.sub(r"\1'", text)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, np.datetime64 | np.timedelta64):
        return bool(np.isnat(value))
    return False


def _text(value: Any) -> str:
    """Any non-numeric value as the text of one cell (not yet neutralised)."""
    if isinstance(value, list | tuple | set | frozenset | np.ndarray | pd.Series):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else list(value)
        return _LIST_SEPARATOR.join("" if _missing(v) else _text(v) for v in items)
    if isinstance(value, pd.Timestamp | datetime):
        ts = pd.Timestamp(value)
        return str(ts.date()) if ts.tz is None and ts == ts.normalize() else str(ts)
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)


def _is_number(dtype: Any) -> bool:
    if isinstance(dtype, pd.CategoricalDtype):
        return False
    return pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype)


def _column_cells(s: pd.Series, *, excel: bool) -> list[Any]:
    """One column as cell values: numbers as numbers, everything else as safe text."""
    values = s.tolist()
    if _is_number(s.dtype):
        out: list[Any] = []
        for v in values:
            if _missing(v) or (isinstance(v, float) and not math.isfinite(v)):
                out.append(None if _missing(v) else str(v))
            else:
                out.append(v.item() if isinstance(v, np.generic) else v)
        return out
    if pd.api.types.is_bool_dtype(s.dtype):
        return [None if _missing(v) else bool(v) for v in values]
    if isinstance(s.dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_dtype(s.dtype):
        naive = not isinstance(s.dtype, pd.DatetimeTZDtype)
        dates_only = naive and bool((s.dropna() == s.dropna().dt.normalize()).all())
        out = []
        for v in values:
            if _missing(v):
                out.append(None)
            elif excel and naive:  # a real date cell in a workbook
                out.append(v.date() if dates_only else v.to_pydatetime())
            elif dates_only:
                out.append(str(v.date()))
            else:
                out.append(str(v))
        return out
    return [None if _missing(v) else neutralise(_text(v)) for v in values]


def _table(frame: pd.DataFrame, *, excel: bool) -> tuple[list[str], list[list[Any]]]:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(
            f"`frame` must be a pandas DataFrame, got {type(frame).__name__}. Suggestion: "
            "pass a frame such as rk.read_journal(...) or rk.daily(...)."
        )
    df = frame
    if not isinstance(df.index, pd.RangeIndex) or df.index.name is not None:
        df = df.reset_index()  # a meaningful index (the `date` of rk.daily) becomes a column
    header = [neutralise(_text(c)) for c in df.columns]
    columns = [_column_cells(df.iloc[:, i], excel=excel) for i in range(df.shape[1])]
    rows = [list(r) for r in zip(*columns, strict=True)] if columns else []
    return header, rows


def _csv_field(value: Any) -> str:
    """One CSV field: text holding ``,`` ``;`` ``"`` or a line break is quoted (RFC 4180)."""
    if value is None:
        return ""
    text = repr(value) if isinstance(value, float) else str(value)
    if isinstance(value, str) and (_CSV_QUOTE & set(text) or text != text.strip(" ")):
        return '"' + text.replace('"', '""') + '"'
    return text


def _csv_line(values: list[Any]) -> str:
    line = ",".join(_csv_field(v) for v in values)
    return '""' if line == "" and len(values) == 1 else line  # keep a row of one empty cell


def _csv_bytes(header: list[str], rows: Iterable[list[Any]]) -> bytes:
    lines = [_csv_line(header)] + [_csv_line(row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8-sig")


def _xlsx_safe(value: Any) -> tuple[Any, bool]:
    """``value`` without the control characters a workbook cannot hold; whether it changed."""
    if isinstance(value, str) and _ILLEGAL_XLSX.search(value):
        return _ILLEGAL_XLSX.sub("\ufffd", value), True
    return value, False


def _xlsx_bytes(header: list[str], rows: Iterable[list[Any]]) -> bytes:
    try:
        # deferred: openpyxl (optional `xlsx` extra, ~0.2 s) only writes .xlsx
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
    except ImportError:
        raise ImportError(
            "writing .xlsx needs the optional package openpyxl, which is not installed. "
            "Suggestion: `pip install openpyxl` (or `pip install reflection-kit[xlsx]`), or "
            "export to .csv (every spreadsheet opens it): rk.export(frame, 'table.csv')."
        ) from None
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("data")

    def cell(v: Any) -> Any:
        c = WriteOnlyCell(ws, value=v)
        if isinstance(v, str):
            c.data_type = "s"  # never a formula, even if neutralise() was bypassed
        return c

    changed = 0

    def clean(values: Iterable[Any]) -> list[Any]:
        nonlocal changed
        out = []
        for v in values:
            safe, was = _xlsx_safe(v)
            changed += was
            out.append(cell(safe))
        return out

    ws.append(clean(header))
    for row in rows:
        ws.append(clean(row))
    buf = io.BytesIO()
    wb.save(buf)
    if changed:
        warnings.warn(
            f"{changed} cell(s) held control characters that a workbook cannot hold "
            "(for example \\x00, \\x08, \\x0b or \\x1b, common in pasted text); each was "
            "replaced with U+FFFD (\ufffd). Suggestion: export to .csv to keep them as they are.",
            ExportWarning,
            stacklevel=3,
        )
    return buf.getvalue()


def _format_of(path: Path, format: str | None) -> str:
    if format is not None:
        fmt = str(format).lower().lstrip(".")
        if fmt not in _FORMATS:
            raise ValueError(
                f"`format` must be 'csv' or 'xlsx', got {format!r}. Suggestion: leave it out "
                "to take it from the file name."
            )
        return fmt
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in _FORMATS:
        raise ValueError(
            f"cannot tell the format of {path.name!r} from its suffix {path.suffix!r}. "
            "Suggestion: name the file .csv or .xlsx, or pass format='csv'."
        )
    return suffix


def export(
    frame: pd.DataFrame,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    force: bool = False,
) -> Path:
    """Write a frame to a CSV or XLSX file that is safe to open in a spreadsheet.

    Text cells that a spreadsheet would run as a formula (starting with ``=``,
    ``+``, ``-``, ``@``, a tab or a carriage return) get a leading apostrophe;
    numbers stay numbers, lists are joined with ``"; "``. The file is written
    atomically with owner-only permissions (0600).

    Parameters
    ----------
    frame : pandas.DataFrame
        Any frame, for example from :func:`reflection_kit.read_journal` or
        :func:`reflection_kit.daily`. A named or non-default index (the ``date``
        of ``rk.daily``) is written as the first column.
    path : str or path-like
        The file to write. Its folder is created (mode 0700) when missing.
    format : {"csv", "xlsx"}, optional
        Taken from the suffix of ``path`` when not given.
    force : bool, default False
        Replace an existing file. Without it an existing file is left alone.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    FileExistsError
        ``path`` exists and ``force`` is False.
    ValueError
        The format is neither CSV nor XLSX.
    ImportError
        XLSX was asked for but the optional package ``openpyxl`` is not installed.

    Examples
    --------
    >>> import os, tempfile
    >>> import pandas as pd
    >>> from reflection_kit.export import export
    >>> frame = pd.DataFrame({"note": ["=1+1", "calm"], "intensity": [-1.0, 4.0]})
    >>> path = export(frame, os.path.join(tempfile.mkdtemp(), "urges.csv"))
    >>> path.read_text(encoding="utf-8-sig").splitlines()
    ['note,intensity', "'=1+1,-1.0", 'calm,4.0']
    >>> oct(path.stat().st_mode & 0o777)
    '0o600'
    """
    target = Path(path).expanduser()
    fmt = _format_of(target, format)
    if target.exists() and not force:
        raise FileExistsError(
            f"{target} already exists; nothing was written. Suggestion: choose another name, "
            "or pass force=True to replace it."
        )
    header, rows = _table(frame, excel=fmt == "xlsx")
    data = _csv_bytes(header, rows) if fmt == "csv" else _xlsx_bytes(header, rows)
    return write_private(target, data, force=force)
