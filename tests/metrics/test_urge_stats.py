"""rk.urge_stats and wilson_interval."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from reflection_kit.errors import DataQualityWarning, SchemaError
from reflection_kit.frames import URGE_KINDS
from reflection_kit.metrics import UrgeStats, urge_stats, wilson_interval


@pytest.fixture
def urges(make_urges):
    # Mon 3 .. Mon 10 March 2025; nothing logged on the 5th, 8th and 9th
    rows = [
        ("2025-03-03 21:00", "check_social", True, 7, "Bored", "breathing"),
        ("2025-03-03 08:00", "check_social", False, 4, "bored ", "Breathing"),
        ("2025-03-03 13:00", "reach_out", False, 6, "saw a photo", "movement"),
        ("2025-03-04 22:30", "check_social", False, None, "evening", "urge surfing"),
        ("2025-03-04 07:15", "reread", True, 2, "", ""),
        ("2025-03-06 23:45", "reach_out", False, 8, "evening", "connection; movement"),
        ("2025-03-07 09:00", "fantasize", None, 5, "evening", "journaling"),
        ("2025-03-10 12:00", "check_social", False, 3, "bored", "movement"),
    ]
    return make_urges(rows)


def test_returns_a_dataclass_of_frames(urges):
    st = urge_stats(urges)
    assert isinstance(st, UrgeStats)
    for name in ("per_day", "per_week", "overall", "intensity", "resisted", "hour_weekday"):
        assert isinstance(getattr(st, name), pd.DataFrame)
    assert st.urges == 8 and st.note == ""
    assert (st.start, st.end) == (pd.Timestamp("2025-03-03"), pd.Timestamp("2025-03-10"))


def test_input_is_not_modified(urges):
    before = urges.copy(deep=True)
    urge_stats(urges, by="kind", day_starts=4)
    urge_stats(urges, by="trigger")
    pd.testing.assert_frame_equal(urges, before)


def test_per_day_marks_unlogged_days_instead_of_zero(urges):
    per_day = urge_stats(urges).per_day
    assert per_day.index.name == "date" and len(per_day) == 8
    assert per_day["logged"].tolist() == [True, True, False, True, True, False, False, True]
    assert per_day.loc["2025-03-05", "urges"] is pd.NA
    assert per_day.loc["2025-03-05", "check_social"] is pd.NA
    assert per_day.loc["2025-03-03", "urges"] == 3
    assert per_day.loc["2025-03-03", "check_social"] == 2
    assert per_day.loc["2025-03-03", "reread"] == 0  # a logged day: a real zero
    assert per_day.loc["2025-03-03", "acted"] == 1 and per_day.loc["2025-03-03", "resisted"] == 2
    assert list(per_day.columns) == ["logged", "urges", *URGE_KINDS, "acted", "resisted"]
    assert str(per_day["urges"].dtype) == "Int64"


def test_per_week_and_overall(urges):
    st = urge_stats(urges)
    week = st.per_week
    assert week["week"].tolist() == ["2025-W10", "2025-W11"]
    assert week["days"].tolist() == [7, 1]
    assert week["logged_days"].tolist() == [4, 1]
    assert week["urges"].tolist() == [7, 1]
    assert week["check_social"].tolist() == [3, 1]
    assert np.allclose(week["urges_per_logged_day"], [7 / 4, 1.0])
    overall = st.overall.set_index("kind")
    assert overall.loc["all", "urges"] == 8
    assert overall.loc["check_social", "urges"] == 4
    assert overall.loc["check_social", "share"] == 0.5
    assert overall.loc["all", "logged_days"] == 5 and overall.loc["all", "days_in_range"] == 8
    assert overall.loc["all", "per_logged_day"] == 8 / 5


def test_intensity_mean_and_first_urge_of_the_day(urges):
    st = urge_stats(urges)
    row = st.intensity.iloc[0]
    assert row["group"] == "all"
    assert row["n"] == 7
    assert row["mean"] == pytest.approx((7 + 4 + 6 + 2 + 8 + 5 + 3) / 7)
    # first urges (by wall clock, not row order): 08:00 (4), 07:15 (2), 23:45 (8),
    # 09:00 (5), 12:00 (3)
    assert row["first_urge_n"] == 5
    assert row["first_urge_mean"] == pytest.approx((4 + 2 + 8 + 5 + 3) / 5)


def test_first_urge_with_day_starts(urges):
    # with the day starting at 23:00, the 23:45 urge of the 6th opens the 6th's day
    # and the 09:00 urge of the 7th belongs to it too
    row = urge_stats(urges, day_starts=23).intensity.iloc[0]
    assert row["first_urge_n"] == 4
    assert row["first_urge_mean"] == pytest.approx((4 + 2 + 8 + 3) / 4)


def test_first_urge_without_intensity_is_not_counted(make_urges):
    urges = make_urges(
        [
            ("2025-03-03 07:00", "check_social", False, None),
            ("2025-03-03 09:00", "check_social", False, 9),
        ]
    )
    row = urge_stats(urges).intensity.iloc[0]
    assert (row["n"], row["mean"], row["first_urge_n"]) == (1, 9.0, 0)
    assert np.isnan(row["first_urge_mean"])


def test_resisted_rate_with_wilson_interval(urges):
    res = urge_stats(urges).resisted.iloc[0]
    assert (res["resisted"], res["acted"], res["unknown"], res["n"]) == (5, 2, 1, 7)
    assert res["rate"] == pytest.approx(5 / 7)
    low, high = wilson_interval(5, 7)
    assert (res["ci_low"], res["ci_high"]) == pytest.approx((low, high))


def test_by_kind_month_week_weekday_and_column(urges):
    by_kind = urge_stats(urges, by="kind").resisted.set_index("kind")
    assert list(by_kind.index) == ["reach_out", "check_social", "reread", "fantasize"]
    assert by_kind.loc["check_social", ["resisted", "acted"]].tolist() == [3, 1]
    assert by_kind.loc["fantasize", "n"] == 0 and np.isnan(by_kind.loc["fantasize", "rate"])
    by_week = urge_stats(urges, by="week").resisted
    assert by_week["week"].tolist() == ["2025-W10", "2025-W11"]
    assert by_week["n"].tolist() == [6, 1]
    by_month = urge_stats(urges, by="month").intensity
    assert by_month["month"].tolist() == ["2025-03"]
    by_weekday = urge_stats(urges, by="weekday").resisted.set_index("weekday")
    assert by_weekday.loc["Mon", "n"] == 4
    by_trigger = urge_stats(urges, by="trigger").resisted
    assert "trigger" in by_trigger.columns


def test_unknown_by_is_refused(urges):
    with pytest.raises(ValueError, match="`by` must be None, 'kind', one of 'week'"):
        urge_stats(urges, by="fortnight")


def test_hour_weekday_in_local_time(make_urges):
    rows = [
        ("2025-03-03 23:30", "check_social", True, None, "", "", "America/New_York"),
        ("2025-03-04 23:30", "check_social", True, None, "", "", "Europe/Berlin"),
        ("2025-03-08 01:30", "check_social", True, None, "", "", "Europe/Berlin"),
    ]
    table = urge_stats(make_urges(rows)).hour_weekday
    assert table.shape == (24, 7) and list(table.columns) == [
        "Mon",
        "Tue",
        "Wed",
        "Thu",
        "Fri",
        "Sat",
        "Sun",
    ]
    assert table.loc[23, "Mon"] == 1 and table.loc[23, "Tue"] == 1
    assert table.loc[1, "Sat"] == 1
    # with the day starting at 04:00, 01:30 on Saturday belongs to Friday's day
    table4 = urge_stats(make_urges(rows), day_starts=4).hour_weekday
    assert table4.loc[1, "Fri"] == 1 and table4.loc[1, "Sat"] == 0
    assert table.to_numpy().sum() == 3


def test_triggers_ranked_with_n(urges):
    tr = urge_stats(urges).triggers
    assert tr["trigger"].tolist() == ["bored", "evening", "saw a photo"]
    assert tr["n"].tolist() == [3, 3, 1]
    assert tr["rank"].tolist() == [1, 1, 3]
    assert tr["share"].sum() == pytest.approx(1.0)
    bored = tr.set_index("trigger").loc["bored"]
    assert (bored["resisted"], bored["acted"]) == (2, 1)


def test_coping_effectiveness_and_min_n(urges):
    cp = urge_stats(urges).coping.set_index("coping")
    assert set(cp.index) == {
        "breathing",
        "movement",
        "urge_surfing",
        "connection",
        "journaling",
    }
    assert cp.loc["movement", "uses"] == 3 and cp.loc["movement", "n"] == 3
    assert cp.loc["breathing", ["resisted", "acted"]].tolist() == [1, 1]
    assert cp.loc["journaling", "uses"] == 1 and cp.loc["journaling", "n"] == 0
    # fewer than 5 uses: listed, never ranked
    assert not cp["ranked"].any() and cp["rank"].isna().all()
    ranked = urge_stats(urges, min_n=2).coping
    assert ranked["ranked"].tolist()[:2] == [True, True]
    assert ranked["coping"].tolist()[:2] == ["movement", "breathing"]
    assert ranked["rank"].tolist()[:2] == [1, 2]
    assert ranked["rank"].iloc[2:].isna().all()
    low, high = wilson_interval(3, 3)
    mv = ranked.set_index("coping").loc["movement"]
    assert (mv["ci_low"], mv["ci_high"]) == pytest.approx((low, high))


def test_coping_min_n_counts_known_outcomes(make_urges):
    rows = [
        (f"2025-03-{d:02d} 10:00", "check_social", d % 3 == 0, 5, "", "breathing")
        for d in range(1, 7)
    ]
    rows += [
        (f"2025-03-{d:02d} 11:00", "check_social", None, 5, "", "distraction") for d in range(1, 9)
    ]
    cp = urge_stats(make_urges(rows)).coping.set_index("coping")
    assert bool(cp.loc["breathing", "ranked"]) and cp.loc["breathing", "rank"] == 1
    assert cp.loc["distraction", "uses"] == 8 and not cp.loc["distraction", "ranked"]


@pytest.mark.parametrize("bad", [0, -3, 2.5, True])
def test_min_n_is_checked(urges, bad):
    with pytest.raises(ValueError, match="`min_n` must be a whole number"):
        urge_stats(urges, min_n=bad)


def test_range_and_start_after_end(urges):
    st = urge_stats(urges, start="2025-03-04", end="2025-03-06")
    assert len(st.per_day) == 3 and st.urges == 3
    assert urge_stats(urges, start="2025-03-01").per_day["logged"].tolist()[:2] == [False, False]
    with pytest.raises(ValueError, match="is after `end`"):
        urge_stats(urges, start="2025-03-06", end="2025-03-04")


def test_checkin_rows_are_left_out_with_a_note(urges, make_checkins):
    ci = make_checkins(
        [("2025-03-05", "check_social", "NO"), ("2025-03-06", "check_social", "YES")]
    )
    st = urge_stats(pd.concat([urges, ci], ignore_index=True))
    assert st.urges == 8
    assert "2 daily check-in row(s) were left out" in st.note
    assert (
        st.per_day.loc["2025-03-05", "logged"] is np.False_
        or not st.per_day.loc["2025-03-05", "logged"]
    )


def test_time_unknown_rows_count_but_have_no_hour(urges):
    frame = urges.assign(time_known=[True] * 7 + [False])
    st = urge_stats(frame)
    assert st.urges == 8
    assert st.hour_weekday.to_numpy().sum() == 7


@pytest.mark.parametrize("missing", [["acted"], ["kind"]])
def test_missing_columns_are_named(urges, missing):
    with pytest.raises(SchemaError, match="missing required column") as info:
        urge_stats(urges.drop(columns=missing))
    assert info.value.columns == missing


def test_optional_columns_may_be_absent(urges):
    st = urge_stats(urges.drop(columns=["intensity", "trigger", "coping"]))
    assert st.intensity.iloc[0]["n"] == 0
    assert len(st.triggers) == 0 and len(st.coping) == 0


def test_bad_kind_values(urges):
    bad = urges.assign(kind=urges["kind"].astype(str).replace("reread", "doomscroll"))
    with pytest.raises(SchemaError, match="Allowed kinds: reach_out, check_social"):
        urge_stats(bad)


def test_empty_frame_gives_empty_frames_and_a_note(make_urges):
    with pytest.warns(DataQualityWarning, match="no urges to measure"):
        st = urge_stats(make_urges([]))
    assert "no urges to measure" in st.note
    for name in ("per_day", "per_week", "overall", "intensity", "resisted", "triggers", "coping"):
        frame = getattr(st, name)
        assert len(frame) == 0, name
        assert len(frame.columns) > 0, name
    assert st.hour_weekday.to_numpy().sum() == 0
    assert st.urges == 0 and st.start is None


def test_range_without_urges_is_empty_too(urges):
    with pytest.warns(DataQualityWarning, match="no urges to measure"):
        st = urge_stats(urges, start="2025-04-01", end="2025-04-30")
    assert st.urges == 0 and len(st.resisted) == 0


# --------------------------------------------------------------------- wilson_interval


@pytest.mark.parametrize(
    ("k", "n", "low", "high"),
    [
        # Wilson (1927) score intervals; the same figures as statsmodels'
        # proportion_confint(method="wilson") and scipy's binomtest(...).proportion_ci
        (8, 10, 0.4901624715, 0.9433178485),
        (0, 10, 0.0, 0.2775327999),
        (10, 10, 0.7224672001, 1.0),
        (1, 2, 0.0945312057, 0.9054687943),
        (37, 80, 0.3574799356, 0.5709564241),
    ],
)
def test_wilson_known_values(k, n, low, high):
    got = wilson_interval(k, n)
    assert got == pytest.approx((low, high), abs=1e-9)


def test_wilson_matches_scipy():
    stats = pytest.importorskip("scipy.stats")
    for k, n in [(3, 7), (12, 40), (99, 100), (1, 1)]:
        ci = stats.binomtest(k, n).proportion_ci(confidence_level=0.9, method="wilson")
        assert wilson_interval(k, n, confidence=0.9) == pytest.approx((ci.low, ci.high))


def test_wilson_arrays_and_zero_n():
    low, high = wilson_interval(np.array([0, 5]), np.array([0, 10]))
    assert np.isnan(low[0]) and np.isnan(high[0])
    assert (low[1], high[1]) == pytest.approx(wilson_interval(5, 10))


@pytest.mark.parametrize(("k", "n", "conf"), [(5, 3, 0.95), (-1, 3, 0.95), (1, 3, 1.0), (1, 3, 0)])
def test_wilson_bad_input(k, n, conf):
    with pytest.raises(ValueError, match=r"`k` must be between 0 and `n`|`confidence` must be"):
        wilson_interval(k, n, confidence=conf)
