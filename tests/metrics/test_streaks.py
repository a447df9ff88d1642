"""rk.streaks and rk.streak_summary: policies, check-ins, grace, summary, bad input."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from reflection_kit.errors import DataQualityWarning, SchemaError
from reflection_kit.frames import URGE_KINDS
from reflection_kit.metrics import StreakSummary, streak_summary, streaks


def _dates(frame: pd.DataFrame, col: str) -> list[str]:
    return [d.strftime("%Y-%m-%d") for d in frame[col].dropna()]


def _log(make_urges, plan: str, first: str = "2025-03-03", kind: str = "check_social"):
    """One character per day: '.' logged and clean (a resisted urge), 'x' checked,
    '-' nothing logged, 'o' a logged urge of another kind, '?' outcome missing."""
    rows = []
    for i, c in enumerate(plan):
        day = (pd.Timestamp(first) + pd.Timedelta(days=i)).strftime("%Y-%m-%d")
        if c == ".":
            rows.append((f"{day} 20:00", kind, False))
        elif c == "x":
            rows.append((f"{day} 21:00", kind, True))
        elif c == "o":
            rows.append((f"{day} 20:00", "reread", True))
        elif c == "?":
            rows.append((f"{day} 20:00", kind, None))
    return make_urges(rows)


def _ended_by(frame: pd.DataFrame) -> list[str]:
    return [v if isinstance(v, str) else "" for v in frame["ended_by"]]


def _lengths(frame: pd.DataFrame) -> list[int]:
    return frame["days"].tolist()


# --------------------------------------------------------------------- basics


def test_columns_dtypes_and_running_streak(make_urges):
    s = streaks(_log(make_urges, "..x...x.."))
    assert list(s.columns) == [
        "start",
        "end",
        "days",
        "ended",
        "ended_by",
        "ended_on",
        "grace_used",
        "skipped_days",
        "open_start",
    ]
    assert str(s["start"].dtype) == "datetime64[us]"
    assert list(s["ended_by"].cat.categories) == ["slip", "gap"]
    assert s["days"].dtype == np.int64 and s["ended"].dtype == bool
    assert _lengths(s) == [2, 3, 2]
    assert s["ended"].tolist() == [True, True, False]
    assert _ended_by(s) == ["slip", "slip", ""]
    assert _dates(s, "ended_on") == ["2025-03-05", "2025-03-09"]
    assert s["open_start"].tolist() == [True, False, False]
    assert _dates(s, "start") == ["2025-03-03", "2025-03-06", "2025-03-10"]
    assert _dates(s, "end") == ["2025-03-04", "2025-03-08", "2025-03-11"]


def test_no_streak_running_when_the_last_day_is_a_check(make_urges):
    s = streaks(_log(make_urges, "...x"))
    assert s["ended"].tolist() == [True]
    summary = streak_summary(_log(make_urges, "...x"))
    assert summary.current == 0 and summary.current_start is None
    assert summary.longest == 3


def test_every_day_checked_gives_no_streak(make_urges):
    s = streaks(_log(make_urges, "xxx"))
    assert len(s) == 0
    summary = streak_summary(_log(make_urges, "xxx"))
    assert (summary.current, summary.longest, summary.clean_days) == (0, 0, 0)
    assert summary.longest_start is None


def test_input_is_not_modified(make_urges, make_checkins):
    urges = pd.concat(
        [_log(make_urges, ".x-?o.."), make_checkins([("2025-03-20", "check_social", "SKIP")])],
        ignore_index=True,
    )
    before = urges.copy(deep=True)
    streaks(urges, grace=1, day_starts=4, unlogged="skip")
    streak_summary(urges, unlogged="unknown")
    pd.testing.assert_frame_equal(urges, before)


# --------------------------------------------------------------------- kinds


def test_kind_selects_what_counts_as_a_check(make_urges):
    urges = make_urges(
        [
            ("2025-03-01 10:00", "check_social", False),
            ("2025-03-02 10:00", "reach_out", True),
            ("2025-03-03 10:00", "check_social", True),
            ("2025-03-04 10:00", "reread", True),
            ("2025-03-05 10:00", "check_social", False),
        ]
    )
    assert _dates(streaks(urges), "ended_on") == ["2025-03-03"]
    assert _dates(streaks(urges, kind="reach_out"), "ended_on") == ["2025-03-02"]
    both = streaks(urges, kind=["reach_out", "check_social"])
    assert _dates(both, "start") == ["2025-03-01", "2025-03-04"]
    anything = streaks(urges, kind="any")
    assert _dates(anything, "start") == ["2025-03-01", "2025-03-05"]
    checked = {
        str(k): streak_summary(urges, kind=k).checked_days
        for k in ("check_social", "reach_out", ("reach_out", "check_social"), "any")
    }
    assert list(checked.values()) == [1, 1, 2, 3]
    assert streak_summary(urges, kind=["reach_out", "check_social"]).kind == (
        "reach_out+check_social"
    )


@pytest.mark.parametrize("bad", ["check_insta", ["check_social", "stalking"], [], 3])
def test_unknown_kind_argument_lists_the_allowed_kinds(make_urges, bad):
    urges = _log(make_urges, "..")
    with pytest.raises(ValueError, match="reach_out, check_social, reread, fantasize, other"):
        streaks(urges, kind=bad)


def test_kind_values_outside_the_categories_raise_schema_error(make_urges):
    urges = _log(make_urges, "..").assign(kind=["check_social", "stalking"])
    with pytest.raises(SchemaError, match=r"\['stalking'\].*Allowed kinds: reach_out") as info:
        streaks(urges)
    assert info.value.columns == ["kind"]


def test_plain_string_kinds_are_accepted(make_urges):
    urges = _log(make_urges, ".x.")
    plain = urges.assign(kind=urges["kind"].astype(str), acted=urges["acted"].astype(object))
    pd.testing.assert_frame_equal(streaks(plain), streaks(urges))


# --------------------------------------------------------------------- unlogged policies


def test_unlogged_policies(make_urges):
    urges = _log(make_urges, "..--..x.")
    clean = streaks(urges, unlogged="clean")
    assert _lengths(clean) == [6, 1]
    unknown = streaks(urges, unlogged="unknown")
    assert _lengths(unknown) == [2, 2, 1]
    assert _ended_by(unknown) == ["gap", "slip", ""]
    assert _dates(unknown, "ended_on") == ["2025-03-05", "2025-03-09"]
    skip = streaks(urges, unlogged="skip")
    assert _lengths(skip) == [4, 1]
    assert skip["skipped_days"].tolist() == [2, 0]
    assert _dates(skip, "start") == ["2025-03-03", "2025-03-10"]


def test_a_day_logged_with_another_kind_is_clean_under_every_policy(make_urges):
    urges = _log(make_urges, "..o..")
    for policy in ("clean", "unknown", "skip"):
        assert _lengths(streaks(urges, unlogged=policy)) == [5]


def test_a_missing_outcome_is_unknown_not_clean(make_urges):
    urges = _log(make_urges, "..?..")
    assert _lengths(streaks(urges, unlogged="clean")) == [5]
    assert _lengths(streaks(urges, unlogged="unknown")) == [2, 2]
    assert streak_summary(urges, unlogged="unknown").unknown_days == 1


def test_unlogged_argument_is_checked(make_urges):
    with pytest.raises(ValueError, match="`unlogged` must be one of 'clean', 'unknown', 'skip'"):
        streaks(_log(make_urges, ".."), unlogged="ignore")


# --------------------------------------------------------------------- check-ins


def test_checkins_use_their_explicit_values(make_checkins):
    values = ["YES", "YES", "SKIP", "YES", "NO", "YES_AUTO", "UNKNOWN", "YES", "YES"]
    days = pd.date_range("2025-03-01", periods=len(values)).strftime("%Y-%m-%d")
    ci = make_checkins([(d, "check_social", v) for d, v in zip(days, values, strict=True)])
    skip = streaks(ci, unlogged="skip")
    # SKIP never breaks; UNKNOWN follows the policy (here: skipped too)
    assert _lengths(skip) == [3, 3]
    assert skip["skipped_days"].tolist() == [1, 1]
    unknown = streaks(ci, unlogged="unknown")
    assert _lengths(unknown) == [3, 1, 2]
    assert _ended_by(unknown) == ["slip", "gap", ""]
    clean = streaks(ci, unlogged="clean")
    assert _lengths(clean) == [3, 4]
    summary = streak_summary(ci, unlogged="skip")
    assert (summary.skipped_days, summary.unknown_days, summary.checked_days) == (1, 1, 1)
    assert summary.clean_days == 6


def test_checkins_for_other_kinds_do_not_count(make_checkins):
    ci = make_checkins(
        [
            ("2025-03-01", "check_social", "YES"),
            ("2025-03-02", "reach_out", "NO"),
            ("2025-03-02", "check_social", "UNKNOWN"),
            ("2025-03-03", "check_social", "YES"),
        ]
    )
    assert _lengths(streaks(ci, unlogged="unknown")) == [1, 1]
    assert _lengths(streaks(ci, kind="reach_out", unlogged="unknown")) == []
    assert _lengths(streaks(ci, kind="any", unlogged="skip")) == [1, 1]


def test_checkin_acted_wins_over_the_value(make_checkins):
    # a habit where YES means "I did check" (Loop reader's yes_means="acted")
    ci = make_checkins(
        [("2025-03-01", "check_social", "NO"), ("2025-03-02", "check_social", "YES")]
    )
    ci["acted"] = pd.array([False, True], dtype="boolean")
    assert _dates(streaks(ci), "ended_on") == ["2025-03-02"]


def test_checkins_and_an_event_log_together(make_urges, make_checkins):
    events = _log(make_urges, "...", first="2025-03-01")
    ci = make_checkins(
        [("2025-03-02", "check_social", "NO"), ("2025-03-04", "check_social", "YES")]
    )
    s = streaks(pd.concat([events, ci], ignore_index=True), unlogged="unknown")
    assert _lengths(s) == [1, 2]


def test_bad_checkin_values_are_named(make_checkins):
    ci = make_checkins([("2025-03-01", "check_social", "YES")])
    ci["checkin"] = pd.Series(["MAYBE"], dtype="str")
    with pytest.raises(SchemaError, match=r"\['MAYBE'\]; allowed values are YES"):
        streaks(ci)


# --------------------------------------------------------------------- grace


def test_grace_forgives_one_slip_a_week(make_urges):
    urges = _log(make_urges, "...x...x.......x..")
    assert _lengths(streaks(urges)) == [3, 3, 7, 2]
    g = streaks(urges, grace=1)
    # the second slip comes 4 days after the first: two slips in 7 days break the streak
    assert _lengths(g) == [6, 9]
    assert g["grace_used"].tolist() == [1, 1]
    assert _dates(g, "ended_on") == ["2025-03-10"]
    assert _dates(g, "start") == ["2025-03-03", "2025-03-11"]


def test_grace_slips_a_window_apart_are_all_forgiven(make_urges):
    urges = _log(make_urges, "..x......x......x..")
    g = streaks(urges, grace=1, grace_window=7)
    assert _lengths(g) == [16] and g["grace_used"].tolist() == [3]
    assert not g["ended"].any()
    tight = streaks(urges, grace=1, grace_window=8)
    assert _lengths(tight) == [8, 8]


def test_grace_two_per_window(make_urges):
    urges = _log(make_urges, "..x.x.x..")
    assert _lengths(streaks(urges)) == [2, 1, 1, 2]
    assert _lengths(streaks(urges, grace=1)) == [3, 3]
    assert _lengths(streaks(urges, grace=2)) == [4, 2]  # no third slip in 5 days
    assert _lengths(streaks(urges, grace=3)) == [6]
    assert _lengths(streaks(urges, grace=2, grace_window=3)) == [6]


def test_consecutive_slips_need_a_budget_for_each(make_urges):
    urges = _log(make_urges, "..xx..")
    assert _lengths(streaks(urges, grace=1)) == [2, 2]
    g = streaks(urges, grace=2)
    assert _lengths(g) == [4] and g["grace_used"].tolist() == [2]


def test_a_gap_is_never_forgiven(make_urges):
    urges = _log(make_urges, "..-..")
    g = streaks(urges, grace=3, unlogged="unknown")
    assert _lengths(g) == [2, 2]
    assert _ended_by(g) == ["gap", ""]


def test_a_slip_on_the_last_day_leaves_the_grace_streak_running(make_urges):
    urges = _log(make_urges, "....x")
    g = streaks(urges, grace=1)
    assert _lengths(g) == [4]
    assert g["ended"].tolist() == [False] and g["grace_used"].tolist() == [1]
    strict = streaks(urges)
    assert strict["ended"].tolist() == [True]


def test_a_slip_before_any_clean_day_is_not_forgiven(make_urges):
    g = streaks(_log(make_urges, "x..x"), grace=1)
    assert _lengths(g) == [2]
    assert g["open_start"].tolist() == [False]


def test_a_slip_at_the_end_beyond_the_budget_ends_the_streak(make_urges):
    g = streaks(_log(make_urges, "..x.x"), grace=1)
    assert _lengths(g) == [3]
    assert g["ended"].tolist() == [True]
    assert _dates(g, "ended_on") == ["2025-03-07"]


@pytest.mark.parametrize(
    ("name", "value"), [("grace", -1), ("grace", 1.5), ("grace_window", 0), ("grace", True)]
)
def test_grace_arguments_are_checked(make_urges, name, value):
    with pytest.raises(ValueError, match=f"`{name}` must be a whole number"):
        streaks(_log(make_urges, ".."), **{name: value})


# --------------------------------------------------------------------- summary


def test_summary_figures(make_urges):
    urges = _log(make_urges, "..x....x..-..")  # 2025-03-03 .. 2025-03-15
    s = streak_summary(urges)
    assert isinstance(s, StreakSummary)
    assert (s.start, s.end) == (pd.Timestamp("2025-03-03"), pd.Timestamp("2025-03-15"))
    assert s.days_in_range == 13
    assert s.checked_days == 2 and s.unknown_days == 1 and s.skipped_days == 0
    assert s.clean_days == 11  # the unlogged day counts as clean under "clean"
    assert s.logged_days == 12
    assert (s.current, s.longest, s.attempts) == (5, 5, 3)
    assert s.current_start == pd.Timestamp("2025-03-11")
    assert (s.longest_start, s.longest_end) == (pd.Timestamp("2025-03-11"), s.end)
    # grace: the slip on the 5th is forgiven, the one on the 10th comes too soon after
    assert (s.grace_current, s.grace_longest, s.grace_attempts, s.grace_used) == (5, 6, 2, 1)
    assert s.grace_longest_start == pd.Timestamp("2025-03-03")
    assert s.grace_longest_end == pd.Timestamp("2025-03-09")
    assert len(s.history) == 3 and len(s.grace_history) == 2
    pd.testing.assert_frame_equal(s.history, streaks(urges))
    pd.testing.assert_frame_equal(s.grace_history, streaks(urges, grace=1))
    unknown = streak_summary(urges, unlogged="unknown")
    assert unknown.clean_days == 10 and unknown.current == 2
    skip = streak_summary(urges, unlogged="skip")
    assert skip.clean_days == 10 and skip.current == 4


def test_summary_weekly_percentages(make_urges):
    # Mon 3 March .. Sun 16 March; week 2 has a skipped day under "skip"
    urges = _log(make_urges, "..x....x..-...")
    weekly = streak_summary(urges, unlogged="skip").weekly
    assert weekly["week"].tolist() == ["2025-W10", "2025-W11"]
    assert weekly["week_start"].tolist() == [
        pd.Timestamp("2025-03-03"),
        pd.Timestamp("2025-03-10"),
    ]
    assert weekly["days"].tolist() == [7, 7]
    assert weekly["clean_days"].tolist() == [6, 5]
    assert weekly["checked_days"].tolist() == [1, 1]
    assert weekly["unknown_days"].tolist() == [0, 1]
    assert np.allclose(weekly["pct_clean"], [600 / 7, 500 / 6])


def test_summary_side_by_side_and_one_row(make_urges):
    s = streak_summary(_log(make_urges, "..x....x.."), grace=1)
    table = s.side_by_side()
    assert list(table.columns) == ["strict", "grace"]
    assert table.loc["longest", "strict"] == 4 and table.loc["longest", "grace"] == 6
    row = s.to_frame()
    assert len(row) == 1 and row.loc[0, "longest"] == 4 and row.loc[0, "grace_longest"] == 6
    assert "weekly" not in row.columns
    assert s.to_dict()["clean_days"] == 8
    text = str(s)
    assert "8 clean days out of 10" in text and "longest 4 days" in text


def test_summary_strict_and_grace_when_grace_is_zero(make_urges):
    s = streak_summary(_log(make_urges, "..x.."), grace=0)
    assert (s.longest, s.grace_longest) == (2, 2)


def test_history_keeps_every_attempt(make_urges):
    plan = ".x" * 20 + "..."
    s = streak_summary(_log(make_urges, plan))
    assert s.attempts == 21 and len(s.history) == 21
    assert s.history["days"].sum() == s.clean_days


# --------------------------------------------------------------------- range


def test_explicit_range_extends_and_clips(make_urges):
    urges = _log(make_urges, "..x..")  # 3..7 March
    wide = streak_summary(urges, start="2025-03-01", end="2025-03-10", unlogged="unknown")
    assert wide.days_in_range == 10 and wide.unknown_days == 5
    assert wide.longest == 2
    clipped = streaks(urges, start="2025-03-06", end=pd.Timestamp("2025-03-07"))
    assert _lengths(clipped) == [2] and clipped["open_start"].tolist() == [True]
    tz_aware = streaks(urges, start=pd.Timestamp("2025-03-06 00:30", tz="Europe/Berlin"))
    assert _lengths(tz_aware) == [2]


def test_default_range_is_the_data_of_any_kind(make_urges):
    urges = make_urges(
        [
            ("2025-03-01 10:00", "reread", False),
            ("2025-03-03 10:00", "check_social", True),
            ("2025-03-09 10:00", "fantasize", True),
        ]
    )
    s = streak_summary(urges)
    assert (s.start, s.end) == (pd.Timestamp("2025-03-01"), pd.Timestamp("2025-03-09"))
    assert (s.current, s.longest) == (6, 6)


def test_start_after_end_is_refused(make_urges):
    urges = _log(make_urges, "....")
    with pytest.raises(ValueError, match=r"`start` \(2025-03-09\) is after `end` \(2025-03-01\)"):
        streaks(urges, start="2025-03-09", end="2025-03-01")
    with pytest.raises(ValueError, match="`start` leaves no days"):
        streak_summary(urges, start="2025-04-01")
    with pytest.raises(ValueError, match="`end` must be a date"):
        streaks(urges, end="next week-ish")


# --------------------------------------------------------------------- bad input


@pytest.mark.parametrize("missing", [["acted"], ["kind"], ["kind", "acted"]])
def test_missing_columns_are_named(make_urges, missing):
    urges = _log(make_urges, "..").drop(columns=missing)
    with pytest.raises(SchemaError, match="missing required column") as info:
        streaks(urges)
    assert info.value.columns == missing
    with pytest.raises(SchemaError, match="missing required column"):
        streak_summary(urges)


def test_a_frame_without_any_time_column(make_urges):
    urges = _log(make_urges, "..").drop(columns=["timestamp", "local_time", "date"])
    with pytest.raises(SchemaError, match=r"\['local_time'\]") as info:
        streaks(urges)
    assert info.value.columns == ["local_time"]


def test_not_a_frame():
    with pytest.raises(SchemaError, match="expected an urge frame"):
        streaks([{"kind": "check_social"}])


def test_acted_must_be_boolean(make_urges):
    urges = _log(make_urges, "..").assign(acted=["yes", "maybe"])
    with pytest.raises(SchemaError, match="`acted` column must hold True/False"):
        streaks(urges)


def test_empty_frame_gives_empty_results_and_a_note(make_urges):
    empty = make_urges([])
    with pytest.warns(DataQualityWarning, match="no urges to measure"):
        s = streaks(empty)
    assert len(s) == 0 and list(s.columns)[:4] == ["start", "end", "days", "ended"]
    assert "no urges to measure" in s.attrs["note"]
    with pytest.warns(DataQualityWarning, match="no urges to measure"):
        summary = streak_summary(empty)
    assert summary.days_in_range == 0 and summary.current == 0 and summary.longest == 0
    assert summary.longest_start is None
    assert len(summary.weekly) == 0 and len(summary.history) == 0
    assert "no urges to measure" in summary.note and "no urges" in str(summary)
    assert summary.to_frame().notna().sum().sum() >= 10  # zeros, not NaN soup


def test_no_warning_on_ordinary_input(make_urges):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        streak_summary(_log(make_urges, "..x.."))


def test_all_kinds_are_accepted(make_urges):
    for kind in URGE_KINDS:
        assert _lengths(streaks(_log(make_urges, ".x.", kind=kind), kind=kind)) == [1, 1]


def test_summary_strict_and_grace_figures_match_streaks_with_grace_0_and_grace(make_urges):
    # the summary's `grace` sets only the grace figures; the strict ones are grace=0 always
    log = _log(make_urges, "..x..x...x....x..")
    from reflection_kit.metrics.streaks import streak_summary, streaks

    for grace in (1, 2):
        summary = streak_summary(log, grace=grace)
        strict = streaks(log)
        graced = streaks(log, grace=grace)
        pd.testing.assert_frame_equal(summary.history.reset_index(drop=True), strict)
        pd.testing.assert_frame_equal(summary.grace_history.reset_index(drop=True), graced)
        assert summary.longest == strict["days"].max()
        assert summary.grace_longest == graced["days"].max()
