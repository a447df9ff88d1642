"""The rumination index specification: one definition that every layer reads."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources

import numpy as np
import pandas as pd
import pytest

import reflection_kit as rk
from reflection_kit.text._lexicon import load_lexicon
from reflection_kit.text.index_spec import INDEX_FILE, index_spec, parse_index_spec
from reflection_kit.text.markers import CUE_COMPONENTS
from reflection_kit.text.score import SCORE_COLUMNS

TEXTS = [
    "Why did he leave? Was it me? I keep replaying the last night over and over.",
    "If only I had called. What was I supposed to say? We used to talk every day.",
    "Went for a walk with my sister. I accept that it is over and I feel lighter.",
]


def _file_text() -> str:
    return (resources.files("reflection_kit.text") / "lexicons" / INDEX_FILE).read_text()


def test_spec_holds_every_row_of_the_file_and_the_scorer_uses_it():
    spec = index_spec()
    rows = [
        ln.split(",")[0]
        for ln in _file_text().splitlines()
        if ln and not ln.startswith("#") and not ln.startswith("component,")
    ]
    assert [*spec.columns, "threshold"] == rows
    assert spec.version == rk.LEXICON_VERSION == "2.0"
    assert spec.weights == load_lexicon().weights and spec.threshold == load_lexicon().threshold
    assert set(spec.columns) <= set(SCORE_COLUMNS)
    markers = {c.marker for c in spec.components if c.marker}
    assert markers <= set(CUE_COMPONENTS) | {"about_them", "all_or_nothing", "tone"}
    assert all(c.label and c.label != c.column for c in spec.components)
    assert spec.component("loop_about_them").weight == 2.0


def test_index_is_the_sum_of_the_parts(journal_of):
    s = rk.score_entries(journal_of(TEXTS), cache=False, baseline=None)
    spec = index_spec()
    np.testing.assert_array_equal(s["rumination"].to_numpy(), spec.index(s).to_numpy())
    np.testing.assert_array_equal(spec.parts(s).sum(axis=1), s["rumination"])
    assert s.attrs["threshold"] == spec.threshold


def test_daily_keeps_every_component(journal_of):
    """The drift of issue 13: daily dropped question_rate (weight 1.5)."""
    panel = rk.daily(rk.score_entries(journal_of(TEXTS), cache=False, baseline=None))
    missing = [c for c in index_spec().columns if c not in panel.columns]
    assert missing == []
    assert panel["question_rate"].notna().all()
    np.testing.assert_array_equal(index_spec().parts(panel).sum(axis=1), panel["rumination"])


def test_missing_values_follow_each_rule():
    spec = index_spec()
    frame = pd.DataFrame({c: [np.nan] for c in spec.columns})
    parts = spec.parts(frame).iloc[0]
    assert parts["retelling"] == 0 and parts["loop_tone"] == 0
    assert np.isnan(parts["loop_why"]) and np.isnan(spec.index(frame).iloc[0])
    with pytest.raises(KeyError, match="no column"):
        spec.parts(frame.drop(columns=["loop_questions"]))
    with pytest.raises(KeyError, match="not a component"):
        spec.component("sadness")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("why_rate,two,1,NA,why,per sentence,why,x", "row 1 .*must be numbers"),
        ("why_rate,inf,1,NA,why,per sentence,why,x", "row 1 .*finite"),
        ("why_rate,2,1,maybe,why,per sentence,why,x", "row 1 .*`missing` must be NA or 0"),
        ("why_rate,2,1,NA,why,per day,why,x", "row 1 .*`unit`"),
    ],
)
def test_bad_rows_are_located(row, message):
    head = "component,weight,cap,missing,marker,unit,label,note\n"
    with pytest.raises(ValueError, match=f"custom.csv {message}"):
        parse_index_spec(head + row + "\nthreshold,1.0,0,,,,,\n", "custom.csv")
    with pytest.raises(ValueError, match="no `threshold` row"):
        parse_index_spec(head, "custom.csv")


def test_importing_the_spec_loads_no_tone_model():
    code = (
        "import sys\n"
        "import reflection_kit.metrics, reflection_kit.plots.time\n"
        "from reflection_kit.text.index_spec import index_spec\n"
        "index_spec()\n"
        "print(sorted(m for m in ('vaderSentiment', 'nltk', 'reflection_kit.text.score')"
        " if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
