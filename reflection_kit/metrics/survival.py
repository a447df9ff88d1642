"""Time to lapse: Kaplan–Meier on streak lengths.

Each streak is one observation: its length in clean days, and whether it
ended in a lapse (an event) or is still running (right-censored). A streak
cut short by an unlogged day (``ended_by == "gap"``, under
``unlogged="unknown"``) is censored too: nobody knows that a lapse happened.

The estimate, its confidence band and the median follow lifelines'
``KaplanMeierFitter`` defaults exactly (checked against lifelines 0.30.3 in
the tests), in plain NumPy so that lifelines is not a dependency:

* the timeline holds 0 and every distinct streak length;
* ``S(t) = prod(1 - d_i / n_i)`` over times up to ``t``;
* the band is the exponential Greenwood ("log(-log)") interval,
  ``exp(-exp(log(-log S) ± z·sqrt(V) / log S))`` with
  ``V = sum d_i / (n_i (n_i - d_i))`` (terms with ``n_i == d_i`` set to 0), and 1
  where ``S == 1``;
* the median is the first time with ``S(t) <= 0.5``; its interval is where the
  lower and upper band first reach 0.5. ``inf`` means "not reached".
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import SchemaError
from ._days import warn_note
from ._stats import normal_quantile

__all__ = ["LapseCurve", "time_to_lapse"]

_TABLE_COLUMNS = ("time", "at_risk", "events", "censored", "survival", "ci_lower", "ci_upper")


@dataclass(frozen=True)
class LapseCurve:
    """The Kaplan–Meier estimate of :func:`time_to_lapse`.

    Attributes
    ----------
    table : DataFrame
        ``time`` (days), ``at_risk`` (streaks still going at the start of that
        day count), ``events`` (lapses), ``censored``, ``survival`` (share of
        streaks expected to last beyond ``time``), ``ci_lower``, ``ci_upper``.
    median : float
        Streak length that half the streaks outlast; ``inf`` when survival
        never falls to 0.5, NaN when there is no streak.
    median_ci : tuple of float
        Interval of the median; each end may be ``inf`` (not reached).
    n, events, censored : int
        Streaks, lapses, and streaks still running (or cut by a gap).
    confidence : float
    note : str
    """

    table: pd.DataFrame = field(repr=False)
    median: float
    median_ci: tuple[float, float]
    n: int
    events: int
    censored: int
    confidence: float = 0.95
    note: str = ""

    @property
    def median_defined(self) -> bool:
        """True when half of the streaks are known to have ended."""
        return math.isfinite(self.median)

    def at_risk(self, t: float) -> int:
        """Streaks still going at the start of day count ``t``."""
        tab = self.table
        if not len(tab):
            return 0
        later = tab[tab["time"] >= t]
        if len(later):
            return int(later["at_risk"].iloc[0])
        return 0


def _first_at_or_below(times: np.ndarray, curve: np.ndarray, q: float = 0.5) -> float:
    if not len(curve):
        return math.nan
    hit = np.flatnonzero(curve <= q)
    return float(times[hit[0]]) if len(hit) else math.inf


def time_to_lapse(
    streaks: pd.DataFrame,
    *,
    duration: str = "days",
    event: str = "ended",
    confidence: float = 0.95,
) -> LapseCurve:
    """Kaplan–Meier survival of streaks: how long a streak usually lasts.

    Parameters
    ----------
    streaks : pandas.DataFrame
        The frame of :func:`reflection_kit.streaks` (or any frame with a
        duration and an event column); it is not modified.
    duration : str, default "days"
        Column of streak lengths (non-negative numbers).
    event : str, default "ended"
        Column that is True when the streak ended in a lapse. When the frame
        has ``ended_by``, streaks ended by a ``"gap"`` are censored.
    confidence : float, default 0.95
        Coverage of the band and of the median interval.

    Returns
    -------
    LapseCurve
        The survival ``table``, ``median`` and ``median_ci``, ``n``,
        ``events``, ``censored`` and ``at_risk(t)``.

    Raises
    ------
    SchemaError
        When ``duration`` or ``event`` is not a column.
    ValueError
        When a duration is negative or missing.

    Examples
    --------
    >>> import pandas as pd
    >>> from reflection_kit.metrics import time_to_lapse
    >>> s = pd.DataFrame({"days": [2, 3, 3, 7], "ended": [True, True, False, False]})
    >>> curve = time_to_lapse(s)
    >>> curve.table["survival"].round(3).tolist()
    [1.0, 0.75, 0.5, 0.5]
    >>> curve.median
    3.0
    """
    if not isinstance(streaks, pd.DataFrame):
        raise SchemaError(
            f"expected a streaks frame (from rk.streaks), got {type(streaks).__name__}."
        )
    missing = [c for c in (duration, event) if c not in streaks.columns]
    if missing:
        raise SchemaError(
            f"the streaks frame is missing column(s) {missing}; it has "
            f"{list(streaks.columns)}. Suggestion: pass rk.streaks(urges), or name your "
            "columns with duration=... and event=....",
            columns=missing,
        )
    z = normal_quantile(confidence)
    durations = pd.to_numeric(streaks[duration], errors="coerce").to_numpy(dtype=float)
    if np.isnan(durations).any() or (durations < 0).any():
        bad = streaks[duration][np.isnan(durations) | (durations < 0)].iloc[0]
        raise ValueError(
            f"`{duration}` must hold non-negative streak lengths, found {bad!r}. "
            "Suggestion: drop or fix that row."
        )
    observed = streaks[event].astype("boolean").fillna(False).to_numpy(dtype=bool)
    if "ended_by" in streaks.columns:
        observed &= streaks["ended_by"].astype(str).to_numpy() != "gap"
    n = len(durations)
    if n == 0:
        note = "no streaks to measure: the streaks frame is empty."
        warn_note(note)
        empty = pd.DataFrame({c: pd.Series([], dtype=float) for c in _TABLE_COLUMNS})
        for c in ("at_risk", "events", "censored"):
            empty[c] = empty[c].astype("int64")
        return LapseCurve(empty, math.nan, (math.nan, math.nan), 0, 0, 0, confidence, note)
    times, inv = np.unique(durations, return_inverse=True)
    if times[0] != 0:
        times = np.concatenate(([0.0], times))
        inv = inv + 1
    d = np.bincount(inv, weights=observed, minlength=len(times)).astype(np.int64)
    removed = np.bincount(inv, minlength=len(times)).astype(np.int64)
    at_risk = n - np.concatenate(([0], np.cumsum(removed)[:-1]))
    with np.errstate(divide="ignore", invalid="ignore"):
        survival = np.cumprod(1.0 - d / at_risk)
        terms = d / (at_risk * (at_risk - d).astype(float))
        terms[~np.isfinite(terms)] = 0.0
        var = np.cumsum(terms)
        v = np.log(survival)
        lower = np.exp(-np.exp(np.log(-v) - z * np.sqrt(var) / v))
        upper = np.exp(-np.exp(np.log(-v) + z * np.sqrt(var) / v))
    lower = np.where(np.isnan(lower), 1.0, lower)
    upper = np.where(np.isnan(upper), 1.0, upper)
    table = pd.DataFrame(
        {
            "time": times,
            "at_risk": at_risk,
            "events": d,
            "censored": removed - d,
            "survival": survival,
            "ci_lower": lower,
            "ci_upper": upper,
        }
    )
    median = _first_at_or_below(times, survival)
    median_ci = (_first_at_or_below(times, lower), _first_at_or_below(times, upper))
    note = "" if math.isfinite(median) else "the median is not reached: over half still run"
    return LapseCurve(
        table=table,
        median=median,
        median_ci=median_ci,
        n=n,
        events=int(observed.sum()),
        censored=int(n - observed.sum()),
        confidence=float(confidence),
        note=note,
    )
