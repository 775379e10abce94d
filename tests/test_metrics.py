"""infomeasures.metrics against the real scikit-learn (a test extra)."""

import math
import subprocess
import sys

import numpy as np
import pytest
import scipy.sparse
from hypothesis import given
from hypothesis import strategies as st

from infomeasures import metrics

skm = pytest.importorskip("sklearn.metrics")

AVERAGES = ["min", "geometric", "arithmetic", "max"]
rng = np.random.default_rng(7)


def labelings():
    """Random labelings of many sizes and label types, plus degenerate ones."""
    cases = []
    for n, kx, ky in [(1, 1, 1), (2, 2, 2), (5, 2, 3), (50, 3, 4), (400, 20, 7), (3000, 60, 90)]:
        cases.append((rng.integers(0, kx, n), rng.integers(0, ky, n)))
    words = np.array(["ant", "bee", "cat", "dog", "eel"])
    cases.append((words[rng.integers(0, 5, 200)], rng.integers(0, 3, 200)))
    cases += [
        (np.zeros(10, int), np.zeros(10, int)),  # one cluster each
        (np.zeros(10, int), np.arange(10)),  # one cluster vs all singletons
        (np.arange(10), np.arange(10)[::-1]),  # all singletons
        (np.arange(12) % 3, np.arange(12) % 4),  # independent by construction
        (np.array([0, 0, 1, 1]), np.array([5, 5, 3, 3])),  # identical up to renaming
    ]
    return cases


CASES = labelings()
IDS = [f"n={len(a)}-{len(np.unique(a))}x{len(np.unique(b))}" for a, b in CASES]


class TestClusteringMetrics:
    @pytest.mark.parametrize(("u", "w"), CASES, ids=IDS)
    def test_mutual_info_score(self, u, w):
        expected = skm.mutual_info_score(u, w)  # scikit-learn 1.x, nats
        assert metrics.mutual_info_score(u, w) == pytest.approx(expected, abs=1e-10)
        assert metrics.mutual_info_score(u, w, base=2) == pytest.approx(
            expected / math.log(2), abs=1e-10
        )

    @pytest.mark.parametrize("method", AVERAGES)
    @pytest.mark.parametrize(("u", "w"), CASES, ids=IDS)
    def test_normalized_mutual_info_score(self, u, w, method):
        expected = skm.normalized_mutual_info_score(u, w, average_method=method)
        got = metrics.normalized_mutual_info_score(u, w, average_method=method)
        assert got == pytest.approx(expected, abs=1e-10)

    @pytest.mark.parametrize("method", AVERAGES)
    @pytest.mark.parametrize(("u", "w"), CASES, ids=IDS)
    def test_adjusted_mutual_info_score(self, u, w, method):
        expected = skm.adjusted_mutual_info_score(u, w, average_method=method)
        got = metrics.adjusted_mutual_info_score(u, w, average_method=method)
        assert got == pytest.approx(expected, abs=1e-7)

    def test_ami_with_large_clusters_and_many_labels(self):
        u = rng.integers(0, 300, 20_000)
        w = (u + rng.integers(0, 50, 20_000)) % 400
        expected = skm.adjusted_mutual_info_score(u, w)
        assert metrics.adjusted_mutual_info_score(u, w) == pytest.approx(expected, abs=1e-7)

    def test_ami_of_two_big_clusters(self):
        # the hypergeometric window must cover wide distributions too
        u = np.repeat([0, 1], [7000, 3000])
        w = rng.permutation(np.repeat([0, 1, 2], [5000, 4000, 1000]))
        expected = skm.adjusted_mutual_info_score(u, w)
        assert metrics.adjusted_mutual_info_score(u, w) == pytest.approx(expected, abs=1e-7)

    def test_contingency_argument(self):
        from sklearn.metrics.cluster import contingency_matrix

        u, w = CASES[4]
        table = contingency_matrix(u, w, sparse=True)
        expected = skm.mutual_info_score(None, None, contingency=table)
        got = metrics.mutual_info_score(None, None, contingency=table)
        assert got == pytest.approx(expected, abs=1e-12)
        with pytest.raises(ValueError, match="`contingency` must be 2-D"):
            metrics.mutual_info_score(None, None, contingency=[1, 2])

    def test_empty_labelings(self):
        assert metrics.normalized_mutual_info_score([], []) == 1.0
        assert metrics.adjusted_mutual_info_score([], []) == 1.0
        assert skm.adjusted_mutual_info_score([], []) == 1.0
        assert metrics.mutual_info_score([], []) == 0.0

    def test_pandas_labels(self):
        pd = pytest.importorskip("pandas")
        u = pd.Series(["x", "y", "x", "z", "y", "x"])
        w = pd.Categorical(["a", "a", "b", "b", "a", "b"])
        assert metrics.adjusted_mutual_info_score(u, w) == pytest.approx(
            skm.adjusted_mutual_info_score(u, w), abs=1e-7
        )

    def test_overflow_bug_does_not_exceed_the_bound(self):
        # scikit-learn overflowed int64 in a_i * b_j for huge clusters; ours stays <= ln 2.
        u = np.repeat([0, 0, 1, 1], [3_000_000, 1, 2, 3_000_000])
        w = np.repeat([0, 1, 0, 1], [3_000_000, 1, 2, 3_000_000])
        assert 0 < metrics.mutual_info_score(u, w) <= math.log(2)

    def test_errors(self):
        with pytest.raises(ValueError, match="`labels_true` must be 1-D"):
            metrics.mutual_info_score([[1, 2]], [1])
        with pytest.raises(ValueError, match="same number of observations, got 2 and 3"):
            metrics.mutual_info_score([1, 2], [1, 2, 3])
        with pytest.raises(ValueError, match="`average_method` must be one of 'min'"):
            metrics.normalized_mutual_info_score([1], [1], average_method="mean")


