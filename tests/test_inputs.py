"""The inputs data scientists hold: pandas and polars columns and DataFrames.

Each input kind is one class.  The same observations are built as integer
codes (the reference) and as a column of that kind with missing values in the
kind's own form; every value is compared with the plug-in entropy or mutual
information of the codes computed here with numpy (``np.bincount`` and
``scipy.special.entr``), never with the code under test.
"""

import numpy as np
import pytest
from scipy import special

from infomeasures import metrics, samples
from infomeasures.samples import Counts, counts

pd = pytest.importorskip("pandas")

N = 400


def _plugin_entropy(codes: np.ndarray) -> float:
    """Plug-in entropy in nats of integer codes: -sum p log p of the bincount."""
    p = np.bincount(codes) / codes.size
    return float(special.entr(p).sum())


def _plugin_mi(a: np.ndarray, b: np.ndarray) -> float:
    """Plug-in MI in nats of integer codes, from their joint bincount."""
    joint = a * (b.max() + 1) + b
    return _plugin_entropy(a) + _plugin_entropy(b) - _plugin_entropy(joint)


def _data(k: int, seed: int):
    """Codes in [0, k) with every code observed, and a missing mask (first at index 7)."""
    rng = np.random.default_rng(seed)
    codes = rng.integers(0, k, N)
    codes[:k] = np.arange(k)
    missing = rng.random(N) < 0.1
    missing[:7] = False
    missing[7] = True
    return codes, missing


class _InputKind:
    """Tests shared by every input kind; a subclass says how to build its column.

    `labels` are the kind's distinct labels as numpy gives them back (sorted);
    `make(codes, missing)` builds the column holding ``labels[codes]`` with
    the kind's missing value where `missing` is set.
    """

    labels: np.ndarray

    def make(self, codes, missing):
        raise NotImplementedError

    @pytest.fixture
    def data(self):
        codes, missing = _data(len(self.labels), seed=len(type(self).__name__))
        return codes, missing, self.make(codes, missing)

    def test_entropy_omits_missing(self, data):
        codes, missing, x = data
        expected = _plugin_entropy(codes[~missing])
        got = samples.entropy(x, base=np.e, nan_policy="omit")
        assert got == pytest.approx(expected, rel=1e-12)

    def test_mutual_information_with_integer_labels(self, data):
        codes, missing, x = data
        y = np.random.default_rng(3).integers(0, 3, N)
        y[:100] = codes[:100] % 3  # some dependence, so MI is not ~0
        expected = _plugin_mi(codes[~missing], y[~missing])
        got = samples.mutual_information(x, y, base=np.e, nan_policy="omit")
        assert got == pytest.approx(expected, rel=1e-12)

    def test_mutual_information_of_two_such_columns(self, data):
        codes, missing, x = data
        other, other_missing = _data(len(self.labels), seed=11)
        y = self.make(other, other_missing)
        keep = ~(missing | other_missing)
        expected = _plugin_mi(codes[keep], other[keep])
        got = samples.mutual_information(x, y, base=np.e, nan_policy="omit")
        assert got == pytest.approx(expected, rel=1e-12, abs=1e-15)

    def test_missing_raises_naming_variable_and_index(self, data):
        _, _, x = data
        with pytest.raises(ValueError, match=r"`x` has a missing value .* at index 7;"):
            samples.entropy(x)
        y = np.zeros(N, dtype=int)
        with pytest.raises(ValueError, match=r"`y` has a missing value .* at index 7;"):
            samples.mutual_information(y, x)

    def test_without_missing_equals_numpy_codes(self, data):
        codes, _, _ = data
        x = self.make(codes, np.zeros(N, dtype=bool))
        assert samples.entropy(x, base=np.e) == pytest.approx(_plugin_entropy(codes), rel=1e-12)

    def test_categories_keep_their_labels(self, data):
        codes, missing, x = data
        c = counts(x, nan_policy="omit")
        (cats,) = c.categories
        assert cats.dtype == self.labels.dtype
        np.testing.assert_array_equal(cats, self.labels)
        np.testing.assert_array_equal(c.table, np.bincount(codes[~missing]))

    def test_counts_merge_across_chunks(self, data):
        codes, missing, _ = data
        # Chunks see different subsets of the labels, so merging must align them.
        order = np.argsort(codes, kind="stable")
        codes, missing = codes[order], missing[order]
        total = Counts()
        for part in np.array_split(np.arange(N), 3):
            total.update(self.make(codes[part], missing[part]), nan_policy="omit")
        assert total == counts(self.make(codes, missing), nan_policy="omit")
        np.testing.assert_array_equal(total.table, np.bincount(codes[~missing]))
        np.testing.assert_array_equal(total.categories[0], self.labels)


