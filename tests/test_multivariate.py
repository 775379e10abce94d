"""Measures beyond pairs (issue 16): multivariate, pointwise, Rényi/Tsallis, generalised JS.

References: closed forms, mpmath at 50 digits (scoped with ``workdps``) and
dit 2.3 (skipped where it is not installed).
"""

import itertools
import math

import mpmath as mp
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import infomeasures as im

from .strategies import distribution_pairs, distributions, tables

EPS = np.finfo(float).eps
INF = math.inf
RNG = np.random.default_rng(20261130)


def _xor():
    p = np.zeros((2, 2, 2))
    for x, y in itertools.product((0, 1), repeat=2):
        p[x, y, x ^ y] = 0.25
    return p


def _giant_bit(n):
    """Return n copies of one fair bit."""
    p = np.zeros((2,) * n)
    p[(0,) * n] = p[(1,) * n] = 0.5
    return p


def _random_table(shape, power=2):
    t = RNG.exponential(size=shape) ** power
    return t / t.sum()


def _dit_distribution(p):
    dit = pytest.importorskip("dit")
    return dit.Distribution.from_ndarray(np.asarray(p))


def _dit_vector(p):
    dit = pytest.importorskip("dit")
    return dit.Distribution([str(i) for i in range(len(p))], list(p))


def _mp_exact(x):
    """Return the doubles of x as mpmath numbers, scaled to sum exactly to 1."""
    xs = [mp.mpf(float(v)) for v in np.ravel(x)]
    total = mp.fsum(xs)
    return [v / total for v in xs]


def _mp_power_sum_log(p, alpha, q=None):
    """Return log sum p^alpha q^(1-alpha) (q = 1 when omitted), on the normalised doubles."""
    ps = _mp_exact(p)
    qs = [mp.mpf(1)] * len(ps) if q is None else _mp_exact(q)
    a = mp.mpf(alpha)
    return mp.log(mp.fsum(x**a * y ** (1 - a) for x, y in zip(ps, qs, strict=True) if x))


# ------------------------------------------------------------------ multivariate
class TestWorkedExamples:
    def test_xor_is_synergy(self):
        # closed forms: XOR of two fair bits (Bell 2003; Rosas et al. 2019)
        p = _xor()
        close = lambda x: pytest.approx(x, rel=4 * EPS)  # noqa: E731
        assert im.interaction_information(p) == close(1.0)
        assert im.co_information(p) == close(-1.0)
        assert im.total_correlation(p) == close(1.0)
        assert im.dual_total_correlation(p) == close(2.0)
        assert im.o_information(p) == close(-1.0)

    @pytest.mark.parametrize("n", [3, 4, 5])
    def test_giant_bit_is_redundancy(self, n):
        # closed forms for n copies of one bit: every marginal has 1 bit
        p = _giant_bit(n)
        close = lambda x: pytest.approx(x, rel=4 * n * EPS)  # noqa: E731
        assert im.total_correlation(p) == close(n - 1)
        assert im.dual_total_correlation(p) == close(1.0)
        assert im.o_information(p) == close(n - 2)
        assert im.co_information(p) == close(1.0)
        assert im.interaction_information(p) == close((-1) ** n)

    def test_independent_is_zero(self):
        p = np.einsum("i,j,k->ijk", [0.5, 0.5], [0.25, 0.75], [0.125, 0.375, 0.5])
        # product of dyadic marginals: every entropy sum is exact
        assert im.total_correlation(p) == 0.0
        assert im.dual_total_correlation(p) == 0.0
        assert abs(im.o_information(p)) <= 8 * EPS
        assert abs(im.co_information(p)) <= 8 * EPS

    def test_two_variables_reduce_to_mutual_information(self):
        pxy = _random_table((3, 4))
        mi = im.mutual_information(pxy)
        for f in (
            im.total_correlation,
            im.dual_total_correlation,
            im.co_information,
            im.interaction_information,
        ):
            assert math.isclose(f(pxy), mi, rel_tol=1e-13), f.__name__

    def test_base_and_normalize(self):
        p = _xor() * 40
        assert math.isclose(im.o_information(p, normalize=True, base=math.e), -math.log(2))


