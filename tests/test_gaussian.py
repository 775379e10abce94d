"""Tests of the Gaussian closed forms and the copula transform in infomeasures._gaussian.

On a given sample the closed forms are deterministic functions of its mean
and covariance, so most references are the same quantity computed another
way (correlations, regression residuals, scipy.stats, quadrature).  The
statistical tests use one seed with 4 standard deviations of the estimator,
the SD measured over 100 seeds (1000..1099) at n = 2000.
"""

import math

import numpy as np
import pytest
from scipy import integrate, stats

from infomeasures import _gaussian as g

N = 2000


def sample(seed, n=N, rho=0.6):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    return x[:, None], (rho * x + math.sqrt(1 - rho**2) * rng.normal(size=n))[:, None]


class TestEntropy:
    def test_equals_scipy_normal_entropy_of_the_fit(self):
        x = np.random.default_rng(0).multivariate_normal(
            [1, 2, 3], [[2, 0.5, 0], [0.5, 1, 0.3], [0, 0.3, 3]], size=500
        )
        want = stats.multivariate_normal(x.mean(0), np.cov(x, rowvar=False)).entropy()  # scipy
        assert g.gaussian_entropy(x) == pytest.approx(want, rel=1e-12)

    def test_singular_raises(self):
        x = np.random.default_rng(1).normal(size=(100, 1))
        with pytest.raises(ValueError, match="covariance of `x` is singular"):
            g.gaussian_entropy(np.hstack((x, 2 * x)))

    def test_too_few_observations_raise(self):
        with pytest.raises(ValueError, match="more observations than dimensions"):
            g.gaussian_entropy(np.eye(3))


class TestMutualInformation:
    def test_equals_correlation_form(self):
        x, y = sample(0)
        r = np.corrcoef(x[:, 0], y[:, 0])[0, 1]
        assert g.gaussian_mi(x, y) == pytest.approx(-0.5 * math.log(1 - r**2), rel=1e-12)

    def test_close_to_population_value(self):
        # closed form -0.5 log(1 - 0.36); SD 0.0153 over 100 seeds.
        assert abs(g.gaussian_mi(*sample(0)) - (-0.5 * math.log(0.64))) < 4 * 0.0153

    def test_block_log_det(self):
        d = np.random.default_rng(2).normal(size=(300, 4)) @ np.triu(np.ones((4, 4)))
        s = np.corrcoef(d, rowvar=False)  # correlations: the normalisation cancels
        ld = [np.linalg.slogdet(m)[1] for m in (s[:2, :2], s[2:, 2:], s)]
        assert g.gaussian_mi(d[:, :2], d[:, 2:]) == pytest.approx(
            0.5 * (ld[0] + ld[1] - ld[2]), rel=1e-10
        )

    def test_symmetric_and_unit_free(self):
        x, y = sample(3)
        assert g.gaussian_mi(x, y) == pytest.approx(g.gaussian_mi(1e5 * y, x - 7), rel=1e-10)


class TestConditionalMutualInformation:
    def test_equals_partial_correlation_of_residuals(self):
        rng = np.random.default_rng(0)
        z, e1, e2 = rng.normal(size=(3, 800))
        x, y = z + e1, 0.5 * z + 0.8 * e1 + e2
        # The partial correlation from least-squares residuals on (1, z).
        design = np.column_stack((np.ones_like(z), z))
        rx = x - design @ np.linalg.lstsq(design, x, rcond=None)[0]
        ry = y - design @ np.linalg.lstsq(design, y, rcond=None)[0]
        r = np.corrcoef(rx, ry)[0, 1]
        got = g.gaussian_cmi(x[:, None], y[:, None], z[:, None])
        assert got == pytest.approx(-0.5 * math.log(1 - r**2), rel=1e-10)

    def test_conditionally_independent_small(self):
        rng = np.random.default_rng(1)
        z = rng.normal(size=N)
        x, y = z + rng.normal(size=N), z + rng.normal(size=N)
        # -0.5 log(1 - r^2) with r ~ N(0, 1/n): below 4^2 / (2n) with room.
        assert g.gaussian_cmi(x[:, None], y[:, None], z[:, None]) < 16 / (2 * N)


class TestDivergences:
    def test_kl_by_quadrature(self):
        rng = np.random.default_rng(0)
        x, y = rng.normal(size=(300, 1)), 1 + 1.5 * rng.normal(size=(400, 1))
        p = stats.norm(x.mean(), x.std(ddof=1))
        q = stats.norm(y.mean(), y.std(ddof=1))
        want = integrate.quad(lambda t: p.pdf(t) * (p.logpdf(t) - q.logpdf(t)), -20, 20)[0]
        assert g.gaussian_kl(x, y) == pytest.approx(want, rel=1e-8)

    def test_cross_entropy_by_quadrature(self):
        rng = np.random.default_rng(1)
        x, y = rng.normal(size=(300, 1)), 1 + 1.5 * rng.normal(size=(400, 1))
        p = stats.norm(x.mean(), x.std(ddof=1))
        q = stats.norm(y.mean(), y.std(ddof=1))
        want = integrate.quad(lambda t: -p.pdf(t) * q.logpdf(t), -20, 20)[0]
        assert g.gaussian_cross_entropy(x, y) == pytest.approx(want, rel=1e-8)

    def test_kl_of_a_sample_with_itself_is_zero(self):
        x = np.random.default_rng(2).normal(size=(200, 3))
        assert g.gaussian_kl(x, x) == 0.0

    def test_cross_entropy_with_itself_is_entropy(self):
        x = np.random.default_rng(3).normal(size=(200, 2))
        assert g.gaussian_cross_entropy(x, x) == pytest.approx(g.gaussian_entropy(x), rel=1e-12)


class TestCopula:
    def test_scores_are_normal_quantiles_of_average_ranks(self):
        x = np.array([[3.0], [1.0], [2.0], [2.0]])
        # ranks 4, 1, 2.5, 2.5 over n + 1 = 5
        want = stats.norm.ppf(np.array([[0.8], [0.2], [0.5], [0.5]]))
        np.testing.assert_allclose(g.copula_normal(x), want, rtol=1e-14, atol=1e-15)

    def test_invariant_under_monotone_transforms(self):
        x, y = sample(4)
        assert g.copula_mi(np.exp(x), y**3 - 2) == g.copula_mi(x, y)

    def test_close_to_population_value(self):
        # closed form -0.5 log(1 - 0.36); SD 0.0154 over 100 seeds.
        assert abs(g.copula_mi(*sample(0)) - (-0.5 * math.log(0.64))) < 4 * 0.0154

    def test_cmi_invariant_under_monotone_transforms(self):
        rng = np.random.default_rng(5)
        z, e1, e2 = rng.normal(size=(3, 500, 1))
        x, y = z + e1, z + e1 + e2
        assert g.copula_cmi(np.exp(x), y, np.tanh(z)) == g.copula_cmi(x, y, z)

    def test_does_not_modify_input(self):
        x, y = sample(6, n=50)
        x0 = x.copy()
        g.copula_mi(x, y)
        np.testing.assert_array_equal(x, x0)
