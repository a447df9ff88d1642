"""WhatsApp: a chat exported with *Export chat* (Android ``.txt``, iPhone ``.zip``).

In WhatsApp open the chat with the person, then *⋮ → More → Export chat →
Without media* (Android: a ``WhatsApp Chat with <name>.txt``) or *contact name →
Export Chat → Without Media* (iPhone: a ``.zip`` holding ``_chat.txt``). Pass the
``.txt``, the ``.zip`` or a folder of chats.

Every message the user sent in the chat with ``person`` becomes a ``reach_out``
row with ``acted=True``, labelled "message sent on WhatsApp" (media, deleted and
view-once messages too: each shows an attempt to reach out). Messages from the
person are counted in the report's notes, never loaded as urges. No text is
kept: the reader finds each message's header (time and sender) and never reads
the words after it.

Headers in every layout the research lists are read: Android ``20/01/19, 11:23 -
Name: ...``, bracketed iPhone ``[14/10/2021, 3:34:09 PM] Name: ...``, dotted
(``06.08.2016, 13:23``), year first (``2019/01/20``), Finnish ``13.6.2018 klo
21.25.15``, spaced Croatian ``13. 6. 2018. 21:25:15``, 12 h clocks (``PM``,
``p. m.``, with U+202F or U+00A0 before them), U+200E marks, ``-``, ``–``, ``,``
or ``:`` after the time. A line without a header belongs to the message above
it; a header without ``Name:`` is a system line (``You were added``).

Day and month order is read from the whole chat (a first field above 12 means
day first); a chat whose dates never pass the 12th is ambiguous and needs
``dayfirst=True`` or ``False``.

Options: ``person`` (required), ``me`` (the name the chat shows for you, when
the chat does not make it plain), ``dayfirst``, ``groups`` (also count your
messages in a group chat that includes the person; default ``False``: a
message to a group is not reaching out to them).

Times carry no zone: they are the exporting phone's wall clock.
"""

from __future__ import annotations

import gc
import operator
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import PurePosixPath

import numpy as np
import pandas as pd

from ..errors import ParseError
from ._base import ReadContext, Source
from ._input import Input
from ._peek import head_text
from ._people import OPTIONS, People, me_option, need_me, need_person, norm_name, person_option
from ._platform import event_frame, safe_raw, set_policy, stable_id

__all__ = ["HEADER", "SOURCES", "is_chat"]

_SP = r"[ \t\u00a0\u2009\u202f]"
#: A message header: optional marks and bracket, date, time, optional am/pm, the separator,
#: then an optional ``Name:``. Nothing after the name is ever captured.
HEADER = re.compile(
    r"^[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]*\[?"
    rf"(\d{{1,4}})([./-]){_SP}?(\d{{1,2}})\2{_SP}?(\d{{1,4}})\.?,?{_SP}*(?:klo{_SP}+)?"
    rf"(\d{{1,2}})[.:](\d{{2}})(?:[.:](\d{{2}}))?"
    rf"(?:{_SP}*([aApP])\.?{_SP}?[mM]\.?)?"
    rf"(?:{_SP}*\]{_SP}*|{_SP}*[-\u2013,:]{_SP}+|{_SP}+)"
    r"[\u200e\u200f\u202a-\u202e\u2066-\u2069]*"
    r"(?:([^:\n]{1,100}):(?=[\s.]|$))?",
    re.MULTILINE,
)
#: One line: a header or nothing, then the rest of the line (never captured).
_LINES = re.compile("(?:" + HEADER.pattern[1:] + ")?[^\n]*\n?")
#: jrnl's own entry line, which is not a WhatsApp header.
_JRNL = re.compile(r"^\[\d{4}-\d{2}-\d{2} \d{2}:\d{2}(?::\d{2})?\] ")
#: The chat's name in an export's file name ("WhatsApp Chat with Sam", "WhatsApp-Chat mit Sam").
_FILE_NAME = re.compile(
    r"(?i)^(?:whatsapp[ -]?chat(?:[ -]+(?:with|mit|con|com|avec|met|z|ze))?|"
    r"(?:chat|conversa|discussion|conversazione|gesprek)[ -]+(?:de |do |di |du )?whatsapp"
    r"[ -]+(?:with|con|com|avec|met|mit))[ -]+(.+?)(?:[ _]?\(\d+\))?$"
)


