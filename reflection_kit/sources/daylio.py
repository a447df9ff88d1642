"""Daylio mood diary: the CSV export, read as a journal and as urges.

Daylio (Android, iOS) exports every entry with **More → Export entries → CSV
(table)** (a Premium feature), giving ``daylio_export.csv``: UTF-8 with a BOM,
newest entry first, one row per entry.

Header eras, all read by column *name* (unknown extra columns are ignored):

* up to 2019: ``year,date,weekday,time,mood,activities,note``
* 2019–2020: ``full_date`` replaces ``year``
* 2021 on: ``full_date,date,weekday,time,mood,activities,note_title,note``
* 2026: a ``scales`` column before ``note_title``

Decisions
---------
* ``time`` may be 12-hour (``9:40 pm``, ``10:04 AM``) or 24-hour (``21:40``),
  padded or not. Daylio stores no time zone: times are wall-clock local times.
* ``mood`` keeps the label exactly as written (outer spaces removed) in
  ``mood_label``; ``mood`` is its score from the built-in map (rad 5, good 4,
  meh 3, bad 2, awful 1, plus Daylio's Italian and German defaults) extended by
  ``moods={"label": score}``. Labels compare without case. An unmapped label
  keeps ``mood`` empty and is listed once in the load report's notes.
* ``activities`` is split on ``|`` into a list column; ``tags`` holds the same
  list (Daylio has no other tags, and Daylio-to-Obsidian converters write
  activities as tags), kept as written.
* ``note_title`` becomes ``title`` and ``note`` becomes ``text``, with the rich
  text editor's HTML (``<br>``, ``<b>``, lists, entities) turned into plain text.
* ``entry_id`` hashes the whole entry (day, time, mood, activities, title, note),
  so two entries logged in the same minute stay apart, while the same entry in
  two overlapping exports is recognised as one (kept once, reported).
* As urges (``read_urges``), an activity is an urge when ``activities=`` (or
  ``kinds=``) or the built-in alias table maps it to a kind other than
  ``other``. Each urge activity in each row is one urge. Logging an activity
  means it happened, so ``acted`` is True, except that labels that say it did
  not happen ("resisted texting him", "didn't check IG", "almost called",
  "no IG") give False, and labels that only name the wish ("urge to text",
  "wanted to call") leave ``acted`` unknown. Map an activity to ``"other"`` to
  stop it counting as an urge. ``note`` holds the entry's title and note;
  ``mood``, ``mood_label`` and the row's ``activities`` come along as extra
  columns. A bad row is an urge record (and a problem) only when it may hold an
  urge activity: a row of ordinary activities is not an urge record at all.
* A row with the wrong number of fields, or a date or time that cannot be read,
  is a problem at ``daylio.csv line N`` (the physical line where the row
  starts, right even after multi-line notes). Trailing empty fields (a stray
  comma) are tolerated. A file that is empty or lacks the Daylio columns is a
  :class:`~reflection_kit.ParseError` naming the file.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Mapping
from numbers import Real
from typing import Any

import numpy as np
import pandas as pd

from ..errors import ParseError
from ..kinds import check_kinds, map_kinds
from ._base import ReadContext, Source
from ._csv_engine import MAX_COLUMNS, wide_csv_fields
from ._html import html_to_text
from ._input import Input, decode_text

__all__ = ["DEFAULT_MOODS", "SOURCES", "html_to_text", "mood_scores"]

#: Built-in Daylio mood labels and their scores, 5 = best (compared without case).
DEFAULT_MOODS: dict[str, float] = {
    "rad": 5.0,
    "good": 4.0,
    "meh": 3.0,
    "bad": 2.0,
    "awful": 1.0,
    # Italian defaults
    "ottimo": 5.0,
    "buono": 4.0,
    "così così": 3.0,
    "male": 2.0,
    "terribile": 1.0,
    # German defaults
    "super": 5.0,
    "gut": 4.0,
    "ok": 3.0,
    "schlecht": 2.0,
    "einfach scheiße": 1.0,
}

_HOW = "Daylio app: More → Export entries → CSV (table) (Premium); gives daylio_export.csv."
_RESISTED = re.compile(
    r"\b(resist(ed|ing)?|didn['’]?t|did\s+not|not\s+\w+ing|almost|nearly|held\s+off|"
    r"avoided|skipped|stopped\s+myself)\b|^(no|not)\s",
    re.IGNORECASE,
)
_WISH = re.compile(r"\b(urge\s+to|wanted\s+to|want\s+to|felt\s+like|tempted)\b", re.IGNORECASE)
_TIME_FORMATS = ("%I:%M %p", "%H:%M", "%I:%M%p", "%H:%M:%S", "%I:%M:%S %p")
_OLD_DATE_FORMATS = ("%d %B %Y", "%B %d %Y", "%d %b %Y", "%b %d %Y")


# --------------------------------------------------------------------------- helpers


def _plain(s: pd.Series) -> pd.Series:
    """:func:`html_to_text` over a column, once per distinct value."""
    table = {u: html_to_text(u) for u in pd.unique(s)}
    return s.map(table)


def _norm_label(label: object) -> str:
    return " ".join(str(label).split()).casefold()


def mood_scores(moods: Mapping[str, Any] | None = None) -> dict[str, float]:
    """The mood map: Daylio's defaults extended by the user's ``moods``.

    Parameters
    ----------
    moods : mapping of str to number, optional
        Your own labels and their scores, e.g. ``{"vaguely ok": 3}``. They win
        over the defaults; labels compare without case and outer spaces.

    Returns
    -------
    dict of str to float
        Casefolded label -> score.

    Raises
    ------
    TypeError, ValueError
        When ``moods`` is not a mapping or a score is not a finite number.

    Examples
    --------
    >>> from reflection_kit.sources.daylio import mood_scores
    >>> mood_scores({"Vaguely OK": 3})["vaguely ok"], mood_scores()["rad"]
    (3.0, 5.0)
    """
    table = {_norm_label(k): v for k, v in DEFAULT_MOODS.items()}
    if moods is None:
        return table
    if not isinstance(moods, Mapping):
        raise TypeError(
            f"`moods` must be a mapping from your mood label to a score, got "
            f"{type(moods).__name__}. Example: moods={{'vaguely ok': 3, 'Refreshed': 4}}"
        )
    for label, score in moods.items():
        ok = isinstance(score, Real) and not isinstance(score, bool)
        if not ok or not math.isfinite(float(score)):
            raise ValueError(
                f"`moods` maps {label!r} to {score!r}, which is not a number. "
                f"Example: moods={{{str(label)!r}: 3}} (Daylio's defaults run from awful=1 "
                "to rad=5)."
            )
        table[_norm_label(label)] = float(score)
    return table


def _split_activities(s: pd.Series) -> pd.Series:
    def split(v: str) -> list[str]:
        return [a.strip() for a in v.split("|") if a.strip()] if v else []

    uniq = {u: split(u) for u in pd.unique(s)}
    return s.map(lambda v: list(uniq[v]))


def _parse_times(raw: pd.Series) -> pd.Series:
    """Time of day as a timedelta (NaT where unreadable)."""
    s = (
        raw.str.replace("\xa0", " ", regex=False)
        .str.replace(r"\s+", " ", regex=True)
        .str.strip()
        .str.upper()
        .str.replace(r"\b([AP])\.M\.?", r"\1M", regex=True)
    )
    out = pd.Series(pd.NaT, index=s.index, dtype="datetime64[us]")
    for fmt in _TIME_FORMATS:
        todo = out.isna()
        if not todo.any():
            break
        parsed = pd.to_datetime(s[todo], format=fmt, errors="coerce")
        out.loc[todo] = parsed.astype("datetime64[us]")
    return out - out.dt.normalize()


def _parse_days(df: pd.DataFrame) -> pd.Series:
    if "full_date" in df.columns:
        s = df["full_date"].str.strip()
        return pd.to_datetime(s, format="%Y-%m-%d", errors="coerce").astype("datetime64[us]")
    s = (df["date"].str.strip() + " " + df["year"].str.strip()).str.replace(
        r"[,.]", "", regex=True
    )
    out = pd.Series(pd.NaT, index=df.index, dtype="datetime64[us]")
    for fmt in _OLD_DATE_FORMATS:
        todo = out.isna()
        if not todo.any():
            break
        out.loc[todo] = pd.to_datetime(s[todo], format=fmt, errors="coerce").astype(
            "datetime64[us]"
        )
    return out


def _header_of(text: str) -> list[str]:
    for row in csv.reader(io.StringIO(text[:8192])):
        if any(c.strip() for c in row):
            return [c.replace("\ufeff", "").strip().lower() for c in row]
    return []


def _header_reason(header: list[str]) -> str | None:
    cols = set(header)
    if not cols:
        return "the file is empty"
    if len(header) > MAX_COLUMNS:
        return f"its first line has {len(header):,} fields"
    missing = [
        c
        for c, ok in (
            ("full_date", "full_date" in cols or {"year", "date"} <= cols),
            ("time", "time" in cols),
            ("mood", "mood" in cols),
            ("activities", "activities" in cols),
        )
        if not ok
    ]
    if missing:
        return f"first line has no {', '.join(missing)} column(s)"
    return None


def _detect(inp: Input) -> str | None:
    try:
        names = inp.names()
        if inp.kind != "file":
            if any(n.lower().endswith(".md") for n in names):
                return "a folder of notes, not a Daylio CSV"
            names = [n for n in names if n.lower().endswith(".csv")]
            if not names:
                return "no .csv file inside"
        for name in names[:20]:
            if inp.kind == "file":
                with inp.path.open("rb") as fh:
                    data = fh.read(8192)
            else:
                data = inp.read_bytes(name)[:8192]
            if _header_reason(_header_of(_decode_head(data))) is None:
                return None
        return "no Daylio CSV header (full_date, time, mood, activities)"
    except Exception as exc:  # a detector never raises
        return f"could not be read ({type(exc).__name__})"


def _decode_head(data: bytes) -> str:
    return decode_text(data)[0]


# --------------------------------------------------------------------------- parsing


def _files(inp: Input) -> list[str]:
    """The Daylio CSV members of the input; raise when there are none."""
    if inp.kind == "file":
        return inp.names()
    found = []
    for name in inp.names():
        if name.lower().endswith(".csv"):
            text, _ = inp.read_text(name)
            if _header_reason(_header_of(text)) is None:
                found.append(name)
    if not found:
        raise ParseError(
            f"{inp.display}: no Daylio CSV export inside (looked for a .csv whose first line "
            "has full_date, time, mood and activities). Suggestion: pass the "
            "daylio_export.csv file itself, or check format='daylio'.",
            location=inp.display,
            reason="no Daylio CSV inside",
        )
    return found


def _parse_file(inp: Input, name: str, ctx: ReadContext) -> tuple[pd.DataFrame, list, list[str]]:
    """Split one export into good rows (a frame of strings) and bad rows.

    Returns the frame (index = physical start line), a list of
    ``(line, reason, raw, fields)`` for rows that could not be split, and the
    file's lines (for snippets).
    """
    where = inp.where(name)
    text, enc = inp.read_text(name)
    if enc == "cp1252":
        ctx.note(
            f"{where} is not UTF-8; it was read as Windows-1252 (cp1252), the usual encoding "
            "of a spreadsheet re-save. If accented letters look wrong, export it again from "
            "Daylio and read that file as it is."
        )
    header = _header_of(text)
    why = _header_reason(header)
    if why is not None:
        found = f"; found {header[:6]}" if header else ""
        raise ParseError(
            f"{where}: this does not look like a Daylio CSV export ({why}{found}). "
            "Suggestion: export again with More → Export entries → CSV (table), or pass "
            "the right format= (see rk.formats()).",
            location=where,
            reason=f"not a Daylio CSV export: {why}",
            raw=text[:80],
        )
    names = []
    for i, h in enumerate(header):
        names.append(h if h and h not in names else f"{h or 'column'}_{i}")
    width = len(names)
    rows: list[list[str]] = []
    starts: list[int] = []
    bad: list[tuple[int, str, list[str] | None]] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    seen_header = False
    end = 0
    while True:
        start = end + 1
        try:
            with wide_csv_fields():
                row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            end = reader.line_num
            bad.append((start, f"the line could not be split into fields ({exc})", None))
            continue
        end = reader.line_num
        if not any(f.strip() for f in row):
            continue
        if not seen_header:
            seen_header = True
            continue
        if len(row) > width and not any(f.strip() for f in row[width:]):
            row = row[:width]  # trailing commas
        if len(row) != width:
            hint = " (a quote may be missing)" if any("\n" in f for f in row) else ""
            bad.append(
                (
                    start,
                    f"has {len(row)} field(s) but the header has {width}{hint}. Suggestion: "
                    f"fix line {start} in a text editor, or export again from Daylio.",
                    row if len(row) >= width else None,
                )
            )
            continue
        rows.append(row)
        starts.append(start)
    lines = text.split("\n")
    frame = pd.DataFrame(rows, columns=names, index=starts, dtype=object).astype("str")
    problems = [(ln, reason, lines[ln - 1], fields) for ln, reason, fields in bad]
    return frame, problems, lines


def _build(
    frame: pd.DataFrame, where: str, moods: dict[str, float]
) -> tuple[pd.DataFrame, pd.Series]:
    """Typed entries of one file, and a reason per row that is bad ('' when fine)."""
    day = _parse_days(frame)
    tod = _parse_times(frame["time"])
    reason = pd.Series("", index=frame.index, dtype=object)
    date_col = "full_date" if "full_date" in frame.columns else "date"
    example = "2024-03-06" if date_col == "full_date" else "18 May (with year 2018)"
    bad_day = day.isna()
    reason[bad_day] = [
        f"`{date_col}` {v!r} is not a date (expected e.g. {example}). Suggestion: correct "
        "this line in a text editor or export again from Daylio."
        for v in frame.loc[bad_day, date_col]
    ]
    bad_time = tod.isna() & ~bad_day
    reason[bad_time] = [
        f"`time` {v!r} is not a time of day (expected e.g. 9:40 pm or 21:40). Suggestion: "
        "correct this line in a text editor or export again from Daylio."
        for v in frame.loc[bad_time, "time"]
    ]
    label = frame["mood"].str.strip()
    mood = label.map({u: moods.get(_norm_label(u), np.nan) for u in pd.unique(label)})
    mood = mood.astype("float64")
    acts = (
        _split_activities(frame["activities"])
        if "activities" in frame.columns
        else pd.Series([[] for _ in range(len(frame))], index=frame.index, dtype=object)
    )
    title = (
        _plain(frame["note_title"])
        if "note_title" in frame.columns
        else pd.Series("", index=frame.index, dtype=object)
    )
    note = (
        _plain(frame["note"])
        if "note" in frame.columns
        else pd.Series("", index=frame.index, dtype=object)
    )
    out = pd.DataFrame(
        {
            "local_time": day + tod,
            "title": title,
            "text": note,
            "mood": mood,
            "mood_label": label,
            "activities": acts,
            "origin": [f"{where} line {n}" for n in frame.index],
        },
        index=frame.index,
    )
    if "scales" in frame.columns:
        out["scales"] = frame["scales"].str.replace("\xa0", " ", regex=False).str.strip()
    return out, reason


def _entry_ids(df: pd.DataFrame) -> pd.Series:
    parts = pd.DataFrame(
        {
            "t": df["local_time"].astype(str),
            "m": df["mood_label"].astype(str),
            "a": df["activities"].map(" | ".join),
            "ti": df["title"].astype(str),
            "tx": df["text"].astype(str),
        }
    )
    h = pd.util.hash_pandas_object(parts, index=False).to_numpy(dtype=np.uint64)
    return pd.Series([format(int(v), "016x") for v in h], index=df.index, dtype=object)


def _read_all(inp: Input, ctx: ReadContext) -> tuple[list[pd.DataFrame], list[tuple]]:
    """Parse every Daylio file; return typed frames and bad rows.

    Bad rows are ``(file order, line, location, reason, raw, activities or None)``.
    """
    moods = mood_scores(ctx.option("moods"))
    frames, bad = [], []
    for order, name in enumerate(_files(inp)):
        raw, split_bad, lines = _parse_file(inp, name, ctx)
        where = inp.where(name)
        for ln, reason, snip, _ in split_bad:
            bad.append((order, ln, f"{where} line {ln}", reason, snip, None))
        if not len(raw):
            continue
        typed, reasons = _build(raw, where, moods)
        is_bad = reasons != ""
        for ln in typed.index[is_bad]:
            snip = lines[ln - 1]
            bad.append(
                (order, ln, f"{where} line {ln}", reasons[ln], snip, typed.at[ln, "activities"])
            )
        frames.append(typed.loc[~is_bad])
    bad.sort(key=lambda b: (b[0], b[1]))
    return frames, bad


def _unmapped_note(df: pd.DataFrame, ctx: ReadContext) -> None:
    un = df.loc[df["mood"].isna() & (df["mood_label"] != ""), "mood_label"]
    if not len(un):
        return
    labels = list(dict.fromkeys(un))
    shown = ", ".join(repr(x) for x in labels[:8]) + (" …" if len(labels) > 8 else "")
    example = ", ".join(f"{x!r}: 3" for x in labels[:3])
    ctx.note(
        f"mood label(s) {shown} have no score, so `mood` is empty for {len(un)} entr"
        f"{'y' if len(un) == 1 else 'ies'} (`mood_label` keeps the words). Suggestion: pass "
        f"moods={{{example}}} with your own scores (awful=1 … rad=5)."
    )


def _read_journal(inp: Input, ctx: ReadContext) -> pd.DataFrame:
    frames, bad = _read_all(inp, ctx)
    n_good = sum(len(f) for f in frames)
    ctx.found(n_good + len(bad))
    for _, _, loc, reason, snip, _ in bad:
        ctx.problem(loc, reason, snip)
    if not frames:
        return pd.DataFrame(columns=["local_time", "origin"])
    df = pd.concat(frames, ignore_index=True)
    _unmapped_note(df, ctx)
    df["tags"] = df["activities"].map(list)
    df["journal"] = "daylio"
    df["entry_id"] = _entry_ids(df)
    return df


def _acted(labels: pd.Series) -> pd.Series:
    uniq = pd.unique(labels)
    table = {
        u: (False if _RESISTED.search(u) else (pd.NA if _WISH.search(u) else True)) for u in uniq
    }
    return pd.Series(pd.array(labels.map(table).tolist(), dtype="boolean"), index=labels.index)


def _urge_table(ctx: ReadContext) -> dict[str, str]:
    user = dict(ctx.kinds or {})
    extra = ctx.option("activities")
    if extra is not None:
        try:
            user.update(check_kinds(extra))
        except (TypeError, ValueError) as exc:
            raise type(exc)(str(exc).replace("`kinds`", "`activities`")) from exc
    return user


def _read_urges(inp: Input, ctx: ReadContext) -> pd.DataFrame:
    table = _urge_table(ctx)
    frames, bad = _read_all(inp, ctx)
    df = pd.concat(frames, ignore_index=True) if frames else None
    seen = dict.fromkeys(a for acts in ([] if df is None else df["activities"]) for a in acts)
    seen.update(dict.fromkeys(a for b in bad if b[5] for a in b[5]))
    labels = pd.Series(list(seen), dtype=object)
    kinds = dict(zip(labels, map_kinds(labels, table), strict=True)) if len(labels) else {}
    is_urge = {a for a, k in kinds.items() if k != "other"}
    # a bad row is an urge record only when it may hold an urge activity
    bad = [b for b in bad if b[5] is None or any(a in is_urge for a in b[5])]
    rows = pd.DataFrame(columns=["local_time", "origin"])
    if df is not None:
        ex = df.explode("activities").rename(columns={"activities": "label"})
        ex = ex[ex["label"].isin(is_urge)]
        rows = pd.DataFrame(
            {
                "local_time": ex["local_time"].to_numpy(),
                "kind": ex["label"].map(kinds).to_numpy(),
                "label": ex["label"].to_numpy(),
                "acted": _acted(ex["label"]).to_numpy(),
                "note": (ex["title"] + "\n\n" + ex["text"]).str.strip().to_numpy(),
                "mood": ex["mood"].to_numpy(),
                "mood_label": ex["mood_label"].to_numpy(),
                "activities": df.loc[ex.index, "activities"].to_numpy(),
                "origin": ex["origin"].to_numpy(),
            }
        )
        if not is_urge and len(labels):
            top = ", ".join(repr(a) for a in labels[:6]) + (" …" if len(labels) > 6 else "")
            ctx.note(
                f"no Daylio activity reads as an urge (activities seen: {top}). Suggestion: "
                "map yours, e.g. activities={'name of your activity': 'check_social'}."
            )
    ctx.found(len(rows) + len(bad))
    for _, _, loc, reason, snip, _ in bad:
        ctx.problem(loc, reason, snip)
    return rows


_OPTIONS_J = {
    "moods": "mapping of your mood labels to scores, extending rad=5 … awful=1 "
    "(e.g. {'vaguely ok': 3})",
}
_OPTIONS_U = {
    "activities": "mapping of Daylio activities to urge kinds (e.g. {'looked at his page': "
    "'check_social'}); map one to 'other' to stop it counting",
    **_OPTIONS_J,
}

SOURCES: list[Source] = [
    Source(
        name="daylio",
        kind="journal",
        description="Daylio mood diary CSV export (every header era, 12/24-hour times, "
        "custom and localised moods, activities, HTML notes)",
        patterns=("daylio_export*.csv", "*.csv"),
        how_to_export=_HOW,
        detect=_detect,
        read=_read_journal,
        options=_OPTIONS_J,
    ),
    Source(
        name="daylio",
        kind="urges",
        description='Daylio activities read as urges ("checked his IG", "texted him"), '
        "through the alias table and activities=",
        patterns=("daylio_export*.csv", "*.csv"),
        how_to_export=_HOW + " Urge activities are mapped with activities= or the alias table.",
        detect=_detect,
        read=_read_urges,
        options=_OPTIONS_U,
    ),
]
