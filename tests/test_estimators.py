"""Entropy estimators against their papers' formulas, evaluated in mpmath."""

import math

import mpmath as mp
import numpy as np
import pytest

from infomeasures import _estimators as est

mp.mp.dps = 30
COUNTS = [
    [5, 3, 1, 1, 0],
    [1, 1, 1, 1],
    [10],
    [20, 1, 1, 1, 2, 7, 0, 0],
    [2, 2, 3, 100],
]


def _c(counts):
    c = np.asarray(counts, dtype=float)
    return c, float(c.sum())


def ref_plugin(c):
    n = mp.fsum(c)
    return mp.fsum(-(x / n) * mp.log(x / n) for x in c if x)


@pytest.mark.parametrize("counts", COUNTS)
class TestFormulas:
    def test_plugin(self, counts):
        c, n = _c(counts)
        assert math.isclose(
            est.plugin(c, n, len(c)), float(ref_plugin(counts)), rel_tol=1e-14, abs_tol=1e-15
        )

    def test_miller_madow(self, counts):
        # Miller (1955): H_ML + (m - 1) / (2N)
        c, n = _c(counts)
        m = sum(1 for x in counts if x)
        expected = ref_plugin(counts) + mp.mpf(m - 1) / (2 * n)
        assert math.isclose(
            est.miller_madow(c, n, len(c)), float(expected), rel_tol=1e-14, abs_tol=1e-15
        )

    def test_chao_shen(self, counts):
        # Chao & Shen (2003), eq. (9) with the coverage C = 1 - f1/N
        c, n = _c(counts)
        f1 = sum(1 for x in counts if x == 1)
        if f1 == n:
            f1 = n - 1
        cov = 1 - mp.mpf(f1) / n
        terms = []
        for x in counts:
            if x:
                pa = cov * x / n
                terms.append(-pa * mp.log(pa) / (1 - (1 - pa) ** int(n)))
        assert math.isclose(
            est.chao_shen(c, n, len(c)), float(mp.fsum(terms)), rel_tol=1e-13, abs_tol=1e-15
        )

    def test_grassberger(self, counts):
        # Grassberger (2003), eq. (35): G(n) = psi(n) + (-1)^n/2 (psi((n+1)/2) - psi(n/2))
        c, n = _c(counts)

        def g(x):
            return mp.digamma(x) + (-1) ** int(x) / mp.mpf(2) * (
                mp.digamma(mp.mpf(x + 1) / 2) - mp.digamma(mp.mpf(x) / 2)
            )

        expected = mp.log(n) - mp.fsum(x * g(x) for x in counts if x) / n
        # log N - G(N) cancels for a single category: absolute tolerance there
        assert math.isclose(
            est.grassberger(c, n, len(c)), float(expected), rel_tol=1e-13, abs_tol=1e-15
        )

    def test_james_stein(self, counts):
        # Hausser & Strimmer (2009), eqs. (4)-(5), target 1/K
        c, n = _c(counts)
        k = len(counts)
        ml = [mp.mpf(x) / n for x in counts]
        denom = (n - 1) * mp.fsum((mp.mpf(1) / k - t) ** 2 for t in ml)
        lam = 1 if denom == 0 else (1 - mp.fsum(t**2 for t in ml)) / denom
        lam = min(1, max(0, lam))
        shr = [lam / k + (1 - lam) * t for t in ml]
        expected = mp.fsum(-t * mp.log(t) for t in shr if t)
        assert math.isclose(
            est.james_stein(c, n, k), float(expected), rel_tol=1e-13, abs_tol=1e-15
        )

    def test_nsb_against_independent_quadrature(self, counts):
        # NSB (2002): posterior mean of H, integrated with mpmath.quad over beta
        c, n = _c(counts)
        k = len(counts)
        if k == 1:  # closed form: one outcome has entropy 0
            assert est.nsb(c, n, k) == 0.0
            return
        obs = [mp.mpf(x) for x in counts if x]
        unseen = k - len(obs)

        def log_ev(b):
            return (
                mp.loggamma(k * b)
                - mp.loggamma(n + k * b)
                + mp.fsum(mp.loggamma(x + b) - mp.loggamma(b) for x in obs)
            )

        def prior(b):
            return k * mp.polygamma(1, k * b + 1) - mp.polygamma(1, b + 1)

        def mean_h(b):
            tot = n + k * b
            s = mp.fsum((x + b) * mp.digamma(x + b + 1) for x in obs)
            return mp.digamma(tot + 1) - (s + unseen * b * mp.digamma(b + 1)) / tot

        shift = max(log_ev(mp.e**t) for t in np.linspace(-12, 8, 81))

        def w(t):
            b = mp.e**t
            return mp.e ** (log_ev(b) - shift) * prior(b) * b

        pts = [-12, -4, 0, 4, 8]
        norm = mp.quad(w, pts)
        expected = mp.quad(lambda t: w(t) * mean_h(mp.e**t), pts) / norm
        assert math.isclose(est.nsb(c, n, k), float(expected), rel_tol=1e-6)


def test_bias_corrections_move_plugin_up_on_undersampled_data():
    # Known behaviour: the plug-in underestimates; every correction raises it.
    c, n = _c([3, 2, 1, 1, 1, 1, 0, 0, 0, 0])
    h = est.plugin(c, n, 10)
    for name in ("miller-madow", "chao-shen", "grassberger", "james-stein", "nsb"):
        assert est.ESTIMATORS[name](c, n, 10) > h


def test_estimators_approach_truth_with_many_samples():
    # closed form: H(uniform over 8) = ln 8; 80 000 samples, all estimators agree
    rng = np.random.default_rng(5)
    c = np.bincount(rng.integers(0, 8, size=80_000), minlength=8).astype(float)
    for f in est.ESTIMATORS.values():
        assert abs(f(c, c.sum(), 8) - math.log(8)) < 2e-3
