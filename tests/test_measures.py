"""Distribution measures against mpmath (50 digits), closed forms and scipy."""

import math

import mpmath as mp
import numpy as np
import pytest
import scipy.spatial.distance as ssd
import scipy.stats as st

import infomeasures as im

from . import reference as ref
from .reference import assert_ulps

EPS = np.finfo(float).eps


def normalized(w):
    w = np.asarray(w, dtype=float)
    return w / w.sum()


RNG = np.random.default_rng(20261123)


class TestEntropy:
    def test_short_vectors_add_in_numpys_order_bug(self):
        """Under 8 outcomes the terms are added in order, as numpy adds them in a batch.

        Python's ``sum()`` compensates from 3.12 on and gave this vector an
        ulp off its batch there.
        """
        p = [0.04054307635557024, 0.8672565060226559, 0.07512732450708992]
        p += [1.771038425300331e-15, 0.01707307532378492, 1.7790897258454217e-08]
        for base in (2, math.e):
            assert im.entropy(p, base=base) == im.entropy([p, p], base=base)[0]

    @pytest.mark.parametrize(
        "p",
        [
            [0.1, 0.9],
            [1.0, 0.0, 0.0],
            [1 - 1e-16, 1e-16],
            [1e-300, 1.0 - 1e-300],
            [5e-324, 0.25, 0.75],
            [0.5, 0.25, 0.125, 0.125, 0.0],
        ],
    )
    def test_adversarial_against_mpmath(self, p):
        # reference: mpmath, 50 digits, on the exact float64 inputs
        assert_ulps(im.entropy(p), ref.entropy(p))
        assert_ulps(im.entropy(p, base=math.e), ref.entropy(p, base=math.e))

    def test_random_against_mpmath(self):
        for k in (2, 3, 10, 100):
            p = normalized(RNG.exponential(size=k) ** 3)
            assert_ulps(im.entropy(p), ref.entropy(p))

    def test_shooter_example(self):
        # worked example of the seeds: hit probability 0.1 and 0.999
        assert round(im.entropy([0.1, 0.9]), 4) == 0.4690
        assert round(im.entropy([0.999, 0.001]), 4) == 0.0114

    def test_uniform_million(self):
        # closed form: H(uniform over K) = log2 K
        # reference: mpmath, 50 digits, -K p log2 p for the double p = 1/K
        k = 10**6
        p = np.full(k, 1.0 / k)
        expected = float(-k * ref.mp.mpf(p[0]) * ref.mp.log(ref.mp.mpf(p[0]), 2))
        assert_ulps(im.entropy(p), expected, ulps=4)
        assert math.isclose(expected, math.log2(k), rel_tol=1e-15)

    def test_matches_scipy(self):
        p = normalized(RNG.random(50))
        # reference: scipy.stats.entropy
        assert math.isclose(im.entropy(p, base=3), st.entropy(p, base=3), rel_tol=1e-13)

    def test_float32_computed_in_float64(self):
        p32 = np.array([0.1, 0.2, 0.7], dtype=np.float32)
        # reference: mpmath on the float32 values widened exactly
        assert_ulps(im.entropy(p32), ref.entropy(p32.astype(float)))
        assert isinstance(im.entropy(p32), float)

    def test_batch_axis_keepdims(self):
        p = RNG.dirichlet(np.ones(4), size=(3, 5))
        h = im.entropy(p)
        assert h.shape == (3, 5)
        expected = [[ref.entropy(row) for row in block] for block in p]
        assert_ulps(h, expected)
        moved = np.moveaxis(p, -1, 0)
        np.testing.assert_array_equal(im.entropy(moved, axis=0), h)
        assert im.entropy(p, keepdims=True).shape == (3, 5, 1)

    def test_normalize_counts(self):
        assert im.entropy([30, 10], normalize=True) == pytest.approx(
            ref.entropy([0.75, 0.25]), rel=1e-15
        )

    def test_returns_python_float(self):
        assert type(im.entropy([0.5, 0.5])) is float
        assert im.entropy([0.5, 0.5]) == 1.0

    def test_does_not_modify_input(self):
        p = np.array([3.0, 1.0])
        im.entropy(p, normalize=True)
        np.testing.assert_array_equal(p, [3.0, 1.0])

    def test_integer_and_pandas_input(self):
        pd = pytest.importorskip("pandas")
        assert im.entropy(pd.Series([0.5, 0.5])) == 1.0
        assert im.entropy([1, 0]) == 0.0


