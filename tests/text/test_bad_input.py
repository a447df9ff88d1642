"""Hostile text: every case gives defined scores or NA with a reason, and nothing raises."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reflection_kit.text import explain, score_entries

CASES = {
    "empty": ("", None, "no text"),
    "whitespace": (" \n\t \r\n ", None, "no text"),
    "emoji only": ("😊😊 💔 👍🏽", None, "only emoji"),
    "cyrillic": (
        "Почему он ушёл? Я всё время думаю об этом и не могу остановиться.",
        False,
        "Cyrillic",
    ),
    "cjk": ("我今天很好。为什么他离开了？我一直在想这件事。", False, "CJK"),
    "spanish": (
        "Hola, me llamo Juan y estoy muy cansado hoy porque no dormí bien anoche.",
        False,
        "probably not English",
    ),
    "control chars": ("I keep\x00 replaying\x07 it.\x1b[31m Why?\x7f", True, ""),
    "lone surrogate": ("I keep replaying it \ud800 why?", True, ""),
    "long": ("I keep thinking about why he left. " * 3000, True, ""),
    "no spaces": ("x" * 100_000, True, ""),
}


@pytest.mark.parametrize("name", list(CASES))
def test_defined_scores_or_na_with_a_reason(journal_of, name):
    import pandas as pd

    text, ok, note = CASES[name]
    # a lone surrogate cannot live in a pyarrow string column, so use an object column
    frame = pd.DataFrame({"text": pd.Series([text], dtype=object)})
    s = score_entries(frame if "\ud800" in text else journal_of([text]), cache=False).iloc[0]
    if ok is None:
        assert s["language_ok"] is pd.NA
    else:
        assert bool(s["language_ok"]) is ok
    assert note in s["score_note"]
    rates = s[["i_rate", "why_rate", "rumination", "release"]].astype(float)
    if ok:
        assert rates.notna().all() and s["score_note"] == ""
    else:
        assert rates.isna().all() and s["score_note"]  # NA, never scored as English
    ex = explain(text)
    assert all(text[a:b] == m for a, b, m in zip(ex.start, ex.end, ex.match, strict=True))


def test_emoji_only_has_a_tone_but_no_rates(journal_of):
    s = score_entries(journal_of(["😊😊"]), cache=False).iloc[0]
    assert s["tone"] > 0 and math.isnan(s["rumination"]) and s["words"] == 0


def test_none_and_nan_text(journal_of):
    s = score_entries(journal_of([None, float("nan"), "Fine day."]), cache=False)
    assert s["score_note"].tolist()[:2] == ["no text", "no text"]
    assert s["words"].tolist() == [0, 0, 2]


def test_long_entry_scores_every_sentence(journal_of):
    s = score_entries(journal_of([CASES["long"][0]]), cache=False).iloc[0]
    assert s["sentences"] == 3000 and s["why_rate"] == pytest.approx(1.0)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_random_text_never_raises(text):
    import pandas as pd

    s = score_entries(pd.DataFrame({"text": [text]}), cache=False, baseline=None)
    assert len(s) == 1
    ex = explain(text, discounted=True)
    assert all(text[a:b] == m for a, b, m in zip(ex.start, ex.end, ex.match, strict=True))
