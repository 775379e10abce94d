"""Permutation tests, G-test and bootstrap intervals: against scipy and statistically.

Statistical tests use fixed seeds.  Null calibration: 200 p-values of
independent simulated data sets, compared with the uniform distribution by a
Kolmogorov-Smirnov test (scipy.stats.kstest) at the 1% level.  Tables are
large enough (about 15 observations per cell) that ties of the discrete
statistic, which make a permutation p-value conservative, are rare.
"""

import math

import numpy as np
import pytest
from scipy import stats

from infomeasures import _resampling as rs
from infomeasures import _validation as v
from infomeasures import samples

N_SIMULATIONS = 200  # p-values per calibration check
KS_LEVEL = 0.01


def _table(x, y, z=None):
    shape = (x.max() + 1, y.max() + 1) if z is None else (x.max() + 1, y.max() + 1, z.max() + 1)
    codes = (x, y) if z is None else (x, y, z)
    return np.bincount(np.ravel_multi_index(codes, shape), minlength=math.prod(shape)).reshape(
        shape
    )


def _ref_cmi(tables):
    """Plug-in I(X;Y|Z) of tables (B, X, Y, Z) as H(XZ) + H(YZ) - H(XYZ) - H(Z).

    Through scipy.stats.entropy, independent of the code under test.
    """
    b = len(tables)

    def h(t):
        flat = t.reshape(b, -1)
        return stats.entropy(flat, axis=1) * 1.0

    return h(tables.sum(2)) + h(tables.sum(1)) - h(tables) - h(tables.sum((1, 2)))


def _discrete_cmi_statistic(x, y, z):
    """SampleStatistic: plug-in I(X; Y | Z) of codes, y re-indexed per row."""
    shape = (x.max() + 1, y.max() + 1, z.max() + 1)
    cells = math.prod(shape)

    def statistic(ix, iy):
        xs, zs = (x, z) if ix is None else (x[ix], z[ix])
        codes = np.ravel_multi_index((np.broadcast_to(xs, iy.shape), y[iy], zs), shape)
        offsets = cells * np.arange(len(iy))[:, None]
        counts = np.bincount((codes + offsets).ravel(), minlength=cells * len(iy))
        return _ref_cmi(counts.reshape(len(iy), *shape).astype(float))

    return statistic


def _gaussian_mi_statistic(x, y):
    """SampleStatistic: Gaussian MI -1/2 log(1 - r^2) (closed form under normality)."""

    def statistic(ix, iy):
        xs = x if ix is None else x[ix]
        r = np.array(
            [
                np.corrcoef(a, b)[0, 1]
                for a, b in zip(np.broadcast_to(xs, iy.shape), y[iy], strict=True)
            ]
        )
        return -0.5 * np.log1p(-(r**2))

    return statistic


def _linear_partial_statistic(x, y, z):
    """SampleStatistic: -1/2 log(1 - r^2) of x and y after a linear regression on z.

    With a non-linear dependence on z the residuals still share it: like any
    finite-sample CMI estimate, the statistic is not zero-centred under
    conditional independence, and only a null that keeps the y-z dependence
    calibrates it.
    """

    def residual(v_, w):
        w = w - w.mean(axis=-1, keepdims=True)
        v_ = v_ - v_.mean(axis=-1, keepdims=True)
        beta = (v_ * w).sum(-1, keepdims=True) / (w * w).sum(-1, keepdims=True)
        return v_ - beta * w

    def statistic(ix, iy):
        xs, zs = (x, z) if ix is None else (x[ix], z[ix])
        zs = np.broadcast_to(zs, iy.shape)
        rx = residual(np.broadcast_to(xs, iy.shape), zs)
        ry = residual(y[iy], zs)
        r = (rx * ry).sum(-1) / np.sqrt((rx * rx).sum(-1) * (ry * ry).sum(-1))
        return -0.5 * np.log1p(-(r**2))

    return statistic


def _uniform(pvalues):
    return stats.kstest(pvalues, "uniform").pvalue > KS_LEVEL


