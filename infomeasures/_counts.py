"""Contingency tables from codes, exact merging, and the thin `Counts` value class.

Observations become a table in vectorised steps, never a Python loop over
observations:

1. `factorized`: each variable's labels become integer codes
   (:mod:`._factorize`); observations with a missing label are dropped or
   reported.
2. `crosstab`: the codes of all variables form one mixed-radix code, which
   ``np.bincount`` counts, so the table is (categories of X) x (of Y) x ...,
   never n x anything; labels that never occur are dropped.
3. `outcomes`: where that dense table would be large, only the observed joint
   outcomes (at most n) and their counts, by compressing the joint code with
   ``np.unique`` (pandas' ``compress_group_index`` idea).

Tables stay exact integers: int64 while the total fits, Python ints (an object
array) beyond that.  `merge` aligns two tables over the union of their labels.
"""

from __future__ import annotations

import math
import os
import queue
import threading

import numpy as np

from . import _factorize as fz
from . import _validation as v

__all__ = ["MAX_CELLS", "Counts"]

#: Largest number of cells a dense contingency table may have (1 GiB of int64).
MAX_CELLS = 1 << 27

_INT64_MAX = np.iinfo(np.int64).max
_BLOCK = 1 << 16


def is_dask(x) -> bool:
    return type(x).__module__.startswith("dask.") and hasattr(x, "to_delayed")


def factorized(arrays, names, nan_policy: str) -> tuple[list[fz.Factorized], int]:
    """Each variable as codes over its labels, missing observations dropped; and n."""
    found = [_named(fz.labels, name, a, name) for a, name in zip(arrays, names, strict=True)]
    n = v.same_length([f.values for f in found], names)
    missing = [
        (f.missing, name, f.columns) if f.missing is not None and f.missing.any() else None
        for f, name in zip(found, names, strict=True)
    ]
    if any(m is not None for m in missing):
        if nan_policy == "raise":
            v.missing_in(missing)
        keep = ~np.logical_or.reduce([m[0] for m in missing if m is not None])
        found = [f._replace(values=f.values[keep]) for f in found]
        n = int(np.count_nonzero(keep))
    size = small_table(n)
    return [_named(fz.factorize, name, f, size) for f, name in zip(found, names, strict=True)], n


def _named(step, name: str, *args):
    """`step(*args)`, with labels that cannot be sorted reported as `name`'s."""
    try:
        return step(*args)
    except v.UnorderableLabels as exc:
        v.unorderable_labels(exc.reason, name)


def from_table(table, categories=None, name: str = "table") -> Counts:
    """`Counts.from_table`, whose errors call the table `name`."""
    arr = exact_table(v.count_table(table, name))
    if categories is None:
        return Counts(arr, tuple(np.arange(s) for s in arr.shape))
    cats = v.table_categories(categories, arr.shape)
    for ax, c in enumerate(cats):
        if c.ndim not in (1, 2) or 0 in c.shape[1:]:
            v.category_labels_shape(ax, c.shape)
        if len(_named(fz.unique_inverse, f"categories[{ax}]", c)[0]) != len(c):
            v.distinct_categories(ax)
    return Counts(arr, cats)


def dense_size(parts) -> int:
    return math.prod(len(p.categories) for p in parts)


def small_table(n: int) -> int:
    """Cells a dense table of n observations may have before its cost outgrows n."""
    return min(MAX_CELLS, max(2 * n, 1 << 16))


def compact(parts) -> list[fz.Factorized]:
    """Renumber range-coded variables over their observed labels if the table is large."""
    if dense_size(parts) <= small_table(len(parts[0].codes)):
        return parts
    return [fz.compress(p) if p.dense else p for p in parts]


def crosstab(parts) -> tuple[np.ndarray, list[np.ndarray]]:
    """Dense table of factorised variables over their observed labels."""
    parts = compact(parts)
    sizes = [len(p.categories) for p in parts]
    if math.prod(sizes) > MAX_CELLS:
        v.too_many_cells(sizes, MAX_CELLS)
    if not len(parts[0].codes):
        return np.zeros((0,) * len(parts), dtype=np.int64), [p.categories[:0] for p in parts]
    table = _bincount_joint(parts, sizes).reshape(sizes).astype(np.int64, copy=False)
    return _drop_unobserved(table, [p.categories for p in parts])


