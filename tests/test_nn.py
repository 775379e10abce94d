"""infomeasures.nn against mpmath (50 digits), closed forms and finite differences."""

import itertools
import math

import mpmath as mp
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import special

from infomeasures import nn


@pytest.fixture(autouse=True)
def _mp50():
    """Every reference in this file is mpmath at 50 digits (scoped per test)."""
    with mp.workdps(50):
        yield


EPS = np.finfo(float).eps
RNG = np.random.default_rng(7)


def mp_lse(row):
    """Compute the reference: mpmath, 50 digits."""
    row = [mp.mpf(float(x)) for x in row if x != -math.inf]
    if not row:
        return mp.mpf("-inf")
    m = max(row)
    return m + mp.log(mp.fsum(mp.e ** (x - m) for x in row))


def close(a, b, ulps=8):
    a, b = np.asarray(a, float), np.asarray(b, float)
    np.testing.assert_array_equal(np.isinf(a), np.isinf(b))
    fin = np.isfinite(b)
    np.testing.assert_array_less(
        np.abs(a[fin] - b[fin]), ulps * EPS * np.abs(b[fin]) + 1e-300 + 0 * b[fin]
    )


ADVERSARIAL_ROWS = [
    [1e4, -1e4, 0.0],
    [1e300, 1e300, -1e300],
    [-1e300, -1e300],
    [0.0, -46.0],
    [0.0, -800.0, -np.inf],
    [1e-300, -1e-300, 5e-324],
    [3.0, 3.0, 3.0, 3.0],
]


