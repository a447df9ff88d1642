"""Redaction of free text: names, handles, links, e-mail addresses and phone numbers.

The public entry point is :func:`reflection_kit.privacy.redact` (also ``rk.redact``).
What each thing becomes:

* an e-mail address (``name@domain.tld``): ``[email]``;
* a link with a scheme or ``www.`` (``https://...``): ``[link]``;
* a link without a scheme: ``domain.tld/path``, or ``domain.tld`` alone when the ending is
  a web domain that is not also a short English word (``.com``, ``.org``, ``.de``, not
  ``.it`` or ``.so``, so "sad.it hurt" stays): ``[link]``;
* a handle (``@alex_k``, ``@alex.k``): ``[handle]``;
* a phone number (7 or more digits with spaces, dots, dashes or brackets; a date such as
  ``2025-05-01 21`` is left alone): ``[phone]``;
* a given person's name, as a whole word in any case, with its possessive kept
  (``Alex's`` -> ``[name]'s``) and the capitalised words right after it
  (``Alex Kowalski`` -> ``[name]``); a surname found that way is hidden wherever else it
  stands in the same text: ``[name]``;
* with ``all_names=True``, every other capitalised name (:func:`find_names`): ``[name]``.

A given name that is also an ordinary English word (Will, Rose, Mark) is matched only when
it is capitalised (``Will``, ``WILL``), so "I will" stays as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

__all__ = ["english_words", "find_names", "not_names", "redact"]

NAME = "[name]"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"(?:\b[a-z][a-z0-9+.-]{1,15}://|\bwww\.)[^\s<>\"'()\[\]{}]+", re.IGNORECASE)
# a domain name (labels joined by dots) ending in letters, and an optional path
_DOMAIN = re.compile(
    r"(?<![\w@./-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?P<tld>[a-z]{2,24})"
    r"(?![\w@-])(?P<path>/[^\s<>\"'()\[\]{}]*)?",
    re.IGNORECASE,
)
# web domain endings that are not also short English words: "sad.it" or "tired.so" (a
# missing space after a full stop) is left alone unless a path follows
# fmt: off
_TLDS = frozenset([
    "com", "net", "org", "edu", "gov", "info", "biz", "io", "co", "app", "dev", "ai", "blog",
    "page", "site", "online", "social", "link", "xyz", "tv", "fm", "ly", "gg", "cc", "ws",
    "bio", "uk", "eu", "de", "fr", "nl", "es", "ch", "se", "dk", "fi", "pl", "ru", "jp",
    "cn", "br", "ca", "au", "nz", "ie", "za", "mx", "ar", "pt", "cz", "gr", "hu", "ro", "ua",
    "tr", "il", "kr", "tw", "hk", "sg", "ph", "vn", "th", "gl", "tk",
])
# fmt: on
_HANDLE = re.compile(r"(?<![\w@.])@[a-z0-9_](?:[a-z0-9_.]*[a-z0-9_])?", re.IGNORECASE)
_PHONE = re.compile(r"(?<![\w+])\+?\d[\d ()./-]{6,}\d(?!\w)")
# an ISO date inside a run of digits (a file named 2025-05-01.md, a timestamp): not a phone
_ISO_DATE = re.compile(r"(?<!\d)(?:19|20)\d\d-(?:0?[1-9]|1[0-2])-\d{1,2}(?!\d)")
_DATEISH = re.compile(
    r"\d{4}[-./]\d{1,2}[-./]\d{1,2}(?:[ T]\d{1,2})?|\d{1,2}[-./]\d{1,2}[-./]\d{2,4}(?: \d{1,2})?"
)
_TRAILING = ".,;:!?"
# a word: letters, with inner hyphens or apostrophes (Anne-Marie, O'Neill, Alex's)
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
# what may stand between the start of a sentence and its first word
_OPENERS = "\"'“‘«([{*_#>-–—•· \t"
_ENDS = ".!?…:;\n\r"
_QUOTES = "\"'“‘«"


def _lexicon(name: str) -> frozenset[str]:
    text = resources.files("reflection_kit.data").joinpath(name).read_text(encoding="utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and line[0] != "#"
    )


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Lower-case English words (``data/english_words.txt``, from SCOWL size 35)."""
    return _lexicon("english_words.txt")


