"""Markdown daily notes: an Obsidian vault or a plain folder of ``.md`` files.

Obsidian's core **Daily notes** plugin writes one note per day, named after a
moment.js pattern set in **Settings → Daily notes → Date format** (default
``YYYY-MM-DD``; ``/`` makes folders) and stored in ``.obsidian/daily-notes.json``.
There is no export menu: pass the vault folder, or a zip of it (**right-click
the vault folder → Compress**), or a single ``.md`` note.

Which notes are entries
-----------------------
* **Where.** When the vault's daily-notes settings name a folder (or the
  ``folder`` option does), only the notes in that folder can be entries;
  templates never are.
* **Which.** A note is an entry when its *whole* name (with its folders, for
  patterns with ``/``) is its date in the daily-note format: the vault's
  setting, or the ``date_format`` option, or ``YYYY-MM-DD``; the default is
  also tried when a vault's own pattern does not fit. ``2021-01-01.md`` is an
  entry; ``Jeffrey-20210101-Diary.md``, ``1-20210101.md`` and
  ``2021-01-01-Friday.md`` are not (pass ``date_format`` if those are your
  daily notes). A note whose name is not a date is an entry when its front
  matter has a ``date`` (any case) property.
* **The rest** (ordinary notes, templates, notes outside the daily-notes
  folder) are *skipped*: not records and not problems. One note in the load
  report counts them by reason with examples, and ``report.skipped`` lists
  each. A note meant as an entry that cannot be dated (``2024-02-30.md``, or
  ``date: next tuesday``) is a problem, and is never dated today; so is an
  undated note passed on its own (it was meant as an entry).
* Other files (images, ``.obsidian``) are ignored.

Decisions
---------
* **Date.** From the file name or the ``date`` property, as above.
* **Time.** A ``time`` property (``10:30``, ``9:05 pm``) or a time in the date
  property or file name sets the time of day, and ``time_known`` is True.
  Otherwise the note is placed at **12:00** with ``time_known`` False: a daily
  note covers the whole day, and noon is the moment farthest from both day
  boundaries, so the calendar day never moves under ``tz=`` conversion of up
  to ±11 hours or a ``day_starts`` before noon.
* **Front matter** is read with ruamel.yaml's base loader: every value stays
  the string written (``time: 10:30`` is "10:30", ``no`` is "no", dates are
  parsed here). Invalid front matter keeps the note (without properties) and
  is listed once in the report's notes.
* **Mood.** The ``mood`` property, else a Dataview inline field ``mood:: x``.
  A number goes to ``mood``; words go to ``mood_label`` (and to ``mood`` when
  ``moods={"okay": 3}`` maps them).
* **Tags.** ``tags``/``tag`` properties (a list or a comma string, ``#``
  removed) then inline ``#tags`` in the body (not in code, links or
  headings; a tag needs a non-digit). Lower-cased, as Obsidian compares tags
  without case; first spelling order kept.
* **Title and text.** ``title`` is the first ``# `` heading, else the file
  stem; ``text`` is the body without front matter and without that heading
  line, as written (Markdown kept). :func:`sections` splits a body at its
  ``## `` headings.
* **journal** is the vault's name (the folder holding ``.obsidian``, else the
  folder or zip read; a single note's parent folder).
"""

from __future__ import annotations

import math
import re
import reprlib
from collections.abc import Mapping
from datetime import date, datetime, time
from pathlib import PurePosixPath
from typing import Any

import pandas as pd
from ruamel.yaml import YAML

from ..errors import ParseError
from ._base import ReadContext, Source
from ._finalize import journal_name
from ._input import Input
from ._json import loads
from ._markdown_body import (
    drop_html_comments,
    inline_mood,
    inline_tags,
    prompt_answers,
    sections,
    tag_list,
    title_and_text,
)
from ._moment import DEFAULT_FORMAT, DateMatcher, UnsupportedFormat, render

__all__ = ["SOURCES", "read_front_matter", "sections"]