# ------------------------------------------------------------------ pandas


class TestPandasCategorical(_InputKind):
    labels = np.array(["apple", "fig", "kiwi", "pear"], dtype=object)

    def make(self, codes, missing):
        values = np.where(missing, None, self.labels[codes])
        # Categories in their own (unsorted) order, one never observed.
        return pd.Series(
            pd.Categorical(values, categories=["pear", "kiwi", "plum", "apple", "fig"])
        )


class TestPandasInt64(_InputKind):
    # 2**53 + 1 is not a float64: the labels must stay int64, not become floats.
    labels = np.array([-5, 0, 2**53, 2**53 + 1], dtype=np.int64)

    def make(self, codes, missing):
        return pd.Series(self.labels[codes], dtype="Int64").mask(missing)


class TestPandasArrowInt64(TestPandasInt64):
    def make(self, codes, missing):
        pytest.importorskip("pyarrow")
        return super().make(codes, missing).astype("int64[pyarrow]")


class TestPandasBoolean(_InputKind):
    labels = np.array([False, True])

    def make(self, codes, missing):
        s = pd.Series(self.labels[codes], dtype="boolean")
        s[missing] = pd.NA
        return s


class TestPandasFloat64(_InputKind):
    labels = np.array([-1.5, 0.0, 0.25, 1e300])

    def make(self, codes, missing):
        s = pd.Series(self.labels[codes], dtype="Float64")
        s[missing] = pd.NA
        return s


class TestPandasString(_InputKind):
    labels = np.array(["", "a", "b b", "é"], dtype=object)
    dtype = "string"

    def make(self, codes, missing):
        return pd.Series(np.where(missing, None, self.labels[codes]), dtype=self.dtype)

    def test_merges_with_numpy_str_chunks_bug(self):
        # Chunks read as pandas text (object labels) and as numpy str ("U") labels.
        total = Counts().update(self.make(np.array([1, 2]), np.zeros(2, dtype=bool)))
        total.update(np.array(["b b", "é", "a"]))
        assert total.categories[0].tolist() == ["a", "b b", "é"]
        assert total.table.tolist() == [2, 2, 1]


class TestPandasStringPyarrow(TestPandasString):
    dtype = "string[pyarrow]"

    def make(self, codes, missing):
        pytest.importorskip("pyarrow")
        return super().make(codes, missing)


class TestPandasDatetime(_InputKind):
    labels = np.array(["2020-01-01", "2020-01-01T00:00:01", "2021-06-30", "2024-02-29"]).astype(
        "datetime64[ns]"
    )

    def make(self, codes, missing):
        return pd.Series(np.where(missing, np.datetime64("NaT"), self.labels[codes]))


class TestPandasDatetimeTZ(_InputKind):
    # Labels come back as their UTC instants, datetime64 (in pandas' unit).
    labels = np.array(["2020-01-01T05", "2020-03-29T00:30", "2020-03-29T01:30", "2021-01-01"])
    labels = labels.astype("datetime64[ns]")

    def make(self, codes, missing):
        utc = pd.to_datetime(self.labels[codes]).tz_localize("UTC").tz_convert("Europe/Paris")
        s = pd.Series(utc)
        s[missing] = pd.NaT
        return s

    def test_time_zones_merge_on_instants(self):
        instants = pd.Series(pd.to_datetime(self.labels).tz_localize("UTC"))
        merged = counts(instants.dt.tz_convert("Asia/Tokyo")) + counts(instants)
        np.testing.assert_array_equal(merged.table, [2, 2, 2, 2])
        assert merged.categories[0].dtype.kind == "M"


class TestPandasArrowTimestampTZ(TestPandasDatetimeTZ):
    labels = TestPandasDatetimeTZ.labels.astype("datetime64[us]")

    def make(self, codes, missing):
        pytest.importorskip("pyarrow")
        return super().make(codes, missing).astype("timestamp[us, tz=Europe/Paris][pyarrow]")


