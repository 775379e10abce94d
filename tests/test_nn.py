"""infomeasures.nn against mpmath (50 digits), closed forms and finite differences."""

import itertools
import math

import mpmath as mp
import numpy as np
import pytest

from infomeasures import nn

mp.mp.dps = 50
EPS = np.finfo(float).eps
RNG = np.random.default_rng(7)


def mp_lse(row):
    """reference: mpmath, 50 digits"""
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
        np.abs(a - b)[fin], ulps * EPS * np.abs(b[fin]) + 1e-300 + 0 * b[fin]
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
        assert nn.log_softmax(z32.astype(np.float16)).dtype == np.float32
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


class TestSigmoid:
    @pytest.mark.parametrize("z", [-800.0, -40.0, -1e-10, 0.0, 1e-10, 40.0, 800.0])
    def test_against_mpmath(self, z):
        x = mp.mpf(z)
        close(nn.sigmoid(z), float(1 / (1 + mp.e ** (-x))))
        close(nn.log_sigmoid(z), float(-mp.log(1 + mp.e ** (-x))))


def naive_torch_ce(z, targets, weights=None, eps=0.0, reduction="mean"):
    """The formula of torch.nn.functional.cross_entropy's documentation, in
    mpmath, one sample at a time (reference; shares no code with nn)."""
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