LABEL_METRICS = [
    metrics.mutual_info_score,
    metrics.normalized_mutual_info_score,
    metrics.adjusted_mutual_info_score,
    metrics.variation_of_information,
]


class TestMissingLabels:
    @pytest.mark.parametrize("metric", LABEL_METRICS, ids=lambda f: f.__name__)
    @pytest.mark.parametrize("which", ["labels_true", "labels_pred"])
    def test_masked_labels_bug(self, metric, which):
        # A masked entry was scored as its hidden value (or blamed on
        # `variables[0]` with advice about a nan_policy these metrics lack).
        valid = np.array([0, 1, 1, 2, 0, 1])
        masked = np.ma.masked_array(["a", "b", "b", "a", "a", "b"], mask=[0, 0, 0, 1, 0, 0])
        args = (masked, valid) if which == "labels_true" else (valid, masked)
        with pytest.raises(ValueError, match=rf"`{which}` has a missing label .* at index 3"):
            metric(*args)

    @pytest.mark.parametrize("missing", [np.nan, None])
    def test_nan_and_none_labels_raise_like_sklearn(self, missing):
        labels = np.array([missing, 1.0, 2.0, 1.0], dtype=object)
        with pytest.raises(ValueError, match="Input contains NaN"):  # scikit-learn 1.9
            skm.mutual_info_score([0, 1, 1, 0], labels.astype(float))
        with pytest.raises(ValueError, match=r"`labels_pred` has a missing label .* at index 0"):
            metrics.mutual_info_score([0, 1, 1, 0], labels)

    def test_mask_without_masked_entries_is_plain_labels(self):
        u = np.ma.masked_array([5, 1, 2, 1], mask=False)
        assert metrics.mutual_info_score(u, [0, 1, 1, 0]) == pytest.approx(
            skm.mutual_info_score(u.data, [0, 1, 1, 0]), abs=1e-15
        )


class TestVariationOfInformation:
    @pytest.mark.parametrize(("u", "w"), CASES, ids=IDS)
    def test_equals_entropies_minus_twice_mi(self, u, w):
        # reference: scikit-learn's mutual_info_score and entropies of the counts
        from scipy.stats import entropy

        hu = entropy(np.unique(u, return_counts=True)[1])
        hw = entropy(np.unique(w, return_counts=True)[1])
        expected = hu + hw - 2 * skm.mutual_info_score(u, w)
        assert metrics.variation_of_information(u, w) == pytest.approx(expected, abs=1e-10)

    def test_normalized_is_within_unit_interval(self):
        u, w = np.arange(12) % 3, np.arange(12) % 4
        nvi = metrics.variation_of_information(u, w, normalized=True)
        assert nvi == pytest.approx(1.0)  # independent: VI = H(U, V)
        assert metrics.variation_of_information(u, u, normalized=True) == 0.0

    def test_metric_axioms(self):
        a, b, c = (rng.integers(0, 4, 100) for _ in range(3))
        vi = metrics.variation_of_information
        assert vi(a, b) == pytest.approx(vi(b, a), abs=1e-14)
        assert vi(a, c) <= vi(a, b) + vi(b, c) + 1e-12


class TestLogLoss:
    @pytest.mark.parametrize("k", [2, 3, 7])
    def test_matches_sklearn(self, k):
        n = 200
        y = rng.integers(0, k, n)
        y[:k] = np.arange(k)
        p = rng.dirichlet(np.ones(k), n)
        w = rng.random(n)
        assert metrics.log_loss(y, p) == pytest.approx(skm.log_loss(y, p), rel=1e-12)
        assert metrics.log_loss(y, p, sample_weight=w) == pytest.approx(
            skm.log_loss(y, p, sample_weight=w), rel=1e-12
        )
        assert metrics.log_loss(y, p, normalize=False) == pytest.approx(
            skm.log_loss(y, p, normalize=False), rel=1e-12
        )

    def test_binary_1d_and_string_labels(self):
        y = np.array(["no", "yes", "yes", "no"])
        p = np.array([0.2, 0.7, 0.99, 0.4])
        assert metrics.log_loss(y, p) == pytest.approx(skm.log_loss(y, p), rel=1e-12)

    def test_labels_argument(self):
        y = [1, 1, 2]
        p = [[0.2, 0.5, 0.3], [0.1, 0.8, 0.1], [0.3, 0.3, 0.4]]
        expected = skm.log_loss(y, p, labels=[0, 1, 2])
        assert metrics.log_loss(y, p, labels=[0, 1, 2]) == pytest.approx(expected, rel=1e-12)

    def test_zero_weight_removes_an_infinite_sample(self):
        p = [[1.0, 0.0], [0.5, 0.5]]
        got = metrics.log_loss([1, 0], p, sample_weight=[0.0, 1.0])
        assert got == pytest.approx(math.log(2))

    def test_base(self):
        assert metrics.log_loss([0, 1], [0.5, 0.5], base=2) == pytest.approx(1.0)

    @pytest.mark.parametrize(
        ("y", "p", "labels", "match"),
        [
            ([0, 1], [[0.5, 0.6], [0.5, 0.5]], None, "must sum to 1"),
            ([0, 1], [[1.5, -0.5], [0.5, 0.5]], None, r"negative entries \(smallest -0.5\)"),
            ([0, 1, 2], [[0.5, 0.5]] * 3, None, "has 2 columns but there are 3 classes"),
            ([0, 0], [[0.5, 0.5]] * 2, None, "at least two classes"),
            ([0, 3], [[0.5, 0.5]] * 2, [0, 1], "holds the label 3"),
            # empty labels: no ComplexWarning from casting them to ints first
            ([0, 1], [[0.5, 0.5]] * 2, np.array([], dtype=complex), "holds the label 0"),
            ([0, 1], [[0.5, 0.5]] * 2, np.array([], dtype=int), "holds the label 0"),
            ([0, 1], [[0.5, 0.5]] * 3, None, "n_samples = 2"),
            ([0, 1, 2], [0.5, 0.5, 0.5], None, r"1-D `y_proba` .* needs two classes, got 3"),
            ([0, 1], [[0.5, np.nan]] * 2, None, "`y_proba` contains NaN"),
        ],
    )
    def test_errors(self, y, p, labels, match):
        with pytest.raises(ValueError, match=match):
            metrics.log_loss(y, p, labels=labels)