class TestPandasObjectMixedMissing(_InputKind):
    labels = np.array(["a", "b", "c"], dtype=object)

    def make(self, codes, missing):
        values = self.labels[codes].astype(object)
        where = np.flatnonzero(missing)
        # Every form pandas treats as missing, cycled.
        values[where] = np.array([None, np.nan, pd.NA, pd.NaT], dtype=object)[
            np.arange(where.size) % 4
        ]
        return pd.Series(values, dtype=object)


# ------------------------------------------------------------------ polars


class _Polars(_InputKind):
    def make(self, codes, missing):
        pl = pytest.importorskip("polars")
        values = [
            None if m else v for v, m in zip(self.labels[codes].tolist(), missing, strict=True)
        ]
        return pl.Series("x", values, dtype=self.polars_dtype(pl))


class TestPolarsString(_Polars):
    labels = np.array(["", "Zebra", "apple", "é"], dtype=object)

    def polars_dtype(self, pl):
        return pl.String


class TestPolarsCategorical(TestPolarsString):
    def polars_dtype(self, pl):
        return pl.Categorical


class TestPolarsInt64(_Polars):
    labels = np.array([-(2**62), 3, 2**53 + 1, 2**62], dtype=np.int64)

    def polars_dtype(self, pl):
        return pl.Int64


class TestPolarsBoolean(_Polars):
    labels = np.array([False, True])

    def polars_dtype(self, pl):
        return pl.Boolean


class TestPolarsFloat(_Polars):
    labels = np.array([-2.0, 0.5, 3.0])

    def polars_dtype(self, pl):
        return pl.Float64

    def test_nan_and_null_are_both_missing(self):
        pl = pytest.importorskip("polars")
        x = pl.Series([1.0, None, float("nan"), 2.0, 1.0])
        with pytest.raises(ValueError, match="at index 1;"):
            samples.entropy(x)
        c = counts(x, nan_policy="omit")
        np.testing.assert_array_equal(c.table, [2, 1])


class TestPolarsDatetimeTZ(_Polars):
    labels = np.array(["2020-01-01T05", "2020-03-29T01:30", "2021-01-01"]).astype("datetime64[us]")

    def make(self, codes, missing):
        pl = pytest.importorskip("polars")
        utc = super().make(codes, missing).cast(pl.Datetime("us", "UTC"))
        return utc.dt.convert_time_zone("America/New_York")

    def polars_dtype(self, pl):
        return pl.Datetime("us")


# ------------------------------------------------------------- DataFrames


def _mixed_frame(seed: int, missing_at=()):
    """Make a mixed-dtype DataFrame, its row codes (reference) and its row-missing mask."""
    rng = np.random.default_rng(seed)
    a, b, c = rng.integers(0, 3, N), rng.integers(0, 2, N), rng.integers(0, 2, N)
    words = np.array(["lo", "hi"], dtype=object)
    frame = pd.DataFrame(
        {
            "int": pd.array(a - 1, dtype="Int64"),
            "text": pd.array(words[b], dtype="string"),
            "cat": pd.Categorical(np.array(["x", "y"])[c]),
            "when": pd.to_datetime(a * 86400, unit="s", utc=True),  # a function of `int`
        }
    )
    missing = np.zeros(N, dtype=bool)
    for row, col in missing_at:
        frame.iloc[row, frame.columns.get_loc(col)] = None
        missing[row] = True
    return frame, (a * 2 + b) * 2 + c, missing


