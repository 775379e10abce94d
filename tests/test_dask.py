"""Counting dask arrays block by block, merged exactly (_dask)."""

import numpy as np
import pytest

from infomeasures.samples import counts


class TestBlockwise:
    da = pytest.importorskip("dask.array")

    def test_blockwise_counts_equal_in_memory(self):
        x = self.da.random.randint(0, 50, size=100_000, chunks=7_000)
        y = (x * 7 + self.da.random.randint(0, 3, size=100_000, chunks=7_000)) % 80
        xs, ys = self.da.compute(x, y)
        assert counts(x, y) == counts(xs, ys)

    def test_mixed_chunks_and_numpy_partner(self):
        x = self.da.from_array(np.arange(1000) % 13, chunks=300)
        y = np.arange(1000) % 4
        assert counts(x, y) == counts(np.arange(1000) % 13, y)

    def test_omit_missing_per_block(self):
        raw = np.array([1.0, np.nan, 2.0, 2.0, np.nan, 3.0])
        x = self.da.from_array(raw, chunks=2)
        assert counts(x, nan_policy="omit") == counts(raw, nan_policy="omit")

    def test_update_with_dask(self):
        c = counts([1, 2]).update(self.da.from_array(np.array([2, 3]), chunks=1))
        assert c.table.tolist() == [1, 2, 1]

    @pytest.mark.parametrize("scheduler", ["threads", "synchronous"])
    def test_missing_value_named_at_its_index_in_the_whole_array_bug(self, scheduler):
        # Blocks used to report the index within the block (45000 as 15000),
        # and the scheduler decided which block's error won.
        import dask

        raw = np.arange(60_000) % 7.0
        raw[[45_000, 52_000]] = np.nan
        x = self.da.from_array(raw, chunks=15_000)
        message = r"`variables\[0\]` has a missing value .* at index 45000;"
        with pytest.raises(ValueError, match=message):
            counts(raw)
        with dask.config.set(scheduler=scheduler):
            for _ in range(5):
                with pytest.raises(ValueError, match=message):
                    counts(x)

    def test_missing_value_error_survives_pickling(self):
        # Process schedulers pickle a block's result, here its error.
        import pickle

        from infomeasures import _validation as v

        err = v.MissingValueError(((0, "x", 3, "a"), (1, "y", 1, None))).at(10)
        err = pickle.loads(pickle.dumps(err))
        assert err.found == ((0, "x", 13, "a"), (1, "y", 11, None))
        assert "`x` has a missing value" in str(err)
        assert "at index 13 (column 'a')" in str(err)

    @pytest.mark.parametrize("scheduler", ["threads", "synchronous"])
    def test_first_variable_with_a_missing_value_is_named_as_in_memory(self, scheduler):
        # In memory the first variable that has a missing value is named; the
        # blocks used to name the earliest block's.
        import dask

        a, b = np.arange(1000.0) % 5, np.arange(1000.0) % 3
        a[700], b[200] = np.nan, np.nan
        message = r"`variables\[0\]` has a missing value .* at index 700;"
        with pytest.raises(ValueError, match=message):
            counts(a, b)
        with dask.config.set(scheduler=scheduler):
            for _ in range(3):
                with pytest.raises(ValueError, match=message):
                    counts(self.da.from_array(a, chunks=100), self.da.from_array(b, chunks=100))

    @pytest.mark.parametrize(("kind", "where"), [("2-D rows", (5, 650)), ("1-D labels", (400, 5))])
    def test_the_earliest_blocks_error_is_raised_as_in_memory(self, kind, where):
        # A missing value and labels that cannot be sorted, in different
        # blocks: the earlier block's error, whichever the scheduler met first.
        missing_at, mixed_at = where
        raw = np.empty((900, 2) if kind == "2-D rows" else 900, dtype=object)
        raw[:] = "a"
        raw[missing_at] = None
        raw[mixed_at] = 1  # an int among strings
        with pytest.raises((ValueError, TypeError)) as in_memory:
            counts(raw)
        chunks = (300, 2) if raw.ndim == 2 else 300
        for _ in range(3):
            with pytest.raises(type(in_memory.value)) as blockwise:
                counts(self.da.from_array(raw, chunks=chunks))
            assert str(blockwise.value) == str(in_memory.value)

    def test_object_partner_in_memory(self):
        # An object array beside a dask array could not be chunked ("auto").
        x = self.da.from_array(np.arange(100) % 3, chunks=30)
        y = np.array(["a", "b"] * 50, dtype=object)
        assert counts(x, y) == counts(np.arange(100) % 3, y)

    def test_dask_dataframe_is_refused_by_name(self):
        dd = pytest.importorskip("dask.dataframe")
        pd = pytest.importorskip("pandas")
        frame = dd.from_pandas(pd.DataFrame({"a": [1, 2, 3]}), npartitions=2)
        with pytest.raises(TypeError, match=r"`variables\[0\]` is a dask DataFrame"):
            counts(frame)

    def test_unorderable_labels_survive_pickling(self):
        import pickle

        from infomeasures import _validation as v

        err = pickle.loads(pickle.dumps(v.UnorderableLabels(TypeError("'<' not supported"))))
        assert str(err) == "labels must be mutually orderable: '<' not supported"
