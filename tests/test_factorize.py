"""_factorize: labels of every kind -> codes and categories; missing labels."""

import datetime
import math
import subprocess
import sys
import types
from collections import UserString
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
    """Return what counting x gives, alone and beside other labels; or the error.

    Alone: table, (type, repr) per category, missing labels; beside y: the
    joint table (its codes for x come from `fz.labels`).
    """
    y = np.arange(len(x)) % 3
    try:
        c, joint = counts(x, nan_policy="omit"), counts(x, y, nan_policy="omit")
    except TypeError as exc:
        return ("TypeError", str(exc))
    missing = fz.labels(x, "x").missing
    cats = [(type(v), repr(v)) for v in c.categories[0].tolist()]
    joint_cats = [repr(v) for v in joint.categories[0].tolist()]
    missing = None if missing is None else missing.tolist()
    return c.table.tolist(), cats, missing, joint.table.tolist(), joint_cats


_NAN_A, _NAN_B = float("nan"), float("nan")  # two NaN objects: equal only to themselves


class _Salted(str):
    """Equal to its text, hashed otherwise."""

    def __hash__(self):
        return hash(("salt", str(self)))


class _Unhashable(str):
    __hash__ = None


# Missing by this module's rule (a type named as pandas' NA), unknown to pandas
_OTHER_NA = type("NAType", (), {})()
_SURROGATE = np.str_("\ud800")

# values: whether pandas' factorize, and whether its value_counts, take them;
# the dict decides wherever pandas could differ.  pandas compares a label
# with == to each key it probes, hashes unseen, so it takes text only.
OBJECT_CASES = {
    "text": (["kiwi", "apple", np.str_("fig"), "", "apple pie"], True, True),
    "bytes": ([b"a", b"b", b"", np.bytes_(b"c")], True, True),
    "non-ascii": (["café", "naïve", "日本", "cafe"], True, True),
    "missing": (["a", None, math.nan, np.float32("nan"), np.datetime64("NaT"), "b"], True, True),
    "text-and-nans": (["a", Decimal("NaN"), complex(math.nan, 0), "b"], True, True),
    # Series.__array_struct__ would be the count of a label of that name
    "dunder-names": (["a", "__array_struct__", "__array_interface__"], True, True),
    # factorize keys a string without UTF-8 (a lone surrogate) on its repr
    "surrogate-and-its-repr": (["\ud800", "'\\ud800'", "a"], False, True),
    "repr-then-surrogate": (["'\\ud800'", "\ud800", "a"], False, True),
    "np-str-surrogate-and-its-repr": ([_SURROGATE, repr(_SURROGATE), "a"], False, True),
    "np-str-repr-then-surrogate": ([repr(_SURROGATE), _SURROGATE, "a"], False, True),
    "missing-unknown-to-pandas": (["a", _OTHER_NA, "b"], True, True),
    # str subclasses may define their own ==, hash and repr: not text.  (Seen
    # first; after an equal str, pandas merges them into it unseen.)
    "str-subclass-hashed-otherwise": ([_Salted("a"), "a", "b"], False, False),
    "unhashable-str-subclass": ([_Unhashable("a"), "a", "b"], False, False),
    # equal labels of different hashes: pandas may merge them, a dict never
    "equal-but-hashed-otherwise": (
        [
            *(0.242, np.float32(0.242), datetime.date(2020, 1, 1), np.datetime64("2020-01-01")),
            *(np.int64(2**53 + 1), 2.0**53, np.timedelta64(1, "D"), 1),
        ],
        False,
        False,
    ),
    "equal-numbers": (
        [1, 1.0, True, np.int64(1), np.float64(1.0), 2, 0, False, -0.0],
        False,
        False,
    ),
    "user-string": ([UserString("a"), "a", "b"], False, False),
    "number-nans": ([Decimal("NaN"), complex(math.nan, 0), Decimal(1), 2.5], False, False),
    "signalling-nan": (["a", Decimal("sNaN"), "b"], False, False),
    "tuples-with-nan": ([(1, _NAN_A), (1, _NAN_B), (1, 2)], False, False),
    "unhashable": ([[1, 2], [1, 2], [0]], False, False),
    "unorderable": (["a", 1, "b"], False, False),
    "complex": ([1 + 0j, 1, 2j], False, False),  # unorderable too
}


