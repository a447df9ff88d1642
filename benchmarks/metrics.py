"""Benchmark: streaks, streak_summary and urge_stats on 10 years of urges.

Generates 100,000 urges over ten years (fixed seed) as a valid urge frame, then
times ``streaks + streak_summary + urge_stats`` (default arguments:
``kind="check_social"``, strict and grace streaks, every urge_stats frame)
against a plain ``urges.groupby("date").size()`` on the same frame, in the same
run: best of several repeats, and the median ratio of paired runs (the groupby and
the metrics timed one after the other, so a busy spell slows both). Target: the
metrics take at most 10x the plain groupby. Both wall-clock and process CPU time
are reported; on a busy machine the CPU-time ratio is the steadier figure.

Run: ``python benchmarks/metrics.py [--rows 100000] [--repeats 15]``
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from reflection_kit.frames import COPING_STRATEGIES, URGE_KIND_DTYPE, URGE_KINDS, validate_urges
from reflection_kit.metrics import streak_summary, streaks, urge_stats

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import paired

TRIGGERS = (
    "alone in the evening",
    "a song came on",
    "saw a photo",
    "quiet flat",
    "after a glass of wine",
    "bored at work",
    "scrolling on the sofa",
    "",
)


def make_urges(rows: int = 100_000, years: int = 10, seed: int = 20251127) -> pd.DataFrame:
    """A valid urge frame of ``rows`` urges over ``years`` years in Europe/Berlin."""
    rng = np.random.default_rng(seed)
    start = np.datetime64("2015-01-01T00:00", "s")
    span = int(years * 365.25 * 86400)
    secs = np.sort(rng.integers(0, span, rows))
    local = pd.Series((start + secs.astype("timedelta64[s]")).astype("datetime64[us]"))
    acted = rng.random(rows) < np.linspace(0.6, 0.2, rows)  # resisting more over time
    unknown = rng.random(rows) < 0.02
    zone = "Europe/Berlin"
    ts = local.dt.tz_localize(
        zone, nonexistent="shift_forward", ambiguous=np.ones(rows, dtype=bool)
    )
    intensity = np.round(rng.uniform(0, 10, rows))
    intensity[rng.random(rows) < 0.05] = np.nan
    frame = pd.DataFrame(
        {
            "urge_id": pd.Series([f"{i:016x}" for i in range(rows)], dtype="str"),
            "timestamp": ts,
            "date": local.dt.normalize(),
            "kind": pd.Categorical(
                rng.choice(URGE_KINDS, rows, p=[0.25, 0.35, 0.15, 0.15, 0.10]),
                dtype=URGE_KIND_DTYPE,
            ),
            "label": pd.Series(["(generated)"] * rows, dtype="str"),
            "intensity": intensity,
            "acted": pd.array(np.where(unknown, None, acted), dtype="boolean"),
            "trigger": pd.Series(rng.choice(TRIGGERS, rows), dtype="str"),
            "coping": pd.Series(rng.choice([*COPING_STRATEGIES, ""], rows), dtype="str"),
            "note": pd.Series([""] * rows, dtype="str"),
            "source": pd.Series(["urgelog"] * rows, dtype="str"),
            "local_time": local,
            "tz": pd.Series([zone] * rows, dtype="str"),
            "origin": pd.Series([f"bench.csv line {i + 2}" for i in range(rows)], dtype="str"),
        }
    )
    return validate_urges(frame)


def best_of(fn: Callable[[], object], repeats: int, clock=time.perf_counter) -> float:
    """Best (smallest) time of ``repeats`` calls, in seconds, on ``clock``."""
    best = float("inf")
    for _ in range(repeats):
        t0 = clock()
        fn()
        best = min(best, clock() - t0)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    urges = make_urges(args.rows)
    days = urges["date"].nunique()
    print(
        f"{len(urges):,} urges over {days:,} days ({urges['date'].min():%Y-%m-%d} to "
        f"{urges['date'].max():%Y-%m-%d}); pandas {pd.__version__}, numpy {np.__version__}, "
        f"pyarrow {pa.__version__}, text columns {urges['trigger'].dtype}"
    )

    def baseline() -> object:
        return urges.groupby("date").size()

    def metrics() -> object:
        streaks(urges)
        streak_summary(urges)
        return urge_stats(urges)

    parts = {
        "streaks": lambda: streaks(urges),
        "streak_summary": lambda: streak_summary(urges),
        "urge_stats": lambda: urge_stats(urges),
        "urge_stats by month": lambda: urge_stats(urges, by="month"),
    }
    for fn in (baseline, metrics):  # warm up
        fn()
    # wall-clock time, and CPU time of this process (steadier on a busy machine)
    for label, clock in (("wall", time.perf_counter), ("cpu", time.process_time)):
        base, total, median = paired(baseline, metrics, args.repeats, clock)
        print(f"[{label}] groupby('date').size(): {base * 1e3:8.2f} ms")
        for name, fn in parts.items():
            print(f"[{label}]   {name:<20}  {best_of(fn, args.repeats, clock) * 1e3:8.2f} ms")
        print(f"[{label}] metrics (all three):    {total * 1e3:8.2f} ms")
        print(
            f"[{label}] ratio: {total / base:.1f}x best to best, {median:.1f}x median of "
            f"{args.repeats} paired runs (target <= 10x)"
        )


if __name__ == "__main__":
    main()
