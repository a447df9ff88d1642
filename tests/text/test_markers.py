"""explain(): every marker with its span; negation, distancing and quoted speech."""

from __future__ import annotations

from importlib import resources

import pytest

from reflection_kit.text import LEXICON_VERSION, explain
from reflection_kit.text._lexicon import _check_lower, load_lexicon

CANONICAL_19 = {
    "absolutely",
    "all",
    "always",
    "complete",
    "completely",
    "constant",
    "constantly",
    "definitely",
    "entire",
    "ever",
    "every",
    "everyone",
    "everything",
    "full",
    "must",
    "never",
    "nothing",
    "totally",
    "whole",
}


def counted(text, component, **kw):
    ex = explain(text, **kw)
    return ex.loc[ex["component"] == component, "match"].tolist()


def test_columns_and_spans_index_the_original_text():
    text = "Why did he leave? I keep replaying it… “What if I’d stayed?”"
    ex = explain(text, discounted=True)
    assert list(ex.columns) == [
        "component",
        "label",
        "match",
        "start",
        "end",
        "passage",
        "detail",
        "counted",
        "reason",
        "weight",
        "contribution",
    ]
    assert all(text[s:e] == m for s, e, m in zip(ex["start"], ex["end"], ex["match"], strict=True))
    assert ex["start"].is_monotonic_increasing
    assert set(ex["component"]) >= {"why", "replay", "about_them", "counterfactual", "tone"}


def test_i_words_and_my_are_separate():
    from reflection_kit.text.markers import word_markers
    from reflection_kit.text.tokenize import lower_same_length, normalize

    text = "I told myself my plan. I'm sure I'll manage, I’ve got me."
    norm = normalize(text)
    found = word_markers(norm, lower_same_length(norm), load_lexicon(), None)
    assert [text[m.start : m.end] for m in found if m.component == "i"] == [
        "I",
        "myself",
        "I'm",
        "I'll",
        "I’ve",
        "me",
    ]
    assert [text[m.start : m.end] for m in found if m.component == "my"] == ["my"]


@pytest.mark.parametrize(
    ("text", "component"),
    [
        ("I didn't replay it today.", "replay"),
        ("I no longer wonder why.", "why"),
        ("I'm not asking myself why anymore.", "why"),
        ("I stopped going over the argument.", "replay"),
        ("I used to replay it every night.", "replay"),
        ("I'm not ready to let go.", "release"),
        ("I can't accept it.", "release"),
        ("He said 'why can't you let it go' and I froze.", "why"),
        ('My therapist asked, "Why do you think you reach for your phone?"', "why"),
        ('Lina said "if only I had bought that flat" about her saga.', "counterfactual"),
        ("What if I tried a pottery class?", "counterfactual"),
        ("That's why I went to bed early.", "why"),
    ],
)
def test_negated_distanced_quoted_or_excepted_cues_do_not_count(text, component):
    assert counted(text, component) == []
    found = explain(text, discounted=True)
    hit = found[(found.component == component) & ~found.counted]
    assert len(hit) >= 1 and hit["reason"].str.len().gt(0).all()


@pytest.mark.parametrize(
    ("text", "component", "match"),
    [
        ("Why did he leave?", "why", ["Why did"]),
        ("I keep asking myself 'why wasn't I enough?'", "why", ["why wasn't"]),
        ("I don't know why I keep thinking about him.", "replay", ["keep thinking"]),
        ("I can't help wondering why.", "why", ["wondering why"]),
        ("What if I had said something?", "counterfactual", ["What if"]),
        ("If only I had listened.", "counterfactual", ["If only"]),
        ("I should have seen it coming.", "counterfactual", ["should have seen"]),
        ("Should've called.", "counterfactual", ["Should've called"]),
        ("I wish I had fought harder.", "counterfactual", ["wish I had"]),
        ("Over and over, again and again.", "replay", ["Over and over", "again and again"]),
        ("I can't stop thinking about it.", "replay", ["can't stop thinking"]),
        ("Does she miss me?", "question", ["Does she miss me?"]),
        ("I accept that it is over.", "release", ["accept"]),
    ],
)
def test_cues_that_count(text, component, match):
    assert counted(text, component) == match


def test_plans_are_not_regrets():
    assert counted("I should have the report done by Friday.", "counterfactual") == []


def test_question_rate_does_not_double_count_why():
    assert counted("Why did she go?", "question") == []


def test_release_subcomponents():
    ex = explain("I blocked his number and I'm proud of myself. Tomorrow I start therapy.")
    rel = ex[ex.component == "release"]
    assert set(rel["detail"]) == {"boundaries", "self_compassion", "future", "choosing_self"}


def test_people_names_and_pronouns_count_only_in_a_looping_passage():
    text = "Sam's jacket is still here. I keep thinking about sam and why he left."
    ex = explain(text, people=["Sam"])
    assert ex.loc[ex.component == "about_them", "match"].tolist() == ["sam"]
    assert counted("Sam called. He was nice.", "about_them", people=["Sam"]) == []


@pytest.mark.parametrize("bad", [3, ["Sam", 4], {"a": 1}.keys().__class__])
def test_people_must_be_names(bad):
    with pytest.raises(TypeError, match="`people` must"):
        explain("text", people=bad)


def test_absolutist_lexicon_is_exactly_the_canonical_19():
    lex = load_lexicon()
    assert lex.absolutist == CANONICAL_19
    assert not lex.absolutist & lex.absolutist_ext


def test_lexicon_files_carry_the_version():
    folder = resources.files("reflection_kit.text") / "lexicons"
    assert (folder / "VERSION").read_text().strip() == LEXICON_VERSION
    for f in folder.iterdir():
        if f.name != "VERSION" and f.is_file():
            head = f.read_text(encoding="utf-8").splitlines()[0]
            assert head.startswith("# lexicon: ") and f"version: {LEXICON_VERSION}" in head, f.name
    assert explain("I").attrs["lexicon_version"] == LEXICON_VERSION


def test_patterns_must_be_lower_case():
    with pytest.raises(ValueError, match="capital letters"):
        _check_lower(r"\bWhy\b", "why_patterns.txt")
    assert _check_lower(r"\bwhy\W+\S", "x") == r"\bwhy\W+\S"


def test_empty_and_non_english_explain_is_empty_with_a_note():
    assert explain("").empty and explain("").attrs["note"] == "no text"
    ru = explain("Почему он ушёл? Я всё время думаю об этом.")
    assert ru.empty and "not English" in ru.attrs["note"]
