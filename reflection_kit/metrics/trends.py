"""Trends and comparisons on the daily panel, each with its n and in plain words.

* :func:`trend`: Theil–Sen slope with the Mann–Kendall test (Kendall's tau of
  the values against time), robust to outliers and to gaps.
* :func:`compare`: two periods side by side, with Cliff's delta as the effect
  size (how often a day of one period is higher than a day of the other).
* :func:`lagged`: does today's ``x`` go with tomorrow's ``y``? Spearman r on
  series centred on the person's own mean and detrended, with a bootstrap
  interval; fewer than ``min_pairs`` paired days gives "not enough data".
  Always an association, never a cause.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from .._deprecation import renamed_first_arg
from .._words import plural, span_words
from ._rank_tests import kendall_tau, mann_whitney_p, theil_sen

__all__ = ["MIN_TREND_N", "Comparison", "Lagged", "Trend", "compare", "lagged", "trend"]

MIN_LAG_PAIRS = 14
#: Fewer days with a value than this: :meth:`Trend.in_words` says there is not enough yet.
MIN_TREND_N = 10


def _as_days(index: pd.Index) -> np.ndarray:
    if isinstance(index, pd.DatetimeIndex):
        return ((index - index.min()) / pd.Timedelta(days=1)).to_numpy(dtype=float)
    return np.asarray(index, dtype=float)


@dataclass(frozen=True)
class Trend:
    """A Theil–Sen slope with its Mann–Kendall test.

    ``slope`` is in units of the series per day (per index step for a
    non-date index); ``low``/``high`` bound it at 95%; ``p`` is the two-sided
    Mann–Kendall p-value; ``n`` the number of non-missing points; ``span`` the days
    from the first to the last point, both counted (NaN for a non-date index).
    :meth:`in_words` says it for people, :meth:`details` gives the statistics.
    """

    slope: float
    low: float
    high: float
    tau: float
    p: float
    n: int
    name: str = ""
    span: float = float("nan")

    @property
    def direction(self) -> str:
        """``"falling"``, ``"rising"``, ``"flat"`` or ``"not enough data"``."""
        if self.n < 3 or np.isnan(self.slope):
            return "not enough data"
        if self.p >= 0.05 or self.slope == 0:
            return "flat"
        return "rising" if self.slope > 0 else "falling"

    def __str__(self) -> str:
        label = self.name or "the series"
        if self.direction == "not enough data":
            return f"{label}: not enough data for a trend (n={self.n})."
        word = {"flat": "no clear trend", "rising": "rising", "falling": "falling"}[self.direction]
        return (
            f"{label}: {word} (Theil–Sen slope {self.slope:+.3g} per day, 95% CI "
            f"{self.low:+.3g} to {self.high:+.3g}; Mann–Kendall p={self.p:.3g}; n={self.n})."
        )

    def to_dict(self) -> dict[str, float | int | str]:
        """The fields and the direction as a plain dict."""
        return asdict(self) | {"direction": self.direction}

    def strength(self, min_n: int = MIN_TREND_N) -> str:
        """``"not enough"``, ``"none"``, ``"some"`` or ``"clear"``: how sure the change is.

        ``"clear"``: Mann–Kendall p < 0.01 and the 95% interval of the slope leaves out 0;
        ``"some"``: p < 0.05; ``"none"`` otherwise; ``"not enough"`` below ``min_n`` points.
        """
        if self.n < min_n or np.isnan(self.slope):
            return "not enough"
        if self.direction == "flat":
            return "none"
        excludes_zero = (self.high < 0) if self.slope < 0 else (self.low > 0)
        return "clear" if self.p < 0.01 and excludes_zero else "some"

    def in_words(
        self,
        *,
        lower: str = "",
        higher: str = "",
        what: str = "days with a value",
        min_n: int = MIN_TREND_N,
    ) -> str:
        """The trend as a sentence for people: no statistics, only what they support.

        Parameters
        ----------
        lower, higher : str, optional
            What a lower (higher) value means, said after the direction, for example
            ``"less looping language"``. Say what the measure counts; not "better".
        what : str, default "days with a value"
            What one point is, for the "not enough yet" sentence.
        min_n : int, default MIN_TREND_N
            Below this many points the sentence says there is not enough yet, and why.

        Returns
        -------
        str

        Examples
        --------
        >>> import pandas as pd
        >>> from reflection_kit.metrics.trends import trend
        >>> days = pd.date_range("2025-03-03", periods=28)
        >>> t = trend(pd.Series([3.0 - 0.1 * i for i in range(28)], index=days, name="Index"))
        >>> t.in_words(lower="less looping language")
        'Index: clearly falling over the 4 weeks (less looping language).'
        >>> trend(pd.Series([1.0, 2.0, 1.5], index=days[:3], name="Index")).in_words()
        ... # doctest: +NORMALIZE_WHITESPACE
        'Index: not enough days with a value yet to describe a trend (3 so far; at least 10
        are needed).'
        """
        label = self.name or "The measure"
        strength = self.strength(min_n)
        if strength == "not enough":
            return (
                f"{label}: not enough {what} yet to describe a trend ({self.n} so far; at "
                f"least {min_n} are needed)."
            )
        over = f"over the {span_words(self.span)}" if not np.isnan(self.span) else "over time"
        if strength == "none":
            return f"{label}: no clear change {over}."
        falling = self.slope < 0
        meaning = lower if falling else higher
        tail = f" ({meaning})" if meaning else ""
        if strength == "clear":
            return f"{label}: clearly {'falling' if falling else 'rising'} {over}{tail}."
        return f"{label}: a little {'lower' if falling else 'higher'} {over}{tail}."

    def details(self, unit: str = "day", point: str = "point") -> str:
        """The statistics behind :meth:`in_words`, for the coach, with n.

        Parameters
        ----------
        unit : str, default "day"
            What one step of the index is (``"day"`` for a date index).
        point : str, default "point"
            What one value is, for n (``"day"``: "n=98 days").

        Returns
        -------
        str

        Examples
        --------
        >>> import pandas as pd
        >>> from reflection_kit.metrics.trends import trend
        >>> trend(pd.Series([5, 4, 4, 3, 2, 2, 1.0])).details("entry")
        'Theil–Sen slope -0.667 per entry (95% CI -1 to -0.5); Mann–Kendall p=0.0035; n=7 points.'
        """
        if np.isnan(self.slope):
            return f"Too few values for a slope; n={plural(self.n, point)}."
        return (
            f"Theil–Sen slope {self.slope:+.3g} per {unit} (95% CI {self.low:+.3g} to "
            f"{self.high:+.3g}); Mann–Kendall p={self.p:.3g}; n={plural(self.n, point)}."
        )


def trend(series: pd.Series) -> Trend:
    """Theil–Sen slope and Mann–Kendall p of a series over time.

    Parameters
    ----------
    series : pandas.Series
        Values indexed by date (a daily panel column) or by position. Missing
        values are left out, never filled.

    Returns
    -------
    Trend
        ``slope`` (per day), its 95% interval ``low``/``high``, Kendall's ``tau``,
        the Mann–Kendall ``p`` and ``n``; ``str()`` reads it in plain words.

    Examples
    --------
    >>> import pandas as pd
    >>> from reflection_kit.metrics.trends import trend
    >>> s = pd.Series([5, 4, 4, 3, 2, 2, 1.0], index=pd.date_range("2025-03-03", periods=7))
    >>> t = trend(s)
    >>> t.direction, t.n, round(t.slope, 2)
    ('falling', 7, -0.67)
    """
    s = pd.to_numeric(series, errors="coerce").dropna()
    n = len(s)
    name = str(series.name) if series.name is not None else ""
    span = float("nan")
    if n and isinstance(s.index, pd.DatetimeIndex):
        span = float((s.index.max() - s.index.min()) / pd.Timedelta(days=1)) + 1
    if n < 3 or s.nunique() < 2:
        return Trend(
            np.nan if n < 3 else 0.0,
            np.nan,
            np.nan,
            np.nan,
            np.nan if n < 3 else 1.0,
            n,
            name,
            span,
        )
    x = _as_days(s.index)
    values = s.to_numpy(dtype=float)
    slope, low, high = theil_sen(values, x, confidence=0.95)
    tau, p = kendall_tau(x, values)
    return Trend(
        slope,
        low,
        high,
        tau,
        p,
        n,
        name,
        span,
    )


def _cliffs_delta(a: np.ndarray, b: np.ndarray) -> float:
    gt = (a[:, None] > b[None, :]).sum()
    lt = (a[:, None] < b[None, :]).sum()
    return float((gt - lt) / (len(a) * len(b)))


def _magnitude(d: float) -> str:
    a = abs(d)
    if a < 0.147:
        return "negligible"
    if a < 0.33:
        return "small"
    if a < 0.474:
        return "medium"
    return "large"


@dataclass(frozen=True)
class Comparison:
    """Two periods compared on one column; ``str()`` says it in plain words.

    One row of :func:`compare` (which returns them as a DataFrame, one row per column).
    Import it from :mod:`reflection_kit.metrics.trends`; it is not a top-level name.
    """

    column: str
    before_mean: float
    after_mean: float
    n_before: int
    n_after: int
    difference: float
    cliffs_delta: float
    magnitude: str
    p: float

    def __str__(self) -> str:
        if self.n_before == 0 or self.n_after == 0:
            return (
                f"{self.column}: not enough data to compare (n={self.n_before} days before, "
                f"n={self.n_after} after)."
            )
        if self.magnitude == "negligible":
            word = "about the same"
        else:
            word = "higher" if self.after_mean > self.before_mean else "lower"
        return (
            f"{self.column}: {word} in the second period (mean {self.after_mean:.3g}, "
            f"n={self.n_after} days) than in the first (mean {self.before_mean:.3g}, "
            f"n={self.n_before} days); a {self.magnitude} difference (Cliff's delta "
            f"{self.cliffs_delta:+.2f}, Mann–Whitney p={self.p:.3g})."
        )


def _period(panel: pd.DataFrame, period: tuple[object, object] | slice) -> pd.DataFrame:
    if isinstance(period, slice):
        return panel.loc[period]
    start, end = period
    return panel.loc[pd.Timestamp(start) : pd.Timestamp(end)]  # type: ignore[misc]


@renamed_first_arg("daily", "panel")
def compare(
    panel: pd.DataFrame,
    *,
    before: tuple[object, object] | slice,
    after: tuple[object, object] | slice,
    columns: list[str] | None = None,
) -> pd.DataFrame:
    """Compare two periods of the daily panel, with effect size and n.

    Parameters
    ----------
    panel : pandas.DataFrame
        A daily panel indexed by ``date`` (see :func:`reflection_kit.daily`).
    before, after : (start, end) or slice
        The two periods, inclusive.
    columns : list of str, optional
        Which numeric columns to compare; default: every numeric column.

    Returns
    -------
    pandas.DataFrame
        One row per column, indexed by ``column``: the fields of a
        :class:`Comparison` (means, ``n_before``/``n_after`` (days with a value),
        ``difference``, ``cliffs_delta``, ``magnitude``, ``p`` (Mann–Whitney)) and
        ``summary``, its plain words. ``Comparison(column, **row)`` without
        ``summary`` rebuilds one row as an object.

    Examples
    --------
    >>> import pandas as pd
    >>> from reflection_kit.metrics.trends import compare
    >>> d = pd.DataFrame({"urges": [3, 4, 3, 1, 0, 1]},
    ...                  index=pd.date_range("2025-03-03", periods=6, name="date"))
    >>> out = compare(d, before=("2025-03-03", "2025-03-05"), after=("2025-03-06", "2025-03-08"))
    >>> out.loc["urges", "magnitude"], int(out.loc["urges", "n_after"])
    ('large', 3)
    """
    a_df, b_df = _period(panel, before), _period(panel, after)
    if columns is None:
        columns = [
            c
            for c in panel.columns
            if pd.api.types.is_numeric_dtype(panel[c]) and not pd.api.types.is_bool_dtype(panel[c])
        ]
    rows = []
    for col in columns:
        a = pd.to_numeric(a_df[col], errors="coerce").dropna().to_numpy(dtype=float)
        b = pd.to_numeric(b_df[col], errors="coerce").dropna().to_numpy(dtype=float)
        if len(a) and len(b):
            delta = _cliffs_delta(b, a)
            p = mann_whitney_p(b, a) if len(set(a) | set(b)) > 1 else 1.0
            c = Comparison(
                col,
                float(a.mean()),
                float(b.mean()),
                len(a),
                len(b),
                float(b.mean() - a.mean()),
                delta,
                _magnitude(delta),
                p,
            )
        else:
            c = Comparison(  # the mean of the period that has values is still reported
                col,
                float(a.mean()) if len(a) else np.nan,
                float(b.mean()) if len(b) else np.nan,
                len(a),
                len(b),
                np.nan,
                np.nan,
                "not enough data",
                np.nan,
            )
        rows.append(asdict(c) | {"summary": str(c)})
    return (
        pd.DataFrame(rows).set_index("column")
        if rows
        else pd.DataFrame(
            columns=[
                "before_mean",
                "after_mean",
                "n_before",
                "n_after",
                "difference",
                "cliffs_delta",
                "magnitude",
                "p",
                "summary",
            ]
        )
    )


@dataclass(frozen=True)
class Lagged:
    """A lagged, within-person association; ``str()`` says it in plain words."""

    x: str
    y: str
    lag: int
    r: float
    low: float
    high: float
    n: int
    enough: bool
    message: str

    def __str__(self) -> str:
        return self.message


def _centre_detrend(s: pd.Series) -> pd.Series:
    s = pd.to_numeric(s, errors="coerce").astype(float)
    ok = s.notna()
    if ok.sum() < 3:
        return s - s.mean()
    x = _as_days(s.index)
    slope, intercept = np.polyfit(x[ok.to_numpy()], s[ok].to_numpy(), 1)
    return s - (intercept + slope * x)


@renamed_first_arg("daily", "panel")
def lagged(
    panel: pd.DataFrame,
    x: str = "rumination",
    y: str = "urges",
    lag: int = 1,
    *,
    min_pairs: int = MIN_LAG_PAIRS,
    n_boot: int = 2000,
    seed: int = 0,
) -> Lagged:
    """Does ``x`` on one day go with ``y`` ``lag`` days later?

    Both columns are centred on the person's own mean and detrended (a straight
    line over time is removed), so a shared downward trend does not pass for a
    link. The paired days are then ranked (Spearman r) and a percentile
    bootstrap over pairs gives the 95% interval.

    Parameters
    ----------
    panel : pandas.DataFrame
        The daily panel, one row per day (missing days must be present as rows).
    x, y : str
        Column names.
    lag : int
        How many days later ``y`` is read.
    min_pairs : int
        Fewer paired days than this gives "not enough data" and no number.
    n_boot : int
        Bootstrap resamples.
    seed : int
        Seed of the bootstrap (results repeat exactly).

    Returns
    -------
    Lagged
        ``r``, ``low``, ``high``, ``n`` (paired days), ``enough`` and ``message``.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from reflection_kit.metrics.trends import lagged
    >>> idx = pd.date_range("2025-03-03", periods=10, name="date")
    >>> lagged(pd.DataFrame({"rumination": np.arange(10.0), "urges": 1.0}, index=idx)).enough
    False
    """
    # deferred: scipy.stats costs ~1.4 s at import; only the intervals need it
    from scipy import stats

    for col in (x, y):
        if col not in panel.columns:
            raise KeyError(
                f"`{col}` is not a column of the daily panel; it has {list(panel.columns)}."
            )
    if lag < 0:
        raise ValueError(f"`lag` must be 0 or more days, got {lag}.")
    xs = _centre_detrend(panel[x])
    ys = _centre_detrend(panel[y]).shift(-lag)
    pair = pd.DataFrame({"x": xs, "y": ys}).dropna()
    n = len(pair)
    caution = "This is an association, not a cause."
    if n < min_pairs or pair["x"].nunique() < 2 or pair["y"].nunique() < 2:
        msg = (
            f"Not enough data: {n} paired day(s) of {x} and next-{'day' if lag == 1 else 'lag'} "
            f"{y}; at least {min_pairs} with some variation are needed before showing a number."
        )
        return Lagged(x, y, lag, np.nan, np.nan, np.nan, n, False, msg)
    r = float(stats.spearmanr(pair["x"], pair["y"]).statistic)
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, n, size=(n_boot, n))
    xv, yv = pair["x"].to_numpy(), pair["y"].to_numpy()
    rx = np.apply_along_axis(stats.rankdata, 1, xv[idx])
    ry = np.apply_along_axis(stats.rankdata, 1, yv[idx])
    rx -= rx.mean(axis=1, keepdims=True)
    ry -= ry.mean(axis=1, keepdims=True)
    denom = np.sqrt((rx**2).sum(axis=1) * (ry**2).sum(axis=1))
    with np.errstate(invalid="ignore", divide="ignore"):
        boots = (rx * ry).sum(axis=1) / denom
    boots = boots[np.isfinite(boots)]
    low, high = np.quantile(boots, [0.025, 0.975]) if len(boots) else (np.nan, np.nan)
    when = "the next day" if lag == 1 else (f"{lag} days later" if lag else "the same day")
    msg = (
        f"Days with more {x} than usual went with {'more' if r > 0 else 'fewer'} {y} {when}: "
        f"Spearman r={r:+.2f} (95% bootstrap CI {low:+.2f} to {high:+.2f}, n={n} paired days). "
        f"{caution}"
    )
    return Lagged(x, y, lag, r, float(low), float(high), n, True, msg)