class TestScorers:
    sklearn = pytest.importorskip("sklearn")

    def _data(self):
        from sklearn.datasets import make_classification

        return make_classification(
            n_samples=240, n_features=6, n_informative=4, n_classes=3, random_state=0
        )

    @pytest.mark.parametrize(
        "name",
        [
            "mutual_info_score",
            "normalized_mutual_info_score",
            "adjusted_mutual_info_score",
            "neg_log_loss",
        ],
    )
    def test_cross_val_score_equals_sklearn_scorer(self, name):
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import cross_val_score

        X, y = self._data()
        model = LogisticRegression(max_iter=500)
        ours = cross_val_score(model, X, y, cv=4, scoring=metrics.get_scorer(name))
        theirs = cross_val_score(model, X, y, cv=4, scoring=name)
        np.testing.assert_allclose(ours, theirs, rtol=1e-10, atol=1e-12)

    def test_binary_neg_log_loss_is_exact(self):
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import cross_val_score

        X, y = self._data()
        y = (y > 0).astype(int)
        model = LogisticRegression(max_iter=500)
        ours = cross_val_score(model, X, y, cv=3, scoring=metrics.get_scorer("neg_log_loss"))
        theirs = cross_val_score(model, X, y, cv=3, scoring="neg_log_loss")
        np.testing.assert_allclose(ours, theirs, rtol=1e-13)

    def test_grid_search_picks_the_same_model(self):
        from sklearn.model_selection import GridSearchCV
        from sklearn.tree import DecisionTreeClassifier

        X, y = self._data()
        grid = {"max_depth": [1, 2, 4, 8]}
        ours = GridSearchCV(
            DecisionTreeClassifier(random_state=0),
            grid,
            scoring=metrics.get_scorer("adjusted_mutual_info_score"),
        ).fit(X, y)
        theirs = GridSearchCV(
            DecisionTreeClassifier(random_state=0), grid, scoring="adjusted_mutual_info_score"
        ).fit(X, y)
        assert ours.best_params_ == theirs.best_params_
        np.testing.assert_allclose(
            ours.cv_results_["mean_test_score"], theirs.cv_results_["mean_test_score"], atol=1e-7
        )

    def test_our_scorers_in_grid_search(self):
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import GridSearchCV

        X, y = self._data()
        grid = {"C": [0.01, 1.0]}
        model = LogisticRegression(max_iter=500)
        ce = GridSearchCV(model, grid, scoring=metrics.get_scorer("neg_cross_entropy")).fit(X, y)
        nll = GridSearchCV(model, grid, scoring="neg_log_loss").fit(X, y)
        # the same loss in bits instead of nats
        np.testing.assert_allclose(
            ce.cv_results_["mean_test_score"] * math.log(2),
            nll.cv_results_["mean_test_score"],
            rtol=1e-10,
        )
        vi = GridSearchCV(
            model, grid, scoring=metrics.get_scorer("neg_variation_of_information")
        ).fit(X, y)
        assert np.all(vi.cv_results_["mean_test_score"] < 0)

    def test_make_scorer_sign_and_kwargs(self):
        class Echo:
            def predict(self, X):
                return np.asarray(X)[:, 0]

        X = np.array([[0], [0], [1], [1]])
        y = np.array([0, 1, 0, 1])
        vi = metrics.make_scorer(metrics.variation_of_information, greater_is_better=False, base=2)
        assert vi(Echo(), X, y) == -2.0

    def test_names_and_errors(self):
        names = metrics.get_scorer_names()
        assert {"neg_log_loss", "neg_variation_of_information", "neg_cross_entropy"} <= set(names)
        with pytest.raises(ValueError, match="`scoring` must be one of"):
            metrics.get_scorer("accuracy")
        with pytest.raises(ValueError, match="`response_method` must be one of"):
            metrics.make_scorer(metrics.log_loss, response_method="proba")


# ------------------------------------------------- degenerate and bounded scores


@st.composite
def labeling_pairs(draw, max_n=40):
    """Two labelings of n samples: random, all singletons, one cluster, or a renaming."""
    n = draw(st.integers(1, max_n))

    def one():
        kind = draw(st.sampled_from(["random", "random", "singletons", "constant"]))
        if kind == "singletons":
            return np.array(draw(st.permutations(range(n))))
        if kind == "constant":
            return np.zeros(n, int)
        k = draw(st.integers(1, n))
        return np.array(draw(st.lists(st.integers(0, k - 1), min_size=n, max_size=n)))

    u = one()
    if draw(st.booleans()):
        return u, one()
    return u, (u * 7 + 3) % 1009  # the same partition under other names


