"""The numbers on data/sample tell the story the generator wrote (see reflection_kit/sample.py).

Robin, Europe/Berlin, 16 weeks from Monday 2025-03-03 to Sunday 2025-06-22: urges
thin out, the resisted rate rises, the anniversary week (2025-05-14) is hard, and
the longest streak without checking his socials falls in the final weeks.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import reflection_kit as rk
from reflection_kit.metrics import streak_summary, streaks, time_to_lapse, urge_stats

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
ANNIVERSARY_WEEK_END = pd.Timestamp("2025-05-18")
STORY_START, STORY_END = pd.Timestamp("2025-03-03"), pd.Timestamp("2025-06-22")


@pytest.fixture(scope="module")
def urges():
    return rk.read_urges(SAMPLE / "urges.csv", tz="Europe/Berlin")


@pytest.fixture(scope="module")
def loop():
    return rk.read_urges(SAMPLE / "loop.zip")


def test_the_sample_covers_the_story(urges, loop):
    for frame in (urges, loop):
        s = streak_summary(frame)
        assert (s.start, s.end) == (STORY_START, STORY_END)
        assert s.days_in_range == 112


def test_longest_check_social_streak_falls_in_the_final_weeks(urges):
    s = streak_summary(urges, kind="check_social")
    assert s.longest_start > ANNIVERSARY_WEEK_END
    assert s.longest_end >= STORY_END - pd.Timedelta(days=13)
    assert s.current == s.longest  # still running at the end of the story
    assert s.attempts == len(s.history) > 1  # every earlier attempt is kept


def test_longest_loop_streaks_fall_in_the_final_weeks(loop):
    for kind in ("check_social", "reach_out"):
        s = streak_summary(loop, kind=kind, unlogged="skip")
        assert s.longest_start > pd.Timestamp("2025-05-01"), kind
        assert s.longest_end == STORY_END, kind


def test_resisted_rate_rises_from_the_first_month_to_the_last(urges):
    by_month = urge_stats(urges, by="month").resisted.set_index("month")
    first, last = by_month.iloc[0], by_month.iloc[-1]
    assert by_month.index[0] == "2025-03" and by_month.index[-1] == "2025-06"
    assert last["rate"] > first["rate"]
    assert last["ci_low"] > first["ci_high"]  # not a fluke of small numbers


def test_urges_thin_out_and_the_anniversary_week_is_hard(urges):
    weeks = urge_stats(urges).per_week.set_index("week")
    assert weeks["urges"].iloc[:4].sum() > 2 * weeks["urges"].iloc[-4:].sum()
    anniversary = weeks.loc["2025-W20", "urges"]
    assert anniversary > weeks.loc["2025-W19", "urges"]
    assert anniversary > weeks.loc["2025-W21", "urges"]


def test_evenings_and_weekends_are_worse(urges):
    table = urge_stats(urges).hour_weekday
    total = table.to_numpy().sum()
    assert table.loc[18:23].to_numpy().sum() > total / 2
    weekend_per_day = table[["Sat", "Sun"]].to_numpy().sum() / 2
    weekday_per_day = table[["Mon", "Tue", "Wed", "Thu", "Fri"]].to_numpy().sum() / 5
    assert weekend_per_day > weekday_per_day


def test_the_zone_does_not_move_any_day(urges):
    """Read as written (UTC label) or in Europe/Berlin across the DST change: same days."""
    as_written = rk.read_urges(SAMPLE / "urges.csv")
    pd.testing.assert_frame_equal(streaks(as_written), streaks(urges))
    pd.testing.assert_frame_equal(urge_stats(as_written).per_day, urge_stats(urges).per_day)


def test_time_to_lapse_on_the_sample(urges):
    curve = time_to_lapse(streaks(urges))
    assert curve.censored == 1 and curve.events == curve.n - 1
    assert curve.median_defined