_SUFFIXES = (".md", ".markdown")
_TEMPLATE_DIRS = {"templates", "template", "_templates"}
_NOON = time(12, 0)
_NULL = {"", "~", "null", "none"}
_CLOCK = re.compile(r"^(\d{1,2})[:.h](\d{2})(?::(\d{2}))?\s*+([ap]\.?m\.?)?$", re.IGNORECASE)
#: Front matter larger or deeper than this is not parsed (YAML parsing is slow, ~100 µs a
#: token, and recursive): the note is kept, its properties are dropped and a note says why.
_MAX_FRONT_MATTER = 32 * 1024
_MAX_FRONT_MATTER_DEPTH = 64
_LOOSE_DAY = re.compile(r"(?<!\d)(\d{4})-?(\d{2})-?(\d{2})(?!\d)")


# ----------------------------------------------------------------------- front matter


def _yaml() -> YAML:
    y = YAML(typ="base")  # no implicit types: every scalar stays a string (YAML 1.2 safe)
    y.allow_duplicate_keys = True
    return y


def read_front_matter(text: str) -> tuple[dict[str, Any] | None, str, str | None]:
    """Split a note into its front matter properties and its body.

    No YAML 1.1 coercion happens: ``time: 10:30`` stays ``"10:30"``, ``no``
    stays ``"no"`` and dates stay strings.

    Parameters
    ----------
    text : str
        The whole note, with ``\\n`` newlines (BOM already removed).

    Returns
    -------
    properties : dict or None
        The properties, or None when there is no front matter.
    body : str
        The text after the closing ``---``.
    error : str or None
        Why the front matter could not be read (then ``properties`` is None).

    Examples
    --------
    >>> from reflection_kit.sources.markdown import read_front_matter
    >>> read_front_matter("---\\ntime: 10:30\\nok: no\\n---\\nHello")
    ({'time': '10:30', 'ok': 'no'}, 'Hello', None)
    """
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None, text, None
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            break
    else:
        return None, text, "the front matter has no closing '---' line"
    raw, body = "\n".join(lines[1:i]), "\n".join(lines[i + 1 :])
    if len(raw) > _MAX_FRONT_MATTER:
        return None, body, f"the front matter is larger than {_MAX_FRONT_MATTER // 1024} KiB"
    if _depth(raw) > _MAX_FRONT_MATTER_DEPTH:
        return None, body, "the front matter is nested too deeply"
    try:
        data = _yaml().load(raw) if raw.strip() else {}
    except Exception as exc:  # any YAML error: keep the note, drop the properties
        first = str(exc).strip().split("\n")[0]
        return None, body, f"invalid YAML front matter ({first})"
    if not isinstance(data, dict):
        return None, body, "the front matter is not a list of properties (key: value)"
    return {str(k): v for k, v in data.items()}, body, None


def _depth(raw: str) -> int:
    """The deepest nesting of ``[``/``{`` in ``raw`` (quotes not considered: an upper bound)."""
    depth = deepest = 0
    for ch in re.findall(r"[\[\]{}]", raw):
        depth = depth + 1 if ch in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    return deepest


def _prop(props: Mapping[str, Any] | None, *names: str) -> Any:
    if not props:
        return None
    low = {k.strip().casefold(): v for k, v in props.items()}
    for n in names:
        v = low.get(n)
        if isinstance(v, str) and v.strip().casefold() in _NULL:
            v = None
        if v is not None:
            return v
    return None


# ----------------------------------------------------------------------- dates & times


def _clock(value: Any) -> time | None:
    if not isinstance(value, str | int | float):
        return None
    m = _CLOCK.match(str(value).strip())
    if not m:
        return None
    h, mi, s, ampm = int(m[1]), int(m[2]), int(m[3] or 0), m[4]
    if ampm:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if ampm.lower().startswith("p") else 0)
    if h > 23 or mi > 59 or s > 59:
        return None
    return time(h, mi, s)


