"""Clock times of every year 0001-9999 are read as written (the fast column path too)."""

from __future__ import annotations

import warnings

import pandas as pd

import reflection_kit as rk
from reflection_kit.sources._times import parse_times


def test_the_fast_path_reads_early_and_late_years_exactly():
    values = ["0001-01-01 00:00", "0303-05-01 00:00", "1850-03-01 10:00:05", "9999-12-31 23:59"]
    t = parse_times(pd.Series(values))
    assert t.ok.tolist() == [True] * 4
    years = [pd.Timestamp(v).year for v in t.local]
    assert years == [1, 303, 1850, 9999]  # year 1 was once read as 303


def test_an_urge_logged_in_year_one_keeps_its_year(tmp_path):
    path = tmp_path / "urges.csv"
    path.write_text(
        "timestamp,kind,acted\n"
        "0001-01-01 00:00,check_social,no\n"
        "2025-03-01 10:00,check_social,no\n"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        df = rk.read_urges(path, tz="UTC")
    assert sorted(ts.year for ts in df["timestamp"]) == [1, 2025]
