"""A generic table of dated texts: CSV, TSV, JSON or JSON Lines.

For journals kept in a spreadsheet, a notes app that exports CSV, or any tool
that writes JSON: *File → Export / Download → CSV* (or JSON) in most apps.
One row (or object) is one entry.

* CSV or TSV (comma, tab or semicolon, sniffed from the header), UTF-8 with or
  without BOM, UTF-16 and Windows-1252 re-saves included;
* JSON: a list of objects, or ``{"entries": [...]}``; JSON Lines: one object a line.

Header names are matched without case, spaces or punctuation:

=============  ==========================================================
ours           also accepted
=============  ==========================================================
``date``       datetime, timestamp, created, created_at, when
``time``       (paired with a date-only ``date`` column)
``text``       body, entry, content, note, notes, journal
``title``      subject, heading
``mood``       rating (a number; a word goes to ``mood_label``)
``mood_label``
``tags``       labels (a list, or text split on ``,`` ``;`` or ``|``)
``tz``         timezone, time_zone (an IANA zone per row)
=============  ==========================================================

``columns={"Your name": "text", ...}`` maps your own names first. Dates are
``YYYY-MM-DD`` with an optional ``HH:MM[:SS]`` (or ``T``, or an ISO offset); a
date without a time is placed at 12:00 with ``time_known`` False.
"""

from __future__ import annotations

import csv
import json
import re
from typing import Any

import numpy as np
import pandas as pd

from ..errors import ParseError
from ._base import ReadContext, Source
from ._columns import norm_name, resolve_columns, schema_error
from ._csv_engine import read_delimited, sniff_delimiter
from ._finalize import journal_name
from ._input import Input, decode_text
from ._json import loads
from ._times import parse_times

__all__ = ["SOURCES", "SYNONYMS", "journal_name"]

#: Our column -> header names that mean it (matched without case, spaces or ``_``).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "date": ("datetime", "date_time", "timestamp", "created", "created_at", "when"),
    "time": (),
    "text": ("body", "entry", "content", "note", "notes", "journal"),
    "title": ("subject", "heading"),
    "mood": ("rating",),
    "mood_label": (),
    "tags": ("labels",),
    "tz": ("timezone", "time_zone"),
}
_DELIMITED = (".csv", ".tsv", ".txt")
_JSON = (".json",)
_JSONL = (".jsonl", ".ndjson")
#: Header names that make a table an urge log rather than a journal.
_URGE_NAMES = {
    norm_name(n)
    for n in (
        "kind",
        "urge",
        "urge_kind",
        "intensity",
        "strength",
        "urge_strength",
        "intensity_0_10",
        "acted",
        "gave_in",
        "acted_on",
        "did_it",
        "lapsed",
        "resisted",
        "held_off",
    )
}
_TIME_ONLY = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?"
_TAG_SPLIT = re.compile(r"[,;|]")


def _head(inp: Input, limit: int = 1 << 16) -> str:
    with open(inp.path, "rb") as fh:
        data = fh.read(limit)
    return decode_text(data)[0]


def _json_records(data: Any) -> list | None:
    if isinstance(data, list):
        return data
    if isinstance(data, dict) and isinstance(data.get("entries"), list):
        return data["entries"]
    return None


def _why_not(keys: list[str]) -> str | None:
    """None when ``keys`` look like a journal table, else the reason."""
    normed = {norm_name(k) for k in keys}
    if {"fulldate", "mood", "activities"} <= normed:
        return "looks like a Daylio export (full_date, mood, activities)"
    urge = sorted(normed & _URGE_NAMES)
    if urge:
        return f"has urge columns ({', '.join(urge)}): looks like an urge log"
    cols, _ = resolve_columns(list(keys), SYNONYMS, None)
    missing = [c for c in ("date", "text") if c not in cols]
    if missing:
        return f"no {' or '.join(missing)} column"
    return None


