"""The continuous and mixed estimators through the public samples functions.

References are closed forms or `scipy.integrate.quad`, never the code under
test.  Statistical tests use seed 0 at n = 2000, k = 3, and a tolerance of 4
standard deviations of the estimate, the SD measured over the 100 seeds
1000..1099 at the same n and k (quoted in `SD`); the measured mean was within
0.3 SD of the reference for every case, so no bias allowance is added.
"""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate, stats

from infomeasures import _neighbors, samples
from infomeasures.samples import ContinuousDataWarning, Counts

N = 2000
E = math.e


def bvn(rng, rho, n=N):
    x = rng.normal(size=n)
    return x, rho * x + math.sqrt(1 - rho**2) * rng.normal(size=n)


def mixture_mi(means, weights, sd=1.0):
    """I(C; Y) for Y | C=c ~ N(means[c], sd), by scipy.integrate.quad (nats)."""
    means, weights = np.asarray(means, float), np.asarray(weights, float)

    def f(y):
        return float(weights @ stats.norm.pdf(y, means, sd))

    lo, hi = means.min() - 12 * sd, means.max() + 12 * sd
    h_y = integrate.quad(lambda y: -f(y) * math.log(f(y)), lo, hi, limit=200)[0]
    return h_y - 0.5 * math.log(2 * math.pi * math.e * sd**2)


def kl_normal(m1, s1, m2, s2):
    return math.log(s2 / s1) + (s1**2 + (m1 - m2) ** 2) / (2 * s2**2) - 0.5


H_NORMAL = 0.5 * math.log(2 * math.pi * math.e)
BLOCK_COV = np.array(
    [[1.0, 0.3, 0.5, 0.1], [0.3, 1.0, 0.2, 0.4], [0.5, 0.2, 1.0, 0.0], [0.1, 0.4, 0.0, 1.0]]
)
MIX_MEANS, MIX_WEIGHTS = (-1.0, 0.0, 2.0), (0.2, 0.3, 0.5)


def _block(rng):
    xy = rng.multivariate_normal(np.zeros(4), BLOCK_COV, size=N)
    return xy[:, :2], xy[:, 2:]


def _mixed(rng):
    c = rng.choice(3, size=N, p=MIX_WEIGHTS)
    return c, np.asarray(MIX_MEANS)[c] + rng.normal(size=N)


def _strata(rng):
    z = rng.integers(0, 2, N)
    rho = np.where(z == 0, 0.3, 0.8)
    x = rng.normal(size=N)
    return x, rho * x + np.sqrt(1 - rho**2) * rng.normal(size=N), z


def _partial(rng):
    z, e1, e2 = rng.normal(size=(3, N))
    return z + e1, z + 0.5 * e1 + math.sqrt(0.75) * e2, z


def _discrete_x(rng):
    x = rng.integers(0, 2, N)
    z = rng.normal(size=N)
    return x, 2.0 * x + z + rng.normal(size=N), z


