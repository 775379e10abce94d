"""Counts: factorising labels of every type, update, merge, exact tables, dask."""

import collections

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomeasures import _counts
from infomeasures.samples import MAX_CELLS, Counts, counts


def reference_table(*variables):
    """Contingency table by a Python Counter over the observation tuples."""
    rows = [
        tuple(tuple(v) if isinstance(v, np.ndarray) else v for v in obs)
        for obs in zip(*variables, strict=True)
    ]
    tally = collections.Counter(rows)
    cats = [sorted({r[i] for r in rows}) for i in range(len(variables))]
    index = [{c: j for j, c in enumerate(cs)} for cs in cats]
    table = np.zeros([len(c) for c in cats], dtype=np.int64)
    for key, n in tally.items():
        table[tuple(ix[k] for ix, k in zip(index, key, strict=True))] = n
    return table, cats


rng = np.random.default_rng(20261123)
N = 500
LABELS = {
    "small ints": rng.integers(0, 7, N),
    "negative ints": rng.integers(-3, 4, N),
    "int8": rng.integers(-100, 100, N).astype(np.int8),
    "wide ints (sort path)": rng.choice([-(10**15), 3, 10**12, 7], N),
    "uint64 near the top": np.uint64(2**64 - 10) + rng.integers(0, 5, N).astype(np.uint64),
    "bools": rng.random(N) < 0.3,
    "whole floats": rng.integers(0, 5, N).astype(float),
    "fractional floats": rng.choice([0.5, -1.25, 3.0], N),
    "strings": rng.choice(["cat", "dog", "emu", ""], N),
    "objects": rng.choice(np.array(["a", "bb", "ccc"], dtype=object), N),
}


class TestFactorising:
    @pytest.mark.parametrize("kind", list(LABELS))
    def test_one_variable_matches_counter(self, kind):
        x = LABELS[kind]
        c = counts(x)
        table, (cats,) = reference_table(x.tolist())
        np.testing.assert_array_equal(c.table, table)
        assert c.categories[0].tolist() == cats
        assert c.categories[0].dtype == x.dtype
        assert c.n == N

    @pytest.mark.parametrize("kx", list(LABELS))
    @pytest.mark.parametrize("ky", ["small ints", "strings", "uint64 near the top"])
    def test_pairs_match_counter(self, kx, ky):
        x, y = LABELS[kx], LABELS[ky]
        c = counts(x, y)
        table, cats = reference_table(x.tolist(), y.tolist())
        np.testing.assert_array_equal(c.table, table)
        assert [cc.tolist() for cc in c.categories] == cats

    def test_three_variables(self):
        x, y, z = LABELS["small ints"], LABELS["strings"], LABELS["bools"]
        table, _ = reference_table(x.tolist(), y.tolist(), z.tolist())
        np.testing.assert_array_equal(counts(x, y, z).table, table)

    def test_rows_are_one_variable(self):
        xy = np.column_stack([LABELS["small ints"], LABELS["negative ints"]])
        c = counts(xy)
        table, (cats,) = reference_table([tuple(r) for r in xy.tolist()])
        np.testing.assert_array_equal(c.table, table)
        assert [tuple(r) for r in c.categories[0].tolist()] == cats

    def test_object_rows(self):
        rows = np.array([[1, "a"], [1, "a"], [2, "b"], [1, "b"]], dtype=object)
        c = counts(rows)
        assert c.table.tolist() == [2, 1, 1]
        assert c.categories[0].tolist() == [[1, "a"], [1, "b"], [2, "b"]]

    def test_pandas_series_and_categoricals(self):
        pd = pytest.importorskip("pandas")
        s = pd.Series(["x", "y", "x", None])
        assert counts(s, nan_policy="omit").table.tolist() == [2, 1]
        cat = pd.Categorical(["b", "a", "b"], categories=["b", "a", "never"])
        c = counts(cat)
        assert c.categories[0].tolist() == ["a", "b"]
        assert c.table.tolist() == [1, 2]
        assert counts(pd.Series(cat)) == c

    def test_unobserved_offsets_are_dropped(self):
        c = counts(np.array([0, 1000, 0]), np.array([5, 5, 9]))
        assert c.categories[0].tolist() == [0, 1000]
        assert c.categories[1].tolist() == [5, 9]
        assert c.table.tolist() == [[1, 1], [1, 0]]

    def test_input_not_modified(self):
        x = np.array([3, 1, 2, 3])
        y = np.array([1.0, np.nan, 2.0, 1.0])
        xc, yc = x.copy(), y.copy()
        counts(x, y, nan_policy="omit")
        np.testing.assert_array_equal(x, xc)
        np.testing.assert_array_equal(y, yc)


