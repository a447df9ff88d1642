"""The scoring fast paths give exactly what the plain regular expressions and the stock
engines give (benchmarks/text.py measures the speed; these tests pin the equality).

Each fast path is compared with the straightforward version it replaces, on texts built from
the lexicon's own words glued with awkward separators (mid-word cuts, apostrophes,
underscores, emoji, line breaks), so that the edge cases come up often.
"""

from __future__ import annotations

import importlib
import random
import re

import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from reflection_kit.text._lexicon import load_lexicon
from reflection_kit.text.markers import CUE_COMPONENTS, people_regex

# the modules (reflection_kit.text exports functions of the same names as some of them)
_triggers = importlib.import_module("reflection_kit.text._triggers")
markers = importlib.import_module("reflection_kit.text.markers")
passages = importlib.import_module("reflection_kit.text.passages")
tokenize = importlib.import_module("reflection_kit.text.tokenize")
tone = importlib.import_module("reflection_kit.text.tone")

SEPARATORS = [" ", " ", " ", "", "x", "-", ". ", "? ", "! ", "\n", "  ", "_", "'", ", ", "é"]


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


@pytest.fixture(scope="module")
def texts(lex) -> list[str]:
    """Lower-cased texts glued from the words of the cue lists and the word lists."""
    vocab: set[str] = set()
    for comp in CUE_COMPONENTS:
        for source in getattr(lex, comp).sources:
            vocab.update(re.findall(r"[a-z']+", source))
    vocab |= lex.ex_pronouns | lex.other_people | lex.absolutist | {"alex", "sam", "😊", "…"}
    words = sorted(vocab)
    rng = random.Random(20240611)
    out = []
    for _ in range(250):
        n = rng.randint(1, 40)
        out.append("".join(rng.choice(words) + rng.choice(SEPARATORS) for _ in range(n)))
    return out


def _reference_find(cues, low: str) -> list[tuple[int, int, str]]:
    """Every alternative as a plain finditer (with its \\b back where it was taken off for
    ``restart``), merged leftmost first, the earlier alternative on a tie."""
    found = []
    for idx, alt in enumerate(cues.alternatives):
        rx = re.compile(r"\b" + alt.regex.pattern, alt.regex.flags) if alt.restart else alt.regex
        for m in rx.finditer(low):
            s = m.start()
            if m.end() > s and not (
                alt.boundary and s and (low[s - 1].isalnum() or low[s - 1] == "_")
            ):
                found.append((s, idx, m.end(), alt.detail))
    found.sort()
    out, last = [], -1
    for s, _idx, e, detail in found:
        if s >= last:
            out.append((s, e, detail))
            last = e
    return out


@pytest.mark.parametrize("warm_after", [0, 10**9])  # branch by branch / whole alternatives
def test_cue_search_equals_plain_regex(lex, texts, monkeypatch, warm_after):
    monkeypatch.setattr(_triggers, "_WARM_USES", warm_after)
    index = markers._all_literals(lex)
    kinds = {"branches": 0, "restart": 0}
    for comp in CUE_COMPONENTS:
        for alt in getattr(lex, comp).cues.alternatives:
            kinds["branches"] += bool(alt.branches)
            kinds["restart"] += alt.restart
    assert kinds["branches"] > 0 and kinds["restart"] > 0  # the fast paths are in use
    for low in texts:
        present = index.present(low)
        assert present == frozenset(t for t in index.literals if t in low)
        for comp in CUE_COMPONENTS:
            cues = getattr(lex, comp).cues
            assert _triggers.find(cues, low, present) == _reference_find(cues, low), low


def test_literal_index_examples():
    index = _triggers.LiteralIndex(("keep", "again and again", "?", "am", "co-", "x y"))
    assert index.present("i came again and again?") == {"again and again", "?", "am"}
    assert index.present("co-worker, x y") == {"co-", "x y"}
    assert index.present("") == frozenset()


def test_guarded_spans_equal_finditer(lex, texts):
    guarded = [
        lex.past_phrases,
        people_regex(("Alex", "Sam", "Sam Lee"), lex),
        passages._OTHERS_EX_RE,
        re.compile(r"(?<![\w'])(?:a|)"),  # can match empty: left to finditer
    ]
    assert all(_triggers._unguarded(rx) is not None for rx in guarded)
    rng = random.Random(7)
    for text in texts:
        a = rng.randint(0, len(text))
        b = rng.randint(a, len(text))
        for args in ((), (a,), (a, b)):
            for rx in guarded:
                want = [m.span() for m in rx.finditer(text, *args)]
                assert _triggers.guarded_spans(rx, text, *args) == want


def _reference_negation(low: str, start: int, lex) -> str | None:
    window = low[max(0, start - 80) : start]
    cuts = [m.end() for m in re.finditer(r"[.!?;:,\n\"()\[\]—–…]", window)]
    if cuts:
        window = window[cuts[-1] :]
    words = re.findall(r"[\w']+", window)[-4:]
    for i in range(len(words) - 1, -1, -1):
        if words[i] in lex.clause_breaks:
            words = words[i + 1 :]
            break
    if not words:
        return None
    m = lex.negation.search(" ".join(words))
    return m.group(0) if m else None


