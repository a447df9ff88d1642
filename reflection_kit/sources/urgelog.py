"""The reflection-kit urge log: a spreadsheet with one row per urge.

This format is ours. Keep it in any spreadsheet (LibreOffice Calc, Excel,
Google Sheets, Numbers) and export it with *File → Save as / Download → CSV*
(or tab-separated values). Start from the template (``reflection-kit template``,
the header row only) or the example (``reflection-kit template --example``, three
made-up urges); the section below describes every column.

Urge log v1
-----------
* CSV (comma; a semicolon also works) or TSV, one header row, one row per urge.
  UTF-8 with or without BOM; UTF-16 and Windows-1252 re-saves are read too.
* Columns ``timestamp,kind,intensity,acted,trigger,coping,note``. Header names
  are matched without case, spaces or underscores, through synonyms
  (``strength`` for ``intensity``, ``gave in`` for ``acted``, ...). A
  ``resisted`` column means the inverse of ``acted``. ``columns=`` maps your own
  names first.
* ``timestamp``: ``YYYY-MM-DD HH:MM`` wall clock (seconds optional, ``T``
  allowed); an ISO offset (``+02:00``, ``Z``) makes it an absolute instant; a
  ``date`` + ``time`` pair also works. A date without a time is placed at 12:00
  with ``time_known`` False.
* ``kind``: the person's own words or a kind name, mapped through the alias
  table (:mod:`reflection_kit.kinds`) and ``kinds=``; the words go to ``label``.
* ``intensity``: 0-10 or empty. ``acted``: yes/no/true/false/y/n/1/0 or empty.

Whole-file problems (no ``timestamp`` or ``kind`` column) raise
:class:`~reflection_kit.errors.SchemaError`; a bad row is a problem of that row
(``urges.csv line 12``) and the other rows load.
"""

from __future__ import annotations

import csv
import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from ..frames import COPING_STRATEGIES, URGE_KIND_DTYPE
from ..kinds import map_kinds
from ._base import ReadContext, Source
from ._columns import norm_name, resolve_columns, schema_error
from ._csv_engine import Delimited, sniff_delimiter, text_table
from ._input import Input, decode_text
from ._text_columns import factorized, numbered, stripped
from ._times import Times, parse_times

__all__ = ["SOURCES", "SYNONYMS", "TEMPLATE_COLUMNS", "write_urge_log_template"]

#: The canonical header, in order.
TEMPLATE_COLUMNS: tuple[str, ...] = (
    "timestamp",
    "kind",
    "intensity",
    "acted",
    "trigger",
    "coping",
    "note",
)

#: Our column -> header names that mean it (matched without case, spaces or ``_``).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "timestamp": ("time", "datetime", "date_time", "when", "logged_at"),
    "date": (),
    "kind": ("urge", "type", "what", "label", "urge_kind"),
    "intensity": ("strength", "urge_strength", "level", "rating", "intensity_0_10"),
    "acted": ("gave_in", "gave in", "acted_on", "did_it", "lapsed"),
    "resisted": ("held_off",),
    "trigger": ("cue", "situation"),
    "coping": ("strategy", "coping_strategy", "what_helped", "helped"),
    "note": ("notes", "comment", "comments"),
}
_TEXT_COLUMNS = {"text", "body", "entry", "content", "journal"}
_TRUE = {"yes", "y", "true", "1"}
_FALSE = {"no", "n", "false", "0"}
_COPING = {norm_name(c): c for c in COPING_STRATEGIES}
_TIME_ONLY = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?"
_SUFFIXES = (".csv", ".tsv", ".txt")


def _head_line(inp: Input) -> str:
    """The first non-blank line of a single file (reads at most 64 KiB)."""
    with open(inp.path, "rb") as fh:
        data = fh.read(1 << 16)
    text, _ = decode_text(data)
    for line in text.split("\n"):
        if line.strip():
            return line
    return ""


def _header_columns(line: str) -> dict[str, int]:
    header = next(csv.reader([line], delimiter=sniff_delimiter(line)), [])
    found, _ = resolve_columns([h.strip() for h in header], SYNONYMS, None)
    return found


def _detect(inp: Input) -> str | None:
    if inp.kind != "file":
        return "not a single file (an urge log is one .csv or .tsv file)"
    if inp.path.suffix.lower() not in _SUFFIXES:
        return "not a .csv, .tsv or .txt file"
    line = _head_line(inp)
    if not line:
        return "the file is empty"
    cols = _header_columns(line)
    if "timestamp" not in cols and "date" not in cols:
        return "no timestamp column in the header"
    if "kind" not in cols:
        return "no kind column in the header"
    header = {norm_name(h) for h in line.replace("\t", ",").replace(";", ",").split(",")}
    text_cols = header & _TEXT_COLUMNS
    if text_cols and not {"intensity", "acted", "resisted"} & set(cols):
        return f"has a journal text column ({sorted(text_cols)[0]!r}): looks like a journal"
    return None


