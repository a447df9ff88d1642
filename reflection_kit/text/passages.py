"""Passages: the unit the rumination index is computed on.

An entry is cut into **passages**: its sentences, with sentences longer than
:data:`PASSAGE_WORDS` words (run-on entries, texting without punctuation) cut into pieces of at
most that many words. Each passage gets one value per component of the index (the rows of
``lexicons/index_weights.csv`` whose ``unit`` is ``per passage``):

* ``loop_what_if``, ``loop_why``, ``loop_questions``, ``loop_replay``, ``loop_release``: 1 when
  the passage holds a counted cue of that kind (negated, quoted or excepted cues do not count);
* ``loop_about_them``: 1 when the passage holds a rumination cue *and* is about the person
  (their name from ``people=``, or he/she/they not tied to someone else, see
  :func:`about_person`); a pronoun alone never counts;
* ``loop_all_or_nothing``: 1 when a passage with a rumination cue holds an absolutist word;
* ``loop_tone``: the passage's VADER compound (positive tone lowers the index).

A passage's score is ``sum of weight * value``. The entry's index adds up the scores of its
:data:`TOP_PASSAGES` highest-scoring passages whose score is above 0, so adding neutral
sentences to an entry can never lower it (and a long entry is not "better" than a short one).
All values are on a grid of 1/256 and the weights too, so every sum is exact in any order.
"""

from __future__ import annotations

import bisect
import math
import re
from operator import mul
from typing import Any

from ._lexicon import Lexicon
from ._triggers import guarded_spans
from .markers import Marker

__all__ = [
    "GRID",
    "PASSAGE_FEATURES",
    "PASSAGE_WORDS",
    "TOP_PASSAGES",
    "about_person",
    "absolutist_spans",
    "entry_values",
    "passage_score",
    "passage_spans",
    "passage_values",
    "quantize",
    "select_passages",
]

#: Sentences longer than this many words are cut into pieces of at most this many.
PASSAGE_WORDS = 25
#: A looping passage is about the person when they are mentioned within this many passages.
ABOUT_WINDOW = 0
#: A passage that mentions no one is about the person when one of the previous this many
#: passages was (and no one else was mentioned in between).
CARRY_PASSAGES = 3
#: The entry's index adds up the scores of at most this many passages.
TOP_PASSAGES = 3
#: Every value and weight is a multiple of 1/GRID, so sums are exact in any order.
GRID = 256
#: The per-passage components, in the order :func:`passage_values` returns them.
PASSAGE_FEATURES = (
    "loop_what_if",
    "loop_why",
    "loop_questions",
    "loop_replay",
    "loop_about_them",
    "loop_all_or_nothing",
    "loop_tone",
    "loop_release",
)
_CUE_FEATURE = {
    "counterfactual": "loop_what_if",
    "why": "loop_why",
    "question": "loop_questions",
    "replay": "loop_replay",
    "release": "loop_release",
}
_LOOP = ("loop_what_if", "loop_why", "loop_questions", "loop_replay")
_WORD_RE = re.compile(r"[\w']+")
_SPACED_RE = re.compile(r"\S+")
_OTHERS_EX_RE = re.compile(
    r"\b(?:his|her|their)\s+(?:own\s+)?(?:ex|ex-\w+|boyfriend|girlfriend|husband|wife|partner)\b"
)


def quantize(x: float) -> float:
    """``x`` rounded to the nearest multiple of 1/:data:`GRID` (exact binary fraction).

    Examples
    --------
    >>> quantize(0.1234)
    0.125
    """
    return round(x * GRID) / GRID