def _date_prop(value: Any) -> tuple[date | None, time | None, str]:
    """Parse a ``date`` property: (day, time or None, problem or '')."""
    raw = str(value).strip() if isinstance(value, str | int | float) else ""
    if not raw:
        return None, None, f"its date property {value!r} is not a date"
    try:
        dt = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        return None, None, f"its date property {raw!r} is not a date (write it as 2024-03-05)"
    has_time = bool(re.search(r"\d[T ]\d", raw))
    return dt.date(), (dt.time().replace(microsecond=0) if has_time else None), ""


def _matchers(fmt: str | None, ctx: ReadContext, origin: str) -> list[DateMatcher]:
    out = []
    for f in dict.fromkeys([fmt or DEFAULT_FORMAT, DEFAULT_FORMAT]):
        try:
            out.append(DateMatcher(f))
        except UnsupportedFormat as exc:
            shown = f if len(f) <= 80 else f[:60] + "…"
            ctx.note(
                f"the daily-note date format {shown!r} ({origin}) cannot be read back into days "
                f"({exc}); file names were read as {DEFAULT_FORMAT} instead. Suggestion: pass "
                "date_format='YYYY-MM-DD' (your pattern) to read_journal."
            )
    return out


# ----------------------------------------------------------------------- vault settings


def _settings(inp: Input, names: list[str], ctx: ReadContext) -> dict[str, Any]:
    """The vault root, daily-note format, template folders and vault name."""
    roots = sorted(
        (n[: n.index(".obsidian/")] for n in names if "/.obsidian/" in "/" + n),
        key=len,
    )
    root = roots[0] if roots else ""
    conf: dict[str, Any] = {}
    for rel in (".obsidian/daily-notes.json", ".obsidian/plugins/periodic-notes/data.json"):
        name = root + rel
        if name not in names:
            continue
        try:
            data = loads(inp.read_text(name)[0] or "{}")
        except (ValueError, ParseError) as exc:
            ctx.note(f"{inp.where(name)} could not be read ({exc}); using YYYY-MM-DD names.")
            continue
        if "periodic" in rel and isinstance(data, dict):
            daily = data.get("daily")
            data = daily if isinstance(daily, dict) and daily.get("enabled", True) else {}
        if isinstance(data, dict):
            conf.update({k: v for k, v in data.items() if isinstance(v, str) and v.strip()})
    templates = set()
    if root + ".obsidian/templates.json" in names:
        try:
            t = loads(inp.read_text(root + ".obsidian/templates.json")[0] or "{}")
            if isinstance(t, dict) and isinstance(t.get("folder"), str) and t["folder"].strip():
                templates.add(t["folder"].strip("/"))
        except (ValueError, ParseError):
            pass
    template_file = str(conf.get("template", "")).strip("/")
    if template_file.lower().endswith(".md"):
        template_file = template_file[:-3]
    if "/" in template_file:
        templates.add(template_file.rsplit("/", 1)[0])
    if root:
        vault = PurePosixPath(root.rstrip("/")).name
    elif inp.kind == "file":
        vault = inp.path.resolve().parent.name
    else:
        vault = inp.path.stem if inp.kind == "zip" else inp.path.name
    vault = journal_name(vault) if vault else vault  # "notes (1)" is the same vault as "notes"
    return {
        "root": root,
        "format": ctx.option("date_format") or conf.get("format"),
        "format_origin": "date_format option"
        if ctx.option("date_format")
        else inp.where(root + ".obsidian/daily-notes.json"),
        "templates": templates,
        "template_file": template_file,
        "vault": vault or "markdown",
        "folder": str(ctx.option("folder") or "").strip("/"),
        "daily_folder": str(conf.get("folder") or "").strip().strip("/"),
    }


def _is_template(rel: str, s: dict[str, Any]) -> bool:
    stem = rel.rsplit(".", 1)[0]
    folders = rel.split("/")[:-1]
    if s["template_file"] and stem == s["template_file"]:
        return True
    if any(f.casefold() in _TEMPLATE_DIRS for f in folders):
        return True
    return any(rel == t or rel.startswith(t + "/") for t in s["templates"])


# ----------------------------------------------------------------------- reading


class _Skip(str):
    """Why a note is not a daily note (not a record, not a problem): its group's key."""


