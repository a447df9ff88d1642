"""A row's day is decided in one place: the daily panel and the streaks agree on it."""

from __future__ import annotations

import importlib

import numpy as np
import pandas as pd
import pytest

import reflection_kit as rk
from reflection_kit.metrics._days import local_days, prepare, to_timestamps

# the package re-exports the functions under the modules' names: reach the modules themselves
daily_module = importlib.import_module("reflection_kit.metrics.daily")
day_status = importlib.import_module("reflection_kit.metrics.streaks").day_status


def _urges(**columns: object) -> pd.DataFrame:
    n = len(next(iter(columns.values())))
    frame = pd.DataFrame(columns)
    frame["kind"] = pd.Categorical(["check_social"] * n, categories=list(rk.URGE_KINDS))
    frame["acted"] = pd.array([True] * n, dtype="boolean")
    return frame


def _streak_days(urges: pd.DataFrame, day_starts: int) -> list[str]:
    days = to_timestamps(prepare(urges, day_starts=day_starts).day)
    return [f"{d:%Y-%m-%d}" for d in days]


def _panel_days(urges: pd.DataFrame, day_starts: int) -> list[str]:
    panel = rk.daily(urges=urges, day_starts=day_starts)
    acted = panel[panel["acted"] > 0]
    status = day_status(urges, kind="check_social", day_starts=day_starts)
    checked = status.index[status["status"] == "checked"]
    assert list(acted.index) == list(checked)  # the panel's own two parts agree
    return [f"{d:%Y-%m-%d}" for d in acted.index]


def test_daily_uses_the_one_rule():
    assert not hasattr(daily_module, "_day_of")
    assert daily_module.local_days is local_days


def test_a_row_near_midnight_with_day_starts_4():
    urges = _urges(local_time=pd.to_datetime(["2025-03-04 01:30", "2025-03-04 04:00"]))
    assert _streak_days(urges, 4) == ["2025-03-03", "2025-03-04"]
    assert _panel_days(urges, 4) == ["2025-03-03", "2025-03-04"]


def test_a_frame_with_only_date():
    # the panel used to refuse this frame (no `local_time`/`timestamp`); streaks took `date`
    urges = _urges(date=pd.to_datetime(["2025-03-03", "2025-03-05"]))
    assert _streak_days(urges, 0) == ["2025-03-03", "2025-03-05"]
    assert _panel_days(urges, 0) == ["2025-03-03", "2025-03-05"]
    with pytest.raises(ValueError, match="needs clock times"):
        rk.daily(urges=urges, day_starts=4)


def test_a_tz_aware_timestamp_with_a_tz_column_and_no_local_time():
    # 23:30 UTC is 00:30 the next day in Berlin: the panel used to keep the UTC day
    ts = pd.to_datetime(["2025-03-04 23:30", "2025-03-06 12:00"]).tz_localize("UTC")
    urges = _urges(timestamp=ts, tz=["Europe/Berlin", "Europe/Berlin"])
    assert _streak_days(urges, 0) == ["2025-03-05", "2025-03-06"]
    assert _panel_days(urges, 0) == ["2025-03-05", "2025-03-06"]


def test_a_missing_local_time_falls_back_to_the_timestamp():
    urges = _urges(
        local_time=pd.to_datetime(["2025-03-04 10:00", None]),
        timestamp=pd.to_datetime(["2025-03-04 09:00", "2025-03-07 08:00"]).tz_localize("UTC"),
    )
    assert _streak_days(urges, 0) == ["2025-03-04", "2025-03-07"]
    assert _panel_days(urges, 0) == ["2025-03-04", "2025-03-07"]


def test_a_row_without_a_time_of_day_keeps_its_date_even_without_day_starts_shift():
    urges = _urges(
        local_time=pd.to_datetime(["2025-03-04 00:00", "2025-03-05 02:00"]),
        date=pd.to_datetime(["2025-03-04", "2025-03-05"]),
        time_known=[False, True],
    )
    assert _streak_days(urges, 4) == ["2025-03-04", "2025-03-04"]
    assert _panel_days(urges, 4) == ["2025-03-04"]
    assert int(rk.daily(urges=urges, day_starts=4)["acted"].sum()) == 2


def test_local_days_keeps_the_index_and_marks_rows_without_time():
    frame = pd.DataFrame(
        {"local_time": pd.to_datetime(["2025-03-04 01:00", None])}, index=[10, 20]
    )
    days = local_days(frame, day_starts=4)
    assert list(days.index) == [10, 20]
    assert days.dtype == np.dtype("datetime64[us]")
    assert days.iloc[0] == pd.Timestamp("2025-03-03") and pd.isna(days.iloc[1])


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Pacific/Pago_Pago"])
def test_today_is_the_same_day_for_the_panel_and_the_streaks(zone):
    # UTC+14 and UTC-11: at most hours apart from the machine's clock, a day apart in name
    now = pd.Timestamp.now(tz="UTC").floor("min")
    urges = _urges(timestamp=pd.DatetimeIndex([now - pd.Timedelta(days=3)]), tz=[zone])
    panel = rk.daily(urges=urges, end="today", day_starts=4)
    status = day_status(urges, end="today", day_starts=4)
    assert panel.index[-1] == status.index[-1]
