"""jrnl: the plain-text journal file of jrnl (jrnl.sh), and its folder journals.

jrnl keeps a journal as plain text, so there is nothing to export: pass the
journal file itself (``jrnl --list`` shows where it is; by default
``~/.local/share/jrnl/journal.txt``). A folder journal (``YYYY/MM/DD.txt``,
all entries of a day in one file) is read too.

Grammar, as jrnl writes it::

    [2024-03-05 08:15] Morning walk to the bakery. *
    Body lines, with @tags anywhere.

An entry starts at a line ``[<date>] <title>`` whose ``<date>`` parses with
the ``timeformat`` option (jrnl's config key of the same name, default
``%Y-%m-%d %H:%M``). A body line such as ``[1] a footnote`` or a pasted chat
line ``[26/11, 23:32] ...`` does not parse, so it stays in the body. A bracket
that has the *shape* of the timeformat but is no real date (``[2024-13-45
25:99]``) starts an entry that is reported, never merged into the one before.
A trailing `` *`` on the title line marks the entry starred. Times carry no
zone: they are read in ``tz`` (see :func:`reflection_kit.read_journal`).

Columns filled: ``local_time``, ``title`` (the title line), ``text`` (everything
the person wrote: title line and body, so text measures see every word), ``tags``
(lower-cased, without the ``@``, as in every reader) and the extra ``starred``.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import cache
from typing import Any

import pandas as pd

from ..errors import ParseError
from ._base import ReadContext, Source
from ._input import Input
from ._peek import head_text

__all__ = ["DEFAULT_TIMEFORMAT", "SOURCES", "detect", "entry_text", "find_tags", "read"]

#: jrnl's default ``timeformat``.
DEFAULT_TIMEFORMAT = "%Y-%m-%d %H:%M"
#: Tried, in this order, when no ``timeformat`` is given and the default matches nothing.
_OTHER_TIMEFORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %I:%M %p",
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


def _day_files(inp: Input) -> list[str]:
    return [n for n in inp.names() if _FOLDER_DAY.search(n)]


def detect(inp: Input) -> str | None:
    """``None`` when ``inp`` is a jrnl journal (file or folder), else why not."""
    if inp.kind != "file":
        return None if _day_files(inp) else "no YYYY/MM/DD.txt day files (a jrnl folder journal)"
    head = head_text(inp, inp.names()[0], 64 * 1024)
    first = next((line for line in head.split("\n") if line.strip()), "")
    if not first:
        return "the file is empty"
    if _DETECT.match(first.lstrip("\ufeff")):
        return None
    return "the first line is not a jrnl entry header like '[2024-03-05 08:15] Title'"


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
            f"headers read as {best!r}. Suggestion: pass timeformat=... (your jrnl config's "
            "`timeformat`) to be sure, especially for day/month order."
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
    texts = []
    for name in names:
        text, enc = inp.read_text(name)
        if enc not in ("utf-8", "utf-8-sig"):
            ctx.note(
                f"{inp.where(name)} is not UTF-8; it was read as {enc}. Suggestion: check "
                "accented letters; save the journal as UTF-8 to be sure."
            )
        texts.append(text)
    timeformat = _pick_timeformat(texts, ctx)
    symbols = ctx.option("tagsymbols", "@")
    if not isinstance(symbols, str) or not symbols:
        raise ValueError(f"`tagsymbols` must be a non-empty string such as '@', got {symbols!r}.")
    parsed = [_split(text, timeformat) for text in texts]
    if not any(p[1] for p in parsed) and any(t.strip() for t in texts):
        first = next((ln for t in texts for ln in t.split("\n") if ln.startswith("[")), None)
        what = (
            f"no line is an entry header in timeformat {timeformat!r} (the first bracketed "
            f"line is {first[:40]!r}); pass timeformat=... to match it"
            if first
            else "no line is an entry header like '[2024-03-05 08:15] Title'"
        )
        raise _not_jrnl(inp, what)
    rows = [
        row
        for name, p in zip(names, parsed, strict=True)
        for row in _rows(inp.where(name), p, timeformat, symbols, ctx)
    ]
    if not rows:
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in _COLUMNS})
    return pd.DataFrame(rows, columns=list(_COLUMNS))


def _not_jrnl(inp: Input, what: str) -> ParseError:
    return ParseError(
        f"{inp.display}: {what}, so it is not read as a jrnl journal. Suggestion: pass the "
        "journal file jrnl writes (see `jrnl --list`), set timeformat= to your jrnl config's "
        "`timeformat`, or leave format=None to detect the format.",
        location=inp.display,
        reason=f"not a jrnl journal: {what}",
    )


#: One parsed entry: (first line number, time or None for a broken header, title, body lines)
_Entry = tuple[int, datetime | None, str, list[str]]


def _split(text: str, timeformat: str) -> tuple[list[str], list[_Entry], list[int]]:
    """Split one journal text into its lines, entries and the text lines before the first."""
    lines = text.split("\n")
    if lines and lines[0].startswith("\ufeff"):
        lines[0] = lines[0][1:]
    shape = _shape(timeformat)
    entries: list[_Entry] = []
    preamble: list[int] = []
    for no, line in enumerate(lines, 1):
        if line.startswith("["):
            m = _HEADER.match(line)
            if m:
                when = _parse(m.group(1), timeformat)
                if when is not None or shape.fullmatch(m.group(1).strip()):
                    entries.append((no, when, m.group(2) or "", []))
                    continue
        if entries:
            entries[-1][3].append(line)
        elif line.strip():
            preamble.append(no)
    return lines, entries, preamble


def _rows(
    where: str,
    parsed: tuple[list[str], list[_Entry], list[int]],
    timeformat: str,
    symbols: str,
    ctx: ReadContext,
) -> list[dict[str, Any]]:
    """Count, report and turn the entries of one text into rows."""
    lines, entries, preamble = parsed
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
        description="jrnl plain-text journal (one file, or a YYYY/MM/DD.txt folder journal)",
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
