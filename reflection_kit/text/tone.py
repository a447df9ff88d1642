"""Tone: the VADER compound score per sentence, with a small domain override layer.

Engine
    The ``vaderSentiment`` package (3.3.x, MIT). Its wheel ships ``vader_lexicon.txt`` and
    ``emoji_utf8_lexicon.txt``, so nothing is downloaded and ``nltk.data.path`` is never used.
    We chose it over NLTK's port of the same model deliberately: only vaderSentiment reads emoji
    (journals are full of them) and its "no <word>" rules, and NLTK's port drops one-letter
    tokens. The two engines give different numbers for the same text, so the tests pin this one.
    A subclass skips the per-character emoji pass when a sentence holds no emoji; the scores
    are identical to the stock engine (a test checks this).

Overrides
    VADER was tuned on tweets and misreads breakup language ("My heart is broken" scores
    +0.27; "Day 12 of no contact." -0.30; "I finally blocked his number." -0.20). The file
    ``lexicons/tone_overrides.csv`` lists every override with the reason it exists: ``lexicon``
    rows change one word's valence, ``phrase`` rows rephrase a few words before scoring so VADER's
    own negation and booster rules still apply. ``phrase`` rows are applied on the
    tokens (whitespace-separated words, compared without punctuation): slots of alternative
    words (``a|b``, ``?`` for an optional slot, ``*ing`` for any -ing word) are replaced by
    other tokens (``$n`` keeps the token of slot n).

Scope
    Sentences are scored one by one (VADER is much weaker on long prose) and averaged.
    Sentences longer than 60 words are scored in 60-word pieces, whose mean is the sentence's
    score. The index scores passages (sentences, long ones in 25-word pieces). The result is
    called *tone*, never progress.
"""

from __future__ import annotations

import math
import re
import string
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress

import pandas as pd
from vaderSentiment import vaderSentiment as _vs

from ._lexicon import load_lexicon
from .tokenize import normalize, sentence_spans

__all__ = ["NEGATIVE", "sentence_tone", "tone_table"]

#: A sentence is negative when its compound score is at most this value (Hutto & Gilbert 2014).
NEGATIVE = -0.05
_CHUNK_WORDS = 60


