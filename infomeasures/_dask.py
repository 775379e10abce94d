"""Counting dask arrays block by block and merging the blocks' `Counts`.

Each row block of the (aligned) variables is counted where it lives, with the
same code as in-memory arrays, and the blocks' tables are merged exactly in a
balanced tree, so no block is ever gathered with another.
"""

from __future__ import annotations

import operator

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
    blocks = []
    for a in arrays:
        a = a.rechunk({0: rows, 1: -1} if a.ndim == 2 else {0: rows})
        blocks.append(a.to_delayed().reshape(-1))
    parts = [
        dask.delayed(count)(list(block), names, nan_policy) for block in zip(*blocks, strict=True)
    ]
    while len(parts) > 1:  # a balanced tree of merges: log2(blocks) levels
        odd = parts[::2][: len(parts) // 2]
        pairs = [dask.delayed(operator.add)(a, b) for a, b in zip(odd, parts[1::2], strict=True)]
        parts = pairs + parts[len(pairs) * 2 :]
    (result,) = dask.compute(parts[0])
    return result