def _flag(value: str) -> tuple[bool, bool, bool]:
    """(is_true, is_false, is_bad) for one yes/no value."""
    v = value.strip().casefold()
    if not v:
        return False, False, False
    return v in _TRUE, v in _FALSE, v not in _TRUE and v not in _FALSE


def _yes_no(col: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    codes, uniq = factorized(col)
    table = np.array([_flag(u) for u in uniq], dtype=bool).reshape(-1, 3)
    return table[codes, 0], table[codes, 1], table[codes, 2]


def _number(value: str) -> tuple[float, bool]:
    v = value.strip()
    if not v:
        return math.nan, False
    try:
        x = float(v.replace(",", ".")) if v.count(",") == 1 and "." not in v else float(v)
    except ValueError:
        return math.nan, True
    if not math.isfinite(x) or x < 0 or x > 10:
        return math.nan, True
    return x, False


def _shown(value: str) -> str:
    """A number as written, anything else quoted: 14, 'high'."""
    try:
        float(value)
    except ValueError:
        return repr(value)
    return value


def _coping(value: str) -> str:
    v = value.strip()
    return _COPING.get(norm_name(v), v) if v else ""


@dataclass
class _Issue:
    """The rows with one kind of problem, and the message for one of them (by position)."""

    rows: np.ndarray
    reason: Callable[[int], str]


@dataclass
class _Log:
    """The log's rows as text (``tab``), with our columns found in its header (``cols``)."""

    tab: Delimited
    cols: dict[str, int]
    where: str

    def column(self, ours: str, *, strip: bool = True) -> pd.Series:
        """Our column ``ours`` as written, stripped of surrounding space by default."""
        s = self.tab.frame[self.cols[ours]]
        return stripped(s) if strip else s

    def name(self, ours: str) -> str:
        """How messages name a column: `intensity`, or `strength` (intensity)."""
        theirs = self.tab.header[self.cols[ours]]
        return f"`{ours}`" if norm_name(theirs) == ours else f"`{theirs}` ({ours})"


def _read(inp: Input, ctx: ReadContext) -> pd.DataFrame | list[dict]:
    """Read the log in named steps: find it, read its table, parse each column, assemble."""
    name = _log_member(inp)
    where = inp.where(name)
    with text_table(inp, name, where=where) as (tab, enc):
        if enc not in ("utf-8", "utf-8-sig"):
            ctx.note(f"{where} is not UTF-8; it was read as {enc}")
        if tab is None:
            ctx.note(f"{where} is empty: there were no urges to read")
            return []
        log = _Log(tab, _find_columns(tab, where, ctx), where)
        ctx.found(len(tab.frame) + len(tab.bad))
        if tab.empty_rows:
            ctx.note(f"{where}: {tab.empty_rows} empty row(s) were skipped")
        times, time_issues = _when(log)
        kind, label = _kinds(log, ctx)
        intensity, intensity_issues = _intensity(log)
        acted, acted_issues = _acted(log)
        # the messages' order within a row: time, intensity, acted/resisted
        bad = _report(ctx, log, [*time_issues, *intensity_issues, *acted_issues])
        del time_issues, intensity_issues, acted_issues  # they quote the raw columns
        extra = _kept_text(log)
    # the table's other text is gone: only the parsed columns are left
    parsed = {"kind": kind, "label": label, "intensity": intensity, "acted": acted}
    return _assemble(where, times, parsed, extra, tab.lines, ~bad, ctx)


def _log_member(inp: Input) -> str:
    """The name of the one log file in ``inp`` (a file, or a zip or folder holding one)."""
    names = inp.names()
    if inp.kind != "file":
        names = [n for n in names if n.lower().endswith(_SUFFIXES)]
        if len(names) != 1:
            raise schema_error(
                f"{inp.display}: the urge log is a single .csv or .tsv file, but this "
                f"{'zip' if inp.kind == 'zip' else 'folder'} holds {len(names)} such files. "
                "Suggestion: pass the urge log file itself.",
                columns=[],
                location=inp.display,
            )
    return names[0]


def _find_columns(tab: Delimited, where: str, ctx: ReadContext) -> dict[str, int]:
    """Our column -> header position; a log without a time or a kind column is refused."""
    cols, notes = resolve_columns(tab.header, SYNONYMS, ctx.columns)
    for n in notes:
        ctx.note(f"{where}: {n}")
    missing = [c for c in ("timestamp", "kind") if c not in cols]
    if missing == ["timestamp"] and "date" in cols:
        missing = []
    if missing:
        raise schema_error(
            f"{where}: the urge log has no {' or '.join(f'`{m}`' for m in missing)} column. "
            f"The header found is {tab.header}. Suggestion: name the columns "
            f"{','.join(TEMPLATE_COLUMNS)} (`reflection-kit template urges.csv` writes them), "
            "or map yours with "
            "columns={'Your name': 'timestamp', ...}.",
            columns=missing,
            location=where,
        )
    return cols


def _when(log: _Log) -> tuple[Times, list[_Issue]]:
    """When each urge happened: a ``timestamp``, a ``date`` + time pair, or a ``date``."""
    if "timestamp" in log.cols:
        when = log.column("timestamp", strip=False)  # parse_times strips
        if "date" in log.cols:
            day = log.column("date")
            time_only = when.str.fullmatch(_TIME_ONLY).to_numpy(dtype=bool)
            when = when.where(~time_only, day + " " + when)
            when = when.where(when != "", day)
        ts_name = log.name("timestamp")
    else:
        when = log.column("date")
        ts_name = log.name("date")
    times = parse_times(when)
    empty = _Issue(
        times.empty,
        lambda i: (
            f"{ts_name} is empty. Suggestion: write when the urge happened as "
            "YYYY-MM-DD HH:MM, for example 2025-03-04 20:15."
        ),
    )
    unreadable = _Issue(
        ~times.ok & ~times.empty,
        lambda i: (
            f"{ts_name} must look like YYYY-MM-DD HH:MM (for example 2025-03-04 "
            f"20:15), got {when.iat[i]!r}. Suggestion: format the column as text or as "
            "yyyy-mm-dd hh:mm in your spreadsheet before exporting."
        ),
    )
    return times, [empty, unreadable]


def _kinds(log: _Log, ctx: ReadContext) -> tuple[pd.Categorical, pd.Series]:
    """Each urge's kind (through the alias table, once per distinct label) and its label."""
    label = log.column("kind")
    codes, uniq = factorized(label)
    kinds_of_uniq = map_kinds(pd.Series(list(uniq), dtype=object), ctx.kinds)
    kinds_of_uniq = kinds_of_uniq.where(kinds_of_uniq.isin(URGE_KIND_DTYPE.categories), "other")
    return pd.Categorical(kinds_of_uniq, dtype=URGE_KIND_DTYPE).take(codes), label


def _intensity(log: _Log) -> tuple[np.ndarray, list[_Issue]]:
    """Intensity 0-10 (NaN where empty or not such a number), read once per distinct value."""
    n = len(log.tab.frame)
    if "intensity" not in log.cols:
        return np.full(n, np.nan), []
    raw = log.column("intensity", strip=False)  # _number strips each distinct value
    codes, uniq = factorized(raw)
    if not len(uniq):
        return np.full(n, np.nan), []
    parsed = [_number(u) for u in uniq]
    values = np.array([p[0] for p in parsed], dtype=float)
    bad = np.array([p[1] for p in parsed], dtype=bool)
    i_name = log.name("intensity")
    issue = _Issue(
        bad[codes],
        lambda i: (
            f"{i_name} must be a number from 0 to 10, got {_shown(raw.iat[i])}. "
            "Suggestion: use 0 (barely there) to 10 (the strongest), or leave it "
            "empty."
        ),
    )
    return values[codes], [issue]


def _acted(log: _Log) -> tuple[pd.arrays.BooleanArray, list[_Issue]]:
    """Whether each urge was acted on: ``acted``, or ``resisted`` as its inverse, or both."""
    n = len(log.tab.frame)
    issues: list[_Issue] = []
    acted_true = np.zeros(n, dtype=bool)
    acted_false = np.zeros(n, dtype=bool)
    for ours, invert in (("acted", False), ("resisted", True)):
        if ours not in log.cols:
            continue
        raw_yn = log.column(ours, strip=False)  # _flag strips each distinct value
        yes, no, bad = _yes_no(raw_yn)
        if invert:
            yes, no = no, yes
        name_yn = log.name(ours)
        issues.append(
            _Issue(
                bad,
                lambda i, raw_yn=raw_yn, name_yn=name_yn: (
                    f"{name_yn} must be yes or no "
                    f"(y/n, true/false or 1/0 also work), got {raw_yn.iat[i]!r}. Suggestion: "
                    "leave it empty when you are not sure."
                ),
            )
        )
        if ours == "resisted" and "acted" in log.cols:
            clash = (yes & acted_false) | (no & acted_true)
            issues.append(
                _Issue(
                    clash,
                    lambda i: (
                        "`acted` and `resisted` disagree on this row. Suggestion: "
                        "keep only one of the two columns, or fix this row."
                    ),
                )
            )
            fill = ~(acted_true | acted_false)
            yes, no = acted_true | (yes & fill), acted_false | (no & fill)
        acted_true, acted_false = yes, no
    return pd.arrays.BooleanArray(acted_true, ~(acted_true | acted_false)), issues


def _kept_text(log: _Log) -> dict[str, pd.Series]:
    """The free-text columns kept as they are (stripped), taken out of the log's table."""
    extra = {}
    for ours in ("trigger", "coping", "note"):  # absent columns are filled by the finaliser
        if ours in log.cols:
            value = stripped(log.tab.frame.pop(log.cols[ours]))
            extra[ours] = _coping_column(value) if ours == "coping" else value
    return extra


def _assemble(
    where: str,
    times: Times,
    parsed: dict[str, object],
    extra: dict[str, pd.Series],
    lines: np.ndarray,
    good: np.ndarray,
    ctx: ReadContext,
) -> pd.DataFrame:
    """The rows without problems, as the finaliser takes them."""
    out = pd.DataFrame(
        {
            "local_time": times.local,
            "time_known": times.time_known,
            **parsed,
            "origin": numbered(where + " line ", lines),
            **extra,
        }
    )
    extra.clear()
    if times.any_instant:
        out["instant"] = pd.Series(times.instant).dt.tz_localize("UTC")
    if not times.time_known[good].all():
        k = int((~times.time_known[good]).sum())
        ctx.note(
            f"{where}: {k} urge(s) have a date but no time; they were placed at 12:00 "
            "(time_known is False for them)"
        )
    return out.loc[good].reset_index(drop=True) if not good.all() else out


def _coping_column(values: pd.Series) -> pd.Series:
    """Coping values with the recognised strategies spelled as ours ("Urge Surfing")."""
    _, uniq = factorized(values)  # (the ids' hashing factorises the same column again)
    changed = {u: _coping(u) for u in uniq if _coping(u) != u}
    return values.replace(changed) if changed else values


def _report(ctx: ReadContext, log: _Log, issues: list[_Issue]) -> np.ndarray:
    """Report the bad rows and the rows with the wrong number of fields, in line order.

    Returns which rows of the table have a problem (they are not loaded).
    """
    tab = log.tab
    bad_any = np.zeros(len(tab.frame), dtype=bool)
    for issue in issues:
        bad_any |= issue.rows
    ncols = len(tab.header)
    found: list[tuple[int, str, str]] = [
        (
            line,
            f"the row has {nf} field(s) but the header has {ncols}. Suggestion: put text "
            "that contains the separator in double quotes, or look for a missing or extra "
            "separator on this line.",
            raw,
        )
        for line, raw, nf in tab.bad
    ]
    for i in np.flatnonzero(bad_any):
        reasons = [issue.reason(i) for issue in issues if issue.rows[i]]
        raw = tab.delimiter.join(tab.frame.iloc[i].tolist())
        found.append((int(tab.lines[i]), " Also: ".join(reasons), raw))
    for line, reason, raw in sorted(found, key=lambda t: t[0]):
        ctx.problem(f"{log.where} line {line}", reason, raw)
    return bad_any


def write_urge_log_template(path: str | os.PathLike[str]) -> Path:
    """Write an empty urge-log template (the header row only) to ``path``.

    It loads as 0 urges with no problems until rows are added.
    ``reflection-kit template --example`` writes three made-up example rows to copy from
    (a separate file, because every row of an urge log loads as a real urge).

    Parameters
    ----------
    path : str or path-like
        Where to write the CSV file. An existing file is never overwritten.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    FileExistsError
        When ``path`` already exists.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from reflection_kit.sources.urgelog import write_urge_log_template
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = write_urge_log_template(pathlib.Path(d) / "urges.csv")
    ...     p.read_text(encoding="utf-8").splitlines()
    ['timestamp,kind,intensity,acted,trigger,coping,note']
    """
    return write_shipped("urge_log_template.csv", path, "template")


def write_shipped(name: str, path: str | os.PathLike[str], what: str) -> Path:
    """Copy the shipped file ``reflection_kit/data/<name>`` to ``path``, never overwriting.

    Raises
    ------
    FileExistsError
        When ``path`` already exists (the message names the ``what`` and the way out).
    """
    p = Path(path).expanduser()
    data = resources.files("reflection_kit").joinpath("data", name).read_bytes()
    try:
        with open(p, "xb") as fh:
            fh.write(data)
    except FileExistsError:
        raise FileExistsError(
            f"{p} already exists; the {what} never overwrites a file. Suggestion: choose "
            "another name, or move the existing file away first."
        ) from None
    return p


SOURCES = [
    Source(
        name="urgelog",
        kind="urges",
        description="reflection-kit urge log: a spreadsheet with one row per urge (CSV or TSV)",
        patterns=("*.csv", "*.tsv", "*.txt"),
        how_to_export=(
            "Start from the template (`reflection-kit template urges.csv`, or "
            "rk.write_urge_log_template), one row per urge; File → Save as / Download → CSV"
        ),
        detect=_detect,
        read=_read,
        options={},
    )
]