def _detect(inp: Input) -> str | None:
    if inp.kind != "file":
        return "not a single file"
    suffix = inp.path.suffix.lower()
    if suffix in _DELIMITED:
        text = _head(inp)
        line = next((ln for ln in text.split("\n") if ln.strip()), "")
        if not line:
            return "the file is empty"
        header = next(csv.reader([line], delimiter=sniff_delimiter(line)), [])
        return _why_not([h.strip() for h in header])
    if suffix in _JSONL:
        text = _head(inp)
        line = next((ln for ln in text.split("\n") if ln.strip()), "")
        try:
            first = loads(line)
        except ValueError:
            return "the first line is not a JSON object"
        return _why_not(list(first)) if isinstance(first, dict) else "not JSON objects"
    if suffix in _JSON:
        try:
            data = loads(inp.read_text(inp.names()[0])[0])
        except ValueError:
            return "not valid JSON"
        records = _json_records(data)
        if records is None:
            return "not a list of objects or {'entries': [...]}"
        first = next((r for r in records if isinstance(r, dict)), None)
        if first is None:
            return "holds no objects"
        if {"title", "body", "date", "time"} <= set(first):
            return "looks like a jrnl JSON export"
        if "creationDate" in first:
            return "looks like a Day One export"
        return _why_not(list(first))
    return "not a .csv, .tsv, .json or .jsonl file"


def _columns(ctx: ReadContext) -> dict[str, str]:
    cols = ctx.columns or ctx.option("columns") or {}
    if not isinstance(cols, dict):
        raise TypeError(
            f"`columns` must map your column names to ours, got {type(cols).__name__}. "
            "Example: columns={'Entry': 'text'}"
        )
    return cols


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value))
    return str(value)


def _tags(value: Any) -> list[str]:
    items = value if isinstance(value, list | tuple) else _TAG_SPLIT.split(_text(value))
    out = []
    for item in items:
        tag = _text(item).strip().lstrip("#").strip()
        if tag and tag not in out:
            out.append(tag)
    return out


def _read(inp: Input, ctx: ReadContext) -> pd.DataFrame | list[dict]:
    name = inp.names()[0] if inp.kind == "file" else _pick(inp)
    where = inp.where(name)
    text, enc = inp.read_text(name)
    if enc not in ("utf-8", "utf-8-sig"):
        ctx.note(f"{where} is not UTF-8; it was read as {enc}")
    if not text or text.isspace():  # (strip() would copy a 200 MB file)
        ctx.note(f"{where} is empty: there were no entries to read")
        return []
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix in _JSON or (suffix not in _DELIMITED + _JSONL and text.lstrip()[:1] in "[{"):
        return _from_json(ctx, where, text)
    if suffix in _JSONL:
        return _from_jsonl(ctx, where, text)
    box = [text]  # handed over: read_delimited lets it go once it holds the rows as bytes
    del text
    tab = read_delimited(box.pop(), where=where)
    cols, notes = resolve_columns(tab.header, SYNONYMS, _columns(ctx))
    for n in notes:
        ctx.note(f"{where}: {n}")
    _require(cols, tab.header, where)
    ctx.found(len(tab.frame) + len(tab.bad))
    if tab.empty_rows:
        ctx.note(f"{where}: {tab.empty_rows} empty row(s) were skipped")
    early = [
        (
            line,
            f"{where} line {line}",
            f"the row has {nf} field(s) but the header has {len(tab.header)}. Suggestion: put "
            "text that contains the separator in double quotes, or look for a missing or "
            "extra separator on this line.",
            raw,
        )
        for line, raw, nf in tab.bad
    ]
    data = {ours: tab.frame[i] for ours, i in cols.items()}
    locs = where + " line " + pd.Series(tab.lines, dtype="int64").astype("str")
    raws = [tab.delimiter.join(map(str, r)) for r in tab.frame.itertuples(index=False)]
    return _build(ctx, data, locs, raws, len(tab.frame), tab.lines, early)


