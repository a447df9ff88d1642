"""Logged vs shown and merge_urges: coverage, statuses, no double counting, metrics unchanged."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

import reflection_kit as rk
from reflection_kit.frames import validate_urges
from reflection_kit.metrics.evidence import STATUSES
from reflection_kit.sample import SAMPLE_DOWNLOADS, SAMPLE_PERSON

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def _evidence(build_urges, rows, source="whatsapp", hits=None):
    frame = build_urges([(t, k, True) for t, k in rows], source=source)
    frame["hits"] = pd.Series(hits or [1] * len(rows), dtype="int64")
    return frame


@pytest.fixture(scope="module")
def sample_frames():
    log = rk.read_urges(SAMPLE / "urges.csv", tz="Europe/Berlin")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # every sample download loads cleanly
        shown = rk.read_urges(
            [SAMPLE / p for p in SAMPLE_DOWNLOADS], person=list(SAMPLE_PERSON), tz="Europe/Berlin"
        )
    return log, shown


def test_each_status_and_the_counts(make_urges):
    build_urges = make_urges
    log = build_urges(
        [
            ("2025-03-03 20:00", "reach_out", True),  # both
            ("2025-03-04 20:00", "reach_out", False),  # resisted: clean; shown -> only downloads
            ("2025-03-05 21:00", "reach_out", True),  # only in log
            ("2025-03-06 09:00", "reread", True),  # nothing of the kind: clean, neither
            ("2025-03-07 09:00", "reach_out", None),  # outcome missing: clean (event log)
        ]
    )
    shown = _evidence(
        build_urges,
        [
            ("2025-03-03 20:05", "reach_out"),
            ("2025-03-03 20:06", "reach_out"),
            ("2025-03-04 22:00", "reach_out"),
            ("2025-03-07 10:00", "reach_out"),
        ],
    )
    result = rk.logged_vs_shown(log, shown, kinds="reach_out")
    days = result.days
    assert list(days["status"]) == [
        "both",
        "only in downloads",
        "only in log",
        "neither",
        "only in downloads",
    ]
    assert list(days["logged"]) == [1, 0, 1, 0, 0]
    assert list(days["shown"]) == [2, 1, 0, 0, 1]
    row = result.to_dict()["reach_out"]
    assert row["days_compared"] == 5
    assert (row["both"], row["only_in_downloads"], row["only_in_log"], row["neither"]) == (
        1,
        2,
        1,
        1,
    )
    assert row["shown"] == 4 and row["logged"] == 2
    assert list(days["status"].cat.categories) == list(STATUSES)
    # with unknown days not clean, the missing outcome is "log does not say"
    unk = rk.logged_vs_shown(log, shown, kinds="reach_out", unlogged="unknown")
    assert unk.days["status"].iloc[-1] == "log does not say"
    assert unk.days["status"].iloc[3] == "neither"  # a logged day (another kind): clean


def test_days_outside_either_coverage_are_not_compared(make_urges):
    build_urges = make_urges
    log = build_urges(
        [("2025-03-10 20:00", "reach_out", False), ("2025-03-20 20:00", "reread", True)]
    )
    shown = _evidence(
        build_urges,
        [
            ("2025-03-01 20:00", "reach_out"),  # before the log: not a disagreement
            ("2025-03-12 20:00", "reach_out"),
            ("2025-03-15 20:00", "reach_out"),
            ("2025-03-30 20:00", "reach_out"),  # after the log
        ],
    )
    result = rk.logged_vs_shown(log, shown, kinds=["reach_out", "check_social"])
    s = result.summary
    assert s.loc["reach_out", "days_compared"] == 11  # the log's 10th..20th
    assert s.loc["reach_out", "first_day"] == pd.Timestamp("2025-03-10")
    assert s.loc["reach_out", "last_day"] == pd.Timestamp("2025-03-20")
    assert s.loc["reach_out", "only_in_downloads"] == 2
    assert s.loc["reach_out", "shown_outside"] == 2
    # no check_social row in the downloads: nothing is compared for it
    assert s.loc["check_social", "days_compared"] == 0
    assert set(result.days["kind"]) == {"reach_out"}
    assert "no day is covered by both" in str(result)
    clipped = rk.logged_vs_shown(log, shown, kinds="reach_out", start="2025-03-14")
    assert clipped.summary.loc["reach_out", "days_compared"] == 7


def test_bad_arguments(make_urges):
    build_urges = make_urges
    log = build_urges([("2025-03-10 20:00", "reach_out", False)])
    with pytest.raises(ValueError, match="urge kinds"):
        rk.logged_vs_shown(log, log, kinds="texting")
    with pytest.raises(ValueError, match="after `end`"):
        rk.logged_vs_shown(log, log, start="2025-03-10", end="2025-03-01")
    with pytest.raises(ValueError, match="window"):
        rk.merge_urges(log, log, window="soon")
    with pytest.raises(ValueError, match="zero or more"):
        rk.merge_urges(log, log, window="-5min")
    with pytest.raises(rk.SchemaError):
        rk.logged_vs_shown(log, pd.DataFrame({"x": [1]}))


def test_merge_counts_an_event_once(make_urges):
    build_urges = make_urges
    log = build_urges(
        [
            ("2025-03-03 20:00", "reach_out", True),
            ("2025-03-04 20:00", "check_social", True),
            ("2025-03-05 20:00", "reach_out", False),
        ]
    )
    shown = _evidence(
        build_urges,
        [
            ("2025-03-03 20:10", "reach_out"),  # the logged message, and two more in a row:
            ("2025-03-03 20:35", "reach_out"),  # one episode (each within 30 min of the last)
            ("2025-03-03 21:00", "reach_out"),
            ("2025-03-04 20:20", "reach_out"),  # another kind than the log's check: added
            ("2025-03-05 23:00", "reach_out"),  # the log resisted at 20:00: a new episode
            ("2025-03-05 23:20", "reach_out"),
        ],
        hits=[1, 1, 1, 1, 1, 2],
    )
    merged = rk.merge_urges(log, shown)
    assert list(merged["seen_in"]) == ["both", "log", "downloads", "log", "downloads"]
    assert list(merged["hits"].astype("float").fillna(-1)) == [-1, -1, 1, -1, 3]
    assert list(merged["source"]) == ["urgelog", "urgelog", "whatsapp", "urgelog", "whatsapp"]
    validate_urges(merged)
    # zero window: only the same minute is the same event, no episodes
    exact = rk.merge_urges(log, shown, window="0min")
    assert (exact["seen_in"] == "downloads").sum() == 6
    # the metrics count the merged days, once each
    s = rk.streak_summary(merged, kind="reach_out", grace=0)
    assert (s.days_in_range, s.checked_days) == (3, 3)
    stats = rk.urge_stats(merged)
    assert int(stats.resisted.set_index("group").loc["all", "acted"]) == 4


def test_metrics_work_unchanged_on_the_sample_evidence_and_merge(sample_frames):
    log, shown = sample_frames
    assert set(shown["acted"]) == {True}
    for kind in ("reach_out", "check_social"):
        s = rk.streak_summary(shown, kind=kind)
        assert s.checked_days == shown.loc[shown["kind"] == kind, "date"].nunique()
        assert len(rk.streaks(shown, kind=kind)) >= 1
    stats = rk.urge_stats(shown)
    assert int(stats.resisted.set_index("group").loc["all", "acted"]) == len(shown)
    merged = rk.merge_urges(log, shown)
    validate_urges(merged)
    assert merged["time_known"].dtype == bool
    assert len(merged) < len(log) + len(shown)
    assert (merged["seen_in"] != "downloads").sum() == len(log)
    for kind in ("reach_out", "check_social"):
        checked = rk.day_status(merged, kind=kind)
        acted_days = set(
            merged.loc[(merged["kind"] == kind) & merged["acted"].fillna(False), "date"]
        )
        assert set(checked.index[checked["status"] == "checked"]) == acted_days
    rk.urge_stats(merged)
    rk.streaks(merged, kind="reach_out")


def test_sample_comparison_has_something_to_show(sample_frames):
    log, shown = sample_frames
    result = rk.logged_vs_shown(log, shown)
    s = result.summary
    for kind in ("reach_out", "check_social"):
        for col in ("both", "only_in_downloads", "only_in_log", "neither"):
            assert s.loc[kind, col] > 0, (kind, col)
    assert s.loc["reach_out", "shown_outside"] > 0  # the chat is older than the log
    cols = ["both", "only_in_downloads", "only_in_log", "neither", "log_does_not_say"]
    total = s[cols].sum(axis=1)
    assert (total == s["days_compared"]).all()
