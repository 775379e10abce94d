"""Entropy estimators against their papers' formulas, evaluated in mpmath."""

import functools
import math

import mpmath as mp
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import special

from infomeasures import _estimators as est

COUNTS = [
    [5, 3, 1, 1, 0],
    [1, 1, 1, 1],
    [10],
    [20, 1, 1, 1, 2, 7, 0, 0],
    [2, 2, 3, 100],
]


@pytest.fixture(autouse=True)
def _precision():
    # 20 digits for every mpmath reference here, scoped to the test.
    with mp.workdps(20):
        yield


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
        c, n = _c(counts)
        k = len(counts)
        if k == 1:  # closed form: one outcome has entropy 0
            assert est.nsb(c, n, k) == 0.0
            return
        assert math.isclose(est.nsb(c, n, k), ref_nsb(counts, k), rel_tol=1e-8)


def ref_nsb(counts, k):
    """NSB (2002): posterior mean of H, mpmath.quad over the whole line in ln beta.

    The kernel integrates to a relative accuracy of 1e-9 (its tanhsinh
    tolerance), so comparisons use rel_tol=1e-8.
    """
    obs = [mp.mpf(x) for x in counts if x]
    n = mp.fsum(obs)
    unseen = k - len(obs)

    def log_ev(b):
        # log of rising factorials Gamma(b + x)/Gamma(b): no cancellation of
        # two huge log-gammas at large b or large counts
        return mp.fsum(mp.log(mp.rf(b, x)) for x in obs) - mp.log(mp.rf(k * b, n))

    def prior(b):
        # the two trigammas agree to ~ log10(beta) digits for large beta
        with mp.extradps(5 + max(0, int(mp.log10(b)))):
            return +(k * mp.polygamma(1, k * b + 1) - mp.polygamma(1, b + 1))

    def mean_h(b):
        tot = n + k * b
        s = mp.fsum((x + b) * mp.digamma(x + b + 1) for x in obs)
        return mp.digamma(tot + 1) - (s + unseen * b * mp.digamma(b + 1)) / tot

    def log_w(t):
        b = mp.e**t
        return log_ev(b) + mp.log(prior(b) * b)

    # The mode on a coarse grid (from beta far below 1/(k n) to far above n),
    # then break the infinite line there so that quad resolves the peak.
    lo, hi = -math.log(k) - math.log(n) - 30, math.log(n) + 30
    grid = [lo + (hi - lo) * i / 60 for i in range(61)]
    vals = [log_w(t) for t in grid]
    top = max(range(len(grid)), key=lambda i: vals[i])
    shift = vals[top]
    mode = grid[top]

    @functools.cache  # both quadratures evaluate the same abscissae
    def w(t):
        return mp.e ** (log_w(t) - shift)

    # Beyond 80 e-folds of the mode the integrand (~ beta^m and ~ 1/beta in
    # its tails) is below e^-80 of its peak: the tails are left out.
    pts = [mode + d for d in (-80, -20, -4, 0, 4, 20, 80)]
    return float(mp.quad(lambda t: w(t) * mean_h(mp.e**t), pts) / mp.quad(w, pts))


class TestNSB:
    @pytest.mark.parametrize(
        ("counts", "k", "bits"),
        [([3, 2, 1, 1], 10**6, 2.9994), ([3, 2, 1, 1], 10**9, 2.9994), ([7, 1, 1], 10**12, 1.567)],
    )
    def test_nsb_truncated_beta_range_bug(self, counts, k, bits):
        # The integral over beta was cut to [e^-12, e^8]: k = 1e6 gave 4.17 bits,
        # k = 1e9 13.9 and k = 1e12 23.6.  Reference: mpmath over the whole line.
        c, n = _c(counts)
        got = est.nsb(c, n, k)
        assert math.isclose(got, ref_nsb(counts, k), rel_tol=1e-8)
        assert round(got / math.log(2), 4 if bits > 2 else 3) == bits  # the figures

    def test_nsb_counts_near_1e15_leak_integration_warning_bug(self):
        # scipy's quad warned (IntegrationWarning; filterwarnings=error turns a
        # leak into a failure) and was off by 3e-7.  With n ~ 1e15 the posterior
        # mean equals the plug-in up to O(m/n) (Wolpert-Wolf mean at beta << n;
        # beta >~ n costs the evidence n KL(p || uniform)): closed form.
        counts = [10**15, 10**14, 10**13]
        c, n = _c(counts)
        closed = -sum(x / n * math.log(x / n) for x in counts)
        assert math.isclose(est.nsb(c, n, 3), closed, rel_tol=1e-12)

    @given(
        st.lists(st.integers(0, 50), min_size=1, max_size=30).filter(any),
        st.integers(0, 10**9),
        st.randoms(use_true_random=False),
    )
    def test_depends_on_counts_only_through_count_of_counts(self, counts, extra_k, rnd):
        # Property of the NSB posterior: order and zeros do not matter.
        c, n = _c(counts)
        k = len(counts) + extra_k
        shuffled = list(counts) + [0] * 3
        rnd.shuffle(shuffled)
        assert math.isclose(est.nsb(c, n, k), est.nsb(_c(shuffled)[0], n, k), rel_tol=1e-12)


