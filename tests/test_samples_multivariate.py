"""Sample forms of the measures beyond pairs (issue 16), and the conditional MI matrix.

References: entropies of the observed rows counted here with numpy
(``np.unique(..., axis=0, return_counts=True)``), the distribution forms of
the empirical table, closed forms (XOR, copies, the Gaussian total
correlation -1/2 log det R) and the identities between the measures.
"""

import itertools
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import infomeasures as im
from infomeasures import samples

from .strategies import label_columns

COUNT_ESTIMATORS = ("plugin", "miller-madow", "chao-shen", "grassberger", "james-stein", "nsb")
MEASURES = (
    "total_correlation",
    "dual_total_correlation",
    "o_information",
    "co_information",
    "interaction_information",
)
# NSB takes ~30 ms per entropy: its identities are checked on fixed seeds,
# the others' under hypothesis.
FAST_ESTIMATORS = COUNT_ESTIMATORS[:-1]
XOR = ([0, 0, 1, 1], [0, 1, 0, 1], [0, 1, 1, 0])


def _h(data: np.ndarray, group) -> float:
    """Plug-in entropy (bits) of the columns `group`, counted with numpy."""
    if not group:
        return 0.0
    _, c = np.unique(data[:, list(group)], axis=0, return_counts=True)
    p = c / c.sum()
    return float(-(p * np.log2(p)).sum())


def _reference(name: str, data: np.ndarray) -> float:
    """Compute the measure from its definition, as sums of numpy-counted entropies."""
    m = data.shape[1]
    every = tuple(range(m))
    rest = [tuple(a for a in every if a != i) for i in every]
    if name == "total_correlation":
        return sum(_h(data, (i,)) for i in every) - _h(data, every)
    if name == "dual_total_correlation":
        return sum(_h(data, r) for r in rest) - (m - 1) * _h(data, every)
    if name == "o_information":
        return _reference("total_correlation", data) - _reference("dual_total_correlation", data)
    co = sum(
        (-1) ** (len(s) + 1) * _h(data, s)
        for size in range(1, m + 1)
        for s in itertools.combinations(every, size)
    )
    return co if name == "co_information" else (-1) ** m * co


def _empirical_table(data: np.ndarray) -> np.ndarray:
    """Return the empirical joint distribution of integer columns, one axis per column."""
    table = np.zeros(tuple(data.max(axis=0) + 1))
    np.add.at(table, tuple(data.T), 1.0)
    return table / table.sum()


def _measure(name, *variables, **options):
    return getattr(samples, name)(*variables, **options)


class TestAgainstReferences:
    @pytest.mark.parametrize("name", MEASURES)
    @pytest.mark.parametrize("m", [3, 4])
    def test_plugin_equals_numpy_counts_and_the_distribution_form(self, name, m):
        rng = np.random.default_rng(m)
        latent = rng.integers(0, 3, 400)
        data = np.column_stack([(latent + rng.integers(0, 2, 400)) % 4 for _ in range(m)])
        got = _measure(name, *data.T)
        assert got == pytest.approx(_reference(name, data), abs=1e-12)
        assert got == pytest.approx(getattr(im, name)(_empirical_table(data)), abs=1e-12)

    @pytest.mark.parametrize(
        ("name", "dit_name"),
        [
            ("total_correlation", "total_correlation"),
            ("dual_total_correlation", "dual_total_correlation"),
            ("o_information", "o_information"),
            ("co_information", "coinformation"),
            ("interaction_information", "interaction_information"),
        ],
    )
    def test_plugin_equals_dit_on_the_empirical_distribution(self, name, dit_name):
        dit = pytest.importorskip("dit")
        from dit import multivariate

        data = np.random.default_rng(11).integers(0, 3, (300, 4))
        rows, counts = np.unique(data, axis=0, return_counts=True)
        d = dit.Distribution([tuple(r) for r in rows.tolist()], counts / counts.sum())
        expected = getattr(multivariate, dit_name)(d)  # dit 2.3, bits
        assert _measure(name, *data.T) == pytest.approx(expected, abs=1e-12)

    @pytest.mark.parametrize("name", [m for m in MEASURES if m != "o_information"])
    def test_two_variables_reduce_to_mutual_information(self, name):
        x, y = np.random.default_rng(0).integers(0, 3, (2, 300))
        mi = samples.mutual_information(x, y)
        assert _measure(name, x, y) == pytest.approx(mi, abs=1e-12)

    def test_xor_is_synergy(self):
        assert samples.interaction_information(*XOR) == 1.0
        assert samples.co_information(*XOR) == -1.0
        assert samples.o_information(*XOR) == -1.0
        assert samples.total_correlation(*XOR) == 1.0
        assert samples.dual_total_correlation(*XOR) == 2.0

    @pytest.mark.parametrize("copies", [3, 4, 5])
    def test_copies_are_redundancy(self, copies):
        # n copies of a fair bit: TC = n - 1, DTC = 1, O = n - 2 bits, and the
        # co-information of copies is H(X) = 1 bit (closed forms).
        x = [0, 1] * 8
        xs = [x] * copies
        assert samples.total_correlation(*xs) == copies - 1
        assert samples.dual_total_correlation(*xs) == pytest.approx(1.0, abs=1e-15)
        assert samples.o_information(*xs) == pytest.approx(copies - 2, abs=1e-15)
        assert samples.co_information(*xs) == pytest.approx(1.0, abs=1e-14)
        assert samples.interaction_information(*xs) == pytest.approx((-1) ** copies, abs=1e-14)

    def test_labels_of_any_type_and_base(self):
        x, y, z = XOR
        strings = [np.array(["a", "b"])[np.array(c)] for c in (x, y, z)]
        assert samples.interaction_information(*strings, base=math.e) == pytest.approx(math.log(2))