# --------------------------------------------------------------------- G-test
class TestGTest:
    @pytest.mark.parametrize("seed", range(4))
    def test_equals_scipy_chi2_contingency(self, seed):
        rng = np.random.default_rng(seed)
        table = rng.integers(1, 40, size=(rng.integers(2, 6), rng.integers(2, 6)))
        got = rs.table_test(table, rs.plugin_cmi, method="g-test")
        ref = stats.chi2_contingency(table, correction=False, lambda_="log-likelihood")
        assert math.isclose(2 * table.sum() * got.statistic, ref.statistic, rel_tol=1e-12)
        assert math.isclose(got.pvalue, ref.pvalue, rel_tol=1e-10)
        assert got.df == ref.dof
        assert got.null_distribution is None

    def test_conditional_sums_strata(self):
        # scipy on each stratum without its empty rows/columns; G and df add up.
        rng = np.random.default_rng(7)
        table = rng.integers(1, 30, size=(3, 4, 3))
        table[2, :, 1] = 0  # an empty row in stratum 1: 2 x 4 there
        g, df = 0.0, 0
        for z in range(3):
            s = table[:, :, z]
            s = s[s.sum(1) > 0][:, s.sum(0) > 0]
            ref = stats.chi2_contingency(s, correction=False, lambda_="log-likelihood")
            g, df = g + ref.statistic, df + ref.dof
        got = rs.table_test(table, rs.plugin_cmi, method="g-test")
        assert got.df == df == 2 * 3 + 1 * 3 + 2 * 3
        assert math.isclose(got.pvalue, stats.chi2.sf(g, df), rel_tol=1e-10)


# ------------------------------------------------------------ counted permutation
class TestTablePermutation:
    def test_ties_count_and_pvalue_is_never_zero(self):
        # [[1,0],[0,1]]: both tables with its margins have MI = ln 2 (closed
        # form), so every resample ties with the observation: p = 1.
        for alt in ("greater", "less", "two-sided"):
            r = rs.table_test(np.eye(2, dtype=int), rs.plugin_cmi, alternative=alt, rng=0)
            assert r.pvalue == 1.0
            assert np.allclose(r.null_distribution, math.log(2), rtol=1e-15)
        # Perfect dependence of 100 observations: no resample reaches it, and
        # p = 1/(n_resamples + 1), never 0 (scipy's rule).
        r = rs.table_test(50 * np.eye(2, dtype=int), rs.plugin_cmi, n_resamples=999, rng=0)
        assert r.pvalue == 1 / 1000

    def test_same_seed_same_result(self):
        table = np.array([[12, 5, 3], [4, 9, 7]])
        a = rs.table_test(table, rs.plugin_cmi, n_resamples=500, rng=42)
        b = rs.table_test(table, rs.plugin_cmi, n_resamples=500, rng=np.random.default_rng(42))
        np.testing.assert_array_equal(a.null_distribution, b.null_distribution)
        assert a.pvalue == b.pvalue
        assert a.confidence_interval(rng=3) == b.confidence_interval(rng=3)

    def test_null_tables_keep_margins_per_stratum(self):
        table = np.random.default_rng(1).integers(0, 9, size=(3, 4, 2))
        null = rs._table_null(table, lambda t: t, 50, np.random.default_rng(0))
        np.testing.assert_array_equal(null.sum(axis=2), np.broadcast_to(table.sum(1), (50, 3, 2)))
        np.testing.assert_array_equal(null.sum(axis=1), np.broadcast_to(table.sum(0), (50, 4, 2)))

    def test_dependent_data_give_small_pvalues(self):
        rng = np.random.default_rng(3)
        x = rng.integers(0, 3, 300)
        y = np.where(rng.random(300) < 0.3, x, rng.integers(0, 3, 300))
        r = rs.table_test(_table(x, y), rs.plugin_cmi, n_resamples=999, rng=0)
        assert r.pvalue == 1 / 1000

    @pytest.mark.parametrize("estimator", ["plugin", "miller-madow", "grassberger", "nsb"])
    def test_statistic_is_the_samples_estimate(self, estimator):
        rng = np.random.default_rng(4)
        x, y, z = rng.integers(0, 3, 80), rng.integers(0, 4, 80), rng.integers(0, 2, 80)
        f = rs.table_statistic(estimator)
        mi = f(_table(x, y)[None, :, :, None].astype(float))[0]
        cmi = f(_table(x, y, z)[None].astype(float))[0]
        ref_mi = samples.mutual_information(x, y, estimator=estimator, base=math.e)
        ref_cmi = samples.conditional_mutual_information(x, y, z, estimator=estimator, base=math.e)
        assert math.isclose(mi, ref_mi, rel_tol=1e-12, abs_tol=1e-15)
        assert math.isclose(cmi, ref_cmi, rel_tol=1e-12, abs_tol=1e-15)

    @pytest.mark.parametrize("estimator", ["chao-shen", "james-stein"])
    def test_batch_statistic_equals_one_table_at_a_time(self, estimator):
        tables = np.random.default_rng(5).integers(0, 6, size=(7, 3, 4, 2)).astype(float)
        f = rs.table_statistic(estimator)
        one = [f(t[None])[0] for t in tables]
        np.testing.assert_allclose(f(tables), one, rtol=1e-13)

    def test_base_scales_statistic_null_and_interval(self):
        table = np.array([[12, 5, 3], [4, 9, 7]])
        nats = rs.table_test(table, rs.plugin_cmi, n_resamples=200, rng=1)
        bits = rs.table_test(table, rs.plugin_cmi, n_resamples=200, rng=1, scale=math.log(2))
        assert math.isclose(bits.statistic * math.log(2), nats.statistic, rel_tol=1e-15)
        np.testing.assert_allclose(bits.null_distribution * math.log(2), nats.null_distribution)
        lo, hi = nats.confidence_interval(n_resamples=200, rng=2)
        assert bits.confidence_interval(n_resamples=200, rng=2) == pytest.approx(
            (lo / math.log(2), hi / math.log(2)), rel=1e-14
        )

    @pytest.mark.slow
    def test_null_pvalues_are_uniform(self):
        rng = np.random.default_rng(10)
        p = [
            rs.table_test(
                _table(rng.integers(0, 4, 300), rng.integers(0, 5, 300)),
                rs.plugin_cmi,
                n_resamples=199,
                rng=rng,
            ).pvalue
            for _ in range(N_SIMULATIONS)
        ]
        assert _uniform(p)

    @pytest.mark.slow
    def test_conditional_null_pvalues_are_uniform(self):
        # x and y both depend on z, and not on each other given z.
        rng = np.random.default_rng(11)
        p = []
        for _ in range(N_SIMULATIONS):
            z = rng.integers(0, 3, 200)
            x = (z + (rng.random(200) < 0.3)) % 3
            y = (z + rng.integers(0, 2, 200)) % 4
            table = _table(x, y, z)
            p.append(rs.table_test(table, rs.plugin_cmi, n_resamples=199, rng=rng).pvalue)
        assert _uniform(p)