@lru_cache(maxsize=1)
def not_names() -> frozenset[str]:
    """Capitalised words that are not people's names (``data/not_names.txt``): I, days..."""
    return _lexicon("not_names.txt")


def _stem(word: str) -> str:
    """The word without a possessive (``Alex's`` -> ``Alex``, ``Jess'`` -> ``Jess``)."""
    for tail in ("'s", "’s", "'S", "’S", "'", "’"):
        if word.endswith(tail) and len(word) > len(tail):
            return word[: -len(tail)]
    return word


def _known(word: str) -> bool:
    """An ordinary English word (or one of the not-names), whatever its case."""
    low = word.lower().replace("’", "'")
    words = english_words()
    if low in words or low in not_names():
        return True
    base = _stem(low)
    if base in words or base in not_names():
        return True
    if low.endswith("n't") and low[:-3] in words:
        return True
    for tail in ("'m", "'re", "'ve", "'ll", "'d"):
        if low.endswith(tail) and (low[: -len(tail)] in words or low[: -len(tail)] == "i"):
            return True
    parts = re.split(r"[-']", base)
    return len(parts) > 1 and all(p in words for p in parts if p)


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _sentence_start(text: str, pos: int) -> bool:
    """Whether the word at ``pos`` begins a sentence (or a line, a quote, a list item)."""
    i = pos
    while i > 0 and text[i - 1] in _OPENERS:
        if text[i - 1] in _QUOTES and (i == pos or text[i:pos].strip() == ""):
            return True  # the first word of a quotation
        i -= 1
    return i == 0 or text[i - 1] in _ENDS


def find_names(text: str, *, keep: Iterable[str] = ()) -> list[tuple[int, int]]:
    """Spans of ``text`` that look like names of people (the ``all_names`` heuristic).

    A word is taken for a name when its first letter is a capital and either

    * it is not an English word at all (``Mira``, ``Kowalski``, wherever it stands), or
    * it is an English word written with a capital where a sentence does not start
      (``I met Rose``; ``Rose`` at the start of a sentence is kept).

    Kept as they are: the words of ``keep`` (the writer's own name), words in all capitals
    (``IG``, ``SO``: acronyms and shouting), and the capitalised words that are not names
    of people (``I``, days, months, holidays, Mum and Dad, apps such as Instagram). Names
    next to each other (``Mira Jones``) make one span. A possessive stays outside the span.

    Parameters
    ----------
    text : str
        Any text.
    keep : iterable of str
        Names never to report (each word of each, any case).

    Returns
    -------
    list of (int, int)
        Start and end of each name, in order.

    Examples
    --------
    >>> from reflection_kit.privacy import find_names
    >>> t = "Mira said I should call Alex Kowalski on Monday. Rose petals."
    >>> [t[a:b] for a, b in find_names(t)]
    ['Mira', 'Alex Kowalski']
    """
    kept = {w.lower() for k in keep for w in _WORD.findall(str(k))}
    spans: list[tuple[int, int]] = []
    for m in _WORD.finditer(text):
        word = m.group()
        stem = _stem(word)
        if not _capitalised(stem) or (stem.isupper() and len(stem) > 1):
            continue
        low = stem.lower().replace("’", "'")
        if low in kept or low in not_names():
            continue
        if _known(stem) and _sentence_start(text, m.start()):
            continue
        start, end = m.start(), m.start() + len(stem)
        if spans and text[spans[-1][1] : start] in (" ", "-", " - "):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def _trim(match: re.Match[str]) -> tuple[str, str]:
    """The match without trailing punctuation, and that punctuation."""
    s = match.group()
    body = s.rstrip(_TRAILING)
    return body, s[len(body) :]


def _link(match: re.Match[str]) -> str:
    body, tail = _trim(match)
    return ("[link]" if body else "") + tail


def _domain(match: re.Match[str]) -> str:
    _, tail = _trim(match)
    if match.group("path") is None and match.group("tld").lower() not in _TLDS:
        return match.group()
    return "[link]" + tail


def _phone(match: re.Match[str]) -> str:
    s = match.group()
    return s if _DATEISH.fullmatch(s) or _ISO_DATE.search(s) else "[phone]"