class TestLogsumexp:
    @pytest.mark.parametrize("row", ADVERSARIAL_ROWS)
    def test_against_mpmath(self, row):
        close(nn.logsumexp(row), float(mp_lse(row)))

    def test_all_neg_inf_row_is_neg_inf(self):
        out = nn.logsumexp([[-np.inf, -np.inf], [0.0, 0.0]])
        assert out[0] == -np.inf and math.isclose(out[1], math.log(2))

    def test_axis_keepdims_matches_scipy(self):
        from scipy.special import logsumexp as sp_lse

        z = RNG.normal(size=(3, 4, 5)) * 50
        for axis in (0, 1, -1):
            np.testing.assert_allclose(
                nn.logsumexp(z, axis=axis), sp_lse(z, axis=axis), rtol=1e-14
            )
        assert nn.logsumexp(z, axis=1, keepdims=True).shape == (3, 1, 5)

    def test_nan_and_posinf_raise(self):
        with pytest.raises(ValueError, match=r"`z` contains NaN"):
            nn.logsumexp([0.0, np.nan])
        with pytest.raises(ValueError, match=r"`z` contains \+inf"):
            nn.softmax([0.0, np.inf])

    def test_entries_of_1e308_beside_neg_inf_leak_no_warning_bug(self):
        # 1e308 - (-1e308) overflowed in the shift ("overflow in subtract");
        # reference: closed form, the 1e308 term dominates every other one
        z = np.array([[1e308, -1e308, -np.inf], [-1e308, 1e308, -np.inf]])
        np.testing.assert_array_equal(nn.logsumexp(z), [1e308, 1e308])
        np.testing.assert_array_equal(nn.softmax(z), [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
        # the true -2e308 is below the float range: -inf
        np.testing.assert_array_equal(nn.log_softmax(z[0]), [0.0, -np.inf, -np.inf])

    @pytest.mark.parametrize(
        "func", [nn.logsumexp, nn.softmax, nn.log_softmax, nn.softmax_jacobian]
    )
    def test_empty_class_axis_raises_our_error_bug(self, func):
        # was numpy's "attempt to get argmax of an empty sequence"
        with pytest.raises(ValueError, match=r"`z` has no classes: its class axis"):
            func(np.zeros((3, 0)))

    def test_empty_class_axis_in_cross_entropy_bug(self):
        with pytest.raises(ValueError, match=r"`logits` has no classes"):
            nn.softmax_cross_entropy(np.zeros((2, 0)), [0, 0])

    def test_empty_batch_is_an_empty_result(self):
        assert nn.logsumexp(np.zeros((0, 3))).shape == (0,)
        assert nn.softmax(np.zeros((0, 3))).shape == (0, 3)

    @pytest.mark.parametrize("axis", [-1, 0, 1, (0, 2), (2, 0), None, (0, 1, 2)])
    @pytest.mark.parametrize("keepdims", [False, True])
    @pytest.mark.parametrize("signed", [False, True])
    def test_b_return_sign_and_axes_match_scipy_bug(self, axis, keepdims, signed):
        # the missing b=, return_sign= and tuple/None axes of scipy (issue 13.16);
        # reference: scipy.special.logsumexp 1.17
        rng = np.random.default_rng(11)
        z = rng.normal(size=(3, 4, 5)) * 30
        z[0, 0, 0] = -np.inf
        b = rng.normal(size=(4, 5)) if signed else rng.random(size=(4, 5))
        b[1, 2] = 0.0
        got, sign = nn.logsumexp(z, axis=axis, keepdims=keepdims, b=b, return_sign=True)
        ref, ref_sign = special.logsumexp(z, axis=axis, keepdims=keepdims, b=b, return_sign=True)
        np.testing.assert_allclose(got, ref, rtol=1e-12)
        np.testing.assert_array_equal(sign, ref_sign)
        assert np.shape(got) == np.shape(ref)
        if not signed:
            np.testing.assert_allclose(
                nn.logsumexp(z, axis=axis, keepdims=keepdims, b=b), ref, rtol=1e-12
            )
        plain = special.logsumexp(z, axis=axis, keepdims=keepdims)
        np.testing.assert_allclose(nn.logsumexp(z, axis=axis, keepdims=keepdims), plain)

    @pytest.mark.parametrize(
        ("z", "b"),
        [
            ([0.0, -1.0], [1e-300, 1e300]),  # the lead term is not the largest z
            ([1e4, 1e4 - 1.0, 0.0], [-1.0, 3.0, 1e308]),
            ([0.0, 0.0, -np.inf], [1e308, 1e308, 5.0]),  # the sum passes 1e308
            ([-745.0, -746.0], [5e-324, 1e-300]),
            ([2.0, 1.0], [-1.0, 1.0]),  # negative sum
            ([1e300, 1e300 - 1e285], [1.0, -1.0]),
        ],
    )
    def test_b_hostile_against_mpmath(self, z, b):
        # reference: mpmath, 50 digits, log|sum b e^z| and its sign
        total = mp.fsum(mp.mpf(bi) * mp.e ** mp.mpf(zi) for zi, bi in zip(z, b, strict=True))
        got, sign = nn.logsumexp(z, b=b, return_sign=True)
        close(got, float(mp.log(abs(total))))
        assert sign == float(mp.sign(total))

    def test_b_zero_sums_and_masks_like_scipy(self):
        # a sum of exactly 0 is log 0 = -inf with sign 0 (scipy's result)
        assert nn.logsumexp([0.0, 0.0], b=[1.0, -1.0], return_sign=True) == (-np.inf, 0.0)
        assert nn.logsumexp([1.0, 2.0], b=[0.0, 0.0], return_sign=True) == (-np.inf, 0.0)
        assert nn.logsumexp([1.0, 2.0], b=[0.0, 0.0]) == -np.inf
        # b = 0 masks a term even where z is NaN or inf (scipy's mask-by-weights idiom)
        z = [math.log(2.0), np.nan, np.inf, math.log(3.0)]
        b = [1, 0, 0, 1]
        assert math.isclose(nn.logsumexp(z, b=b), math.log(5.0), rel_tol=4 * EPS)
        assert math.isclose(nn.logsumexp(z, b=b), special.logsumexp(z, b=b), rel_tol=4 * EPS)

    def test_b_errors(self):
        with pytest.raises(ValueError, match=r"`b` makes the sum negative.*return_sign=True"):
            nn.logsumexp([2.0, 1.0], b=[-1.0, 1.0])
        with pytest.raises(ValueError, match=r"`b` contains NaN"):
            nn.logsumexp([2.0, 1.0], b=[np.nan, 1.0])
        with pytest.raises(ValueError, match=r"`b` must broadcast with `z`"):
            nn.logsumexp([2.0, 1.0], b=[1.0, 1.0, 1.0])
        with pytest.raises(TypeError, match=r"`b` must hold real numbers"):
            nn.logsumexp([2.0, 1.0], b=[1j, 1.0])
        with pytest.raises(ValueError, match=r"`z` contains NaN"):
            nn.logsumexp([np.nan, 1.0], b=[1.0, 1.0])
        with pytest.raises(ValueError, match=r"`axis` must name one or more distinct axes"):
            nn.logsumexp(np.zeros((2, 2)), axis=(0, -2))
        with pytest.raises(TypeError, match=r"`keepdims` must be True or False"):
            nn.logsumexp([1.0], keepdims=10**400)

    @given(
        st.lists(st.floats(-1e4, 1e4), min_size=1, max_size=6),
        st.lists(st.floats(-1e3, 1e3), min_size=6, max_size=6),
    )
    def test_b_property_matches_scipy(self, z, b):
        # reference: scipy.special.logsumexp; only well-conditioned sums (no
        # cancellation below 1e-6 of the largest term) are compared
        b = np.array(b[: len(z)])
        z = np.array(z)
        got, sign = nn.logsumexp(z, b=b, return_sign=True)
        # scipy's own warnings (a subnormal b overflows its 1/b) are not ours
        with np.errstate(all="ignore"):
            ref, ref_sign = special.logsumexp(z, b=b, return_sign=True)
        terms = np.abs(b) * np.exp(z - z.max())
        if terms.max() == 0 or abs(np.sum(np.sign(b) * terms)) < 1e-6 * terms.max():
            return
        assert sign == ref_sign
        assert math.isclose(got, ref, rel_tol=1e-9, abs_tol=1e-9)

    def test_dtypes_follow_scipy(self):
        z16 = np.array([[0.5, 1.0, -2.0]], dtype=np.float16)
        assert nn.logsumexp(z16).dtype == np.float16
        assert nn.logsumexp(z16.astype(np.float32)).dtype == np.float32
        # a float64 b promotes, as in scipy
        out = nn.logsumexp(z16.astype(np.float32), b=np.ones(3))
        assert out.dtype == special.logsumexp(z16.astype(np.float32), b=np.ones(3), axis=-1).dtype


class TestSoftmax:
    @pytest.mark.parametrize("row", ADVERSARIAL_ROWS)
    def test_log_softmax_against_mpmath(self, row):
        # reference: mpmath in shifted form (x - m) - log sum e^(x_i - m); at 50
        # digits x - (m + log 2) would lose the log 2 for m = 1e300
        fin = [mp.mpf(float(x)) for x in row if x != -math.inf]
        m = max(fin)
        log_s = mp.log(mp.fsum(mp.e ** (x - m) for x in fin))
        expected = [float((mp.mpf(x) - m) - log_s) if x != -math.inf else -math.inf for x in row]
        # log-softmax entries near 0 carry absolute error ~ulp of the logits
        got = nn.log_softmax(row)
        scale = max(abs(float(x)) for x in row if math.isfinite(x)) or 1.0
        for g, e in zip(got, expected, strict=True):
            if math.isinf(e):
                assert g == e
            else:
                assert abs(g - e) <= 8 * EPS * max(abs(e), scale * (abs(e) > 1e-5))

    def test_softmax_rows_sum_to_one_and_saturate(self):
        s = nn.softmax([[1e4, 0.0, -np.inf], [0.0, 0.0, 0.0]])
        np.testing.assert_array_equal(s[0], [1.0, 0.0, 0.0])
        np.testing.assert_allclose(s[1], 1 / 3, rtol=1e-15)

    def test_all_neg_inf_row_raises(self):
        with pytest.raises(ValueError, match=r"all -inf"):
            nn.softmax([[-np.inf, -np.inf]])

    def test_float32_and_float16_dtypes(self):
        z32 = RNG.normal(size=(4, 6)).astype(np.float32)
        assert nn.softmax(z32).dtype == np.float32
        # float16 stays float16, as in scipy.special (issue 13.17; float32 before)
        assert nn.log_softmax(z32.astype(np.float16)).dtype == np.float16
        np.testing.assert_allclose(nn.softmax(z32), nn.softmax(z32.astype(float)), rtol=1e-6)

    def test_jacobian_closed_form_and_fd(self):
        z = RNG.normal(size=5)
        jac = nn.softmax_jacobian(z)
        s = nn.softmax(z)
        # closed form: diag(s) - s s^T
        np.testing.assert_allclose(jac, np.diag(s) - np.outer(s, s), atol=1e-16)
        for i in range(5):
            assert nn.check_grad(lambda x, i=i: nn.softmax(x)[i], z, jac[i]) < 1e-7
        assert nn.softmax_jacobian(RNG.normal(size=(2, 3, 4))).shape == (2, 3, 4, 4)

    def test_float16_returns_float16_bug(self):
        # was float32; scipy.special.softmax keeps float16
        z16 = RNG.normal(size=(5, 7)).astype(np.float16)
        got = nn.softmax(z16)
        assert got.dtype == np.float16 == special.softmax(z16, axis=-1).dtype
        # reference: float64 softmax of the same numbers, rounded once to float16
        ref = np.exp(z16.astype(float)) / np.exp(z16.astype(float)).sum(-1, keepdims=True)
        np.testing.assert_allclose(got, ref.astype(np.float16), rtol=2e-3)

    def test_log_softmax_matches_scipy(self):
        # reference: scipy.special.log_softmax, also on rows with -inf
        z = RNG.normal(size=(50, 30)) * 20
        z[3, :5] = -np.inf
        np.testing.assert_allclose(
            nn.log_softmax(z), special.log_softmax(z, axis=-1), rtol=1e-13, atol=1e-13
        )
        np.testing.assert_allclose(
            nn.log_softmax(z, axis=0), special.log_softmax(z, axis=0), rtol=1e-13, atol=1e-13
        )

    @pytest.mark.parametrize(
        "view", ["blocks", "3-d", "strided", "axis0", "float32"], ids=lambda x: x
    )
    def test_log_softmax_in_row_blocks_matches_scipy(self, view):
        # 300 rows of 1000 are three blocks of rows, the last one short;
        # reference: scipy.special.log_softmax
        z = np.random.default_rng(5).normal(size=(300, 1000)) * 5
        axis = -1
        if view == "3-d":
            z = z.reshape(3, 100, 1000)
        elif view == "strided":
            z = z[:, ::2]
        elif view == "axis0":
            axis = 0
        elif view == "float32":
            z = z.astype(np.float32)
        got = nn.log_softmax(z, axis=axis)
        assert got.dtype == z.dtype
        tol = 1e-13 if z.dtype == np.float64 else 1e-5
        np.testing.assert_allclose(got, special.log_softmax(z, axis=axis), rtol=tol, atol=tol)


def assert_ulps(got, ref, ulps, dtype=np.float64):
    """|got - ref| within `ulps` units in the last place of ref in `dtype`."""
    got, ref = np.broadcast_arrays(np.asarray(got, dtype), np.asarray(ref, dtype))
    np.testing.assert_array_equal(np.isinf(got), np.isinf(ref))
    fin = np.isfinite(ref)
    gap = np.abs(got[fin].astype(float) - ref[fin].astype(float))
    np.testing.assert_array_less(gap, ulps * np.spacing(np.abs(ref[fin])).astype(float) * 1.0001)


def mp_jacobian(row):
    """Compute the reference: mpmath, 50 digits, J_ij = s_i (delta_ij - s_j).

    1 - s_i is summed from the other classes (at 50 digits 1 - s_i is 0 once
    s_i > 1 - 1e-50).
    """
    lse = mp_lse(row)
    s = [mp.e ** (mp.mpf(float(x)) - lse) if x != -math.inf else mp.mpf(0) for x in row]
    k = len(row)
    others = [mp.fsum(s[j] for j in range(k) if j != i) for i in range(k)]
    return [[s[i] * others[i] if i == j else -s[i] * s[j] for j in range(k)] for i in range(k)]


class TestSoftmaxJacobian:
    @pytest.mark.parametrize(
        "row",
        [
            [40.0, 0.0],
            [0.0, -40.0, -40.0],
            [30.0, 30.0, 0.0],
            [0.0, 36.0, -np.inf],
            [0.3, -1.2, 2.0],
        ],
    )
    def test_saturated_rows_against_mpmath_bug(self, row):
        # diag(s) - s s^T gave J00 = 0 for [40, 0]; the true value is 4.25e-18
        ref = np.array([[float(x) for x in r] for r in mp_jacobian(row)])
        assert_ulps(nn.softmax_jacobian(row), ref, 8)

    def test_subnormal_entries(self):
        # reference: mpmath; e^-745 / (1 + e^-745)^2 rounds to the smallest subnormal
        jac = nn.softmax_jacobian([745.0, 0.0])
        ref = np.array([[float(x) for x in r] for r in mp_jacobian([745.0, 0.0])])
        np.testing.assert_array_equal(jac, ref)
        assert jac[1, 1] == 5e-324

    def test_float32(self):
        # reference: mpmath, rounded to float32
        jac = nn.softmax_jacobian(np.array([20.0, 0.0], dtype=np.float32))
        assert jac.dtype == np.float32
        ref = np.array([[float(x) for x in r] for r in mp_jacobian([20.0, 0.0])])
        assert_ulps(jac, ref.astype(np.float32), 4, np.float32)
        assert jac[0, 0] > 0


class TestSigmoid:
    @pytest.mark.parametrize("z", [-800.0, -40.0, -1e-10, 0.0, 1e-10, 40.0, 800.0])
    def test_against_mpmath(self, z):
        x = mp.mpf(z)
        close(nn.sigmoid(z), float(1 / (1 + mp.e ** (-x))))
        close(nn.log_sigmoid(z), float(-mp.log(1 + mp.e ** (-x))))

    def test_subnormal_tail_bug(self):
        # expit(-745) gave 0; e^-745 / (1 + e^-745) rounds to 5e-324
        assert nn.sigmoid(-745.0) == 5e-324
        # reference: mpmath, 50 digits
        for z in (-744.0, -720.5, -709.0, -40.0):
            x = mp.mpf(z)
            assert_ulps(nn.sigmoid(z), float(1 / (1 + mp.e ** (-x))), 2)

    @given(st.floats(-1e4, 1e4, allow_subnormal=True))
    def test_within_two_ulps(self, z):
        # reference: mpmath, 50 digits (log1p: 1 + e^-z would drop e^-z's digits)
        x = mp.mpf(z)
        assert_ulps(nn.sigmoid(z), float(1 / (1 + mp.e ** (-x))), 2)
        assert_ulps(nn.log_sigmoid(z), float(-mp.log1p(mp.e ** (-x))), 2)

    @given(st.floats(-120, 120, width=32))
    def test_float32_within_one_ulp(self, z):
        # reference: mpmath, 50 digits, rounded to float32 (was 0 below z = -88)
        z32 = np.float32(z)
        x = mp.mpf(float(z32))
        got = nn.sigmoid(np.array([z32]))
        assert got.dtype == np.float32
        assert_ulps(got, np.float32(float(1 / (1 + mp.e ** (-x)))), 1, np.float32)
        got = nn.log_sigmoid(np.array([z32]))
        assert_ulps(got, np.float32(float(-mp.log1p(mp.e ** (-x)))), 1, np.float32)

    def test_float16_stays_float16(self):
        z = np.array([-3.0, 0.0, 2.0], dtype=np.float16)
        assert nn.sigmoid(z).dtype == np.float16 == nn.log_sigmoid(z).dtype

    @pytest.mark.parametrize("func", [nn.sigmoid, nn.log_sigmoid])
    def test_nan_raises_as_documented_bug(self, func):
        # sigmoid(nan) returned NaN while the docs said NaN raises
        with pytest.raises(ValueError, match=r"`z` contains NaN"):
            func(np.nan)
        with pytest.raises(ValueError, match=r"`z` contains NaN"):
            func([0.0, np.nan])

    @pytest.mark.parametrize("func", [nn.sigmoid, nn.log_sigmoid])
    def test_none_is_a_type_error_bug(self, func):
        # None became NaN through astype(float)
        with pytest.raises(TypeError, match=r"`z` must hold real numbers, got None"):
            func(None)
        with pytest.raises(TypeError, match=r"`z` must hold real numbers, got None"):
            func([1.0, None])

    def test_infinities(self):
        np.testing.assert_array_equal(nn.sigmoid([-np.inf, np.inf]), [0.0, 1.0])
        np.testing.assert_array_equal(nn.log_sigmoid([-np.inf, np.inf]), [-np.inf, 0.0])


def naive_torch_ce(z, targets, weights=None, eps=0.0, reduction="mean"):
    """Apply the formula of torch.nn.functional.cross_entropy's documentation.

    In mpmath, one sample at a time (reference; shares no code with nn).
    """
    n, k = z.shape
    w = [mp.mpf(1)] * k if weights is None else [mp.mpf(float(x)) for x in weights]
    losses, denom = [], mp.mpf(0)
    for i in range(n):
        lse = mp_lse(z[i])
        logp = [mp.mpf(float(z[i, c])) - lse for c in range(k)]
        if np.ndim(targets) == 1:
            y = int(targets[i])
            nll = -w[y] * logp[y]
            smooth = -mp.fsum(w[c] * logp[c] for c in range(k))
            losses.append((1 - eps) * nll + eps / k * smooth)
            denom += w[y] if weights is not None else 1
        else:
            q = [(1 - eps) * mp.mpf(float(targets[i, c])) + eps / k for c in range(k)]
            losses.append(-mp.fsum(w[c] * q[c] * logp[c] for c in range(k)))
            denom += 1
    if reduction == "none":
        return np.array([float(x) for x in losses])
    total = mp.fsum(losses)
    return float(total / denom if reduction == "mean" else total)


def naive_torch_grad(z, targets, weights=None, eps=0.0, reduction="mean"):
    """Compute d loss / d logits from torch's formula in mpmath.

    p_ic sum_c a_ic - a_ic, divided as the loss is (reference; shares no
    code with nn).
    """
    n, k = z.shape
    w = [mp.mpf(1)] * k if weights is None else [mp.mpf(float(x)) for x in weights]
    rows, denom = [], mp.mpf(0)
    for i in range(n):
        lse = mp_lse(z[i])
        p = [mp.e ** (mp.mpf(float(z[i, c])) - lse) for c in range(k)]
        if np.ndim(targets) == 1:
            y = int(targets[i])
            a = [(1 - eps) * w[c] * (c == y) + eps / k * w[c] for c in range(k)]
            denom += w[y] if weights is not None else 1
        else:
            a = [w[c] * ((1 - eps) * mp.mpf(float(targets[i, c])) + eps / k) for c in range(k)]
            denom += 1
        total = mp.fsum(a)
        rows.append([p[c] * total - a[c] for c in range(k)])
    scale = 1 / denom if reduction == "mean" else 1
    return np.array([[float(x * scale) for x in r] for r in rows])


class TestSoftmaxCrossEntropy:
    @pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
    @pytest.mark.parametrize("weights", [None, "w"])
    @pytest.mark.parametrize("eps", [0.0, 0.1])
    def test_torch_semantics_class_indices(self, reduction, weights, eps):
        z = RNG.normal(size=(6, 4)) * 3
        y = RNG.integers(0, 4, size=6)
        w = None if weights is None else RNG.random(4) + 0.1
        got = nn.softmax_cross_entropy(
            z, y, class_weights=w, label_smoothing=eps, reduction=reduction
        )
        np.testing.assert_allclose(got, naive_torch_ce(z, y, w, eps, reduction), rtol=1e-13)

    @pytest.mark.parametrize("weights", [None, "w"])
    def test_torch_semantics_probability_targets(self, weights):
        z = RNG.normal(size=(5, 3))
        q = RNG.dirichlet(np.ones(3), size=5)
        w = None if weights is None else RNG.random(3) + 0.1
        got = nn.softmax_cross_entropy(z, q, class_weights=w, label_smoothing=0.2)
        assert math.isclose(got, naive_torch_ce(z, q, w, 0.2), rel_tol=1e-13)

    def test_adversarial_losses(self):
        # correct class 1e4 below the others: loss = 1e4 + log 2, not inf
        loss = nn.softmax_cross_entropy([[0.0, 1e4, 1e4]], [0], reduction="sum")
        close(loss, float(mp_lse([0.0, 1e4, 1e4])))
        # confident and right: loss log(1 + 2e^-50) ~ 3.9e-22, not 0
        loss = nn.softmax_cross_entropy([[50.0, 0.0, 0.0]], [0], reduction="sum")
        close(loss, float(mp_lse([50.0, 0.0, 0.0]) - 50))
        # -inf on a wrong class is fine; on the target class it is an infinite loss
        assert math.isclose(nn.softmax_cross_entropy([[0.0, -np.inf]], [0]), 0.0, abs_tol=0)
        assert nn.softmax_cross_entropy([[0.0, -np.inf]], [1]) == math.inf
        loss = nn.softmax_cross_entropy([[1e300, -1e300]], [1], reduction="sum")
        assert loss == 2e300

    def test_saturated_gradient(self):
        _, g = nn.softmax_cross_entropy([[1e4, 0.0]], [1], reduction="sum", return_grad=True)
        np.testing.assert_array_equal(g, [[1.0, -1.0]])
        _, g = nn.softmax_cross_entropy([[50.0, 0.0]], [0], reduction="sum", return_grad=True)
        # reference: closed form p0 - 1 = -e^-50 / (1 + e^-50), mpmath
        close(g[0, 0], float(-(mp.e**-50) / (1 + mp.e**-50)))
        close(g[0, 1], float(mp.e**-50 / (1 + mp.e**-50)))

    @pytest.mark.parametrize("reduction", ["mean", "sum"])
    @pytest.mark.parametrize(
        "kind", ["index", "weighted", "smoothed", "soft", "weighted-soft", "neg-inf"]
    )
    def test_gradient_finite_differences(self, kind, reduction):
        z = RNG.normal(size=(4, 5))
        y = RNG.integers(0, 5, size=4)
        kw = {"reduction": reduction}
        t = y
        if kind in ("weighted", "weighted-soft"):
            kw["class_weights"] = RNG.random(5) + 0.5
        if kind == "smoothed":
            kw["label_smoothing"] = 0.3
        if kind in ("soft", "weighted-soft"):
            t = RNG.dirichlet(np.ones(5), size=4)
        if kind == "neg-inf":
            z[:, 0] = -np.inf
            t = np.where(y == 0, 1, y)
        loss, g = nn.softmax_cross_entropy(z, t, return_grad=True, **kw)
        assert math.isclose(loss, nn.softmax_cross_entropy(z, t, **kw), rel_tol=1e-15)
        zz = z.copy()
        fin = np.isfinite(zz)

        def f(x):
            full = zz.copy()
            full[fin] = x
            return nn.softmax_cross_entropy(full, t, **kw)

        assert nn.check_grad(f, z[fin], g[fin]) < 1e-7

    def test_gradient_closed_form_one_hot(self):
        z = RNG.normal(size=(8, 3))
        y = RNG.integers(0, 3, size=8)
        _, g = nn.softmax_cross_entropy(z, y, return_grad=True)
        np.testing.assert_allclose(g, (nn.softmax(z) - np.eye(3)[y]) / 8, atol=1e-17)
        _, g_none = nn.softmax_cross_entropy(z, y, reduction="none", return_grad=True)
        np.testing.assert_allclose(g_none, nn.softmax(z) - np.eye(3)[y], atol=1e-16)

    def test_batch_shape_and_float32(self):
        z = RNG.normal(size=(2, 3, 4)).astype(np.float32)
        y = RNG.integers(0, 4, size=(2, 3))
        loss, g = nn.softmax_cross_entropy(z, y, reduction="none", return_grad=True)
        assert loss.shape == (2, 3) and g.shape == z.shape
        assert loss.dtype == np.float32 and g.dtype == np.float32
        ref = nn.softmax_cross_entropy(z.astype(float), y, reduction="none")
        np.testing.assert_allclose(loss, ref, rtol=2e-6)

    def test_does_not_modify_inputs(self):
        z = RNG.normal(size=(3, 3))
        z0 = z.copy()
        nn.softmax_cross_entropy(z, [0, 1, 2], return_grad=True, label_smoothing=0.1)
        np.testing.assert_array_equal(z, z0)

    def test_errors(self):
        z = np.zeros((2, 3))
        with pytest.raises(ValueError, match=r"class index 3, outside \[0, 2\]"):
            nn.softmax_cross_entropy(z, [0, 3])
        with pytest.raises(ValueError, match=r"must have shape \(2,\)"):
            nn.softmax_cross_entropy(z, [0, 1, 2])
        with pytest.raises(ValueError, match=r"`targets` must sum to 1 along `axis`"):
            nn.softmax_cross_entropy(z, np.full((2, 3), 0.5))
        with pytest.raises(ValueError, match=r"`reduction` must be one of 'mean', 'sum', 'none'"):
            nn.softmax_cross_entropy(z, [0, 1], reduction="avg")
        with pytest.raises(ValueError, match=r"`label_smoothing` must lie in \[0.0, 1.0\]"):
            nn.softmax_cross_entropy(z, [0, 1], label_smoothing=1.5)
        with pytest.raises(ValueError, match=r"`class_weights` must have shape \(3,\)"):
            nn.softmax_cross_entropy(z, [0, 1], class_weights=[1, 2])
        with pytest.raises(ValueError, match=r"`logits` contains NaN"):
            nn.softmax_cross_entropy([[0.0, np.nan]], [0])
        with pytest.raises(ValueError, match=r"`logits` has a row whose logits are all -inf"):
            nn.softmax_cross_entropy([[-np.inf, -np.inf]], [0])

    @pytest.mark.parametrize("soft", [False, True])
    def test_empty_batch_bug(self, soft):
        # "mean" raised ZeroDivisionError; torch gives NaN (0/0): we raise ValueError
        z = np.zeros((0, 3))
        t = np.zeros((0, 3)) if soft else np.zeros(0, dtype=int)
        with pytest.raises(ValueError, match=r"`logits` holds an empty batch.*reduction='sum'"):
            nn.softmax_cross_entropy(z, t)
        loss, g = nn.softmax_cross_entropy(z, t, reduction="sum", return_grad=True)
        assert loss == 0.0 and g.shape == (0, 3)
        assert nn.softmax_cross_entropy(z, t, reduction="none").shape == (0,)

    def test_class_weights_zero_on_every_target_bug(self):
        # the weighted mean divides by sum_i w_{y_i} = 0: ValueError, not ZeroDivisionError
        z = np.array([[1.0, 2.0], [0.5, -1.0]])
        for eps in (0.0, 0.2):
            with pytest.raises(ValueError, match=r"`class_weights` are zero on every target"):
                nn.softmax_cross_entropy(z, [0, 0], class_weights=[0.0, 1.0], label_smoothing=eps)
        # "sum" and "none" are defined: 0 without smoothing (closed form)
        loss, g = nn.softmax_cross_entropy(
            z, [0, 0], class_weights=[0.0, 1.0], reduction="sum", return_grad=True
        )
        assert loss == 0.0 and not g.any()
        ref = naive_torch_ce(z, np.array([0, 0]), [0.0, 1.0], 0.2, "sum")
        got = nn.softmax_cross_entropy(
            z, [0, 0], class_weights=[0.0, 1.0], label_smoothing=0.2, reduction="sum"
        )
        assert math.isclose(got, ref, rel_tol=1e-13)
        # probability rows divide by N: all-zero weights give a mean of 0
        assert nn.softmax_cross_entropy(z, np.eye(2), class_weights=[0.0, 0.0]) == 0.0

    @pytest.mark.parametrize(
        "weights", [[1e308, 1.0, 3.0], [1e-300, 1e-300, 1e-300], [1e-300, 1.0, 1e300]]
    )
    @pytest.mark.parametrize("eps", [0.0, 0.1])
    @pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
    @pytest.mark.parametrize("soft", [False, True])
    def test_extreme_class_weights_bug(self, weights, eps, reduction, soft):
        # weights [1e308, 1] gave inf or NaN, [1e-300, 1e-300] a NaN gradient;
        # reference: torch's formula in mpmath (naive_torch_ce, naive_torch_grad)
        z = np.array([[0.0, 2.0, -1.0], [1.5, -0.5, 0.25], [-2.0, 0.0, 3.0]])
        t = (
            np.array([0, 1, 0])
            if not soft
            else np.array([[0.7, 0.3, 0], [0, 1, 0], [0, 0.5, 0.5]])
        )
        loss, g = nn.softmax_cross_entropy(
            z, t, class_weights=weights, label_smoothing=eps, reduction=reduction, return_grad=True
        )
        close(loss, naive_torch_ce(z, t, weights, eps, reduction), ulps=64)
        close(g, naive_torch_grad(z, t, weights, eps, reduction), ulps=64)

    def test_extreme_class_weights_example_bug(self):
        # the example: log(1 + e^2) = 2.1269..., not inf (closed form)
        loss, g = nn.softmax_cross_entropy(
            [[0.0, 2.0]], [0], class_weights=[1e308, 1.0], return_grad=True
        )
        close(loss, math.log1p(math.exp(2.0)))
        close(g, nn.softmax([[0.0, 2.0]]) - [[1.0, 0.0]])

    def test_extreme_class_weights_float32_bug(self):
        # float32 logits with weights beyond float32's range: no overflow in casts
        z = np.array([[0.0, 2.0], [1.0, -1.0]], dtype=np.float32)
        for weights in ([1e308, 1.0], np.array([3e38, 1.0], dtype=np.float32), [1e-300, 1e-300]):
            loss, g = nn.softmax_cross_entropy(z, [0, 1], class_weights=weights, return_grad=True)
            ref = naive_torch_ce(z.astype(float), np.array([0, 1]), weights)
            assert math.isclose(loss, ref, rel_tol=1e-6)
            ref_g = naive_torch_grad(z.astype(float), np.array([0, 1]), weights)
            assert g.dtype == np.float32
            # the reference rounded to float32 (8.8e-309 is 0 there)
            np.testing.assert_allclose(g, ref_g.astype(np.float32), rtol=1e-6)

    def test_mean_of_losses_near_1e308(self):
        # each loss is 1e308 (closed form); their sum overflows, their mean does not
        z = np.array([[0.0, -1e308], [0.0, -1e308]])
        assert nn.softmax_cross_entropy(z, [1, 1]) == 1e308
        assert nn.softmax_cross_entropy(z, [1, 1], reduction="sum") == math.inf

    def test_float32_probability_rows_use_their_tolerance(self):
        # float32 rows sum to 1 only within float32 rounding; reference: torch's formula
        z = RNG.normal(size=(50, 7))
        q = RNG.dirichlet(np.ones(7) * 0.3, size=50).astype(np.float32)
        got = nn.softmax_cross_entropy(z, q)
        assert math.isclose(got, naive_torch_ce(z, q.astype(float)), rel_tol=1e-12)
        with pytest.raises(ValueError, match=r"`targets` has entries above 1"):
            nn.softmax_cross_entropy([[0.0, 1.0]], [[1e308, 1e308]])

    def test_scalar_logits_name_the_class_axis(self):
        with pytest.raises(ValueError, match=r"`logits` must have a class axis, got a scalar"):
            nn.softmax_cross_entropy(1.0, 0)


class TestBinaryCrossEntropy:
    @pytest.mark.parametrize("z", [-800.0, -30.0, 0.0, 1e-8, 30.0, 800.0])
    @pytest.mark.parametrize("y", [0.0, 0.3, 1.0])
    def test_against_mpmath(self, z, y):
        x, t = mp.mpf(z), mp.mpf(y)
        expected = t * mp.log(1 + mp.e ** (-x)) + (1 - t) * mp.log(1 + mp.e**x)
        close(nn.sigmoid_binary_cross_entropy([z], [y]), float(expected))

    def test_gradient(self):
        z = RNG.normal(size=7) * 4
        y = RNG.random(7)
        loss, g = nn.sigmoid_binary_cross_entropy(z, y, return_grad=True)
        assert loss == nn.sigmoid_binary_cross_entropy(z, y)
        # closed form: (sigmoid(z) - y) / n, the seeds' dz = a - y
        np.testing.assert_allclose(g, (1 / (1 + np.exp(-z)) - y) / 7, rtol=1e-14)
        assert nn.check_grad(lambda x: nn.sigmoid_binary_cross_entropy(x, y), z, g) < 1e-7

    def test_infinite_logits(self):
        assert nn.sigmoid_binary_cross_entropy([np.inf], [1.0]) == 0.0
        assert nn.sigmoid_binary_cross_entropy([np.inf], [0.0]) == math.inf

    def test_errors(self):
        with pytest.raises(ValueError, match=r"`targets` has entries above 1"):
            nn.sigmoid_binary_cross_entropy([0.0], [2.0])
        with pytest.raises(ValueError, match=r"shape of `logits`"):
            nn.sigmoid_binary_cross_entropy([0.0, 1.0], [1.0])
        with pytest.raises(ValueError, match=r"`logits` contains NaN"):
            nn.sigmoid_binary_cross_entropy([np.nan], [1.0])

    def test_mean_of_huge_losses_bug(self):
        # the sum 2e308 overflowed with a warning; the mean is 1e308 (closed form)
        assert nn.sigmoid_binary_cross_entropy([1e308, 1e308], [0.0, 0.0]) == 1e308
        loss = nn.sigmoid_binary_cross_entropy([1e308, 1e308], [0.0, 0.0], reduction="sum")
        assert loss == math.inf  # the true sum is beyond the float range

    def test_empty_mean_raises(self):
        with pytest.raises(ValueError, match=r"`logits` holds an empty batch"):
            nn.sigmoid_binary_cross_entropy([], [])
        assert nn.sigmoid_binary_cross_entropy([], [], reduction="sum") == 0.0


class TestCheckGrad:
    def test_detects_wrong_gradient_and_keeps_x(self):
        x = RNG.normal(size=4)
        x0 = x.copy()
        assert nn.check_grad(lambda v: np.sum(np.sin(v)), x, np.cos(x)) < 1e-9
        assert nn.check_grad(lambda v: np.sum(np.sin(v)), x, np.cos(x) * 1.01) > 1e-3
        np.testing.assert_array_equal(x, x0)

    def test_shape_mismatch(self):
        with pytest.raises(ValueError, match=r"`grad` must have the shape of `x`"):
            nn.check_grad(np.sum, np.zeros(3), np.zeros(2))

    @pytest.mark.parametrize(
        ("eps", "error", "match"),
        [
            (0.0, ValueError, r"`eps` must be a positive finite number, got 0.0"),
            (-1e-6, ValueError, r"`eps` must be a positive finite number"),
            (np.nan, ValueError, r"`eps` must be a positive finite number"),
            (np.inf, ValueError, r"`eps` must be a positive finite number"),
            pytest.param(
                10**400, ValueError, r"`eps` must be a positive finite number", id="10**400"
            ),
            (1e-6j, TypeError, r"`eps` must be a real number, got complex"),
            (True, TypeError, r"`eps` must be a real number, got bool"),
            ("1e-6", TypeError, r"`eps` must be a real number, got str"),
            (1e-300, ValueError, r"`eps` 1e-300 is too small to change `x` at index 0"),
            (1e308, ValueError, r"`eps` 1e\+308 takes `x` beyond the float range"),
        ],
    )
    def test_eps_is_validated_bug(self, eps, error, match):
        # 0, complex and absurd steps returned inf with warnings
        x = np.array([1.0, 1e308])
        with pytest.raises(error, match=match):
            nn.check_grad(lambda v: float(np.sum(v)), x, np.ones(2), eps=eps)

    def test_explicit_eps_and_bad_x(self):
        x = np.array([0.5, -2.0])
        assert nn.check_grad(lambda v: float(np.sum(v**2)), x, 2 * x, eps=1e-5) < 1e-9
        with pytest.raises(ValueError, match=r"`x` contains NaN"):
            nn.check_grad(np.sum, [np.nan], [1.0])
        with pytest.raises(TypeError, match=r"`x` must hold real numbers, got None"):
            nn.check_grad(np.sum, [None], [1.0])


def three_blobs(n_per=60, seed=0):
    rng = np.random.default_rng(seed)
    centers = np.array([[0.0, 3.0], [-3.0, -2.0], [3.0, -2.0]])
    x = np.concatenate([c + rng.normal(size=(n_per, 2)) for c in centers])
    y = np.repeat(np.arange(3), n_per)
    return x, y


def test_softmax_regression_by_gradient_descent():
    """Worked example: forward, loss, backward, update; reaches >= 95% accuracy."""
    x, y = three_blobs()
    w, b = np.zeros((2, 3)), np.zeros(3)
    losses = []
    for _ in range(300):
        logits = x @ w + b  # forward
        loss, dz = nn.softmax_cross_entropy(logits, y, return_grad=True)  # loss, dL/dz
        w -= 0.5 * (x.T @ dz)  # backward through the affine map, update
        b -= 0.5 * dz.sum(axis=0)
        losses.append(loss)
    accuracy = np.mean(np.argmax(x @ w + b, axis=1) == y)
    assert accuracy >= 0.95
    assert losses[-1] < 0.2 < losses[0]
    assert all(b <= a + 1e-12 for a, b in itertools.pairwise(losses))


def test_logistic_regression_vectorised_update():
    """Worked example with the seeds' shapes: X is (features, m), dW = X dZ^T / m."""
    rng = np.random.default_rng(1)
    m = 200
    xs = rng.normal(size=(2, m))
    yv = (xs[0] + 0.5 * xs[1] > 0).astype(float)
    w, b = np.zeros(2), 0.0
    for _ in range(500):
        z = w @ xs + b
        loss, grad = nn.sigmoid_binary_cross_entropy(z, yv, reduction="none", return_grad=True)
        dz = grad  # a - y
        w -= 1.0 * (xs @ dz) / m
        b -= 1.0 * dz.mean()
    assert np.mean((w @ xs + b > 0) == yv) >= 0.97
    assert loss.mean() < 0.15


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("smoothing", [0.0, 0.2])
@pytest.mark.parametrize("soft", [False, True])
def test_matches_real_torch_when_installed(reduction, weighted, smoothing, soft):
    """reference: torch.nn.functional.cross_entropy (float64, CPU), if installed."""
    torch = pytest.importorskip("torch")
    z = RNG.normal(size=(6, 4)) * 2
    t = RNG.dirichlet(np.ones(4), size=6) if soft else RNG.integers(0, 4, size=6)
    w = RNG.random(4) + 0.2 if weighted else None
    zt = torch.tensor(z, requires_grad=True)
    ref = torch.nn.functional.cross_entropy(
        zt,
        torch.tensor(t),
        weight=None if w is None else torch.tensor(w),
        label_smoothing=smoothing,
        reduction=reduction,
    )
    ref.sum().backward()
    loss, g = nn.softmax_cross_entropy(
        z, t, class_weights=w, label_smoothing=smoothing, reduction=reduction, return_grad=True
    )
    np.testing.assert_allclose(loss, ref.detach().numpy(), rtol=1e-12)
    np.testing.assert_allclose(g, zt.grad.numpy(), rtol=1e-10, atol=1e-15)
