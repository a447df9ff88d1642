"""Find the language markers behind every score, with their character spans.

Two kinds of marker:

Word categories (``i``, ``my``, ``absolutist``, ``absolutist_ext``, ``we``, ``ex``, ``past``)
    Whole tokens from :func:`reflection_kit.text.tokenize.tokenize` looked up in the lexicon
    files, plus the phrases "used to" / "back when" and the names given as ``people=``. Like
    LIWC, every occurrence counts, including inside quotes: the published norms were built that
    way. Stopwords are never removed - "I", "all", "not" and "why" are the signal.

Cues (``counterfactual``, ``why``, ``replay``, ``release``)
    Regular expressions from the lexicon files. A cue is *not counted* (``counted=False``) when

    * it sits in quoted speech - someone else's words ("he said 'why can't you let it go'") -
      unless the words before the quote show the person quoting their own thoughts ("I keep
      asking myself 'why wasn't I enough'");
    * a negation or distancing cue ("didn't", "no longer", "stopped", "used to") comes within
      the 4 words before it in the same clause: "I didn't replay it today", "I no longer wonder
      why";
    * an exception of its lexicon matches (forward planning "what if I tried a pottery class",
      explanatory "that's why").

Word categories feed the reported rates of :func:`reflection_kit.score_entries`; the cues feed
the passages of the rumination index (:mod:`reflection_kit.text.passages`), whose every
contribution :func:`reflection_kit.explain` lists.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from ._lexicon import Lexicon
from ._triggers import LiteralIndex, find, guarded_spans
from .tokenize import (
    _HAS_CONTENT_RE,
    _QUOTE_RE,
    fast_spans,
    fast_tokens,
    lower_same_length,
    normalize,
)

__all__ = [
    "CUE_COMPONENTS",
    "WORD_COMPONENTS",
    "Marker",
    "check_people",
    "language_of",
]

#: Components counted from whole tokens (and a few phrases).
WORD_COMPONENTS = ("i", "my", "absolutist", "absolutist_ext", "we", "ex", "past")
#: Components counted from cue patterns, with negation and quotation rules.
CUE_COMPONENTS = ("counterfactual", "why", "question", "replay", "release")

_WINDOW_WORDS = 4
_CLAUSE_PUNCT = frozenset('.!?;:,\n"()[]—–…')
_WINDOW_TOKEN_RE = re.compile(r"[\w']+|[.!?;:,\n\"()\[\]—–…]")
_WHY_RE = re.compile(r"\bwhy\b", re.IGNORECASE)


class Marker(NamedTuple):
    """One marker found in a text."""

    component: str
    start: int
    end: int
    detail: str
    counted: bool
    reason: str


def check_people(people: object) -> tuple[str, ...]:
    """Validate ``people=`` and return the names as a sorted tuple (duplicates removed).

    Parameters
    ----------
    people : None, str or iterable of str
        Names or aliases of the person being let go.

    Returns
    -------
    tuple of str

    Raises
    ------
    TypeError
        When ``people`` is not a string or an iterable of strings.

    Examples
    --------
    >>> check_people(["Sam", " sam ", "S."])
    ('S.', 'Sam')
    """
    if people is None:
        return ()
    if isinstance(people, str):
        people = [people]
    if not isinstance(people, Iterable):
        raise TypeError(
            f"`people` must be a name or a list of names, got {type(people).__name__} "
            f"({people!r}). Suggestion: people=['Sam', 'S.']."
        )
    names: dict[str, str] = {}
    for p in people:
        if not isinstance(p, str):
            raise TypeError(
                f"`people` must hold strings, got {type(p).__name__} ({p!r}). "
                "Suggestion: people=['Sam', 'S.']."
            )
        name = normalize(p).strip()
        if name:
            names.setdefault(name.casefold(), name)
    return tuple(sorted(names.values()))


def people_regex(people: tuple[str, ...], lex: Lexicon) -> re.Pattern[str] | None:
    """One regex for the names (pronouns already counted by ``ex`` are skipped)."""
    names = [lower_same_length(p) for p in people if p.lower() not in lex.ex_pronouns]
    if not names:
        return None
    alts = sorted((re.escape(n).replace(r"\ ", r"\s+") for n in names), key=len, reverse=True)
    return re.compile(r"(?<![\w'])(?:" + "|".join(alts) + r")(?:'s)?(?![\w'])")


def _negation(low: str, start: int, lex: Lexicon) -> str | None:
    """The negation or distancing cue among the (at most 4) words before ``start`` in the
    same clause (not across punctuation or a clause break), or None."""
    # the 80 characters before the cue, as words and clause punctuation; walking back from
    # the cue, keep the words up to the last punctuation (at most 4 of them)
    words: list[str] = []
    for tok in reversed(_WINDOW_TOKEN_RE.findall(low, max(0, start - 80), start)):
        if tok in _CLAUSE_PUNCT:
            break
        words.append(tok)
        if len(words) == _WINDOW_WORDS:
            break
    for i, w in enumerate(words):  # nearest first
        if w in lex.clause_breaks:
            del words[i:]
            break
    if not words:
        return None
    key = " ".join(reversed(words))
    memo = _NEGATED.setdefault(lex.digest, {})
    if key not in memo:
        if len(memo) >= 100_000:
            memo.clear()
        m = lex.negation.search(key)
        memo[key] = m.group(0) if m else None
    return memo[key]


_NEGATED: dict[str, dict[str, str | None]] = {}


_LITERALS: dict[str, LiteralIndex] = {}


def _all_literals(lex: Lexicon) -> LiteralIndex:
    """Every trigger literal of the cue lists, indexed for :meth:`LiteralIndex.present`."""
    if lex.digest not in _LITERALS:
        cues = [getattr(lex, c).cues for c in CUE_COMPONENTS]
        lits = frozenset().union(*(c.literals | c.prefixes for c in cues))
        _LITERALS[lex.digest] = LiteralIndex(tuple(sorted(lits)))
    return _LITERALS[lex.digest]


def _has_why(low: str, start: int, end: int) -> bool:
    return _WHY_RE.search(low, start, end) is not None


def _quoted(start: int, quotes: list[tuple[int, int]], low: str, lex: Lexicon) -> bool:
    for qs, qe in quotes:
        if qs < start < qe:
            before = low[max(0, qs - 60) : qs]
            return lex.quote_self.search(before) is None
    return False


def cue_markers(low: str, lex: Lexicon) -> list[Marker]:
    """Every cue marker of a normalised, lower-cased text (same length as the original).

    Returns a list of :class:`Marker`; ``counted`` is False for negated, quoted or excepted cues.
    """
    quotes = [m.span() for m in _QUOTE_RE.finditer(low)] if ('"' in low or "'" in low) else []
    out: list[Marker] = []
    lits = _all_literals(lex).present(low)
    for comp in CUE_COMPONENTS:
        cue = getattr(lex, comp)
        exceptions = cue.exceptions
        for s, e, detail in find(cue.cues, low, lits):
            reason = ""
            if exceptions and any(x.match(low, s) for x in exceptions):
                reason = "exception in the lexicon (not this kind of cue)"
            elif comp == "question" and _has_why(low, s, e):
                continue  # why-questions are counted once, as `why`
            elif comp == "why" and lex.why_exclusions.search(low[max(0, s - 40) : s]):
                reason = "explanatory 'why' (that's why / the reason why)"
            elif quotes and _quoted(s, quotes, low, lex):
                reason = "quoted speech (someone else's words)"
            else:
                neg = _negation(low, s, lex)
                if neg is not None:
                    reason = f"negated or distanced ({neg!r})"
            out.append(Marker(comp, s, e, detail, not reason, reason))
    return out


def word_counts(
    norm: str,
    low: str,
    lex: Lexicon,
    names: re.Pattern[str] | None,
    low_tokens: list[str] | None = None,
) -> dict[str, int]:
    """Counts of words and of each word category (``low`` is ``norm`` lower-cased).

    ``low_tokens`` are the lower-cased tokens of ``norm`` when already computed.
    """
    if low_tokens is None:
        low_tokens = list(map(str.lower, fast_tokens(norm)))
    counts = Counter(low_tokens)
    sets = _word_categories(lex)
    found = dict.fromkeys(_COUNTED, 0)
    words = letters = 0
    for k, v in counts.items():  # each distinct token once
        first = k[0]
        if first.isalnum():
            words += v
            if first.isalpha():
                letters += len(k) * v
        cats = sets.get(k)
        if cats is not None:
            for c in cats:
                found[c] += v
    out = {"words": words}
    for comp in lex.word_sets:
        out[comp] = found[comp]
    if lex.past_phrases is not None:
        out["past"] += len(guarded_spans(lex.past_phrases, low))
    if names is not None:
        out["ex"] += len(guarded_spans(names, low))
    out["_letters"] = letters
    out["_common"] = found["_common"]
    out["_foreign"] = found["_foreign"]
    return out


_COUNTED = (*WORD_COMPONENTS, "_common", "_foreign")
_CATEGORIES: dict[str, dict[str, tuple[str, ...]]] = {}


def _word_categories(lex: Lexicon) -> dict[str, tuple[str, ...]]:
    """Word -> the categories it counts in (the word sets, common English, common other)."""
    if lex.digest not in _CATEGORIES:
        sets = {**lex.word_sets, "_common": lex.english_common, "_foreign": lex.non_english_common}
        cats: dict[str, list[str]] = {}
        for name, members in sets.items():
            for w in members:
                cats.setdefault(w, []).append(name)
        _CATEGORIES[lex.digest] = {w: tuple(c) for w, c in cats.items()}
    return _CATEGORIES[lex.digest]


_NONLATIN_RE = re.compile(r"[^\W\d_A-Za-z\u00C0-\u024F\u1E00-\u1EFF]")


def language_of(counts: dict[str, int], norm: str) -> tuple[bool | None, str]:
    """(language_ok, note) for a normalised text and its :func:`word_counts`."""
    if counts["words"] == 0:
        has_emoji = _HAS_CONTENT_RE.search(norm) is not None
        return None, ("no words (only emoji or symbols)" if has_emoji else "no text")
    letters = max(counts["_letters"], 1)
    other = _NONLATIN_RE.findall(norm)
    if len(other) / letters > 0.5:
        try:
            script = unicodedata.name(Counter(other).most_common(1)[0][0]).split()[0]
            script = script if len(script) <= 3 else script.title()  # CJK, Cyrillic, Arabic
        except ValueError:
            script = "another"
        return False, (
            f"not English ({script} script): not scored. The lexicons and tone model are "
            "English only."
        )
    if counts["words"] >= 8 and counts["_foreign"] >= 3 and counts["_foreign"] > counts["_common"]:
        return False, (
            "probably not English (few common English words): not scored. The lexicons and "
            "tone model are English only."
        )
    return True, ""


def word_markers(norm: str, low: str, lex: Lexicon, names: re.Pattern[str] | None) -> list[Marker]:
    """Every word-category marker of a normalised text (NLTK token spans), in text order."""
    sets = lex.word_sets
    out: list[Marker] = []
    for s, e in fast_spans(norm):
        tok = low[s:e]
        for comp, words in sets.items():
            if tok in words:
                out.append(Marker(comp, s, e, "", True, ""))
    if lex.past_phrases is not None:
        out += [Marker("past", *m.span(), "", True, "") for m in lex.past_phrases.finditer(low)]
    if names is not None:
        out += [Marker("ex", *m.span(), "name", True, "") for m in names.finditer(low)]
    return out