class _Analyzer(_vs.SentimentIntensityAnalyzer):
    """vaderSentiment's analyzer with the lexicon overrides applied and a no-emoji fast path."""

    def __init__(self, lexicon_overrides: dict[str, float]) -> None:
        super().__init__()
        self.lexicon.update(lexicon_overrides)
        # the stock method only replaces single characters found in its emoji lexicon
        self._emoji_chars = frozenset(k for k in self.emojis if len(k) == 1)
        self._tokens: dict[str, tuple[str, str, bool]] = {}

    def polarity_scores(self, text: str) -> dict[str, float]:  # type: ignore[override]
        if not text.isascii() and not self._emoji_chars.isdisjoint(text):
            text = self._describe_emoji(text)
        return self._scores_no_emoji(text.strip())

    def _describe_emoji(self, text: str) -> str:
        """The stock emoji pass: each emoji character replaced by its description, with a
        space before it unless it follows a space or starts the text."""
        emojis = self.emojis
        out: list[str] = []
        prev = 0
        for m in _NON_ASCII_RE.finditer(text):
            ch = m.group(0)
            if ch not in emojis:
                continue
            i = m.start()
            out.append(text[prev:i])
            if i and text[i - 1] != " ":
                out.append(" ")
            out.append(emojis[ch])
            prev = i + 1
        out.append(text[prev:])
        return "".join(out)

    def _token(self, tok: str) -> tuple[str, str, bool]:
        """(word, lower-cased word, rated) of one whitespace token (memoised)."""
        st = tok.strip(_PUNCT)  # SentiText._strip_punc_if_word
        word = tok if len(st) <= 2 else st
        low = word.lower()
        hit = (word, low, low in self.lexicon)
        if len(self._tokens) >= _MEMO_TOKENS:
            self._tokens.clear()
        self._tokens[tok] = hit
        return hit

    def compound(self, text: str, tokens: list[str] | None = None) -> float:
        """The ``compound`` of :meth:`polarity_scores`, without building the other scores.

        ``tokens`` is ``text.split()`` when the caller already has it.
        """
        if not text.isascii() and not self._emoji_chars.isdisjoint(text):
            text = self._describe_emoji(text)
            tokens = None
        if tokens is None:
            tokens = text.split()
        memo = self._tokens
        try:
            hits = [memo[t] for t in tokens]
        except KeyError:
            hits = [memo.get(t) or self._token(t) for t in tokens]
        if not hits:
            return 0.0
        words, low, flags = zip(*hits, strict=True)
        if True not in flags:
            return 0.0  # no rated word: every valence is 0, so compound is 0.0
        rated = list(compress(range(len(flags)), flags))
        sum_s = float(sum(self._valences(words, low, rated)))
        amp = self._punctuation_emphasis(text)
        if sum_s > 0:
            sum_s += amp
        elif sum_s < 0:
            sum_s -= amp
        return round(_vs.normalize(sum_s), 4)

    # The stock algorithm (vaderSentiment 3.3.2, polarity_scores minus its emoji pass, which
    # would leave the text unchanged), with each word lower-cased once instead of once per
    # rule, and only the rated words visited (every other word has valence 0).
    # tests/text/test_tone.py checks that the scores equal the stock engine's.
    def _scores_no_emoji(self, text: str) -> dict[str, float]:
        words = _vs.SentiText(text).words_and_emoticons
        low = [w.lower() for w in words]
        rated = [i for i, w in enumerate(low) if w in self.lexicon]
        return self.score_valence(self._valences(words, low, rated), text)

    def _valences(self, words: Sequence[str], low: Sequence[str], rated: list[int]) -> list[float]:
        """Valence of each word; ``rated`` are the positions of the words in the lexicon."""
        lex = self.lexicon
        n = len(words)
        sentiments: list[float] = [0] * n
        cap: list[bool] = []  # allcap_differential(words), computed when first needed

        def cap_diff() -> bool:
            if not cap:
                cap.append(_vs.allcap_differential(words))
            return cap[0]

        for i in rated:
            lw = low[i]
            if lw in _BOOSTERS or (i < n - 1 and lw == "kind" and low[i + 1] == "of"):
                continue
            valence = lex[lw]
            if lw == "no" and i != n - 1 and low[i + 1] in lex:
                valence = 0.0
            if (
                (i > 0 and low[i - 1] == "no")
                or (i > 1 and low[i - 2] == "no")
                or (i > 2 and low[i - 3] == "no" and low[i - 1] in ("or", "nor"))
            ):
                valence = lex[lw] * _vs.N_SCALAR
            if words[i].isupper() and cap_diff():
                valence = valence + _vs.C_INCR if valence > 0 else valence - _vs.C_INCR
            for start_i in range(0, 3):
                if i > start_i and low[i - (start_i + 1)] not in lex:
                    before = low[i - (start_i + 1)]
                    sc = 0.0
                    if before in _BOOSTERS:
                        word = words[i - (start_i + 1)]
                        sc = _vs.scalar_inc_dec(word, valence, word.isupper() and cap_diff())
                    if start_i == 1 and sc != 0:
                        sc = sc * 0.95
                    if start_i == 2 and sc != 0:
                        sc = sc * 0.9
                    valence = valence + sc
                    valence = _negation_check(valence, low, start_i, i)
                    if start_i == 2 and not _IDIOM_WORDS.isdisjoint(low[i - 3 : i + 3]):
                        valence = _idioms_check(valence, low, i)
            if i > 1 and low[i - 1] not in lex and low[i - 1] == "least":
                if low[i - 2] != "at" and low[i - 2] != "very":
                    valence = valence * _vs.N_SCALAR
            elif i > 0 and low[i - 1] not in lex and low[i - 1] == "least":
                valence = valence * _vs.N_SCALAR
            sentiments[i] = valence
        if "but" not in low:
            return sentiments  # _but_check changes nothing without a "but"
        return self._but_check(list(words), sentiments)


_BOOSTERS = _vs.BOOSTER_DICT
#: Words of the idioms and multi-word boosters: _idioms_check can change a valence only when
#: one of them is among the words it looks at.
_IDIOM_WORDS = frozenset(
    w for key in (*_vs.SPECIAL_CASES, *_BOOSTERS) if " " in key for w in key.split()
)
_MEMO_TOKENS = 200_000
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")
_PUNCT = string.punctuation
_NEGATE = frozenset(_vs.NEGATE)


def _neg(word: str) -> bool:
    return word in _NEGATE or "n't" in word


