"""trend, compare and lagged: numbers, n, plain words and the not-enough-data rule."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from reflection_kit.metrics.trends import MIN_LAG_PAIRS, compare, lagged, trend


def _days(n, start="2025-03-03"):
    return pd.date_range(start, periods=n, name="date")


def test_trend_matches_scipy(rng):
    y = pd.Series(
        10 - 0.1 * np.arange(60) + rng.normal(0, 0.5, 60), index=_days(60), name="rumination"
    )
    t = trend(y)
    ref = stats.theilslopes(y.to_numpy(), np.arange(60.0))
    assert t.slope == pytest.approx(ref.slope)
    assert t.low == pytest.approx(ref.low_slope)
    assert t.n == 60 and t.direction == "falling" and t.p < 0.001
    assert "falling" in str(t) and "n=60" in str(t)


def test_trend_skips_missing_days_and_uses_calendar_spacing():
    idx = pd.DatetimeIndex(["2025-03-03", "2025-03-04", "2025-03-13"])
    t = trend(pd.Series([1.0, 2.0, 11.0], index=idx))
    assert t.slope == pytest.approx(1.0)
    t2 = trend(pd.Series([1.0, np.nan, 2.0, 3.0], index=_days(4)))
    assert t2.n == 3


@pytest.mark.parametrize("values", [[], [1.0], [1.0, 2.0], [np.nan] * 5])
def test_trend_not_enough_data(values):
    t = trend(pd.Series(values, index=_days(len(values)), dtype=float))
    assert t.direction == "not enough data"
    assert "not enough data" in str(t)


def test_trend_flat_series():
    t = trend(pd.Series([2.0] * 10, index=_days(10)))
    assert t.direction == "flat" and t.slope == 0


def test_compare_effect_size_and_words():
    d = pd.DataFrame({"urges": [3, 4, 3, 5, 1, 0, 1, 0]}, index=_days(8))
    out = compare(d, before=("2025-03-03", "2025-03-06"), after=("2025-03-07", "2025-03-10"))
    row = out.loc["urges"]
    assert row["cliffs_delta"] == -1.0 and row["magnitude"] == "large"
    assert row["n_before"] == 4 and row["n_after"] == 4
    assert row["summary"].startswith("urges: lower in the second period")
    assert "n=4 days" in row["summary"]


def test_compare_empty_period():
    d = pd.DataFrame({"urges": [1.0, 2.0]}, index=_days(2))
    out = compare(d, before=("2024-01-01", "2024-01-02"), after=("2025-03-03", "2025-03-04"))
    assert out.loc["urges", "magnitude"] == "not enough data"
    assert "not enough data" in out.loc["urges", "summary"]


def test_lagged_needs_14_pairs():
    d = pd.DataFrame({"rumination": np.arange(14.0), "urges": np.arange(14.0)}, index=_days(14))
    res = lagged(d)
    assert res.n == 13 < MIN_LAG_PAIRS
    assert not res.enough and np.isnan(res.r)
    assert res.message.startswith("Not enough data")


def test_lagged_finds_next_day_link_and_is_reproducible(rng):
    n = 80
    x = rng.normal(size=n)
    y = np.r_[0.0, x[:-1]] * 2 + rng.normal(0, 0.3, n)  # y follows x by one day
    d = pd.DataFrame({"rumination": x, "urges": y}, index=_days(n))
    res = lagged(d, n_boot=500)
    assert res.enough and res.n == n - 1
    assert res.r > 0.8 and res.low < res.r < res.high
    assert "association, not a cause" in res.message
    assert lagged(d, n_boot=500) == res


def test_lagged_removes_shared_trend(rng):
    n = 60
    t = np.arange(n, dtype=float)
    d = pd.DataFrame(
        {"rumination": -t + rng.normal(0, 1, n), "urges": -t + rng.normal(0, 1, n)},
        index=_days(n),
    )
    res = lagged(d, n_boot=300)
    assert abs(res.r) < 0.35  # the shared downward trend alone is not a link


def test_lagged_bad_arguments():
    d = pd.DataFrame({"a": [1.0]}, index=_days(1))
    with pytest.raises(KeyError, match="`rumination` is not a column"):
        lagged(d)
    with pytest.raises(ValueError, match="`lag` must be 0 or more"):
        lagged(d, x="a", y="a", lag=-1)
