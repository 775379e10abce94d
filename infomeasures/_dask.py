"""Counting dask arrays block by block and merging the blocks' `Counts`.

Each row block of the (aligned) variables is counted where it lives, with the
same code as in-memory arrays, and the blocks' tables are merged exactly in a
balanced tree, so no block is ever gathered with another.
"""

from __future__ import annotations

import numpy as np

from . import _validation as v
from ._counts import Counts, count, is_dask


def count_dask(arrays, names, nan_policy: str) -> Counts:
    """Count each aligned block of the dask arrays in parallel, then merge."""
    import dask
    import dask.array as da

    for a, name in zip(arrays, names, strict=True):
        if is_dask(a) and not hasattr(a, "chunks"):  # a dask DataFrame or Series
            raise TypeError(
                f"`{name}` is a dask {type(a).__name__}; pass a dask array, such as "
                f"its .to_dask_array(lengths=True)."
            )
    first = next(a for a in arrays if is_dask(a))
    arrays = [a if is_dask(a) else np.asarray(a) for a in arrays]
    v.same_length(arrays, names)
    rows = first.chunks[0]
    # In-memory partners in the same row blocks (object arrays cannot be auto-chunked).
    arrays = [a if is_dask(a) else da.from_array(a, chunks=(rows, *a.shape[1:])) for a in arrays]
    starts = np.concatenate([[0], np.cumsum(rows)[:-1]]).tolist()
    blocks = []
    for a in arrays:
        a = a.rechunk({0: rows, 1: -1} if a.ndim == 2 else {0: rows})
        blocks.append(a.to_delayed().reshape(-1))
    parts = [
        dask.delayed(_count_block)(list(block), names, nan_policy, start)
        for block, start in zip(zip(*blocks, strict=True), starts, strict=True)
    ]
    while len(parts) > 1:  # a balanced tree of merges, in order: log2(blocks) levels
        odd = parts[::2][: len(parts) // 2]
        pairs = [dask.delayed(_merge)(a, b) for a, b in zip(odd, parts[1::2], strict=True)]
        parts = pairs + parts[len(pairs) * 2 :]
    (result,) = dask.compute(parts[0])
    if isinstance(result, Exception):
        raise result
    return result


def _count_block(block, names, nan_policy: str, start: int) -> Counts | Exception:
    """Count one block; an error is returned, not raised, for `_merge` to order.

    A missing value's index is moved to its place in the whole array.
    """
    try:
        return count(block, names, nan_policy)
    except v.MissingValueError as exc:
        return exc.at(start)
    except Exception as exc:  # raised after the merges, whichever block's is first
        return exc


def _merge(a, b):
    """Merge the counts of two consecutive runs of blocks, or keep the first error.

    The earlier run's error wins, whichever block the scheduler finishes
    first; missing values found in both runs are combined, so that the
    error names the first variable that has one at its first index, as in
    memory.  (Errors of different kinds in different blocks can come out in
    another order than in memory, which checks the whole array at once.)
    """
    if isinstance(a, v.MissingValueError) and isinstance(b, v.MissingValueError):
        return a.before(b)
    if isinstance(a, Exception):
        return a
    if isinstance(b, Exception):
        return b
    try:
        return a + b
    except Exception as exc:  # e.g. labels of two blocks that cannot be compared
        return exc