class TestAgainstDit:
    @pytest.mark.parametrize("shape", [(2, 3, 2), (3, 2, 2, 2), (2, 2, 2, 2, 2)])
    def test_random_tables(self, shape):
        dm = pytest.importorskip("dit.multivariate")
        p = _random_table(shape)
        d = _dit_distribution(p)
        # reference: dit 2.3, same definitions (bits)
        for ours, theirs in [
            (im.total_correlation, dm.total_correlation),
            (im.dual_total_correlation, dm.dual_total_correlation),
            (im.o_information, dm.o_information),
            (im.co_information, dm.coinformation),
            (im.interaction_information, dm.interaction_information),
        ]:
            assert math.isclose(ours(p), theirs(d), rel_tol=1e-9, abs_tol=1e-12), ours.__name__

    def test_renyi_and_tsallis(self):
        other = pytest.importorskip("dit.other")
        p = _random_table((6,))
        d = _dit_distribution(p)
        for a in (0, 0.5, 2, 3):
            assert math.isclose(im.renyi_entropy(p, a), other.renyi_entropy(d, a), rel_tol=1e-12)
        for q in (0.5, 2, 3):
            assert math.isclose(
                im.tsallis_entropy(p, q), other.tsallis_entropy(d, q), rel_tol=1e-12
            )

    def test_generalized_js(self):
        dit = pytest.importorskip("dit")
        dists = [_random_table((4,)) for _ in range(3)]
        w = [0.2, 0.3, 0.5]
        ds = [_dit_vector(d) for d in dists]
        expected = dit.divergences.jensen_shannon_divergence(ds, w)
        assert math.isclose(im.js_divergence(np.stack(dists), weights=w), expected, rel_tol=1e-12)


@given(tables(ndim=3, max_side=3))
def test_tc_dtc_nonnegative_and_o_is_their_difference(p):
    tc, dtc = im.total_correlation(p), im.dual_total_correlation(p)
    assert tc >= 0 and dtc >= 0
    # one division by log(2) against two: equal to rounding
    assert math.isclose(im.o_information(p), tc - dtc, rel_tol=1e-12, abs_tol=4 * EPS)


@given(tables(ndim=3, max_side=3))
def test_three_variable_interaction_information(p):
    # I(X;Y|Z) - I(X;Y) = -co-information, from independent functions
    expected = im.conditional_mutual_information(p) - im.mutual_information(p.sum(axis=2))
    ii = im.interaction_information(p)
    assert math.isclose(ii, expected, rel_tol=1e-9, abs_tol=1e-12)
    assert ii == -im.co_information(p)
    # for three variables O-information equals co-information (Rosas et al. 2019)
    tc, dtc = im.total_correlation(p), im.dual_total_correlation(p)
    if tc > 0 and dtc > 0:  # neither clipped
        assert math.isclose(im.o_information(p), im.co_information(p), abs_tol=1e-12)


class TestMultivariateAdversarial:
    def test_tiny_and_zero_cells(self):
        p = _giant_bit(3) * (1 - 2e-300)
        p[0, 1, 0] = p[1, 0, 1] = 1e-300
        tc = im.total_correlation(p)
        assert math.isfinite(tc) and math.isclose(tc, 2.0, rel_tol=1e-12)
        assert math.isclose(im.o_information(p), 1.0, rel_tol=1e-12)

    def test_float32_table(self):
        p32 = _random_table((3, 3, 2)).astype(np.float32)
        expected = im.total_correlation(p32.astype(float), normalize=True)
        assert math.isclose(im.total_correlation(p32), expected, rel_tol=1e-6)

    def test_huge_weights(self):
        p = _xor() * 1e308
        assert im.o_information(p, normalize=True) == pytest.approx(-1.0, rel=4 * EPS)
        assert im.co_information(p, normalize=True) == pytest.approx(-1.0, rel=4 * EPS)

    @pytest.mark.parametrize(
        ("f", "n"),
        [
            (im.total_correlation, 2),
            (im.dual_total_correlation, 2),
            (im.co_information, 2),
            (im.interaction_information, 2),
            (im.o_information, 3),
        ],
    )
    def test_too_few_variables(self, f, n):
        with pytest.raises(ValueError, match=rf"`p` must be a joint table with at least {n} axes"):
            f(np.full((2,) * (n - 1), 0.5 ** (n - 1)))

    def test_bad_table(self):
        with pytest.raises(ValueError, match=r"`p` has negative entries"):
            im.total_correlation([[0.5, 0.6], [0.0, -0.1]])
        with pytest.raises(ValueError, match=r"`p` must sum to 1"):
            im.o_information(np.full((2, 2, 2), 0.5))