def _singletons(x):
    return len(np.unique(x)) == len(x)


class TestBoundedAgreement:
    @pytest.mark.parametrize("n", [*range(2, 201), 500, 1000, 2000])
    def test_ami_of_identical_singletons_bug(self, n):
        # was -1.0 at n = 3, 1.0046 at n = 37, 0.9802 at n = 100
        u = np.arange(n)
        w = np.random.default_rng(n).permutation(n)  # the same partition, renamed
        for method in AVERAGES:
            assert metrics.adjusted_mutual_info_score(u, w, average_method=method) == 1.0
        assert skm.adjusted_mutual_info_score(u, w) == 1.0  # scikit-learn 1.9

    @pytest.mark.parametrize("n", [2, 3, 10, 37, 100, 1000])
    def test_nmi_and_ami_of_perfect_matches_are_exactly_one_bug(self, n):
        # NMI of identical labelings was 1.0000000000000002 or ...04 for many sizes
        rng = np.random.default_rng(n)
        for k in sorted({2, 3, max(2, n // 3), n}):
            u = rng.integers(0, k, n)
            w = rng.permutation(k)[u]  # a renaming
            for method in AVERAGES:
                assert metrics.normalized_mutual_info_score(u, w, average_method=method) == 1.0
                if len(np.unique(u)) > 1:
                    ami = metrics.adjusted_mutual_info_score(u, w, average_method=method)
                    assert ami == 1.0

    @pytest.mark.parametrize("method", AVERAGES)
    def test_singletons_against_clusters_agree_only_by_chance(self, method):
        # All singletons determine any labeling V: every table with these cluster
        # sizes has I = H(V), so I = E[I] exactly and AMI is 0 (closed form);
        # with 'min' the normaliser is H(V) too, the 0/0 case, defined as 0.
        u = np.arange(20)
        w = np.random.default_rng(0).integers(0, 3, 20)
        assert metrics.adjusted_mutual_info_score(u, w, average_method=method) == 0.0
        assert metrics.adjusted_mutual_info_score(w, u, average_method=method) == 0.0
        if method != "min":  # scikit-learn returns rounding noise for 'min'
            expected = skm.adjusted_mutual_info_score(u, w, average_method=method)
            assert expected == pytest.approx(0.0, abs=1e-12)

    @given(labeling_pairs(), st.sampled_from(AVERAGES))
    def test_nmi_and_ami_match_sklearn(self, pair, method):
        u, w = pair
        nmi = metrics.normalized_mutual_info_score(u, w, average_method=method)
        assert nmi == pytest.approx(
            skm.normalized_mutual_info_score(u, w, average_method=method), abs=1e-10
        )
        ami = metrics.adjusted_mutual_info_score(u, w, average_method=method)
        if method == "min" and _singletons(u) != _singletons(w):
            assert ami == 0.0  # the 0/0 case above; scikit-learn returns noise there
        else:
            expected = skm.adjusted_mutual_info_score(u, w, average_method=method)
            assert ami == pytest.approx(expected, abs=1e-9)

    @given(labeling_pairs(), st.sampled_from(AVERAGES))
    def test_nmi_and_ami_stay_within_their_bounds(self, pair, method):
        from scipy.stats import entropy
        from sklearn.metrics.cluster import contingency_matrix
        from sklearn.metrics.cluster._expected_mutual_info_fast import (
            expected_mutual_information,
        )

        u, w = pair
        nmi = metrics.normalized_mutual_info_score(u, w, average_method=method)
        assert 0.0 <= nmi <= 1.0
        ami = metrics.adjusted_mutual_info_score(u, w, average_method=method)
        assert ami <= 1.0
        # I >= 0 bounds AMI below by -E[I] / (mean(H(U), H(V)) - E[I]); E[I] from
        # scikit-learn 1.9, the entropies from scipy.
        h = [entropy(np.unique(x, return_counts=True)[1]) for x in (u, w)]
        mean = {
            "min": min(h),
            "max": max(h),
            "arithmetic": sum(h) / 2,
            "geometric": math.sqrt(h[0] * h[1]),
        }[method]
        emi = expected_mutual_information(contingency_matrix(u, w), len(u))
        if mean - emi > 1e-9:
            assert ami >= -emi / (mean - emi) - 1e-9

    @pytest.mark.parametrize("method", AVERAGES)
    def test_ami_of_nearly_all_singletons_is_exact(self, method):
        # U and V all singletons but for one pair each, the pairs different: the
        # joint is all singletons, I = ln n - (4/n) ln 2, and a random labeling
        # with these sizes matches the pairs with probability q = 1 / C(n, 2),
        # so AMI = -q / (1 - q) = -1 / (C(n, 2) - 1) (closed form).  The margin
        # H - E[I] is 1e-10 of E[I]: scikit-learn 1.9 gives -2.1e-6 here.
        n = 3000
        u, w = np.arange(n), np.arange(n)
        u[1], w[5] = 0, 7
        expected = -1.0 / (math.comb(n, 2) - 1)
        got = metrics.adjusted_mutual_info_score(u, w, average_method=method)
        assert got == pytest.approx(expected, rel=1e-3)

    def test_expected_mi_of_large_clusters_against_mpmath(self):
        # E[I] from log-gamma differences of N lost about eps N log N (9e-12
        # relative here, 2e-9 at N = 2e5).  Reference: the hypergeometric sum in
        # mpmath at 40 digits over mu +- 20 sd (the mass outside is below e^-200).
        from mpmath import mp

        a, b = [3000, 2000, 1000], [2500, 2500, 1000]
        n = sum(a)
        with mp.workdps(40):
            expected = mp.mpf(0)
            for ai in a:
                for bj in b:
                    mu = mp.mpf(ai) * bj / n
                    sd = mp.sqrt(mu * (1 - mp.mpf(ai) / n))
                    log_c = (
                        mp.loggamma(ai + 1)
                        + mp.loggamma(bj + 1)
                        + mp.loggamma(n - ai + 1)
                        + mp.loggamma(n - bj + 1)
                        - mp.loggamma(n + 1)
                    )
                    for k in range(max(1, int(mu - 20 * sd)), min(ai, bj, int(mu + 20 * sd)) + 1):
                        log_p = (
                            log_c
                            - mp.loggamma(k + 1)
                            - mp.loggamma(ai - k + 1)
                            - mp.loggamma(bj - k + 1)
                            - mp.loggamma(n - ai - bj + k + 1)
                        )
                        expected += mp.mpf(k) / n * mp.log(k / mu) * mp.exp(log_p)
            expected = float(expected)
        u = np.repeat([0, 1, 2], a)
        w = np.random.default_rng(0).permutation(np.repeat([0, 1, 2], b))
        agreement = metrics._agreement(metrics._contingency(u, w))
        got = metrics._expected_mutual_information(agreement)
        assert got == pytest.approx(expected, rel=1e-12)


# ------------------------------------------------------------- log loss, clipped

ZERO_ON_TRUTH = ([0, 1], [[1.0, 0.0], [1.0, 0.0]])


class TestLogLossClipping:
    def test_zero_probability_on_true_class_is_clipped_bug(self):
        # was inf; scikit-learn 1.9 clips at float64's eps: closed form -ln(2**-52) / 2
        got = metrics.log_loss(*ZERO_ON_TRUTH)
        assert got == skm.log_loss(*ZERO_ON_TRUTH)
        assert got == pytest.approx(52 * math.log(2) / 2, rel=1e-15)
        assert got == pytest.approx(18.021826694558577, rel=1e-15)

    @pytest.mark.parametrize(
        "kwargs", [{}, {"normalize": False}, {"sample_weight": "ramp"}, {"labels": [0, 1]}]
    )
    @pytest.mark.parametrize("dtype", [np.float64, np.float32])
    def test_clipped_forms_match_sklearn_bug(self, kwargs, dtype):
        cases = [
            ([0, 1], [[1, 0], [1, 0]]),
            ([0, 1, 2], [[1, 0, 0], [0, 0, 1], [0.2, 0.3, 0.5]]),
            ([0, 1], [0.0, 1.0]),  # 1-D: the positive class
            ([1, 0], [1.0, 0.0]),
            ([0, 1, 1], [[1e-30, 1.0], [0.0, 1.0], [0.5, 0.5]]),
        ]
        for y, p in cases:
            if "labels" in kwargs and len(np.unique(y)) != 2:
                continue
            p = np.asarray(p, dtype=dtype)
            args = dict(kwargs)
            if "sample_weight" in args:
                args["sample_weight"] = np.linspace(2.0, 0.5, len(y))
            expected = skm.log_loss(y, p, **args)  # scikit-learn 1.9
            # scikit-learn sums in the input dtype; we sum in float64
            rel = 1e-12 if dtype == np.float64 else 1e-6
            assert metrics.log_loss(y, p, **args) == pytest.approx(expected, rel=rel)

    def test_float32_predict_proba_bug(self):
        # rows of a float32 predict_proba sum to 1 only to float32 precision; they
        # were rejected against float64's tolerance
        rng = np.random.default_rng(3)
        p = rng.dirichlet(np.ones(5), 400).astype(np.float32)
        y = rng.integers(0, 5, 400)
        y[:5] = np.arange(5)
        assert np.abs(p.sum(axis=1, dtype=np.float64) - 1).max() > 1e-8
        expected = skm.log_loss(y, p)  # scikit-learn 1.9, computed in float32
        assert metrics.log_loss(y, p) == pytest.approx(expected, rel=1e-6)
        # the naive formula in float64 on the same float32 numbers
        naive = -np.log(p[np.arange(400), y].astype(np.float64)).mean()
        assert metrics.log_loss(y, p) == pytest.approx(naive, rel=1e-14)
        # and a zero is clipped at float32's eps 2**-23, not float64's (closed
        # form: the 1 is clipped to 1 - eps as well)
        zero = np.array(ZERO_ON_TRUTH[1], dtype=np.float32)
        assert metrics.log_loss(ZERO_ON_TRUTH[0], zero) == pytest.approx(
            (23 * math.log(2) - math.log1p(-(2.0**-23))) / 2, rel=1e-15
        )

    @given(
        st.integers(2, 5),
        st.integers(1, 30),
        st.sampled_from([np.float64, np.float32]),
        st.booleans(),
        st.data(),
    )
    def test_matches_sklearn_with_zeros_and_weights(self, k, n, dtype, weighted, data):
        y = np.array(data.draw(st.lists(st.integers(0, k - 1), min_size=n, max_size=n)))
        raw = np.array(
            data.draw(
                st.lists(
                    st.lists(
                        st.sampled_from([0.0, 1e-30, 0.1, 0.5, 1.0, 3.0]), min_size=k, max_size=k
                    ).filter(lambda row: sum(row) > 0),
                    min_size=n,
                    max_size=n,
                )
            )
        )
        p = (raw / raw.sum(axis=1, keepdims=True)).astype(dtype)
        kwargs = {"labels": list(range(k))}
        if weighted:
            kwargs["sample_weight"] = np.arange(1.0, n + 1)
        rel = 1e-12 if dtype == np.float64 else 1e-5
        expected = skm.log_loss(y, p, **kwargs)  # scikit-learn 1.9
        assert metrics.log_loss(y, p, **kwargs) == pytest.approx(expected, rel=rel, abs=1e-14)

    @pytest.mark.parametrize(
        "y",
        [
            np.array([3, 7, 9, 7, 3]),  # gaps between the classes
            np.array([-5, 2, -5, 2, 2]),
            np.array([2, 2**40, 2, 2**40, 2], dtype=np.uint64),
            np.array(["b", "a", "c", "a", "b"]),
        ],
    )
    def test_label_types_match_sklearn(self, y):
        classes = np.unique(y)
        p = np.random.default_rng(1).dirichlet(np.ones(classes.size), y.size)
        assert metrics.log_loss(y, p) == pytest.approx(skm.log_loss(y, p), rel=1e-12)
        wider = np.sort(np.concatenate([classes, classes[:1]]))  # repeats are one class
        assert metrics.log_loss(y, p, labels=wider) == pytest.approx(
            skm.log_loss(y, p, labels=classes), rel=1e-12
        )


class TestLogLossWeightsAndLabels:
    def test_all_zero_sample_weight_bug(self):
        # was NaN with a RuntimeWarning; scikit-learn 1.9 raises ValueError too
        p = [[0.5, 0.5], [0.2, 0.8]]
        for normalize in (True, False):
            with pytest.raises(ValueError, match="`sample_weight` is zero for every sample"):
                metrics.log_loss([0, 1], p, sample_weight=[0.0, 0.0], normalize=normalize)
            with pytest.raises(ValueError, match="at least one non-zero"):
                skm.log_loss([0, 1], p, sample_weight=[0.0, 0.0], normalize=normalize)

    def test_huge_sample_weight_bug(self):
        # the weights' sum overflowed with a warning (filterwarnings = error);
        # scikit-learn 1.9 returns 0.0 here.  Closed forms: ln 2 and 2e308 ln 2.
        p = [[0.5, 0.5], [0.5, 0.5]]
        w = [1e308, 1e308]
        assert metrics.log_loss([0, 1], p, sample_weight=w) == pytest.approx(math.log(2))
        got = metrics.log_loss([0, 1], p, sample_weight=w, normalize=False)
        assert got == pytest.approx(1e308 * math.log(2) * 2, rel=1e-15)
        uneven = metrics.log_loss([0, 1], [[0.5, 0.5], [0.9, 0.1]], sample_weight=[1e308, 1e-300])
        assert uneven == pytest.approx(math.log(2), rel=1e-15)

    def test_bad_sample_weight(self):
        for w, match in [
            ([1.0, -1.0], r"negative entries \(smallest -1.0\)"),
            ([1.0, np.nan], "contains NaN"),
            ([1.0, np.inf], "infinite"),
            ([1.0], r"must have shape \(2,\)"),
        ]:
            with pytest.raises(ValueError, match=match):
                metrics.log_loss([0, 1], [[0.5, 0.5]] * 2, sample_weight=w)

    def test_counts_and_huge_object_labels_bug(self):
        from infomeasures import samples

        table = samples.counts([0, 1, 1], [1, 0, 1])
        with pytest.raises(TypeError, match=r"`y_true` must be an array of labels.*Counts"):
            metrics.log_loss(table, [[0.5, 0.5]] * 2)
        with pytest.raises(TypeError, match=r"`labels` must be an array of labels.*Counts"):
            metrics.log_loss([0, 1], [[0.5, 0.5]] * 2, labels=table)
        # Python ints beyond int64 are labels like any other; reference: the
        # same loss with the order-preserving names 0 and 1
        huge = np.array([2**70, 2**65, 2**70], dtype=object)
        p = [[0.2, 0.8], [0.6, 0.4], [0.3, 0.7]]
        assert metrics.log_loss(huge, p) == metrics.log_loss([1, 0, 1], p)
        assert metrics.log_loss(list(huge), p) == metrics.log_loss([1, 0, 1], p)
        with pytest.raises(TypeError, match="`y_true` hold labels that cannot be compared"):
            metrics.log_loss(np.array([2**70, "a"], dtype=object), [0.3, 0.4])
        with pytest.raises(ValueError, match=r"`y_true` has a missing label .* at index 1"):
            metrics.log_loss([1.0, np.nan], [0.3, 0.4])

    def test_inputs_are_not_modified(self):
        p = np.array([[0.0, 1.0], [1.0, 0.0]], dtype=np.float32)
        w = np.array([3.0, 1.0])
        before = p.copy(), w.copy()
        metrics.log_loss([0, 1], p, sample_weight=w)
        np.testing.assert_array_equal(p, before[0])
        np.testing.assert_array_equal(w, before[1])


class TestScorerRegistry:
    def test_registered_scorers_are_make_scorer_objects(self):
        made = type(metrics.make_scorer(metrics.log_loss))
        for name in metrics.get_scorer_names():
            scorer = metrics.get_scorer(name)
            assert type(scorer) is made
            assert repr(scorer).startswith("make_scorer(")
        assert repr(metrics.get_scorer("neg_cross_entropy")) == (
            "make_scorer(log_loss, response_method='predict_proba', "
            "greater_is_better=False, base=2)"
        )

    def test_get_scorer_returns_a_copy(self):
        first = metrics.get_scorer("neg_normalized_variation_of_information")
        first._kwargs["normalized"] = False
        again = metrics.get_scorer("neg_normalized_variation_of_information")
        assert again._kwargs == {"normalized": True}


def test_metrics_does_not_import_sklearn():
    code = "import sys, infomeasures.metrics; print('sklearn' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ------------------------------------------------------------ feature scoring
# The reference is the installed scikit-learn (1.9): same data, same
# random_state, scores equal within 1e-6 on continuous data without ties.

skfs = pytest.importorskip("sklearn.feature_selection")


def classification(seed, n=1500, p=6, n_classes=3):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, n_classes, n)
    X = rng.normal(size=(n, p)) + y[:, None] * np.linspace(0, 1, p)
    return X, y


def regression(seed, n=1500, p=6):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p)) * np.linspace(1, 100, p)
    y = X[:, 0] / 1 + X[:, 1] / 20 + np.sin(X[:, 2] / 40) + rng.normal(size=n)
    return X, y


