"""The rank statistics the review reads, in numpy and the standard library.

Theil–Sen slope with Sen's (1968) interval, Kendall's tau-b with its Mann–Kendall
p-value, the two-sided Mann–Whitney p-value and Student's t quantile (for Welch
intervals). They give the same numbers as ``scipy.stats`` (``theilslopes``,
``kendalltau``, ``mannwhitneyu`` and ``t.ppf``, method ``"auto"``: the same choice
between exact and asymptotic p-values; the tests compare them on many samples), but
importing ``scipy.stats`` costs about 1.4 s, more than the rest of a review's
statistics together, so the review's path does not import it.
"""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np

__all__ = ["kendall_tau", "mann_whitney_p", "t_quantile", "theil_sen"]

#: Rows of the pairwise comparison handled at once (bounds memory for long series).
_BLOCK = 512


def _tie_counts(values: np.ndarray) -> np.ndarray:
    """How many times each repeated value occurs (only values seen more than once)."""
    _, counts = np.unique(values, return_counts=True)
    return counts[counts > 1].astype(np.int64)


def theil_sen(
    y: np.ndarray, x: np.ndarray, confidence: float = 0.95
) -> tuple[float, float, float]:
    """Theil–Sen slope of ``y`` over ``x`` and its interval (Sen 1968, eq. 2.6).

    Parameters
    ----------
    y, x : numpy.ndarray
        Values and their positions (same length, at least 2, not all ``x`` equal).
    confidence : float
        Coverage of the interval.

    Returns
    -------
    tuple of float
        ``(slope, low, high)``, as ``scipy.stats.theilslopes(y, x, alpha=confidence)``.

    Examples
    --------
    >>> import numpy as np
    >>> from reflection_kit.metrics._rank_tests import theil_sen
    >>> [round(v, 3) for v in theil_sen(np.array([5, 4, 4, 3, 2, 2, 1.0]), np.arange(7.0))]
    [-0.667, -1.0, -0.5]
    """
    y = np.asarray(y, dtype=float)
    x = np.asarray(x, dtype=float)
    dx = x[:, None] - x
    dy = y[:, None] - y
    keep = dx > 0
    slopes = np.sort(dy[keep] / dx[keep])
    if not slopes.size:
        return math.nan, math.nan, math.nan
    slope = float(np.median(slopes))
    alpha = 1.0 - confidence if confidence > 0.5 else confidence
    z = NormalDist().inv_cdf(alpha / 2)
    n = len(y)
    sigsq = (
        n * (n - 1) * (2 * n + 5)
        - sum(int(k) * (int(k) - 1) * (2 * int(k) + 5) for k in _tie_counts(x))
        - sum(int(k) * (int(k) - 1) * (2 * int(k) + 5) for k in _tie_counts(y))
    ) / 18.0
    nt = len(slopes)
    if sigsq < 0:
        return slope, math.nan, math.nan
    sigma = math.sqrt(sigsq)
    upper = min(int(np.round((nt - z * sigma) / 2.0)), nt - 1)
    lower = max(int(np.round((nt + z * sigma) / 2.0)) - 1, 0)
    return slope, float(slopes[lower]), float(slopes[upper])


def _kendall_exact_p(n: int, concordant: int) -> float:
    """Two-sided exact p of Kendall's statistic without ties (scipy's recursion)."""
    total = n * (n - 1) // 2
    c = min(concordant, total - concordant)
    if n <= 2:
        return 1.0
    if c == 0:
        return min(1.0, 2.0 / math.factorial(n))
    if c == 1:
        return min(1.0, 2.0 / math.factorial(n - 1))
    if 4 * c == n * (n - 1):
        return 1.0
    # counts of permutations of 1..j with k inversions, for k <= c (exact integers)
    counts = [1, 1] + [0] * (c - 1)
    for j in range(3, n + 1):
        running = 0
        summed = []
        for value in counts:
            running += value
            summed.append(running)
        if j <= c:
            counts = [summed[k] - (summed[k - j] if k >= j else 0) for k in range(c + 1)]
        else:
            counts = summed
    return min(1.0, 2.0 * sum(counts) / math.factorial(n))


