"""infomeasures.metrics against the real scikit-learn (a test extra)."""

import math
import subprocess
import sys

import numpy as np
import pytest

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

    def test_zero_probability_on_true_class_is_inf(self):
        assert metrics.log_loss([0, 1], [[1.0, 0.0], [1.0, 0.0]]) == math.inf
        # scikit-learn clips to eps and reports a finite number here
        assert math.isfinite(skm.log_loss([0, 1], [[1.0, 0.0], [1.0, 0.0]]))

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
            ([0, 1], [[0.5, 0.5]] * 3, None, "n_samples = 2"),
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


def test_metrics_does_not_import_sklearn():
    code = "import sys, infomeasures.metrics; print('sklearn' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