class TestDataFrameJointVariable:
    def test_rows_are_the_values(self):
        frame, codes, _ = _mixed_frame(1)
        expected = _plugin_entropy(np.unique(codes, return_inverse=True)[1])
        assert samples.entropy(frame, base=np.e) == pytest.approx(expected, rel=1e-12)

    def test_mutual_information_with_a_series(self):
        frame, codes, _ = _mixed_frame(2)
        y = np.where(np.arange(N) < 200, codes % 3, 0)
        expected = _plugin_mi(np.unique(codes, return_inverse=True)[1], y)
        got = samples.mutual_information(frame, pd.Series(y, dtype="Int64"), base=np.e)
        assert got == pytest.approx(expected, rel=1e-12)

    def test_missing_in_any_column_drops_the_row(self):
        frame, codes, missing = _mixed_frame(3, missing_at=[(4, "text"), (9, "when"), (9, "int")])
        with pytest.raises(ValueError, match=r"`x` has a missing value .* at index 4 .*'text'"):
            samples.entropy(frame)
        with pytest.raises(ValueError, match=r"`y` has a missing value .* at index 4 .*'text'"):
            samples.mutual_information(np.zeros(N), frame)
        expected = _plugin_entropy(np.unique(codes[~missing], return_inverse=True)[1])
        got = samples.entropy(frame, base=np.e, nan_policy="omit")
        assert got == pytest.approx(expected, rel=1e-12)

    def test_categories_are_rows_with_each_columns_labels(self):
        frame, _, _ = _mixed_frame(4)
        (rows,) = counts(frame).categories
        # Every combination occurs (N = 400 >> 12), in lexicographic order of the columns.
        expected = [
            [a - 1, text, cat, np.datetime64(a * 86400, "s")]
            for a in range(3)
            for text in ("hi", "lo")
            for cat in ("x", "y")
        ]
        assert rows.shape == (12, 4)
        assert rows.tolist() == expected
        assert all(isinstance(r[3], np.datetime64) for r in rows)

    def test_counts_merge_across_chunks(self):
        frame, codes, missing = _mixed_frame(5, missing_at=[(30, "cat")])
        total = Counts()
        for start in range(0, N, 150):
            total.update(frame.iloc[start : start + 150], nan_policy="omit")
        assert total == counts(frame, nan_policy="omit")
        expected = np.bincount(np.unique(codes[~missing], return_inverse=True)[1])
        np.testing.assert_array_equal(np.sort(total.table), np.sort(expected))

    def test_same_as_numpy_rows_for_one_dtype(self):
        rng = np.random.default_rng(6)
        arr = rng.integers(0, 3, (N, 2))
        frame = pd.DataFrame(arr, columns=["p", "q"])
        assert counts(frame) == counts(arr)

    def test_polars_dataframe(self):
        pl = pytest.importorskip("polars")
        frame, codes, _ = _mixed_frame(7)
        pframe = pl.DataFrame(
            {"int": frame["int"].to_numpy(), "text": frame["text"].to_numpy().astype(str)}
        )
        expected = _plugin_entropy(np.unique(codes // 2, return_inverse=True)[1])
        assert samples.entropy(pframe, base=np.e) == pytest.approx(expected, rel=1e-12)


# ---------------------------------------------------------------- metrics


class TestMetricsOnNullableColumns:
    @pytest.mark.parametrize(
        "dtype", ["Int64", "string", "string[pyarrow]", "category", "boolean"]
    )
    def test_mutual_info_score_matches_sklearn(self, dtype):
        skm = pytest.importorskip("sklearn.metrics")
        if dtype == "string[pyarrow]":
            pytest.importorskip("pyarrow")
        rng = np.random.default_rng(8)
        a, b = rng.integers(0, 4, N), rng.integers(0, 2, N)
        b[:150] = a[:150] % 2
        if dtype == "boolean":
            a = a % 2
        convert = {"Int64": lambda c: c, "boolean": lambda c: c.astype(bool)}.get(
            dtype, lambda c: c.astype(str)
        )
        x, y = pd.Series(convert(a)).astype(dtype), pd.Series(convert(b)).astype(dtype)
        expected = skm.mutual_info_score(x, y)  # scikit-learn 1.9 on the same Series
        assert metrics.mutual_info_score(x, y) == pytest.approx(expected, rel=1e-12, abs=1e-15)
        nmi = skm.normalized_mutual_info_score(x, y)
        assert metrics.normalized_mutual_info_score(x, y) == pytest.approx(nmi, rel=1e-12)

    def test_missing_label_raises(self):
        x = pd.Series([1, 2, None, 1], dtype="Int64")
        with pytest.raises(ValueError, match=r"`labels_true` has a missing label .* at index 2"):
            metrics.mutual_info_score(x, [0, 1, 1, 0])


def test_dataframe_without_columns_names_the_argument():
    with pytest.raises(ValueError, match="`x` is a DataFrame with no columns"):
        samples.entropy(pd.DataFrame(index=range(3)))