class TestIdentities:
    @pytest.mark.parametrize("estimator", FAST_ESTIMATORS)
    @given(data=label_columns(n_vars=4, max_n=40))
    def test_o_information_is_tc_minus_dtc(self, estimator, data):
        self.check_o_information(estimator, data)

    @pytest.mark.parametrize("estimator", FAST_ESTIMATORS)
    @given(data=label_columns(n_vars=3, max_n=40))
    def test_three_variable_interaction_is_cmi_minus_mi(self, estimator, data):
        self.check_three_variables(estimator, data)

    @pytest.mark.parametrize("seed", range(4))
    def test_nsb_identities(self, seed):
        rng = np.random.default_rng(seed)
        self.check_o_information("nsb", list(rng.integers(0, 4, (4, 30))))
        self.check_three_variables("nsb", list(rng.integers(0, 3, (3, 30))))

    @staticmethod
    def check_o_information(estimator, data):
        o = samples.o_information(*data, estimator=estimator)
        tc = samples.total_correlation(*data, estimator=estimator)
        dtc = samples.dual_total_correlation(*data, estimator=estimator)
        if estimator == "plugin":  # clipping TC and DTC at 0 moves them by rounding only
            assert o == pytest.approx(tc - dtc, abs=1e-12)
        else:
            assert o == pytest.approx(tc - dtc, abs=1e-12 * (1 + abs(tc) + abs(dtc)))

    @staticmethod
    def check_three_variables(estimator, data):
        x, y, z = data
        ii = samples.interaction_information(x, y, z, estimator=estimator)
        co = samples.co_information(x, y, z, estimator=estimator)
        cmi = samples.conditional_mutual_information(x, y, z, estimator=estimator)
        mi = samples.mutual_information(x, y, estimator=estimator)
        assert ii == -co
        assert ii == pytest.approx(cmi - mi, abs=1e-12)
        assert samples.o_information(x, y, z, estimator=estimator) == pytest.approx(co, abs=1e-12)

    @given(data=st.integers(2, 5).flatmap(lambda m: label_columns(n_vars=m, max_n=50)))
    def test_plugin_tc_and_dtc_are_non_negative(self, data):
        assert samples.total_correlation(*data) >= 0.0
        assert samples.dual_total_correlation(*data) >= 0.0

    def test_other_estimators_are_not_clipped(self):
        # Independent columns: an estimator less biased than the plug-in
        # scatters around 0, and its negative values are reported as such.
        rng = np.random.default_rng(1)
        values = [
            samples.total_correlation(*rng.integers(0, 3, (3, 60)), estimator="miller-madow")
            for _ in range(20)
        ]
        assert min(values) < 0.0


