"""Small statistics shared by the metrics: the Wilson score interval."""

from __future__ import annotations

from statistics import NormalDist

import numpy as np

__all__ = ["normal_quantile", "wilson_interval"]


def normal_quantile(confidence: float) -> float:
    """The two-sided standard normal quantile for ``confidence`` (1.96 for 0.95)."""
    if isinstance(confidence, bool) or not 0 < float(confidence) < 1:
        raise ValueError(
            f"`confidence` must be between 0 and 1 (for example 0.95), got {confidence!r}."
        )
    return NormalDist().inv_cdf(0.5 + float(confidence) / 2)


def wilson_interval(
    k: int | np.ndarray, n: int | np.ndarray, confidence: float = 0.95
) -> tuple[float | np.ndarray, float | np.ndarray]:
    """Wilson score interval for a proportion ``k / n``.

    Unlike the textbook ``p ± z·se`` interval it stays within [0, 1] and
    behaves well for small ``n`` and for proportions near 0 or 1, which is
    what a handful of logged urges gives.

    Parameters
    ----------
    k : int or array of int
        Successes (for example resisted urges).
    n : int or array of int
        Trials (resisted + acted). Where ``n`` is 0 the interval is NaN.
    confidence : float, default 0.95
        Two-sided coverage.

    Returns
    -------
    (low, high) : tuple of float, or of arrays when ``k``/``n`` are arrays

    Raises
    ------
    ValueError
        When ``k`` is negative or larger than ``n``, or ``confidence`` is not in (0, 1).

    Examples
    --------
    >>> from reflection_kit.metrics import wilson_interval
    >>> low, high = wilson_interval(8, 10)
    >>> round(low, 4), round(high, 4)
    (0.4902, 0.9433)
    """
    z = normal_quantile(confidence)
    scalar = np.ndim(k) == 0 and np.ndim(n) == 0
    k_arr = np.asarray(k, dtype=float)
    n_arr = np.asarray(n, dtype=float)
    if np.any(k_arr < 0) or np.any(n_arr < 0) or np.any(k_arr > n_arr):
        raise ValueError(
            f"`k` must be between 0 and `n` (successes out of trials), got k={k!r}, n={n!r}."
        )
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k_arr / n_arr
        z2n = z * z / n_arr
        centre = (p + z2n / 2) / (1 + z2n)
        half = z / (1 + z2n) * np.sqrt(p * (1 - p) / n_arr + z2n / (4 * n_arr))
        low = np.where(k_arr == 0, 0.0, np.clip(centre - half, 0.0, 1.0))
        high = np.where(k_arr == n_arr, 1.0, np.clip(centre + half, 0.0, 1.0))
    low = np.where(n_arr > 0, low, np.nan)
    high = np.where(n_arr > 0, high, np.nan)
    if scalar:
        return float(low), float(high)
    return low, high
