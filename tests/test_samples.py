"""infomeasures.samples against scikit-learn, scipy and mpmath (50 digits)."""

import math

import mpmath as mp
import numpy as np
import pytest
import scipy.stats

import infomeasures as im
from infomeasures import samples
from infomeasures._estimators import ESTIMATORS
from infomeasures.samples import Counts

from .reference import assert_ulps
from .test_counts import LABELS

EPS = np.finfo(float).eps


def mp_mutual_information(table, base=2):
    """mpmath, 50 digits: sum n_xy/N log(N n_xy / (n_x n_y)) of an integer table."""
    with mp.workdps(50):
        return _mp_mutual_information(table, base)


def _mp_mutual_information(table, base):
    t = [[mp.mpf(int(c)) for c in row] for row in table]
    n = mp.fsum(mp.fsum(r) for r in t)
    nx = [mp.fsum(r) for r in t]
    ny = [mp.fsum(col) for col in zip(*t, strict=True)]
    terms = [
        c / n * mp.log(n * c / (nx[i] * ny[j]))
        for i, r in enumerate(t)
        for j, c in enumerate(r)
        if c
    ]
    return float(mp.fsum(terms) / mp.log(base))


class TestMutualInformation:
    sklearn = pytest.importorskip("sklearn.metrics")

    @pytest.mark.filterwarnings("ignore:Clustering metrics expects discrete values")
    @pytest.mark.parametrize("kx", list(LABELS))
    @pytest.mark.parametrize("ky", ["small ints", "strings", "fractional floats"])
    def test_matches_sklearn_in_bits(self, kx, ky):
        x, y = LABELS[kx], LABELS[ky]
        # scikit-learn 1.x mutual_info_score, nats -> bits
        expected = self.sklearn.mutual_info_score(x, y) / math.log(2)
        assert samples.mutual_information(x, y) == pytest.approx(expected, rel=1e-12, abs=1e-15)

    def test_matches_sklearn_on_many_labels(self):
        rng = np.random.default_rng(3)
        x = rng.integers(0, 300, 20_000)
        y = (x + rng.integers(0, 40, 20_000)) % 400
        expected = self.sklearn.mutual_info_score(x, y)
        got = samples.mutual_information(x, y, base=math.e)
        assert got == pytest.approx(expected, rel=1e-12)

    def test_near_independent_table_is_accurate_to_ulps(self):
        table = [[10**6, 10**6], [10**6, 10**6 + 1]]
        expected = mp_mutual_information(table)  # mpmath, 50 digits: 4.5e-14 bits
        got = samples.mutual_information(Counts.from_table(table))
        assert abs(got - expected) <= 8 * EPS * expected

    @pytest.mark.parametrize("seed", range(4))
    @pytest.mark.parametrize("kind", ["sparse", "near-independent", "skewed", "empty-row-column"])
    def test_table_is_accurate_to_ulps(self, kind, seed):
        # Tables with N**2 < 2**52 are summed over all cells as floats, a
        # block of rows at a time (250 x 150 cells: two blocks).
        rng = np.random.default_rng(seed)
        shape = (250, 150) if seed == 0 else tuple(rng.integers(2, 30, 2))
        if kind == "near-independent":  # an outer product plus a little noise
            table = np.outer(rng.integers(1, 100, shape[0]), rng.integers(1, 30, shape[1]))
            table += rng.integers(0, 3, shape)
        elif kind == "skewed":
            table = rng.poisson(rng.gamma(0.3, 50, shape))
        else:
            table = rng.integers(0, 4, shape)
        if kind == "empty-row-column":
            table[1], table[:, 0] = 0, 0
        assert table.sum() ** 2 < 2**52  # the float path, not the exact-integer one
        expected = mp_mutual_information(table.tolist(), math.e)
        got = samples.mutual_information(Counts.from_table(table), base=math.e)
        assert abs(got - expected) <= 8 * EPS * expected

    def test_perfectly_dependent_labels_give_their_entropy_exactly(self):
        x = np.arange(12) % 4
        assert samples.mutual_information(x, x) == 2.0
        assert samples.mutual_information(x % 2, x % 2 + 5) == 1.0

    def test_sklearn_overflow_table_is_bounded_and_exact(self):
        # scikit-learn returned 3.25 nats (> ln 2) here through int64 overflow.
        table = [[10**10, 1], [2, 10**10]]
        got = samples.mutual_information(Counts.from_table(table), base=math.e)
        assert got <= math.log(2)
        assert got == pytest.approx(mp_mutual_information(table, math.e), rel=4 * EPS)

    @pytest.mark.parametrize("n", [2**31 - 2, 2**31 + 5, 3_037_000_000])
    def test_totals_near_the_int64_product_limit(self, n):
        table = [[n // 2, 3], [1, n // 2]]
        got = samples.mutual_information(Counts.from_table(table))
        assert got == pytest.approx(mp_mutual_information(table), rel=8 * EPS)

    def test_python_int_tables_beyond_int64(self):
        big = 10**25
        table = np.array([[3 * big, big], [big, 3 * big + 7]], dtype=object)
        got = samples.mutual_information(Counts.from_table(table))
        assert got == pytest.approx(mp_mutual_information(table), rel=8 * EPS)

    def test_independent_is_exactly_zero(self):
        x = np.repeat([0, 1, 2], 4)
        y = np.tile([0, 1, 2, 3], 3)
        assert samples.mutual_information(x, y) == 0.0

    def test_symmetric_and_equal_to_table_measure(self):
        x, y = LABELS["small ints"], LABELS["strings"]
        c = samples.counts(x, y)
        assert samples.mutual_information(x, y) == pytest.approx(
            samples.mutual_information(y, x), rel=1e-14
        )
        assert samples.mutual_information(c) == pytest.approx(
            im.mutual_information(c.table, normalize=True), rel=1e-12
        )


class TestEntropy:
    @pytest.mark.parametrize("kind", list(LABELS))
    def test_matches_scipy_of_counts(self, kind):
        x = LABELS[kind]
        _, cnt = np.unique(x, return_counts=True)
        assert samples.entropy(x) == pytest.approx(scipy.stats.entropy(cnt, base=2), rel=1e-14)

    @pytest.mark.parametrize("estimator", list(ESTIMATORS))
    def test_estimators_on_samples_equal_on_counts(self, estimator):
        x = LABELS["strings"]
        _, cnt = np.unique(x, return_counts=True)
        assert samples.entropy(x, estimator=estimator) == samples.entropy_from_counts(
            cnt, estimator=estimator
        )

    def test_miller_madow_closed_form(self):
        # closed form: plug-in + (m - 1) / (2n) nats; counts [3, 1], n = 4, m = 2
        plugin = -(0.75 * math.log(0.75) + 0.25 * math.log(0.25))
        assert samples.entropy(
            ["a", "a", "a", "b"], estimator="miller-madow", base=math.e
        ) == pytest.approx(plugin + 1 / 8, rel=1e-15)

    def test_k_is_the_alphabet_size(self):
        few = samples.entropy([1, 2, 3], estimator="nsb")
        many = samples.entropy([1, 2, 3], estimator="nsb", k=100)
        assert many > few
        with pytest.raises(ValueError, match=r"`k` .* at least the 3 categories observed, got 2"):
            samples.entropy([1, 2, 3], estimator="nsb", k=2)

    def test_rows_as_one_variable_are_joint_entropy(self):
        x, y = LABELS["small ints"], LABELS["bools"]
        assert samples.entropy(np.column_stack([x, y])) == pytest.approx(
            samples.joint_entropy(x, y), rel=1e-14
        )

    def test_entropy_from_counts_accepts_counts_and_tables(self):
        c = samples.counts([1, 1, 2], [0, 1, 1])
        assert samples.entropy_from_counts(c) == pytest.approx(math.log2(3), rel=1e-15)
        assert samples.entropy_from_counts([[1, 1], [0, 1]]) == pytest.approx(math.log2(3))


class TestCellNearlyAllObservations:
    """A cell holding nearly every observation keeps its small -p log p term."""

    @staticmethod
    def _reference_bits(counts):
        # mpmath, 50 digits: -sum (c/n) log2(c/n) over the observed cells
        with mp.workdps(50):
            c = [mp.mpf(int(x)) for x in counts if x]
            n = mp.fsum(c)
            return float(-mp.fsum(x / n * mp.log(x / n) for x in c) / mp.log(2))

    @pytest.mark.parametrize(
        "counts", [[3 * 10**15, 10], [10**15, 1], [10**9, 1], [2**52, 3, 1], [5, 3, 0, 2]]
    )
    def test_plugin_entropy_of_a_dominant_cell_bug(self, counts):
        # entr(c / n) rounded p = c / n first: [1e15, 1] lost 5 of 16 digits.
        table = np.array(counts, dtype=np.int64)
        assert_ulps(samples.entropy_from_counts(table), self._reference_bits(counts), ulps=4)
        assert_ulps(samples.entropy(Counts.from_table(table)), self._reference_bits(counts), 4)

    def test_conditional_entropy_of_a_nearly_determined_cell_bug(self):
        # Y determines X but for one observation in 1e12: H(X|Y) from exact
        # differences (n_y - n_xy), not from the rounded ratio n_y / n_xy.
        big = 10**12
        table = Counts.from_table(np.array([[big, 0], [1, big]]))
        with mp.workdps(50):
            n, ny0 = mp.mpf(2 * big + 1), mp.mpf(big + 1)
            bits = float((big * mp.log(ny0 / big) + mp.log(ny0)) / n / mp.log(2))
        assert_ulps(samples.conditional_entropy(table), bits, ulps=4)


class TestConditionalMeasures:
    x = LABELS["small ints"]
    y = LABELS["strings"]
    z = LABELS["bools"]

    @pytest.mark.parametrize("estimator", list(ESTIMATORS))
    def test_estimated_terms_combine(self, estimator):
        """MI and CMI combine entropy terms of one estimator."""

        def h(*v):
            return samples.joint_entropy(*v, estimator=estimator)

        x, y, z = self.x, self.y, self.z
        mi = samples.mutual_information(x, y, estimator=estimator)
        assert mi == pytest.approx(h(x) + h(y) - h(x, y), abs=1e-12)
        ce = samples.conditional_entropy(x, y, estimator=estimator)
        assert ce == pytest.approx(h(x, y) - h(y), abs=1e-12)
        cmi = samples.conditional_mutual_information(x, y, z, estimator=estimator)
        assert cmi == pytest.approx(h(x, z) + h(y, z) - h(x, y, z) - h(z), abs=1e-12)

    def test_plugin_matches_table_measures(self):
        c = samples.counts(self.x, self.y, self.z)
        assert samples.conditional_mutual_information(c) == pytest.approx(
            im.conditional_mutual_information(c.table, normalize=True), rel=1e-12
        )
        c2 = samples.counts(self.x, self.y)
        assert samples.conditional_entropy(c2) == pytest.approx(
            im.conditional_entropy(c2.table, normalize=True), rel=1e-13
        )

    def test_counts_of_the_wrong_arity(self):
        with pytest.raises(ValueError, match="expected Counts of 2 variable"):
            samples.mutual_information(samples.counts([1, 2]))
        with pytest.raises(TypeError, match="either one Counts or the variables"):
            samples.mutual_information(samples.counts([1, 2]), [1, 2])


class TestTwoSampleMeasures:
    def test_kl_against_mpmath(self):
        x = ["a"] * 1_000_001 + ["b"] * 999_999
        y = ["a"] * 1_000_000 + ["b"] * 1_000_000
        # mpmath, 50 digits: p = (1e6 +- 1)/2e6 against q = 1/2
        with mp.workdps(50):
            p = [mp.mpf(1_000_001) / 2_000_000, mp.mpf(999_999) / 2_000_000]
            expected = float(mp.fsum(pi * mp.log(2 * pi, 2) for pi in p))
        got = samples.kl_divergence(np.array(x), np.array(y))
        assert abs(got - expected) <= 8 * EPS * expected

    def test_kl_cross_entropy_js_match_distribution_measures(self):
        x, y = LABELS["strings"], LABELS["strings"][::-1][:300]
        cats = np.union1d(x, y)
        p = np.array([np.sum(x == c) for c in cats]) / x.size
        q = np.array([np.sum(y == c) for c in cats]) / y.size
        assert samples.cross_entropy(x, y) == pytest.approx(im.cross_entropy(p, q), rel=1e-14)
        assert samples.kl_divergence(x, y) == pytest.approx(
            scipy.stats.entropy(p, q, base=2), rel=1e-12
        )
        assert samples.js_divergence(x, y) == pytest.approx(
            scipy.spatial.distance.jensenshannon(p, q, base=2) ** 2, rel=1e-10
        )

    def test_unseen_label_gives_inf_unless_smoothed(self):
        assert samples.kl_divergence(["a", "c"], ["a", "b"]) == math.inf
        smoothed = samples.kl_divergence(["a", "c"], ["a", "b"], pseudocount=1)
        # closed form: p = (2, 1, 2)/5, q = (2, 2, 1)/5
        expected = 0.2 * math.log2(0.5) + 0.4 * math.log2(2)
        assert smoothed == pytest.approx(expected, rel=1e-14)

    def test_counts_arguments(self):
        cx, cy = samples.counts([1, 1, 2]), samples.counts([2, 3])
        assert samples.js_divergence(cx, cy) == samples.js_divergence([1, 1, 2], [2, 3])

    def test_bad_pseudocount(self):
        with pytest.raises(ValueError, match="`pseudocount` must be finite and non-negative"):
            samples.cross_entropy([1], [1], pseudocount=-1)


class TestErrors:
    @pytest.mark.parametrize(
        ("call", "match"),
        [
            (lambda: samples.entropy([]), "no observations"),
            (lambda: samples.entropy([np.nan], nan_policy="omit"), "no observations"),
            (
                lambda: samples.mutual_information([1, 2], [1]),
                "`x` and `y` must hold the same number of observations, got 2 and 1",
            ),
            (lambda: samples.entropy([1], estimator="mle"), "'plugin', 'miller-madow'"),
            (lambda: samples.entropy([1.0, np.nan]), "`x` has a missing value"),
            (lambda: samples.entropy([1], base=1), "`base` must not be 1"),
            (lambda: samples.entropy_from_counts([0, 0]), "at least one observation"),
            (lambda: samples.entropy_from_counts([1, -1]), "non-negative"),
        ],
    )
    def test_clear_value_errors(self, call, match):
        with pytest.raises(ValueError, match=match):
            call()

    def test_wrong_number_of_variables(self):
        with pytest.raises(TypeError, match=r"expected 3 variables \(x, y, z\), got 2"):
            samples.conditional_mutual_information([1], [2], None)

    @pytest.mark.parametrize("measure", ["cross_entropy", "kl_divergence", "js_divergence"])
    def test_incomparable_sample_labels_name_x_and_y_bug(self, measure):
        # Found by the common test: the merge's message spoke of "variable 0".
        x = np.array([0, 1, 1, 2], dtype=complex)
        with pytest.raises(TypeError, match=r"`x` and `y` must hold labels of one kind"):
            getattr(samples, measure)(x, [0, 1, 2, 2])

    def test_two_d_variable_without_columns_bug(self):
        # Found by the common test: an (n, 0) array crashed with an IndexError.
        with pytest.raises(ValueError, match=r"`x` has shape \(3, 0\)"):
            samples.entropy(np.zeros((3, 0)))


class TestDask:
    da = pytest.importorskip("dask.array")

    def test_dask_mutual_information_equals_in_memory(self):
        x = self.da.random.randint(0, 30, size=200_000, chunks=30_000)
        y = (x + self.da.random.randint(0, 5, size=200_000, chunks=30_000)) % 32
        xs, ys = self.da.compute(x, y)
        assert samples.mutual_information(x, y) == samples.mutual_information(xs, ys)
        assert samples.entropy(x, estimator="chao-shen") == samples.entropy(
            xs, estimator="chao-shen"
        )


def mp_kl(tx, ty, base=2):
    """mpmath, 50 digits: D(P_x || P_y) of two integer count vectors."""
    with mp.workdps(50):
        nx, ny = mp.fsum(int(c) for c in tx), mp.fsum(int(c) for c in ty)
        terms = [
            int(a) / nx * mp.log(int(a) * ny / (int(b) * nx))
            for a, b in zip(tx, ty, strict=True)
            if a
        ]
        return float(mp.fsum(terms) / mp.log(base))


def mp_entropy(table, base=2):
    """mpmath, 50 digits: -sum n/N log(n/N) over an integer table."""
    with mp.workdps(50):
        cells = [mp.mpf(int(c)) for c in np.ravel(table) if c]
        n = mp.fsum(cells)
        return float(-mp.fsum(c / n * mp.log(c / n) for c in cells) / mp.log(base))


HUGE = [2**31, 2**31 + 7, 2**63 + 5, 10**30]


class TestHugeTotals:
    """Every samples function on tables whose totals exceed int32 and int64."""

    @pytest.mark.parametrize("top", HUGE)
    def test_totals_beyond_int32_and_int64_bug(self, top):
        cx = Counts.from_table(np.array([top, 1], dtype=object))
        cy = Counts.from_table([1, 1])
        assert samples.kl_divergence(cx, cy) == pytest.approx(mp_kl([top, 1], [1, 1]), rel=8 * EPS)
        # cross-entropy against a uniform pair is exactly 1 bit; JS from mpmath
        assert samples.cross_entropy(cx, cy) == 1.0
        assert samples.kl_divergence(cy, cx) == pytest.approx(mp_kl([1, 1], [top, 1]), rel=8 * EPS)
        with mp.workdps(50):
            p = [mp.mpf(top) / (top + 1), mp.mpf(1) / (top + 1)]
            m = [(p[0] + mp.mpf(1) / 2) / 2, (p[1] + mp.mpf(1) / 2) / 2]
            js = (
                mp.fsum(a * mp.log(a / b, 2) for a, b in zip(p, m, strict=True))
                + mp.fsum(mp.mpf(1) / 2 * mp.log(mp.mpf(1) / 2 / b, 2) for b in m)
            ) / 2
        assert samples.js_divergence(cx, cy) == pytest.approx(float(js), rel=1e-12)

    @pytest.mark.parametrize("top", HUGE)
    def test_paired_measures_on_huge_tables(self, top):
        table = np.array([[top, 3], [5, top // 3]], dtype=object)
        c = Counts.from_table(table)
        assert samples.mutual_information(c) == pytest.approx(
            mp_mutual_information(table), rel=8 * EPS
        )
        h = mp_entropy(table)
        assert samples.joint_entropy(c) == pytest.approx(h, rel=1e-14)
        assert samples.entropy_from_counts(c) == pytest.approx(h, rel=1e-14)
        hy = mp_entropy(table.sum(axis=0))
        assert samples.conditional_entropy(c) == pytest.approx(h - hy, rel=1e-9, abs=1e-15)
        cube = Counts.from_table(np.stack([table, table[::-1]], axis=2))
        assert samples.conditional_mutual_information(cube) >= 0.0


class TestObservedOutcomes:
    """Large alphabets: the cost follows the observed outcomes, not the product."""

    def test_joint_entropy_of_many_large_alphabets_bug(self):
        # Permutations of 1000 labels: a dense table would have 1e18 or 1e21
        # cells (refused before as too large; 1e21 is past int64 codes too);
        # every outcome is seen once, so the closed form is log2(1000).
        xs = [np.random.default_rng(i).permutation(1000) for i in range(7)]
        assert samples.joint_entropy(*xs[:6]) == pytest.approx(math.log2(1000), rel=1e-14)
        assert samples.joint_entropy(*xs) == pytest.approx(math.log2(1000), rel=1e-14)
        assert samples.mutual_information(xs[0], xs[1]) == pytest.approx(
            math.log2(1000), rel=1e-14
        )

    @pytest.mark.parametrize("estimator", list(ESTIMATORS))
    def test_sparse_outcomes_equal_dense_table(self, estimator, monkeypatch):
        rng = np.random.default_rng(8)
        x = rng.integers(0, 6, 3000)
        y = (x * 3 + rng.integers(0, 4, 3000)) % 11
        z = rng.choice(["p", "q", "r"], 3000)
        calls = [
            lambda: samples.joint_entropy(x, y, z, estimator=estimator),
            lambda: samples.mutual_information(x, y, estimator=estimator),
            lambda: samples.conditional_entropy(x, y, estimator=estimator),
            lambda: samples.conditional_mutual_information(x, y, z, estimator=estimator),
        ]
        dense = [f() for f in calls]
        from infomeasures import _counts

        monkeypatch.setattr(_counts, "small_table", lambda n: 0)  # every table sparse
        sparse = [f() for f in calls]
        np.testing.assert_allclose(sparse, dense, rtol=1e-13, atol=1e-15)


class TestDispatcher:
    def test_estimator_names_come_from_one_table(self):
        continuous = ("kozachenko-leonenko", "gaussian")
        assert samples._estimator_names("entropy") == (*ESTIMATORS, *continuous)
        assert samples._estimator_names("kl_divergence") == ("plugin", "knn", "gaussian")

    def test_unsupported_estimator_names_the_ones_that_support_the_measure(self):
        with pytest.raises(
            ValueError,
            match=r"'nsb' does not estimate kl_divergence; .* do: 'plugin', 'knn', 'gaussian'",
        ):
            samples.kl_divergence([1, 2], [1, 2], estimator="nsb")
        with pytest.raises(ValueError, match="does not estimate cross_entropy"):
            samples.cross_entropy([1, 2], [1, 2], estimator="chao-shen")

    def test_plugin_is_the_default_of_the_two_sample_measures(self):
        x, y = ["a", "b", "b"], ["a", "a", "b"]
        assert samples.kl_divergence(x, y, estimator="plugin") == samples.kl_divergence(x, y)
        assert samples.cross_entropy(x, y, estimator="plugin") == samples.cross_entropy(x, y)

    @pytest.mark.parametrize(
        ("options", "match"),
        [
            ({"base": 1}, "`base` must not be 1"),
            ({"nan_policy": "drop"}, "`nan_policy` must be one of"),
            ({"estimator": "mle"}, "`estimator` must be one of"),
            ({"k": 0}, r"`k` \(the alphabet size\) must be at least 1"),
            ({"k": 1.5}, "`k` must be an integer"),
        ],
    )
    def test_options_are_checked_before_counting(self, options, match):
        # labels that counting would reject (a 3-D array): the option is reported first
        with pytest.raises((ValueError, TypeError), match=match):
            samples.entropy(np.zeros((2, 2, 2)), **options)

    def test_pseudocount_is_checked_before_counting(self):
        with pytest.raises(ValueError, match="`pseudocount` must be finite"):
            samples.kl_divergence(np.zeros((2, 2, 2)), [1], pseudocount=-1)