class TestMissing:
    def test_raise_names_variable_and_index(self):
        with pytest.raises(ValueError, match=r"`variables\[1\]` has a missing value .* index 2"):
            counts([1, 2, 3], [1.0, 2.0, np.nan])

    def test_omit_drops_observation_in_every_variable(self):
        c = counts([1, 2, 3, 4], np.array([1.0, np.nan, 2.0, 1.0]), nan_policy="omit")
        assert c.n == 3
        assert c.categories[0].tolist() == [1, 3, 4]

    @pytest.mark.parametrize("missing", [None, float("nan"), np.datetime64("NaT")])
    def test_missing_objects(self, missing):
        x = np.array(["a", missing, "a"], dtype=object)
        assert counts(x, nan_policy="omit").table.tolist() == [2]

    def test_bad_policy(self):
        with pytest.raises(ValueError, match="`nan_policy` must be one of 'raise', 'omit'"):
            counts([1], nan_policy="propagate")


class TestUpdateAndMerge:
    x = rng.choice(["a", "b", "c", "d"], 1000)
    y = rng.integers(-2, 9, 1000)

    def test_chunked_update_equals_whole(self):
        c = Counts()
        for lo in range(0, 1000, 137):
            c.update(self.x[lo : lo + 137], self.y[lo : lo + 137])
        assert c == counts(self.x, self.y)

    def test_sum_of_parts_equals_whole(self):
        parts = [counts(self.x[i::3], self.y[i::3]) for i in range(3)]
        assert parts[0] + parts[1] + parts[2] == counts(self.x, self.y)

    def test_disjoint_labels_merge_over_the_union(self):
        c = counts(["a", "b"], [1, 1]) + counts(["c"], [0])
        assert c.categories[0].tolist() == ["a", "b", "c"]
        assert c.categories[1].tolist() == [0, 1]
        assert c.table.tolist() == [[0, 1], [0, 1], [1, 0]]

    def test_empty_is_identity(self):
        c = counts(self.x)
        assert Counts() + c == c
        assert c + Counts() == c
        assert Counts().n == 0 and Counts().ndim == 0

    def test_number_of_variables_fixed_by_first_update(self):
        c = counts([1, 2])
        with pytest.raises(ValueError, match="hold 1 variable"):
            c.update([1], [2])
        with pytest.raises(ValueError, match="cannot merge counts of 1 variable"):
            c + counts([1], [2])

    def test_numbers_and_strings_do_not_merge(self):
        with pytest.raises(TypeError, match="cannot merge counts whose variable 0"):
            counts([1, 2]) + counts(["1"])

    def test_table_is_read_only(self):
        c = counts([1, 1, 2])
        with pytest.raises(ValueError, match="read-only"):
            c.table[0] = 5


class TestFromTable:
    def test_exact_python_ints_beyond_int64(self):
        big = 10**30
        c = Counts.from_table(np.array([[big, 1], [1, big]], dtype=object))
        assert c.n == 2 * big + 2
        assert c.table.dtype == object

    def test_small_object_tables_become_int64(self):
        c = Counts.from_table(np.array([[1, 2]], dtype=object))
        assert c.table.dtype == np.int64

    def test_merge_beyond_int64_stays_exact(self):
        half = Counts.from_table([2**62, 2**62])
        total = half + half + half
        assert total.n == 3 * 2**63
        assert total.table.tolist() == [3 * 2**62, 3 * 2**62]

    def test_categories(self):
        c = Counts.from_table([[1, 2]], categories=[["only"], [10, 20]])
        assert c + counts(["only"], [30]) == Counts.from_table(
            [[1, 2, 1]], categories=[["only"], [10, 20, 30]]
        )

    @pytest.mark.parametrize(
        ("table", "match"),
        [
            ([[1, -1]], "must be non-negative, got the count -1"),
            ([0.5, 1], "whole-number counts"),
            ([np.nan], "whole-number counts"),
            (5, "at least one axis"),
            (["a"], "integer counts"),
        ],
    )
    def test_bad_tables(self, table, match):
        with pytest.raises((ValueError, TypeError), match=match):
            Counts.from_table(table)

    def test_bad_categories(self):
        with pytest.raises(ValueError, match="one label array per axis"):
            Counts.from_table([1, 2], categories=[[1]])
        with pytest.raises(ValueError, match="distinct labels"):
            Counts.from_table([1, 2], categories=[[1, 1]])