class TestPaths:
    @pytest.mark.parametrize("estimator", COUNT_ESTIMATORS)
    @pytest.mark.parametrize("name", MEASURES)
    def test_sparse_path_equals_dense_counts(self, estimator, name):
        # 3 variables of ~100 labels at n = 300: the dense table (1e6 cells)
        # is far larger than n, so the variables go the sparse way; a Counts
        # is always dense.
        rng = np.random.default_rng(2)
        base = rng.integers(0, 100, 300)
        data = [base, (base + rng.integers(0, 3, 300)) % 100, rng.integers(0, 100, 300)]
        sparse = samples._table(*samples._counts.factorized(data, ("a", "b", "c"), "raise"))
        assert isinstance(sparse, samples._Sparse)
        got = _measure(name, *data, estimator=estimator)
        dense = _measure(name, samples.counts(*data), estimator=estimator)
        assert got == pytest.approx(dense, rel=1e-12, abs=1e-12)

    @pytest.mark.parametrize("m", [6, 7])
    def test_codes_past_int64(self, m):
        # 1,400 distinct labels per variable, each row repeated 10 times: the
        # outcomes' code (1400^6 = 7.5e18) fits int64 but not times the
        # largest count (m = 6); for m = 7 the code itself overflows.  Both
        # take the fallbacks, checked against numpy counts.
        rng = np.random.default_rng(12)
        rows = np.column_stack([rng.permutation(1400) for _ in range(m)])
        rows[:, 1] = rows[:, 0]  # some dependence
        data = np.repeat(rows, 10, axis=0)
        got = samples.dual_total_correlation(*data.T)
        assert got == pytest.approx(_reference("dual_total_correlation", data), abs=1e-9)

    @pytest.mark.parametrize("name", MEASURES)
    def test_counts_input_equals_variables(self, name):
        data = np.random.default_rng(3).integers(0, 3, (4, 200))
        assert _measure(name, samples.counts(*data)) == pytest.approx(
            _measure(name, *data), abs=1e-12
        )

    def test_counts_from_table(self):
        table = np.zeros((2, 2, 2), dtype=np.int64)
        for x, y in itertools.product((0, 1), repeat=2):
            table[x, y, x ^ y] = 5
        assert samples.interaction_information(samples.Counts.from_table(table)) == 1.0

    def test_ten_variables_of_ten_labels_without_the_dense_table(self):
        # 10^10 cells densely; the reference counts the int64 row codes with
        # np.unique, one entropy at a time.
        rng = np.random.default_rng(4)
        n = 200_000
        latent = rng.integers(0, 10, n)
        data = np.column_stack([(latent + rng.integers(0, 3, n)) % 10 for _ in range(10)])

        def h(group):
            code = data[:, list(group)] @ (10 ** np.arange(len(group), dtype=np.int64))
            _, c = np.unique(code, return_counts=True)
            return float(-(c / n * np.log2(c / n)).sum())

        every = tuple(range(10))
        reference = 8 * h(every) + sum(
            h((i,)) - h(tuple(a for a in every if a != i)) for i in every
        )
        assert samples.o_information(*data.T) == pytest.approx(reference, abs=1e-9)

    def test_nan_policy_omit_drops_rows(self):
        x = np.array([0.0, 1, 0, 1, np.nan, 0])
        y = np.array([0, 1, 0, 1, 1, 1])
        z = np.array([0, 1, 0, 1, 0, 0])
        keep = ~np.isnan(x)
        got = samples.total_correlation(x, y, z, nan_policy="omit", discrete=True)
        assert got == samples.total_correlation(x[keep], y[keep], z[keep], discrete=True)


class TestGaussian:
    def test_total_correlation_is_minus_half_log_det_r(self):
        # Closed form for a multivariate normal: TC = -1/2 log det R.  SD of
        # the estimate at n = 2000 is 0.0216 nats (200 seeds); 4 SD allowed.
        r = np.array(
            [[1, 0.6, 0.3, 0.2], [0.6, 1, 0.4, 0.1], [0.3, 0.4, 1, 0.5], [0.2, 0.1, 0.5, 1]]
        )
        x = np.random.default_rng(5).multivariate_normal(np.zeros(4), r, size=2000)
        got = samples.total_correlation(*x.T, estimator="gaussian", base=math.e)
        assert got == pytest.approx(-0.5 * np.linalg.slogdet(r)[1], abs=4 * 0.0216)

    @pytest.mark.parametrize("name", MEASURES)
    def test_sums_of_entropies_of_the_normal_fit(self, name):
        # Each group's entropy from its fitted covariance, d/2 log(2 pi e) +
        # 1/2 log det S (closed form), summed with the measure's signs.
        x = np.random.default_rng(6).normal(size=(500, 3)) @ [[1, 0.5, 0], [0, 1, 0.5], [0, 0, 1]]
        cov = np.cov(x, rowvar=False)

        def h(group):
            sub = cov[np.ix_(group, group)]
            return 0.5 * (len(group) * math.log(2 * math.pi * math.e) + np.linalg.slogdet(sub)[1])

        terms = samples._MEASURES[name].terms_for(3)
        expected = math.fsum(s * h(list(g)) for s, g in terms)
        got = _measure(name, *x.T, estimator="gaussian", base=math.e)
        assert got == pytest.approx(expected, abs=1e-12)