def _negation_check(valence: float, low: list[str], start_i: int, i: int) -> float:
    """vaderSentiment's _negation_check on pre-lower-cased words."""
    if start_i == 0 and _neg(low[i - 1]):
        valence = valence * _vs.N_SCALAR
    if start_i == 1:
        if low[i - 2] == "never" and (low[i - 1] == "so" or low[i - 1] == "this"):
            valence = valence * 1.25
        elif low[i - 2] == "without" and low[i - 1] == "doubt":
            pass
        elif _neg(low[i - 2]):
            valence = valence * _vs.N_SCALAR
    if start_i == 2:
        if (low[i - 3] == "never" and (low[i - 2] == "so" or low[i - 2] == "this")) or (
            low[i - 1] == "so" or low[i - 1] == "this"
        ):
            valence = valence * 1.25
        elif low[i - 3] == "without" and (low[i - 2] == "doubt" or low[i - 1] == "doubt"):
            pass
        elif _neg(low[i - 3]):
            valence = valence * _vs.N_SCALAR
    return valence


def _idioms_check(valence: float, low: list[str], i: int) -> float:
    """vaderSentiment's _special_idioms_check on pre-lower-cased words."""
    onezero = f"{low[i - 1]} {low[i]}"
    twoonezero = f"{low[i - 2]} {low[i - 1]} {low[i]}"
    twoone = f"{low[i - 2]} {low[i - 1]}"
    threetwoone = f"{low[i - 3]} {low[i - 2]} {low[i - 1]}"
    threetwo = f"{low[i - 3]} {low[i - 2]}"
    for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if seq in _vs.SPECIAL_CASES:
            valence = _vs.SPECIAL_CASES[seq]
            break
    if len(low) - 1 > i:
        zeroone = f"{low[i]} {low[i + 1]}"
        if zeroone in _vs.SPECIAL_CASES:
            valence = _vs.SPECIAL_CASES[zeroone]
    if len(low) - 1 > i + 1:
        zeroonetwo = f"{low[i]} {low[i + 1]} {low[i + 2]}"
        if zeroonetwo in _vs.SPECIAL_CASES:
            valence = _vs.SPECIAL_CASES[zeroonetwo]
    for n_gram in (threetwoone, threetwo, twoone):
        if n_gram in _BOOSTERS:
            valence = valence + _BOOSTERS[n_gram]
    return valence


@dataclass(frozen=True)
class _Phrase:
    """A token-level override: slots of alternative words, replaced by other tokens."""

    slots: tuple[tuple[frozenset[str], bool, bool], ...]  # (words, optional, any "-ing")
    replacement: tuple[str, ...]

    @classmethod
    def parse(cls, pattern: str, value: str) -> _Phrase:
        slots = []
        for slot in pattern.lower().split():
            optional = slot.endswith("?")
            slot = slot.rstrip("?")
            alts = frozenset(a for a in slot.split("|") if a != "*ing")
            slots.append((alts, optional, "*ing" in slot.split("|")))
        return cls(tuple(slots), tuple(value.split()))

    def match(self, low: list[str], i: int) -> list[int] | None:
        """Positions of the matched tokens for each slot (-1 when skipped), or None."""
        at, pos = i, []
        for words, optional, ing in self.slots:
            ok = at < len(low) and (low[at] in words or (ing and low[at].endswith("ing")))
            if ok:
                pos.append(at)
                at += 1
            elif optional:
                pos.append(-1)
            else:
                return None
        return pos


def _clean(token: str) -> str:
    return token.lower().strip(_PUNCT)


def apply_phrases(text: str, phrases: tuple[_Phrase, ...]) -> str:
    """``text`` with the token-level overrides applied (``$n`` copies the token of slot n).

    Examples
    --------
    >>> p = (_Phrase.parse("no more *ing", "not $3"),)
    >>> apply_phrases("No more crying over him.", p)
    'not crying over him.'
    """
    tokens = text.split()
    low = [_clean(t) for t in tokens]
    by_first: dict[str, list[_Phrase]] = {}
    for ph in phrases:
        for w in ph.slots[0][0] if ph.slots else ():
            by_first.setdefault(w, []).append(ph)
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for ph in by_first.get(low[i], ()):
            pos = ph.match(low, i)
            if pos is None:
                continue
            used = [p for p in pos if p >= 0]
            last = tokens[used[-1]]
            tail = last[len(last.rstrip(_PUNCT)) :]
            new = [tokens[pos[int(r[1:]) - 1]].strip(_PUNCT) if r.startswith("$") else r
                   for r in ph.replacement]  # fmt: skip
            if new:
                new[-1] += tail
            out.extend(new)
            i = used[-1] + 1
            break
        else:
            out.append(tokens[i])
            i += 1
    return " ".join(out)