class TestLimits:
    def test_too_many_cells_is_a_clear_error(self):
        ids = np.arange(12_000).astype(str)
        with pytest.raises(ValueError, match=r"12000 x 12000 categories would have 144,000,000"):
            counts(ids, ids[::-1])
        assert 12_000**2 > MAX_CELLS

    def test_wide_int_ranges_fall_back_without_huge_tables(self):
        x = np.array([0, 10**9, 0, 5 * 10**8])
        c = counts(x, x)
        assert c.table.shape == (3, 3)

    def test_shapes(self):
        with pytest.raises(ValueError, match=r"must be 1-D .* shape \(2, 2, 2\)"):
            counts(np.zeros((2, 2, 2)))
        with pytest.raises(ValueError, match="same number of observations, got 2 and 3"):
            counts([1, 2], [1, 2, 3])

    def test_unorderable_labels(self):
        with pytest.raises(TypeError, match="mutually orderable"):
            counts(np.array(["a", 1], dtype=object))


class TestRangeCheckedCounting:
    """1-D int64/uint64 labels: each block's range is checked before np.bincount counts it.

    From `_PIPELINED` labels on, a second thread checks a block ahead of the
    counting; both ways must give the table a Counter gives, and fall back
    (not allocate) when a late block holds a label out of range.
    """

    @pytest.fixture(params=["pipelined", "one thread"])
    def mode(self, request, monkeypatch):
        monkeypatch.setattr(_counts, "_PIPELINED", 1000)
        monkeypatch.setattr(_counts, "_PIPELINE_BLOCK", 256)
        monkeypatch.setattr(_counts, "_BLOCK", 256)
        cpus = 1 if request.param == "one thread" else 2  # 2 even on a 1-CPU runner
        monkeypatch.setattr(_counts.os, "cpu_count", lambda: cpus)
        return request.param

    @pytest.mark.parametrize(
        "late", [None, 10**12, -1, np.iinfo(np.int64).min], ids=["in range", "huge", "-1", "min"]
    )
    def test_late_block_out_of_range(self, mode, late):
        x = np.random.default_rng(1).integers(0, 50, 5000)
        if late is not None:
            x[-3] = late  # in the last block
        table, cats = reference_table(x)
        c = counts(x)
        np.testing.assert_array_equal(c.table, table)
        assert c.categories[0].tolist() == cats[0]

    def test_uint64(self, mode):
        x = np.random.default_rng(2).integers(0, 9, 3000).astype(np.uint64)
        x[2000] = 2**64 - 1
        table, cats = reference_table(x.tolist())
        assert counts(x).categories[0].tolist() == cats[0]
        np.testing.assert_array_equal(counts(x).table, table)
        assert counts(x[:1999]).table.tolist() == np.bincount(x[:1999].astype(int)).tolist()

    def test_an_error_in_the_checking_thread_is_raised(self, monkeypatch):
        monkeypatch.setattr(_counts, "_PIPELINED", 1000)
        monkeypatch.setattr(_counts.os, "cpu_count", lambda: 2)

        def broken(unsigned, width, limit, out):
            out.put(MemoryError("from the checking thread"))

        monkeypatch.setattr(_counts, "_block_maxima", broken)
        with pytest.raises(MemoryError, match="from the checking thread"):
            counts(np.zeros(2000, dtype=np.int64))


