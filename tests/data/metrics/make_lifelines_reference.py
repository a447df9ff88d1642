"""Produce lifelines_km_reference.json: lifelines' Kaplan–Meier numbers on one fixture.

reflection-kit computes Kaplan–Meier in NumPy (lifelines 0.30 needs pandas<3);
tests/metrics/test_survival.py pins our numbers to the ones stored here.

How the stored file was made (once, offline afterwards):

    python -m venv /tmp/lifelines-ref
    /tmp/lifelines-ref/bin/pip install "lifelines==0.30.3" "pandas<3"
    /tmp/lifelines-ref/bin/python tests/data/metrics/make_lifelines_reference.py

The durations are streak lengths in days; ``ended`` is True for a lapse and
False for a censored streak (still running, or cut by an unlogged day). They
include ties between events, ties between an event and a censored streak, and
a censored longest streak.
"""

from __future__ import annotations

import json
import platform
from pathlib import Path

import numpy as np
import pandas as pd

DURATIONS = [1, 1, 2, 3, 3, 3, 4, 5, 5, 6, 8, 8, 9, 11, 12, 14, 14, 17, 21, 30]
ENDED = [
    True, True, False, True, True, False, True, True, True, False,
    True, True, True, False, True, True, False, True, False, False,
]  # fmt: skip
# a second, small fixture whose median is not reached and whose curve ends at 0
SMALL_DURATIONS = [2, 4, 4, 9]
SMALL_ENDED = [True, False, False, False]
ALL_ENDED_DURATIONS = [1, 2, 2, 3]
ALL_ENDED = [True, True, True, True]


def fit(durations: list[int], ended: list[bool]) -> dict:
    from lifelines import KaplanMeierFitter
    from lifelines.utils import median_survival_times

    kmf = KaplanMeierFitter().fit(durations, event_observed=ended)  # alpha=0.05, the default
    sf = kmf.survival_function_.iloc[:, 0]
    ci = kmf.confidence_interval_
    table = kmf.event_table
    median_ci = median_survival_times(kmf.confidence_interval_)
    return {
        "durations": durations,
        "ended": ended,
        "time": [float(t) for t in sf.index],
        "at_risk": [int(v) for v in table["at_risk"]],
        "events": [int(v) for v in table["observed"]],
        "censored": [int(v) for v in table["censored"]],
        "survival": [float(v) for v in sf],
        "ci_lower": [float(v) for v in ci.iloc[:, 0]],
        "ci_upper": [float(v) for v in ci.iloc[:, 1]],
        "median": float(kmf.median_survival_time_),
        "median_ci": [float(v) for v in np.asarray(median_ci).ravel()],
    }


def main() -> None:
    import lifelines

    out = {
        "_comment": (
            "Made by tests/data/metrics/make_lifelines_reference.py with "
            f"lifelines {lifelines.__version__}, pandas {pd.__version__}, "
            f"Python {platform.python_version()}. Infinity means 'not reached'."
        ),
        "main": fit(DURATIONS, ENDED),
        "not_reached": fit(SMALL_DURATIONS, SMALL_ENDED),
        "all_ended": fit(ALL_ENDED_DURATIONS, ALL_ENDED),
    }
    path = Path(__file__).with_name("lifelines_km_reference.json")
    path.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