class TestMutualInfoClassif:
    @pytest.mark.parametrize("k", [1, 3, 7])
    def test_equals_scikit_learn(self, k):
        X, y = classification(0)
        want = skfs.mutual_info_classif(X, y, n_neighbors=k, random_state=0)
        got = metrics.mutual_info_classif(X, y, n_neighbors=k, random_state=0)
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-6)

    def test_string_labels_and_small_classes(self):
        # A class of 8 (scikit-learn searches a class of 2k + 1 or fewer by
        # brute force with dot-product distances, whose rounding can count the
        # k-th neighbour itself: there the scores differ by about 1/n).
        X, y = classification(1, n=400)
        labels = np.array(["a", "b", "c", "d"])[np.r_[y[:-8], [3] * 8]]
        want = skfs.mutual_info_classif(X, labels, random_state=2)
        got = metrics.mutual_info_classif(X, labels, random_state=2)
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-6)

    @pytest.mark.parametrize("spec", [[0, 4], np.array([True, False, False, False, True, False])])
    def test_discrete_features_forms(self, spec):
        X, y = classification(2, n=800)
        X[:, [0, 4]] = np.round(X[:, [0, 4]])
        want = skfs.mutual_info_classif(X, y, discrete_features=spec, random_state=3)
        got = metrics.mutual_info_classif(X, y, discrete_features=spec, random_state=3)
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-6)

    def test_sparse_discrete(self):
        X = scipy.sparse.random(300, 4, density=0.3, format="csr", random_state=0)
        X.data = np.round(X.data * 3)
        y = np.random.default_rng(0).integers(0, 2, 300)
        want = skfs.mutual_info_classif(X, y)
        np.testing.assert_allclose(metrics.mutual_info_classif(X, y), want, rtol=0, atol=1e-12)

    def test_random_state_instance_draws_like_scikit_learn(self):
        X, y = classification(3, n=500)
        want = skfs.mutual_info_classif(X, y, random_state=np.random.RandomState(5))
        got = metrics.mutual_info_classif(X, y, random_state=np.random.RandomState(5))
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-6)

    def test_select_k_best_in_a_pipeline(self):
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import Pipeline
        from sklearn.preprocessing import StandardScaler

        X, y = classification(4)
        select = skfs.SelectKBest(score_func=metrics.mutual_info_classif, k=2)
        pipe = Pipeline(
            [("scale", StandardScaler()), ("select", select), ("model", LogisticRegression())]
        ).fit(X, y)
        # The two informative features are the last two (the largest class shifts).
        kept = pipe.named_steps["select"].get_support(indices=True)
        want = np.argsort(skfs.mutual_info_classif(StandardScaler().fit_transform(X), y))[-2:]
        assert set(kept) == set(want) == {4, 5}
        np.testing.assert_allclose(
            pipe.named_steps["select"].scores_,
            skfs.mutual_info_classif(StandardScaler().fit_transform(X), y, random_state=None),
            atol=1e-6,
        )
        assert pipe.predict(X).shape == y.shape

    def test_select_k_best_regression_with_random_state(self):
        from functools import partial

        X, y = regression(3, n=600)
        score = partial(metrics.mutual_info_regression, random_state=0)
        kept = skfs.SelectKBest(score_func=score, k=2).fit(X, y).get_support(indices=True)
        want = skfs.mutual_info_regression(X, y, random_state=0)
        assert set(kept) == set(np.argsort(want)[-2:])

    def test_does_not_modify_input(self):
        X, y = classification(5, n=200)
        X0 = X.copy()
        metrics.mutual_info_classif(X, y, copy=False, random_state=0)
        np.testing.assert_array_equal(X, X0)

    def test_continuous_target_raises(self):
        X, _ = classification(6, n=50)
        with pytest.raises(ValueError, match="`y` holds non-integer numbers"):
            metrics.mutual_info_classif(X, np.linspace(0, 1, 50))

    def test_nan_raises(self):
        X, y = classification(7, n=50)
        X[3, 1] = np.nan
        with pytest.raises(ValueError, match="`X` contains NaN"):
            metrics.mutual_info_classif(X, y)

    @pytest.mark.parametrize("spec", ["yes", [0, 9], np.array([True, False])])
    def test_bad_discrete_features_raise(self, spec):
        X, y = classification(8, n=50)
        with pytest.raises(ValueError, match="`discrete_features` must be"):
            metrics.mutual_info_classif(X, y, discrete_features=spec)

    def test_bad_n_neighbors_raises(self):
        X, y = classification(9, n=50)
        with pytest.raises(ValueError, match="`n_neighbors` must be at least 1, got 0"):
            metrics.mutual_info_classif(X, y, n_neighbors=0)

    def test_mismatched_lengths_raise(self):
        X, y = classification(10, n=50)
        with pytest.raises(ValueError, match="same number of samples, got 50 and 49"):
            metrics.mutual_info_classif(X, y[:-1])