# ---------------------------------------------------------------- observations
class TestSamplePermutation:
    def test_permutations_stay_within_strata(self):
        strata = np.array([0, 1, 0, 2, 1, 0, 2, 2, 2])
        perm = rs._stratified_permutations(strata, 100, np.random.default_rng(0))
        assert (strata[perm] == strata).all()
        assert (np.sort(perm, axis=1) == np.arange(9)).all()
        assert len({tuple(p) for p in perm}) > 50  # 3! 2! 4! = 288 permutations

    def test_discrete_strata_of_several_columns_are_their_rows(self):
        z = np.array([[0, 1], [1, 0], [0, 1], [1, 1], [1, 0]])
        s = rs.permutation_strata(z, discrete=True)
        np.testing.assert_array_equal(s[[0, 1, 3]] != s[[2, 4, 0]], [False, False, True])
        assert len(set(s)) == 3

    def test_continuous_strata_are_small_neighbourhoods(self):
        z = np.random.default_rng(0).normal(size=(1000, 1))
        s = rs.permutation_strata(z, discrete=False, cell=5)
        assert (np.bincount(s) == 5).all()
        order = np.argsort(z[:, 0])
        assert (np.diff(s[order]) >= 0).all()  # each stratum is a run of z's order

    def test_dependent_data_give_small_pvalues(self):
        rng = np.random.default_rng(6)
        x = rng.normal(size=200)
        y = x + rng.normal(size=200)
        r = rs.sample_test(_gaussian_mi_statistic(x, y), 200, n_resamples=199, rng=0)
        assert r.pvalue == 1 / 200
        # closed form: -1/2 log(1 - r^2) of the sample correlation
        assert math.isclose(
            r.statistic, -0.5 * math.log(1 - np.corrcoef(x, y)[0, 1] ** 2), rel_tol=1e-12
        )

    def test_same_seed_same_result(self):
        rng = np.random.default_rng(8)
        x, y = rng.normal(size=50), rng.normal(size=50)
        f = _gaussian_mi_statistic(x, y)
        a, b = (rs.sample_test(f, 50, n_resamples=99, rng=5) for _ in range(2))
        np.testing.assert_array_equal(a.null_distribution, b.null_distribution)
        assert a.confidence_interval(n_resamples=99, rng=1) == b.confidence_interval(
            n_resamples=99, rng=1
        )

    @pytest.mark.slow
    def test_null_pvalues_are_uniform(self):
        rng = np.random.default_rng(12)
        p = []
        for _ in range(N_SIMULATIONS):
            x, y = rng.normal(size=60), rng.normal(size=60)
            p.append(
                rs.sample_test(_gaussian_mi_statistic(x, y), 60, n_resamples=99, rng=rng).pvalue
            )
        assert _uniform(p)

    @pytest.mark.slow
    def test_unconditional_shuffle_fails_and_strata_pass_discrete_z(self):
        # x and y both follow z, independent given z.  Shuffling y across
        # strata spreads it over every cell of each stratum, which inflates
        # the plug-in's bias: the naive p-values pile up near 1 (mean 0.96,
        # no power at all); within strata they are uniform (6% below 0.05).
        rng = np.random.default_rng(13)
        naive, ours = [], []
        for _ in range(N_SIMULATIONS):
            z = rng.integers(0, 4, 120)
            x = (z + (rng.random(120) < 0.2)) % 4
            y = (z + (rng.random(120) < 0.2)) % 4
            f = _discrete_cmi_statistic(x, y, z)
            naive.append(rs.sample_test(f, 120, n_resamples=99, rng=rng).pvalue)
            strata = rs.permutation_strata(z, discrete=True)
            ours.append(rs.sample_test(f, 120, strata=strata, n_resamples=99, rng=rng).pvalue)
        assert not _uniform(naive)
        assert _uniform(ours)

    @pytest.mark.slow
    def test_unconditional_shuffle_fails_and_local_permutation_passes_continuous_z(self):
        # x = z^2 + e1, y = z^2 + e2 with z uniform: independent given z.  The
        # naive shuffle rejects at 5% in every data set; the local permutation
        # at about 5% (measured: 4%).  Its error is the spread of z^2 within a
        # cell of 5 neighbours: with normal z the tail cells are wide and this
        # statistic, very sensitive to that spread, is rejected in 36% of data
        # sets at n = 300 (a limitation stated in `permutation_strata`).
        rng = np.random.default_rng(14)
        naive, ours = [], []
        for _ in range(N_SIMULATIONS):
            z = rng.uniform(-2, 2, size=300)
            x = z**2 + rng.normal(size=300)
            y = z**2 + rng.normal(size=300)
            f = _linear_partial_statistic(x, y, z)
            naive.append(rs.sample_test(f, 300, n_resamples=99, rng=rng).pvalue)
            strata = rs.permutation_strata(z[:, None], discrete=False)
            ours.append(rs.sample_test(f, 300, strata=strata, n_resamples=99, rng=rng).pvalue)
        assert np.mean(np.array(naive) <= 0.05) > 0.9
        assert _uniform(ours)