def _note(
    inp: Input, name: str, rel: str, s: dict, matchers: list[DateMatcher]
) -> dict[str, Any] | tuple[str, str] | _Skip:
    """One note as a row, ``(reason, raw)`` for a problem, or a :class:`_Skip`."""
    try:
        text, enc = inp.read_text(name)
    except ParseError as exc:  # a damaged zip member is one problem, not the end of the read
        return (
            f"{exc.reason}; the note was not read. Suggestion: zip the vault again, or pass "
            "the vault folder itself (the other notes were read).",
            name,
        )
    props, body, fm_error = read_front_matter(text)
    stem_path = rel.rsplit(".", 1)[0]
    stem = stem_path.rsplit("/", 1)[-1]
    day = clock = None
    why = ""
    for m in matchers:
        try:
            hit = m.match(stem_path)
        except ValueError as exc:
            why = why or f"its name {stem!r} fits the date format {m.format} but {exc}"
            hit = None
        if hit:
            day, hm = hit
            clock = time(*hm) if hm else None
            break
    dprop = _prop(props, "date")
    if dprop is not None:
        pday, ptime, perr = _date_prop(dprop)
        if day is None and pday is not None:
            day, clock = pday, ptime
        elif day is not None and pday == day and ptime is not None and clock is None:
            clock = ptime
        elif day is None:
            why = why or perr
    if day is None and not why:  # not meant as a daily note: an ordinary note
        return _Skip("dated_name" if _LOOSE_DAY.search(stem) else "undated")
    if enc == "cp1252":
        s["encodings"].append(rel)
    if fm_error:
        s["bad_fm"].append(f"{rel}: {fm_error}")
    if day is None:
        fmt = matchers[0].format if matchers else DEFAULT_FORMAT
        example = render(fmt, date(2024, 3, 5))
        return (
            f"not loaded: {why}. Suggestion: name the note {fmt}.md (e.g. {example}.md) or "
            "write its date property as 'date: 2024-03-05'.",
            text,
        )
    tprop = _prop(props, "time")
    if tprop is not None:
        t = _clock(tprop)
        if t is None:
            s["bad_time"].append(f"{rel} ({reprlib.repr(tprop)})")
        else:
            clock = t
    mood_raw = _prop(props, "mood")
    if isinstance(mood_raw, list):
        mood_raw = ", ".join(str(v) for v in mood_raw if isinstance(v, str))
    if mood_raw is None or isinstance(mood_raw, dict):
        mood_raw = inline_mood(body)
    mood, label = _mood(mood_raw, s["moods"])
    tags = tag_list(_prop(props, "tags", "tag")) + inline_tags(body)
    title, body_text = title_and_text(body, stem)
    return {
        "prompts": prompt_answers(body),
        "local_time": datetime.combine(day, clock or _NOON),
        "time_known": clock is not None,
        "title": title,
        "text": drop_html_comments(body_text).strip(),
        "tags": list(dict.fromkeys(t.casefold() for t in tags if t)),
        "mood": mood,
        "mood_label": label,
        "journal": s["vault"],
        "origin": inp.where(name),
    }


def _mood(raw: Any, moods: Mapping[str, float]) -> tuple[float, str]:
    if raw is None:
        return math.nan, ""
    label = str(raw).strip()
    try:
        v = float(label)
        if math.isfinite(v):
            return v, ""
    except ValueError:
        pass
    return moods.get(" ".join(label.split()).casefold(), math.nan), label


def _check_moods(moods: Any) -> dict[str, float]:
    if moods is None:
        return {}
    if not isinstance(moods, Mapping):
        raise TypeError(
            f"`moods` must be a mapping from a mood word to a score, got "
            f"{type(moods).__name__}. Example: moods={{'okay': 3, 'great': 5}}"
        )
    out = {}
    for k, v in moods.items():
        if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
            raise ValueError(
                f"`moods` maps {k!r} to {v!r}, which is not a number. "
                f"Example: moods={{{str(k)!r}: 3}}"
            )
        out[" ".join(str(k).split()).casefold()] = float(v)
    return out


