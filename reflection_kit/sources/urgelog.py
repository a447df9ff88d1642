"""The reflection-kit urge log: a spreadsheet with one row per urge.

This format is ours. Keep it in any spreadsheet (LibreOffice Calc, Excel,
Google Sheets, Numbers) and export it with *File → Save as / Download → CSV*
(or tab-separated values). Start from the template (``write_urge_log_template``
or ``reflection_kit/data/urge_log_template.csv``); the section below describes
every column.

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

import math
import os
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from ..frames import COPING_STRATEGIES, URGE_KIND_DTYPE
from ..kinds import map_kinds
from ._base import ReadContext, Source
from ._input import Input, decode_text
from ._tabular import (
    norm_name,
    numbered,
    parse_times,
    read_delimited,
    release_memory,
    resolve_columns,
    schema_error,
    sniff_delimiter,
    stripped,
)

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
    import csv

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
    codes, uniq = pd.factorize(col, use_na_sentinel=False)
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


def _label(header: list[str], cols: dict[str, int], ours: str) -> str:
    theirs = header[cols[ours]]
    return f"`{ours}`" if norm_name(theirs) == ours else f"`{theirs}` ({ours})"


def _read(inp: Input, ctx: ReadContext) -> pd.DataFrame | list[dict]:
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
    name = names[0]
    where = inp.where(name)
    text, enc = inp.read_text(name)
    if enc not in ("utf-8", "utf-8-sig"):
        ctx.note(f"{where} is not UTF-8; it was read as {enc}")
    if not text or text.isspace():  # (strip() would copy a 200 MB file)
        ctx.note(f"{where} is empty: there were no urges to read")
        return []
    # hand the text over, so that the reader can let it go once it holds the rows as bytes
    # (a 200 MB log: this function keeps no name for it)
    box = [text]
    del text
    tab = read_delimited(box.pop(), where=where)
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
    frame, lines = tab.frame, tab.lines
    n = len(frame)
    ctx.found(n + len(tab.bad))
    if tab.empty_rows:
        ctx.note(f"{where}: {tab.empty_rows} empty row(s) were skipped")

    def col(ours: str, strip: bool = True) -> pd.Series:
        s = frame[cols[ours]]
        return stripped(s) if strip else s

    issues: list[tuple[np.ndarray, object]] = []

    # time: a full timestamp, or a date + time pair
    if "timestamp" in cols:
        when = col("timestamp", strip=False)  # parse_times strips
        if "date" in cols:
            day = col("date")
            time_only = when.str.fullmatch(_TIME_ONLY).to_numpy(dtype=bool)
            when = when.where(~time_only, day + " " + when)
            when = when.where(when != "", day)
        ts_name = _label(tab.header, cols, "timestamp")
    else:
        when = col("date")
        ts_name = _label(tab.header, cols, "date")
    times = parse_times(when)
    release_memory(n)  # pyarrow's cache of what parsing freed (a 200 MB log: hundreds of MB)
    issues.append(
        (
            times.empty,
            lambda i: (
                f"{ts_name} is empty. Suggestion: write when the urge happened as "
                "YYYY-MM-DD HH:MM, for example 2025-03-04 20:15."
            ),
        )
    )
    issues.append(
        (
            ~times.ok & ~times.empty,
            lambda i: (
                f"{ts_name} must look like YYYY-MM-DD HH:MM (for example 2025-03-04 "
                f"20:15), got {when.iat[i]!r}. Suggestion: format the column as text or as "
                "yyyy-mm-dd hh:mm in your spreadsheet before exporting."
            ),
        )
    )

    # kind -> the alias table, once per distinct label
    label = col("kind")
    codes, uniq = pd.factorize(label, use_na_sentinel=False)
    kinds_of_uniq = map_kinds(pd.Series(list(uniq), dtype=object), ctx.kinds)
    kinds_of_uniq = kinds_of_uniq.where(kinds_of_uniq.isin(URGE_KIND_DTYPE.categories), "other")
    kind = pd.Categorical(kinds_of_uniq, dtype=URGE_KIND_DTYPE).take(codes)

    # intensity 0-10
    intensity = np.full(n, np.nan)
    if "intensity" in cols:
        raw = col("intensity", strip=False)  # _number strips each distinct value
        codes, uniq = pd.factorize(raw, use_na_sentinel=False)
        parsed = [_number(u) for u in uniq]
        values = np.array([p[0] for p in parsed], dtype=float)
        bad = np.array([p[1] for p in parsed], dtype=bool)
        if len(uniq):
            intensity, bad_int = values[codes], bad[codes]
            i_name = _label(tab.header, cols, "intensity")
            issues.append(
                (
                    bad_int,
                    lambda i: (
                        f"{i_name} must be a number from 0 to 10, got {_shown(raw.iat[i])}. "
                        "Suggestion: use 0 (barely there) to 10 (the strongest), or leave it "
                        "empty."
                    ),
                )
            )

    # acted, or resisted as its inverse
    acted_true = np.zeros(n, dtype=bool)
    acted_false = np.zeros(n, dtype=bool)
    for ours, invert in (("acted", False), ("resisted", True)):
        if ours not in cols:
            continue
        raw_yn = col(ours, strip=False)  # _flag strips each distinct value
        yes, no, bad = _yes_no(raw_yn)
        if invert:
            yes, no = no, yes
        name_yn = _label(tab.header, cols, ours)
        issues.append(
            (
                bad,
                lambda i, raw_yn=raw_yn, name_yn=name_yn: (
                    f"{name_yn} must be yes or no "
                    f"(y/n, true/false or 1/0 also work), got {raw_yn.iat[i]!r}. Suggestion: "
                    "leave it empty when you are not sure."
                ),
            )
        )
        if ours == "resisted" and "acted" in cols:
            clash = (yes & acted_false) | (no & acted_true)
            issues.append(
                (
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
    acted = pd.arrays.BooleanArray(acted_true, ~(acted_true | acted_false))

    bad_any = np.zeros(n, dtype=bool)
    for mask, _ in issues:
        bad_any |= mask
    _report(ctx, where, frame, lines, tab, issues, bad_any)

    good = ~bad_any
    # a 200 MB log: from here on only the output is kept, so the raw text columns go as
    # soon as each has been used (the messages above were the last to need them)
    issues.clear()
    when = raw = raw_yn = None
    extra = {}
    for ours in ("trigger", "coping", "note"):  # absent columns are filled by the finaliser
        if ours in cols:
            value = stripped(frame.pop(cols[ours]))
            extra[ours] = _coping_column(value) if ours == "coping" else value
            del value
    frame = tab = None
    release_memory(n)
    out = pd.DataFrame(
        {
            "local_time": times.local,
            "time_known": times.time_known,
            "kind": kind,
            "label": label,
            "intensity": intensity,
            "acted": acted,
            "origin": numbered(where + " line ", lines),
            **extra,
        }
    )
    del extra
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
    uniq = pd.unique(values)
    changed = {u: _coping(u) for u in uniq if _coping(u) != u}
    return values.replace(changed) if changed else values


def _report(
    ctx: ReadContext,
    where: str,
    frame: pd.DataFrame,
    lines: np.ndarray,
    tab,
    issues: list,
    bad_any: np.ndarray,
) -> None:
    """Report the bad rows and the rows with the wrong number of fields, in line order."""
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
        reasons = [reason(i) for mask, reason in issues if mask[i]]
        raw = tab.delimiter.join(frame.iloc[i].tolist())
        found.append((int(lines[i]), " Also: ".join(reasons), raw))
    for line, reason, raw in sorted(found, key=lambda t: t[0]):
        ctx.problem(f"{where} line {line}", reason, raw)


def write_urge_log_template(path: str | os.PathLike[str]) -> Path:
    """Write the urge-log template (a header and three example rows) to ``path``.

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
    ...     p.read_text(encoding="utf-8").splitlines()[0]
    'timestamp,kind,intensity,acted,trigger,coping,note'
    """
    p = Path(path).expanduser()
    data = resources.files("reflection_kit").joinpath("data/urge_log_template.csv").read_bytes()
    try:
        with open(p, "xb") as fh:
            fh.write(data)
    except FileExistsError:
        raise FileExistsError(
            f"{p} already exists; the template never overwrites a file. Suggestion: choose "
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