class TestBinaryEntropy:
    @pytest.mark.parametrize("p", [1e-20, 1e-300, 5e-324, 1 - 1e-12, 0.5, 0.1, 0.999, 1e-8])
    def test_against_mpmath(self, p):
        # reference: mpmath, 50 digits
        assert_ulps(im.binary_entropy(p), ref.binary_entropy(p))

    def test_endpoints_and_shape(self):
        np.testing.assert_array_equal(im.binary_entropy([0.0, 0.5, 1.0]), [0.0, 1.0, 0.0])
        assert im.binary_entropy(np.full((2, 3), 0.5)).shape == (2, 3)

    def test_equals_entropy(self):
        for p in RNG.random(20):
            assert math.isclose(im.binary_entropy(p), im.entropy([p, 1 - p]), rel_tol=1e-14)


class TestSelfInformation:
    def test_values(self):
        np.testing.assert_array_equal(
            im.self_information([1.0, 0.5, 0.25, 0.0]), [0, 1, 2, np.inf]
        )
        assert math.copysign(1, im.self_information(1.0)) == 1  # +0.0, not -0.0
        assert_ulps(im.self_information(1e-300, base=10), 300.0)

    def test_no_warning_at_zero(self):
        # pytest is configured with filterwarnings=error
        assert im.self_information(0.0) == math.inf


class TestCrossEntropy:
    def test_one_hot_example(self):
        # closed form: -ln 0.6
        assert_ulps(im.cross_entropy([1, 0, 0], [0.6, 0.3, 0.1], base=math.e), -math.log(0.6))

    def test_against_mpmath(self):
        p = normalized(RNG.random(20))
        q = normalized(RNG.random(20) ** 4)
        assert_ulps(im.cross_entropy(p, q), ref.cross_entropy(p, q))

    def test_infinite_and_zero_convention(self):
        assert im.cross_entropy([0.5, 0.5], [1.0, 0.0]) == math.inf
        assert im.cross_entropy([1.0, 0.0], [1.0, 0.0]) == 0.0


