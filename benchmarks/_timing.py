"""Timing shared by the benchmarks that compare a measured call with its floor."""

from __future__ import annotations

import time
from collections.abc import Callable

__all__ = ["paired"]


def paired(
    base: Callable[[], object], other: Callable[[], object], repeats: int, clock=time.perf_counter
) -> tuple[float, float, float]:
    """Best time of ``base``, best time of ``other`` and the median of their paired ratios.

    The two are timed one after the other in each repeat, so a slow spell of a busy machine
    falls on both alike; the median of the ``repeats`` per-pair ratios is the steadier figure.
    """
    bases, others = [], []
    for _ in range(repeats):
        t0 = clock()
        base()
        t1 = clock()
        other()
        t2 = clock()
        bases.append(t1 - t0)
        others.append(t2 - t1)
    ratios = sorted(o / b for b, o in zip(bases, others, strict=True) if b > 0)
    return min(bases), min(others), ratios[len(ratios) // 2] if ratios else float("nan")
