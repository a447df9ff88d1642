"""Mood by day and what goes with better days: the numbers, the n, the words."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from reflection_kit.metrics.mood import MOOD_WORDS, daily_mood, mood_by_activity, mood_scale

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
CAUSAL = re.compile(r"\b(helps?|helped|improves?|causes?|caused|because|leads? to|makes?)\b")


def _entries(moods, activities=None, start="2025-03-03", dates=None):
    dates = dates if dates is not None else pd.date_range(start, periods=len(moods))
    frame = pd.DataFrame({"date": pd.to_datetime(dates), "mood": moods})
    if activities is not None:
        frame["activities"] = activities
    return frame


def test_daily_mood_means_each_day_and_leaves_gaps_empty():
    entries = _entries(
        [2.0, 4.0, None, 5.0],
        [["work"], ["Sport", "work"], ["cooking"], []],
        dates=["2025-03-03", "2025-03-03", "2025-03-04", "2025-03-06"],
    )
    before = entries.copy(deep=True)
    days = daily_mood(entries)
    pd.testing.assert_frame_equal(entries, before)  # the input is untouched
    assert list(days.index.strftime("%d")) == ["03", "04", "05", "06"]
    assert days["mood"].tolist()[0] == 3.0 and days["mood"].iloc[3] == 5.0
    assert days["mood"].iloc[1:3].isna().all()  # no mood and no entry: nothing filled in
    assert days["mood_entries"].tolist() == [2, 0, 0, 1]
    assert days["activities"].iloc[0] == ["work", "Sport"]  # once per day, as written
    assert days["activities"].iloc[1] == ["cooking"]


def test_daily_mood_reads_a_daily_frame_and_tags():
    index = pd.date_range("2025-03-03", periods=3, name="date")
    days = daily_mood(pd.DataFrame({"mood": [1, np.nan, 3]}, index=index))
    assert days["mood"].iloc[[0, 2]].tolist() == [1.0, 3.0]
    assert days["mood_entries"].tolist() == [1, 0, 1]
    tagged = _entries([3, 4])
    tagged["tags"] = [["walk"], "walk|tea"]  # lists or delimited strings
    assert daily_mood(tagged)["activities"].tolist() == [["walk"], ["walk", "tea"]]


def test_daily_mood_without_any_mood_says_why():
    frame = pd.DataFrame({"date": pd.date_range("2025-03-03", periods=3), "text": ["a"] * 3})
    days = daily_mood(frame)
    assert len(days) == 3 and days["mood"].isna().all()
    assert "no `mood` column" in days.attrs["note"]
    assert "no entry" in daily_mood(_entries([None, None])).attrs["note"]
    assert len(daily_mood(_entries([]))) == 0


def test_daily_mood_refuses_what_is_not_a_frame():
    with pytest.raises(TypeError, match="`data` must be a pandas DataFrame, got list"):
        daily_mood([1, 2])


def test_sample_daylio_moods(daylio):
    days = daily_mood(daylio)
    assert len(days) == 112 and int(days["mood"].notna().sum()) == 87
    assert days["mood"].dropna().between(1, 5).all()
    assert mood_scale(daylio) == {1.0: "awful", 2.0: "bad", 3.0: "meh", 4.0: "good", 5.0: "rad"}


def test_mood_scale_uses_the_persons_labels_and_other_ranges():
    labelled = pd.DataFrame(
        {"mood": [1.0, 5.0, 5.0, 5.0], "mood_label": ["low", "top", "top", "x"]}
    )
    scale = mood_scale(labelled)
    assert scale[1.0] == "low" and scale[5.0] == "top" and scale[3.0] == MOOD_WORDS[3]
    ten = mood_scale(pd.DataFrame({"mood": [0.0, 7.0, 10.0]}))
    assert list(ten) == [float(v) for v in range(11)]
    assert ten[0.0] == "0 (lowest)" and ten[10.0] == "10 (highest)" and ten[5.0] == "5"


def test_mood_by_activity_means_n_and_welch_interval():
    rng = np.random.default_rng(5)
    walk = np.array([True] * 8 + [False] * 10)
    moods = np.where(walk, rng.integers(3, 6, 18), rng.integers(1, 4, 18)).astype(float)
    acts = [["walk"] if w else ["work"] for w in walk]
    table = mood_by_activity(_entries(moods, acts))
    row = table.set_index("activity").loc["walk"]
    a, b = moods[walk], moods[~walk]
    assert (row["days with"], row["days without"]) == (8, 10)
    assert row["mood with"] == pytest.approx(a.mean())
    assert row["mood without"] == pytest.approx(b.mean())
    assert row["difference"] == pytest.approx(a.mean() - b.mean())
    # the Welch interval of scipy's own test
    ci = stats.ttest_ind(a, b, equal_var=False).confidence_interval(0.95)
    assert (row["low"], row["high"]) == pytest.approx((ci.low, ci.high))
    assert row["reading"].startswith("went with better days (mood +")
    assert table["activity"].tolist() == ["walk", "work"]  # better days first
    assert table.set_index("activity").loc["work", "reading"].startswith("went with harder days")
    assert table.attrs["days"] == 18 and table.attrs["min_days"] == 5


def test_activities_below_the_minimum_are_not_compared():
    acts = [["rare"]] * 3 + [["often"]] * 12
    moods = [5.0, 4.0, 5.0] + [3.0, 2.0] * 6
    table = mood_by_activity(_entries(moods, acts))
    assert len(table) == 0  # rare: 3 days with it; often: only 3 days without it
    assert table.attrs["too_few"] == {"rare": 3, "often": 12}  # often: only 3 days without
    assert "Not compared (too few days): rare (3 days), often (12 days)." in table.attrs["note"]
    kept = mood_by_activity(_entries(moods, acts), keep_few=True)
    assert kept["reading"].str.startswith("too few days to compare").all()
    assert kept["difference"].isna().all() and kept["days with"].tolist() == [12, 3]
    loose = mood_by_activity(_entries(moods, acts), min_days=3)
    assert set(loose["activity"]) == {"rare", "often"}


def test_same_mood_every_day_shows_no_difference():
    acts = [["walk"], []] * 6
    table = mood_by_activity(_entries([3.0] * 12, acts))
    row = table.iloc[0]
    assert (row["difference"], row["low"], row["high"]) == (0.0, 0.0, 0.0)
    assert row["reading"].startswith("no clear difference (mood 0.0 on average")


def test_coping_strategies_of_the_urge_log_are_compared_too(make_urges):
    days = pd.date_range("2025-03-03", periods=12)
    urges = make_urges(
        [
            (f"{d:%Y-%m-%d} 20:00", "check_social", False, 5, "", "urge_surfing, a walk")
            for d in days[:6]
        ]
    )
    moods = [4.0] * 6 + [2.0] * 6
    table = mood_by_activity(_entries(moods, [[]] * 12), urges=urges)
    assert set(table["kind"]) == {"coping strategy"}
    assert set(table["activity"]) == {"urge surfing", "a walk"}  # ours in words, theirs as is
    assert (table["days with"] == 6).all() and (table["days without"] == 6).all()
    assert (table["difference"] == 2.0).all()


def test_no_mood_or_no_activity_gives_an_empty_table_with_a_note():
    empty = mood_by_activity(pd.DataFrame({"date": pd.date_range("2025-03-03", periods=2)}))
    assert len(empty) == 0 and "no `mood` column" in empty.attrs["note"]
    assert list(empty.columns)[:3] == ["activity", "kind", "days with"]
    bare = mood_by_activity(_entries([3.0, 4.0]))
    assert len(bare) == 0 and "none lists an activity" in bare.attrs["note"]
    one = mood_by_activity(_entries([3.0], [["walk"]]))
    assert len(one) == 0 and one.attrs["too_few"] == {"walk": 1}


@pytest.mark.parametrize("bad", [1, 0, 2.5, True, "5"])
def test_min_days_must_be_a_whole_number_of_two_or_more(bad):
    with pytest.raises(ValueError, match="`min_days` must be a whole number of at least 2"):
        mood_by_activity(_entries([3.0]), min_days=bad)


def test_sample_words_are_associations_never_causes(daylio):
    import reflection_kit as rk

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        urges = rk.read_urges(SAMPLE / "urges.csv")
    table = mood_by_activity(daylio, urges=urges)
    assert len(table) >= 10 and (table[["days with", "days without"]] >= 5).all().all()
    assert table["difference"].is_monotonic_decreasing
    texts = [*table["reading"], table.attrs["note"].replace("not causes", "")]
    assert not [t for t in texts if CAUSAL.search(t)]
    assert "not causes" in table.attrs["note"]
    row = table.set_index("activity").loc["checked his IG"]
    assert row["high"] < 0 and row["reading"].startswith("went with harder days")
    assert (table["low"] <= table["difference"]).all()
    assert (table["difference"] <= table["high"]).all()


def _reference_activities(entries: pd.DataFrame) -> dict:
    """Each day's activities the plain way: a groupby union, first spelling kept."""
    out: dict = {}
    for day, acts in zip(entries["date"].dt.normalize(), entries["activities"], strict=True):
        seen = out.setdefault(day, {})
        for a in acts:
            seen.setdefault(a.casefold(), a)
    return {d: list(v.values()) for d, v in out.items()}


@settings(max_examples=60, derandomize=True, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 5),  # the day
            st.integers(0, 23),  # the hour
            st.lists(st.sampled_from(["walk", "Walk", "WALK", "tea", "work", "Tea"]), max_size=3),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_each_days_activities_are_their_union_in_entry_order(rows):
    dates = [pd.Timestamp("2025-03-03") + pd.Timedelta(days=d, hours=h) for d, h, _ in rows]
    entries = _entries([3.0] * len(rows), [list(a) for _, _, a in rows], dates=dates)
    days = daily_mood(entries)
    want = _reference_activities(entries)
    for day, acts in days["activities"].items():
        assert acts == want.get(day, []), day
    assert len(days) == (max(d for d, _, _ in rows) - min(d for d, _, _ in rows)) + 1