class TestKL:
    def test_nearly_equal_is_relatively_accurate(self):
        for rel in (1e-12, 1e-8, 1e-4):
            p = normalized(RNG.random(30))
            q = normalized(p * (1 + rel * RNG.standard_normal(30)))
            # reference: mpmath on the same doubles; scipy fails here
            assert_ulps(im.kl_divergence(p, q), ref.kl(p, q))

    def test_two_point_closed_form(self):
        d = 1e-12
        p, q = [0.5, 0.5], [0.5 + 0.5 * d, 0.5 - 0.5 * d]
        assert_ulps(im.kl_divergence(p, q), ref.kl(p, q))
        assert im.kl_divergence(p, q) > 0

    def test_random_against_mpmath(self):
        for k in (2, 5, 40):
            p = normalized(RNG.exponential(size=k) ** 2)
            q = normalized(RNG.exponential(size=k) ** 2)
            assert_ulps(im.kl_divergence(p, q), ref.kl(p, q))
            assert_ulps(im.kl_divergence(p, q, base=math.e), ref.kl(p, q, base=math.e))

    def test_supports(self):
        inner, outer = [1.0, 0.0], [0.5, 0.5]
        assert im.kl_divergence(outer, inner) == math.inf
        assert im.kl_divergence(inner, outer) == 1.0
        assert im.kl_divergence([1.0, 0.0], [0.0, 1.0]) == math.inf

    def test_identical_is_zero(self):
        p = normalized(RNG.random(100))
        assert im.kl_divergence(p, p) == 0.0

    def test_long_vectors_sum_their_blocks_in_cache(self):
        """Past one block (2**15), a 1-D pair is summed block by block: same value.

        Zeros of p, an overflowing p/q and nearly equal entries land in
        different blocks; the fused sum and the row of a batch (one array of
        terms, then one reduction) differ only in summation order.
        """
        n = 100_000
        p = normalized(RNG.exponential(size=n))
        q = normalized(p * (1 + 1e-3 * RNG.standard_normal(n)))
        p[[10, 50_000]] = 0.0  # zeros of p: the term is q
        q[70_000] = 1e-310  # p/q overflows; log p - log q does not
        p, q = normalized(p), normalized(q)
        batch = im.kl_divergence(np.stack([p, p]), np.stack([q, q]))
        one = im.kl_divergence(p, q)
        assert math.isfinite(one) and one > 0
        assert math.isclose(one, batch[0], rel_tol=1e-13)
        js_batch = im.js_divergence(np.stack([p, p]), np.stack([q, q]))
        assert math.isclose(im.js_divergence(p, q), js_batch[0], rel_tol=1e-13)
        q[5] = 0.0  # q = 0 < p in the first block: the true inf
        assert im.kl_divergence(p, normalized(q)) == math.inf

    def test_tiny_and_subnormal(self):
        p = [5e-324, 1e-300, 0.5, 0.5]
        q = [1e-300, 5e-324, 0.25, 0.75]
        assert_ulps(im.kl_divergence(p, q), ref.kl(p, q))

    def test_matches_scipy_batch(self):
        p = RNG.dirichlet(np.ones(6), size=8)
        q = RNG.dirichlet(np.ones(6), size=8)
        # reference: scipy.stats.entropy along axis=1
        np.testing.assert_allclose(
            im.kl_divergence(p, q, base=2), st.entropy(p, q, base=2, axis=1), rtol=1e-12
        )

    def test_broadcasting(self):
        p = RNG.dirichlet(np.ones(3), size=4)
        q = np.array([0.2, 0.3, 0.5])
        np.testing.assert_array_equal(
            im.kl_divergence(p, q), [im.kl_divergence(row, q) for row in p]
        )


