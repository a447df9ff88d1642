"""Day bucketing: day_starts, DST days, travellers, mixed zones, time-less frames."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import reflection_kit as rk
from reflection_kit.errors import SchemaError
from reflection_kit.metrics import streak_summary, streaks, urge_stats


def _dates(frame: pd.DataFrame, col: str) -> list[str]:
    return [d.strftime("%Y-%m-%d") for d in frame[col].dropna()]


# --------------------------------------------------------------------- day_starts


@pytest.mark.parametrize(
    ("clock", "day_starts", "slip_day"),
    [
        ("2025-03-04 01:00", 0, "2025-03-04"),
        ("2025-03-04 01:00", 4, "2025-03-03"),  # just after midnight: still Monday's day
        ("2025-03-04 03:59", 4, "2025-03-03"),
        ("2025-03-04 04:00", 4, "2025-03-04"),  # the new day begins at 04:00 sharp
        ("2025-03-04 00:00", 0, "2025-03-04"),
        ("2025-03-03 23:59", 0, "2025-03-03"),
    ],
)
def test_entry_after_midnight_belongs_to_the_right_day(make_urges, clock, day_starts, slip_day):
    rows = [(f"{d} 12:00", "reach_out", False) for d in ("2025-03-01", "2025-03-02")]
    rows += [(f"{d} 12:00", "reach_out", False) for d in ("2025-03-03", "2025-03-04")]
    rows += [(f"{d} 12:00", "reach_out", False) for d in ("2025-03-05", "2025-03-06")]
    rows.append((clock, "check_social", True))
    s = streaks(make_urges(rows), day_starts=day_starts)
    assert _dates(s, "ended_on") == [slip_day]
    assert s["ended"].tolist() == [True, False]


def test_day_starts_moves_the_range_and_the_per_day_counts(make_urges):
    urges = make_urges(
        [
            ("2025-03-03 10:00", "check_social", False),
            ("2025-03-04 01:30", "check_social", True),
            ("2025-03-04 10:00", "check_social", False),
        ]
    )
    per_day = urge_stats(urges, day_starts=4).per_day
    assert per_day["urges"].tolist() == [2, 1]
    assert per_day.loc["2025-03-03", "acted"] == 1
    assert urge_stats(urges).per_day["urges"].tolist() == [1, 2]


def test_checkin_days_are_never_moved_by_day_starts(make_checkins):
    ci = make_checkins(
        [
            ("2025-03-01", "check_social", "YES"),
            ("2025-03-02", "check_social", "NO"),
            ("2025-03-03", "check_social", "YES"),
        ]
    )
    for day_starts in (0, 4, 23):
        s = streaks(ci, day_starts=day_starts, unlogged="skip")
        assert _dates(s, "start") == ["2025-03-01", "2025-03-03"]
        assert _dates(s, "ended_on")[0] == "2025-03-02"


@pytest.mark.parametrize("bad", [-1, 24, 4.5, "4", True])
def test_day_starts_must_be_an_hour(make_urges, bad):
    urges = make_urges([("2025-03-01 10:00", "check_social", False)])
    with pytest.raises(ValueError, match="`day_starts` must be"):
        streaks(urges, day_starts=bad)
    with pytest.raises(ValueError, match="`day_starts` must be"):
        urge_stats(urges, day_starts=bad)


# --------------------------------------------------------------------- DST days

DST_DAYS = [
    ("Europe/Berlin", "2025-03-30"),  # spring forward: 02:00 -> 03:00, a 23-hour day
    ("Europe/Berlin", "2025-10-26"),  # fall back: 03:00 -> 02:00, a 25-hour day
    ("America/New_York", "2025-03-09"),
    ("America/New_York", "2025-11-02"),
]


def _around(day: str, before: int, after: int) -> list[str]:
    d = pd.Timestamp(day)
    return [(d + pd.Timedelta(days=k)).strftime("%Y-%m-%d") for k in range(-before, after + 1)]


@pytest.mark.parametrize(("zone", "dst_day"), DST_DAYS)
@pytest.mark.parametrize("drop_local_time", [False, True])
def test_streak_across_a_dst_day(make_urges, zone, dst_day, drop_local_time):
    days = _around(dst_day, 5, 5)
    # one resisted urge each evening, and the DST day itself is clean
    rows = [(f"{d} 21:30", "check_social", False) for d in days]
    # a check just after midnight *after* the DST day, and a 02:30 urge on it
    # (02:30 does not exist on a spring-forward day and exists twice on a fall-back day)
    rows.append((f"{dst_day} 02:30", "reread", False))
    rows.append((f"{days[7]} 00:30", "check_social", True))
    urges = make_urges(rows, tz=zone)
    if drop_local_time:  # the wall clock must then come from the tz-aware timestamp
        urges = urges.drop(columns=["local_time"])
    s = streaks(urges)
    assert _dates(s, "start") == [days[0], days[8]]
    assert _dates(s, "end") == [days[6], days[10]]
    assert s["days"].tolist() == [7, 3]
    assert _dates(s, "ended_on") == [days[7]]
    summary = streak_summary(urges)
    assert summary.days_in_range == 11  # calendar days, never 10.96 or 11.04
    assert summary.clean_days == 10
    assert summary.checked_days == 1
    per_day = urge_stats(urges).per_day
    assert len(per_day) == 11
    assert per_day["urges"].sum() == len(rows)
    assert per_day.loc[dst_day, "urges"] == 2


@pytest.mark.parametrize(("zone", "dst_day"), DST_DAYS)
def test_day_starts_on_dst_days(make_urges, zone, dst_day):
    days = _around(dst_day, 2, 2)
    rows = [(f"{d} 12:00", "check_social", False) for d in days]
    # 02:30 on the DST day belongs to the day before when the day starts at 03:00,
    # even where 02:30 never happened (spring forward) or happened twice (fall back):
    # `local_time` keeps the wall clock as written
    rows.append((f"{dst_day} 02:30", "check_social", True))
    s = streaks(make_urges(rows, tz=zone), day_starts=3)
    assert _dates(s, "ended_on") == [days[1]]
    assert s["days"].tolist() == [1, 3]


@pytest.mark.parametrize(("zone", "dst_day"), DST_DAYS)
def test_day_starts_on_dst_days_from_timestamps(make_urges, zone, dst_day):
    days = _around(dst_day, 2, 2)
    rows = [(f"{d} 12:00", "check_social", False) for d in days]
    rows.append((f"{dst_day} 01:30", "check_social", True))  # exists on all four days
    urges = make_urges(rows, tz=zone).drop(columns=["local_time"])
    s = streaks(urges, day_starts=2)
    assert _dates(s, "ended_on") == [days[1]]
    assert s["days"].tolist() == [1, 3]


def test_without_local_time_a_skipped_clock_time_is_its_instant(make_urges):
    # 02:30 on 2025-03-30 does not exist in Berlin; the reader placed it at 03:00
    rows = [("2025-03-29 12:00", "reread", False), ("2025-03-30 02:30", "check_social", True)]
    urges = make_urges(rows).drop(columns=["local_time"])
    s = streaks(urges, day_starts=3)
    assert _dates(s, "ended_on") == ["2025-03-30"]


def test_dst_with_an_urge_log_csv(tmp_path):
    path = tmp_path / "urges.csv"
    lines = ["timestamp,kind,intensity,acted,trigger,coping,note"]
    for d in _around("2025-03-30", 3, 3):
        lines.append(f"{d} 22:00,checked his IG,4,no,evening,breathing,")
    lines.append("2025-03-30 02:30,checked his IG,7,yes,night,,")
    lines.append("2025-04-01 00:15,looked at his stories,6,yes,night,,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    urges = rk.read_urges(path, tz="Europe/Berlin")
    s = streaks(urges, day_starts=4)
    # 02:30 on the 30th counts for the 29th; 00:15 on 1 April counts for 31 March
    assert _dates(s, "ended_on") == ["2025-03-29", "2025-03-31"]
    assert _dates(s, "start") == ["2025-03-27", "2025-03-30", "2025-04-01"]
    assert s["days"].tolist() == [2, 1, 2]


# --------------------------------------------------------------------- travel


def _trip_rows() -> list[tuple]:
    """One urge every evening at 23:30 local time; a week in New York in the middle."""
    rows = []
    for i, d in enumerate(pd.date_range("2025-04-01", "2025-04-28", freq="D")):
        zone = "America/New_York" if 10 <= i < 17 else "Europe/Berlin"
        rows.append((f"{d:%Y-%m-%d} 23:30", "check_social", False, 5.0, "", "", zone))
    return rows


@pytest.mark.parametrize("drop_local_time", [False, True])
def test_traveller_gains_and_loses_no_days(make_urges, drop_local_time):
    urges = make_urges(_trip_rows())
    assert str(urges["timestamp"].dt.tz) == "UTC"  # several zones: timestamps in UTC
    if drop_local_time:  # wall clock from the UTC timestamp and each row's `tz`
        urges = urges.drop(columns=["local_time"])
    stats = urge_stats(urges)
    assert len(stats.per_day) == 28
    assert stats.per_day["urges"].tolist() == [1] * 28  # no empty day, no double day
    assert stats.hour_weekday.loc[23].sum() == 28  # all at 23:00 on the person's clock
    s = streaks(urges)
    assert s["days"].tolist() == [28]
    assert not s["ended"].any()
    summary = streak_summary(urges, unlogged="unknown")
    assert summary.days_in_range == 28
    assert summary.unknown_days == 0


def test_naive_utc_bucketing_would_have_moved_days(make_urges):
    """The check above is meaningful: in UTC, New York evenings fall on the next day."""
    urges = make_urges(_trip_rows())
    utc_days = urges["timestamp"].dt.tz_convert("UTC").dt.normalize()
    assert utc_days.nunique() < 28


def test_mixed_offsets_without_local_time_are_refused(make_urges):
    urges = make_urges(_trip_rows()).drop(columns=["local_time", "tz"])
    mixed = urges.assign(
        timestamp=[
            t.tz_convert("America/New_York" if i % 2 else "Europe/Berlin")
            for i, t in enumerate(urges["timestamp"])
        ]
    )
    assert mixed["timestamp"].dtype == object
    with pytest.raises(SchemaError, match="several UTC offsets") as info:
        streaks(mixed)
    assert info.value.columns == ["local_time"]


def test_single_zone_timestamp_gives_the_wall_clock(make_urges):
    rows = [("2025-06-01 00:30", "check_social", True), ("2025-06-02 12:00", "reread", False)]
    urges = make_urges(rows, tz="America/New_York").drop(columns=["local_time", "tz"])
    # 00:30 in New York is 04:30 UTC on the same day, 20:30 in UTC-8 the day before
    s = streak_summary(urges)
    assert s.start == pd.Timestamp("2025-06-01")
    assert s.checked_days == 1


def test_local_time_wins_over_the_timestamp(make_urges):
    urges = make_urges(_trip_rows())
    shifted = urges.assign(timestamp=urges["timestamp"] + pd.Timedelta(hours=5))
    a = urge_stats(urges).per_day
    b = urge_stats(shifted).per_day
    pd.testing.assert_frame_equal(a, b)


def test_missing_local_time_is_filled_from_the_timestamp(make_urges):
    urges = make_urges(_trip_rows())
    holes = urges.copy()
    holes.loc[[3, 12], "local_time"] = pd.NaT
    pd.testing.assert_frame_equal(urge_stats(holes).per_day, urge_stats(urges).per_day)


def test_rows_without_any_time_are_reported(make_urges):
    urges = make_urges(_trip_rows()).drop(columns=["timestamp"])
    urges.loc[[3], "local_time"] = pd.NaT
    urges.loc[[3], "date"] = pd.NaT
    stats = urge_stats(urges)
    assert "1 urge row(s) have no usable time" in stats.note
    assert stats.per_day["urges"].sum(skipna=True) == 27
    assert stats.per_day["logged"].sum() == 27


def test_rows_with_only_a_date_keep_their_day(make_urges):
    urges = make_urges(_trip_rows()).drop(columns=["timestamp"])
    urges.loc[[3], "local_time"] = pd.NaT
    stats = urge_stats(urges, day_starts=4)
    assert stats.note == ""
    assert stats.per_day["urges"].tolist() == [1] * 28
    assert stats.hour_weekday.to_numpy().sum() == 27  # no hour for the date-only row


def test_time_known_false_rows_keep_their_calendar_day(make_urges):
    # a date logged without a time is placed at 12:00; day_starts=13 must not move it
    urges = make_urges([("2025-05-01 12:00", "check_social", True), *_trip_rows()[:5]])
    urges["time_known"] = [False] + [True] * 5
    s = streaks(urges, day_starts=13)
    assert _dates(s, "ended_on") == ["2025-05-01"]
    assert urge_stats(urges, day_starts=13).hour_weekday.loc[12].sum() == 0


def test_date_only_frames_work_without_day_starts(make_urges):
    urges = make_urges(_trip_rows()).drop(columns=["timestamp", "local_time"])
    assert streaks(urges)["days"].tolist() == [28]
    with pytest.raises(ValueError, match="`day_starts=4` needs clock times"):
        streaks(urges, day_starts=4)


def test_a_zone_aware_local_time_is_refused(make_urges):
    urges = make_urges(_trip_rows()[:3])
    urges["local_time"] = urges["local_time"].dt.tz_localize("Europe/Berlin")
    with pytest.raises(SchemaError, match="`local_time` must be the naive wall clock"):
        streaks(urges)


def test_an_unknown_zone_name_is_refused_when_it_is_needed(make_urges):
    urges = make_urges(_trip_rows()[:3]).drop(columns=["local_time"])
    urges["tz"] = pd.Series(["Mars/Olympus"] * 3, dtype="str")
    with pytest.raises(SchemaError, match="unknown time zone 'Mars/Olympus'"):
        streaks(urges)


def test_end_today_uses_the_persons_day(make_urges):
    today = pd.Timestamp.now(tz="Europe/Berlin").tz_localize(None).normalize()
    first = today - pd.Timedelta(days=3)
    urges = make_urges([(f"{first:%Y-%m-%d} 12:00", "check_social", False)])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        summary = streak_summary(urges, end="today")
    # the day may have turned between the two clock readings; allow that one day
    assert summary.days_in_range in (4, 5)
    assert summary.end >= today
    assert np.isclose(summary.current, summary.days_in_range)