@lru_cache(maxsize=1)
def _engine() -> tuple[_Analyzer, tuple[_Phrase, ...], re.Pattern[str] | None]:
    lex = load_lexicon()
    words: dict[str, float] = {}
    phrases: list[_Phrase] = []
    for row in lex.tone_overrides:
        if row["kind"] == "lexicon":
            words[row["pattern"].strip().lower()] = float(row["value"])
        elif row["kind"] == "phrase":
            phrases.append(_Phrase.parse(row["pattern"], row["value"]))
    firsts = sorted({w for ph in phrases for w in (ph.slots[0][0] if ph.slots else ()) if w})
    gate = (
        re.compile(r"(?<![\w'])(?:" + "|".join(map(re.escape, firsts)) + r")(?![\w'])", re.I)
        if firsts
        else None
    )
    return _Analyzer(words), tuple(phrases), gate


def _overridden(text: str, phrases: tuple[_Phrase, ...], gate: re.Pattern[str] | None) -> str:
    """``text`` with the phrase overrides applied (only when a first word of one is there)."""
    if gate is None or not _may_override(text) or gate.search(text) is None:
        return text
    return apply_phrases(text, phrases)


def _compound(analyzer: _Analyzer, text: str) -> float:
    words = text.split()
    if len(words) <= _CHUNK_WORDS:
        return analyzer.compound(text, words)
    parts = [" ".join(words[i : i + _CHUNK_WORDS]) for i in range(0, len(words), _CHUNK_WORDS)]
    return math.fsum(analyzer.compound(p) for p in parts) / len(parts)


def sentence_tone(sentence: str) -> float:
    """VADER compound score of one sentence, after the domain overrides.

    Parameters
    ----------
    sentence : str
        One sentence (curly apostrophes are straightened first).

    Returns
    -------
    float
        Between -1 and 1; at most -0.05 reads as negative.

    Examples
    --------
    >>> sentence_tone("My heart is broken") < -0.05
    True
    >>> sentence_tone("Day 12 of no contact.") > -0.05
    True
    """
    analyzer, phrases, gate = _engine()
    return _compound(analyzer, _overridden(normalize(sentence), phrases, gate))


def entry_tones(norm: str, spans: list[tuple[int, int]]) -> list[float]:
    """Compound score of each sentence span of an already normalised text."""
    analyzer, phrases, gate = _engine()
    if gate is None or not _may_override(norm) or gate.search(norm) is None:
        # no override applies anywhere
        return [_compound(analyzer, norm[s:e]) for s, e in spans]
    return [_compound(analyzer, _overridden(norm[s:e], phrases, gate)) for s, e in spans]


def _may_override(text: str) -> bool:
    """False when no phrase override can change the tone of ``text``.

    A phrase override changes a text only when one of its tokens, lower-cased and stripped of
    punctuation, is the first word of a phrase - and then that word is in ``text.lower()``.
    Otherwise :func:`apply_phrases` only joins the tokens with single spaces, which leaves the
    VADER score as it is (VADER splits on whitespace), so the gate need not be searched.
    """
    low = text.lower()
    return any(w in low for w in _first_words())


@lru_cache(maxsize=1)
def _first_words() -> tuple[str, ...]:
    _analyzer, phrases, _gate = _engine()
    return tuple(sorted({w for ph in phrases for w in (ph.slots[0][0] if ph.slots else ())}))


def tone_table(text: str) -> pd.DataFrame:
    """Every sentence of ``text`` with its span and VADER compound score.

    Parameters
    ----------
    text : str

    Returns
    -------
    pandas.DataFrame
        Columns ``sentence``, ``start``, ``end``, ``compound`` and ``negative``
        (compound at most -0.05).

    Examples
    --------
    >>> t = tone_table("I finally blocked his number. My heart is broken.")
    >>> t["negative"].tolist()
    [False, True]
    """
    spans = sentence_spans(text) if isinstance(text, str) else []
    scores = entry_tones(normalize(text), spans) if spans else []
    return pd.DataFrame(
        {
            "sentence": pd.Series([text[s:e] for s, e in spans], dtype="str"),
            "start": pd.Series([s for s, _ in spans], dtype="int64"),
            "end": pd.Series([e for _, e in spans], dtype="int64"),
            "compound": pd.Series(scores, dtype="float64"),
            "negative": pd.Series([c <= NEGATIVE for c in scores], dtype="bool"),
        }
    )
