"""jrnl: the plain-text journal file of jrnl (jrnl.sh), and its folder journals.

jrnl keeps a journal as plain text, so there is nothing to export: pass the
journal file itself (``jrnl --list`` shows where it is; by default
``~/.local/share/jrnl/journal.txt``). A folder journal (``YYYY/MM/DD.txt``,
all entries of a day in one file) is read too.

Grammar, as jrnl writes it::

    [2024-03-05 08:15] Morning walk to the bakery. *
    Body lines, with @tags anywhere.

An entry starts at a line ``[<date>] <title>``, read the way jrnl reads it:

1. ``<date>`` parses with the ``timeformat`` option (jrnl's config key of the
   same name, default ``%Y-%m-%d %H:%M``): an entry.
2. Six characters or fewer (``[1] a footnote``): body text, as in jrnl.
3. It has the *shape* of the timeformat but is no real date (``[2024-13-45
   25:99]``): an entry that is reported as a problem with its body lines,
   never merged into the one before.
4. It is a full date in another layout that jrnl's lenient date parser reads
   and that leaves no day/month order to guess (year first, or a month name:
   ``[2019-07 14:23]`` is 2019-07-01 14:23, ``[2020-08-29 11:11:00 AM]``,
   ``[March 5, 2024 10:00]``): an entry, and the report's notes say which
   lines were read this way.
5. Anything else (``[Room 101] ...``) is body text. A date without a year
   (``[March 5] ...``) stays body text too: jrnl would date it in the current
   year, and a journal is never dated by the day it is read; a note lists it.

A trailing `` *`` on the title line marks the entry starred. Times carry no
zone: they are read in ``tz`` (see :func:`reflection_kit.read_journal`).

A folder journal is read from its ``YYYY/MM/DD.txt`` day files; other files in
it (jrnl ignores them too) are listed in the report as skipped. A jrnl 1.x
journal (entries start with an unbracketed ``2013-06-10 15:40 Title``) is read
as jrnl's upgrade reads it: a bracketed line there is body text. An encrypted
journal is refused with what to do (``jrnl --decrypt``).

Columns filled: ``local_time``, ``title`` (the title line), ``text`` (everything
the person wrote: title line and body, so text measures see every word), ``tags``
(lower-cased, without the ``@``, as in every reader) and the extra ``starred``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache, lru_cache
from typing import Any

import pandas as pd
from dateutil.parser import parse as _dateutil_parse

from ..errors import ParseError
from ._base import ReadContext, Source
from ._input import Input
from ._peek import head_text
from .whatsapp import is_chat

__all__ = ["DEFAULT_TIMEFORMAT", "SOURCES", "detect", "entry_text", "find_tags", "read"]

#: jrnl's default ``timeformat``.
DEFAULT_TIMEFORMAT = "%Y-%m-%d %H:%M"
#: Tried, in this order, when no ``timeformat`` is given and the default matches nothing.
_OTHER_TIMEFORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %I:%M %p",
    "%Y-%m-%d %I:%M:%S %p",
    "%d.%m.%Y %H:%M",
    "%d/%m/%Y %H:%M",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y %I:%M %p",
    "%Y/%m/%d %H:%M",
    "%Y-%m-%d",
)
_HEADER = re.compile(r"\[([^\]\n]+)\](?:[ \t]+(.*)|[ \t]*)$")
_DETECT = re.compile(r"\[[^\]\n]*\d[^\]\n]*\](?: |\s*$)")
_FOLDER_DAY = re.compile(r"(?:^|/)\d{4}/\d{2}/\d{2}\.txt$")
_STAR = re.compile(r"(?:^|[ \t])\*[ \t]*$")
_DIRECTIVE = re.compile(r"%-?([a-zA-Z%])")
_TAG_CACHE: dict[str, re.Pattern[str]] = {}
#: A jrnl v2 encrypted journal: one Fernet token (base64url, starting "gAAAAA").
_ENCRYPTED = re.compile(r"gAAAAA[A-Za-z0-9_=-]{40,}\s*")
#: jrnl 1.x: entries start with an unbracketed date in the timeformat, then a space.
_LEGACY_HEAD = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}(?: |$)")
#: jrnl skips bracketed blobs this short (markdown footnotes such as "[1]").
_FOOTNOTE_MAX = 6
#: Longer blobs are not tried with the lenient parser (no date is this long).
_LENIENT_MAX = 40
#: Layouts read leniently: year first, or a month name (no day/month order to guess).
_YEAR_FIRST = re.compile(r"\d{4}[-/. ]")
_MONTH_NAME = re.compile(
    r"(?<![^\W\d_])(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?![^\W\d_])",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+\.?")
#: The only words a date header may hold: months, weekdays, am/pm, ordinals, "T".
_DATE_WORDS = frozenset(
    (
        *("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct"),
        *("nov", "dec", "january", "february", "march", "april", "june", "july", "august"),
        *("september", "october", "november", "december"),
        *("mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"),
        *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        *("am", "pm", "a", "p", "m", "t", "st", "nd", "rd", "th", "of", "at"),
    )
)
#: dateutil's default date: a year of 9999 in the result means "no year was written".
_NO_YEAR = datetime(9999, 1, 1)
_COLUMNS = ("local_time", "title", "text", "tags", "starred", "origin")


def _tag_regex(symbols: str) -> re.Pattern[str]:
    rx = _TAG_CACHE.get(symbols)
    if rx is None:
        rx = re.compile(r"(?<!\S)[" + re.escape(symbols) + r"]([-+*#/\w]+)")
        _TAG_CACHE[symbols] = rx
    return rx


def find_tags(text: str, symbols: str = "@") -> list[str]:
    """The jrnl tags in ``text``: lower-cased, without the symbol, in order, once each.

    Parameters
    ----------
    text : str
        Title and body of an entry.
    symbols : str
        jrnl's ``tagsymbols`` (default ``"@"``).

    Returns
    -------
    list of str

    Examples
    --------
    >>> find_tags("Walked with @Sam and @sam. Ideas: @c++, @os/2: done; me@example.org")
    ['sam', 'c++', 'os/2']
    """
    if not any(s in text for s in symbols):
        return []
    found = (t.rstrip(".:").lower() for t in _tag_regex(symbols).findall(text))
    return list(dict.fromkeys(t for t in found if t))


def entry_text(title: str, body: str) -> str:
    """The full text of an entry: the title line, then the body.

    Examples
    --------
    >>> entry_text("Evening review", "Read for an hour.\\n")
    'Evening review\\nRead for an hour.'
    """
    title, body = title.strip(), body.strip()
    return f"{title}\n{body}" if title and body else title or body


@cache
def _shape(timeformat: str) -> re.Pattern[str]:
    """A loose regex for strings that *look like* ``timeformat`` (digits where numbers go)."""
    out, pos = [], 0
    for m in _DIRECTIVE.finditer(timeformat):
        out.append(re.escape(timeformat[pos : m.start()]))
        code = m.group(1)
        if code in "aAbBpZ":
            out.append(r"[^\W\d_]+\.?")
        elif code == "z":
            out.append(r"[+-]?\d{2}:?\d{2}")
        elif code == "%":
            out.append("%")
        else:
            out.append(r"\d{1,4}")
        pos = m.end()
    out.append(re.escape(timeformat[pos:]))
    return re.compile("".join(out).replace(r"\ ", r"\s+"), re.IGNORECASE)


def _parse(blob: str, timeformat: str) -> datetime | None:
    try:
        return datetime.strptime(blob.strip(), timeformat)
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _lenient(blob: str) -> tuple[datetime | None, bool]:
    """Read a bracketed blob as jrnl's fallback parser does: ``(time, has_year)``.

    jrnl tries ``dateutil`` after ``strptime`` fails. Only blobs with a digit,
    at most :data:`_LENIENT_MAX` characters, and a year first or a month name
    are tried (``05.03.2024`` could be March or May: only ``timeformat`` can
    say); ``(None, False)`` means it is not read as a date.

    Examples
    --------
    >>> _lenient("2019-07 14:23")
    (datetime.datetime(2019, 7, 1, 14, 23), True)
    >>> _lenient("March 5")[1]
    False
    >>> _lenient("Room 101")
    (None, False)
    """
    text = blob.strip()
    if len(text) > _LENIENT_MAX or not any(c.isdigit() for c in text):
        return None, False
    if not (_YEAR_FIRST.match(text) or _MONTH_NAME.search(text)):
        return None, False  # 05.03.2024: day or month first? Only timeformat can say
    if any(w.lower().rstrip(".") not in _DATE_WORDS for w in _WORD.findall(text)):
        return None, False  # other words: not a date (and dateutil is slow to say so)
    try:
        when = _dateutil_parse(text, default=_NO_YEAR)
    except (ValueError, OverflowError, TypeError):
        return None, False
    if when.tzinfo is not None:  # jrnl has no zones; a zone-like word is not a journal date
        return None, False
    if when.year == _NO_YEAR.year and "9999" not in text:
        return when, False
    return when.replace(microsecond=0), True


def _day_files(inp: Input) -> list[str]:
    return [n for n in inp.names() if _FOLDER_DAY.search(n)]


def detect(inp: Input) -> str | None:
    """``None`` when ``inp`` is a jrnl journal (file or folder), else why not."""
    if inp.kind != "file":
        return None if _day_files(inp) else "no YYYY/MM/DD.txt day files (a jrnl folder journal)"
    head = head_text(inp, inp.names()[0], 64 * 1024)
    first = next((line for line in head.split("\n") if line.strip()), "").lstrip("\ufeff")
    if not first:
        return "the file is empty"
    if is_chat(head):  # '[01/20/19 23:50] Sam: ...' is a WhatsApp chat: never its words
        return (
            "the lines are WhatsApp message headers ('[01/20/19 23:50] Name: ...'), not jrnl "
            "entries; if this is a jrnl journal, pass format='jrnl'"
        )
    if _DETECT.match(first) or _is_encrypted(head) or _is_legacy(first):
        return None
    return "the first line is not a jrnl entry header like '[2024-03-05 08:15] Title'"


def _is_encrypted(head: str) -> bool:
    """True for a jrnl 2+ encrypted journal (one Fernet token)."""
    return _ENCRYPTED.fullmatch(head.lstrip("\ufeff").strip() + "\n") is not None


def _is_legacy(first: str, timeformat: str = DEFAULT_TIMEFORMAT) -> bool:
    """True when ``first`` starts like a jrnl 1.x entry (an unbracketed date)."""
    if not _LEGACY_HEAD.match(first):
        return False
    return _parse(first[:16], timeformat) is not None


def _pick_timeformat(texts: list[str], ctx: ReadContext) -> str:
    given = ctx.option("timeformat")
    if given is not None:
        if not isinstance(given, str) or "%" not in given:
            raise ValueError(
                f"`timeformat` must be a strftime pattern such as '%Y-%m-%d %H:%M', got {given!r}."
            )
        return given
    blobs = [
        m.group(1)
        for text in texts
        for line in text.split("\n")
        if line.startswith("[") and (m := _HEADER.match(line))
    ][:500]
    best, best_hits = (
        DEFAULT_TIMEFORMAT,
        sum(_parse(b, DEFAULT_TIMEFORMAT) is not None for b in blobs),
    )
    if best_hits or not blobs:
        return best
    for fmt in _OTHER_TIMEFORMATS:
        hits = sum(_parse(b, fmt) is not None for b in blobs)
        if hits > best_hits:
            best, best_hits = fmt, hits
    if best_hits:
        ctx.note(
            f"no entry header matched jrnl's default timeformat {DEFAULT_TIMEFORMAT!r}; the "
            f"headers read as {best!r}. Suggestion: when day and month could be swapped "
            "(05.03.2024), pass timeformat=... with the order your headers use to be sure."
        )
    return best


def read(inp: Input, ctx: ReadContext) -> pd.DataFrame:
    """Read a jrnl plain-text journal (a file, or a ``YYYY/MM/DD.txt`` folder).

    Parameters
    ----------
    inp : Input
        The journal, opened with :meth:`Input.open`.
    ctx : ReadContext
        Options: ``timeformat`` (default ``"%Y-%m-%d %H:%M"``), ``tagsymbols``
        (default ``"@"``).

    Returns
    -------
    pandas.DataFrame
        One row per entry, for :func:`~reflection_kit.sources._finalize.finalize`.

    Raises
    ------
    ParseError
        When no line of the input is an entry header (not a jrnl journal, or
        another ``timeformat``).

    Examples
    --------
    >>> import reflection_kit as rk
    >>> journal = rk.read_journal("data/sample/journal.txt", format="jrnl")
    >>> bool(journal["text"].str.len().gt(0).all())
    True
    """
    names = inp.names() if inp.kind == "file" else _day_files(inp)
    if not names:
        raise _not_jrnl(inp, "it holds no journal file (a file, or YYYY/MM/DD.txt day files)")
    if inp.kind != "file":
        _skip_other_files(inp, set(names), ctx)
    texts = []
    for name in names:
        text, enc = inp.read_text(name)
        if enc not in ("utf-8", "utf-8-sig"):
            ctx.note(
                f"{inp.where(name)} is not UTF-8; it was read as {enc}. Suggestion: check "
                "accented letters; save the journal as UTF-8 to be sure."
            )
        texts.append(text)
    if inp.kind == "file" and _is_encrypted(texts[0]):
        raise _encrypted(inp)
    symbols = ctx.option("tagsymbols", "@")
    if not isinstance(symbols, str) or not symbols:
        raise ValueError(f"`tagsymbols` must be a non-empty string such as '@', got {symbols!r}.")
    legacy = inp.kind == "file" and _legacy_journal(texts[0], ctx)
    timeformat = _pick_timeformat([] if legacy else texts, ctx)
    if legacy:
        parsed = [_split_legacy(texts[0], timeformat)]
        ctx.note(
            f"{inp.display} is a jrnl 1.x journal (entry dates without brackets); it was read "
            "as jrnl's upgrade reads it, and bracketed lines in it are body text. Suggestion: "
            "open it once with jrnl 2 or later to upgrade it."
        )
    else:
        parsed = [_split(text, timeformat) for text in texts]
    if not any(p.entries for p in parsed) and any(t.strip() for t in texts):
        first = next((ln for t in texts for ln in t.split("\n") if ln.startswith("[")), None)
        what = (
            f"no line is an entry header: the first bracketed line, {first[:40]!r}, is no "
            f"date in timeformat {timeformat!r} nor one jrnl's lenient parser reads"
            if first
            else "no line is an entry header like '[2024-03-05 08:15] Title'"
        )
        raise _not_jrnl(inp, what)
    rows = []
    for name, p in zip(names, parsed, strict=True):
        rows += _rows(inp.where(name), p, timeformat, symbols, ctx)
    _lenient_notes([(inp.where(n), p) for n, p in zip(names, parsed, strict=True)], ctx)
    if not rows:
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in _COLUMNS})
    return pd.DataFrame(rows, columns=list(_COLUMNS))


def _skip_other_files(inp: Input, day_files: set[str], ctx: ReadContext) -> None:
    """List the files of a folder journal that are not day files (jrnl ignores them too)."""
    others = [n for n in inp.names() if n not in day_files and not n.endswith("/")]
    for name in others:
        ctx.skip(inp.where(name), "not a YYYY/MM/DD.txt day file of the folder journal")
    if others:
        shown = ", ".join(inp.where(n) for n in others[:3])
        more = f" and {len(others) - 3} more" if len(others) > 3 else ""
        ctx.note(
            f"skipped {len(others)} file(s) that are not YYYY/MM/DD.txt day files (jrnl "
            f"ignores them too; not entries, not problems): {shown}{more}"
        )


def _encrypted(inp: Input) -> ParseError:
    what = "this is an encrypted jrnl journal"
    return ParseError(
        f"{inp.display}: {what}; its entries cannot be read without the password. "
        "Suggestion: decrypt it with `jrnl --decrypt` first (jrnl asks for the password and "
        "writes the journal as plain text; `jrnl --decrypt --file copy.txt` writes a "
        "decrypted copy), then pass the decrypted file.",
        location=inp.display,
        reason=f"{what}; decrypt it with `jrnl --decrypt` first",
    )


def _not_jrnl(inp: Input, what: str) -> ParseError:
    return ParseError(
        f"{inp.display}: {what}, so it is not read as a jrnl journal. Suggestion: pass the "
        "journal file jrnl writes (see `jrnl --list`); if its headers are dates in another "
        "layout, pass that layout as timeformat='...' (for example '%d.%m.%Y %H:%M'); or "
        "leave format=None to detect the format.",
        location=inp.display,
        reason=f"not a jrnl journal: {what}",
    )


#: One parsed entry: (first line number, time or None for a broken header, title, body lines)
_Entry = tuple[int, datetime | None, str, list[str]]


@dataclass
class _Parsed:
    """One journal text split into entries, with what the notes need to say."""

    lines: list[str]
    entries: list[_Entry] = field(default_factory=list)
    preamble: list[int] = field(default_factory=list)
    #: (line, blob, time) of headers read with the lenient parser
    lenient: list[tuple[int, str, datetime]] = field(default_factory=list)
    #: (line, blob) of bracketed dates without a year, kept as body text
    yearless: list[tuple[int, str]] = field(default_factory=list)


def _split(text: str, timeformat: str) -> _Parsed:
    """Split one journal text into its lines, entries and the text lines before the first."""
    lines = text.split("\n")
    if lines and lines[0].startswith("\ufeff"):
        lines[0] = lines[0][1:]
    shape = _shape(timeformat)
    out = _Parsed(lines)
    entries = out.entries
    for no, line in enumerate(lines, 1):
        if line.startswith("["):
            m = _HEADER.match(line)
            if m:
                blob = m.group(1)
                when = _parse(blob, timeformat)
                if when is None and len(blob.strip()) > _FOOTNOTE_MAX:
                    if shape.fullmatch(blob.strip()):
                        entries.append((no, None, m.group(2) or "", []))
                        continue
                    when, has_year = _lenient(blob)
                    if when is not None and not has_year:
                        out.yearless.append((no, blob))
                        when = None
                    elif when is not None:
                        out.lenient.append((no, blob, when))
                if when is not None:
                    entries.append((no, when, m.group(2) or "", []))
                    continue
        if entries:
            entries[-1][3].append(line)
        elif line.strip():
            out.preamble.append(no)
    return out


def _legacy_journal(text: str, ctx: ReadContext) -> bool:
    """True when ``text`` is a jrnl 1.x journal.

    Its first line is an unbracketed date, and such lines are at least as many
    as bracketed headers (a jrnl 2 journal whose first line happens to start
    with a date stays a jrnl 2 journal).
    """
    fmt = ctx.option("timeformat")
    fmt = fmt if isinstance(fmt, str) else DEFAULT_TIMEFORMAT
    lines = [ln.lstrip("\ufeff") for ln in text.split("\n")]
    first = next((ln for ln in lines if ln.strip()), "")
    if not _is_legacy(first, fmt):
        return False
    legacy = sum(1 for ln in lines if ln[:1].isdigit() and _is_legacy(ln, fmt))
    bracketed = sum(1 for ln in lines if ln.startswith("[") and _DETECT.match(ln))
    return legacy >= bracketed


def _split_legacy(text: str, timeformat: str) -> _Parsed:
    """Split a jrnl 1.x journal as jrnl's ``LegacyJournal`` does.

    A line whose first characters parse with ``timeformat`` starts an entry; the
    title is the rest of the line. Every other line (brackets included) is body.
    """
    lines = text.split("\n")
    if lines and lines[0].startswith("\ufeff"):
        lines[0] = lines[0][1:]
    width = len(datetime(2000, 12, 28, 23, 59).strftime(timeformat))
    out = _Parsed(lines)
    for no, line in enumerate(lines, 1):
        when = _parse(line[:width], timeformat) if line[:1].isdigit() else None
        if when is not None and line[width : width + 1] in ("", " "):
            out.entries.append((no, when, line[width + 1 :], []))
        elif out.entries:
            out.entries[-1][3].append(line)
        elif line.strip():
            out.preamble.append(no)
    return out


def _lenient_notes(parsed: list[tuple[str, _Parsed]], ctx: ReadContext) -> None:
    """One note for headers read leniently, one for dates without a year left in the body."""
    lenient = [(w, no, b, t) for w, p in parsed for no, b, t in p.lenient]
    if lenient:
        shown = "; ".join(
            f"{w} line {no} [{b}] as {t:%Y-%m-%d %H:%M}" for w, no, b, t in lenient[:3]
        )
        more = f" and {len(lenient) - 3} more" if len(lenient) > 3 else ""
        ctx.note(
            f"{len(lenient)} entry header(s) are not in the timeformat and were read the way "
            f"jrnl reads them (its lenient date parser): {shown}{more}. Suggestion: check "
            "those dates."
        )
    yearless = [(w, no, b) for w, p in parsed for no, b in p.yearless]
    if yearless:
        shown = "; ".join(f"{w} line {no} [{b}]" for w, no, b in yearless[:3])
        more = f" and {len(yearless) - 3} more" if len(yearless) > 3 else ""
        ctx.note(
            f"{len(yearless)} bracketed line(s) hold a date without a year and were kept as "
            f"body text of the entry above (jrnl would date them in the current year): "
            f"{shown}{more}. Suggestion: if one starts an entry, write its full date."
        )


def _rows(
    where: str,
    parsed: _Parsed,
    timeformat: str,
    symbols: str,
    ctx: ReadContext,
) -> list[dict[str, Any]]:
    """Count, report and turn the entries of one text into rows."""
    lines, entries, preamble = parsed.lines, parsed.entries, parsed.preamble
    if preamble:
        ctx.found()
        span = (
            f"line {preamble[0]}" if len(preamble) == 1 else f"lines {preamble[0]}-{preamble[-1]}"
        )
        ctx.problem(
            f"{where} {span}",
            "text before the first entry header belongs to no entry and was not loaded. "
            "Suggestion: start it with a header like '[2024-03-05 08:15] Title', or check "
            "that timeformat matches your headers.",
            lines[preamble[0] - 1],
        )
    ctx.found(len(entries))
    rows = []
    for no, when, title, body in entries:
        loc = f"{where} line {no}"
        if when is None:
            ctx.problem(
                loc,
                f"the entry header's date is not a real date in timeformat {timeformat!r} "
                "(a month, day or hour out of range?); the entry and its body lines were not "
                "loaded. Suggestion: correct the date in the journal.",
                lines[no - 1],
            )
            continue
        title = title.rstrip()
        starred = bool(_STAR.search(title))
        if starred:
            title = _STAR.sub("", title).rstrip()
        full = entry_text(title, "\n".join(body))
        rows.append(
            {
                "local_time": when,
                "title": title,
                "text": full,
                "tags": find_tags(full, symbols),
                "starred": starred,
                "origin": loc,
            }
        )
    return rows


SOURCES = [
    Source(
        name="jrnl",
        kind="journal",
        description="jrnl plain-text journal (one file, or a YYYY/MM/DD.txt folder journal; "
        "jrnl 1.x journals too), dates read as jrnl reads them. Encrypted journals: decrypt "
        "them with `jrnl --decrypt` first",
        patterns=("*.txt", "journal.txt", "folder of YYYY/MM/DD.txt"),
        how_to_export="jrnl: no export needed; pass the journal file (`jrnl --list` shows it)",
        detect=detect,
        read=read,
        options={
            "timeformat": (
                "strftime pattern of the entry headers, as in your jrnl config "
                "(default '%Y-%m-%d %H:%M'; common others are tried when it matches nothing)"
            ),
            "tagsymbols": "characters that start a tag, as in your jrnl config (default '@')",
        },
    )
]
