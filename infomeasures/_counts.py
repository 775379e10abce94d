"""Counts: the contingency table of observed variables, the sufficient statistic.

Observations become a table in three vectorised steps, never a Python loop over
observations:

1. *Factorise* each variable into integer codes.  Integer, bool and
   whole-valued float labels in a small range take a fast path: the code is the
   label minus the smallest label (no sort).  Everything else goes through
   ``np.unique(..., return_inverse=True)``; a 2-D variable (one row per
   observation) is factorised column by column and its rows combined.
2. Combine the codes of all variables into one mixed-radix code and
   ``np.bincount`` it, so the table is (categories of X) x (of Y) x ..., never
   n x anything.
3. Drop the labels that never occur.

Tables stay exact integers: int64 while the total fits, Python ints (an object
array) beyond that.  Merging two tables aligns them over the union of their
labels.
"""

from __future__ import annotations

import math
import operator

import numpy as np

from . import _validation as v

__all__ = ["MAX_CELLS", "Counts"]

#: Largest number of cells a dense contingency table may have (1 GiB of int64).
MAX_CELLS = 1 << 27

_INT64_MAX = np.iinfo(np.int64).max


# numpy >= 2.3 can find distinct values by hashing (np.unique(..., sorted=False)).
_HASH_UNIQUE = tuple(int(p) for p in np.__version__.split(".")[:2]) >= (2, 3)


def _is_dask(x) -> bool:
    return type(x).__module__.startswith("dask.") and hasattr(x, "to_delayed")


