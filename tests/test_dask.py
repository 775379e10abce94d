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

    def test_a_missing_value_comes_before_a_later_blocks_other_error(self):
        # Rows of mixed labels in one block and a missing value in an earlier
        # one: the missing value is reported, as in memory, not whichever
        # block's error the scheduler met first.
        raw = np.empty((900, 2), dtype=object)
        raw[:] = "a"
        raw[5, 0] = None
        raw[650, 1] = 1  # an int among strings: cannot be sorted
        message = r"missing value .* at index 5;"
        with pytest.raises(ValueError, match=message):
            counts(raw)
        for _ in range(3):
            with pytest.raises(ValueError, match=message):
                counts(self.da.from_array(raw, chunks=(300, 2)))