# ------------------------------------------------------------------ bootstrap
class TestBootstrap:
    def test_interval_contains_the_estimate_and_orders(self):
        table = np.array([[30, 10, 5], [8, 25, 12]])
        r = rs.table_test(table, rs.plugin_cmi, n_resamples=100, rng=0)
        for method in ("BCa", "percentile", "basic"):
            lo, hi = r.confidence_interval(n_resamples=2000, rng=1, method=method)
            assert lo < r.statistic < hi
        narrow = r.confidence_interval(0.5, n_resamples=2000, rng=1)
        wide = r.confidence_interval(0.99, n_resamples=2000, rng=1)
        assert wide.low < narrow.low < narrow.high < wide.high

    def test_percentile_interval_matches_scipy_quantiles(self):
        # The percentile interval is the quantiles of the bootstrap values:
        # the same multinomial draws through scipy.stats.bootstrap's rule.
        table = np.array([[30, 10, 5], [8, 25, 12]])
        r = rs.table_test(table, rs.plugin_cmi, n_resamples=10, rng=0)
        gen = np.random.default_rng(9)
        draws = gen.multinomial(table.sum(), table.ravel() / table.sum(), size=500)
        boot = _ref_cmi(draws.reshape(500, 2, 3, 1).astype(float))
        got = r.confidence_interval(0.9, n_resamples=500, rng=9, method="percentile")
        assert got == pytest.approx(tuple(np.quantile(boot, [0.05, 0.95])), rel=1e-12)

    @pytest.mark.parametrize("table", [[[5, 0], [0, 0]], [[7]], [[4, 0], [0, 3]]])
    def test_degenerate_bootstrap_gives_an_interval_without_warnings(self, table):
        # MI is 0 (one row) or H(X) (a diagonal table) in every resample's
        # support: BCa's corrections are undefined, the interval stays finite.
        r = rs.table_test(np.array(table), rs.plugin_cmi, n_resamples=9, rng=0)
        lo, hi = r.confidence_interval(n_resamples=200, rng=1)
        assert lo <= r.statistic <= hi or math.isclose(lo, r.statistic)
        assert math.isfinite(lo) and math.isfinite(hi)

    def test_table_jackknife_is_the_observation_jackknife(self):
        # Removing one observation of a cell: the per-cell weighted jackknife
        # gives BCa's acceleration as the naive leave-one-out over all n.
        table = np.array([[3, 1], [2, 4]])
        x = np.repeat([0, 0, 1, 1], table.ravel())
        y = np.repeat([0, 1, 0, 1], table.ravel())
        naive = [
            _ref_cmi(_table(np.delete(x, i), np.delete(y, i))[None, :, :, None] * 1.0)[0]
            for i in range(x.size)
        ]
        u = np.mean(naive) - np.array(naive)
        a_naive = np.sum(u**3) / (6 * np.sum(u**2) ** 1.5)
        seen = {}

        def spy(boot, theta, jackknife, level, method):
            jk, w = jackknife()
            uu = np.average(jk, weights=w) - jk
            seen["a"] = np.sum(w * uu**3) / (6 * np.sum(w * uu**2) ** 1.5)
            return rs.ConfidenceInterval(0.0, 1.0)

        r = rs.table_test(table, rs.plugin_cmi, n_resamples=10, rng=0)
        original, rs._interval = rs._interval, spy
        try:
            r.confidence_interval(n_resamples=10, rng=0)
        finally:
            rs._interval = original
        assert math.isclose(seen["a"], a_naive, rel_tol=1e-10)

    @pytest.mark.slow
    def test_coverage_of_the_true_mutual_information(self):
        # Known joint distribution; true MI in closed form.  Measured over 600
        # data sets of n = 3000 (seeds 15, 1, 2): BCa 95% intervals covered the
        # truth in 0.945 of them (0.97, 0.945, 0.92), percentile in 0.947.
        # 200 here: binomial SE 0.016; accept 0.95 +- 0.05 (about 3 SE).
        p = np.array([[0.2, 0.05, 0.05], [0.05, 0.2, 0.05], [0.05, 0.05, 0.3]])
        true = float(np.sum(p * np.log(p / np.outer(p.sum(1), p.sum(0)))))
        rng = np.random.default_rng(15)
        hits = 0
        for _ in range(N_SIMULATIONS):
            table = rng.multinomial(3000, p.ravel()).reshape(3, 3)
            r = rs.table_test(table, rs.plugin_cmi, n_resamples=1, rng=rng)
            lo, hi = r.confidence_interval(n_resamples=999, rng=rng)
            hits += lo <= true <= hi
        assert abs(hits / N_SIMULATIONS - 0.95) < 0.05

    def test_observation_bootstrap_covers_gaussian_mi(self):
        # bivariate normal with rho = 0.6: MI = -1/2 log(1 - rho^2) (closed form)
        rng = np.random.default_rng(16)
        x = rng.normal(size=400)
        y = 0.6 * x + 0.8 * rng.normal(size=400)
        r = rs.sample_test(_gaussian_mi_statistic(x, y), 400, n_resamples=9, rng=0)
        lo, hi = r.confidence_interval(n_resamples=400, rng=1)
        assert lo < -0.5 * math.log(1 - 0.36) < hi