# ------------------------------------------------------------------------ PMI
class TestPointwise:
    def test_closed_form_and_empty_cells(self):
        pxy = [[0.5, 0.0], [0.25, 0.25]]
        pmi = im.pointwise_mutual_information(pxy)
        # closed form: log2(p / (p(x) p(y))) with p(x) = (1/2, 1/2), p(y) = (3/4, 1/4)
        expected = [[math.log2(4 / 3), -INF], [math.log2(2 / 3), 1.0]]
        np.testing.assert_allclose(pmi, expected, rtol=4 * EPS)
        npmi = im.normalized_pointwise_mutual_information(pxy)
        assert npmi[0, 1] == -1.0  # never together: the limit -1
        np.testing.assert_allclose(npmi[1, 1], 1.0 / 2.0, rtol=4 * EPS)  # 1 / -log2(1/4)

    def test_empty_row_and_single_cell(self):
        pmi = im.pointwise_mutual_information([[0.5, 0.5], [0.0, 0.0]])
        np.testing.assert_array_equal(pmi, [[0.0, 0.0], [-INF, -INF]])
        np.testing.assert_array_equal(
            im.normalized_pointwise_mutual_information([[1.0, 0.0], [0.0, 0.0]]),
            [[1.0, -1.0], [-1.0, -1.0]],
        )

    def test_perfect_association_and_independence(self):
        np.testing.assert_array_equal(
            im.normalized_pointwise_mutual_information(np.eye(3) / 3),
            np.where(np.eye(3) > 0, 1.0, -1.0),
        )
        indep = np.outer([0.25, 0.75], [0.5, 0.5])
        np.testing.assert_array_equal(im.pointwise_mutual_information(indep), 0.0)

    def test_expectation_is_mutual_information(self):
        pxy = _random_table((4, 5))
        pmi = im.pointwise_mutual_information(pxy)
        assert math.isclose((pxy * pmi).sum(), im.mutual_information(pxy), rel_tol=1e-12)

    def test_nearly_independent_cells_accurate(self):
        counts = np.array([[1e6, 1e6], [1e6, 1e6 + 1]])
        pxy = counts / counts.sum()
        pmi = im.pointwise_mutual_information(pxy, base=math.e)
        with mp.workdps(50):  # reference: mpmath, 50 digits, on the same doubles
            m = [[mp.mpf(float(x)) for x in row] for row in pxy]
            n = mp.fsum(m[0] + m[1])
            r = [mp.fsum(row) for row in m]
            s = [mp.fsum(col) for col in zip(*m, strict=True)]
            expected = [
                [float(mp.log(m[i][j] * n / (r[i] * s[j]))) for j in range(2)] for i in range(2)
            ]
        np.testing.assert_allclose(pmi, expected, rtol=8 * EPS)

    def test_tiny_cell_beside_large_marginals(self):
        # found by hypothesis: log1p(A/B - 1) rounded 5e-21 / 0.25 to -inf
        pxy = np.array([[0.5, 0.0], [0.0, 0.5]])
        pxy[1, 0] = 5e-21
        pmi = im.pointwise_mutual_information(pxy)
        with mp.workdps(50):  # reference: mpmath, 50 digits
            c = [mp.mpf(float(x)) for x in pxy.ravel()]
            n = mp.fsum(c)
            expected = float(mp.log(c[2] * n / ((c[2] + c[3]) * (c[0] + c[2])), 2))
        assert math.isclose(pmi[1, 0], expected, rel_tol=4 * EPS)

    def test_pmi_bad_input(self):
        with pytest.raises(ValueError, match=r"`pxy` must be a 2-D table"):
            im.pointwise_mutual_information(np.full((2, 2, 2), 0.125))
        with pytest.raises(ValueError, match=r"`pxy` must sum to 1"):
            im.normalized_pointwise_mutual_information([[1, 1], [1, 1]])