class TestJS:
    def test_disjoint_is_one_bit(self):
        assert im.js_divergence([0.5, 0.5, 0, 0], [0, 0, 0.25, 0.75]) == 1.0
        assert im.js_distance([1.0, 0.0], [0.0, 1.0]) == 1.0
        p, q = np.zeros(10), np.zeros(10)
        p[:5] = normalized(RNG.random(5))
        q[5:] = normalized(RNG.random(5))
        assert_ulps(im.js_divergence(p, q), 1.0, ulps=2)

    def test_identical_is_exactly_zero(self):
        p = normalized(RNG.random(1000))
        assert im.js_divergence(p, p) == 0.0
        assert im.js_distance(p, p) == 0.0

    def test_nearly_equal_is_relatively_accurate(self):
        for rel in (1e-12, 1e-6, 1e-2):
            p = normalized(RNG.random(30))
            q = normalized(p * (1 + rel * RNG.standard_normal(30)))
            assert_ulps(im.js_divergence(p, q), ref.js(p, q))

    def test_midpoint_underflow(self):
        # (5e-324 + 0) / 2 rounds to 0, which makes the naive JS infinite
        p = [5e-324, 0.5, 0.5]
        q = [0.0, 0.5, 0.5]
        js = im.js_divergence(p, q)
        assert math.isfinite(js) and 0 <= js <= 1e-323

    def test_random_against_mpmath_and_scipy(self):
        for k in (2, 7, 50):
            p = normalized(RNG.exponential(size=k) ** 3)
            q = normalized(RNG.exponential(size=k) ** 3)
            assert_ulps(im.js_divergence(p, q), ref.js(p, q))
            # reference: scipy.spatial.distance.jensenshannon (a distance)
            assert math.isclose(
                im.js_distance(p, q, base=2), ssd.jensenshannon(p, q, base=2), rel_tol=1e-12
            )

    @pytest.mark.parametrize("k", [1, 2, 3, 5, 7, 8])
    def test_short_vectors_take_the_scalar_path_accurately(self, k):
        """Up to 7 floats are computed on Python floats: same values, same edge cases."""
        for rel in (0.0, 1e-9, 1e-3, 0.5, None):
            p = normalized(RNG.exponential(size=k) ** 3)
            q = normalized(RNG.exponential(size=k) ** 3 if rel is None else p * (1 + rel))
            for form in (np.asarray, list, tuple):
                assert_ulps(im.js_divergence(form(p), form(q)), ref.js(p, q))
                assert_ulps(im.js_distance(form(p), form(q)) ** 2, ref.js(p, q), ulps=16)
        # subnormal and zero entries, disjoint supports: the array path's values
        p, q = [5e-324, 0.5, 0.5, 0.0], [0.0, 0.5, 0.0, 0.5]
        assert im.js_divergence(p, q) == im.js_divergence([p, p], [q, q])[0]

    def test_short_path_sums_in_numpys_order_bug(self):
        """Entries far from p = q have the array path's bits: numpy adds under 8 in order.

        With 8 outcomes numpy adds pairwise; the scalar path stopped at 7 after
        an 8-vector came out an ulp off its batch.
        """
        p8 = [0.03125, 0.25, 0.0625, 0.5, 0.0078125, 0.015625, 0.0078125, 0.125]
        q8 = [0.5, 0.0078125, 0.03125, 0.0078125, 0.125, 0.0625, 0.015625, 0.25]
        p7 = [0.5, 0.25, 0.125, 0.0625, 0.03125, 0.015625, 0.015625]
        for p, q in ((p8, q8), (p7, p7[::-1])):  # every cell far from p = q, or equal
            assert im.js_divergence(p, q) == im.js_divergence([p], [q])[0]

    def test_short_vectors_keep_the_array_paths_errors(self):
        for p, match in (
            ([0.5, np.nan], "`p` contains NaN"),
            ([1.5, -0.5], "`p` has negative entries"),
            ([0.5, 0.4], "`p` must sum to 1"),
            ([np.inf, 0.0], "`p` contains infinite entries"),
        ):
            with pytest.raises(ValueError, match=match):
                im.js_distance(p, [0.5, 0.5])
            with pytest.raises(ValueError, match=match.replace("`p`", "`q`")):
                im.js_divergence([0.5, 0.5], p)
        with pytest.raises(ValueError, match="same number of outcomes"):
            im.js_divergence([0.5, 0.5], [0.2, 0.3, 0.5])


class TestTables:
    def test_mi_against_mpmath(self):
        for shape in ((2, 2), (3, 5), (10, 4)):
            pxy = normalized(RNG.exponential(size=shape) ** 2)
            assert_ulps(im.mutual_information(pxy), ref.mutual_information(pxy))

    def test_mi_independent_is_zero(self):
        pxy = np.multiply.outer(normalized(RNG.random(7)), normalized(RNG.random(9)))
        mi = im.mutual_information(pxy)
        assert 0.0 <= mi <= 1e-16

    def test_mi_nearly_independent_relative(self):
        # entries exact in binary, so the table sums to exactly 1
        pxy = np.full((2, 2), 0.25) + np.array([[1, -1], [-1, 1]]) * 2.0**-32
        assert_ulps(im.mutual_information(pxy), ref.mutual_information(pxy))

    def test_mi_perfectly_dependent(self):
        assert im.mutual_information(np.eye(4) / 4) == 2.0

    def test_conditional_entropy_against_mpmath(self):
        pxy = normalized(RNG.random((4, 6)) ** 3)
        assert_ulps(im.conditional_entropy(pxy), ref.conditional_entropy(pxy))

    def test_joint_entropy(self):
        pxyz = normalized(RNG.random((2, 3, 4)))
        assert_ulps(im.joint_entropy(pxyz), ref.entropy(pxyz))

    def test_cmi_against_mpmath(self):
        pxyz = normalized(RNG.exponential(size=(3, 4, 2)) ** 2)
        assert_ulps(
            im.conditional_mutual_information(pxyz), ref.conditional_mutual_information(pxyz)
        )

    def test_cmi_tiny_slice_does_not_underflow(self):
        # p(x,z) p(y,z) = 4e-484 underflows in float64; the true CMI is ~0
        pxyz = np.zeros((2, 2, 2))
        pxyz[0, 0, 0] = 1.0
        pxyz[1, 1, 1] = 2e-242
        assert_ulps(
            im.conditional_mutual_information(pxyz), ref.conditional_mutual_information(pxyz)
        )

    def test_mi_tiny_marginals(self):
        pxy = np.array([[1e-200, 0.0], [0.0, 1.0]])
        assert_ulps(im.mutual_information(pxy), ref.mutual_information(pxy))

    def test_conditional_entropy_nearly_deterministic(self):
        pxy = np.array([[1 - 1e-9, 0.0], [1e-9 * 0.5, 1e-9 * 0.5]])
        assert_ulps(
            im.conditional_entropy(pxy, normalize=True), ref.conditional_entropy(pxy / pxy.sum())
        )

    def test_cmi_with_empty_z_slice(self):
        pxyz = normalized(RNG.random((2, 2, 3)))
        pxyz[:, :, 1] = 0
        pxyz /= pxyz.sum()
        assert_ulps(
            im.conditional_mutual_information(pxyz), ref.conditional_mutual_information(pxyz)
        )