def _names_pattern(names: list[str]) -> re.Pattern[str]:
    """One pattern for the given names: whole words; any case unless the name is a word."""
    alts = []
    for n in sorted(names, key=len, reverse=True):
        if n.lower() in english_words():
            forms = {n, n.capitalize(), n.title(), n.upper()}
            alts.append("(?-i:" + "|".join(re.escape(f) for f in sorted(forms)) + ")")
        else:
            alts.append(re.escape(n))
    # a name starts after a non-word character, or right after an escaped line break ("\\n")
    start = r"(?:(?<![\w@])|(?<=\\[nrt]))"
    return re.compile(start + "(?:" + "|".join(alts) + r")(?![\w])", re.IGNORECASE)


def _surnames(text: str, pattern: re.Pattern[str]) -> tuple[list[tuple[int, int]], set[str]]:
    """Spans of the given names with the capitalised words right after them, and those words.

    ``Alex Kowalski`` is one span; ``Kowalski`` is returned so that it is found alone too
    (only words that are not English words: ``Alex Then ...`` must not hide every "Then").
    At most two words are added (a middle name and a surname), and an initial (``Alex K.``).
    """
    spans, found = [], set()
    for m in pattern.finditer(text):
        end = m.end()
        for _ in range(2):
            nxt = re.match(r"[ \t]+([^\W\d_]+(?:-[^\W\d_]+)*)", text[end:])
            if not nxt:
                break
            word = nxt.group(1)
            if not _capitalised(word) or word.lower() in not_names():
                break
            if len(word) == 1 and word in "IA":
                break
            end += nxt.end()
            if len(word) == 1:
                if text[end : end + 1] == ".":
                    end += 1
                break
            if len(word) > 1 and not _known(word):  # "Alex Then ..." teaches nothing
                found.add(word)
        spans.append((m.start(), end))
    return spans, found


def _replace(text: str, spans: list[tuple[int, int]], token: str = NAME) -> str:
    out, pos = [], 0
    for a, b in sorted(spans):
        if a < pos:
            a = pos
        if b <= a:
            continue
        out.append(text[pos:a])
        out.append(token)
        pos = b
    out.append(text[pos:])
    return "".join(out)


def redact(
    text: str,
    people: Iterable[str] = (),
    *,
    all_names: bool = False,
    keep: Iterable[str] = (),
) -> str:
    """Hide names, handles, links, e-mail addresses and phone numbers in ``text``.

    Parameters
    ----------
    text : str
        Any text, for example a sentence quoted in a review.
    people : iterable of str
        Names and aliases of the person being let go (and anyone else to hide). Each is
        matched as a whole word in any case, with its possessive (``Alex's`` becomes
        ``[name]'s``) and with the capitalised words right after it (``Alex Kowalski``
        becomes ``[name]``; ``Kowalski`` alone elsewhere in the text too).
    all_names : bool, default False
        Also hide every other capitalised name (see :func:`find_names`): the people the
        writer mentions (``Mira``), places and nicknames. Ordinary words at the start of a
        sentence, the pronoun I, days, months and app names stay.
    keep : iterable of str
        Names that ``all_names`` leaves as they are: the writer's own. A name in ``people``
        is hidden even when it is in ``keep``.

    Returns
    -------
    str
        The text with ``[name]``, ``[handle]``, ``[email]``, ``[phone]`` and ``[link]`` in
        place of what they hide. Everything else is unchanged.

    Examples
    --------
    >>> from reflection_kit.privacy import redact
    >>> redact("Alex's mail is alex@example.org, call +49 30 1234567", ["Alex"])
    "[name]'s mail is [email], call [phone]"
    >>> redact("Alex Kowalski (@alex_k, instagram.com/alex.k) met Mira.", ["Alex"])
    '[name] ([handle], [link]) met Mira.'
    >>> redact("Then Mira called Sam.", all_names=True, keep=["Sam"])
    'Then [name] called Sam.'
    """
    out = _EMAIL.sub("[email]", str(text))
    out = _URL.sub(_link, out)
    out = _DOMAIN.sub(_domain, out)
    out = _HANDLE.sub("[handle]", out)
    out = _PHONE.sub(_phone, out)
    names = [p.strip() for p in people if p and str(p).strip()]
    if names:
        spans, extra = _surnames(out, _names_pattern(names))
        if extra:
            more = _names_pattern(sorted(extra))
            spans += [m.span() for m in more.finditer(out)]
        out = _replace(out, spans)
    if all_names:
        out = _replace(out, find_names(out, keep=keep))
    return out
