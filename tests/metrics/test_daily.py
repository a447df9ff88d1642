"""The daily panel and its weekly summary."""

import numpy as np
import pandas as pd
import pytest

import reflection_kit as rk
from reflection_kit.frames import empty_journal


def _journal(rows):
    base = empty_journal()
    df = pd.DataFrame(rows)
    df["local_time"] = pd.to_datetime(df["local_time"]).astype("datetime64[us]")
    df["timestamp"] = df["local_time"].dt.tz_localize("UTC")
    df["date"] = df["local_time"].dt.normalize()
    for col in base.columns:
        if col not in df.columns:
            df[col] = base[col].reindex(range(len(df))).to_numpy() if len(df) else base[col]
    df["text"] = df["text"].astype(str)
    return df


@pytest.fixture
def urges(make_urges):
    return make_urges(
        [
            ("2025-03-03 21:00", "check_social", True),
            ("2025-03-03 22:00", "reach_out", False),
            ("2025-03-05 01:30", "check_social", False),
            ("2025-03-06 12:00", "reread", None),
        ]
    )


def test_every_day_present_and_counts(urges):
    panel = rk.daily(urges=urges)
    assert list(panel.index) == list(pd.date_range("2025-03-03", "2025-03-06", name="date"))
    assert panel["urges"].tolist() == [2, 0, 1, 1]
    assert panel["acted"].tolist() == [1, 0, 0, 0]
    assert panel["resisted"].tolist() == [1, 0, 1, 0]
    assert panel["logged"].tolist() == [True, False, True, True]
    assert panel["social_status"].tolist() == ["checked", "clean", "clean", "clean"]
    assert panel["checked_social"].tolist() == [True, False, False, False]


def test_unknown_policy_never_imputes(urges):
    panel = rk.daily(urges=urges, unlogged="unknown")
    assert panel.loc["2025-03-04", "urges"] is pd.NA
    assert panel.loc["2025-03-04", "social_status"] == "unknown"
    assert panel["checked_social"].isna().tolist() == [False, True, False, False]


def test_day_starts_moves_small_hours_back(urges):
    panel = rk.daily(urges=urges, day_starts=4)
    assert panel.loc["2025-03-04", "urges"] == 1  # the 01:30 urge of the 5th
    assert panel.loc["2025-03-05", "urges"] == 0


def test_journal_part_and_range(urges):
    journal = _journal(
        [
            {"local_time": "2025-03-02 09:00", "text": "one two three", "rumination": 1.0},
            {"local_time": "2025-03-02 20:00", "text": "four five", "rumination": 3.0},
        ]
    )
    panel = rk.daily(journal, urges)
    assert panel.index[0] == pd.Timestamp("2025-03-02")
    assert panel.loc["2025-03-02", "entries"] == 2
    assert panel.loc["2025-03-02", "words"] == 5
    assert panel.loc["2025-03-02", "rumination"] == 2.0
    assert np.isnan(panel.loc["2025-03-03", "rumination"])
    assert panel.loc["2025-03-03", "entries"] == 0
    sub = rk.daily(journal, urges, start="2025-03-03", end="2025-03-04")
    assert len(sub) == 2


def test_bad_arguments(urges):
    with pytest.raises(ValueError, match=r"`start` \(2025-03-05\) is after `end`"):
        rk.daily(urges=urges, start="2025-03-05", end="2025-03-01")
    with pytest.raises(ValueError, match="`day_starts` must be an hour"):
        rk.daily(urges=urges, day_starts=25)
    with pytest.raises(ValueError, match="`unlogged` must be"):
        rk.daily(urges=urges, unlogged="zero")
    with pytest.raises(rk.SchemaError, match=r"missing required column\(s\) \['acted'\]"):
        rk.daily(urges=urges.drop(columns=["acted"]))


def test_empty_inputs_give_empty_panel():
    panel = rk.daily()
    assert len(panel) == 0 and panel.index.name == "date"


def test_weekly_has_n(urges):
    week = rk.weekly(rk.daily(urges=urges))
    row = week.iloc[0]
    assert row["days"] == 4 and row["urges"] == 4
    assert row["n_outcomes"] == 3
    assert row["resisted_rate"] == pytest.approx(2 / 3)
    assert row["clean_days"] == 3


def test_sample_panel(in_root):
    urges = rk.read_urges("data/sample/urges.csv")
    panel = rk.daily(urges=urges)
    assert len(panel) == 112
    week = rk.weekly(panel)
    assert week["share_clean"].iloc[-4:].mean() > week["share_clean"].iloc[:4].mean()