# ------------------------------------------------------------------ issue 13, 18 regressions
def _mp_table_mi(table):
    """I(X;Y) of the table scaled to sum exactly to 1; mpmath, 50 digits, in bits."""
    with ref.mp.workdps(50):
        t = [[ref.mp.mpf(float(v)) for v in row] for row in np.asarray(table, dtype=float)]
        n = ref.mp.fsum(ref.mp.fsum(row) for row in t)
        r = [ref.mp.fsum(row) / n for row in t]
        s = [ref.mp.fsum(col) / n for col in zip(*t, strict=True)]
        mi = ref.mp.fsum(
            (v / n) * ref.mp.log((v / n) / (r[i] * s[j]))
            for i, row in enumerate(t)
            for j, v in enumerate(row)
            if v
        )
        return float(mi / ref.mp.log(2))


class TestRegressions:
    @pytest.mark.parametrize(
        ("p", "q"),
        [
            ([0.5, 0.5], [1e-310, 1 - 1e-310]),  # q subnormal but positive
            ([0.5, 0.5], [5e-324, 1.0]),  # the smallest subnormal
            ([1e-10, 1 - 1e-10], [1e-320, 1 - 1e-320]),  # p/q = 1e310 overflows
            ([0.25, 0.25, 0.5], [2e-309, 0.5, 0.5]),
        ],
    )
    def test_kl_subnormal_q_and_ratio_overflow_bug(self, p, q):
        # reference: mpmath, 50 digits, on the same doubles: finite values
        with ref.mp.workdps(50):
            expected_kl, expected_ce = ref.kl(p, q), ref.cross_entropy(p, q)
        assert math.isfinite(expected_kl)
        assert_ulps(im.kl_divergence(p, q), expected_kl, ulps=4)
        assert_ulps(im.cross_entropy(p, q), expected_ce, ulps=4)
        batch = im.kl_divergence(np.tile(p, (3, 1)), np.tile(q, (3, 1)))
        assert_ulps(batch, [expected_kl] * 3, ulps=4)

    @pytest.mark.parametrize(
        "f",
        [im.kl_divergence, im.js_divergence, im.js_distance, im.cross_entropy],
    )
    def test_float32_vectors_accepted_by_every_measure_bug(self, f):
        # float32 rounding leaves these a few float32 ulps off 1, as entropy allows
        p = np.array([0.1, 0.2, 0.7], dtype=np.float32)
        q = np.array([0.3, 0.3, 0.4], dtype=np.float32)
        assert abs(float(q.astype(float).sum()) - 1) > np.sqrt(EPS)
        expected = f(p.astype(float), q.astype(float), normalize=True)
        assert math.isclose(f(p, q), expected, rel_tol=1e-6)  # float32-level agreement

    @pytest.mark.parametrize("f", [im.mutual_information, im.conditional_entropy])
    def test_float32_tables_accepted_bug(self, f):
        pxy = (np.arange(1, 13, dtype=np.float32) / np.float32(78)).reshape(3, 4)
        assert abs(float(pxy.astype(float).sum()) - 1) > np.sqrt(EPS)
        expected = f(pxy.astype(float), normalize=True)
        assert math.isclose(f(pxy), expected, rel_tol=1e-6)

    def test_float64_tolerance_unchanged(self):
        with pytest.raises(ValueError, match=r"`q` must sum to 1"):
            im.kl_divergence([0.5, 0.5], [0.5, 0.5 + 1e-6])

    def test_js_distance_base_below_one_bug(self):
        with pytest.raises(ValueError, match=r"`base` must exceed 1 for js_distance, got 0\.5"):
            im.js_distance([0.5, 0.5], [0.9, 0.1], base=0.5)
        # JS itself is defined in any base: in base 1/2 it is minus the bits
        bits = im.js_divergence([0.5, 0.5], [0.9, 0.1])
        assert_ulps(im.js_divergence([0.5, 0.5], [0.9, 0.1], base=0.5), -bits, ulps=2)

    def test_huge_weights_normalize_bug(self):
        assert im.entropy([1e308, 1e308], normalize=True) == 1.0
        huge, small = np.array([1e308, 1.7e308, 3e307]), np.array([1e308, 1.7e308, 3e307]) / 2**20
        for f in (im.kl_divergence, im.js_divergence, im.cross_entropy):
            assert_ulps(f(huge, huge[::-1], normalize=True), f(small, small[::-1], normalize=True))
        table = np.array([[1e308, 1.5e308], [2e307, 1.7e308]])
        for f in (im.joint_entropy, im.mutual_information, im.conditional_entropy):
            assert_ulps(f(table, normalize=True), f(table / 2**20, normalize=True))
        cube = np.full((2, 2, 2), 1e308)
        cube[0, 1, 1] = 1.7e308
        assert_ulps(
            im.conditional_mutual_information(cube, normalize=True),
            im.conditional_mutual_information(cube / 2**20, normalize=True),
        )

    def test_sum_overflow_raises_without_warning_bug(self):
        # pytest turns any RuntimeWarning into an error here
        with pytest.raises(ValueError, match=r"`p` must sum to 1 \(it sums to inf\)"):
            im.entropy([1e308, 1e308])
        with pytest.raises(ValueError, match=r"`q` must sum to 1 \(it sums to inf\)"):
            im.kl_divergence([0.5, 0.5], [1e308, 1e308])
        with pytest.raises(ValueError, match=r"`pxy` must sum to 1 \(it sums to inf\)"):
            im.mutual_information([[1e308, 1e308], [0, 0]])

    def test_mi_exactly_independent_is_zero_bug(self):
        pxy = np.array([[1.0, 2.0], [3.0, 6.0]]) / 12
        assert im.mutual_information(pxy) == 0.0
        assert im.mutual_information([[1, 2], [3, 6]], normalize=True) == 0.0
        # every z-slice exactly independent: I(X;Y|Z) = 0
        pxyz = np.stack([pxy, np.array([[1.0, 1.0], [3.0, 3.0]]) / 8], axis=-1) / 2
        assert im.conditional_mutual_information(pxyz) == 0.0

    def test_mi_nearly_independent_within_ulps_bug(self):
        counts = np.array([[1e6, 1e6], [1e6, 1e6 + 1]])
        pxy = counts / counts.sum()
        expected = _mp_table_mi(pxy)  # about 3e-14 nats, in bits
        assert 1e-14 < expected < 1e-13
        assert_ulps(im.mutual_information(pxy), expected, ulps=4)
        # the same table as the only z-slice of a CMI, and as two equal slices
        assert_ulps(im.conditional_mutual_information(pxy[:, :, None]), expected, ulps=4)
        two = np.stack([pxy, pxy], axis=-1) / 2
        assert_ulps(im.conditional_mutual_information(two), expected, ulps=4)

    @pytest.mark.parametrize("f", [im.entropy, im.joint_entropy, im.self_information])
    def test_none_is_a_type_error_naming_the_argument_bug(self, f):
        name = "pxy" if f is im.joint_entropy else "p"
        with pytest.raises(
            TypeError, match=rf"`{name}` must be an array of real numbers, got None"
        ):
            f(None)
        with pytest.raises(TypeError, match=r"`q`.*got None"):
            im.kl_divergence([0.5, 0.5], None)
        with pytest.raises(TypeError, match=r"`p` must hold real numbers, got None"):
            im.entropy([0.5, None])

    def test_ragged_names_the_argument_bug(self):
        with pytest.raises(ValueError, match=r"`p` must be a rectangular array.*ragged"):
            im.entropy([[0.5, 0.5], [1.0]])
        with pytest.raises(ValueError, match=r"`q` must be a rectangular array"):
            im.js_divergence([0.5, 0.5], [[0.5, 0.5], [1.0]])

    def test_masked_array_refused(self):
        p = np.ma.masked_array([0.5, 0.5, 9.0], mask=[False, False, True])
        with pytest.raises(TypeError, match=r"`p` is a masked array.*filled"):
            im.entropy(p)
        assert im.entropy(np.ma.masked_array([0.5, 0.5])) == 1.0  # nothing masked

    def test_python_ints_beyond_float_range_bug(self):
        with pytest.raises(
            ValueError, match=r"`base` must be a positive finite float.*401 digits"
        ):
            im.entropy([0.5, 0.5], base=10**400)
        with pytest.raises(ValueError, match=r"`base`.*about 5001 digits"):
            im.entropy([0.5, 0.5], base=10**5000)  # beyond Python's int-to-str limit
        with pytest.raises(ValueError, match=r"`p` holds an integer beyond.*normalize=True"):
            im.entropy([10**400, 1])
        with pytest.raises(
            ValueError, match=r"`p` holds an integer beyond the float range \(about 1\.8e308\)\.$"
        ):
            im.self_information(10**400)
        # valid weights: divided exactly; reference: closed form H(10/11, 1/11)
        expected = math.log2(11) - 10 / 11 * math.log2(10)
        assert_ulps(im.entropy([10 * 10**399, 10**399], normalize=True), expected, ulps=4)
        assert im.entropy([10**400, 1], normalize=True) == 0.0  # 1e-400 underflows
        with pytest.raises(ValueError, match=r"`p` mixes integers beyond the float range"):
            im.entropy([10**400, 0.5], normalize=True)

    @pytest.mark.parametrize(
        "call",
        [
            lambda kw: im.entropy([0.5, 0.5], **kw),
            lambda kw: im.kl_divergence([0.5, 0.5], [0.5, 0.5], **kw),
            lambda kw: im.cross_entropy([0.5, 0.5], [0.5, 0.5], **kw),
            lambda kw: im.js_divergence([0.5, 0.5], [0.5, 0.5], **kw),
            lambda kw: im.js_distance([0.5, 0.5], [0.5, 0.5], **kw),
        ],
    )
    def test_keepdims_validated_bug(self, call):
        with pytest.raises(TypeError, match=r"`keepdims` must be True or False, got an integer"):
            call({"keepdims": 10**5000})
        with pytest.raises(TypeError, match=r"`keepdims` must be True or False, got 'yes'"):
            call({"keepdims": "yes"})
        with pytest.raises(TypeError, match=r"`normalize` must be True or False"):
            call({"normalize": 10**400})
        assert np.shape(call({"keepdims": np.True_})) == (1,)


def test_entropy_of_weights_with_a_dominant_cell_bug():
    # normalize=True rounded p = w / s first: weights [1e15, 1] lost 5 of 16
    # digits.  mpmath, 50 digits: -sum (w/s) log2(w/s).
    for weights in ([3 * 10**15, 10], [10**15, 1], [10**9, 1], [2**52, 3, 1]):
        with mp.workdps(50):
            w = [mp.mpf(x) for x in weights]
            total = mp.fsum(w)
            bits = float(-mp.fsum(x / total * mp.log(x / total) for x in w) / mp.log(2))
        assert_ulps(im.entropy(weights, normalize=True), bits, ulps=4)
        batch = np.array([weights, weights[::-1]], dtype=float)
        assert_ulps(im.entropy(batch, normalize=True), [bits, bits], ulps=4)
        assert_ulps(im.entropy(batch.T, axis=0, normalize=True), [bits, bits], ulps=4)