def is_chat(text: str) -> bool:
    """True when ``text``, the start of a file, is a WhatsApp chat.

    Its first line is a message header and a header in its first 40 lines names a
    sender. This is the one rule for "this is a WhatsApp chat": the WhatsApp detector
    uses it, and so does jrnl's, which steps aside for a chat (bracketed lines).

    Examples
    --------
    >>> is_chat("[01/20/19 23:50] Jo: hello\\n[01/20/19 23:55] Sam: hi\\n")
    True
    >>> is_chat("[2024-03-05 08:15] Morning walk: the bakery\\nBody.\\n")
    False
    """
    lines = [ln for ln in text.split("\n")[:40] if ln.strip()]
    if not lines or _JRNL.match(lines[0]):
        return False
    heads = [HEADER.match(ln) for ln in lines[:-1] or lines]
    return heads[0] is not None and any(m is not None and m.group(9) for m in heads)


def _chat_names(inp: Input) -> list[str]:
    if inp.kind == "file":
        return list(inp.names())
    return [n for n in inp.names() if n.lower().endswith(".txt") and is_chat(head_text(inp, n))]


def detect(inp: Input) -> str | None:
    """``None`` when ``inp`` is a WhatsApp chat export (``.txt``, ``.zip`` or folder)."""
    if inp.kind == "file":
        if inp.path.suffix.lower() not in (".txt", ""):
            return "not a .txt file"
        if is_chat(head_text(inp, inp.names()[0])):
            return None
        return "no WhatsApp message headers ('20/01/19, 11:23 - Name: ...')"
    return None if _chat_names(inp) else "no WhatsApp chat (.txt with message headers) inside"


def _chat_of_file(inp: Input, name: str) -> str:
    stem = PurePosixPath(name).stem if inp.kind != "file" else inp.path.stem
    if stem.lstrip("_").lower() == "chat":  # iPhone's _chat.txt: the zip holds the name
        stem = inp.path.stem
    m = _FILE_NAME.match(stem.strip())
    return m.group(1).strip() if m else ""


def _order(a: np.ndarray, b: np.ndarray, yfirst: bool, ctx: ReadContext, where: str) -> bool:
    """True when the first field (year first: the middle one) is the day."""
    given = ctx.option("dayfirst")
    if given is not None:
        if not isinstance(given, bool):
            raise TypeError(f"`dayfirst` must be True, False or None, got {given!r}.")
        return given
    if yfirst:  # year/month/day unless the middle field passes 12
        return bool((b > 12).any())
    big1, big2 = bool((a > 12).any()), bool((b > 12).any())
    if big1 != big2:
        return big1
    if big1:  # both: the order that fits more lines; the others are problems
        return int((a > 12).sum()) >= int((b > 12).sum())
    raise ParseError(
        f"{where}: the dates never pass the 12th, so day and month cannot be told apart "
        "(01/02 could be 1 February or 2 January). Suggestion: pass dayfirst=True if your "
        "phone writes the day first (20/01/19), dayfirst=False if it writes the month first.",
        location=where,
        reason="ambiguous day/month order",
    )


def _ints(values: tuple[str, ...]) -> np.ndarray:
    """Digit strings (empty: 0) as integers, converting each distinct string once."""
    table = {v: int(v) if v else 0 for v in set(values)}
    return np.fromiter(map(table.__getitem__, values), dtype=np.int64, count=len(values))


def _pseudo(author: str) -> bool:
    """A system line with a colon ('X changed the subject to "a: b"'), not a sender."""
    return len(author) > 60 or '"' in author or "\u201c" in author


def _headers(text: str) -> tuple[list[tuple], list[int]]:
    """Every header's groups and the line it is on (1-based); one regex pass, no text kept.

    The pattern matches every line (a header, or nothing, then the rest of the line), so
    a header's line number is its position in the result.
    """
    found = _LINES.findall(text)
    keep = [i for i, g in enumerate(found) if g[0]]
    return [found[i] for i in keep], [i + 1 for i in keep]


