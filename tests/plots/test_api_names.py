"""Issue 13: every ``plot_*`` takes its data first, as ``data``; old keyword names still work.

The old names (``daily=``, ``urges=``, ``stats_or_urges=``, ``streaks_or_curve=``) are
accepted with a DeprecationWarning; the positional form never warns.
"""

from __future__ import annotations

import inspect
import warnings

import pandas as pd
import pytest

import reflection_kit.plots as plots

from ._helpers import build_daily

STREAKS = pd.DataFrame({"days": [2, 3, 3, 7, 1, 5], "ended": [True] * 5 + [False]})
OLD = {
    "plot_rumination": "daily",
    "plot_tone": "daily",
    "plot_calendar": "daily",
    "plot_urges_weekly": "daily",
    "plot_urge_clock": "urges",
    "plot_coping": "stats_or_urges",
    "plot_time_to_lapse": "streaks_or_curve",
}


def _value(name: str, sample_urges: pd.DataFrame):
    if name == "plot_time_to_lapse":
        return STREAKS
    if name in ("plot_urge_clock", "plot_coping"):
        return sample_urges
    return build_daily(days=14)


def test_every_plot_function_takes_data_first():
    names = [n for n in plots.__all__ if n.startswith("plot_")]
    assert set(OLD) <= set(names)
    for name in names:
        params = list(inspect.signature(getattr(plots, name)).parameters)
        assert params[0] == "data", name


@pytest.mark.parametrize("name", list(OLD))
def test_old_keyword_warns_and_draws_the_same(name, sample_urges, ax):
    func = getattr(plots, name)
    value = _value(name, sample_urges)
    with pytest.warns(DeprecationWarning, match=f"`{OLD[name]}=` is now called `data=`"):
        old = func(ax=ax, **{OLD[name]: value})
    import matplotlib.pyplot as plt

    _fig, ax2 = plt.subplots()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        new = func(value, ax=ax2)
    assert old.get_title() == new.get_title()
    assert len(old.collections) == len(new.collections)
    with pytest.raises(TypeError, match="first argument twice"):
        func(value, ax=ax, **{OLD[name]: value})