def _pick(inp: Input) -> str:
    names = [n for n in inp.names() if n.lower().endswith(_DELIMITED + _JSON + _JSONL)]
    if len(names) != 1:
        raise schema_error(
            f"{inp.display}: a table of dated texts is a single file, but this holds "
            f"{len(names)} candidate files. Suggestion: pass the file itself.",
            columns=[],
            location=inp.display,
        )
    return names[0]


def _require(cols: dict[str, Any], header: list[str], where: str) -> None:
    missing = [c for c in ("date", "text") if c not in cols]
    if missing:
        raise schema_error(
            f"{where}: the table has no {' or '.join(f'`{m}`' for m in missing)} column. The "
            f"columns found are {header}. Suggestion: name them date and text (synonyms: "
            "created, timestamp / body, entry, content), or map yours with "
            "columns={'Your name': 'text'}.",
            columns=missing,
            location=where,
        )


def _from_json(ctx: ReadContext, where: str, text: str) -> pd.DataFrame | list[dict]:
    try:
        data = loads(text)
    except json.JSONDecodeError as exc:
        loc = f"{where} line {exc.lineno}"
        raise ParseError(
            f"{loc}: this is not valid JSON ({exc.msg}); the file may be truncated. "
            "Suggestion: export it again, or check that it is the complete file.",
            location=loc,
            reason=f"invalid JSON: {exc.msg}",
            raw=text[max(0, exc.pos - 30) : exc.pos + 30],
        ) from None
    records = _json_records(data)
    if records is None:
        raise ParseError(
            f'{where}: expected a list of objects or {{"entries": [...]}}, got a JSON '
            f"{type(data).__name__}. Suggestion: pass format=... if this is another app's "
            "export.",
            location=where,
            reason="not a list of entries",
        )
    locs = [f"{where} entry {i + 1}" for i in range(len(records))]
    return _from_objects(ctx, where, records, locs)


class _BadLine:
    """A JSON Lines line that did not parse."""

    def __init__(self, line: str, msg: str) -> None:
        self.line, self.msg = line, msg


def _from_jsonl(ctx: ReadContext, where: str, text: str) -> pd.DataFrame | list[dict]:
    records: list[Any] = []
    locs: list[str] = []
    for i, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            records.append(loads(line))
        except json.JSONDecodeError as exc:
            records.append(_BadLine(line, exc.msg))
        locs.append(f"{where} line {i}")
    return _from_objects(ctx, where, records, locs)


def _from_objects(
    ctx: ReadContext, where: str, records: list[Any], locs: list[str]
) -> pd.DataFrame | list[dict]:
    ctx.found(len(records))
    keys: dict[str, None] = {}
    good: list[int] = []
    early: list[tuple[int, str, str, str]] = []
    for i, rec in enumerate(records):
        if isinstance(rec, dict):
            keys.update(dict.fromkeys(map(str, rec)))
            good.append(i)
        else:
            what = (
                f"not valid JSON ({rec.msg})" if isinstance(rec, _BadLine) else "not a JSON object"
            )
            early.append(
                (
                    i,
                    locs[i],
                    f"this record is {what}, so it was skipped. Suggestion: each entry must be "
                    '{"date": ..., "text": ...}.',
                    rec.line if isinstance(rec, _BadLine) else json.dumps(rec),
                )
            )
    header = list(keys)
    cols, notes = resolve_columns(header, SYNONYMS, _columns(ctx))
    for n in notes:
        ctx.note(f"{where}: {n}")
    if not good:
        _report(ctx, early)
        return []
    _require(cols, header, where)
    objs = [records[i] for i in good]
    data = {
        ours: pd.Series([o.get(header[i]) for o in objs], dtype=object if ours == "tags" else None)
        for ours, i in cols.items()
    }
    for ours in data:
        if ours != "tags":
            data[ours] = pd.Series([_text(v) for v in data[ours]], dtype="str")
    raws = [json.dumps(o, ensure_ascii=False)[:200] for o in objs]
    locs_good = pd.Series([locs[i] for i in good], dtype="str")
    return _build(ctx, data, locs_good, raws, len(objs), np.asarray(good), early)