class TestMutualInfoRegression:
    @pytest.mark.parametrize("k", [1, 3, 7])
    def test_equals_scikit_learn(self, k):
        X, y = regression(0)
        want = skfs.mutual_info_regression(X, y, n_neighbors=k, random_state=0)
        got = metrics.mutual_info_regression(X, y, n_neighbors=k, random_state=0)
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-6)

    def test_discrete_feature_against_continuous_target(self):
        X, y = regression(1, n=800)
        X[:, 3] = np.round(X[:, 3] / 30)
        want = skfs.mutual_info_regression(X, y, discrete_features=[3], random_state=1)
        got = metrics.mutual_info_regression(X, y, discrete_features=[3], random_state=1)
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-6)

    def test_constant_feature_scores_zero_like_scikit_learn(self):
        X, y = regression(2, n=300)
        X[:, 1] = 5.0
        want = skfs.mutual_info_regression(X, y, random_state=0)
        got = metrics.mutual_info_regression(X, y, random_state=0)
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-6)

    def test_sparse_continuous_raises(self):
        X = scipy.sparse.random(30, 2, density=0.5, format="csc", random_state=0)
        with pytest.raises(ValueError, match="sparse `X` can't have continuous features"):
            metrics.mutual_info_regression(X, np.arange(30.0), discrete_features=False)


