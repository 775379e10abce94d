"""_factorize: labels of every kind -> codes and categories; missing labels."""

import math
import subprocess
import sys
import types
from decimal import Decimal

import numpy as np
import pytest

from infomeasures import _factorize as fz
from infomeasures import samples
from infomeasures.samples import counts


class TestLabels:
    def test_object_labels_hash_to_sorted_categories(self):
        rng = np.random.default_rng(5)
        words = np.array(["kiwi", "apple", "fig", "", "apple pie"], dtype=object)
        x = words[rng.integers(0, 5, 2000)]
        found = fz.labels(x, "x")
        # numpy's np.unique: the sorted distinct labels and each observation's index
        cats, inv = np.unique(x, return_inverse=True)
        assert found.categories.tolist() == cats.tolist()
        np.testing.assert_array_equal(found.values, inv)
        assert found.missing is None

    def test_mixed_object_labels_must_be_orderable(self):
        with pytest.raises(TypeError, match="mutually orderable"):
            fz.labels(np.array(["a", 1, "a"], dtype=object), "x")

    def test_unhashable_object_labels_fall_back_to_comparison(self):
        x = np.empty(3, dtype=object)
        x[:] = [(1, [2]), (1, [2]), (0, [5])]
        assert counts(x).table.tolist() == [1, 2]

    def test_factorized_is_a_named_tuple(self):
        part = fz.factorize(fz.labels(np.array([3, 5, 3]), "x"), 100)
        assert part.categories.tolist() == [3, 4, 5]  # a range: 4 unobserved
        assert part.dense and part.offset == 3
        assert fz.offset_codes(part).tolist() == [0, 2, 0]
        assert fz.compress(part).categories.tolist() == [3, 5]


def _outcome(x):
    """Return what counting x gives: table, (type, repr) per category, missing; or the error."""
    try:
        c = counts(x, nan_policy="omit")
    except TypeError as exc:
        return ("TypeError", str(exc))
    missing = fz.labels(x, "x").missing
    cats = [(type(v), repr(v)) for v in c.categories[0].tolist()]
    return c.table.tolist(), cats, None if missing is None else missing.tolist()


_NAN_A, _NAN_B = float("nan"), float("nan")  # two NaN objects: equal only to themselves

OBJECT_CASES = {
    "text": (["kiwi", "apple", np.str_("fig"), "", "apple pie"], True),
    "equal-numbers": ([1, 1.0, True, np.int64(1), np.float64(1.0), 2, 0, False, -0.0], True),
    "missing": (["a", None, math.nan, np.float32("nan"), np.datetime64("NaT"), "b"], True),
    "bytes": ([b"a", b"b", b""], True),
    "nans": ([Decimal("NaN"), complex(math.nan, 0), Decimal(1), 2.5], True),
    # pandas refuses to hash a signalling NaN, and compares NaNs inside tuples
    # as equal: the dict's answer stands
    "signalling-nan": ([Decimal("sNaN"), Decimal(1), 2], False),
    "tuples-with-nan": ([(1, _NAN_A), (1, _NAN_B), (1, 2)], False),
    # pandas keys a string without UTF-8 (a lone surrogate) on its repr
    "surrogate-and-its-repr": (["\ud800", "'\\ud800'", "a"], False),
    "repr-then-surrogate": (["'\\ud800'", "\ud800", "a"], False),
    "non-ascii": (["café", "naïve", "日本", "cafe"], True),
    "unorderable": (["a", 1, "b"], None),
    "complex": ([1 + 0j, 1, 2j], None),  # unorderable too
}


class TestPandasHashTable:
    """Long object arrays take pandas' factorize once pandas is imported: the dict's result."""

    pd = pytest.importorskip("pandas")

    @pytest.mark.parametrize("case", list(OBJECT_CASES))
    def test_same_labels_as_the_dict(self, case, monkeypatch):
        values, pandas_takes_it = OBJECT_CASES[case]
        x = np.empty(60, dtype=object)
        x[:] = [values[i] for i in np.random.default_rng(0).integers(0, len(values), 60)]
        x[: len(values)] = values  # every value at least once
        monkeypatch.setattr(fz, "_PANDAS_FROM", 0)
        if pandas_takes_it is not None:
            assert (fz._pandas_objects(x) is not None) == pandas_takes_it
        via_pandas = _outcome(x)
        monkeypatch.setattr(fz, "_pandas_objects", lambda arr: None)
        assert via_pandas == _outcome(x)

    def test_pandas_nat_and_na_are_missing(self, monkeypatch):
        monkeypatch.setattr(fz, "_PANDAS_FROM", 0)
        x = np.array(["a", self.pd.NA, self.pd.NaT, "b", "a"], dtype=object)
        assert fz._pandas_objects(x) is not None
        assert counts(x, nan_policy="omit").table.tolist() == [2, 1]

    def test_pandas_being_imported_elsewhere_is_not_used(self, monkeypatch):
        # Another thread's `import pandas` leaves a module without `factorize`
        # in sys.modules for a while: the dict is used meanwhile.
        monkeypatch.setitem(sys.modules, "pandas", types.ModuleType("pandas"))
        monkeypatch.setattr(fz, "_PANDAS_FROM", 0)
        x = np.array(["b", "a", "b"], dtype=object)
        assert fz._pandas_objects(x) is None
        assert counts(x).table.tolist() == [1, 2]


