"""The review's rank statistics give scipy.stats' numbers without importing it."""

from __future__ import annotations

import math
import subprocess
import sys

import numpy as np
import pytest
from scipy import stats

from reflection_kit.metrics._rank_tests import kendall_tau, mann_whitney_p, t_quantile, theil_sen


def _samples(seed: int, count: int):
    rng = np.random.default_rng(seed)
    for i in range(count):
        n = int(rng.integers(3, 45))
        kind = i % 3
        if kind == 0:
            y = rng.normal(size=n)  # no ties: exact p-values for n <= 33
        elif kind == 1:
            y = rng.integers(0, 4, size=n).astype(float)  # many ties
        else:
            y = np.round(rng.normal(size=n) * 2) / 2
        x = np.arange(n, dtype=float)
        if i % 5 == 0:  # gaps between days
            x = np.sort(rng.choice(200, n, replace=False)).astype(float)
        yield rng, x, y


def test_theil_sen_and_kendall_match_scipy():
    checked = 0
    for _rng, x, y in _samples(7, 300):
        if len(set(y)) < 2:
            continue
        ref = stats.theilslopes(y, x, alpha=0.95)
        got = theil_sen(y, x)
        assert got == pytest.approx([ref.slope, ref.low_slope, ref.high_slope], abs=1e-12)
        tau = stats.kendalltau(x, y)
        assert kendall_tau(x, y) == pytest.approx([tau.statistic, tau.pvalue], rel=1e-9, abs=1e-14)
        checked += 1
    assert checked > 250


def test_kendall_exact_and_asymptotic_branches():
    x = np.arange(40.0)
    y = x.copy()
    y[[3, 4]] = y[[4, 3]]  # one discordant pair, no ties, n > 33: still exact
    assert kendall_tau(x, y)[1] == pytest.approx(stats.kendalltau(x, y).pvalue, rel=1e-9)
    assert kendall_tau(np.arange(5.0), np.ones(5)) == (pytest.approx(math.nan, nan_ok=True),) * 2
    long = np.random.default_rng(3).normal(size=1300)  # more than one block of pairs
    assert kendall_tau(np.arange(1300.0), long) == pytest.approx(
        list(stats.kendalltau(np.arange(1300.0), long)), rel=1e-9
    )


def test_mann_whitney_matches_scipy_exact_and_asymptotic():
    rng = np.random.default_rng(11)
    exact = asymptotic = 0
    for i in range(400):
        n1, n2 = int(rng.integers(1, 14)), int(rng.integers(1, 14))
        if i % 2:
            a, b = rng.normal(size=n1), rng.normal(size=n2)
        else:
            a, b = rng.integers(0, 5, n1).astype(float), rng.integers(0, 5, n2).astype(float)
        if len(set(a) | set(b)) < 2:
            continue
        ties = len(set(a) | set(b)) < n1 + n2
        if (n1 <= 8 or n2 <= 8) and not ties:
            exact += 1
        else:
            asymptotic += 1
        assert mann_whitney_p(a, b) == pytest.approx(
            stats.mannwhitneyu(a, b).pvalue, rel=1e-9, abs=1e-14
        )
    assert exact > 50 and asymptotic > 50


def test_t_quantile_matches_scipy():
    rng = np.random.default_rng(5)
    for _ in range(300):
        q, dof = float(rng.uniform(0.001, 0.999)), float(rng.uniform(0.5, 300))
        assert t_quantile(q, dof) == pytest.approx(stats.t.ppf(q, dof), rel=1e-8, abs=1e-10)
    assert t_quantile(0.5, 4) == 0.0
    assert math.isnan(t_quantile(1.0, 4)) and math.isnan(t_quantile(0.9, 0))


def test_the_review_statistics_do_not_import_scipy_stats():
    code = (
        "import sys, numpy as np, pandas as pd\n"
        "from reflection_kit.metrics.trends import trend, compare\n"
        "from reflection_kit.metrics.mood import _welch\n"
        "s = pd.Series(np.arange(20.0) % 7, index=pd.date_range('2025-01-01', periods=20))\n"
        "trend(s); compare(s.to_frame('x').rename_axis('date'), before=slice('2025-01-01', "
        "'2025-01-10'), after=slice('2025-01-11', '2025-01-20'))\n"
        "_welch(np.arange(6.0), np.arange(5.0) * 2, 0.95)\n"
        "print('scipy.stats' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