def _unique_inverse(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct labels (rows, for 2-D) and the code of each observation."""
    if values.ndim == 1 and values.dtype.kind in "US" and _HASH_UNIQUE:
        # Hashing finds the few distinct strings ~8x faster than sorting all n;
        # a binary search over the sorted distinct labels then gives the codes.
        cats = np.sort(np.unique(values, sorted=False))
        return cats, np.searchsorted(cats, values)
    if values.ndim == 1:
        try:
            cats, inv = np.unique(values, return_inverse=True)
        except TypeError as exc:  # e.g. an object array mixing str and int
            raise TypeError(f"labels must be mutually orderable: {exc}") from None
        return cats, inv.reshape(-1)
    # Rows: combine per-column codes, then factorise the combined code.
    columns = [_unique_inverse(values[:, j]) for j in range(values.shape[1])]
    sizes = [len(c) for c, _ in columns]
    if math.prod(sizes) > _INT64_MAX:
        raise ValueError(f"too many distinct rows to count ({' x '.join(map(str, sizes))}).")
    code = np.zeros(len(values), dtype=np.int64)
    for (_, inv), size in zip(columns, sizes, strict=True):
        code *= size
        code += inv
    _, first, inv = np.unique(code, return_index=True, return_inverse=True)
    return values[first], inv.reshape(-1)


def _small_range(values: np.ndarray, limit: int):
    """``(values, offset, categories)`` for integer-valued labels whose range
    is below `limit`, or None.

    The code of a label is ``value - offset``; the subtraction is folded into
    the joint code later, so this costs only a min and a max.  ``categories``
    holds every value in the range; unobserved ones are dropped after counting.
    """
    kind, dtype = values.dtype.kind, values.dtype
    if values.ndim != 1 or kind not in "biuf" or values.size == 0:
        return None
    if kind == "b":
        values = values.view(np.uint8)
    lo, hi = values.min(), values.max()
    if kind == "f":
        if not (math.isfinite(lo) and math.isfinite(hi)) or hi - lo >= limit:
            return None
        if not (lo == math.floor(lo) and (values == np.floor(values)).all()):
            return None
        values = values.astype(np.intp)
    lo, hi = int(lo), int(hi)
    if hi - lo >= limit:
        return None
    if dtype == np.uint64:
        # Reinterpreted, so that arithmetic with intp codes stays in integers
        # (numpy would mix uint64 and int64 in float64); exact modulo 2**64.
        values = values.view(np.int64)
    # Built as lo + range in the label dtype, which stays exact up to 2**64 - 1.
    cats = np.arange(hi - lo + 1).astype(dtype) + np.asarray(lo).astype(dtype)
    return values, lo, cats


def _factorise(values: np.ndarray, limit: int):
    """``(codes, offset, categories, is_range)``: code = codes - offset."""
    fast = _small_range(values, limit)
    if fast is not None:
        return (*fast, True)
    cats, codes = _unique_inverse(values)
    return codes, 0, cats, False


def _offset_codes(part) -> np.ndarray:
    vals, lo, _, _ = part
    # Modular intp arithmetic is exact here: the true difference is in [0, limit).
    return np.subtract(vals, lo, dtype=np.intp, casting="unsafe")


_BLOCK = 1 << 16


def _joint_table(parts, sizes) -> np.ndarray:
    """Count the mixed-radix code of every observation, block by block.

    The code is built in Horner form in a cache-sized buffer (offsets are
    subtracted once; modular intp arithmetic keeps every step exact).  When
    the table is small, each block is counted at once, so no code array of
    length n is ever allocated and the labels are read once.
    """
    cells = math.prod(sizes)
    first = parts[0][0]
    offset = 0
    for (_, lo, _, _), size in zip(parts, sizes, strict=True):
        offset = offset * size + lo
    if len(parts) == 1 and offset == 0 and first.dtype == np.intp:
        return np.bincount(first, minlength=cells)
    # The same offset as an intp: arithmetic modulo 2**64 (uint64 labels).
    wrapped = (offset + 2**63) % 2**64 - 2**63
    n = len(first)
    per_block = cells <= _BLOCK // 4
    codes = np.empty(min(n, _BLOCK) if per_block else n, dtype=np.intp)
    table = np.zeros(cells, dtype=np.int64)
    for start in range(0, n, _BLOCK):
        stop = min(n, start + _BLOCK)
        c = codes[: stop - start] if per_block else codes[start:stop]
        c[...] = first[start:stop]  # unsafe casting is exact modulo 2**64
        for (vals, _, _, _), size in zip(parts[1:], sizes[1:], strict=True):
            c *= size
            np.add(c, vals[start:stop], out=c, casting="unsafe")
        if offset:
            c -= wrapped
        if per_block:
            table += np.bincount(c, minlength=cells)
    return table if per_block else np.bincount(codes, minlength=cells)


def _as_counts_table(table: np.ndarray) -> np.ndarray:
    """int64 if the total fits (so every sum does), else exact Python ints."""
    if table.dtype == object:
        total = sum(table.ravel().tolist())
        return table.astype(np.int64) if total <= _INT64_MAX else table
    if table.size and int(table.max()) > _INT64_MAX // max(table.size, 1):
        total = int(np.add.reduce(table.ravel(), dtype=object))
        if total > _INT64_MAX:
            return table.astype(object)
    return table.astype(np.int64, copy=False)


def _count_arrays(arrays, names, nan_policy: str):
    """Table and categories of in-memory variables."""
    prepared = [v.labels(a, name) for a, name in zip(arrays, names, strict=True)]
    values = [p[0] for p in prepared]
    n = v.same_length(values, names)
    missing = [(p[1], name) for p, name in zip(prepared, names, strict=True) if p[1] is not None]
    if missing:
        if nan_policy == "raise":
            v.missing_values(*missing[0])
        drop = np.logical_or.reduce([m for m, _ in missing])
        keep = ~drop
        values = [x[keep] for x in values]
        n = int(keep.sum())
    if n == 0:
        empty = [np.empty((0, *x.shape[1:]), dtype=x.dtype) for x in values]
        return np.zeros((0,) * len(values), dtype=np.int64), empty

    limit = min(MAX_CELLS, max(2 * n, 1 << 16))
    parts = [_factorise(x, limit) for x in values]
    sizes = [len(p[2]) for p in parts]
    if math.prod(sizes) > limit:
        # Offset ranges may hold unobserved labels: compress them before giving up.
        parts = [_compress(p) if p[3] else p for p in parts]
        sizes = [len(p[2]) for p in parts]
        if math.prod(sizes) > MAX_CELLS:
            v.too_many_cells(sizes, MAX_CELLS)
    table = _joint_table(parts, sizes).reshape(sizes).astype(np.int64, copy=False)
    return _drop_unobserved(table, [p[2] for p in parts])


def _compress(part):
    """Renumber an offset-coded variable over its observed labels only."""
    codes = _offset_codes(part)
    cats = part[2]
    seen = np.bincount(codes, minlength=len(cats)) > 0
    new_code = np.cumsum(seen) - 1
    return new_code[codes], 0, cats[seen], False


def _drop_unobserved(table: np.ndarray, cats):
    if table.ndim == 1:
        seen = [table > 0]
    else:
        axes = range(table.ndim)
        seen = [table.any(axis=tuple(a for a in axes if a != ax)) for ax in axes]
    if all(s.all() for s in seen):
        return table, list(cats)
    return table[np.ix_(*seen)], [c[s] for c, s in zip(cats, seen, strict=True)]


def _count_dask(arrays, names, nan_policy: str) -> Counts:
    """Count each aligned block of the dask arrays in parallel, then merge."""
    import dask
    import dask.array as da

    first = next(a for a in arrays if _is_dask(a))
    arrays = [a if _is_dask(a) else da.from_array(np.asarray(a)) for a in arrays]
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


def count(arrays, names, nan_policy: str) -> Counts:
    """Counts of the variables `arrays`, whose errors call them `names`."""
    if any(_is_dask(a) for a in arrays):
        return _count_dask(arrays, names, nan_policy)
    table, cats = _count_arrays(arrays, names, nan_policy)
    out = Counts()
    out._table, out._categories = table, tuple(cats)
    return out


def _align(cats_a: np.ndarray, cats_b: np.ndarray, axis: int):
    """Union of two sorted label arrays and where each side's labels land in it."""
    if cats_a.shape == cats_b.shape and np.array_equal(cats_a, cats_b):
        idx = np.arange(len(cats_a))
        return cats_a, idx, idx
    if len(cats_a) == 0 or len(cats_b) == 0:
        cats = cats_b if len(cats_a) == 0 else cats_a
        idx = np.arange(len(cats))
        return cats, idx[: len(cats_a)], idx[: len(cats_b)]
    v.mergeable_labels(cats_a, cats_b, axis)
    both = np.concatenate([cats_a, cats_b])
    cats, inv = _unique_inverse(both)
    return cats, inv[: len(cats_a)], inv[len(cats_a) :]


class Counts:
    """Contingency table of one or more observed variables.

    ``Counts()`` starts empty; the first `update` fixes the number of
    variables.  Counts are exact integers however large, and two tables merge
    with ``a + b`` over the union of their labels, so counting scales to data
    read in chunks or spread over dask blocks.  Every function of
    :mod:`infomeasures.samples` accepts a `Counts` in place of its variables.

    Attributes
    ----------
    table : ndarray of int64 (object of Python ints beyond 2**63 - 1)
        ``table[i, j, ...]`` is the number of observations whose first
        variable is ``categories[0][i]``, second ``categories[1][j]``, ...
        It is a read-only view.
    categories : tuple of ndarray
        The labels of each variable: the observed ones, sorted, for counts
        built from observations.  A 2-D variable's
        labels are the rows of a 2-D array.
    n : int
        Number of observations.
    ndim : int
        Number of variables (0 while empty).

    Notes
    -----
    Integer, bool and whole-valued float labels spanning a range no wider
    than ``max(2 n, 65536)`` are counted by offset and ``np.bincount``,
    without sorting; other labels are factorised with ``np.unique``.  The
    dense table has one cell per combination of observed labels; if that
    exceeds `MAX_CELLS` (2**27) cells a ``ValueError`` says so, since such
    variables (identifiers, continuous values) need binning before any
    information measure of them can be estimated.

    Examples
    --------
    >>> from infomeasures.samples import Counts
    >>> c = Counts()
    >>> c.update(["a", "b", "a"], [0, 1, 1])
    Counts(n=3, shape=(2, 2))
    >>> c.table
    array([[1, 1],
           [0, 1]])
    >>> c + Counts().update(["c"], [1])
    Counts(n=4, shape=(3, 2))
    """

    __slots__ = ("_categories", "_table")
    __hash__ = None  # mutable

    def __init__(self) -> None:
        self._table: np.ndarray | None = None
        self._categories: tuple[np.ndarray, ...] = ()

    @classmethod
    def from_table(cls, table, categories=None) -> Counts:
        """Wrap an existing contingency table of counts.

        Parameters
        ----------
        table : array_like of non-negative integers, one axis per variable
            Counts; Python ints of any size are kept exactly.
        categories : sequence of array_like, optional
            The label of each index, one array per axis; default
            ``range(table.shape[axis])``.

        Returns
        -------
        Counts

        Examples
        --------
        >>> from infomeasures.samples import Counts, mutual_information
        >>> c = Counts.from_table([[10**10, 1], [2, 10**10]])
        >>> c.n
        20000000003
        >>> round(mutual_information(c), 12)
        0.999999994901
        """
        arr = _as_counts_table(v.count_table(table))
        if categories is None:
            cats = tuple(np.arange(s) for s in arr.shape)
        else:
            cats = tuple(np.asarray(c) for c in categories)
            if len(cats) != arr.ndim or any(
                len(c) != s for c, s in zip(cats, arr.shape, strict=True)
            ):
                raise ValueError(
                    f"`categories` must hold one label array per axis of `table`, of lengths "
                    f"{arr.shape}; got lengths {tuple(len(c) for c in cats)}."
                )
            for ax, c in enumerate(cats):
                if len(_unique_inverse(c)[0]) != len(c):
                    raise ValueError(f"`categories[{ax}]` must hold distinct labels.")
        out = cls()
        out._table, out._categories = arr, cats
        return out

    def update(self, *variables, nan_policy: str = "raise") -> Counts:
        """Add a chunk of observations; return ``self`` for chaining.

        Parameters
        ----------
        *variables : array_like of shape (n,) or (n, k), or dask arrays
            One array per variable, all with the same n.  dask arrays are
            counted block by block in parallel and never loaded whole.
        nan_policy : {'raise', 'omit'}, default='raise'
            What to do with missing labels (NaN, None, NaT, pandas NA):
            raise, or drop every observation in which any variable is missing.

        Returns
        -------
        Counts
            ``self``.

        Examples
        --------
        >>> from infomeasures.samples import Counts
        >>> c = Counts().update([1, 2, 2]).update([2, 3])
        >>> c.categories
        (array([1, 2, 3]),)
        >>> c.table
        array([1, 3, 1])
        """
        v.choice(nan_policy, "nan_policy", v.NAN_POLICIES)
        if not variables:
            raise ValueError("update() needs at least one variable.")
        if self._table is not None and len(variables) != self.ndim:
            raise ValueError(
                f"these counts hold {self.ndim} variable(s); update() got {len(variables)}."
            )
        names = [f"variables[{i}]" for i in range(len(variables))]
        chunk = count(variables, names, nan_policy)
        merged = chunk if self._table is None else self + chunk
        self._table, self._categories = merged._table, merged._categories
        return self

    def __add__(self, other: Counts) -> Counts:
        if not isinstance(other, Counts):
            return NotImplemented
        if self._table is None or other._table is None:
            src = other if self._table is None else self
            out = Counts()
            out._table, out._categories = src._table, src._categories
            return out
        if self.ndim != other.ndim:
            raise ValueError(
                f"cannot merge counts of {self.ndim} variable(s) with counts of {other.ndim}."
            )
        aligned = [
            _align(a, b, ax)
            for ax, (a, b) in enumerate(zip(self._categories, other._categories, strict=True))
        ]
        shape = tuple(len(c) for c, _, _ in aligned)
        wide = self.n + other.n > _INT64_MAX
        table = np.zeros(shape, dtype=object if wide else np.int64)  # object: int 0s
        table[np.ix_(*(ia for _, ia, _ in aligned))] += self._table
        table[np.ix_(*(ib for _, _, ib in aligned))] += other._table
        out = Counts()
        out._table, out._categories = table, tuple(c for c, _, _ in aligned)
        return out

    def __eq__(self, other) -> bool:
        if not isinstance(other, Counts):
            return NotImplemented
        if self._table is None or other._table is None:
            return self._table is None and other._table is None
        return (
            self._table.shape == other._table.shape
            and bool(np.array_equal(self._table, other._table))
            and all(
                a.dtype.kind == b.dtype.kind and np.array_equal(a, b)
                for a, b in zip(self._categories, other._categories, strict=True)
            )
        )

    def __repr__(self) -> str:
        if self._table is None:
            return "Counts()"
        return f"Counts(n={self.n}, shape={self._table.shape})"

    @property
    def table(self) -> np.ndarray:
        if self._table is None:
            return np.zeros(0, dtype=np.int64)
        view = self._table.view()
        view.flags.writeable = False
        return view

    @property
    def categories(self) -> tuple[np.ndarray, ...]:
        return self._categories

    @property
    def n(self) -> int:
        if self._table is None:
            return 0
        return int(np.add.reduce(self._table, axis=None))

    @property
    def ndim(self) -> int:
        return 0 if self._table is None else self._table.ndim

    def marginal(self, axes) -> np.ndarray:
        """The table of a subset of the variables.

        Parameters
        ----------
        axes : sequence of int
            The variables to keep, in the order wanted.

        Returns
        -------
        ndarray
            The table summed over every other axis.

        Examples
        --------
        >>> from infomeasures.samples import counts
        >>> counts([0, 0, 1], ["a", "b", "b"]).marginal([1])
        array([1, 2])
        """
        axes = tuple(axes)
        others = tuple(a for a in range(self.ndim) if a not in axes)
        t = np.add.reduce(self._table, axis=others) if others else self._table
        order = sorted(axes)
        return np.transpose(t, [order.index(a) for a in axes])
