"""time_to_lapse: Kaplan–Meier pinned to lifelines' numbers."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from reflection_kit.errors import DataQualityWarning, SchemaError
from reflection_kit.metrics import LapseCurve, streaks, time_to_lapse

REFERENCE = (
    Path(__file__).resolve().parents[1] / "data" / "metrics" / "lifelines_km_reference.json"
)


def _reference() -> dict:
    return json.loads(REFERENCE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", ["main", "not_reached", "all_ended"])
def test_matches_lifelines(case):
    ref = _reference()[case]
    frame = pd.DataFrame({"days": ref["durations"], "ended": ref["ended"]})
    curve = time_to_lapse(frame)
    table = curve.table
    assert table["time"].tolist() == ref["time"]
    assert table["at_risk"].tolist() == ref["at_risk"]
    assert table["events"].tolist() == ref["events"]
    assert table["censored"].tolist() == ref["censored"]
    np.testing.assert_allclose(table["survival"], ref["survival"], rtol=0, atol=1e-12)
    np.testing.assert_allclose(table["ci_lower"], ref["ci_lower"], rtol=0, atol=1e-12)
    np.testing.assert_allclose(table["ci_upper"], ref["ci_upper"], rtol=0, atol=1e-12)
    assert curve.median == ref["median"]
    assert list(curve.median_ci) == ref["median_ci"]
    assert curve.n == len(ref["durations"])
    assert curve.events == sum(ref["ended"])


def test_reference_figures_read_as_expected():
    ref = _reference()["main"]
    assert ref["median"] == 8.0 and ref["median_ci"] == [4.0, 17.0]
    nr = _reference()["not_reached"]
    assert math.isinf(nr["median"]) and math.isinf(nr["median_ci"][1])


def test_median_not_reached():
    curve = time_to_lapse(
        pd.DataFrame({"days": [2, 4, 4, 9], "ended": [True, False, False, False]})
    )
    assert not curve.median_defined and math.isinf(curve.median)
    assert "not reached" in curve.note


def test_fits_the_streaks_frame_as_it_is(make_urges):
    rows = []
    plan = "..x....x.x......x..."
    for i, c in enumerate(plan):
        day = (pd.Timestamp("2025-03-01") + pd.Timedelta(days=i)).strftime("%Y-%m-%d")
        rows.append((f"{day} 20:00", "check_social", c == "x"))
    s = streaks(make_urges(rows))
    assert s["days"].tolist() == [2, 4, 1, 6, 3]
    curve = time_to_lapse(s)
    assert isinstance(curve, LapseCurve)
    assert (curve.n, curve.events, curve.censored) == (5, 4, 1)
    assert curve.at_risk(0) == 5 and curve.at_risk(3) == 3 and curve.at_risk(7) == 0
    # lengths 1, 2, 4, 6 ended; the running 3 is censored
    assert curve.table["survival"].tolist() == pytest.approx([1.0, 0.8, 0.6, 0.6, 0.3, 0.0])
    assert curve.median == 4.0


def test_running_and_gap_ended_streaks_are_censored():
    s = pd.DataFrame(
        {
            "days": [3, 3, 5, 8],
            "ended": [True, True, True, False],
            "ended_by": ["slip", "gap", "slip", ""],
        }
    )
    curve = time_to_lapse(s)
    assert (curve.events, curve.censored) == (2, 2)
    row3 = curve.table.set_index("time").loc[3.0]
    assert (row3["at_risk"], row3["events"], row3["censored"]) == (4, 1, 1)
    assert row3["survival"] == pytest.approx(0.75)
    row5 = curve.table.set_index("time").loc[5.0]
    assert row5["survival"] == pytest.approx(0.75 * 0.5)


def test_survival_by_hand():
    s = pd.DataFrame({"days": [1, 2, 2, 3, 5], "ended": [True, True, False, True, False]})
    t = time_to_lapse(s).table
    assert t["time"].tolist() == [0.0, 1.0, 2.0, 3.0, 5.0]
    assert t["at_risk"].tolist() == [5, 5, 4, 2, 1]
    assert t["survival"].tolist() == pytest.approx([1.0, 0.8, 0.6, 0.3, 0.3])
    assert (t["ci_lower"] <= t["survival"]).all() and (t["survival"] <= t["ci_upper"]).all()


def test_input_is_not_modified():
    s = pd.DataFrame({"days": [1, 2, 3], "ended": [True, False, True]})
    before = s.copy()
    time_to_lapse(s)
    pd.testing.assert_frame_equal(s, before)


def test_empty_streaks_give_an_empty_table_and_a_note(make_urges):
    with pytest.warns(DataQualityWarning):
        s = streaks(make_urges([]))
    with pytest.warns(DataQualityWarning, match="no streaks to measure"):
        curve = time_to_lapse(s)
    assert len(curve.table) == 0
    assert list(curve.table.columns) == [
        "time",
        "at_risk",
        "events",
        "censored",
        "survival",
        "ci_lower",
        "ci_upper",
    ]
    assert curve.n == 0 and math.isnan(curve.median) and "no streaks" in curve.note
    assert curve.at_risk(3) == 0


def test_missing_columns_and_bad_durations():
    with pytest.raises(SchemaError, match=r"missing column\(s\) \['ended'\]") as info:
        time_to_lapse(pd.DataFrame({"days": [1, 2]}))
    assert info.value.columns == ["ended"]
    with pytest.raises(ValueError, match="`days` must hold non-negative streak lengths"):
        time_to_lapse(pd.DataFrame({"days": [1, -2], "ended": [True, True]}))
    with pytest.raises(ValueError, match="non-negative"):
        time_to_lapse(pd.DataFrame({"days": [1, None], "ended": [True, True]}))
    with pytest.raises(SchemaError, match="expected a streaks frame"):
        time_to_lapse([1, 2, 3])
    with pytest.raises(ValueError, match="`confidence` must be between 0 and 1"):
        time_to_lapse(pd.DataFrame({"days": [1], "ended": [True]}), confidence=95)


def test_other_column_names_and_confidence():
    s = pd.DataFrame({"length": [1, 2, 3, 4], "lapsed": [True, True, False, True]})
    narrow = time_to_lapse(s, duration="length", event="lapsed", confidence=0.5).table
    wide = time_to_lapse(s, duration="length", event="lapsed").table
    inner = narrow["ci_upper"] - narrow["ci_lower"]
    outer = wide["ci_upper"] - wide["ci_lower"]
    assert (inner <= outer + 1e-12).all() and (inner < outer).any()
