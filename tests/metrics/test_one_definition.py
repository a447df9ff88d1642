"""Issue 13: one week, one "today", one weekly sum, one comparison for every layer."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import reflection_kit as rk
from reflection_kit.metrics._days import to_timestamps, week_start
from reflection_kit.metrics.daily import weekly
from reflection_kit.plots.urges import _weekly as plot_weeks


def test_week_start_is_the_same_for_day_numbers_and_dates():
    # microseconds, the unit of the frames (pandas 2 makes nanoseconds by default)
    index = pd.date_range("2024-12-20", "2025-01-20", freq="D", name="date", unit="us")
    numbers = index.values.astype("datetime64[D]").astype(np.int64)
    mondays = week_start(index)
    assert (mondays.day_of_week == 0).all() and ((index - mondays).days < 7).all()
    assert to_timestamps(week_start(numbers)).equals(pd.DatetimeIndex(mondays.values))


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Pacific/Pago_Pago"])
def test_daily_and_the_streaks_read_today_the_same_way(make_urges, zone):
    """daily read "today" on the machine's clock, the streak measures in the person's zone;
    at any hour one of these two zones (UTC+14, UTC-11) is on another day than UTC."""
    today = pd.Timestamp.now(tz=zone).tz_localize(None).normalize()
    first = today - pd.Timedelta(days=3)
    urges = make_urges([(f"{first:%Y-%m-%d} 12:00", "check_social", False)], tz=zone)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        panel = rk.daily(urges=urges, end="today")
        summary = rk.streak_summary(urges, end="today")
    assert panel.index.max() == summary.end


def test_the_weekly_plot_draws_the_weekly_sums(make_urges):
    urges = make_urges(
        [
            ("2025-03-03 09:00", "check_social", True),
            ("2025-03-04 09:00", "reach_out", False),
            ("2025-03-12 09:00", "reach_out", None),
            ("2025-03-13 09:00", "check_social", False),
        ]
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        panel = rk.daily(urges=urges, unlogged="unknown")
    w = weekly(panel)
    assert w["logged_days"].tolist() == [2, 2]
    assert w["outcome_unknown"].tolist() == [0, 1]
    bars = plot_weeks(panel)
    assert bars["urges"].tolist() == w["urges"].astype(float).tolist() == [2.0, 2.0]
    assert bars["unknown"].tolist() == [0.0, 1.0]
    np.testing.assert_allclose(bars["rate"], w["resisted_rate"].astype(float))


def test_compare_keeps_the_mean_of_the_period_with_values():
    d = pd.DataFrame(
        {"urges": [1.0, 2.0]}, index=pd.date_range("2025-03-03", periods=2, name="date")
    )
    out = rk.compare(d, before=("2024-01-01", "2024-01-02"), after=("2025-03-03", "2025-03-04"))
    row = out.loc["urges"]
    assert np.isnan(row["before_mean"]) and row["after_mean"] == 1.5
    assert row["magnitude"] == "not enough data"


def test_the_review_summary_takes_its_figures_from_compare():
    from reflection_kit import review as rv

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        urges = rk.read_urges(rk.sample_dir() / "urges.csv")
    panel = rk.daily(urges=urges)
    period = rv.period_of(panel)
    row = rk.compare(
        panel,
        before=(period.prev_start, period.prev_end),
        after=(period.start, period.end),
        columns=["urges"],
    ).loc["urges"]
    text = rv.summary(panel, period)  # no urge log: no resisted share, the rest as before
    expected = f"Urges went from {row['before_mean']:.1f} to {row['after_mean']:.1f} a day."
    assert expected in text and "resisted" not in text
