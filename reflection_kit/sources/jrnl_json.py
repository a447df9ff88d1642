"""jrnl: the ``jrnl --format json`` export.

Run ``jrnl --format json --file journal.json`` (older versions: ``jrnl
--export json -o journal.json``). The file looks like::

    {"tags": {"@walk": 2},
     "entries": [{"title": "...", "body": "...", "date": "2024-03-05",
                  "time": "08:15", "tags": ["@walk"], "starred": false}]}

Per-entry ``tags`` exist since jrnl 2.4.4; for older exports the tags are
found in the title and body the way jrnl finds them (the symbols are taken from
the top-level ``tags`` keys, default ``@``). Journals kept in Day One add a
``uuid``, used as ``entry_id``. Times carry no zone (and no seconds).

Columns filled: ``local_time``, ``title``, ``text`` (title line, then body: every
word the person wrote, as in the plain-text reader), ``tags`` (lower-cased,
without the symbol), ``entry_id`` when a ``uuid`` is present, and the extra
``starred``.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from .._docstrings import share
from ..errors import ParseError
from ._base import ReadContext, Source
from ._input import Input, decode_text
from ._json import loads
from ._peek import head_text
from .jrnl import entry_text, find_tags

__all__ = ["SOURCES", "detect", "read"]

_COLUMNS = ("entry_id", "local_time", "title", "text", "tags", "starred", "origin")


def detect(inp: Input) -> str | None:
    """``None`` when ``inp`` is a ``jrnl --format json`` export, else why not."""
    if inp.kind != "file":
        return "not a single .json file"
    head = head_text(inp, inp.names()[0])
    if not head.lstrip(" \t\n\ufeff").startswith("{"):
        return "not a JSON object"
    if all(k in head for k in ('"entries"', '"title"', '"body"', '"date"')):
        return None
    return "no 'entries' with 'title', 'body' and 'date' keys"


def _not_jrnl_json(inp: Input, what: str) -> ParseError:
    return ParseError(
        f"{inp.display}: {what}, so it is not a jrnl JSON export. Suggestion: create one with "
        "`jrnl --format json --file journal.json`, or leave format=None to detect the format.",
        location=inp.display,
        reason=f"not a jrnl JSON export: {what}",
    )


def _load(inp: Input, ctx: ReadContext) -> dict[str, Any] | None:
    name = inp.names()[0]
    text, enc = decode_text(inp.read_bytes(name))
    stripped = text.lstrip(" \t\n\ufeff")
    if not stripped:
        raise _not_jrnl_json(inp, "the file is empty")
    if not stripped.startswith("{"):
        raise _not_jrnl_json(inp, f"the file does not start with '{{' (it starts {text[:30]!r})")
    if enc not in ("utf-8", "utf-8-sig"):
        ctx.note(f"{inp.where(name)} is not UTF-8; it was read as {enc}")
    try:
        obj = loads(text)
    except json.JSONDecodeError as exc:
        ctx.found()
        ctx.problem(
            inp.where(name),
            f"the file is not valid JSON ({exc.msg}: line {exc.lineno}, column {exc.colno}); "
            "it may be cut short. Suggestion: export it again with `jrnl --format json --file "
            "journal.json`; none of its entries were loaded.",
            exc.doc[max(0, exc.pos - 40) : exc.pos + 40],
        )
        return None
    if not isinstance(obj, dict) or not isinstance(obj.get("entries"), list):
        raise _not_jrnl_json(inp, "the JSON has no 'entries' list")
    return obj


def _symbols(obj: dict[str, Any]) -> str:
    """The tag symbols in use, from the top-level ``tags`` keys (jrnl's ``tagsymbols``)."""
    tags = obj.get("tags")
    firsts = {k[0] for k in tags if isinstance(k, str) and k} if isinstance(tags, dict) else set()
    return "".join(sorted(c for c in firsts if not c.isalnum())) or "@"


@share
def read(inp: Input, ctx: ReadContext) -> pd.DataFrame:
    """Read a ``jrnl --format json`` export.

    Parameters
    ----------
    {reader.params}

    Returns
    -------
    {reader.returns}

    Raises
    ------
    ParseError
        When the file is empty, not JSON, or has no ``entries`` list.

    Examples
    --------
    >>> import reflection_kit as rk
    >>> journal = rk.read_journal("data/sample/jrnl.json", format="jrnl_json")
    >>> bool(journal["tags"].map(type).eq(list).all())
    True
    """
    obj = _load(inp, ctx)
    if obj is None:
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in _COLUMNS})
    entries = obj["entries"]
    where = inp.where(inp.names()[0])
    symbols = _symbols(obj)
    ctx.found(len(entries))
    stamps = [
        f"{e.get('date')}T{e.get('time')}"
        if isinstance(e, dict)
        and isinstance(e.get("date"), str)
        and isinstance(e.get("time"), str)
        else None
        for e in entries
    ]
    local = pd.to_datetime(
        pd.Series(stamps, dtype=object), format="ISO8601", errors="coerce"
    ).tolist()
    rows: list[dict[str, Any]] = []
    for i, (e, when) in enumerate(zip(entries, local, strict=True), 1):
        loc = f"{where} entry {i}"
        reason = _bad_reason(e, when)
        if reason:
            ctx.problem(
                loc,
                f"{reason}; this entry was skipped. Suggestion: correct it in the journal and "
                "export again.",
                json.dumps(e, ensure_ascii=False, default=str)[:120],
            )
            continue
        title, body = e.get("title") or "", e.get("body") or ""
        text = entry_text(title, body)
        tags = e.get("tags")
        if isinstance(tags, list):
            tags = [t.lstrip(symbols).rstrip(".:").lower() for t in tags if isinstance(t, str)]
            tags = list(dict.fromkeys(t for t in tags if t))
        else:
            tags = find_tags(text, symbols)
        uuid = e.get("uuid")
        rows.append(
            {
                "entry_id": uuid if isinstance(uuid, str) else "",
                "local_time": when,
                "title": title.strip(),
                "text": text,
                "tags": tags,
                "starred": e.get("starred") is True,
                "origin": loc,
            }
        )
    if not rows:
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in _COLUMNS})
    return pd.DataFrame(rows, columns=list(_COLUMNS))


def _bad_reason(e: Any, when: Any) -> str | None:
    if not isinstance(e, dict):
        return f"the entry is a {type(e).__name__}, not a JSON object"
    for key in ("title", "body"):
        if e.get(key) is not None and not isinstance(e.get(key), str):
            return f"'{key}' should be a string, got {type(e.get(key)).__name__}"
    if pd.isna(when):
        return (
            f"'date' {e.get('date')!r} and 'time' {e.get('time')!r} are not a date "
            "(YYYY-MM-DD) and a time (HH:MM)"
        )
    return None


SOURCES = [
    Source(
        name="jrnl_json",
        kind="journal",
        description="jrnl JSON export (jrnl --format json), with or without per-entry tags",
        patterns=("*.json",),
        how_to_export="jrnl: `jrnl --format json --file journal.json`",
        detect=detect,
        read=read,
        options={},
    )
]