class TestBadInput:
    @pytest.mark.parametrize(
        ("name", "need"), [(m, 3 if m == "o_information" else 2) for m in MEASURES]
    )
    def test_too_few_variables(self, name, need):
        with pytest.raises(ValueError, match=f"at least {need} variables.*got {need - 1}"):
            _measure(name, *([[0, 1, 1]] * (need - 1)))
        with pytest.raises(ValueError, match=f"at least {need} variables"):
            _measure(name, samples.counts(*([[0, 1, 1]] * (need - 1))))

    @pytest.mark.parametrize("name", MEASURES)
    def test_unsupported_estimator_lists_the_supported_ones(self, name):
        x = np.random.default_rng(7).normal(size=(3, 50))
        with pytest.raises(ValueError, match=r"does not estimate.*'plugin'.*'nsb', 'gaussian'"):
            _measure(name, *x, estimator="kozachenko-leonenko")

    def test_gaussian_refuses_labels(self):
        with pytest.raises(ValueError, match="variables"):
            samples.total_correlation(*XOR, estimator="gaussian")


class TestConditionalMatrix:
    @pytest.mark.parametrize("estimator", COUNT_ESTIMATORS)
    def test_entries_equal_conditional_mutual_information(self, estimator):
        data = np.random.default_rng(8).integers(0, 3, (400, 4))
        data[:, 3] = (data[:, 0] + data[:, 1]) % 3
        m = samples.mutual_information_matrix(data, method="conditional", estimator=estimator)
        np.testing.assert_array_equal(m, m.T)
        for i, j in itertools.combinations(range(4), 2):
            rest = data[:, [a for a in range(4) if a not in (i, j)]]
            cmi = samples.conditional_mutual_information(
                data[:, i], data[:, j], rest, estimator=estimator
            )
            assert m[i, j] == pytest.approx(cmi, abs=1e-12)
        for i in range(4):
            rest = data[:, [a for a in range(4) if a != i]]
            h = samples.conditional_entropy(data[:, i], rest, estimator=estimator)
            assert m[i, i] == pytest.approx(h, abs=1e-12)

    def test_xor_pairs_are_dependent_given_the_third(self):
        data = np.column_stack(XOR)
        assert samples.mutual_information_matrix(data)[0, 1] == 0.0
        m = samples.mutual_information_matrix(data, method="conditional")
        np.testing.assert_array_equal(m, 1.0 - np.eye(3))

    def test_target_and_dataframe(self):
        pd = pytest.importorskip("pandas")
        data = np.random.default_rng(9).integers(0, 3, (300, 3))
        t = (data[:, 0] + data[:, 1]) % 2
        df = pd.DataFrame(data, columns=["a", "b", "c"])
        s = samples.mutual_information_matrix(
            df, target=pd.Series(t, name="t"), method="conditional"
        )
        assert list(s.index) == ["a", "b", "c"] and s.name == "t"
        cmi = samples.conditional_mutual_information(data[:, 2], t, data[:, :2])
        assert s["c"] == pytest.approx(cmi, abs=1e-12)

    def test_omit_drops_rows_with_any_missing_value(self):
        x = np.array([0.0, 1, 0, 1, np.nan, 0, 1, 1])
        y = np.array([0.0, 1, 1, 1, 0, np.nan, 0, 1])
        z = np.array([0.0, 0, 1, 1, 0, 1, 1, 0])
        m = samples.mutual_information_matrix(
            np.column_stack([x, y, z]), method="conditional", nan_policy="omit", discrete=True
        )
        keep = ~(np.isnan(x) | np.isnan(y))
        cmi = samples.conditional_mutual_information(x[keep], y[keep], z[keep], discrete=True)
        assert m[0, 1] == pytest.approx(cmi, abs=1e-12)

    @pytest.mark.parametrize("estimator", ["ksg", "gaussian", "gaussian-copula"])
    def test_continuous_estimators_raise(self, estimator):
        x = np.random.default_rng(10).normal(size=(100, 3))
        with pytest.raises(ValueError, match=r"`method`='conditional'.*'plugin'.*'nsb'"):
            samples.mutual_information_matrix(x, method="conditional", estimator=estimator)

    def test_unknown_method(self):
        with pytest.raises(ValueError, match=r"`method` must be one of 'pairwise', 'conditional'"):
            samples.mutual_information_matrix(np.zeros((3, 2), dtype=int), method="partial")
