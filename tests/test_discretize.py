"""Tests of infomeasures._discretize.discretize (public later as samples.discretize)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from infomeasures._discretize import discretize

finite = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)


class TestDiscretize:
    @settings(max_examples=60, deadline=None)
    @given(arrays(np.float64, st.integers(1, 50), elements=finite), st.integers(1, 12))
    def test_counts_equal_numpy_histogram(self, x, bins):
        try:
            want = np.histogram(x, bins=bins)[0]  # numpy: the reference
        except ValueError:  # a span equal-width edges cannot split ([5e-324, 0])
            with pytest.raises(ValueError, match="`x`"):
                discretize(x, bins)
            return
        codes = discretize(x, bins)
        np.testing.assert_array_equal(np.bincount(codes, minlength=bins), want)

    def test_span_too_small_for_the_bins_names_x(self):
        # numpy's histogram raises "Too many bins for data range" here too
        with pytest.raises(ValueError, match="`x`"):
            discretize(np.array([5e-324, 0.0]), 2)

    @pytest.mark.parametrize("rule", ["auto", "fd", "sturges", "sqrt"])
    def test_rules_equal_numpy_histogram(self, rule):
        x = np.random.default_rng(0).normal(size=500)
        edges = np.histogram_bin_edges(x, bins=rule)
        counts = np.bincount(discretize(x, rule), minlength=edges.size - 1)
        np.testing.assert_array_equal(counts, np.histogram(x, bins=edges)[0])

    def test_fixed_range_bins_chunks_alike(self):
        x = np.random.default_rng(1).random(1000)
        whole = discretize(x, 10, range=(0, 1))
        chunks = np.concatenate([discretize(c, 10, range=(0, 1)) for c in np.split(x, 4)])
        np.testing.assert_array_equal(whole, chunks)

    def test_explicit_edges(self):
        np.testing.assert_array_equal(
            discretize([0.0, 0.5, 1.0, 2.0, 3.0], [0, 1, 2, 3]), [0, 0, 1, 2, 2]
        )

    def test_quantile_bins_have_equal_frequency(self):
        x = np.random.default_rng(2).exponential(size=1000)
        np.testing.assert_array_equal(
            np.bincount(discretize(x, 4, strategy="quantile")), [250] * 4
        )

    def test_quantile_with_heavy_ties_merges_empty_bins(self):
        x = np.r_[np.zeros(90), np.arange(1.0, 11.0)]
        codes = discretize(x, 4, strategy="quantile")
        assert (np.bincount(codes) > 0).all()

    def test_two_dimensional_columns_binned_on_their_own(self):
        x = np.column_stack((np.arange(10.0), 100 * np.arange(10.0)))
        codes = discretize(x, 2)
        np.testing.assert_array_equal(codes[:, 0], codes[:, 1])

    def test_does_not_modify_input(self):
        x = np.array([3.0, 1.0, 2.0])
        discretize(x, 2)
        np.testing.assert_array_equal(x, [3.0, 1.0, 2.0])

    def test_nan_raises(self):
        with pytest.raises(ValueError, match="`x` contains NaN"):
            discretize([1.0, np.nan, 2.0])

    def test_inf_raises(self):
        with pytest.raises(ValueError, match="`x` contains infinite"):
            discretize([1.0, np.inf])

    def test_value_outside_range_raises(self):
        with pytest.raises(ValueError, match=r"`x` has the value 2.0 outside the bins"):
            discretize([0.5, 2.0], 4, range=(0, 1))

    @pytest.mark.parametrize("bins", [0, -3, "nonsense", [1.0, 0.0], True])
    def test_bad_bins_raise(self, bins):
        with pytest.raises(ValueError, match="`bins` must be"):
            discretize([0.0, 1.0, 2.0], bins)

    def test_bad_strategy_raises(self):
        with pytest.raises(ValueError, match="`strategy` must be one of"):
            discretize([0.0, 1.0], strategy="kmeans")

    @pytest.mark.parametrize("rng", [(1, 0), (0, np.inf), (1,)])
    def test_bad_range_raises(self, rng):
        with pytest.raises(ValueError, match="`range` must be"):
            discretize([0.0, 1.0], range=rng)
