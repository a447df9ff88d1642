"""The quick paths of streaks and urge_stats agree with plain reference computations.

The metrics build their frames without copies and fold counts with integer tricks
(see ``metrics/_tables.py``, ``streaks._priorities``, ``urges._hour_weekday``); these
tests pin the results to the slow, obvious way of computing them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from reflection_kit.frames import URGE_KINDS
from reflection_kit.metrics import day_status, streak_summary, streaks, urge_stats
from reflection_kit.metrics._days import factorize_text, local_days, text_codes
from reflection_kit.metrics._tables import Columns, new_frame


def _random_urges(make_urges, n: int = 300, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2024-03-20")
    minutes = np.sort(rng.integers(0, 60 * 24 * 40, n))  # 40 days, across the DST change
    rows = []
    for m in minutes.tolist():
        rows.append(
            (
                (start + pd.Timedelta(minutes=m)).strftime("%Y-%m-%d %H:%M"),
                URGE_KINDS[int(rng.integers(0, len(URGE_KINDS)))],
                [True, False, None][int(rng.integers(0, 3))],
                float(rng.integers(0, 11)),
                ["alone", "Alone ", "a song", None][int(rng.integers(0, 4))],
                ["breathing", "walk; call a friend", ""][int(rng.integers(0, 3))],
            )
        )
    return make_urges(rows)


@pytest.mark.parametrize("day_starts", [0, 4, 23])
def test_hour_weekday_equals_a_plain_crosstab(make_urges, day_starts):
    urges = _random_urges(make_urges)
    shuffled = urges.sample(frac=1.0, random_state=3)  # row order must not matter
    day = local_days(urges, day_starts)
    expected = (
        pd.crosstab(urges["local_time"].dt.hour, day.dt.day_of_week)
        .reindex(index=range(24), columns=range(7), fill_value=0)
        .to_numpy()
    )
    for frame in (urges, shuffled):
        got = urge_stats(frame, day_starts=day_starts).hour_weekday
        assert got.to_numpy().tolist() == expected.tolist()
        assert list(got.columns) == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


@pytest.mark.parametrize(
    "kind", ["check_social", "any", ["reach_out", "reread"], ["other", "fantasize", "reread"]]
)
def test_day_status_equals_the_first_signal_that_applies(make_urges, kind):
    urges = _random_urges(make_urges, n=200, seed=11)
    chosen = set(URGE_KINDS) if kind == "any" else {kind} if isinstance(kind, str) else set(kind)
    got = day_status(urges, kind=kind, unlogged="unknown")
    day = local_days(urges)
    for d, rows in urges.groupby(day):
        mine = rows[rows["kind"].isin(chosen)]
        if mine["acted"].eq(True).any():
            expected = "checked"
        elif mine["acted"].isna().any():
            expected = "unknown"
        else:
            expected = "clean"
        assert got.loc[d, "status"] == expected, d
    assert not got.loc[~got.index.isin(day.unique()), "logged"].any()


def test_result_frames_do_not_share_what_a_caller_may_change(make_urges):
    urges = _random_urges(make_urges)
    stats = urge_stats(urges)
    stats.intensity.iloc[0, 0] = "changed"
    assert stats.resisted.iloc[0, 0] == "all"
    stats.per_day.columns.name = "renamed"
    assert stats.per_week.columns.name is None
    assert urge_stats(urges).per_day.columns.name is None
    first, second = streaks(urges), streaks(urges)
    first.columns.name = "mine"
    first.loc[0, "days"] = -1
    assert second.columns.name is None and second.loc[0, "days"] >= 0
    summary = streak_summary(urges)
    assert summary.history.columns is not summary.grace_history.columns


def test_new_frame_equals_the_dict_constructor():
    columns = Columns(("week", "n", "rate"))
    arrays = [
        pd.array(["2025-W01", "2025-W02"], dtype="str"),
        np.array([1, 2]),
        np.array([0.5, 1.0]),
    ]
    expected = pd.DataFrame(dict(zip(columns.names, arrays, strict=True)))
    pd.testing.assert_frame_equal(new_frame(columns, arrays), expected, check_exact=True)
    assert new_frame(columns, arrays).columns.dtype == expected.columns.dtype
    with pytest.raises(ValueError, match="2 arrays for 3 columns"):
        new_frame(columns, arrays[:2])
    with pytest.raises(ValueError, match="repeat"):
        Columns(("n", "n"))


@pytest.mark.parametrize("dtype", ["str", "string[pyarrow]", object])
def test_text_codes_and_factorize_text_agree(dtype):
    s = pd.Series(["b", "a", None, "b", "", "a"], dtype=dtype)
    codes, uniques = text_codes(s)
    owned, same = factorize_text(s)
    assert owned.dtype == np.int64 and owned.flags.writeable and same == uniques
    assert np.asarray(codes).tolist() == owned.tolist()
    decoded = [None if c < 0 else uniques[c] for c in owned.tolist()]
    assert decoded == [None if pd.isna(v) else v for v in s.tolist()]