class TestPandasHashTable:
    """Long arrays of text take pandas' hash tables once pandas is imported: the dict's result."""

    pd = pytest.importorskip("pandas")

    @staticmethod
    def _array(values, n=60):
        x = np.empty(n, dtype=object)
        for i, j in enumerate(np.random.default_rng(0).integers(0, len(values), n)):
            x[i] = values[j]
        for i, value in enumerate(values):  # every value at least once
            x[i] = value
        return x

    @pytest.mark.parametrize("case", list(OBJECT_CASES))
    def test_same_labels_as_the_dict(self, case, monkeypatch):
        values, factorize_takes_it, counting_takes_it = OBJECT_CASES[case]
        x = self._array(values)
        monkeypatch.setattr(fz, "_PANDAS_FROM", 0)
        assert (fz._pandas_objects(x) is not None) == factorize_takes_it
        assert (fz.object_counts(x) is not None) == counting_takes_it
        # pandas 3 counts one variable with value_counts; pandas 2 factorizes
        by_value_counts = _outcome(x)
        monkeypatch.setattr(fz, "_imported_pandas", lambda: (self.pd, 2))
        by_factorize = _outcome(x)
        monkeypatch.setattr(fz, "_imported_pandas", lambda: None)
        by_dict = _outcome(x)
        assert by_value_counts == by_dict
        assert by_factorize == by_dict

    def test_pandas_nat_and_na_are_missing(self, monkeypatch):
        monkeypatch.setattr(fz, "_PANDAS_FROM", 0)
        x = np.array(["a", self.pd.NA, self.pd.NaT, "b", "a"] * 10, dtype=object)
        assert fz._pandas_objects(x) is not None
        assert fz.object_counts(x) is not None
        assert counts(x, nan_policy="omit").table.tolist() == [20, 10]
        monkeypatch.setattr(fz, "object_counts", lambda arr: None)
        assert counts(x, nan_policy="omit").table.tolist() == [20, 10]

    def test_counting_alone_says_where_a_missing_label_is(self):
        x = np.array(["a", "b"] * (fz._PANDAS_FROM // 2) + [None], dtype=object)
        assert fz.object_counts(x)[2]
        with pytest.raises(ValueError, match=str(x.size - 1)):
            counts(x)
        c = counts(x, nan_policy="omit")
        assert c.table.tolist() == [x.size // 2] * 2
        assert c.n == x.size - 1

    def test_counting_alone_is_the_count_of_codes(self):
        # A long array and the benchmark's kind of labels: 1,000 strings.
        rng = np.random.default_rng(1)
        words = np.array([f"w{i:03d}" for i in range(1000)], dtype=object)
        x = words[rng.integers(0, 1000, 3 * fz._PANDAS_FROM)]
        assert fz.object_counts(x) is not None
        c = counts(x)
        cats, expected = np.unique(x.astype(str), return_counts=True)
        assert c.categories[0].tolist() == cats.tolist()
        assert c.table.tolist() == expected.tolist()
        assert samples.entropy(x) == samples.entropy(x.astype(str))

    @pytest.mark.parametrize("version", ["2.3.1", "", "dev"])
    def test_old_or_unknown_pandas_is_not_counted_with(self, version, monkeypatch):
        # pandas 2 infers a new dtype for value_counts' labels (with a warning):
        # its factorize gives the codes, and an unknown version is not used.
        monkeypatch.setattr(self.pd, "__version__", version)
        monkeypatch.setattr(fz, "_PANDAS_FROM", 0)
        x = np.array(["b", "a", "b"], dtype=object)
        assert fz.object_counts(x) is None
        assert (fz._pandas_objects(x) is not None) == (version == "2.3.1")
        assert counts(x).table.tolist() == [1, 2]

    def test_equal_labels_hashed_otherwise_stay_apart_bug(self):
        # 0.242 == np.float32(0.242) (numpy compares in float32), but their
        # hashes differ: a dict keeps them apart, and pandas' value_counts,
        # whose table is small, merged them.
        x = np.empty(2 * fz._PANDAS_FROM, dtype=object)
        x[: fz._PANDAS_FROM], x[fz._PANDAS_FROM :] = 0.242, np.float32(0.242)
        assert counts(x).table.tolist() == [fz._PANDAS_FROM] * 2
        assert samples.entropy(x) == 1.0
        assert counts(x, x).table.tolist() == [[fz._PANDAS_FROM, 0], [0, fz._PANDAS_FROM]]

    def test_labels_named_like_numpy_attributes_bug(self):
        # np.asarray(series) looked up the Series' "__array_struct__", which a
        # Series answers with the count of a label of that name.
        names = ["a", "__array_struct__", "__array_interface__", "__array__"]
        x = np.array(names * (fz._PANDAS_FROM // 2), dtype=object)
        assert fz.object_counts(x) is not None
        assert counts(x).table.tolist() == [fz._PANDAS_FROM // 2] * 4
        assert samples.mutual_information(x, x) == 2.0

    def test_mostly_distinct_labels_are_not_counted_by_value_counts(self):
        # value_counts is slower than factorize when most labels are distinct.
        x = np.array([f"id{i}" for i in range(fz._PANDAS_FROM)], dtype=object)
        assert fz.object_counts(x) is None
        assert fz._pandas_objects(x) is not None
        assert counts(x).table.tolist() == [1] * x.size

    def test_pandas_being_imported_elsewhere_is_not_used(self, monkeypatch):
        # Another thread's `import pandas` leaves a module without `factorize`
        # in sys.modules for a while: the dict is used meanwhile.
        monkeypatch.setitem(sys.modules, "pandas", types.ModuleType("pandas"))
        monkeypatch.setattr(fz, "_PANDAS_FROM", 0)
        x = np.array(["b", "a", "b"], dtype=object)
        assert fz._imported_pandas() is None
        assert fz._pandas_objects(x) is None
        assert fz.object_counts(x) is None
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
