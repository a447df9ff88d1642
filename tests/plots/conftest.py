"""Fixtures for the plot tests (Agg, closed figures and `rng` come from tests/conftest.py)."""

from __future__ import annotations

import warnings

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from ._helpers import SAMPLE, build_daily


@pytest.fixture
def daily() -> pd.DataFrame:
    return build_daily()


@pytest.fixture
def make_daily():
    return build_daily


@pytest.fixture(scope="session")
def sample_urges() -> pd.DataFrame:
    import reflection_kit as rk

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return rk.read_urges(SAMPLE / "urges.csv")


@pytest.fixture(scope="session")
def sample() -> dict:
    """The fixed-seed sample, scored once: its journal, urges, daily panel, stats, streaks."""
    import reflection_kit as rk

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        journal = rk.score_entries(rk.read_journal(SAMPLE / "notes"), people=["Alex"], cache=False)
        urges = rk.read_urges(SAMPLE / "urges.csv")
        return {
            "journal": journal,
            "urges": urges,
            "panel": rk.daily(journal, urges),
            "stats": rk.urge_stats(urges),
            "streaks": rk.streaks(urges),
        }


@pytest.fixture
def ax():
    _fig, ax = plt.subplots()
    return ax
