"""score_entries: the component rates, the two rumination forms, release, flags."""

from __future__ import annotations

import csv
import io
from importlib import resources

import numpy as np
import pandas as pd
import pytest

from reflection_kit import DataQualityWarning, SchemaError
from reflection_kit.text import LEXICON_VERSION, explain, score_entries
from reflection_kit.text import score as score_mod
from reflection_kit.text.index_spec import index_spec
from reflection_kit.text.score import SCORE_COLUMNS

RUMINATIVE = (
    "Why did he leave like that? I keep replaying the last night over and over. "
    "If only I had said something. I should have seen it coming."
)
RELEASED = (
    "I went for a walk with my friends and felt lighter. I accept that it is over. "
    "Tomorrow I start my pottery class and I'm proud of myself."
)


def test_columns_dtypes_and_attrs(journal_of):
    j = journal_of([RUMINATIVE, RELEASED])
    s = score_entries(j, cache=False)
    assert list(s.columns) == list(j.columns) + list(SCORE_COLUMNS)
    assert s["words"].dtype == "int64" and s["sentences"].dtype == "int64"
    assert str(s["language_ok"].dtype) == "boolean" and s["low_confidence"].dtype == bool
    assert s["lexicon_version"].tolist() == [LEXICON_VERSION] * 2
    assert s.attrs["lexicon_version"] == LEXICON_VERSION
    assert s.index.equals(j.index)
    pd.testing.assert_frame_equal(j, journal_of([RUMINATIVE, RELEASED]))  # input untouched


def test_explain_adds_up_to_the_index(journal_of):
    text = RUMINATIVE + " We used to be happy. Everything reminds me of Sam."
    s = score_entries(journal_of([text]), people=["Sam"], cache=False).iloc[0]
    ex = explain(text, people=["Sam"])
    assert ex["contribution"].sum() == s["rumination"] == ex.attrs["rumination"]
    for comp in index_spec().components:  # every per-passage component, from explain's rows
        if comp.marker:
            part = ex.loc[ex.component == comp.marker, "contribution"].sum()
            assert part == comp.weight * s[comp.column], comp.column


def test_rumination_is_the_documented_weighted_sum(journal_of):
    s = score_entries(journal_of([RUMINATIVE, RELEASED, "Nice walk."]), cache=False)
    text = (resources.files("reflection_kit.text") / "lexicons" / "index_weights.csv").read_text()
    rows = [
        r
        for r in csv.DictReader(
            io.StringIO("\n".join(ln for ln in text.splitlines() if not ln.startswith("#")))
        )
    ]
    total = 0
    for r in rows:
        if r["component"] == "threshold":
            assert s.attrs["threshold"] == float(r["weight"])
            continue
        col = s[r["component"]]
        if r["component"] in ("retelling", "tone"):
            col = col.fillna(0)
        total = total + float(r["weight"]) * col.clip(upper=float(r["cap"]))
    np.testing.assert_allclose(s["rumination"], total)


def test_ruminative_scores_higher_than_released(journal_of):
    s = score_entries(journal_of([RUMINATIVE, RELEASED]), cache=False)
    assert s["rumination"].iloc[0] > s.attrs["threshold"] > s["rumination"].iloc[1]
    assert s["release"].iloc[1] > s["release"].iloc[0]
    assert s["release_acceptance"].iloc[1] > 0 and s["release_future"].iloc[1] > 0


def test_low_confidence_under_50_words(journal_of):
    s = score_entries(journal_of(["word " * 49, "word " * 50]), cache=False)
    assert s["low_confidence"].tolist() == [True, False]


def test_retelling_compares_with_previous_entries(journal_of):
    story = "He told me at the station that he needed space and I walked home in the rain."
    other = "Planted tomatoes, fixed the shelf and baked bread with my sister this afternoon."
    s = score_entries(journal_of([story, story, other, story + " Again."]), cache=False)
    r = s["retelling"].tolist()
    assert np.isnan(r[0])
    assert r[1] == pytest.approx(1.0)
    assert r[2] < 0.3 < r[3]


def test_within_person_form_is_a_z_score_against_the_baseline(journal_of):
    texts = [RUMINATIVE] * 10 + ["Calm day, nice walk, early night."] * 10 + [RELEASED] * 20
    j = journal_of(texts)
    s = score_entries(j, baseline=20, cache=False)
    info = s.attrs["baseline"]
    base = s["rumination"].iloc[:20]
    assert info["entries"] == 20 and info["mean"] == pytest.approx(base.mean())
    assert info["sd"] == pytest.approx(max(base.std(ddof=1), score_mod.SD_FLOOR))
    expected = (s["rumination"] - info["mean"]) / info["sd"]
    np.testing.assert_allclose(s["rumination_within"], expected)
    assert s["rumination_within"].iloc[:20].mean() == pytest.approx(0.0, abs=1e-9)
    assert s["rumination_within"].iloc[-1] < 0

    s2 = score_entries(j, baseline=("2024-01-01", "2024-01-21"), cache=False)
    np.testing.assert_allclose(s2["rumination_within"], s["rumination_within"])
    s3 = score_entries(j, baseline=None, cache=False)
    assert s3["rumination_within"].mean() == pytest.approx(0.0, abs=1e-9)


def test_short_baseline_gives_na_and_a_warning(journal_of):
    j = journal_of([RUMINATIVE] * 8, every="7D")
    with pytest.warns(DataQualityWarning, match="baseline window holds 4 scored entries"):
        s = score_entries(j, baseline=28, cache=False)
    assert s["rumination_within"].isna().all()
    assert "needs at least 5" in s.attrs["baseline"]["note"]


@pytest.mark.parametrize(
    ("baseline", "error", "match"),
    [
        (0, ValueError, "positive number of days"),
        ("28", TypeError, "`baseline` must be"),
        (("2024-01-01", "not a date"), ValueError, "could not be read"),
        (True, TypeError, "`baseline` must be"),
    ],
)
def test_bad_baseline(journal_of, baseline, error, match):
    with pytest.raises(error, match=match):
        score_entries(journal_of(["a text"] * 6), baseline=baseline, cache=False)


@pytest.mark.parametrize("bad", [None, ["a"], pd.DataFrame({"body": ["x"]})])
def test_journal_must_be_a_frame_with_text(bad):
    with pytest.raises(SchemaError, match="`journal` must be a DataFrame with a `text` column"):
        score_entries(bad, cache=False)


def test_empty_journal(journal_of):
    s = score_entries(journal_of([]), cache=False)
    assert len(s) == 0 and list(s.columns)[-len(SCORE_COLUMNS) :] == list(SCORE_COLUMNS)


def test_people_change_ex_rate(journal_of):
    j = journal_of(["Saw Jordan at the market today, then went home for tea."])
    base = score_entries(j, cache=False)["ex_rate"].iloc[0]
    named = score_entries(j, people="Jordan", cache=False)["ex_rate"].iloc[0]
    assert base == 0 and named > 0


def test_parallel_and_serial_results_are_identical(journal_of, monkeypatch):
    texts = [RUMINATIVE, RELEASED, "Calm day.", RUMINATIVE + " Again.", "", "😊"] * 10
    j = journal_of(texts)
    serial = score_entries(j, cache=False)
    monkeypatch.setattr(score_mod, "_PARALLEL_CHARS", 0)
    monkeypatch.setenv("REFLECTION_KIT_WORKERS", "2")
    parallel = score_entries(j, cache=False)
    pd.testing.assert_frame_equal(serial, parallel)