def ref_james_stein(counts, k):
    """Hausser & Strimmer (2009), eqs. (4)-(5), target 1/k over all k cells.

    The k - m empty cells are equal terms of the sums, added as one product.
    """
    n = mp.fsum(counts)
    ml = [mp.mpf(x) / n for x in counts if x]
    empty = k - len(ml)
    t = mp.mpf(1) / k
    denom = (n - 1) * (mp.fsum((t - p) ** 2 for p in ml) + empty * t**2)
    lam = 1 if denom == 0 else (1 - mp.fsum(p**2 for p in ml)) / denom
    lam = min(1, max(0, lam))
    h = mp.fsum(-(lam * t + (1 - lam) * p) * mp.log(lam * t + (1 - lam) * p) for p in ml)
    return float(h - empty * lam * t * mp.log(lam * t))


class TestJamesStein:
    @pytest.mark.parametrize("k", [2, 4, 9])
    def test_james_stein_empty_cells_bug(self, k):
        # The README's mutual_information(["a","b","a","b"], [1,2,1,2],
        # estimator="james-stein") crashed: its joint table [[2, 0], [0, 2]]
        # reaches the kernel with zeros and k = 2 observed cells.
        c, n = _c([2, 0, 0, 2])
        assert math.isclose(est.james_stein(c, n, k), ref_james_stein([2, 2], k), rel_tol=1e-13)

    def test_james_stein_alphabet_of_1e12_materialised_bug(self):
        # k = 10**12 allocated every cell (MemoryError).  mpmath reference, and
        # at k = 10**5 the naive formula over a materialised vector.
        counts = [3, 2, 1, 1]
        c, n = _c(counts)
        k = 10**12
        assert math.isclose(est.james_stein(c, n, k), ref_james_stein(counts, k), rel_tol=1e-12)
        full = np.zeros(10**5)
        full[:4] = c
        ml = full / n
        t = 1.0 / full.size
        lam = min(1.0, (1 - np.sum(ml**2)) / ((n - 1) * np.sum((t - ml) ** 2)))
        naive = float(np.sum(special.entr(lam * t + (1 - lam) * ml)))
        assert math.isclose(est.james_stein(c, n, 10**5), naive, rel_tol=1e-12)


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


@pytest.mark.parametrize("name", sorted(est.ESTIMATORS))
@given(
    st.lists(
        st.lists(st.integers(0, 30), min_size=6, max_size=6).filter(any), min_size=1, max_size=4
    ),
    st.integers(0, 5),
)
def test_batch_of_tables_equals_each_row(name, rows, extra_k):
    # One call on a (B, K) batch (the resampling tests' path) gives, row by
    # row, the value of the 1-D kernel.
    f = est.ESTIMATORS[name]
    batch = np.array(rows, dtype=float)
    n = batch.sum(axis=-1)
    k = np.count_nonzero(batch, axis=-1) + extra_k
    got = f(batch, n, k)
    assert got.shape == (len(rows),)
    for row, h, nn, kk in zip(batch, got, n, k, strict=True):
        assert math.isclose(h, f(row, float(nn), int(kk)), rel_tol=1e-12, abs_tol=1e-14)