# name -> (estimate from a Generator, reference in nats, where the reference comes from)
CASES = {
    "kl entropy normal": (
        lambda r: samples.entropy(r.normal(size=N), estimator="kozachenko-leonenko", base=E),
        H_NORMAL,
    ),
    "kl entropy uniform": (
        lambda r: samples.entropy(r.uniform(size=N), estimator="kozachenko-leonenko", base=E),
        0.0,
    ),
    "kl entropy exponential": (
        lambda r: samples.entropy(r.exponential(size=N), estimator="kozachenko-leonenko", base=E),
        1.0,
    ),
    "kl joint entropy bvn": (
        lambda r: samples.joint_entropy(*bvn(r, 0.6), estimator="kozachenko-leonenko", base=E),
        2 * H_NORMAL + 0.5 * math.log(1 - 0.36),
    ),
    "gaussian entropy 2-D": (
        lambda r: samples.entropy(np.column_stack(bvn(r, 0.6)), estimator="gaussian", base=E),
        2 * H_NORMAL + 0.5 * math.log(1 - 0.36),
    ),
    "ksg mi bvn": (
        lambda r: samples.mutual_information(*bvn(r, 0.6), estimator="ksg", base=E),
        -0.5 * math.log(1 - 0.36),
    ),
    "ksg mi block": (
        lambda r: samples.mutual_information(*_block(r), estimator="ksg", base=E),
        0.5
        * (
            np.linalg.slogdet(BLOCK_COV[:2, :2])[1]
            + np.linalg.slogdet(BLOCK_COV[2:, 2:])[1]
            - np.linalg.slogdet(BLOCK_COV)[1]
        ),
    ),
    "gaussian mi bvn": (
        lambda r: samples.mutual_information(*bvn(r, 0.6), estimator="gaussian", base=E),
        -0.5 * math.log(1 - 0.36),
    ),
    "copula mi monotone": (
        lambda r: samples.mutual_information(
            *(f(a) for f, a in zip((np.exp, lambda t: t**3), bvn(r, 0.6), strict=True)),
            estimator="gaussian-copula",
            base=E,
        ),
        -0.5 * math.log(1 - 0.36),
    ),
    "ross mi mixture": (
        lambda r: samples.mutual_information(*_mixed(r), estimator="ksg", base=E),
        mixture_mi(MIX_MEANS, MIX_WEIGHTS),
    ),
    "ksg conditional entropy": (
        lambda r: samples.conditional_entropy(*_mixed(r), estimator="ksg", base=E),
        float(-np.dot(MIX_WEIGHTS, np.log(MIX_WEIGHTS))) - mixture_mi(MIX_MEANS, MIX_WEIGHTS),
    ),
    "frenzel-pompe cmi": (
        lambda r: samples.conditional_mutual_information(*_partial(r), estimator="ksg", base=E),
        -0.5 * math.log(0.75),
    ),
    "gaussian cmi": (
        lambda r: samples.conditional_mutual_information(
            *_partial(r), estimator="gaussian", base=E
        ),
        -0.5 * math.log(0.75),
    ),
    "copula cmi": (
        lambda r: samples.conditional_mutual_information(
            *_partial(r), estimator="gaussian-copula", base=E
        ),
        -0.5 * math.log(0.75),
    ),
    "ksg cmi discrete z": (
        lambda r: samples.conditional_mutual_information(*_strata(r), estimator="ksg", base=E),
        0.5 * (-0.5 * math.log(1 - 0.09)) + 0.5 * (-0.5 * math.log(1 - 0.64)),
    ),
    "ksg cmi discrete x": (
        lambda r: samples.conditional_mutual_information(*_discrete_x(r), estimator="ksg", base=E),
        mixture_mi((0.0, 2.0), (0.5, 0.5)),
    ),
    "knn kl": (
        lambda r: samples.kl_divergence(
            r.normal(0, 1, N), r.normal(1, 2, N // 2), estimator="knn", base=E
        ),
        kl_normal(0, 1, 1, 2),
    ),
    "knn cross entropy": (
        lambda r: samples.cross_entropy(
            r.normal(0, 1, N), r.normal(1, 2, N // 2), estimator="knn", base=E
        ),
        H_NORMAL + kl_normal(0, 1, 1, 2),
    ),
    "gaussian kl": (
        lambda r: samples.kl_divergence(
            r.normal(0, 1, N), r.normal(1, 2, N // 2), estimator="gaussian", base=E
        ),
        kl_normal(0, 1, 1, 2),
    ),
    "gaussian cross entropy": (
        lambda r: samples.cross_entropy(
            r.normal(0, 1, N), r.normal(1, 2, N // 2), estimator="gaussian", base=E
        ),
        H_NORMAL + kl_normal(0, 1, 1, 2),
    ),
}

# SD of each case's estimate (nats) over seeds 1000..1099, rounded up.
SD = {
    "kl entropy normal": 0.021,
    "kl entropy uniform": 0.019,
    "kl entropy exponential": 0.031,
    "kl joint entropy bvn": 0.029,
    "gaussian entropy 2-D": 0.022,
    "ksg mi bvn": 0.024,
    "ksg mi block": 0.021,
    "gaussian mi bvn": 0.016,
    "copula mi monotone": 0.016,
    "ross mi mixture": 0.017,
    "ksg conditional entropy": 0.018,
    "frenzel-pompe cmi": 0.018,
    "gaussian cmi": 0.011,
    "copula cmi": 0.011,
    "ksg cmi discrete z": 0.021,
    "ksg cmi discrete x": 0.017,
    "knn kl": 0.036,
    "knn cross entropy": 0.033,
    "gaussian kl": 0.024,
    "gaussian cross entropy": 0.022,
}


class TestEstimatorsAgainstClosedForms:
    @pytest.mark.parametrize("name", list(CASES))
    def test_within_four_standard_deviations(self, name):
        estimate, reference = CASES[name]
        got = estimate(np.random.default_rng(0))
        assert abs(got - reference) <= 4 * SD[name], (got, reference)

    def test_units_follow_base(self):
        x, y = bvn(np.random.default_rng(0), 0.6)
        nats = samples.mutual_information(x, y, estimator="ksg", base=math.e)
        assert samples.mutual_information(x, y, estimator="ksg") == pytest.approx(
            nats / math.log(2), rel=1e-14
        )

    def test_deterministic(self):
        x, y = bvn(np.random.default_rng(0), 0.6)
        runs = {samples.mutual_information(x, y, estimator="ksg") for _ in range(3)}
        assert len(runs) == 1

    def test_ksg_does_not_depend_on_units(self):
        # KSG rescales each margin to unit SD: MI must not change with units.
        x, y = bvn(np.random.default_rng(0), 0.6)
        a = samples.mutual_information(x, y, estimator="ksg")
        b = samples.mutual_information(1000 * x, 0.001 * y, estimator="ksg")
        assert b == pytest.approx(a, rel=1e-9)

    def test_ksg_nearly_invariant_under_monotone_transforms(self):
        # The true MI is invariant; the estimate moves by much less than its SD.
        x, y = bvn(np.random.default_rng(0), 0.6)
        a = samples.mutual_information(x, y, estimator="ksg", base=E)
        b = samples.mutual_information(np.exp(x), y**3, estimator="ksg", base=E)
        assert abs(a - b) <= 4 * SD["ksg mi bvn"]

    def test_independent_near_zero(self):
        rng = np.random.default_rng(0)
        x, y = rng.normal(size=(2, N))
        # the SD of KSG at independence is below that at rho = 0.6 (measured 0.011)
        assert abs(samples.mutual_information(x, y, estimator="ksg", base=E)) < 4 * 0.011

    def test_heavy_ties_and_zero_inflation_are_finite(self):
        rng = np.random.default_rng(0)
        x = np.where(rng.random(N) < 0.6, 0.0, rng.exponential(size=N))
        y = np.round(x + rng.normal(size=N), 1)
        got = samples.mutual_information(x, y, estimator="ksg")
        assert np.isfinite(got)
        assert samples.mutual_information(y, x, estimator="ksg") == pytest.approx(got, rel=1e-12)


class TestProperties:
    @settings(max_examples=25, deadline=None)
    @given(
        st.integers(0, 2**32 - 1),
        st.integers(8, 60),
        st.floats(-0.95, 0.95),
        st.sampled_from(["continuous", "mixed", "tied"]),
    )
    def test_ksg_is_symmetric_and_deterministic(self, seed, n, rho, kind):
        rng = np.random.default_rng(seed)
        x, y = bvn(rng, rho, n)
        if kind == "mixed":
            x = (x > 0).astype(int)
            x[:4] = [0, 1, 0, 1]  # each class at least twice: Ross needs a neighbour
        elif kind == "tied":
            x, y = np.round(x), np.round(y, 1)
            x[:2], y[:2] = [-0.5, 0.5], [-0.25, 0.25]  # never constant
        forward = samples.mutual_information(x, y, estimator="ksg")
        assert np.isfinite(forward)
        assert samples.mutual_information(y, x, estimator="ksg") == pytest.approx(
            forward, rel=1e-12, abs=1e-12
        )
        assert samples.mutual_information(x, y, estimator="ksg") == forward


class TestDispatch:
    def test_floats_are_continuous(self):
        x, y = bvn(np.random.default_rng(0), 0.6)
        # the public path is the KSG kernel on (n, 1) points
        assert samples.mutual_information(x, y, estimator="ksg", base=E) == pytest.approx(
            _neighbors.ksg(x[:, None], y[:, None], 3), rel=1e-15
        )

    def test_mixed_is_ross_in_either_order(self):
        c, y = _mixed(np.random.default_rng(0))
        expected = _neighbors.ksg_mixed(c.astype(np.int64), y[:, None], 3)
        assert samples.mutual_information(c, y, estimator="ksg", base=E) == pytest.approx(
            expected, rel=1e-15
        )
        assert samples.mutual_information(y, c, estimator="ksg", base=E) == pytest.approx(
            expected, rel=1e-15
        )

    def test_string_labels_are_discrete(self):
        c, y = _mixed(np.random.default_rng(0))
        labels = np.array(["low", "mid", "high"])[c]
        assert samples.mutual_information(labels, y, estimator="ksg") == pytest.approx(
            samples.mutual_information(c, y, estimator="ksg"), rel=1e-15
        )

    def test_two_discrete_under_ksg_are_the_plugin_exactly(self):
        rng = np.random.default_rng(0)
        a = rng.integers(0, 4, N)
        b = (a + rng.integers(0, 3, N)) % 5
        assert samples.mutual_information(a, b, estimator="ksg") == samples.mutual_information(
            a, b
        )
        z = rng.integers(0, 2, N)
        assert samples.conditional_mutual_information(
            a, b, z, estimator="ksg"
        ) == samples.conditional_mutual_information(a, b, z)
        assert samples.conditional_entropy(a, b, estimator="ksg") == samples.conditional_entropy(
            a, b
        )

    def test_discrete_overrides_dtype(self):
        rng = np.random.default_rng(0)
        a = rng.integers(0, 4, N).astype(float)
        b = (a + rng.integers(0, 3, N)) % 5
        # floats marked discrete: the plug-in; ints marked continuous: KSG on their values
        assert samples.mutual_information(
            a, b, estimator="ksg", discrete=True
        ) == samples.mutual_information(a.astype(int), b.astype(int))
        x, y = bvn(rng, 0.6)
        xi, yi = np.round(1000 * x).astype(int), np.round(1000 * y).astype(int)
        assert samples.mutual_information(
            xi, yi, estimator="ksg", discrete=False
        ) == samples.mutual_information(xi.astype(float), yi.astype(float), estimator="ksg")
        assert samples.mutual_information(
            xi, y, estimator="ksg", discrete=[False, False]
        ) == samples.mutual_information(xi.astype(float), y, estimator="ksg")

    def test_two_dimensional_array_is_one_variable(self):
        x, y = _block(np.random.default_rng(0))
        assert samples.mutual_information(x, y, estimator="ksg", base=E) == pytest.approx(
            _neighbors.ksg(x, y, 3), rel=1e-15
        )

    def test_n_neighbors_reaches_the_kernel(self):
        x, y = bvn(np.random.default_rng(0), 0.6)
        assert samples.mutual_information(
            x, y, estimator="ksg", n_neighbors=7, base=E
        ) == pytest.approx(_neighbors.ksg(x[:, None], y[:, None], 7), rel=1e-15)

    def test_pandas_series_follow_their_dtype(self):
        pd = pytest.importorskip("pandas")
        c, y = _mixed(np.random.default_rng(0))
        got = samples.mutual_information(
            pd.Series(c).astype("category"), pd.Series(y), estimator="ksg"
        )
        assert got == pytest.approx(samples.mutual_information(c, y, estimator="ksg"), rel=1e-15)


class TestBadInput:
    @pytest.mark.parametrize(
        ("call", "match"),
        [
            (lambda x, y: samples.entropy(x, estimator="ksg"), "'ksg' does not estimate entropy"),
            (
                lambda x, y: samples.kl_divergence(x, y, estimator="ksg"),
                r"does not estimate kl_divergence; the estimators that do: 'plugin', 'knn', "
                r"'gaussian'\.",
            ),
            (
                lambda x, y: samples.mutual_information(x, y, estimator="kozachenko-leonenko"),
                "does not estimate mutual_information; .*'ksg', 'gaussian', 'gaussian-copula'",
            ),
        ],
    )
    def test_unsupported_measure_lists_the_estimators_that_do(self, call, match):
        x, y = bvn(np.random.default_rng(0), 0.6)
        with pytest.raises(ValueError, match=match):
            call(x, y)

    def test_counts_given_to_a_continuous_estimator(self):
        c = samples.counts([1, 2, 2], [1, 1, 2])
        with pytest.raises(TypeError, match="'ksg' needs the observations themselves"):
            samples.mutual_information(c, estimator="ksg")
        with pytest.raises(TypeError, match="needs the observations"):
            samples.kl_divergence(Counts.from_table([1, 2]), [0.5, 1.5], estimator="knn")

    def test_discrete_variable_given_to_a_continuous_only_estimator(self):
        with pytest.raises(ValueError, match=r"`x` is discrete .*pass discrete=False"):
            samples.entropy(np.arange(50), estimator="kozachenko-leonenko")
        with pytest.raises(ValueError, match="`y` is discrete"):
            samples.kl_divergence([0.1, 0.5, 0.7, 0.9], [1, 2, 3, 4], estimator="knn")

    def test_continuous_flag_with_a_count_estimator(self):
        with pytest.raises(ValueError, match="`discrete` marks `y` as continuous"):
            samples.mutual_information([1, 2], [1, 2], discrete=[True, False])

    @pytest.mark.parametrize(
        ("discrete", "error", "match"),
        [
            ([True], ValueError, "one bool per variable"),
            ("yes", TypeError, "`discrete` must be None, a bool"),
        ],
    )
    def test_discrete_spec(self, discrete, error, match):
        with pytest.raises(error, match=match):
            samples.mutual_information([0.1, 0.2], [0.3, 0.4], estimator="ksg", discrete=discrete)

    @pytest.mark.parametrize(("k", "error"), [(0, ValueError), (2.5, TypeError)])
    def test_n_neighbors_checked_before_work(self, k, error):
        with pytest.raises(error, match="`n_neighbors` must"):
            samples.mutual_information(np.zeros((2, 2, 2)), [1], estimator="ksg", n_neighbors=k)

    def test_n_neighbors_beyond_the_data(self):
        with pytest.raises(ValueError, match="`n_neighbors` must be smaller"):
            samples.mutual_information([0.1, 0.2, 0.3], [0.3, 0.1, 0.2], estimator="ksg")

    def test_stratum_smaller_than_k(self):
        x, y = bvn(np.random.default_rng(0), 0.6, n=50)
        z = np.zeros(50, dtype=int)
        z[:2] = 1
        with pytest.raises(ValueError, match="class of the discrete `z` has 2 observation"):
            samples.conditional_mutual_information(x, y, z, estimator="ksg")

    def test_continuous_x_in_ksg_conditional_entropy(self):
        x, y = bvn(np.random.default_rng(0), 0.6)
        with pytest.raises(ValueError, match="only for a discrete `x`"):
            samples.conditional_entropy(x, y, estimator="ksg")

    def test_pseudocount_only_for_the_plugin(self):
        with pytest.raises(ValueError, match="only the 'plugin' estimator takes it"):
            samples.kl_divergence([0.1, 0.2], [0.3, 0.4], estimator="knn", pseudocount=1)

    def test_mismatched_lengths(self):
        with pytest.raises(ValueError, match="same number of observations"):
            samples.mutual_information(np.ones(5) * 0.5, np.arange(4.0), estimator="ksg")

    def test_strings_marked_continuous(self):
        with pytest.raises(TypeError, match="not real numbers"):
            samples.mutual_information(["a", "b"], [0.1, 0.2], estimator="ksg", discrete=False)


class TestNanPolicy:
    def _data(self):
        x, y = bvn(np.random.default_rng(0), 0.6)
        bad = x.copy()
        bad[[3, 10]] = [np.nan, np.inf]
        return bad, y

    def test_raise_names_the_variable(self):
        bad, y = self._data()
        with pytest.raises(ValueError, match="`x` contains NaN"):
            samples.mutual_information(bad, y, estimator="ksg")
        with pytest.raises(ValueError, match="`y` contains infinite values"):
            samples.mutual_information(y, np.where(bad == np.inf, bad, 0.5 + y), estimator="ksg")

    @pytest.mark.parametrize("estimator", ["ksg", "gaussian", "gaussian-copula"])
    def test_omit_drops_the_rows(self, estimator):
        bad, y = self._data()
        keep = np.isfinite(bad)
        expected = samples.mutual_information(bad[keep], y[keep], estimator=estimator)
        got = samples.mutual_information(bad, y, estimator=estimator, nan_policy="omit")
        assert got == expected

    def test_omit_with_a_missing_label(self):
        c, y = _mixed(np.random.default_rng(0))
        labels = np.array(["a", "b", "c"], dtype=object)[c]
        labels[5] = None
        keep = np.arange(N) != 5
        assert samples.mutual_information(
            labels, y, estimator="ksg", nan_policy="omit"
        ) == samples.mutual_information(c[keep], y[keep], estimator="ksg")

    def test_omit_in_two_samples(self):
        rng = np.random.default_rng(0)
        x, y = rng.normal(size=N), rng.normal(1, 2, N)
        bad = np.append(x, np.nan)
        assert samples.kl_divergence(
            bad, y, estimator="knn", nan_policy="omit"
        ) == samples.kl_divergence(x, y, estimator="knn")

    def test_caller_arrays_are_not_modified(self):
        bad, y = self._data()
        before = bad.copy(), y.copy()
        for est in ("ksg", "gaussian", "gaussian-copula"):
            samples.mutual_information(bad, y, estimator=est, nan_policy="omit")
        samples.kl_divergence(y, np.abs(y), estimator="knn")
        samples.entropy(y, estimator="kozachenko-leonenko")
        np.testing.assert_array_equal(bad, before[0])
        np.testing.assert_array_equal(y, before[1])


class TestGuardRail:
    def test_warns_on_measurements_under_a_count_estimator(self):
        x, y = bvn(np.random.default_rng(0), 0.6)
        with pytest.warns(ContinuousDataWarning, match=r"'ksg'.*samples\.discretize"):
            samples.mutual_information(x, (y > 0).astype(int))
        with pytest.warns(ContinuousDataWarning, match="`x` holds floating-point values"):
            samples.entropy(x, estimator="miller-madow")
        with pytest.warns(ContinuousDataWarning, match="`y`"):
            samples.kl_divergence([1.0, 2.0], y)

    def test_warning_points_at_the_callers_line(self):
        x = np.random.default_rng(0).normal(size=N)
        with pytest.warns(ContinuousDataWarning) as record:
            samples.entropy(x)
        assert record[0].filename == __file__

    def test_is_a_user_warning(self):
        assert issubclass(ContinuousDataWarning, UserWarning)
        assert "ContinuousDataWarning" in samples.__all__

    @pytest.mark.parametrize(
        "x",
        [
            np.random.default_rng(0).integers(0, 10**6, N),  # integer ids: labels
            np.random.default_rng(0).choice([0.5, 1.0, 1.5], N),  # few distinct floats
            np.random.default_rng(0).normal(size=19),  # too few to tell
        ],
    )
    def test_silent_on_labels(self, x):
        samples.entropy(x)  # filterwarnings = error: any warning fails

    def test_silent_when_floats_are_declared_labels(self):
        x = np.random.default_rng(0).normal(size=N)
        samples.entropy(x, discrete=True)
        samples.entropy(x, estimator="chao-shen", discrete=[True])

    def test_boundary_more_than_half_distinct(self):
        half = np.repeat(np.arange(10.0) + 0.5, 2)  # 10 distinct among 20: silent
        samples.entropy(half)
        more = np.append(half[:-1], 99.5)  # 11 distinct among 20: warns
        with pytest.warns(ContinuousDataWarning, match="11 distinct among 20"):
            samples.entropy(more)


class TestDiscretize:
    def test_public_and_usable_with_count_estimators(self):
        x, y = bvn(np.random.default_rng(0), 0.6)
        codes = samples.discretize(x, bins=8)
        assert "discretize" in samples.__all__
        assert codes.dtype.kind == "i"
        samples.mutual_information(codes, samples.discretize(y, bins=8))  # no warning


def churn_table(seed=0, n=3000):
    """Make a customer table as in issue 14: three real signals, two noise float columns."""
    rng = np.random.default_rng(seed)
    tenure = rng.exponential(24, n)
    charges = rng.normal(70, 20, n)
    contract = rng.integers(0, 3, n)
    logit = -0.08 * (tenure - 24) + 0.04 * (charges - 70) - 0.9 * (contract - 1)
    churn = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    columns = {
        "tenure": tenure,
        "monthly_charges": charges,
        "contract": contract,
        "income": rng.lognormal(10, 0.5, n),  # noise
        "score": rng.random(n),  # noise
    }
    return columns, churn


class TestMutualInformationMatrix:
    def test_array_matches_pairwise_calls(self):
        rng = np.random.default_rng(0)
        data = rng.integers(0, 4, (200, 3))
        data[:, 2] = (data[:, 0] + data[:, 1]) % 4
        m = samples.mutual_information_matrix(data)
        assert isinstance(m, np.ndarray)
        assert m.shape == (3, 3)
        np.testing.assert_array_equal(m, m.T)
        for i in range(3):
            assert m[i, i] == pytest.approx(samples.entropy(data[:, i]), rel=1e-14)
            for j in range(3):
                if i != j:
                    assert m[i, j] == samples.mutual_information(data[:, i], data[:, j])

    def test_target(self):
        rng = np.random.default_rng(0)
        data = rng.integers(0, 4, (200, 3))
        t = data[:, 0] % 2
        got = samples.mutual_information_matrix(data, target=t)
        np.testing.assert_array_equal(
            got, [samples.mutual_information(data[:, j], t) for j in range(3)]
        )

    def test_continuous_diagonal_is_inf(self):
        x, y = bvn(np.random.default_rng(0), 0.6)
        m = samples.mutual_information_matrix(np.column_stack([x, y]), estimator="ksg")
        assert np.isinf(np.diag(m)).all() and (np.diag(m) > 0).all()
        assert m[0, 1] == samples.mutual_information(x, y, estimator="ksg")

    def test_dataframe_is_labelled_and_keeps_column_dtypes(self):
        pd = pytest.importorskip("pandas")
        columns, churn = churn_table()
        df = pd.DataFrame(columns)
        m = samples.mutual_information_matrix(df, estimator="ksg")
        assert list(m.index) == list(m.columns) == list(df.columns)
        assert m.loc["contract", "contract"] == pytest.approx(samples.entropy(df["contract"]))
        assert m.loc["tenure", "contract"] == samples.mutual_information(
            df["tenure"], df["contract"], estimator="ksg"
        )
        s = samples.mutual_information_matrix(
            df, target=pd.Series(churn, name="churn"), estimator="ksg"
        )
        assert isinstance(s, pd.Series) and s.name == "churn"
        assert list(s.index) == list(df.columns)

    def test_pairwise_omission(self):
        pd = pytest.importorskip("pandas")
        x, y = bvn(np.random.default_rng(0), 0.6)
        x[7] = np.nan
        df = pd.DataFrame({"x": x, "y": y})
        m = samples.mutual_information_matrix(df, estimator="ksg", nan_policy="omit")
        keep = ~np.isnan(x)
        assert m.loc["x", "y"] == samples.mutual_information(x[keep], y[keep], estimator="ksg")
        with pytest.raises(ValueError, match=r"contains NaN|missing value"):
            samples.mutual_information_matrix(df, estimator="ksg")

    def test_bad_data(self):
        with pytest.raises(ValueError, match="`data` must be 2-D"):
            samples.mutual_information_matrix(np.arange(5))

    def test_guard_rail_on_float_columns(self):
        columns, churn = churn_table()
        data = np.column_stack([columns["income"], columns["contract"]])
        with pytest.warns(ContinuousDataWarning, match=r"data\[:, 0\]"):
            samples.mutual_information_matrix(data, target=churn)


class TestChurnExampleBug:
    """Issue 14: noise float columns outranked every real signal under the plug-in."""

    def test_noise_columns_rank_below_the_signals_under_ksg(self):
        columns, churn = churn_table()
        scores = {
            name: samples.mutual_information(col, churn, estimator="ksg")
            for name, col in columns.items()
        }
        weakest_signal = min(scores["tenure"], scores["monthly_charges"], scores["contract"])
        assert max(scores["income"], scores["score"]) < weakest_signal
        # KSG noise scores sit near 0 (a few hundredths of a bit at most)
        assert max(abs(scores["income"]), abs(scores["score"])) < 0.03

    def test_the_plugin_ranked_noise_first_and_now_warns(self):
        columns, churn = churn_table()
        with pytest.warns(ContinuousDataWarning):
            noise = samples.mutual_information(columns["income"], churn)
        assert noise > samples.mutual_information(columns["contract"], churn)