# --------------------------------------------------------------- Rényi/Tsallis
class TestRenyiEntropy:
    def test_limits_are_exact(self):
        p = [0.5, 0.25, 0.25, 0.0, 0.0]
        # the support, not the length 5
        assert im.renyi_entropy(p, 0) == pytest.approx(math.log2(3), rel=2 * EPS)
        assert im.renyi_entropy(p, 1) == im.entropy(p)
        assert im.renyi_entropy(p, INF) == 1.0
        assert im.renyi_entropy(p, 10**400) == 1.0  # a Python int beyond floats is inf
        # closed form: -log2(1/4 + 1/16 + 1/16)
        assert math.isclose(im.renyi_entropy(p, 2), -math.log2(0.375), rel_tol=2 * EPS)

    @pytest.mark.parametrize("alpha", [0.5, 2.0, 1 - 1e-6, 1 + 1e-9, 7.5])
    @pytest.mark.parametrize(
        "p",
        [
            [1 - 2.0**-34, 2.0**-34 - 2.0**-80, 2.0**-80],  # sums to exactly 1
            [0.1, 0.2, 0.7],  # the doubles sum to 1 + 2e-17
            [5e-324, 0.5, 0.5],
        ],
    )
    def test_against_mpmath(self, p, alpha):
        # The reference scales the doubles to sum exactly to 1: as alpha -> 1
        # the Rényi entropy of weights summing to 1 + d diverges like d/(1-alpha).
        with mp.workdps(50):  # reference: mpmath, 50 digits
            expected = float(_mp_power_sum_log(p, alpha) / (1 - mp.mpf(alpha)) / mp.log(2))
        assert math.isclose(im.renyi_entropy(p, alpha), expected, rel_tol=64 * EPS)

    def test_near_one_is_continuous(self):
        p = _random_table((10,))
        h = im.entropy(p)
        for d in (1e-4, 1e-8, 1e-12):
            assert math.isclose(im.renyi_entropy(p, 1 + d), h, rel_tol=10 * d)
            assert math.isclose(im.renyi_entropy(p, 1 - d), h, rel_tol=10 * d)

    def test_batch_axis_keepdims(self):
        p = RNG.dirichlet(np.ones(4), size=(3, 2))
        out = im.renyi_entropy(np.moveaxis(p, -1, 0), 2, axis=0, keepdims=True)
        assert out.shape == (1, 3, 2)
        np.testing.assert_allclose(out[0], [[im.renyi_entropy(r, 2) for r in b] for b in p])

    def test_huge_order_no_underflow(self):
        p = np.full(10**4, 1e-4)
        assert math.isclose(im.renyi_entropy(p, 1000.0), math.log2(1e4), rel_tol=1e-12)

    @pytest.mark.parametrize("alpha", [-0.5, math.nan, -INF])
    def test_bad_alpha(self, alpha):
        with pytest.raises(ValueError, match=r"`alpha` must be non-negative"):
            im.renyi_entropy([0.5, 0.5], alpha)
        with pytest.raises(ValueError, match=r"`alpha` must be non-negative"):
            im.renyi_divergence([0.5, 0.5], [0.5, 0.5], alpha)

    def test_alpha_type(self):
        with pytest.raises(TypeError, match=r"`alpha` must be a real number"):
            im.renyi_entropy([0.5, 0.5], "2")


@given(distributions(min_k=2), st.floats(0, 20), st.floats(0, 20))
def test_renyi_non_increasing_in_alpha(p, a, b):
    lo, hi = min(a, b), max(a, b)
    h_lo, h_hi = im.renyi_entropy(p, lo), im.renyi_entropy(p, hi)
    assert h_hi <= h_lo + 1e-12 * max(1.0, h_lo)


@given(distributions(min_k=2))
def test_renyi_and_tsallis_at_one_are_shannon(p):
    assert im.renyi_entropy(p, 1.0) == im.entropy(p)
    assert im.tsallis_entropy(p, 1.0) == im.entropy(p, base=math.e)
    h = im.entropy(p)
    # the limit, approached from both sides (first-order term of size d * Var(log p))
    for d in (1e-7, -1e-7):
        assert math.isclose(im.renyi_entropy(p, 1 + d), h, rel_tol=1e-5, abs_tol=1e-12)
        assert math.isclose(
            im.tsallis_entropy(p, 1 + d), h * math.log(2), rel_tol=1e-5, abs_tol=1e-12
        )


class TestTsallis:
    def test_closed_forms(self):
        assert im.tsallis_entropy([0.5, 0.5], 2) == 0.5
        assert im.tsallis_entropy([1.0, 0.0], 3) == 0.0
        # (1 - 3 * (1/3)^0.5) / (0.5 - 1), closed form
        expected = (1 - 3 * (1 / 3) ** 0.5) / -0.5
        assert math.isclose(im.tsallis_entropy([1 / 3] * 3, 0.5), expected, rel_tol=4 * EPS)

    @pytest.mark.parametrize("q", [1 + 1e-8, 0.01, 2.0])
    def test_against_mpmath(self, q):
        p = [1 - 2.0**-34, 2.0**-34 - 2.0**-80, 2.0**-80]  # sums to exactly 1
        with mp.workdps(50):  # reference: mpmath, 50 digits, on the exact doubles
            ps = [mp.mpf(x) for x in p]
            expected = float((1 - mp.fsum(x ** mp.mpf(q) for x in ps)) / (mp.mpf(q) - 1))
        assert math.isclose(im.tsallis_entropy(p, q), expected, rel_tol=64 * EPS)

    @pytest.mark.parametrize("q", [0, -1, INF, math.nan])
    def test_bad_q(self, q):
        with pytest.raises(ValueError, match=r"`q` \(the Tsallis index\) must be positive"):
            im.tsallis_entropy([0.5, 0.5], q)


