"""Labels of any type -> integer codes and their categories.

In the manner of scikit-learn's ``utils/_encode.py``: one function per kind
of input, each returning a `Factorized` named tuple, never a Python loop over
observations.

- Integer, bool and whole-valued float labels in a small range: the code is
  the label minus the smallest label, found with one min and one max and no
  sort (`small_range`).  The subtraction is folded into the joint code later.
- 1-D object arrays: a hash table (a ``dict`` built in C) finds the distinct
  labels, so each observation costs one hash lookup and no comparison sort;
  missing values are recognised on the few distinct labels only.
- Everything else: ``np.unique(..., return_inverse=True)``; the rows of a 2-D
  variable are factorised column by column and combined.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from . import _validation as v

_INT64_MAX = np.iinfo(np.int64).max

# numpy >= 2.3 can find distinct values by hashing (np.unique(..., sorted=False)).
_HASH_UNIQUE = tuple(int(p) for p in np.__version__.split(".")[:2]) >= (2, 3)


class Factorized(NamedTuple):
    """One variable as integer codes.

    ``codes - offset`` indexes `categories` (the subtraction is modular intp
    arithmetic, exact because the true difference lies in [0, len(categories))).
    `dense` says that `categories` is a whole range of values, some possibly
    unobserved, so the variable can be renumbered over its observed labels.
    """

    codes: np.ndarray
    categories: np.ndarray
    offset: int = 0
    dense: bool = False


class Labels(NamedTuple):
    """Observed labels of one variable, before or after factorising.

    `values` are the labels (shape (n,) or (n, d)), or codes into `categories`
    when those are already known (1-D object arrays); `missing`
    is a boolean mask, or None when nothing is missing.
    """

    values: np.ndarray
    missing: np.ndarray | None
    categories: np.ndarray | None = None


def labels(x, name: str) -> Labels:
    """Observed labels of `x` and which are missing (NaN, None, NaT, pandas NA, masked)."""
    mask = None
    if isinstance(x, np.ma.MaskedArray):
        mask = np.ma.getmaskarray(x)
        x = np.ma.getdata(x)
        mask = mask.any(axis=1) if mask.ndim == 2 else mask
    cat = getattr(x, "cat", None)  # a pandas Series of categorical dtype
    if cat is not None and hasattr(cat, "codes"):
        x = x.array
    if hasattr(x, "codes") and hasattr(x, "categories"):  # pandas.Categorical
        codes = np.asarray(x.codes)
        x = np.asarray(x.categories).take(np.maximum(codes, 0), axis=0)
        mask = _merge_masks(mask, codes < 0)
    arr = v.label_array(x, name)
    if arr.dtype.kind == "O" and arr.ndim == 1:
        found = _hash_objects(arr)
        missing = _merge_masks(mask, found.missing)
        return Labels(found.values, missing, found.categories)
    missing = _merge_masks(mask, v.missing_labels(arr))
    return Labels(arr, missing)


def _merge_masks(a, b):
    if a is None or not a.any():
        return b
    return a if b is None else a | b


def _hash_objects(arr: np.ndarray) -> Labels:
    """Codes of a 1-D object array through a hash table, categories sorted.

    ``map(dict.setdefault, labels, range(n))`` runs its loop in C and gives,
    with one hash per observation, the position of each label's first
    occurrence.  Only the distinct labels are then checked for missing values
    and sorted, and one gather turns positions into codes.
    """
    index: dict = {}
    try:
        first = np.fromiter(
            map(index.setdefault, arr.tolist(), range(arr.size)), dtype=np.intp, count=arr.size
        )
    except TypeError:  # unhashable labels (lists...): compare them instead
        return Labels(arr, v.missing_labels(arr))
    positions = np.fromiter(index.values(), dtype=np.intp, count=len(index))
    distinct = arr[positions]
    is_missing = v.missing_labels(distinct)
    keep = np.ones(len(distinct), dtype=bool) if is_missing is None else ~is_missing
    try:
        order = np.argsort(distinct[keep], kind="stable")
    except TypeError as exc:  # e.g. an object array mixing str and int
        v.unorderable_labels(exc)
    # Missing labels get code -1 until their observations are dropped.
    rank = np.full(arr.size, -1, dtype=np.intp)
    rank[positions[np.flatnonzero(keep)[order]]] = np.arange(order.size)
    codes = rank[first]
    missing = None if is_missing is None else codes < 0
    return Labels(codes, missing, distinct[keep][order])


def unique_inverse(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
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
            v.unorderable_labels(exc)
        return cats, inv.reshape(-1)
    # Rows: combine per-column codes, then factorise the combined code.
    columns = [unique_inverse(values[:, j]) for j in range(values.shape[1])]
    sizes = [len(c) for c, _ in columns]
    if math.prod(sizes) > _INT64_MAX:
        v.too_many_rows(sizes)
    code = np.zeros(len(values), dtype=np.int64)
    for (_, inv), size in zip(columns, sizes, strict=True):
        code *= size
        code += inv
    _, first, inv = np.unique(code, return_index=True, return_inverse=True)
    return values[first], inv.reshape(-1)


def small_range(values: np.ndarray, limit: int) -> Factorized | None:
    """Offset codes of integer-valued labels whose range is below `limit`, or None.

    ``categories`` holds every value in the range; unobserved ones are dropped
    after counting.  The range is measured in Python numbers, so float labels
    such as 1e308 and -1e308 (or float16 ones) cannot overflow while it is.
    """
    kind, dtype = values.dtype.kind, values.dtype
    if values.ndim != 1 or kind not in "biuf" or values.size == 0:
        return None
    if kind == "b":
        values = values.view(np.uint8)
    lo, hi = values.min().item(), values.max().item()
    if kind == "f":
        # Finite and inside int64, so that the cast to codes below is exact.
        if not (-(2.0**63) <= lo and hi < 2.0**63) or hi - lo >= limit:
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
    return Factorized(values, cats, lo, True)


def factorize(found: Labels, limit: int) -> Factorized:
    """Integer codes of labels whose missing values were already dropped."""
    if found.categories is not None:
        return Factorized(found.values, found.categories, 0, True)
    fast = small_range(found.values, limit)
    if fast is not None:
        return fast
    cats, codes = unique_inverse(found.values)
    return Factorized(codes, cats)


def offset_codes(part: Factorized) -> np.ndarray:
    """``codes - offset`` as intp (modular arithmetic, exact in [0, len(categories)))."""
    if part.offset == 0 and part.codes.dtype == np.intp:
        return part.codes
    return np.subtract(part.codes, part.offset, dtype=np.intp, casting="unsafe")


def compress(part: Factorized) -> Factorized:
    """Renumber a range-coded variable over its observed labels only."""
    codes = offset_codes(part)
    seen = np.bincount(codes, minlength=len(part.categories)) > 0
    new_code = np.cumsum(seen) - 1
    return Factorized(new_code[codes], part.categories[seen])