def passage_spans(norm: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans, with sentences longer than :data:`PASSAGE_WORDS` words cut in pieces.

    Words are the pieces of text between whitespace. A piece ends just before the first word
    of the next piece.

    Examples
    --------
    >>> text = "one two three. " + " ".join(["word"] * 30)
    >>> [len(text[s:e].split()) for s, e in passage_spans(text, [(0, 14), (15, len(text))])]
    [3, 25, 5]
    """
    out: list[tuple[int, int]] = []
    for s, e in sentences:
        if e - s < 2 * PASSAGE_WORDS or len(norm[s:e].split()) <= PASSAGE_WORDS:
            out.append((s, e))
            continue
        words = [m.span() for m in _SPACED_RE.finditer(norm, s, e)]
        if len(words) <= PASSAGE_WORDS:
            out.append((s, e))
            continue
        for k in range(0, len(words), PASSAGE_WORDS):
            chunk = words[k : k + PASSAGE_WORDS]
            start = s if k == 0 else chunk[0][0]
            end = e if k + PASSAGE_WORDS >= len(words) else words[k + PASSAGE_WORDS][0]
            out.append((start, end))
    return out


_PEOPLE_WORDS: dict[str, re.Pattern[str]] = {}


def _people_words(lex: Lexicon) -> re.Pattern[str]:
    """One regex for the pronouns and the words for other people (whole words)."""
    if lex.digest not in _PEOPLE_WORDS:
        words = sorted(lex.ex_pronouns | lex.other_people, key=len, reverse=True)
        _PEOPLE_WORDS[lex.digest] = re.compile(
            r"(?<![\w'])(?:" + "|".join(map(re.escape, words)) + r")(?![\w'])"
        )
    return _PEOPLE_WORDS[lex.digest]


def about_person(
    norm: str,
    low: str,
    passages: list[tuple[int, int]],
    lex: Lexicon,
    names: re.Pattern[str] | None,
    people: tuple[str, ...],
) -> tuple[list[bool], list[tuple[int, int]]]:
    """Which passages are about the person, and the spans of the words that say so.

    A passage is about the person when it holds one of their names (``people=``), or a
    he/she/they pronoun whose nearest explicit mention before it is the person (or no one):
    when the latest person mentioned before the pronoun is someone else - a friend, a sister,
    a boss (``lexicons/other_people.txt``), or "her ex" / "his girlfriend" - the pronoun is
    read as about them. (Capitalised words are not used: in journals they are mostly places,
    months and days.)
    """
    name_hits = guarded_spans(names, low) if names is not None else []
    n = len(passages)
    starts = [s for s, _ in passages]
    # explicit mentions in text order: (position, True for the person, False for someone else)
    mentions: list[tuple[int, bool]] = [(s, True) for s, _ in name_hits]
    pronouns: list[tuple[int, int]] = []
    # (a long list of words: the leading (?<![\w']) is the quicker filter here)
    for m in _people_words(lex).finditer(low):
        if m.group(0) in lex.ex_pronouns:
            pronouns.append(m.span())
        else:
            mentions.append((m.start(), False))
    for s, _e in guarded_spans(_OTHERS_EX_RE, low):
        mentions.append((s, False))
    mentions.sort()
    about = [False] * n
    spans: list[tuple[int, int]] = list(name_hits)
    for s, _e in name_hits:
        i = bisect.bisect_right(starts, s) - 1
        if 0 <= i < n:
            about[i] = True
    positions = [p for p, _ in mentions]
    for ps, pe in pronouns:
        # the pronoun refers to the latest explicit mention before it (none: the person)
        k = bisect.bisect_left(positions, ps) - 1
        if k >= 0 and not mentions[k][1]:
            continue
        i = bisect.bisect_right(starts, ps) - 1
        if 0 <= i < n:
            about[i] = True
            spans.append((ps, pe))
    # a passage that mentions no one goes on about whoever the passages before it were about
    other = [False] * n
    for p, is_person in mentions:
        i = bisect.bisect_right(starts, p) - 1
        if 0 <= i < n and not is_person:
            other[i] = True
    last = None
    for i in range(n):
        if about[i]:
            last = i
        elif other[i]:
            last = None
        elif last is not None and i - last <= CARRY_PASSAGES:
            about[i] = True
    spans.sort()
    return about, spans


def absolutist_spans(
    low: str, passages: list[tuple[int, int]], lex: Lexicon
) -> list[tuple[int, int]]:
    """Spans of the canonical absolutist words inside the passages."""
    if not passages:
        return []
    key = lex.digest + "abs"
    if key not in _PEOPLE_WORDS:
        words = sorted(lex.absolutist, key=len, reverse=True)
        _PEOPLE_WORDS[key] = re.compile(
            r"(?<![\w'])(?:" + "|".join(map(re.escape, words)) + r")(?![\w'])"
        )
    lo, hi = passages[0][0], passages[-1][1]
    return [m.span() for m in _PEOPLE_WORDS[key].finditer(low, lo, hi)]


def passage_values(
    passages: list[tuple[int, int]],
    markers: list[Marker],
    about: list[bool],
    absolutist: list[tuple[int, int]],
    tones: list[float],
) -> list[dict[str, float]]:
    """The value of every per-passage component for each passage (see the module docs)."""
    starts = [s for s, _ in passages]
    vals: list[dict[str, float]] = [dict.fromkeys(PASSAGE_FEATURES, 0.0) for _ in passages]
    if not passages:
        return vals
    looping: set[int] = set()
    for m in markers:
        if not m.counted or m.component not in _CUE_FEATURE:
            continue
        i = max(0, bisect.bisect_right(starts, m.start) - 1)
        feature = _CUE_FEATURE[m.component]
        vals[i][feature] = 1.0
        if feature in _LOOP:
            looping.add(i)
    n = len(vals)
    if looping:
        has_abs = [False] * n
        for s, _e in absolutist:
            i = bisect.bisect_right(starts, s) - 1
            if i >= 0:
                has_abs[i] = True
        for i in looping:  # the other passages keep 0.0 for both
            v = vals[i]
            near = any(
                about[j] for j in range(max(0, i - ABOUT_WINDOW), min(n, i + ABOUT_WINDOW + 1))
            )
            v["loop_about_them"] = 1.0 if near else 0.0
            v["loop_all_or_nothing"] = 1.0 if has_abs[i] else 0.0
    nt = len(tones)
    for i, v in enumerate(vals):
        t = tones[i] if i < nt else 0.0
        v["loop_tone"] = quantize(t) if math.isfinite(t) else 0.0
    return vals


def passage_score(values: dict[str, float], weights: dict[str, float]) -> float:
    """``sum of weight * value`` over the per-passage components (exact on the grid)."""
    return sum(
        map(mul, [weights[c] for c in PASSAGE_FEATURES], map(values.__getitem__, PASSAGE_FEATURES))
    )


def select_passages(scores: list[float], top: int = TOP_PASSAGES) -> list[int]:
    """Indices of the at most ``top`` highest positive scores (earliest first on ties).

    Examples
    --------
    >>> select_passages([0.5, -1.0, 2.0, 0.0, 0.5, 1.0])
    [0, 2, 5]
    """
    ranked = sorted((i for i, s in enumerate(scores) if s > 0), key=lambda i: (-scores[i], i))
    return sorted(ranked[:top])


def entry_values(
    values: list[dict[str, float]], weights: dict[str, float]
) -> tuple[dict[str, Any], list[int], list[float]]:
    """The entry's component values (sums over the selected passages), the selection and
    every passage's score."""
    w = [weights[c] for c in PASSAGE_FEATURES]
    scores = [sum(map(mul, w, map(v.__getitem__, PASSAGE_FEATURES))) for v in values]
    chosen = select_passages(scores)
    out: dict[str, Any] = dict.fromkeys(PASSAGE_FEATURES, 0.0)
    for i in chosen:
        for c in PASSAGE_FEATURES:
            out[c] += values[i][c]
    return out, chosen, scores