# ------------------------------------------------------------------ bad input
class TestInputChecks:
    def test_unknown_method_lists_the_valid_ones(self):
        with pytest.raises(ValueError, match=r"`method` must be one of 'permutation', 'g-test'"):
            v.resampling_method("bootstrap", "plugin", counted=True)

    @pytest.mark.parametrize(
        ("estimator", "counted"), [("james-stein", True), ("nsb", True), ("plugin", False)]
    )
    def test_g_test_needs_the_plugin_on_counts(self, estimator, counted):
        with pytest.raises(ValueError, match="`method` 'g-test' needs estimator='plugin'"):
            v.resampling_method("g-test", estimator, counted=counted)

    def test_alternative(self):
        with pytest.raises(ValueError, match="`alternative` must be one of 'greater', 'less'"):
            v.alternative("bigger", "permutation")
        with pytest.raises(
            ValueError, match="`alternative` must be 'greater' for method='g-test'"
        ):
            v.alternative("less", "g-test")

    @pytest.mark.parametrize("bad", [0, -5])
    def test_n_resamples_below_one(self, bad):
        with pytest.raises(ValueError, match=f"`n_resamples` must be at least 1, got {bad}"):
            v.n_resamples(bad)
        with pytest.raises(TypeError, match="`n_resamples` must be an integer, got float"):
            v.n_resamples(99.0)

    @pytest.mark.parametrize("bad", [0, 1, 1.5, -0.1, float("nan")])
    def test_confidence_level_outside_unit_interval(self, bad):
        r = rs.table_test(np.array([[3, 1], [1, 3]]), rs.plugin_cmi, n_resamples=9, rng=0)
        with pytest.raises(ValueError, match="`confidence_level` must be in the open interval"):
            r.confidence_interval(bad)

    def test_interval_method_and_rng(self):
        r = rs.table_test(np.array([[3, 1], [1, 3]]), rs.plugin_cmi, n_resamples=9, rng=0)
        with pytest.raises(
            ValueError, match="`method` must be one of 'percentile', 'basic', 'BCa'"
        ):
            r.confidence_interval(method="bca")
        with pytest.raises(TypeError, match="`rng` must be None, an integer seed"):
            r.confidence_interval(rng="seed")
        with pytest.raises(ValueError, match="`rng` as a seed must be non-negative, got -1"):
            r.confidence_interval(rng=-1)

    def test_totals_beyond_the_resamplers(self):
        # scipy.stats.random_table crashes the interpreter near 1e11 observations
        big = np.array([[10**15, 3 * 10**14], [2 * 10**14, 10**15]])
        with pytest.raises(ValueError, match="permutation of a counted table supports totals up"):
            rs.table_test(big, rs.plugin_cmi, rng=0)
        g = rs.table_test(big, rs.plugin_cmi, method="g-test")
        ref = stats.chi2_contingency(big, correction=False, lambda_="log-likelihood")
        assert math.isclose(g.statistic * 2 * big.sum(), ref.statistic, rel_tol=1e-12)
        huge = np.array([[2**63, 1], [1, 2**63]], dtype=object)
        with pytest.raises(ValueError, match="bootstrap of a counted table supports totals up"):
            rs.table_test(huge, rs.plugin_cmi, method="g-test").confidence_interval()


@pytest.mark.parametrize("n_resamples", [rs.MAX_RESAMPLES + 1, 10**400])
def test_n_resamples_beyond_the_bound_bug(n_resamples):
    # 10**400 resamples ran until memory ran out (one statistic kept per resample)
    x = np.array([0, 1, 1, 0, 1, 0])
    with pytest.raises(ValueError, match="`n_resamples` must be at most 100,000,000"):
        samples.mutual_information_test(x, x[::-1], n_resamples=n_resamples, rng=0)
    a, b = np.random.default_rng(0).normal(size=(2, 20))
    with pytest.raises(ValueError, match="`n_resamples` must be at most"):
        samples.mutual_information_test(a, b, estimator="gaussian", n_resamples=n_resamples)
    result = samples.mutual_information_test(x, x[::-1], n_resamples=9, rng=0)
    with pytest.raises(ValueError, match="`n_resamples` must be at most"):
        result.confidence_interval(n_resamples=n_resamples)