@contextmanager
def _no_gc() -> Iterator[None]:
    """Hundreds of thousands of small tuples, none in a cycle: no collections meanwhile.

    The collector would walk every header tuple again each time the allocations pass
    its threshold (a third of a 40,000-message read went there).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read_chat(
    inp: Input, name: str, ctx: ReadContext, person: People | None
) -> pd.DataFrame | None:
    with _no_gc():
        return _read_chat_headers(inp, name, ctx, person)


def _read_chat_headers(
    inp: Input, name: str, ctx: ReadContext, person: People | None
) -> pd.DataFrame | None:
    where = inp.where(name)
    text, _enc = inp.read_text(name)
    heads, lines = _headers(text)
    del text  # the words are never looked at again
    if not heads:
        raise ParseError(
            f"{where}: no WhatsApp message headers were found. Suggestion: export the chat "
            "again (Export chat → Without media) and pass the .txt or the .zip.",
            location=where,
            reason="no WhatsApp message headers",
        )
    cols = list(zip(*heads, strict=True))
    # the chat's own header shape (date separator, year first or last): a continuation line
    # that happens to start with a date of another shape stays part of its message
    kinds = set(zip(cols[1], map(len, cols[0]), strict=True))
    if len({(sep, n >= 3) for sep, n in kinds}) > 1:
        ours = Counter((g[1], len(g[0]) >= 3) for g in heads if g[8])
        shape = ours.most_common(1)[0][0] if ours else None
        keep = [i for i, g in enumerate(heads) if (g[1], len(g[0]) >= 3) == shape]
        heads = [heads[i] for i in keep]
        lines = [lines[i] for i in keep]
        cols = list(zip(*heads, strict=True)) if heads else [()] * 9
    raw_authors = Counter(cols[8])
    key_of: dict[str, str] = {}
    shown: dict[str, str] = {}
    for a in raw_authors:
        stripped = a.strip()
        k = norm_name(stripped) if stripped and not _pseudo(stripped) else ""
        key_of[a] = k
        if k:
            shown.setdefault(k, stripped)
    counts: Counter[str] = Counter()
    for a, n in raw_authors.items():
        if key_of[a]:
            counts[key_of[a]] += n
    found = Counter({shown[k]: n for k, n in counts.items()})
    chat_name = _chat_of_file(inp, name)
    if person is None:
        raise need_person(where, "WhatsApp", found, "messages")
    me = me_option(ctx)
    theirs = {k for k in counts if person.matches(k)}
    with_person = bool(theirs) or (bool(chat_name) and person.matches(chat_name))
    if not with_person:
        ctx.note(
            f"{where}: {person.shown!r} is not among the {len(found)} people in this chat; "
            "nothing was loaded from it. Suggestion: read it without person= to see their "
            "names (other people's names are not kept in the report)"
        )
        return None
    others = set(counts) - theirs
    if me is not None:
        mine = {k for k in others if me.matches(k)}
    elif len(others) <= 1:
        mine = set(others)
    else:
        raise need_me(
            where, "WhatsApp", Counter({shown[k]: counts[k] for k in others}), "messages"
        )
    group = len(set(counts) - mine - theirs) > 0
    received = sum(counts[k] for k in theirs)
    if received:
        ctx.note(
            f"{where}: {received} message(s) from {person.shown} (not urges; counted only, "
            "never read)"
        )
    system = sum(n for a, n in raw_authors.items() if not key_of[a])
    if system:
        ctx.note(f"{where}: {system} system line(s) (no sender) were not counted")
    if group and not ctx.option("groups", False):
        ctx.note(
            f"{where}: this is a group chat ({len(counts)} people); messages to a group are "
            "not counted as reaching out to "
            f"{person.shown}. Suggestion: pass groups=True to count them."
        )
        return None
    mine_raw = {a for a in raw_authors if key_of[a] in mine}
    idx = [i for i, a in enumerate(cols[8]) if a in mine_raw]
    if not idx:
        ctx.note(f"{where}: no messages from you in this chat")
        return None
    yfirst = len(heads[idx[0]][0]) >= 3
    dayfirst = _order(_ints(cols[0]), _ints(cols[2]), yfirst, ctx, where)
    pick = operator.itemgetter(*idx) if len(idx) > 1 else (lambda col: (col[idx[0]],))
    a, b, c, hh, mm, ss = (_ints(pick(cols[k])) for k in (0, 2, 3, 4, 5, 6))
    marks = pick(cols[7])
    ampm = np.array([x.lower() for x in marks]) if any(marks) else np.full(len(idx), "")
    if yfirst:
        year, month, day = (a, c, b) if dayfirst else (a, b, c)
    else:
        year = np.where(c < 100, c + 2000, c)
        day, month = (a, b) if dayfirst else (b, a)
    hour = np.where(
        (ampm == "p") & (hh < 12), hh + 12, np.where((ampm == "a") & (hh == 12), 0, hh)
    )
    local = pd.to_datetime(
        pd.DataFrame(
            {"year": year, "month": month, "day": day, "hour": hour, "minute": mm, "second": ss}
        ),
        errors="coerce",
    ).to_numpy(dtype="datetime64[us]")
    ctx.found(len(idx))
    # pandas would roll 25:70 over into the next day: a clock reading out of range is a problem
    bad = np.isnat(local) | (hour > 23) | (mm > 59) | (ss > 59)
    at = np.asarray(lines, dtype=np.int64)[idx]
    for j in np.flatnonzero(bad):
        h = heads[idx[j]]
        ctx.problem(
            f"{where} line {at[j]}",
            "the date or time of this message header is not a real date in the chat's "
            f"{'day' if dayfirst else 'month'}-first order; the message was skipped. "
            "Suggestion: pass dayfirst= if the order was misread.",
            safe_raw(f"{h[0]}{h[1]}{h[2]}{h[1]}{h[3]} {h[4]}:{h[5]}"),
        )
    good = ~bad
    local, at = local[good], at[good]
    # the n-th message sent at one time (a minute, without seconds) keeps its own id
    ticks = local.astype(np.int64)
    seq = pd.Series(ticks).groupby(ticks).cumcount().to_numpy() + 1
    thread = norm_name(chat_name) or min(theirs, default=norm_name(person.shown))
    salt = np.uint64(int(stable_id("whatsapp", thread), 16))
    ids = pd.util.hash_pandas_object(pd.DataFrame({"t": ticks, "n": seq}), index=False)
    ids = (ids.to_numpy(dtype=np.uint64) ^ salt).tolist()
    return pd.DataFrame(
        {
            "urge_id": [f"{v:016x}" for v in ids],
            "kind": "reach_out",
            "label": "message sent on WhatsApp",
            "acted": True,
            "hits": np.ones(len(local), dtype=np.int64),
            "origin": [f"{where} line {n}" for n in at.tolist()],
            "local_time": local,
        }
    )


def read(inp: Input, ctx: ReadContext) -> pd.DataFrame:
    """Read a WhatsApp chat export: the user's messages to ``person``, no text.

    Parameters
    ----------
    inp : Input
        A ``.txt`` chat, an iPhone ``.zip`` or a folder of chats.
    ctx : ReadContext
        With the ``person``, ``me``, ``dayfirst`` and ``groups`` options.

    Returns
    -------
    pandas.DataFrame
        One ``reach_out`` row per message sent, with ``local_time`` and ``hits`` (1).

    Raises
    ------
    PersonNeeded
        Without ``person=`` (the message lists the senders and their message
        counts), or when the chat does not say which sender is you (``me=``).
    ParseError
        When day and month cannot be told apart (pass ``dayfirst=``).

    Examples
    --------
    >>> import reflection_kit as rk
    >>> rk.formats().set_index("name").loc["whatsapp", "kind"]
    'urges'
    """
    person = person_option(ctx)
    set_policy(ctx, wall="WhatsApp's message time")
    frames: list[pd.DataFrame] = []
    names = _chat_names(inp)
    if inp.kind != "file" and len(inp.names()) > len(names):
        # counted, never listed: a media file's name is content too
        ctx.note(
            f"{len(inp.names()) - len(names)} file(s) that are not chat texts (media, say) were "
            "skipped; their names are not listed"
        )
    for name in names:
        frame = _read_chat(inp, name, ctx, person)
        if frame is not None:
            frames.append(frame)
    if not frames:
        return event_frame([], "local_time")
    return frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)


SOURCES = [
    Source(
        name="whatsapp",
        kind="urges",
        description="WhatsApp chat export (Android .txt or iPhone .zip): messages you sent "
        "to the person, as reach_out; no text is read",
        patterns=("WhatsApp Chat with *.txt", "*.txt", "*.zip"),
        how_to_export="WhatsApp: open the chat → ⋮ (Android) or the contact name (iPhone) → "
        "Export chat → Without media; pass the .txt or .zip with person=[...]",
        detect=detect,
        read=read,
        options=OPTIONS,
    )
]
