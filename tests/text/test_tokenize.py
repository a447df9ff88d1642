"""Tokens and sentences: NLTK without data, contractions, emoji, journal-like text."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reflection_kit.text import sentence_spans, split_sentences, token_spans, tokenize
from reflection_kit.text.tokenize import fast_tokens, is_word, lower_same_length, normalize

CORPUS = [
    "I’m fine, I'm FINE. Can’t stop… won't stop!",
    "Family 👨‍👩‍👧 and 👍🏽 :) <3 — ok?? 🇬🇧 flags too",
    "Why did he go?\n- walked\n- slept\n\n1. tea 2) toast",
    "Привет, как дела? 我今天很好 ça va, Zürich naïve café",
    "self-care at 5pm, 3.5 hours, e.g. Dr. Lee's note... it's 10:30",
    "tabs\tand\x00control\x07chars and_underscores",
]


def test_contractions_stay_whole_with_both_apostrophes():
    assert tokenize("I can’t and I can't, I’m / I'm") == [
        "I",
        "can’t",
        "and",
        "I",
        "can't",
        ",",
        "I’m",
        "/",
        "I'm",
    ]


def test_emoji_and_emoticons_are_tokens_not_words():
    toks = tokenize("Sunday 👨‍👩‍👧 👍🏽 😢 :) <3")
    assert toks == ["Sunday", "👨‍👩‍👧", "👍🏽", "😢", ":)", "<3"]
    assert [is_word(t) for t in toks] == [True, False, False, False, False, False]


def test_stopwords_are_never_removed():
    assert tokenize("I am not all that sure why") == [
        "I",
        "am",
        "not",
        "all",
        "that",
        "sure",
        "why",
    ]


@pytest.mark.parametrize("text", CORPUS)
def test_fast_path_gives_the_same_tokens_as_nltk(text):
    norm = normalize(text)
    assert fast_tokens(norm) == tokenize(norm)


@pytest.mark.parametrize("text", CORPUS)
def test_token_spans_index_the_original_text(text):
    spans = token_spans(text)
    assert [text[s:e] for s, e in spans] == tokenize(text)


def test_normalize_keeps_length_and_straightens_quotes():
    text = "“I’m” \r\n\x00ok\u2028"
    out = normalize(text)
    assert len(out) == len(text)
    assert out == '"I\'m" \n\n ok\n'


def test_lower_same_length_keeps_offsets():
    assert len(lower_same_length("İSTANBUL")) == len("İSTANBUL")
    assert lower_same_length("ABC Def") == "abc def"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Saw Dr. Lee today. He was kind.", ["Saw Dr. Lee today.", "He was kind."]),
        (
            "Things to try, e.g. Yoga or a walk. Then bed.",
            ["Things to try, e.g. Yoga or a walk.", "Then bed."],
        ),
        (
            "I woke at 5 a.m. I cried. Mrs. Smith called.",
            ["I woke at 5 a.m.", "I cried.", "Mrs. Smith called."],
        ),
        (
            "I don't know... maybe tomorrow. Or not!",
            ["I don't know... maybe tomorrow.", "Or not!"],
        ),
        ("I don't know... Maybe tomorrow", ["I don't know...", "Maybe tomorrow"]),
        ("no punctuation here\nor here either", ["no punctuation here", "or here either"]),
        (
            "Coffee ☕ Then work. Good day. 😊 Bye",
            ["Coffee ☕", "Then work.", "Good day. 😊", "Bye"],
        ),
        (
            "- walked\n* cried\n• slept\n1. tea\n2) toast\n- [ ] call mum",
            ["walked", "cried", "slept", "tea", "toast", "call mum"],
        ),
        ("# Monday\n\n---\n...\nFine.", ["Monday", "Fine."]),
        (
            'He said "Why? Why now?" and left. I sat down.',
            ['He said "Why? Why now?" and left.', "I sat down."],
        ),
        ("“Why?” she asked. I didn't answer.", ["“Why?” she asked.", "I didn't answer."]),
        (
            "Neither did I. Then J. K. Rowling's book.",
            ["Neither did I.", "Then J. K. Rowling's book."],
        ),
        ("Why?? Why him!? ok", ["Why??", "Why him!? ok"]),  # lower case continues
        ("", []),
        ("   \n\t ", []),
    ],
)
def test_sentence_rules(text, expected):
    assert split_sentences(text) == expected


def test_sentence_spans_index_the_original_text():
    text = "“I’m done.”\r\nNext – tomorrow 👍🏽 Ok"
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == split_sentences(text)
    assert split_sentences(text) == ["“I’m done.”", "Next – tomorrow 👍🏽", "Ok"]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_spans_are_ordered_and_in_bounds(text):
    for spans in (token_spans(text), sentence_spans(text)):
        last = 0
        for s, e in spans:
            assert last <= s < e <= len(text)
            last = e
    assert fast_tokens(normalize(text)) == tokenize(normalize(text))


def test_works_without_any_nltk_data(tmp_path):
    """A fresh interpreter with NLTK_DATA and HOME pointing at empty folders."""
    code = (
        "import nltk\n"
        "def no(*a, **k): raise AssertionError('nltk.download called')\n"
        "nltk.download = no\n"
        "import pandas as pd\n"
        "from reflection_kit.text import score_entries, split_sentences, tokenize, explain\n"
        "assert tokenize(\"I can't\") == ['I', \"can't\"]\n"
        "assert split_sentences('Dr. Lee. Ok') == ['Dr. Lee.', 'Ok']\n"
        "s = score_entries(pd.DataFrame({'text': ['My heart is broken. Why?']}), cache=False)\n"
        "assert s['tone'].iloc[0] < 0\n"
        "assert len(explain('Why did he go?'))\n"
        "print('ok')\n"
    )
    env = {**os.environ, "NLTK_DATA": str(tmp_path / "empty"), "HOME": str(tmp_path)}
    (tmp_path / "empty").mkdir()
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