def _bincount_joint(parts, sizes) -> np.ndarray:
    """Count the mixed-radix code of every observation, block by block.

    The code is built in Horner form in a cache-sized buffer (offsets are
    subtracted once; modular intp arithmetic keeps every step exact).  When
    the table is small, each block is counted at once, so no code array of
    length n is ever allocated and the labels are read once.
    """
    cells = math.prod(sizes)
    first = parts[0].codes
    offset = 0
    for part, size in zip(parts, sizes, strict=True):
        offset = offset * size + part.offset
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
        for part, size in zip(parts[1:], sizes[1:], strict=True):
            c *= size
            np.add(c, part.codes[start:stop], out=c, casting="unsafe")
        if offset:
            c -= wrapped
        if per_block:
            table += np.bincount(c, minlength=cells)
    return table if per_block else np.bincount(codes, minlength=cells)


def quick_table(arrays) -> tuple[np.ndarray, list[np.ndarray]] | None:
    """Table of one 1-D int64/uint64 variable of small non-negative labels, or None.

    Each block is range-checked (the max of its unsigned view, which also
    exposes negative labels) before ``np.bincount`` counts it, so that no
    label can make it allocate a huge table.  From `_PIPELINED` labels on,
    and with more than one CPU, a second thread checks the blocks ahead of
    the counting (`_block_maxima`), so the check costs almost no time;
    otherwise (or if no thread can be started) each cache-sized block is
    checked and then counted while it is in cache.
    """
    if len(arrays) != 1 or type(arrays[0]) is not np.ndarray:
        return None
    x = arrays[0]
    if x.ndim != 1 or x.dtype not in (np.int64, np.uint64) or not x.size:
        return None
    limit = small_table(x.size)
    unsigned, signed = x.view(np.uint64), x.view(np.int64)
    width, maxima = _BLOCK, None
    if x.size >= _PIPELINED and (os.cpu_count() or 1) > 1:
        checked = queue.SimpleQueue()
        checker = threading.Thread(
            target=_block_maxima, args=(unsigned, _PIPELINE_BLOCK, limit, checked), daemon=True
        )
        try:
            checker.start()
            width, maxima = _PIPELINE_BLOCK, checked
        except RuntimeError:  # no thread to be had (a limit, or shutdown): check here
            pass
    table = np.zeros(0, dtype=np.int64)
    for start in range(0, x.size, width):
        top = int(unsigned[start : start + width].max()) if maxima is None else maxima.get()
        if isinstance(top, BaseException):
            raise top
        if top >= limit:
            return None
        if top >= table.size:
            table = np.concatenate([table, np.zeros(top + 1 - table.size, dtype=np.int64)])
        table[: top + 1] += np.bincount(signed[start : start + width])
    return _drop_unobserved(table, [np.arange(table.size).astype(x.dtype)])


# Labels from which `quick_table` checks ranges on a second thread, in blocks
# of this many: at 1e7 labels the whole count then takes 1.05-1.07 times
# np.bincount's time, against 1.25-1.3 when one thread both checks and counts.
_PIPELINED = 1 << 21
_PIPELINE_BLOCK = 1 << 19


def _is_object_vector(x) -> bool:
    return type(x) is np.ndarray and x.dtype == object and x.ndim == 1


def _block_maxima(unsigned: np.ndarray, width: int, limit: int, out: queue.SimpleQueue):
    """Put the max of each block of `width` labels in `out`, in order, until one reaches `limit`.

    numpy's reduction releases the GIL, so this runs beside the counting; an
    exception is handed over through `out` for the counting thread to raise.
    """
    try:
        for start in range(0, unsigned.size, width):
            top = int(unsigned[start : start + width].max())
            out.put(top)
            if top >= limit:
                return
    except BaseException as exc:  # re-raised by the counting thread
        out.put(exc)


def _drop_unobserved(table: np.ndarray, cats):
    axes = range(table.ndim)
    seen = [table.any(axis=tuple(a for a in axes if a != ax)) for ax in axes]
    if all(s.all() for s in seen):
        return table, list(cats)
    return table[np.ix_(*seen)], [c[s] for c, s in zip(cats, seen, strict=True)]


