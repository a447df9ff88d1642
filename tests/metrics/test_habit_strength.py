"""Habit strength: Loop Habit Tracker's score over clean, checked, skipped and unknown days."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from reflection_kit import DataQualityWarning
from reflection_kit.metrics.habit_strength import habit_strength, loop_multiplier
from reflection_kit.metrics.streaks import day_status

M = 0.5 ** (1 / 13)  # Loop's multiplier for a daily habit


def _loop(statuses: list[str], m: float = M) -> np.ndarray:
    """Loop's recurrence written out day by day (Score.compute; SKIP keeps the score)."""
    score, out = 0.0, []
    for s in statuses:
        if s in ("clean", "checked"):
            score = score * m + (1.0 if s == "clean" else 0.0) * (1 - m)
        out.append(100 * score)
    return np.array(out)


def test_loop_multiplier_follows_score_kt():
    assert loop_multiplier() == pytest.approx(M)
    assert loop_multiplier(3 / 8) == pytest.approx(0.5 ** (np.sqrt(3 / 8) / 13))
    for bad in (0, -1.0, float("nan"), "daily", True):
        with pytest.raises(ValueError, match="`frequency`"):
            loop_multiplier(bad)


def test_score_climbs_dips_gently_and_recovers(make_urges):
    # an event log: 1-19 March clean, 20 March checked, then clean again to 31 March
    urges = make_urges(
        [
            ("2025-03-01 09:00", "reach_out", False),
            ("2025-03-20 21:00", "check_social", True),
            ("2025-03-31 09:00", "reach_out", False),
        ]
    )
    score = habit_strength(urges)
    assert score.name == "habit_strength" and len(score) == 31
    assert score.index[0] == pd.Timestamp("2025-03-01")
    statuses = day_status(urges)["counts_as"].tolist()
    np.testing.assert_allclose(score.to_numpy(), _loop(statuses))
    assert score["2025-03-13"] == pytest.approx(50.0)  # 13 clean days: halfway, as in Loop
    slip = score["2025-03-19"] - score["2025-03-20"]
    assert 0 < slip < 6  # one checked day costs a few points, not the run
    assert score["2025-03-21"] > score["2025-03-20"] and score.iloc[-1] > score["2025-03-19"]
    assert score.between(0, 100).all()
    assert score.attrs["clean_days"] == 30 and score.attrs["checked_days"] == 1


def test_skip_and_unknown_days_leave_the_score_unchanged(make_checkins):
    rows = [
        ("2025-03-01", "check_social", "YES"),
        ("2025-03-02", "check_social", "SKIP"),
        ("2025-03-03", "check_social", "YES"),
        ("2025-03-04", "check_social", "UNKNOWN"),
        ("2025-03-05", "check_social", "NO"),
    ]
    score = habit_strength(make_checkins(rows), unlogged="unknown")
    a = 100 * (1 - M)  # 1 March, YES
    b = a * M + 100 * (1 - M)  # 3 March, YES again: SKIP on 2 March kept a
    assert score.tolist() == pytest.approx([a, a, b, b, b * M])  # UNKNOWN keeps b; NO dips
    assert score.attrs["held_days"] == 2 and score.attrs["checked_days"] == 1


def test_a_lower_frequency_moves_more_slowly(make_urges):
    urges = make_urges(
        [("2025-03-01 09:00", "reach_out", False), ("2025-03-10 09:00", "reach_out", False)]
    )
    daily, weekly = habit_strength(urges), habit_strength(urges, frequency=1 / 7)
    assert (weekly.iloc[1:] < daily.iloc[1:]).all()


def test_same_status_every_day_and_one_day(make_urges):
    all_checked = make_urges(
        [(f"2025-03-{d:02d} 10:00", "check_social", True) for d in range(1, 8)]
    )
    assert (habit_strength(all_checked) == 0).all()
    one = habit_strength(make_urges([("2025-03-01 10:00", "check_social", False)]))
    assert one.tolist() == pytest.approx([100 * (1 - M)])


def test_no_rows_gives_an_empty_series_with_a_note(make_urges):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        score = habit_strength(make_urges([]))
    assert len(score) == 0 and "no urges" in score.attrs["note"]


def test_the_input_is_not_modified_and_kind_is_passed_on(make_urges):
    urges = make_urges(
        [("2025-03-01 09:00", "reach_out", True), ("2025-03-03 09:00", "check_social", True)]
    )
    before = urges.copy(deep=True)
    social = habit_strength(urges)
    contact = habit_strength(urges, kind="reach_out")
    pd.testing.assert_frame_equal(urges, before)
    assert social.attrs["checked_days"] == 1 and contact.attrs["checked_days"] == 1
    assert social.iloc[0] > 0 and contact.iloc[0] == 0  # 1 March: a slip for reach_out only
    with pytest.raises(ValueError, match="`unlogged`"):
        habit_strength(urges, unlogged="maybe")
