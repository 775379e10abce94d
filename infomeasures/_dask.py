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

    first = next(a for a in arrays if is_dask(a))
    arrays = [a if is_dask(a) else da.from_array(np.asarray(a)) for a in arrays]
    v.same_length(arrays, names)
    rows = first.chunks[0]
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
    if isinstance(result, v.MissingValueError):
        raise result
    return result


def _count_block(block, names, nan_policy: str, start: int) -> Counts | v.MissingValueError:
    """Count one block; its first missing value (nan_policy 'raise') is returned, not raised.

    The error then names the index in the whole array, and the merges keep the
    first block's, whichever block the scheduler finishes first.
    """
    try:
        return count(block, names, nan_policy)
    except v.MissingValueError as exc:
        return exc.at(start)


def _merge(a, b):
    """Merge the counts of two consecutive runs of blocks, or keep the first error."""
    for part in (a, b):
        if isinstance(part, v.MissingValueError):
            return part
    return a + b