def group_codes(codes) -> tuple[np.ndarray, int]:
    """One code in [0, m) per row of the code columns `codes`, and m.

    Columns are combined in mixed radix while the product fits int64; when it
    would not, the partial code is first renumbered over its distinct values
    (at most the number of rows), so any number of variables is handled.  A
    combined code already in a small range is used as it is (some of its
    values may then be unobserved); otherwise it is renumbered by sorting.
    """
    key = np.zeros(len(codes[0]), dtype=np.int64)
    size = 1
    for col in codes:
        width = int(col.max(initial=-1)) + 1
        if size * width > _INT64_MAX:
            uniq, key = np.unique(key, return_inverse=True)
            size = len(uniq)
        key = key * width + col
        size *= max(width, 1)
    if size <= small_table(len(key)):
        return key, size
    uniq, inv = np.unique(key, return_inverse=True)
    return inv.reshape(-1), len(uniq)


def outcomes(parts) -> tuple[list[np.ndarray], np.ndarray]:
    """Return the observed joint outcomes (one code array per variable) and their counts."""
    codes = [fz.offset_codes(p) for p in parts]
    widths = [len(p.categories) for p in parts]
    if math.prod(widths) <= _INT64_MAX:
        # One sort of the mixed-radix codes; each variable's code is decoded
        # from the distinct ones (sequential arithmetic, no gather).
        key = np.zeros(len(codes[0]), dtype=np.int64)
        for col, width in zip(codes, widths, strict=True):
            key *= width
            key += col
        rest, counts = np.unique(key, return_counts=True)
        decoded = []
        for width in reversed(widths):
            rest, code = np.divmod(rest, width)
            decoded.append(code)
        return decoded[::-1], counts.astype(np.int64)
    inv, m = group_codes(codes)
    first = np.zeros(m, dtype=np.intp)
    first[inv] = np.arange(len(inv))  # any observation of each outcome will do
    counts = np.bincount(inv, minlength=m)
    seen = np.flatnonzero(counts)
    return [c[first[seen]] for c in codes], counts[seen].astype(np.int64)


def exact_table(table: np.ndarray) -> np.ndarray:
    """int64 if the total fits (so every sum does), else exact Python ints."""
    if table.dtype == object:
        total = sum(table.ravel().tolist())
        return table.astype(np.int64) if total <= _INT64_MAX else table
    if table.size and int(table.max()) > _INT64_MAX // max(table.size, 1):
        total = int(np.add.reduce(table.ravel(), dtype=object))
        if total > _INT64_MAX:
            return table.astype(object)
    return table.astype(np.int64, copy=False)


def _common_labels(a: np.ndarray, b: np.ndarray, axis: int):
    """Return `a` and `b` in one dtype that holds every label of both exactly, or raise."""
    v.mergeable_labels(a, b, axis)
    if a.dtype == b.dtype:
        return a, b
    common = np.result_type(a.dtype, b.dtype)
    if a.dtype.kind in "biu" and b.dtype.kind in "biu" and common.kind == "f":
        # uint64 with a signed dtype: numpy's common type, float64, would merge
        # neighbouring labels; one of the two integer dtypes may hold both.
        lo = min(int(a.min()), int(b.min()))
        hi = max(int(a.max()), int(b.max()))
        common = np.dtype(np.int64) if hi <= _INT64_MAX else np.dtype(np.uint64)
        if lo < 0 and hi > _INT64_MAX:
            v.inexact_merge(a, b, axis)
    ca, cb = a.astype(common), b.astype(common)
    # Labels are few (categories, not observations), so Python's exact
    # int/float comparison may check that no label changed on the way.
    for orig, cast in ((a, ca), (b, cb)):
        if orig.dtype.kind not in "biuf":
            continue
        same = orig.astype(object) == cast.astype(object)
        if not (same | (orig != orig)).all():  # NaN labels compare unequal to themselves
            v.inexact_merge(a, b, axis)
    return ca, cb


def _align(cats_a: np.ndarray, cats_b: np.ndarray, axis: int):
    """Union of two sorted label arrays and where each side's labels land in it."""
    same = cats_a.dtype == cats_b.dtype and cats_a.shape == cats_b.shape
    if same and np.array_equal(cats_a, cats_b):  # equal dtypes: no rounding in the test
        idx = np.arange(len(cats_a))
        return cats_a, idx, idx
    if len(cats_a) == 0 or len(cats_b) == 0:
        cats = cats_b if len(cats_a) == 0 else cats_a
        idx = np.arange(len(cats))
        return cats, idx[: len(cats_a)], idx[: len(cats_b)]
    if {cats_a.dtype.kind, cats_b.dtype.kind} == {"O", "U"}:
        # Text from pandas or polars (objects) beside numpy str: compare as
        # objects, where a str never equals a number and sorting them raises.
        cats_a, cats_b = cats_a.astype(object), cats_b.astype(object)
    cats_a, cats_b = _common_labels(cats_a, cats_b, axis)
    cats, inv = fz.unique_inverse(np.concatenate([cats_a, cats_b]))
    return cats, inv[: len(cats_a)], inv[len(cats_a) :]