def _notes_in(inp: Input) -> list[str]:
    names = inp.names()
    if inp.kind == "file":
        if not names[0].lower().endswith(_SUFFIXES):
            raise ParseError(
                f"{inp.display}: not a Markdown note (format='markdown' reads .md files, or a "
                "folder or zip of them). Suggestion: pass the vault folder, or the right "
                "format= for this file (see rk.formats()).",
                location=inp.display,
                reason="not a Markdown (.md) note",
            )
        return names
    md = [n for n in names if n.lower().endswith(_SUFFIXES) and "/.obsidian/" not in "/" + n]
    if not md:
        raise ParseError(
            f"{inp.display}: no Markdown notes (.md files) inside. Suggestion: pass your vault "
            "or journal folder, or the right format= (see rk.formats()).",
            location=inp.display,
            reason="no .md files",
        )
    return md


#: Why a note is not an entry, by group (``{folder}``/``{fmt}`` filled in).
_SKIP_REASONS = {
    "outside": "not a daily note: it is outside the daily-notes folder {folder!r}",
    "template": "a note template, not a journal entry",
    "dated_name": "not a daily note: its name holds a date but is not the date itself in "
    "the format {fmt} (and it has no date: property)",
    "undated": "not a daily note: its name is not a date in the format {fmt} and it has no "
    "date: property",
}


def _fmt(matchers: list[DateMatcher]) -> str:
    return matchers[0].format if matchers else DEFAULT_FORMAT


def _skipped_note(
    skipped: dict[str, list[str]],
    folder: str,
    matchers: list[DateMatcher],
    s: dict[str, Any],
    ctx: ReadContext,
) -> None:
    """One note that sums up every note that is not a daily note, by reason, with examples."""
    total = sum(len(v) for v in skipped.values())
    if not total:
        return
    fmt = _fmt(matchers)
    origin = "the folder option" if s["folder"] else "the vault's daily-notes settings"
    what = {
        "outside": f"outside the daily-notes folder {folder!r} (set by {origin})",
        "template": "templates",
        "dated_name": f"whose names hold a date but are not one in the format {fmt} "
        "(pass date_format='...' if these are your daily notes)",
        "undated": f"whose names are not a date in the format {fmt}, without a date: property",
    }
    parts = []
    for key in ("outside", "template", "dated_name", "undated"):
        where = skipped.get(key)
        if where:
            eg = ", ".join(where[:3]) + (", …" if len(where) > 3 else "")
            parts.append(f"{len(where)} {what[key]} (e.g. {eg})")
    ctx.note(
        f"skipped {total} note(s) that are not daily notes (not entries, not problems): "
        + "; ".join(parts)
        + ". A note is an entry when its name is its date in the daily-note format, or it "
        "has a date: property; report.skipped lists every skipped note."
    )


def _journal_folder(md: list[str], s: dict[str, Any], ctx: ReadContext) -> str:
    """The folder whose notes are the entries: the ``folder`` option, else the vault's
    daily-notes folder when it holds notes, else ``""`` (every note)."""
    if s["folder"]:
        return s["folder"]
    declared = s["daily_folder"]
    if not declared:
        return ""
    inside = [n for n in md if (n[len(s["root"]) :] + "/").startswith(declared + "/")]
    if not inside:
        ctx.note(
            f"the vault's daily-notes folder {declared!r} holds no notes, so every note of the "
            "vault was looked at. Suggestion: pass folder='...' with the folder of your "
            "daily notes."
        )
        return ""
    return declared


