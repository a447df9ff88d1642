"""The passage-based rumination index (issue 14): length, the person, registers, tone, prompts,
and explanations that add up."""

from __future__ import annotations

import datetime as dt
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reflection_kit as rk
from reflection_kit.text import LEXICON_VERSION, contributing, explain, score_entries
from reflection_kit.text.index_spec import index_spec
from reflection_kit.text.tone import sentence_tone

LOOP = (
    "I keep replaying the night Sam left. Why did he go without a word? "
    "If only I had said something at the station."
)
NEUTRAL = (
    "The bus was on time. I had porridge with a banana. Work was mostly emails and one long "
    "meeting about the budget. I bought bread, milk and tomatoes on the way home. "
)


def rum(text: str, people: object = "Sam") -> float:
    one = pd.DataFrame({"text": pd.Series([text], dtype="str")})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = score_entries(one, people=people, baseline=None, cache=False)
    return float(out["rumination"].iloc[0])


def test_padding_with_neutral_text_never_lowers_the_index():
    base = rum(LOOP)
    assert base >= index_spec().threshold
    words = NEUTRAL.split()
    for n in (50, 150, 300):
        pad = " ".join((words * 10)[:n]) + "."
        assert rum(pad + "\n\n" + LOOP) >= base
        assert rum(LOOP + "\n\n" + pad) >= base


@pytest.mark.parametrize(
    "text",
    [
        "It kept raining all day.",
        "We hiked for hours.",
        "I wonder what to cook tonight.",
        "Is the bakery open on Sunday?",
        "I started a new book and tried to stay calm in the meeting.",
        "He was at the shop. She said hi. They left early.",
    ],
)
def test_everyday_language_does_not_count(text):
    assert rum(text) == 0.0
    assert contributing(text, people="Sam").empty


def test_missing_apostrophes_and_lowercase_count_the_same():
    a = explain("I can't stop thinking about him", people="Sam")
    b = explain("i cant stop thinking abt him", people="Sam")
    assert a["component"].tolist() == b["component"].tolist()
    assert rum("i cant stop thinking abt him") >= index_spec().threshold


def test_negated_in_words_still_loops():
    assert "replay" in explain("I'm not over it. I'm still not over him.")["component"].tolist()
    assert "replay" not in explain("I didn't replay it today.")["component"].tolist()


def test_the_person_not_pronouns_carries_the_index():
    friend = "My friend Jess keeps going over why her ex left. She asks what she did wrong."
    assert "about_them" not in explain(friend, people="Sam")["component"].tolist()
    about = "I keep going over why Sam left. He never said."
    assert "about_them" in explain(about, people="Sam")["component"].tolist()
    # without people=: a pronoun counts only inside a looping passage
    assert rum("He was kind. She was there. They ate.", people=None) == 0.0
    assert rum("I keep going over why he left.", people=None) > 0


def test_quoting_the_person_is_not_the_writers_loop():
    ex = explain('He said "why can\'t you let it go" and laughed.', discounted=True)
    why = ex[ex["component"] == "why"]
    assert not why["counted"].any() and (why["contribution"] == 0).all()


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("it was a killer workout", 1),
        ("my heart is literally broken", -1),
        ("my heart broke today", -1),
        ("I'm done crying over him", 1),
        ("I cant stop crying", -1),
        ("No more crying over him", 1),
    ],
)
def test_tone_overrides_on_tokens(text, sign):
    assert sign * sentence_tone(text) > 0.05


def test_no_more_keeps_the_word_apart():
    assert sentence_tone("No more crying over him") == sentence_tone("not crying over him")


def test_a_blank_new_entry_note_scores_zero_and_prompts_are_not_scored(tmp_path):
    path = rk.new_entry(tmp_path, prompts_set="hardest_part", day=dt.date(2025, 3, 3))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        blank = rk.score_entries(rk.read_journal(tmp_path), cache=False, baseline=None)
    assert blank["rumination"].tolist() == [0.0] and blank["tone"].tolist() == [0.0]
    text = path.read_text(encoding="utf-8")
    first = text.index("## ")
    end = text.index("\n", first)
    path.write_text(
        text[:end] + "\nWhy did he leave? I keep replaying it.\n" + text[end:] + "\nNice walk.\n",
        encoding="utf-8",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        journal = rk.read_journal(tmp_path)
        scored = rk.score_entries(journal, cache=False, baseline=None)
    assert "Why did he leave?" in journal["text"].iloc[0]  # the answer stays in the text
    assert scored["rumination"].iloc[0] == 0.0  # ... but the prompt section is not scored


def test_explain_lists_every_contribution_with_its_weight():
    ex = explain(LOOP + " I feel calmer after the walk.", people="Sam")
    assert {"component", "label", "weight", "contribution", "start", "end"} <= set(ex.columns)
    assert {"replay", "why", "counterfactual", "about_them", "tone"} <= set(ex["component"])
    weights = {c.marker: c.weight for c in index_spec().components if c.marker}
    assert (ex["weight"] == ex["component"].map(weights)).all()
    assert ex["contribution"].sum() == rum(LOOP + " I feel calmer after the walk.")
    assert not any("_" in label or label in ("i", "ex") for label in index_spec().labels.values())


_VOCAB = (
    "I he she Sam keep thinking why did what if only had should have over and again "
    "it rain walk cant stop not never always still . ? , calm love miss"
)
_WORDS = st.sampled_from(_VOCAB.split(" "))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_WORDS, min_size=1, max_size=60))
def test_explain_adds_up_to_the_index_exactly(words):
    text = " ".join(words)
    ex = explain(text, people="Sam")
    value = rum(text)
    if np.isnan(value):
        assert ex.empty or np.isnan(ex.attrs["rumination"])
    else:
        assert ex["contribution"].sum() == value == ex.attrs["rumination"]
        assert value >= 0


def test_version_bumped():
    assert LEXICON_VERSION == "2.0" == index_spec().version