class TestRenyiDivergence:
    def test_limits(self):
        p, q = [0.5, 0.5, 0.0], [0.25, 0.25, 0.5]
        assert im.renyi_divergence(p, q, 0) == 1.0  # -log2 Q(supp P) = -log2(1/2)
        assert im.renyi_divergence(p, q, INF) == 1.0  # log2 max p/q = log2 2
        assert im.renyi_divergence(p, q, 1) == im.kl_divergence(p, q)
        assert im.renyi_divergence([0.5, 0.5], [0.0, 1.0], 0.5) == 1.0  # -2 log2 BC, BC = 1/sqrt2
        assert im.renyi_divergence([0.5, 0.5], [0.0, 1.0], 2) == INF
        assert im.renyi_divergence([1.0, 0.0], [0.0, 1.0], 0) == INF  # disjoint

    @pytest.mark.parametrize("alpha", [0.5, 2.0, 1 + 1e-9, 3.0])
    @pytest.mark.parametrize(
        ("p", "q"),
        [
            ([0.5, 0.5], [1e-300, 1.0 - 1e-300]),  # p^3 / q^2 overflows a double
            ([0.1, 0.2, 0.7], [0.2, 0.2, 0.6]),
        ],
    )
    def test_against_mpmath(self, p, q, alpha):
        with mp.workdps(50):  # reference: mpmath, 50 digits
            expected = float(_mp_power_sum_log(p, alpha, q) / (mp.mpf(alpha) - 1) / mp.log(2))
        got = im.renyi_divergence(p, q, alpha)
        assert math.isclose(got, expected, rel_tol=1e-12 if abs(alpha - 1) > 1e-6 else 1e-6)

    @pytest.mark.parametrize("alpha", [0.5, 2.0, 1 + 1e-9])
    def test_nearly_equal_absolute_accuracy(self, alpha):
        # Documented: accurate to a few eps absolutely (not relatively) when P ~ Q.
        p, q = [0.5, 0.5], [0.5 + 1e-12, 0.5 - 1e-12]
        with mp.workdps(50):  # reference: mpmath, 50 digits
            expected = float(_mp_power_sum_log(p, alpha, q) / (mp.mpf(alpha) - 1) / mp.log(2))
        assert abs(im.renyi_divergence(p, q, alpha) - expected) <= 4 * EPS

    @given(distribution_pairs(min_k=2), st.floats(0, 10), st.floats(0, 10))
    def test_non_decreasing_in_alpha(self, pq, a, b):
        p, q = pq
        lo, hi = min(a, b), max(a, b)
        d_lo, d_hi = im.renyi_divergence(p, q, lo), im.renyi_divergence(p, q, hi)
        assert d_lo >= 0
        if d_lo == INF:
            assert d_hi == INF
        else:
            assert d_hi >= d_lo - 1e-9 * max(1.0, d_lo)

    def test_against_dit(self):
        dit = pytest.importorskip("dit")
        p, q = _random_table((5,)), _random_table((5,))
        dp, dq = _dit_vector(p), _dit_vector(q)
        for a in (0.5, 2.0):
            expected = dit.divergences.renyi_divergence(dp, dq, a)
            assert math.isclose(im.renyi_divergence(p, q, a), expected, rel_tol=1e-12)