def merge(a: Counts, b: Counts) -> Counts:
    """Add ``a + b`` over the union of their labels, exact however large the counts."""
    if a.ndim == 0 or b.ndim == 0:
        return b if a.ndim == 0 else a
    if a.ndim != b.ndim:
        v.merge_arity(a.ndim, b.ndim)
    aligned = [
        _align(ca, cb, ax)
        for ax, (ca, cb) in enumerate(zip(a.categories, b.categories, strict=True))
    ]
    wide = a.n + b.n > _INT64_MAX
    table = np.zeros(
        tuple(len(c) for c, _, _ in aligned), dtype=object if wide else np.int64
    )  # object: Python int 0s
    table[np.ix_(*(ia for _, ia, _ in aligned))] += a.table
    table[np.ix_(*(ib for _, _, ib in aligned))] += b.table
    return Counts(table, tuple(c for c, _, _ in aligned), a.n + b.n)


def count(arrays, names, nan_policy: str) -> Counts:
    """Count the variables `arrays`, whose errors call them `names`."""
    if any(is_dask(a) for a in arrays):
        from ._dask import count_dask

        return count_dask(arrays, names, nan_policy)
    quick = quick_table(arrays)
    if quick is not None:
        return Counts(quick[0], tuple(quick[1]), len(arrays[0]))
    if len(arrays) == 1 and _is_object_vector(arrays[0]):
        found = _named(fz.object_counts, names[0], arrays[0])
        # With missing labels to refuse, the general path says where the first is.
        if found is not None and not (found[2] and nan_policy == "raise"):
            cats, table, _ = found
            return Counts(table, (cats,), int(table.sum()))
    parts, n = factorized(arrays, names, nan_policy)
    table, cats = crosstab(parts)
    return Counts(table, tuple(cats), n)