def _read(inp: Input, ctx: ReadContext) -> pd.DataFrame:
    md = _notes_in(inp)
    names = inp.names()
    s = _settings(inp, names, ctx)
    s.update(moods=_check_moods(ctx.option("moods")), bad_fm=[], bad_time=[], encodings=[])
    matchers = _matchers(s["format"], ctx, s["format_origin"])
    folder = _journal_folder(md, s, ctx) if inp.kind != "file" else ""
    skipped: dict[str, list[str]] = {}
    rows = []
    for name in md:
        rel = name[len(s["root"]) :] if name.startswith(s["root"]) else name
        if folder and not (rel + "/").startswith(folder + "/"):
            why = _Skip("outside")
        elif _is_template(rel, s):
            why = _Skip("template")
        else:
            got = _note(inp, name, rel, s, matchers)
            if not isinstance(got, _Skip):
                ctx.found()
                if isinstance(got, tuple):
                    ctx.problem(inp.where(name), got[0], got[1])
                else:
                    rows.append(got)
                continue
            why = got
            if inp.kind == "file":  # a note passed on its own was meant as an entry
                fmt = _fmt(matchers)
                ctx.found()
                ctx.problem(
                    inp.where(name),
                    f"no date: the note's name is not a date in the format {fmt} and it has "
                    f"no date: property, so it was not loaded. Suggestion: name it {fmt}.md "
                    f"(e.g. {render(fmt, date(2024, 3, 5))}.md) or add 'date: 2024-03-05' to "
                    "its front matter.",
                    name,
                )
                continue
        skipped.setdefault(why, []).append(inp.where(name))
        ctx.skip(inp.where(name), _SKIP_REASONS[why].format(folder=folder, fmt=_fmt(matchers)))
    _skipped_note(skipped, folder, matchers, s, ctx)
    for key, what in (
        ("bad_fm", "front matter that could not be read (their properties were ignored)"),
        ("bad_time", "a time property that is not a time of day (read as 12:00)"),
        (
            "encodings",
            "text that is not UTF-8 (read as Windows-1252; re-save as UTF-8 if letters "
            "look wrong)",
        ),
    ):
        if s[key]:
            more = f" and {len(s[key]) - 5} more" if len(s[key]) > 5 else ""
            ctx.note(f"{len(s[key])} note(s) with {what}: {'; '.join(s[key][:5])}{more}")
    if not rows:
        return pd.DataFrame(columns=["local_time", "origin"])
    df = pd.DataFrame(rows)
    df["time_known"] = df["time_known"].astype("bool")
    return df


def _detect(inp: Input) -> str | None:
    try:
        names = inp.names()
        if inp.kind == "file":
            return None if names[0].lower().endswith(_SUFFIXES) else "not a .md file"
        md = [n for n in names if n.lower().endswith(_SUFFIXES)]
        if not md:
            return "no .md files inside"
        if any("/.obsidian/" in "/" + n for n in names):
            return None
        if any(_LOOSE_DAY.search(n.rsplit("/", 1)[-1]) for n in md):
            return None
        for n in md[:50]:
            head = inp.read_bytes(n)[:2048].decode("utf-8", "replace").lstrip("\ufeff")
            if head.startswith("---") and re.search(r"(?im)^date\s*:", head):
                return None
        return "no .obsidian folder and no dated notes (YYYY-MM-DD.md or a date: property)"
    except Exception as exc:  # a detector never raises
        return f"could not be read ({type(exc).__name__})"


SOURCES: list[Source] = [
    Source(
        name="markdown",
        kind="journal",
        description="Markdown daily notes: an Obsidian vault (daily-notes folder and date "
        "format, front matter, inline #tags, mood) or a plain folder of dated .md files. A "
        "note is an entry when its whole name is its date in the daily-note format (default "
        "YYYY-MM-DD) or it has a date: property; other notes are skipped and counted in the "
        "report",
        patterns=("*.md", "vault folder", "vault.zip"),
        how_to_export="Obsidian: pass the vault folder (or a zip of it); the entries are the "
        "daily notes in its Settings → Daily notes → New file location, named by Date format. "
        "Plain notes: one YYYY-MM-DD.md per day.",
        detect=_detect,
        read=_read,
        options={
            "date_format": "moment.js file-name pattern of your daily notes (default: the "
            "vault's setting, else YYYY-MM-DD), e.g. 'YYYY/MM/YYYY-MM-DD'",
            "folder": "read only the notes under this subfolder of the vault, e.g. 'Journal'",
            "moods": "mapping of mood words to scores, e.g. {'okay': 3, 'great': 5}",
        },
    ),
]