class TestExactMerge:
    def test_merge_uint64_with_int64_keeps_labels_bug(self):
        top = np.array([2**64 - 1, 2**63 + 1, 5], dtype=np.uint64)
        low = np.array([5, 6, 7], dtype=np.int64)
        c = counts(top) + counts(low)
        assert c.categories[0].tolist() == [5, 6, 7, 2**63 + 1, 2**64 - 1]
        assert c.table.tolist() == [2, 1, 1, 1, 1]
        assert c.n == int(c.table.sum()) == 6

    def test_merge_uint64_with_negative_int64_is_a_clear_error_bug(self):
        top = counts(np.array([2**64 - 1], dtype=np.uint64))
        with pytest.raises(TypeError, match="no common dtype holds every label of both exactly"):
            top + counts(np.array([-1]))

    def test_merge_int_2pow60_plus_1_with_float_2pow60_bug(self):
        ints = counts(np.array([2**60 + 1, 3]))
        floats = counts(np.array([2.0**60, 3.0]))
        with pytest.raises(TypeError, match="variable 0 has labels of dtype int64 with labels"):
            ints + floats

    def test_merge_ints_with_floats_when_exact(self):
        c = counts(np.array([2**50 + 1, 3])) + counts(np.array([2.0**50, 3.0, 0.5]))
        assert c.categories[0].tolist() == [0.5, 3.0, 2.0**50, 2.0**50 + 1]
        assert c.table.tolist() == [1, 2, 1, 1]
        assert c.n == int(c.table.sum()) == 5


class TestEmptyAndCached:
    def test_empty_counts_is_a_0d_table(self):
        e = Counts()
        assert e.ndim == e.table.ndim == 0
        assert e.n == 0 == int(e.table.sum())
        assert repr(e) == "Counts()"

    def test_empty_marginal_is_a_clear_error(self):
        with pytest.raises(ValueError, match=r"empty Counts hold no variables; `axes` \(0,\)"):
            Counts().marginal([0])

    def test_marginal_axes_are_checked(self):
        c = counts([1, 2], [3, 4])
        with pytest.raises(ValueError, match=r"distinct variable indices in \[0, 2\), got \(2,\)"):
            c.marginal([2])

    def test_n_follows_updates_and_merges(self):
        c = counts([1, 2, 2])
        c.update([2, 3, 4, 4])
        assert c.n == 7 == int(c.table.sum())
        assert (c + Counts.from_table([2**62, 2**62])).n == 7 + 2**63


_EDGE_LABELS = {
    np.int64: [0, 1, -1, 2**53 + 1, 2**60 + 1, -(2**63), 2**63 - 1],
    np.uint64: [0, 1, 2**53 + 1, 2**63, 2**63 + 1, 2**64 - 1],
    np.float64: [0.0, 1.0, -1.5, 2.0**53, 2.0**60, 1e308, -1e308],
    np.int8: [0, 1, -1, -128, 127],
}


@st.composite
def _label_arrays(draw):
    dtype = draw(st.sampled_from(list(_EDGE_LABELS)))
    values = draw(st.lists(st.sampled_from(_EDGE_LABELS[dtype]), min_size=1, max_size=8))
    return np.array(values, dtype=dtype)


def _exact(label):
    """Return a label as the exact Python number it stands for."""
    return float(label) if isinstance(label, np.floating) else int(label)


@given(_label_arrays(), _label_arrays())
def test_merge_keeps_every_label_exactly_or_raises(a, b):
    """13.5: a merge keeps every observation and label exactly, or says why not."""
    try:
        c = counts(a) + counts(b)
    except TypeError as exc:
        assert "cannot merge counts whose variable 0" in str(exc)
        return
    expected = collections.Counter(_exact(x) for x in a) + collections.Counter(
        _exact(x) for x in b
    )
    got = dict(zip((_exact(x) for x in c.categories[0]), c.table.tolist(), strict=True))
    assert got == dict(expected)
    assert c.n == int(c.table.sum()) == len(a) + len(b)


def test_categories_without_label_columns_bug():
    # Found by the common test in CI: categories of shape (2, 0) crashed
    # with an IndexError.
    with pytest.raises(ValueError, match=r"`categories\[0\]` has shape \(2, 0\)"):
        Counts.from_table(np.array([[3, 1], [0, 2]]), categories=np.zeros((2, 2, 0)))