class Counts:
    """Contingency table of one or more observed variables.

    ``Counts()`` starts empty; the first `update` fixes the number of
    variables.  Counts are exact integers however large, and two tables merge
    with ``a + b`` over the union of their labels, so counting scales to data
    read in chunks or spread over dask blocks.  Every function of
    :mod:`infomeasures.samples` accepts a `Counts` in place of its variables.
    Build one with `infomeasures.samples.counts`, `update` or `from_table`.

    Parameters
    ----------
    table : ndarray of int64 or of Python ints, optional
        Exact non-negative counts, one axis per variable; default an empty
        0-d table of no variables.  Not validated: `from_table` is the
        public constructor from an arbitrary table.
    categories : tuple of ndarray, optional
        The label of each index, one array per axis of `table`.
    n : int, optional
        The table's total, when the caller already knows it.

    Attributes
    ----------
    table : ndarray of int64 (object of Python ints beyond 2**63 - 1)
        ``table[i, j, ...]`` is the number of observations whose first
        variable is ``categories[0][i]``, second ``categories[1][j]``, ...
        It is a read-only view; an empty `Counts` holds a 0-d table of 0.
    categories : tuple of ndarray
        The labels of each variable: the observed ones, sorted, for counts
        built from observations.  A 2-D variable's labels are the rows of a
        2-D array.
    n : int
        Number of observations, the sum of `table`.
    ndim : int
        Number of variables (0 while empty), ``table.ndim``.

    See Also
    --------
    infomeasures.samples.counts : Count observations into a new `Counts`.
    infomeasures.samples.entropy_from_counts : The entropy of a table of counts.

    Notes
    -----
    Labels keep their type: a pandas categorical's categories, the numpy
    dtype of a nullable column (``Int64`` -> int64, ``boolean`` -> bool),
    datetime64 for datetimes, tz-aware ones as their UTC instants (so chunks
    in different time zones merge on the same instants), and object arrays
    for text.  A DataFrame's categories are its distinct rows (an object
    array when its columns' dtypes differ).

    Integer, bool and whole-valued float labels spanning a range no wider
    than ``max(2 n, 65536)`` are counted by offset and ``np.bincount``,
    without sorting; object labels through a hash table; other labels with
    ``np.unique``.  The dense table has one cell per combination of observed
    labels; if that exceeds `MAX_CELLS` (2**27) cells a ``ValueError`` says
    so, since such variables (identifiers, continuous values) need binning
    before any information measure of them can be estimated.

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

    __slots__ = ("_categories", "_n", "_table")
    __hash__ = None  # mutable through update()

    def __init__(self, table=None, categories=(), n=None) -> None:
        self._table = np.zeros((), dtype=np.int64) if table is None else table
        self._categories = tuple(categories)
        self._n = int(np.add.reduce(self._table, axis=None)) if n is None else n

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
            The table, labelled by `categories` (by default each index is its own label).

        See Also
        --------
        infomeasures.samples.Counts.update : Count observations instead.
        infomeasures.samples.counts

        Examples
        --------
        >>> from infomeasures.samples import Counts, mutual_information
        >>> c = Counts.from_table([[10**10, 1], [2, 10**10]])
        >>> c.n
        20000000003
        >>> round(mutual_information(c), 12)
        0.999999994901
        """
        return from_table(table, categories)

    def update(self, *variables, nan_policy: str = "raise") -> Counts:
        """Add a chunk of observations; return ``self`` for chaining.

        Parameters
        ----------
        *variables : array_like of shape (n,) or (n, k), Series, DataFrame, or dask arrays
            One per variable, all with the same n: numpy or masked arrays,
            pandas Series (categorical, nullable, text, datetime, object) or
            polars Series.  A 2-D array or a DataFrame (pandas or polars, any
            mix of column dtypes) is one joint variable whose values are its
            rows.  dask arrays are counted block by block in parallel and
            never loaded whole.
        nan_policy : {'raise', 'omit'}, default='raise'
            What to do with missing labels (NaN, None, NaT, pandas NA, polars
            null, masked entries): raise, or drop every observation in which
            any variable is missing.

        Returns
        -------
        Counts
            ``self``.

        See Also
        --------
        infomeasures.samples.Counts.from_table : Wrap a table counted elsewhere.
        infomeasures.samples.counts : The same on a new `Counts`.

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
        if not variables or (self.ndim and len(variables) != self.ndim):
            v.update_arity(self.ndim, len(variables))
        names = [f"variables[{i}]" for i in range(len(variables))]
        merged = merge(self, count(variables, names, nan_policy))
        self._table, self._categories, self._n = merged._table, merged._categories, merged._n
        return self

    def __add__(self, other: Counts) -> Counts:
        if not isinstance(other, Counts):
            return NotImplemented
        return merge(self, other)

    def __eq__(self, other) -> bool:
        if not isinstance(other, Counts):
            return NotImplemented
        return (
            self._table.shape == other._table.shape
            and bool(np.array_equal(self._table, other._table))
            and all(
                a.dtype.kind == b.dtype.kind and np.array_equal(a, b)
                for a, b in zip(self._categories, other._categories, strict=True)
            )
        )

    def __repr__(self) -> str:
        return f"Counts(n={self._n}, shape={self._table.shape})" if self.ndim else "Counts()"

    @property
    def table(self) -> np.ndarray:
        view = self._table.view()
        view.flags.writeable = False
        return view

    @property
    def categories(self) -> tuple[np.ndarray, ...]:
        return self._categories

    @property
    def n(self) -> int:
        return self._n

    @property
    def ndim(self) -> int:
        return self._table.ndim

    def marginal(self, axes) -> np.ndarray:
        """Return the table of a subset of the variables.

        Parameters
        ----------
        axes : sequence of int
            The variables to keep, in the order wanted.

        Returns
        -------
        ndarray
            The table summed over every other axis.

        See Also
        --------
        infomeasures.samples.Counts.table : The table of all the variables.

        Examples
        --------
        >>> from infomeasures.samples import counts
        >>> counts([0, 0, 1], ["a", "b", "b"]).marginal([1])
        array([1, 2])
        """
        axes = v.marginal_axes(axes, self.ndim)
        others = tuple(a for a in range(self.ndim) if a not in axes)
        t = np.add.reduce(self._table, axis=others) if others else self._table
        order = sorted(axes)
        return np.transpose(t, [order.index(a) for a in axes])
