"""Renamed arguments and moved names keep working for a while, with a DeprecationWarning."""

from __future__ import annotations

import pandas as pd
import pytest

import reflection_kit as rk
import reflection_kit.metrics as metrics
from reflection_kit.metrics.trends import Comparison


@pytest.fixture
def panel() -> pd.DataFrame:
    days = pd.date_range("2025-03-03", periods=30, name="date")
    return pd.DataFrame(
        {"urges": [3.0 - 0.1 * i for i in range(30)], "rumination": [1.0] * 30}, index=days
    )


def test_compare_takes_the_panel_first_and_the_old_keyword_warns(panel):
    periods = {"before": ("2025-03-03", "2025-03-16"), "after": ("2025-03-17", "2025-04-01")}
    new = rk.compare(panel, **periods)
    with pytest.warns(DeprecationWarning, match="`daily=` is now called `panel=`"):
        old = rk.compare(daily=panel, **periods)
    pd.testing.assert_frame_equal(new, old)
    with pytest.raises(TypeError, match="first argument twice"):
        rk.compare(panel, daily=panel, **periods)


def test_lagged_takes_the_panel_first_and_the_old_keyword_warns(panel):
    new = rk.lagged(panel, x="rumination", y="urges")
    with pytest.warns(DeprecationWarning, match="`panel=`"):
        old = rk.lagged(daily=panel, x="rumination", y="urges")
    assert str(new) == str(old)


def test_comparison_is_the_row_type_of_compare_and_no_longer_top_level(panel):
    assert "Comparison" not in rk.__all__ and "Comparison" not in metrics.__all__
    for module in (rk, metrics):
        with pytest.warns(DeprecationWarning, match="reflection_kit.metrics.trends"):
            assert module.Comparison is Comparison
    row = rk.compare(
        panel, before=("2025-03-03", "2025-03-16"), after=("2025-03-17", "2025-04-01")
    )
    fields = row.loc["urges"].drop("summary").to_dict()
    assert str(Comparison("urges", **fields)) == row.loc["urges", "summary"]


def test_an_unknown_name_is_still_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        rk.nope  # noqa: B018