# ------------------------------------------------------------- generalised JS
class TestGeneralizedJS:
    def test_two_argument_form_unchanged(self):
        p, q = _random_table((6,)), _random_table((6,))
        two = im.js_divergence(p, q)
        assert math.isclose(im.js_divergence(np.stack([p, q])), two, rel_tol=1e-14)
        assert math.isclose(im.js_divergence(p, q, weights=[0.5, 0.5]), two, rel_tol=1e-14)

    def test_disjoint_supports_give_entropy_of_weights(self):
        w = np.array([0.2, 0.3, 0.5])
        assert math.isclose(im.js_divergence(np.eye(3), weights=w), im.entropy(w), rel_tol=EPS)
        assert im.js_divergence(np.eye(2)) == 1.0

    def test_against_entropy_difference(self):
        # H(M) - sum w H(P_i), a different formula with well-conditioned inputs
        dists = RNG.dirichlet(np.ones(5), size=4)
        w = np.array([0.1, 0.2, 0.3, 0.4])
        expected = im.entropy(w @ dists) - w @ im.entropy(dists)
        assert math.isclose(im.js_divergence(dists, weights=w), expected, rel_tol=1e-12)

    def test_batch(self):
        dists = RNG.dirichlet(np.ones(4), size=(3, 5))  # 3 distributions, batch of 5
        out = im.js_divergence(dists, weights=[0.2, 0.3, 0.5])
        assert out.shape == (5,)
        for j in range(5):
            assert math.isclose(
                out[j], im.js_divergence(dists[:, j], weights=[0.2, 0.3, 0.5]), rel_tol=1e-14
            )

    def test_zero_weight_distribution_is_ignored(self):
        dists = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
        assert im.js_divergence(dists, weights=[0.5, 0.5, 0.0]) == 1.0

    def test_nearly_equal_is_relatively_accurate(self):
        p = np.array([0.5, 0.5])
        q = np.array([0.5 + 2.0**-30, 0.5 - 2.0**-30])
        w = (0.25, 0.75)
        with mp.workdps(50):  # reference: mpmath, 50 digits
            ps, qs = [mp.mpf(x) for x in p], [mp.mpf(x) for x in q]
            m = [w[0] * a + w[1] * b for a, b in zip(ps, qs, strict=True)]
            kl = [sum(a * mp.log(a / c) for a, c in zip(d, m, strict=True)) for d in (ps, qs)]
            expected = float((w[0] * kl[0] + w[1] * kl[1]) / mp.log(2))
        assert math.isclose(im.js_divergence(p, q, weights=w), expected, rel_tol=1e-10)

    @given(st.lists(distributions(min_k=3, max_k=3), min_size=2, max_size=4))
    def test_bounded_by_entropy_of_weights(self, dists):
        w = np.arange(1, len(dists) + 1, dtype=float)
        w /= w.sum()
        js = im.js_divergence(np.stack(dists), weights=w)
        assert 0.0 <= js <= im.entropy(w)

    @pytest.mark.parametrize(
        ("weights", "match"),
        [
            ([0.5, 0.6], r"`weights` must sum to 1 \(it sums to 1\.1\)"),
            ([1.5, -0.5], r"`weights` has negative entries"),
            ([0.5, math.nan], r"`weights` contains NaN"),
            ([1.0], r"`weights` must have shape \(2,\)"),
        ],
    )
    def test_bad_weights(self, weights, match):
        with pytest.raises(ValueError, match=match):
            im.js_divergence([0.5, 0.5], [0.25, 0.75], weights=weights)

    def test_bad_stack(self):
        with pytest.raises(ValueError, match=r"`p` alone must stack distributions"):
            im.js_divergence([0.5, 0.5])
        with pytest.raises(ValueError, match=r"`axis` must not be 0"):
            im.js_divergence(np.eye(2), axis=0)


@given(tables(ndim=2, max_side=5))
def test_pmi_expectation_and_npmi_bounds(pxy):
    pmi = im.pointwise_mutual_information(pxy)
    npmi = im.normalized_pointwise_mutual_information(pxy)
    assert not np.isnan(pmi).any() and not np.isnan(npmi).any()
    assert ((npmi >= -1) & (npmi <= 1)).all()
    np.testing.assert_array_equal(np.isneginf(pmi), pxy == 0)
    # E[pmi] over the non-empty cells is I(X;Y) (Fano 1961)
    mi = float(np.sum(pxy[pxy > 0] * pmi[pxy > 0]))
    assert math.isclose(mi, im.mutual_information(pxy), rel_tol=1e-9, abs_tol=1e-13)


@given(tables(ndim=4, max_side=2))
def test_four_variable_identities(p):
    tc, dtc = im.total_correlation(p), im.dual_total_correlation(p)
    assert tc >= 0 and dtc >= 0
    assert math.isclose(im.o_information(p), tc - dtc, rel_tol=1e-12, abs_tol=4 * EPS)
    assert im.interaction_information(p) == im.co_information(p)  # (-1)^4 = +1