def test_object_labels_do_not_import_pandas():
    code = (
        "import sys, numpy as np; from infomeasures import samples; "
        "x = np.array(['a', 'b', None] * 10**5, dtype=object); "
        "samples.entropy(x, nan_policy='omit'); print('pandas' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


class TestMissing:
    @pytest.mark.parametrize("nan", [np.float32("nan"), np.float16("nan"), np.float64("nan")])
    def test_float32_nan_in_object_array_is_missing_bug(self, nan):
        x = np.array(["a", nan, "b", "a"], dtype=object)
        assert counts(x, nan_policy="omit").table.tolist() == [2, 1]
        with pytest.raises(ValueError, match=r"`variables\[0\]` has a missing value .* index 1"):
            counts(x)

    def test_masked_array_mask_is_missing_bug(self):
        x = np.ma.array([1, 2, 3, 3], mask=[False, True, False, False])
        y = np.array(["a", "b", "c", "c"])
        c = counts(x, y, nan_policy="omit")
        assert c.n == 3
        assert c.categories[0].tolist() == [1, 3]
        with pytest.raises(ValueError, match=r"`x` has a missing value .* index 1"):
            samples.entropy(x)

    def test_masked_rows_are_missing(self):
        x = np.ma.array([[1, 2], [3, 4], [1, 2]], mask=[[0, 0], [0, 1], [0, 0]])
        assert counts(x, nan_policy="omit").table.tolist() == [2]

    @pytest.mark.parametrize("nan", [Decimal("NaN"), Decimal("sNaN"), complex(0, math.nan)])
    def test_decimal_and_complex_nan_are_missing(self, nan):
        # Before, a Decimal NaN raised decimal.InvalidOperation while sorting.
        x = np.array([Decimal(1), nan, Decimal(2), Decimal(1)], dtype=object)
        assert counts(x, nan_policy="omit").table.tolist() == [2, 1]
        with pytest.raises(ValueError, match=r"missing value .* index 1"):
            counts(x)

    def test_pandas_na_and_none_in_objects(self):
        pd = pytest.importorskip("pandas")
        x = np.array(["a", pd.NA, None, "b", "a"], dtype=object)
        assert counts(x, nan_policy="omit").table.tolist() == [2, 1]


class TestRangeCheck:
    def test_float_labels_range_check_no_overflow_bug(self):
        # Under filterwarnings=error an overflow in hi - lo would fail here.
        got = samples.entropy(np.array([1e308, -1e308, 1e308]))
        # closed form: H(2/3, 1/3) in bits
        assert got == pytest.approx(math.log2(3) - 2 / 3, rel=1e-15)

    def test_float_labels_beyond_int64_no_invalid_cast_bug(self):
        # A narrow range of huge floats: no cast of 1e308 to an integer code.
        assert samples.entropy(np.array([1e308, 1e308])) == 0.0
        c = counts(np.array([-1e300, -1e300, 1e300]))
        assert c.categories[0].tolist() == [-1e300, 1e300]
        assert c.table.tolist() == [2, 1]

    def test_float16_labels_range_check_no_overflow_bug(self):
        x = np.array([-60000, 60000, 60000, 0], dtype=np.float16)
        c = counts(x)
        assert c.categories[0].tolist() == [-60000.0, 0.0, 60000.0]
        assert c.categories[0].dtype == np.float16
        assert c.table.tolist() == [1, 1, 2]

    def test_wide_and_negative_ints_take_the_sort_path(self):
        x = np.array([-5, 2**40, -5, 7])
        c = counts(x)
        assert c.categories[0].tolist() == [-5, 7, 2**40]
        assert c.table.tolist() == [2, 1, 1]


def test_ragged_labels_name_the_argument():
    with pytest.raises(ValueError, match="`x` cannot be read as an array of labels"):
        samples.entropy([[1, 2], [3]])


class TestRows:
    @pytest.mark.parametrize("high", [3, 10**6])  # few possible rows (counted) or many (sorted)
    def test_rows_match_numpy_unique_rows(self, high):
        rng = np.random.default_rng(9)
        x = rng.integers(0, high, (500, 2))
        x[:250] = x[250:]  # repeated rows
        c = counts(x)
        # numpy's np.unique over rows: sorted distinct rows and their counts
        rows, n = np.unique(x, axis=0, return_counts=True)
        np.testing.assert_array_equal(c.categories[0], rows)
        np.testing.assert_array_equal(c.table, n)