def test_negation_window_equals_reference(lex, texts):
    rng = random.Random(3)
    for low in texts:
        for start in {len(low), rng.randint(0, len(low)), rng.randint(0, len(low))}:
            assert markers._negation(low, start, lex) == _reference_negation(low, start, lex)


# the sentence-end pattern as it was before the fast path (one alternation)
_E, _MOD, _EMOTICON = tokenize._E, tokenize._MOD, tokenize._EMOTICON
_OLD_BOUNDARY = re.compile(
    rf"(?:\.{{2,}}|[.!?…]+)[\"')\]’”]*(?:[ \t]+(?:{tokenize.EMOJI}|{_EMOTICON})+)*(?=[ \t]+\S)"
    rf"|(?:{tokenize.EMOJI})+(?=[ \t]+[A-Z])"
)
_OLD_ASCII_BOUNDARY = re.compile(
    rf"(?:\.{{2,}}|[.!?]+)[\"')\]]*(?:[ \t]+(?:{_EMOTICON})+)*(?=[ \t]+\S)"
)
_OLD_QUOTE = re.compile(
    r"\"[^\"\n]*\"|(?<![\w'])'(?=[^\W\d_])[^\n]*?[\w.!?,…](?<![^\W_]'[st])'(?!\w)"
)


def test_sentence_ends_and_quotes_equal_the_plain_patterns():
    rng = random.Random(11)
    words = ["Dr", "e.g", "A", "I", "word", "Why", "x", "é", "_", "2nd", "'", '"', "😊", "👍🏽"]
    words += ["👨\u200d👩\u200d👧", "☕", ":)", "…", "’", "Then", "then"]
    seps = [". ", ".. ", "... ", "? ", "! ", " ", "", ". 😊 ", "?! ", ".' ", '." ', "\t", "…"]
    seps += [" 😊 ", "😊 ", ". :) ", "!! 👍🏽 ", ".’ "]
    for _ in range(1000):
        line = "".join(rng.choice(words) + rng.choice(seps) for _ in range(rng.randint(1, 14)))
        ascii_ = line.isascii()
        old = _OLD_ASCII_BOUNDARY if ascii_ else _OLD_BOUNDARY
        for pos in (0, rng.randint(0, len(line))):
            want = [m.span() for m in old.finditer(line, pos)]
            assert [m.span() for m in tokenize._boundaries(line, pos, ascii_)] == want, line
        assert [m.span() for m in tokenize._QUOTE_RE.finditer(line)] == [
            m.span() for m in _OLD_QUOTE.finditer(line)
        ]


def test_normalize_fast_path_equals_translate():
    samples = ["plain ascii", "I’m “fine”", "a\r\nb", "tab\there", "\x7f\x85\u2028x", "😊 ok"]
    for text in samples + [chr(c) for c in range(0x3000)]:
        assert tokenize.normalize(text) == text.translate(tokenize._TRANSLATE)


def test_fast_tone_equals_the_stock_engine():
    ours, stock = tone._Analyzer({}), SentimentIntensityAnalyzer()
    rng = random.Random(5)
    words = ["good", "GOOD", "bad", "not", "no", "never", "so", "very", "kind", "of", "but"]
    words += ["least", "at", "the", "bomb", "yeah", "right", "sort", "happy", "sad", "😊", "💔"]
    words += ["without", "doubt", "nor", "or", "!", "??", "SUPER", "extremely", "ok", ":)"]
    for _ in range(500):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 14)))
        text += rng.choice(["", "!", "?", "!!", "...", " 😊"])
        want = stock.polarity_scores(text)
        assert ours.polarity_scores(text) == want, text
        assert ours.compound(text) == want["compound"], text


def test_entry_tones_apply_overrides_as_before():
    analyzer, phrases, gate = tone._engine()
    rng = random.Random(8)
    words = ["no", "No", "more", "crying", "over", "him", "heart", "broken", "killer", "can't"]
    words += ["workout", "done", "with", "it", "through", "finiſhed", "_no", "x", "😊", "good"]
    for _ in range(500):
        text = "".join(
            rng.choice(words) + rng.choice([" ", ". ", "", "'", "\t"]) for _ in range(12)
        )
        spans, pos = [], 0
        while pos < len(text):
            end = min(len(text), pos + rng.randint(1, 30))
            spans.append((pos, end))
            pos = end + rng.choice([0, 1])
        if gate.search(text) is None:
            want = [tone._compound(analyzer, text[s:e]) for s, e in spans]
        else:
            want = [tone._compound(analyzer, tone._overridden(text[s:e], phrases, gate))
                    for s, e in spans]  # fmt: skip
        assert tone.entry_tones(text, spans) == want, text