class TestFeatureScoresHostileInput:
    """Breaches the registry's common test found (issue 14, bad input)."""

    def test_columns_near_the_float_limit_bug(self):
        # A variance of values near 1e300 overflowed with a RuntimeWarning.  A
        # power of two scales exactly, so the scores are scikit-learn's on the
        # unscaled data (to rounding of the sums); a constant column scores 0.
        X, y = regression(3, n=200, p=3)
        want = skfs.mutual_info_regression(X, y, random_state=0)
        big = np.column_stack([X * 2.0**1000, np.full(200, 1e308)])
        got = metrics.mutual_info_regression(big, y * 2.0**1000, random_state=0)
        np.testing.assert_allclose(got, [*want, 0.0], rtol=0, atol=1e-12)

    @pytest.mark.parametrize("n_jobs", ["2", 1.5, math.inf, [1], np.zeros(2)])
    def test_n_jobs_of_the_wrong_kind_bug(self, n_jobs):
        X, y = classification(4, n=40)
        with pytest.raises(TypeError, match="`n_jobs` must be None or an integer"):
            metrics.mutual_info_classif(X, y, n_jobs=n_jobs)

    def test_n_jobs_beyond_the_cores_means_all_bug(self):
        X, y = classification(5, n=40)
        want = metrics.mutual_info_classif(X, y, random_state=0)
        got = metrics.mutual_info_classif(X, y, random_state=0, n_jobs=10**400)
        np.testing.assert_array_equal(got, want)

    @pytest.mark.parametrize("seed", [-1, 2**32, 10**400])
    def test_seed_outside_numpys_range_bug(self, seed):
        X, y = classification(6, n=40)
        with pytest.raises(ValueError, match=r"`random_state` as a seed must be in \[0, 2\*\*32"):
            metrics.mutual_info_classif(X, y, random_state=seed)

    def test_ragged_target_bug(self):
        X, _ = classification(7, n=2)
        with pytest.raises(ValueError, match="`y` must be a 1-D array"):
            metrics.mutual_info_regression(X, [[1.0, 2.0], [3.0]])

    def test_n_neighbors_beyond_the_samples_bug(self):
        X, y = regression(8, n=40)
        with pytest.raises(ValueError, match="`n_neighbors` must be smaller than"):
            metrics.mutual_info_regression(X, y, n_neighbors=10**400)

    def test_discrete_feature_of_distinct_values_bug(self):
        # every value once: no class has a neighbour (scikit-learn fails on an
        # empty tree); the message blamed a `x` the caller never passed
        X, y = regression(9, n=40)
        with pytest.raises(ValueError, match="feature 1 of `X`, discrete by `discrete_features`"):
            metrics.mutual_info_regression(X, y, discrete_features=[1])
        with pytest.raises(ValueError, match="every class of `y` has a single observation"):
            metrics.mutual_info_classif(X, np.arange(40))

    @pytest.mark.parametrize("spec", [np.array([], dtype=complex), np.array([0j])])
    def test_complex_discrete_features_bug(self, spec):
        # an empty complex array leaked numpy's ComplexWarning from the cast to indices
        X, y = regression(10, n=40)
        with pytest.raises(ValueError, match="`discrete_features` must be"):
            metrics.mutual_info_regression(X, y, discrete_features=spec)

    @pytest.mark.parametrize("spec", [[], np.array([], dtype=np.int64)])
    def test_empty_discrete_features_mean_none(self, spec):
        # scikit-learn refuses an empty spec; here it has meant "no discrete
        # feature", the scores of discrete_features=False
        X, y = regression(11, n=60)
        want = skfs.mutual_info_regression(X, y, discrete_features=False, random_state=0)
        got = metrics.mutual_info_regression(X, y, discrete_features=spec, random_state=0)
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-6)
