"""Tests of the scikit-learn compatible feature scores in infomeasures._features.

The reference is the installed scikit-learn (1.9): same data, same
random_state, scores equal within 1e-6 on continuous data without ties.
"""

import numpy as np
import pytest
import scipy.sparse

from infomeasures._features import mutual_info_classif, mutual_info_regression

sk = pytest.importorskip("sklearn.feature_selection")


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
        want = sk.mutual_info_classif(X, y, n_neighbors=k, random_state=0)
        got = mutual_info_classif(X, y, n_neighbors=k, random_state=0)
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-6)

    def test_string_labels_and_small_classes(self):
        # A class of 8 (scikit-learn searches a class of 2k + 1 or fewer by
        # brute force with dot-product distances, whose rounding can count the
        # k-th neighbour itself: there the scores differ by about 1/n).
        X, y = classification(1, n=400)
        labels = np.array(["a", "b", "c", "d"])[np.r_[y[:-8], [3] * 8]]
        want = sk.mutual_info_classif(X, labels, random_state=2)
        got = mutual_info_classif(X, labels, random_state=2)
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-6)

    @pytest.mark.parametrize("spec", [[0, 4], np.array([True, False, False, False, True, False])])
    def test_discrete_features_forms(self, spec):
        X, y = classification(2, n=800)
        X[:, [0, 4]] = np.round(X[:, [0, 4]])
        want = sk.mutual_info_classif(X, y, discrete_features=spec, random_state=3)
        got = mutual_info_classif(X, y, discrete_features=spec, random_state=3)
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-6)

    def test_sparse_discrete(self):
        X = scipy.sparse.random(300, 4, density=0.3, format="csr", random_state=0)
        X.data = np.round(X.data * 3)
        y = np.random.default_rng(0).integers(0, 2, 300)
        want = sk.mutual_info_classif(X, y)
        np.testing.assert_allclose(mutual_info_classif(X, y), want, rtol=0, atol=1e-12)

    def test_random_state_instance_draws_like_scikit_learn(self):
        X, y = classification(3, n=500)
        want = sk.mutual_info_classif(X, y, random_state=np.random.RandomState(5))
        got = mutual_info_classif(X, y, random_state=np.random.RandomState(5))
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-6)

    def test_select_k_best(self):
        from sklearn.feature_selection import SelectKBest
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler

        X, y = classification(4)
        pipe = make_pipeline(StandardScaler(), SelectKBest(mutual_info_classif, k=2))
        kept = pipe.fit(X, y).named_steps["selectkbest"].get_support(indices=True)
        want = np.argsort(sk.mutual_info_classif(StandardScaler().fit_transform(X), y))[-2:]
        assert set(kept) == set(want)

    def test_does_not_modify_input(self):
        X, y = classification(5, n=200)
        X0 = X.copy()
        mutual_info_classif(X, y, copy=False, random_state=0)
        np.testing.assert_array_equal(X, X0)

    def test_continuous_target_raises(self):
        X, _ = classification(6, n=50)
        with pytest.raises(ValueError, match="`y` holds non-integer numbers"):
            mutual_info_classif(X, np.linspace(0, 1, 50))

    def test_nan_raises(self):
        X, y = classification(7, n=50)
        X[3, 1] = np.nan
        with pytest.raises(ValueError, match="`X` contains NaN"):
            mutual_info_classif(X, y)

    @pytest.mark.parametrize("spec", ["yes", [0, 9], np.array([True, False])])
    def test_bad_discrete_features_raise(self, spec):
        X, y = classification(8, n=50)
        with pytest.raises(ValueError, match="`discrete_features` must be"):
            mutual_info_classif(X, y, discrete_features=spec)

    def test_bad_n_neighbors_raises(self):
        X, y = classification(9, n=50)
        with pytest.raises(ValueError, match="`n_neighbors` must be at least 1, got 0"):
            mutual_info_classif(X, y, n_neighbors=0)

    def test_mismatched_lengths_raise(self):
        X, y = classification(10, n=50)
        with pytest.raises(ValueError, match="same number of samples, got 50 and 49"):
            mutual_info_classif(X, y[:-1])


class TestMutualInfoRegression:
    @pytest.mark.parametrize("k", [1, 3, 7])
    def test_equals_scikit_learn(self, k):
        X, y = regression(0)
        want = sk.mutual_info_regression(X, y, n_neighbors=k, random_state=0)
        got = mutual_info_regression(X, y, n_neighbors=k, random_state=0)
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-6)

    def test_discrete_feature_against_continuous_target(self):
        X, y = regression(1, n=800)
        X[:, 3] = np.round(X[:, 3] / 30)
        want = sk.mutual_info_regression(X, y, discrete_features=[3], random_state=1)
        got = mutual_info_regression(X, y, discrete_features=[3], random_state=1)
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-6)

    def test_constant_feature_scores_zero_like_scikit_learn(self):
        X, y = regression(2, n=300)
        X[:, 1] = 5.0
        want = sk.mutual_info_regression(X, y, random_state=0)
        got = mutual_info_regression(X, y, random_state=0)
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-6)

    def test_sparse_continuous_raises(self):
        X = scipy.sparse.random(30, 2, density=0.5, format="csc", random_state=0)
        with pytest.raises(ValueError, match="sparse `X` can't have continuous features"):
            mutual_info_regression(X, np.arange(30.0), discrete_features=False)
