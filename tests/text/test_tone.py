"""Tone: the vaderSentiment engine, pinned scores, the domain overrides, no NLTK data."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from reflection_kit.text import score_entries, tone_table
from reflection_kit.text._lexicon import load_lexicon
from reflection_kit.text.tone import NEGATIVE, _Analyzer, sentence_tone

DEV = Path(__file__).resolve().parents[1] / "data" / "rumination_eval" / "dev.csv"


@pytest.mark.parametrize(
    ("sentence", "score"),
    [
        ("My heart is broken", -0.6486),  # stock +0.2732; override reads it as "heartbroken"
        ("Day 12 of no contact.", 0.0),  # stock -0.296
        ("I finally blocked his number.", 0.0772),  # stock -0.2023
        ("I can't stop crying.", -0.4767),  # stock +0.5334
        ("I no longer cry about it.", 0.3724),
        ("I feel 😊", 0.7184),  # emoji read by vaderSentiment's emoji lexicon
        ("I miss him so much.", -0.1531),
        ("What if I had said something?", 0.0),
    ],
)
def test_pinned_scores(sentence, score):
    assert sentence_tone(sentence) == pytest.approx(score, abs=1e-4)


def test_product_brief_cases():
    assert sentence_tone("My heart is broken") <= NEGATIVE
    assert sentence_tone("Day 12 of no contact.") > NEGATIVE
    assert sentence_tone("I finally blocked his number.") > NEGATIVE
    assert sentence_tone("I finally blocked his number") > NEGATIVE


def test_stock_engine_still_gets_them_wrong():
    """The reason the override layer exists (if this fails, review tone_overrides.csv)."""
    stock = SentimentIntensityAnalyzer()
    assert stock.polarity_scores("My heart is broken")["compound"] > 0
    assert stock.polarity_scores("Day 12 of no contact.")["compound"] < NEGATIVE


def _corpus() -> list[str]:
    with DEV.open(encoding="utf-8") as fh:
        texts = [r["text"] for r in csv.DictReader(fh)]
    return [
        *texts,
        "I am NOT happy at all!!",
        "never so good",
        "without a doubt great",
        "kind of sad",
        "the least bad day",
        "at least it was fine",
        "no good no bad",
        "It was no or nor good",
        "I'm SO GOOD but very tired",
        "not very good??",
        "",
        "   ",
        "!!!",
        ":) :(",
        "I ❤️ you 😊 but 💔",
        "HATE",
        "Good. Bad. Ugly!",
        "the bomb",
        "yeah right, great",
    ]


def test_fast_engine_equals_the_stock_engine():
    ours, stock = _Analyzer({}), SentimentIntensityAnalyzer()
    for text in _corpus():
        assert ours.polarity_scores(text) == stock.polarity_scores(text), text
        assert ours.compound(text) == stock.polarity_scores(text)["compound"], text


def test_every_override_is_documented_and_valid():
    rows = load_lexicon().tone_overrides
    assert rows
    for row in rows:
        assert row["kind"] in ("lexicon", "phrase")
        assert len(row["reason"]) > 30, row
        if row["kind"] == "lexicon":
            float(row["value"])


def test_tone_table_and_entry_tone():
    t = tone_table("I finally blocked his number. My heart is broken.")
    assert t["sentence"].tolist() == ["I finally blocked his number.", "My heart is broken."]
    assert t["negative"].tolist() == [False, True]
    s = score_entries(
        pd.DataFrame({"text": ["I finally blocked his number. My heart is broken."]}), cache=False
    )
    assert s["tone"].iloc[0] == pytest.approx(t["compound"].mean())
    assert s["neg_tone"].iloc[0] == pytest.approx(0.5)


def test_nltk_data_is_never_used(monkeypatch):
    import nltk

    def refuse(*args, **kwargs):
        raise AssertionError("nltk data or downloads were used")

    monkeypatch.setattr(nltk, "download", refuse)
    monkeypatch.setattr(nltk.data, "load", refuse)
    monkeypatch.setattr(nltk.data, "find", refuse)
    s = score_entries(
        pd.DataFrame({"text": ["Why? My heart is broken 💔. I keep replaying it."]}), cache=False
    )
    assert s["tone"].iloc[0] < 0