def _report(ctx: ReadContext, problems: list[tuple[int, str, str, str]]) -> None:
    for _, loc, reason, raw in sorted(problems, key=lambda p: p[0]):
        ctx.problem(loc, reason, raw)


def _build(
    ctx: ReadContext,
    data: dict[str, pd.Series],
    locs: pd.Series,
    raws: list[str],
    n: int,
    order: np.ndarray | None = None,
    early: list[tuple[int, str, str, str]] | None = None,
) -> pd.DataFrame | list[dict]:
    """Turn our columns (text values) into journal rows; report the bad ones.

    ``early`` holds problems already found (order key, location, reason, raw);
    all problems are reported in the order of ``order`` (line or record number).
    """
    problems = list(early or [])
    if n == 0:
        _report(ctx, problems)
        return []
    order = np.arange(n) if order is None else order

    def col(ours: str) -> pd.Series:
        if ours not in data:
            return pd.Series([""] * n, dtype="str")
        return data[ours].astype("str").str.strip().reset_index(drop=True)

    when = col("date")
    if "time" in data:
        clock = col("time")
        time_only = clock.str.fullmatch(_TIME_ONLY).to_numpy(dtype=bool)
        when = when.where(~time_only, when + " " + clock)
    times = parse_times(when)
    bad = ~times.ok
    for i in np.flatnonzero(bad):
        reason = (
            "the date is empty. Suggestion: give every entry a date as YYYY-MM-DD "
            "(with HH:MM if you know the time)."
            if times.empty[i]
            else f"the date must look like YYYY-MM-DD or YYYY-MM-DD HH:MM, got "
            f"{when.iat[i]!r}. Suggestion: format the column as yyyy-mm-dd hh:mm before "
            "exporting."
        )
        problems.append((int(order[i]), str(locs.iat[i]), reason, raws[i]))
    _report(ctx, problems)
    mood_raw = col("mood")
    mood = pd.to_numeric(mood_raw.where(mood_raw != "", None), errors="coerce")
    mood_label = col("mood_label")
    words = (mood_raw != "") & mood.isna()
    mood_label = mood_label.where(~(words & (mood_label == "")), mood_raw)
    tags = [_tags(v) for v in data["tags"]] if "tags" in data else [[] for _ in range(n)]
    out = pd.DataFrame(
        {
            "local_time": times.local,
            "time_known": times.time_known,
            "title": col("title"),
            "text": data["text"].astype("str").reset_index(drop=True)
            if "text" in data
            else col("text"),
            "tags": pd.Series(tags, dtype=object),
            "mood": mood.astype(float).to_numpy(),
            "mood_label": mood_label,
            "origin": locs.reset_index(drop=True),
        }
    )
    if "tz" in data:
        tz = col("tz")
        out["tz"] = tz.where(tz != "", None)
    if times.any_instant:
        out["instant"] = pd.Series(times.instant).dt.tz_localize("UTC")
    out["journal"] = ctx.option("journal") or journal_name(ctx.input.path.stem)
    k = int((~times.time_known & times.ok).sum())
    if k:
        ctx.note(f"{k} entr{'y' if k == 1 else 'ies'} had a date but no time; placed at 12:00")
    return out.loc[~bad].reset_index(drop=True) if bad.any() else out


SOURCES = [
    Source(
        name="table",
        kind="journal",
        description="a generic table of dated texts (CSV, TSV, JSON or JSON Lines)",
        patterns=("*.csv", "*.tsv", "*.json", "*.jsonl"),
        how_to_export=(
            "Any app or spreadsheet: export as CSV or JSON with a date and a text column"
        ),
        detect=_detect,
        read=_read,
        options={
            "columns": "your column names mapped to ours, e.g. {'Entry': 'text'}",
            "journal": "the journal's name (default: the file name without an export date)",
        },
    )
]