def _pair_signs(x: np.ndarray, y: np.ndarray) -> tuple[int, int]:
    """Concordant minus discordant pairs, and discordant pairs, over all i < j."""
    n = len(x)
    balance = 0
    discordant = 0
    for start in range(0, n, _BLOCK):
        stop = min(start + _BLOCK, n)
        sx = np.sign(x[start:stop, None] - x[None, :])
        sy = np.sign(y[start:stop, None] - y[None, :])
        upper = np.arange(start, stop)[:, None] < np.arange(n)[None, :]
        product = (sx * sy)[upper]
        balance += int(product.sum())
        discordant += int((product < 0).sum())
    return balance, discordant


def kendall_tau(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Kendall's tau-b and its two-sided p-value (the Mann–Kendall test when ``x`` is time).

    The p-value is exact when there are no ties and ``n <= 33`` (or at most one
    pair disagrees), and otherwise from the normal approximation with the tie
    correction, as ``scipy.stats.kendalltau`` (``method="auto"``).

    Parameters
    ----------
    x, y : numpy.ndarray
        Paired values (same length).

    Returns
    -------
    tuple of float
        ``(tau, p)``; both NaN when there are no pairs or either side is constant.

    Examples
    --------
    >>> import numpy as np
    >>> from reflection_kit.metrics._rank_tests import kendall_tau
    >>> tau, p = kendall_tau(np.arange(7.0), np.array([5, 4, 4, 3, 2, 2, 1.0]))
    >>> round(tau, 3), round(p, 4)
    (-0.951, 0.0035)
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    n = len(x)
    total = n * (n - 1) // 2
    tx, ty = _tie_counts(x), _tie_counts(y)
    xtie = int((tx * (tx - 1) // 2).sum())
    ytie = int((ty * (ty - 1) // 2).sum())
    if n < 2 or xtie == total or ytie == total:
        return math.nan, math.nan
    balance, discordant = _pair_signs(x, y)
    tau = balance / math.sqrt(total - xtie) / math.sqrt(total - ytie)
    tau = min(1.0, max(-1.0, tau))
    if xtie == 0 and ytie == 0 and (n <= 33 or min(discordant, total - discordant) <= 1):
        return tau, _kendall_exact_p(n, total - discordant)
    m = n * (n - 1.0)
    x0 = float((tx * (tx - 1.0) * (tx - 2)).sum())
    y0 = float((ty * (ty - 1.0) * (ty - 2)).sum())
    x1 = float((tx * (tx - 1.0) * (2 * tx + 5)).sum())
    y1 = float((ty * (ty - 1.0) * (2 * ty + 5)).sum())
    var = (m * (2 * n + 5) - x1 - y1) / 18 + (2 * xtie * ytie) / m + x0 * y0 / (9 * m * (n - 2))
    z = balance / math.sqrt(var)
    return tau, math.erfc(abs(z) / math.sqrt(2))


def _exact_u_sf(u: int, n1: int, n2: int) -> float:
    """P(U >= u) for samples of sizes n1 and n2 without ties."""
    small, large = min(n1, n2), max(n1, n2)
    top = small * large
    # counts[m][s]: ways to choose m ranks out of the first r so that U = s, grown over r
    counts = [[0] * (top + 1) for _ in range(small + 1)]
    counts[0][0] = 1
    for r in range(small + large):
        for m in range(min(small, r + 1), 0, -1):
            # the new value r joins the small sample: it is above (r - (m - 1)) values of the
            # large one placed before it
            shift = r - (m - 1)
            if shift > large:
                continue
            row, prev = counts[m], counts[m - 1]
            for s in range(top, shift - 1, -1):
                row[s] += prev[s - shift]
    dist = counts[small]
    total = math.comb(small + large, small)
    return sum(dist[u:]) / total


def mann_whitney_p(a: np.ndarray, b: np.ndarray) -> float:
    """Two-sided Mann–Whitney p-value of ``a`` against ``b``.

    Exact when either sample has at most 8 values and there are no ties, otherwise
    the normal approximation with the tie and continuity corrections, as
    ``scipy.stats.mannwhitneyu`` (``method="auto"``).

    Parameters
    ----------
    a, b : numpy.ndarray
        The two samples (each at least one value).

    Returns
    -------
    float

    Examples
    --------
    >>> import numpy as np
    >>> from reflection_kit.metrics._rank_tests import mann_whitney_p
    >>> round(mann_whitney_p(np.array([19, 22, 16, 29, 24.0]), np.array([20, 11, 17, 12.0])), 4)
    0.1111
    """
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    n1, n2 = len(a), len(b)
    both = np.concatenate([a, b])
    order = np.argsort(both, kind="mergesort")
    ordered = both[order]
    edges = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1], True])
    counts = np.diff(edges)
    average = (edges[:-1] + edges[1:] + 1) / 2.0  # average rank of each group of equal values
    ranks = np.empty(len(both))
    ranks[order] = np.repeat(average, counts)
    u1 = float(ranks[:n1].sum()) - n1 * (n1 + 1) / 2
    u = max(u1, n1 * n2 - u1)
    ties = bool((counts > 1).any())
    if (n1 <= 8 or n2 <= 8) and not ties:
        p = 2 * _exact_u_sf(round(u), n1, n2)
    else:
        n = n1 + n2
        t = counts.astype(float)
        s = math.sqrt(n1 * n2 / 12 * ((n + 1) - float((t**3 - t).sum()) / (n * (n - 1))))
        if s == 0:
            return math.nan
        z = (u - n1 * n2 / 2 - 0.5) / s
        p = 2 * NormalDist().cdf(-z)
    return min(1.0, max(0.0, p))


def _beta_fraction(a: float, b: float, x: float) -> float:
    """Continued fraction of the regularised incomplete beta (modified Lentz)."""
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 400):
        for num in (
            m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
        ):
            d = 1.0 + num * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + num / c
            c = c if abs(c) > tiny else tiny
            h *= d * c
        if abs(d * c - 1.0) < 1e-15:
            break
    return h


def _beta_regularised(a: float, b: float, x: float) -> float:
    """I_x(a, b), the regularised incomplete beta function."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    if x < (a + 1) / (a + b + 2):
        return math.exp(log_front) * _beta_fraction(a, b, x) / a
    return 1.0 - math.exp(log_front) * _beta_fraction(b, a, 1 - x) / b


def _t_upper(t: float, dof: float) -> float:
    """P(T > t) for t >= 0 with ``dof`` degrees of freedom."""
    return 0.5 * _beta_regularised(dof / 2, 0.5, dof / (dof + t * t))


def t_quantile(q: float, dof: float) -> float:
    """Quantile of Student's t distribution (``scipy.stats.t.ppf(q, dof)``).

    Parameters
    ----------
    q : float
        Probability, strictly between 0 and 1.
    dof : float
        Degrees of freedom (positive; need not be whole, as in Welch's interval).

    Returns
    -------
    float

    Examples
    --------
    >>> from reflection_kit.metrics._rank_tests import t_quantile
    >>> round(t_quantile(0.975, 10), 4)
    2.2281
    """
    if not 0 < q < 1 or not dof > 0:
        return math.nan
    if q == 0.5:
        return 0.0
    upper = 1 - q if q > 0.5 else q  # the tail beyond |t|
    # Newton's method on the tail from the Cornish-Fisher start, kept inside a bracket
    # that bisection narrows whenever a step would leave it (a few steps, to the last bit)
    z = -NormalDist().inv_cdf(upper)
    t = z + (z**3 + z) / (4 * dof) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * dof**2)
    low, high = 0.0, max(2 * t, 1.0)
    while _t_upper(high, dof) > upper:
        low, high = high, high * 2
    log_scale = math.lgamma((dof + 1) / 2) - math.lgamma(dof / 2) - 0.5 * math.log(dof * math.pi)
    t = min(max(t, low), high)
    for _ in range(100):
        gap = _t_upper(t, dof) - upper
        if gap > 0:
            low = t
        else:
            high = t
        density = math.exp(log_scale - (dof + 1) / 2 * math.log1p(t * t / dof))
        step = t + gap / density if density > 0 else math.nan
        if not low < step < high:
            step = (low + high) / 2
        if step == t or high - low <= 4 * math.ulp(t):
            break
        t = step
    return t if q > 0.5 else -t
