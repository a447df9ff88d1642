"""Day One: the "Day One JSON (.zip)" export.

In Day One choose Settings > Import/Export (File > Export on a Mac) > Day One
JSON (.zip). The zip holds one ``<Journal name>.json`` per exported journal
(``Journal.json``, ``Journal 2.json``) plus ``photos/``, ``videos/``,
``audios/`` and ``pdfs/`` folders, which are ignored here.

Each entry carries its ``creationDate`` as a UTC instant and the IANA
``timeZone`` the person was in, so every entry keeps its own local day, also
while travelling. The reader accepts the zip, the unzipped folder, or a single
journal ``.json``.

Columns filled: ``entry_id`` (Day One's ``uuid``), ``instant`` + ``tz``,
``title`` (derived, as Day One has none: the first non-empty line without a
``#`` heading mark, cut at a sentence end or a word past 120 characters), ``text``
(the whole entry, title line included, with markdown backslash escapes of ASCII
punctuation undone as in CommonMark, zero-width spaces and ``dayone-moment:``
media links removed), ``tags``,
``journal`` (the file's stem) and the extras ``starred`` (bool) and ``media``
(how many media links were removed from the text).

An entry without a ``text`` key is an empty entry (Day One shows it empty; it
is what Day One exports for one): it is loaded with empty text and listed in
the report's notes, as some converters call it an entry with an error.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import Any

import numpy as np
import pandas as pd

from .._docstrings import share
from ..errors import ParseError
from ._base import ReadContext, Source
from ._dayone_text import clean_column, clean_text, unescape
from ._finalize import valid_zone
from ._input import Input, decode_text
from ._json import loads
from ._peek import head_text
from ._text_columns import TEXT, constant_text, numbered, text_array
from ._times import utc_instants

__all__ = ["SOURCES", "clean_text", "detect", "read", "unescape"]

_MEDIA_DIRS = frozenset({"photos", "videos", "audios", "audio", "pdfs", "sketches"})
_COLUMNS = (
    "entry_id",
    "instant",
    "tz",
    "title",
    "text",
    "tags",
    "starred",
    "media",
    "journal",
    "origin",
)


def _journal_names(inp: Input) -> list[str]:
    """The members that may be journals: ``*.json`` outside the media folders."""
    if inp.kind == "file":
        return inp.names()
    out = []
    for name in inp.names():
        parts = name.lower().split("/")
        if parts[-1].endswith(".json") and not _MEDIA_DIRS.intersection(parts[:-1]):
            out.append(name)
    return out


def _looks_like_dayone(head: str) -> bool:
    return (
        head.lstrip(" \t\n\ufeff").startswith("{")
        and '"entries"' in head
        and '"creationDate"' in head
    )


def detect(inp: Input) -> str | None:
    """``None`` when ``inp`` holds a Day One journal JSON, else why not."""
    names = _journal_names(inp)
    if inp.kind != "file" and not names:
        return "no .json file inside"
    for name in names[:8]:
        if _looks_like_dayone(head_text(inp, name)):
            return None
    return "no JSON with an 'entries' list holding 'creationDate' keys"


def _not_dayone(inp: Input, what: str) -> ParseError:
    return ParseError(
        f"{inp.display}: {what}, so it is not a Day One JSON export. Suggestion: in Day One "
        "choose Export > 'Day One JSON (.zip)' and pass that zip (or its unzipped folder), or "
        "leave format=None to detect the format.",
        location=inp.display,
        reason=f"not a Day One export: {what}",
    )


def _load_member(inp: Input, name: str, ctx: ReadContext) -> Any:
    """The parsed JSON of one member, or ``None`` after reporting why not."""
    where = inp.where(name)
    damaged: ParseError | None = None
    data = b""
    try:
        data = inp.read_bytes(name)
    except ParseError as exc:  # a damaged zip member is one problem, not the end of the read
        damaged = exc
    if damaged is not None:
        ctx.found()
        ctx.problem(
            where,
            f"{damaged.reason}; none of its entries were loaded. Suggestion: export again "
            "from Day One (the other journals in the zip were read).",
            name,
        )
        return None
    text, enc = decode_text(data)
    if inp.kind == "file":
        stripped = text.lstrip(" \t\n\ufeff")
        if not stripped:
            raise _not_dayone(inp, "the file is empty")
        if not stripped.startswith("{"):
            raise _not_dayone(inp, f"the file does not start with '{{' (it starts {text[:30]!r})")
    if enc not in ("utf-8", "utf-8-sig"):
        ctx.note(f"{where} is not UTF-8; it was read as {enc}")
    try:
        return loads(text)
    except json.JSONDecodeError as exc:
        ctx.found()
        if not data.strip():
            reason = "the file is empty. Suggestion: export the journal again from Day One."
        else:
            reason = (
                f"this journal file is not valid JSON ({exc.msg}: line {exc.lineno}, column "
                f"{exc.colno}); it may be cut short. Suggestion: export it again from Day One "
                "(Export > 'Day One JSON (.zip)'); none of its entries were loaded."
            )
        ctx.problem(where, reason, exc.doc[max(0, exc.pos - 40) : exc.pos + 40])
        return None


@share
def read(inp: Input, ctx: ReadContext) -> pd.DataFrame:
    """Read a Day One JSON export (zip, folder or single ``.json``).

    Parameters
    ----------
    {reader.params}

    Returns
    -------
    {reader.returns}

    Raises
    ------
    ParseError
        When the input holds no Day One journal at all (a CSV, an empty file).

    Examples
    --------
    >>> import reflection_kit as rk
    >>> rk.read_journal("data/sample/dayone.zip", format="dayone")["journal"].nunique() >= 1
    True
    """
    names = _journal_names(inp)
    if not names:
        listing = ", ".join(inp.names()[:5]) or "nothing"
        raise _not_dayone(inp, f"it holds no .json journal file (found: {listing})")
    parts: list[pd.DataFrame] = []
    journals = 0
    reported = len(ctx.problems)
    for name in names:
        obj = _load_member(inp, name, ctx)
        if obj is None:
            continue
        where = inp.where(name)
        entries = obj.get("entries") if isinstance(obj, dict) else None
        if not isinstance(entries, list):
            if isinstance(obj, dict) and "entries" in obj:
                ctx.found()
                ctx.problem(
                    where,
                    f"'entries' should be a list of entries, got {type(entries).__name__}. "
                    "Suggestion: export the journal again from Day One.",
                    json.dumps(entries, ensure_ascii=False)[:100],
                )
            elif inp.kind == "file":
                raise _not_dayone(inp, "the JSON has no 'entries' list")
            else:
                ctx.note(f"{where} was skipped: it is not a Day One journal (no 'entries' list)")
            continue
        journals += 1
        parts.append(_read_entries(entries, where, PurePosixPath(name).stem, ctx))
    if not journals and len(ctx.problems) == reported:
        raise _not_dayone(inp, "none of its .json files has an 'entries' list")
    if not parts:
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in _COLUMNS})
    frame = parts[0] if len(parts) == 1 else pd.concat(parts, ignore_index=True)
    _check_zones(frame, ctx)
    return frame


def _bad_reason(entry: Any, created: Any, instant: Any, raw: Any) -> str | None:
    """Why an entry cannot be loaded, or ``None``."""
    if not isinstance(entry, dict):
        return f"the entry is a {type(entry).__name__}, not a JSON object"
    if not isinstance(created, str) or not created:
        return "the entry has no 'creationDate'"
    if instant is pd.NaT or pd.isna(instant):
        return f"'creationDate' {created!r} is not an ISO 8601 date-time"
    if raw is not None and not isinstance(raw, str):
        return f"'text' should be a string, got {type(raw).__name__}"
    return None


def _read_entries(entries: list[Any], where: str, journal: str, ctx: ReadContext) -> pd.DataFrame:
    """The entries of one journal file as columns (list comprehensions, no per-row pandas)."""
    n = len(entries)
    ctx.found(n)
    objs = (
        entries
        if all(type(e) is dict for e in entries)
        else [e if isinstance(e, dict) else {} for e in entries]
    )
    created = [e.get("creationDate") for e in objs]
    instant = utc_instants(created)
    raws = [e.get("text") for e in objs]
    bad = [int(i) for i in instant.index[instant.isna()]]
    bad += [i for i, r in enumerate(raws) if r is not None and type(r) is not str]
    keep = None
    if bad or objs is not entries:
        bad_set = set(bad) | {i for i, e in enumerate(entries) if not isinstance(e, dict)}
        for i in sorted(bad_set):
            reason = _bad_reason(entries[i], created[i], instant.iloc[i], raws[i])
            ctx.problem(
                f"{where} entry {i + 1}",
                f"{reason}; this entry was skipped. Suggestion: fix it in Day One (or in the "
                "JSON) and export again.",
                json.dumps(entries[i], ensure_ascii=False, default=str)[:120],
            )
        keep = [i for i in range(n) if i not in bad_set]
        objs = [objs[i] for i in keep]
        raws = [raws[i] for i in keep]
        instant = instant.iloc[keep].reset_index(drop=True)
    _note_textless(raws, keep, where, ctx)
    titles, texts, media = clean_column([r or "" for r in raws])
    tags = [e.get("tags") for e in objs]
    tags = [t if type(t) is list else [t] if type(t) is str and t else [] for t in tags]
    if {type(x) for t in tags for x in t} - {str}:
        tags = [[x for x in t if type(x) is str] for t in tags]
    zones = [e.get("timeZone") for e in objs]
    ids = [e.get("uuid") for e in objs]
    rows = np.arange(1, n + 1) if keep is None else np.asarray(keep, dtype=np.int64) + 1
    return pd.DataFrame(
        {
            # complete string columns go out as TEXT (converted once); the rest as objects
            "entry_id": pd.Series([u if type(u) is str else "" for u in ids], dtype=TEXT),
            "instant": instant,
            "tz": pd.Series([z if type(z) is str and z else None for z in zones], dtype=object),
            "title": text_array(titles),
            "text": text_array(texts),
            "tags": pd.Series(tags, dtype=object),
            "starred": pd.Series([e.get("starred") is True for e in objs], dtype=bool),
            "media": pd.Series(media, dtype="int64"),
            "journal": constant_text(journal, len(objs)),
            "origin": numbered(f"{where} entry ", rows),
        }
    )


def _note_textless(raws: list[Any], keep: list[int] | None, where: str, ctx: ReadContext) -> None:
    """Say which entries have no ``text`` at all: loaded as empty entries, never silently."""
    rows = [i + 1 if keep is None else keep[i] + 1 for i, r in enumerate(raws) if r is None]
    if not rows:
        return
    shown = ", ".join(f"{where} entry {n}" for n in rows[:3])
    more = f" and {len(rows) - 3} more" if len(rows) > 3 else ""
    ctx.note(
        f"{len(rows)} entr{'y has' if len(rows) == 1 else 'ies have'} no 'text' at all (an "
        f"empty entry, as Day One shows it; some converters call it an entry with an error): "
        f"{shown}{more}. They were loaded with empty text, dated as Day One dates them. "
        "Suggestion: delete them in Day One if they were made by accident."
    )


def _check_zones(frame: pd.DataFrame, ctx: ReadContext) -> None:
    """Replace missing or unknown zones by ``None`` (the read's ``tz``) and say so."""
    zones = frame["tz"]
    missing = zones.isna()
    if missing.any():
        k = int(missing.sum())
        ctx.note(
            f"{k} entr{'y has' if k == 1 else 'ies have'} no timeZone (first: "
            f"{frame['origin'][missing].iloc[0]}): placed in tz={ctx.tz!r}. Suggestion: pass "
            "tz='Area/City' for the zone you wrote them in."
        )
    unknown = [z for z in zones[~missing].unique() if not valid_zone(z)]
    if unknown:
        hit = zones.isin(unknown)
        ctx.note(
            f"unknown time zone(s) {sorted(unknown)[:3]} (first at "
            f"{frame['origin'][hit].iloc[0]}): those entries were placed in tz={ctx.tz!r}. "
            "Suggestion: pass tz='Area/City' if that is not right."
        )
        frame["tz"] = zones.where(~hit, None)


SOURCES = [
    Source(
        name="dayone",
        kind="journal",
        description="Day One JSON export: every journal in the zip, each entry in its own zone",
        patterns=("*.zip", "*.json", "folder with Journal.json"),
        how_to_export=(
            "In Day One: Export > 'Day One JSON (.zip)' (Settings > Import/Export; "
            "Mac: File > Export)"
        ),
        detect=detect,
        read=read,
        options={},
        zoned=True,
    )
]
