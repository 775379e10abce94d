"""Every input check of infomeasures and every error text, in one place.

Public functions call these at their boundary; nothing below the boundary
re-checks.  Checks are written to be cheap on the success path (one
``minimum.reduce`` and one ``add.reduce`` per distribution) and to spend
time only on building a precise message once something is wrong.
"""

from __future__ import annotations

import math
import numbers
from decimal import Decimal

import numpy as np

_LN2 = math.log(2.0)


class ContinuousDataWarning(UserWarning):
    """Floating-point data that look like measurements were given to a count estimator.

    A count estimator treats every distinct value as its own label, so a
    column of measurements has an entropy near log(n) and shares nearly all of
    it with any other variable.  The warning is given for a variable of
    floating dtype with at least 20 observations (after dropping missing
    ones) of which more than half are distinct; pass ``discrete=True`` to say
    that such values really are labels, or use a continuous estimator
    (``"ksg"``, ``"kozachenko-leonenko"``, ``"knn"``, ``"gaussian"``,
    ``"gaussian-copula"``) or `discretize`.

    See Also
    --------
    infomeasures.samples.discretize : Bin measurements into labels.
    infomeasures.samples.entropy : Its `discrete` and `estimator` options.

    Examples
    --------
    >>> import warnings
    >>> import numpy as np
    >>> from infomeasures import samples
    >>> x = np.random.default_rng(0).normal(size=100)
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     h = samples.entropy(x)
    >>> [w.category.__name__ for w in caught]
    ['ContinuousDataWarning']
    >>> round(h, 4)  # log2(100) = 6.6439 bits: every value is its own label
    6.6439
    >>> samples.entropy(x, discrete=True) == h  # the same, and no warning
    True
    """


def log_base(base) -> float:
    """Return ``ln(base)`` after checking that `base` is a valid log base."""
    # Fast path for the default: avoids the numbers.Real ABC check.
    if type(base) in (int, float) and base == 2:
        return _LN2
    if isinstance(base, bool) or not isinstance(base, numbers.Real):
        raise TypeError(f"`base` must be a real number, got {type(base).__name__}.")
    try:
        base = float(base)
    except OverflowError:  # a Python int beyond the float range
        raise ValueError(
            f"`base` must be a positive finite float, got {_shown(base)}, beyond the float range."
        ) from None
    if not math.isfinite(base) or base <= 0:
        raise ValueError(f"`base` must be a positive finite number, got {base}.")
    if base == 1:
        raise ValueError("`base` must not be 1 (log 1 = 0 gives no unit).")
    return math.log(base)


def to_units(nats, scale: float):
    """Divide nats by ``scale = log_base(base)``; a 0-d result becomes a Python float.

    The one place where results leave nats: every measure computes in nats and
    calls this last, after `log_base` checked `base` at the boundary.
    """
    # + 0.0 turns -0.0 (from -1 * log 1) into 0.0.
    if type(nats) is not np.ndarray or nats.ndim == 0:
        return float(nats) / scale + 0.0
    return nats / scale + 0.0


def as_float_array(x, name: str) -> tuple[np.ndarray, np.dtype]:
    """Convert `x` to a float64 array; also return the dtype it arrived in.

    Integer and bool input is promoted; float16/float32 is widened to float64
    so no accuracy is lost in the sums and logarithms.
    """
    if x is None:
        raise TypeError(f"`{name}` must be an array of real numbers, got None.")
    if isinstance(x, np.ma.MaskedArray) and np.ma.is_masked(x):
        raise TypeError(
            f"`{name}` is a masked array with masked entries; pass `{name}.filled(0)` "
            f"or the unmasked entries (`{name}.compressed()`) explicitly."
        )
    try:  # inline, not ragged_checked: this is every distribution's path
        arr = np.asarray(x)
    except ValueError:
        ragged(name)
    dt = arr.dtype
    if dt.kind == "f":
        if dt != np.float64:
            arr = arr.astype(np.float64)
        return arr, dt
    if dt.kind in "biu":
        return arr.astype(np.float64), dt
    if dt.kind == "O":
        return _object_floats(arr, name), np.dtype(np.float64)
    raise TypeError(
        f"`{name}` must hold real numbers, got an array of dtype {dt} "
        f"(for observed labels use infomeasures.samples)."
    )


# sqrt(eps) by itemsize of the float dtype the data arrived in (looked up by
# itemsize: hashing a dtype costs more than the rest of a small call).
_SQRT_EPS = {
    np.dtype(t).itemsize: math.sqrt(float(np.finfo(t).eps))
    for t in (np.float16, np.float32, np.float64)
}


def sum_tolerance(dtype: np.dtype, n: int) -> float:
    """How far from 1 the sum of a probability vector of `dtype` may be."""
    root = _SQRT_EPS.get(dtype.itemsize, _SQRT_EPS[8]) if dtype.kind == "f" else _SQRT_EPS[8]
    # sqrt(eps) accepts any vector written out to ~half the dtype's digits;
    # the n*eps term covers the rounding of very long vectors.
    return max(root, 4 * n * root * root)


def _describe_bad_entries(arr: np.ndarray, name: str) -> str | None:
    if np.isnan(arr).any():
        return f"`{name}` contains NaN."
    if np.isinf(arr).any():
        return f"`{name}` contains infinite entries."
    neg = arr[arr < 0]
    if neg.size:
        return f"`{name}` has negative entries (smallest {float(neg.min())!r})."
    return None


def check_finite_nonneg(arr: np.ndarray, name: str) -> None:
    """Raise if `arr` has NaN, infinite or negative entries."""
    if arr.size == 0:
        return
    m = np.minimum.reduce(arr, axis=None)
    with np.errstate(over="ignore", invalid="ignore"):  # reported below instead
        s = np.add.reduce(arr, axis=None)
    # m >= 0 is False for NaN; a finite sum of non-negatives rules out inf.
    if m >= 0 and math.isfinite(s):
        return
    msg = _describe_bad_entries(arr, name)
    if msg is None:  # non-negative finite entries whose sum overflowed
        msg = f"`{name}` sums to infinity (its entries are too large)."
    raise ValueError(msg)


def check_unit_interval(arr: np.ndarray, name: str) -> None:
    """Raise unless every entry of `arr` is a probability in [0, 1]."""
    if arr.size == 0:
        return
    if np.minimum.reduce(arr, axis=None) >= 0 and np.maximum.reduce(arr, axis=None) <= 1:
        return
    msg = _describe_bad_entries(arr, name)
    if msg is None:
        largest = float(arr.max())
        msg = f"`{name}` has entries above 1 (largest {largest!r}); probabilities lie in [0, 1]."
    raise ValueError(msg)


def check_ndim(arr: np.ndarray, name: str, ndim: int | None = None) -> None:
    if ndim is None:
        if arr.ndim == 0:
            raise ValueError(
                f"`{name}` must have at least one dimension (the outcomes), got a scalar."
            )
    elif arr.ndim != ndim:
        raise ValueError(f"`{name}` must be a {ndim}-D table, got an array of shape {arr.shape}.")


def distribution(
    x,
    name: str,
    *,
    axis: int | None,
    normalize: bool,
    sign_checked: bool = False,
    dtype: np.dtype | None = None,
) -> np.ndarray:
    """Validate a probability array and return it as float64.

    `axis` is the outcome axis; ``None`` means the whole array is one
    distribution (joint tables).  With ``normalize=True`` any non-negative
    weights are accepted and rescaled to sum to 1 along `axis`, however large
    (weights whose sum overflows are scaled by a power of two first, Python
    integers beyond the float range are divided exactly).

    ``sign_checked=True`` skips the pass that looks for negative entries: the
    caller promises to feed the array to a kernel whose result is not finite
    when an entry is negative (``entr``), and to call `check_finite_nonneg`
    then.  The sum check still runs.

    `dtype` is the dtype the data arrived in, when `x` was already converted
    by `as_float_array`: the sum tolerance follows it (float32 input sums to 1
    only to float32 accuracy).
    """
    normalize = check_bool(normalize, "normalize")
    try:
        arr, arrived = as_float_array(x, name)
    except _BeyondFloat as exc:
        if not normalize:
            raise ValueError(
                f"{str(exc)[:-1]}; pass normalize=True to rescale such weights exactly."
            ) from None
        return _exact_normalized(x, name, axis)
    check_ndim(arr, name)
    if axis is not None:
        axis = normalize_axis(axis, arr.ndim)
    k = arr.size if axis is None else arr.shape[axis]
    if k == 0:
        raise ValueError(f"`{name}` is empty: a distribution needs at least one outcome.")
    if arr.size == 0:  # an empty batch of non-empty distributions
        return arr
    if normalize:
        if not np.minimum.reduce(arr, axis=None) >= 0:  # False for NaN too
            raise ValueError(_describe_bad_entries(arr, name))
        with np.errstate(over="ignore", invalid="ignore"):  # rescaled, not leaked
            return _normalized(arr, name, axis)
    if arr.size <= SMALL and (arr.ndim == 1 or axis is None):
        s, worst = None, _small_sum(arr, name)
    else:
        s, worst = _sums(arr, name, axis, sign_checked)
    _check_sums(arr, name, s, worst, sum_tolerance(arrived if dtype is None else dtype, k))
    return arr


def _check_sums(arr: np.ndarray, name: str, s, worst, tol: float) -> None:
    """Raise unless the total `worst` (or each of the sums `s`) is within `tol` of 1."""
    if s is None:
        if abs(worst - 1.0) <= tol:
            return
    else:
        dev = np.abs(s - 1.0)
        if (dev <= tol).all():
            return
        worst = float(s.flat[int(np.argmax(np.where(np.isnan(dev), np.inf, dev)))])
    _not_summing_to_one(arr, name, worst, along_axis=s is not None)


def _small_sum(arr: np.ndarray, name: str) -> float:
    """Return the exact sum of a small non-negative array (inf past the float range)."""
    values = arr.ravel().tolist()
    # A NaN that min() passes over makes the sum NaN, reported by the caller.
    if not min(values) >= 0:
        raise ValueError(_describe_bad_entries(arr, name))
    try:  # exact, and raises instead of warning on overflow
        return math.fsum(values)
    except (OverflowError, ValueError):  # sums past 1.8e308, or inf - inf
        return math.inf


def _sums(arr: np.ndarray, name: str, axis, sign_checked: bool):
    """Return ``(None, total)`` for one distribution, ``(sums along axis, None)`` else."""
    # m >= 0 is False for NaN as well as for negative entries.
    if not sign_checked and not np.minimum.reduce(arr, axis=None) >= 0:
        raise ValueError(_describe_bad_entries(arr, name))
    # Non-negative entries near 1e308 may sum past the float range, and
    # -inf + inf (when the sign pass was skipped) is NaN: both are reported
    # by the caller, not leaked as a warning.
    with np.errstate(over="ignore", invalid="ignore"):
        if arr.ndim == 1 or axis is None:
            return None, float(np.add.reduce(arr, axis=None))
        return np.add.reduce(arr, axis=axis), None


def _not_summing_to_one(arr: np.ndarray, name: str, worst: float, along_axis: bool) -> None:
    msg = _describe_bad_entries(arr, name)
    if msg is not None:
        raise ValueError(msg)
    where = " along `axis`" if along_axis else ""
    raise ValueError(
        f"`{name}` must sum to 1{where} (it sums to {worst!r}); "
        "pass normalize=True to rescale weights such as counts."
    )


def normalize_axis(axis, ndim: int) -> int:
    if type(axis) is not int:
        if isinstance(axis, bool) or not isinstance(axis, numbers.Integral):
            raise TypeError(f"`axis` must be an integer, got {type(axis).__name__}.")
        axis = int(axis)
    if not -ndim <= axis < ndim:
        raise ValueError(f"`axis` {axis} is out of bounds for an array of dimension {ndim}.")
    return axis % ndim


def matching_pair(p: np.ndarray, q: np.ndarray, axis: int) -> None:
    """Check that `p` and `q` hold the same number of outcomes and broadcast."""
    if p.shape == q.shape:  # the common case; `axis` was checked by `distribution`
        return
    nd = max(p.ndim, q.ndim)
    ax = normalize_axis(axis, nd)
    kp = ((1,) * (nd - p.ndim) + p.shape)[ax]
    kq = ((1,) * (nd - q.ndim) + q.shape)[ax]
    if kp != kq:
        raise ValueError(
            f"`p` and `q` must have the same number of outcomes along `axis`; "
            f"got {kp} and {kq} (shapes {p.shape} and {q.shape})."
        )
    try:
        np.broadcast_shapes(p.shape, q.shape)
    except ValueError:
        raise ValueError(
            f"`p` and `q` have shapes {p.shape} and {q.shape}, which do not broadcast."
        ) from None


def check_bool(value, name: str) -> bool:
    if value is True or value is False:  # the common case, without an ABC check
        return value
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"`{name}` must be True or False, got {_shown(value)}.")
    return bool(value)


def choice(value, name: str, options) -> str:
    """Check that `value` is one of `options` (strings)."""
    if not isinstance(value, str) or value not in options:
        valid = ", ".join(repr(o) for o in options)
        raise ValueError(f"`{name}` must be one of {valid}; got {value!r}.")
    return value


def check_logit_max(m: np.ndarray, z: np.ndarray, name: str, *, allow_all_neg_inf: bool):
    """Raise for NaN or +inf logits, found through the row maxima `m`.

    Called with the maxima a softmax needs anyway, so the check costs no pass
    over the logits unless something is wrong.
    """
    if np.isfinite(m).all():
        return
    if np.isnan(z).any():
        raise ValueError(f"`{name}` contains NaN.")
    if np.isposinf(z).any():
        raise ValueError(f"`{name}` contains +inf: the softmax of an infinite logit is undefined.")
    if not allow_all_neg_inf:
        raise ValueError(
            f"`{name}` has a row whose logits are all -inf: its softmax (0/0) is undefined."
        )


def class_targets(t, n_classes: int, batch_shape) -> np.ndarray:
    if t.shape != tuple(batch_shape):
        raise ValueError(
            f"`targets` of class indices must have shape {tuple(batch_shape)} "
            f"(the logits without their class axis), got {t.shape}."
        )
    if t.size and (t.min() < 0 or t.max() >= n_classes):
        bad = t[(t < 0) | (t >= n_classes)].flat[0]
        raise ValueError(f"`targets` holds class index {bad}, outside [0, {n_classes - 1}].")
    return t


def probability_rows(t: np.ndarray, name: str, shape) -> np.ndarray:
    if t.shape != tuple(shape):
        raise ValueError(
            f"`{name}` of probabilities must have the shape of the logits {tuple(shape)}, "
            f"got {t.shape}."
        )
    return distribution(t, name, axis=-1, normalize=False)


def unit_interval(x, name: str) -> np.ndarray:
    arr, _ = as_float_array(x, name)
    check_unit_interval(arr, name)
    return arr


def nonneg_vector(x, name: str, length: int) -> np.ndarray:
    arr, _ = as_float_array(x, name)
    if arr.shape != (length,):
        raise ValueError(f"`{name}` must have shape ({length},), got {arr.shape}.")
    check_finite_nonneg(arr, name)
    return arr


def in_closed_interval(x, name: str, lo: float, hi: float) -> float:
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise TypeError(f"`{name}` must be a real number, got {type(x).__name__}.")
    if not lo <= x <= hi:
        raise ValueError(f"`{name}` must lie in [{lo}, {hi}], got {x}.")
    return float(x)


# ---------------------------------------------------------------- observations

NAN_POLICIES = ("raise", "omit")

# Label dtypes that may share a category axis: numbers with numbers, text with
# text.  np.concatenate would silently turn 1 and "1" into the same string.
_LABEL_FAMILY = {"b": "number", "i": "number", "u": "number", "f": "number", "U": "text"}


def _is_missing_scalar(value) -> bool:
    # None, NaN (float, complex, numpy's, Decimal), pandas.NA / NaT: the values
    # pandas treats as missing.
    if value is None:
        return True
    if isinstance(value, (float, complex, np.inexact)):  # float32 NaN too
        return value != value
    if isinstance(value, Decimal):  # is_nan: a signalling NaN would raise on !=
        return value.is_nan()
    if isinstance(value, (np.datetime64, np.timedelta64)):
        return bool(np.isnat(value))
    return type(value).__name__ in ("NAType", "NaTType")


_missing_objects = np.frompyfunc(_is_missing_scalar, 1, 1)


def missing_values(mask: np.ndarray, name: str, columns=None) -> None:
    """Raise for the first missing observation; `columns`: (name, mask) per DataFrame column."""
    missing_in([(mask, name, columns)])


def missing_in(variables) -> None:
    """Raise for the first missing observation of the first variable that has one.

    `variables` holds (mask, name, columns) per variable, in order, or None
    for one with nothing missing; the error keeps every variable's first.
    """
    found = []
    for position, entry in enumerate(variables):
        if entry is None:
            continue
        mask, name, columns = entry
        i = int(np.flatnonzero(mask)[0])
        column = next(c for c, m in columns if m[i]) if columns else None
        found.append((position, name, i, column))
    raise MissingValueError(tuple(found))


class MissingValueError(ValueError):
    """Missing observations, where nan_policy is 'raise'.

    `found` holds (position, name, index, column) for the first missing
    observation of each variable that has one, in the variables' order; the
    message names the first.  `at` and `before` let the blocks of a larger
    array (dask) report what the whole array would.
    """

    def __init__(self, found: tuple):
        _, name, index, column = found[0]
        where = f"index {index}" if column is None else f"index {index} (column {column!r})"
        super().__init__(
            f"`{name}` has a missing value (NaN, None, NaT, pandas NA or masked) at {where}; "
            f"pass nan_policy='omit' to drop the observations that have one."
        )
        self.found = found

    def at(self, offset: int) -> MissingValueError:
        """Return the same error `offset` observations further on."""
        return MissingValueError(tuple((p, n, i + offset, c) for p, n, i, c in self.found))

    def before(self, later: MissingValueError) -> MissingValueError:
        """Return the error of this block followed by a `later` one."""
        first = {entry[0]: entry for entry in later.found}
        first.update((entry[0], entry) for entry in self.found)
        return MissingValueError(tuple(first[p] for p in sorted(first)))

    def __reduce__(self):  # pickled by its fields (dask's process schedulers)
        return MissingValueError, (self.found,)


def same_length(arrays, names) -> int:
    n = len(arrays[0])
    for arr, name in zip(arrays[1:], names[1:], strict=True):
        if len(arr) != n:
            raise ValueError(
                f"`{names[0]}` and `{name}` must hold the same number of observations, "
                f"got {n} and {len(arr)}."
            )
    return n


def incomparable_samples(cats_x: np.ndarray, cats_y: np.ndarray, exc: Exception):
    """Two samples whose labels cannot be compared (numbers and text, say)."""
    raise TypeError(
        f"`x` and `y` must hold labels of one kind to compare their distributions: `x` "
        f"has labels of dtype {cats_x.dtype}, `y` of dtype {cats_y.dtype} ({exc})"
    ) from None


def mergeable_labels(a: np.ndarray, b: np.ndarray, axis: int) -> None:
    fa = _LABEL_FAMILY.get(a.dtype.kind, a.dtype.str)
    fb = _LABEL_FAMILY.get(b.dtype.kind, b.dtype.str)
    if fa != fb or a.shape[1:] != b.shape[1:]:
        raise TypeError(
            f"cannot merge counts whose variable {axis} has labels of dtype {a.dtype} "
            f"(shape {a.shape[1:]} per label) with labels of dtype {b.dtype} "
            f"(shape {b.shape[1:]} per label)."
        )


def too_many_cells(sizes, limit: int) -> None:
    shape = " x ".join(str(s) for s in sizes)
    raise ValueError(
        f"the contingency table of {shape} categories would have {math.prod(sizes):,} cells, "
        f"more than the limit of {limit:,}; bin or group labels such as identifiers or "
        f"continuous values first (plug-in estimates over that many cells are mostly bias)."
    )


def count_table(table, name: str = "table") -> np.ndarray:
    """Check a table of exact non-negative integer counts: int64, or Python ints (object)."""
    arr = ragged_checked(table, name)
    if arr.ndim == 0:
        raise ValueError(
            f"`{name}` must be an array of counts with at least one axis (one per variable), "
            f"got {_shown(table)}."
        )
    if arr.dtype.kind == "b":
        arr = arr.astype(np.int64)
    elif arr.dtype.kind == "f":
        arr = _float_counts(arr, name)
    elif arr.dtype.kind == "O":
        if not all(isinstance(c, numbers.Integral) for c in arr.flat):
            raise ValueError(f"`{name}` must hold integer counts.")
    elif arr.dtype.kind not in "iu":
        raise TypeError(f"`{name}` must hold integer counts, got dtype {arr.dtype}.")
    if arr.size and arr.min() < 0:
        raise ValueError(f"`{name}` must be non-negative, got the count {arr.min()}.")
    return arr


def _float_counts(arr: np.ndarray, name: str) -> np.ndarray:
    """Return whole-number float counts as int64, or raise naming `name`."""
    if not np.isfinite(arr).all() or (arr != np.floor(arr)).any():
        raise ValueError(f"`{name}` must hold whole-number counts (no fractions, NaN or inf).")
    if arr.size and arr.min() < 0:  # before the cast, which -1e19 would overflow
        raise ValueError(f"`{name}` must be non-negative, got the count {arr.min()}.")
    # float(): a float16 maximum compared with 2**63 would overflow in the cast
    if arr.size and float(arr.max()) >= 2.0**63:
        raise ValueError(
            f"`{name}` holds float counts of 2**63 or more, which are not exact; "
            "pass Python ints in an object array instead."
        )
    return arr.astype(np.int64)


def alphabet_size(k, observed: int) -> int:
    if k is None:
        return max(observed, 1)
    if isinstance(k, bool) or not isinstance(k, numbers.Integral):
        raise TypeError(f"`k` must be an integer, got {type(k).__name__}.")
    if k < observed:
        raise ValueError(
            f"`k` (the alphabet size) must be at least the {observed} categories observed, "
            f"got {k}."
        )
    return int(k)


def pseudocount(value) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"`pseudocount` must be a real number, got {type(value).__name__}.")
    if isinstance(value, numbers.Integral) and abs(value) > 2**1023:  # beyond float range
        raise ValueError(
            f"`pseudocount` must be finite and non-negative, got an integer of "
            f"{value.bit_length()} bits (beyond the float range)."
        )
    if not (math.isfinite(value) and value >= 0):
        raise ValueError(f"`pseudocount` must be finite and non-negative, got {value}.")
    return float(value)


# ---- nn


def nn_array(x, name: str) -> tuple[np.ndarray, np.dtype]:
    """Real input for `nn`: the array to compute with, and the dtype to return.

    float16 is computed in float32 and returned as float16 (as
    ``scipy.special`` keeps it); float32 and float64 keep their dtype;
    integers and bools become float64.  ``None`` is the wrong kind of object,
    not a NaN.
    """
    try:  # inline, not ragged_checked: this is every `nn` input's path
        arr = np.asarray(x)
    except ValueError:
        ragged(name)
    dt = arr.dtype
    if dt.kind == "f":
        if dt.itemsize == 2:
            return arr.astype(np.float32), dt
        if dt.itemsize == 4 or dt == np.float64:
            return arr, dt
        return arr.astype(np.float64), np.dtype(np.float64)
    if dt.kind in "biu":
        return arr.astype(np.float64), np.dtype(np.float64)
    if dt.kind == "O":
        # astype(float) would turn None into NaN
        if np.equal(arr, None).any():
            raise TypeError(f"`{name}` must hold real numbers, got None.")
        try:
            return arr.astype(np.float64), np.dtype(np.float64)
        except OverflowError:
            raise ValueError(f"`{name}` holds an integer beyond the float range.") from None
        except (TypeError, ValueError):
            pass
    raise TypeError(f"`{name}` must hold real numbers, got an array of dtype {dt}.")


def class_weights(x, n_classes: int) -> np.ndarray:
    """Finite non-negative weights of shape (K,) as float64.

    Their sum may pass 1e308 (the losses rescale them).
    """
    arr = nn_array(x, "class_weights")[0].astype(np.float64, copy=False)
    if arr.shape != (n_classes,):
        raise ValueError(f"`class_weights` must have shape ({n_classes},), got {arr.shape}.")
    # min >= 0 is False for NaN; a finite max rules out inf
    if arr.size and not (np.minimum.reduce(arr) >= 0 and math.isfinite(np.maximum.reduce(arr))):
        raise ValueError(_describe_bad_entries(arr, "class_weights"))
    return arr


def unit_interval_array(x, name: str) -> np.ndarray:
    """Probabilities in [0, 1] as float64, converted as every `nn` input is."""
    arr = nn_array(x, name)[0].astype(np.float64, copy=False)
    check_unit_interval(arr, name)
    return arr


def class_axes(axis, shape: tuple, name: str, *, several: bool = False) -> tuple[int, ...]:
    """Return the class axis of logits of `shape`, normalised and checked.

    With ``several=True``, return the axes that `axis` names (an int, a tuple
    of ints or None for all).  Each must hold at least one class.
    """
    if not shape:
        raise ValueError(f"`{name}` must have a class axis, got a scalar.")
    ndim = len(shape)
    if several and axis is None:
        axes = tuple(range(ndim))
    elif several and isinstance(axis, tuple):
        axes = tuple(sorted(normalize_axis(a, ndim) for a in axis))
        if len(set(axes)) != len(axes) or not axes:
            raise ValueError(f"`axis` must name one or more distinct axes, got {axis!r}.")
    else:
        axes = (normalize_axis(axis, ndim),)
    if math.prod(shape[a] for a in axes) == 0:
        raise ValueError(
            f"`{name}` has no classes: its class axis (axis {axis!r} of shape {shape}) is empty."
        )
    return axes


def check_no_nan(arr: np.ndarray, name: str) -> None:
    # the minimum is NaN exactly when an entry is
    if arr.size and np.isnan(np.minimum.reduce(arr, axis=None)):
        raise ValueError(f"`{name}` contains NaN.")


def lse_weights(b, z: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.dtype]:
    """`b` of `nn.logsumexp`: finite real scale factors that broadcast with `z`.

    Returns `z` and `b` broadcast together in their common compute dtype, and
    the dtype to return.
    """
    arr, dt = nn_array(b, "b")
    if not np.isfinite(arr).all():
        bad = "NaN" if np.isnan(arr).any() else "infinite entries"
        raise ValueError(f"`b` contains {bad}; scale factors must be finite.")
    try:
        zb, bb = np.broadcast_arrays(z, arr)
    except ValueError:
        raise ValueError(
            f"`b` must broadcast with `z`; got shapes {arr.shape} and {z.shape}."
        ) from None
    common = np.result_type(z.dtype, arr.dtype)
    return zb.astype(common, copy=False), bb.astype(common, copy=False), dt


def negative_sum() -> None:
    raise ValueError(
        "`b` makes the sum negative along `axis`, so its logarithm is undefined; "
        "pass return_sign=True for log|sum| and its sign."
    )


def mean_of_nothing(name: str) -> None:
    raise ValueError(
        f"`{name}` holds an empty batch, whose mean loss is undefined (0/0); "
        "use reduction='sum' (0.0) or 'none'."
    )


def zero_target_weights(any_positive: bool) -> None:
    if any_positive:
        raise ValueError(
            "`class_weights` span more than the float range: with label smoothing the "
            "weights of every target vanish beside the largest weight."
        )
    raise ValueError(
        "`class_weights` are zero on every target, so the weighted mean (divided by "
        "the sum of the targets' weights) is 0/0; use reduction='sum' or 'none'."
    )


def same_shape(arr: np.ndarray, name: str, shape: tuple, other: str) -> None:
    if arr.shape != shape:
        raise ValueError(f"`{name}` must have the shape of `{other}` {shape}, got {arr.shape}.")


def target_kind(dtype: np.dtype) -> None:
    raise TypeError(
        f"`targets` must be class indices (integers) or probability rows, got dtype {dtype}."
    )


def check_callable(f, name: str) -> None:
    if not callable(f):
        raise TypeError(f"`{name}` must be callable, got {type(f).__name__}.")


def fd_step(eps, x: np.ndarray) -> np.ndarray:
    """Central-difference step per coordinate of `x`.

    `eps`, or by default eps_mach^(1/3) max(1, |x_i|), which balances
    truncation and rounding error.

    The step must be a positive finite real that moves every coordinate and
    keeps x ± step finite.
    """
    if not np.isfinite(x).all():
        raise ValueError(_describe_bad_entries(x, "x"))
    if eps is None:
        step = np.finfo(np.float64).eps ** (1.0 / 3.0) * np.maximum(1.0, np.abs(x))
    else:
        if isinstance(eps, bool) or not isinstance(eps, numbers.Real):
            raise TypeError(f"`eps` must be a real number, got {type(eps).__name__}.")
        try:
            h = float(eps)
        except OverflowError:  # an int beyond the float range
            h = math.inf
        if not (math.isfinite(h) and h > 0):
            raise ValueError(f"`eps` must be a positive finite number, got {eps!r:.30}.")
        step = np.full(x.shape, h)
    with np.errstate(over="ignore"):  # an overflow is reported just below
        up, down = x + step, x - step
    if not (np.isfinite(up).all() and np.isfinite(down).all()):
        raise ValueError(f"`eps` {eps!r} takes `x` beyond the float range.")
    if ((up == x) | (down == x)).any():
        i = int(np.flatnonzero((up == x) | (down == x))[0])
        raise ValueError(
            f"`eps` {eps!r} is too small to change `x` at index {i} "
            f"(x = {float(x.flat[i])!r}); leave eps=None for a step scaled to x."
        )
    return step


# ---- continuous


def n_neighbors(value) -> int:
    """`n_neighbors` as a positive Python int (the k of the neighbour estimators)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"`n_neighbors` must be an integer, got {type(value).__name__}.")
    if value < 1:
        raise ValueError(f"`n_neighbors` must be at least 1, got {value}.")
    return int(value)


def enough_neighbors(k: int, n: int, name: str = "x", *, others: bool = True) -> None:
    """Raise unless each point of `name` has `k` neighbours.

    k < n when a point's neighbours are the other points of its own sample,
    k <= n otherwise.
    """
    if k >= n + (not others):
        need = "smaller than" if others else "at most"
        raise ValueError(
            f"`n_neighbors` must be {need} the number of usable observations of "
            f"`{name}` ({n}), got {k}."
        )


def constant_variable(name: str, column: int | None = None) -> None:
    where = "" if column is None else f" (column {column})"
    raise ValueError(
        f"`{name}`{where} is constant: a continuous variable needs spread "
        f"(its differential entropy is -inf and its neighbour distances are all 0); "
        f"treat it as discrete or drop it."
    )


def no_usable_classes(name: str) -> None:
    raise ValueError(
        f"every class of `{name}` has a single observation, so no point has a "
        f"neighbour of its own class; the Ross estimator needs repeated classes."
    )


def sample_has_atom(name: str, count: int, n_neighbors: int) -> None:
    raise ValueError(
        f"`{name}` has a point with {count} equal copies (n_neighbors={n_neighbors}), so a "
        f"neighbour distance is 0 and the k-NN divergence is undefined; the samples are "
        f"not from continuous distributions (discretize them or raise `n_neighbors`)."
    )


def singular_covariance(name: str) -> None:
    raise ValueError(
        f"the covariance of `{name}` is singular (a constant column or columns that are "
        f"exact linear combinations of others): its Gaussian entropy is -inf; drop the "
        f"redundant columns."
    )


def too_few_for_covariance(name: str, n: int, d: int) -> None:
    raise ValueError(
        f"`{name}` needs more observations than dimensions for a covariance fit, "
        f"got {n} observations of {d} dimensions."
    )


def bins_spec(bins) -> None:
    raise ValueError(
        f"`bins` must be a positive integer, a name numpy.histogram_bin_edges accepts "
        f"('auto', 'fd', 'sturges', ...) or an increasing 1-D array of edges, got {bins!r}."
    )


def bin_range(value) -> tuple[float, float]:
    try:
        pair = tuple(value)
    except TypeError:
        pair = ()
    # numbers.Real refuses complex (a ComplexWarning in float()) and masked entries
    if len(pair) != 2 or not all(
        isinstance(v, numbers.Real) and not isinstance(v, bool) for v in pair
    ):
        raise ValueError(f"`range` must be a pair (low, high), got {value!r}.")
    try:
        lo, hi = (float(v) for v in pair)
    except OverflowError:  # Python ints beyond the float range
        raise ValueError(f"`range` must be finite with low < high, got {value!r:.60}.") from None
    if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
        raise ValueError(f"`range` must be finite with low < high, got {value!r}.")
    return lo, hi


def outside_edges(name: str, value: float, lo: float, hi: float) -> None:
    raise ValueError(
        f"`{name}` has the value {value!r} outside the bins [{lo!r}, {hi!r}]; widen `range` "
        f"or the edges so that every chunk bins alike (values are never clipped)."
    )


def nonfinite_values(arr: np.ndarray, name: str) -> None:
    """Raise if a continuous variable holds NaN or +-inf (as the issue asks: by name)."""
    if np.isfinite(arr).all():
        return
    if np.isnan(arr).any():
        i = int(np.flatnonzero(np.isnan(arr).reshape(len(arr), -1).any(axis=1))[0])
        raise ValueError(
            f"`{name}` contains NaN (first at observation {i}); drop those observations "
            f"first (nan_policy='omit' in the samples functions)."
        )
    raise ValueError(f"`{name}` contains infinite values; a continuous variable must be finite.")


def feature_matrix(X, y) -> None:
    if X.ndim != 2:
        raise ValueError(f"`X` must be 2-D (n_samples, n_features), got shape {X.shape}.")
    if y.ndim != 1:
        raise ValueError(f"`y` must be 1-D (n_samples,), got shape {y.shape}.")
    if X.shape[0] != y.shape[0]:
        raise ValueError(
            f"`X` and `y` must hold the same number of samples, got {X.shape[0]} and {y.shape[0]}."
        )
    if X.shape[0] < 2 or X.shape[1] < 1:
        raise ValueError(f"`X` needs at least 2 samples and 1 feature, got shape {X.shape}.")


def discrete_features_spec(value, n_features: int) -> None:
    raise ValueError(
        f"`discrete_features` must be 'auto', a bool, a boolean mask of length "
        f"{n_features} or indices of features in [0, {n_features}), got {value!r}."
    )


def continuous_target(y: np.ndarray) -> None:
    raise ValueError(
        f"`y` holds non-integer numbers such as {y.flat[0]!r}: mutual_info_classif needs "
        f"class labels; use mutual_info_regression for a continuous target."
    )


def sparse_continuous() -> None:
    raise ValueError(
        "sparse `X` can't have continuous features; pass discrete_features=True or a dense X."
    )


def random_state(value) -> np.random.RandomState:
    """scikit-learn's `random_state` forms: None, an int or a RandomState."""
    if value is None or value is np.random:
        return np.random.mtrand._rand
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return np.random.RandomState(value)
    if isinstance(value, np.random.RandomState):
        return value
    raise TypeError(
        f"`random_state` must be None, an int or a numpy.random.RandomState, got {value!r}."
    )


# ---- refactor


def label_array(x, name: str) -> np.ndarray:
    """Observed labels as an array of shape (n,) or (n, k) of a usable dtype."""
    try:
        arr = np.asarray(x)
    except ValueError as exc:  # ragged nested sequences
        raise ValueError(f"`{name}` cannot be read as an array of labels: {exc}") from None
    if arr.ndim not in (1, 2):
        raise ValueError(
            f"`{name}` must be 1-D (one label per observation) or 2-D (one row per "
            f"observation), got an array of shape {arr.shape}."
        )
    if arr.dtype.kind not in "biufcmMOUS":
        raise TypeError(f"`{name}` has dtype {arr.dtype}, which cannot be used as labels.")
    if arr.ndim == 2 and arr.shape[1] == 0:
        raise ValueError(
            f"`{name}` has shape {arr.shape}: a 2-D variable's value is its row, so it "
            f"needs at least one column."
        )
    return arr


def missing_labels(arr: np.ndarray) -> np.ndarray | None:
    """Which observations (rows, for 2-D) of `arr` are missing; None if none are.

    ``None`` also when the dtype cannot hold a missing value (ints, bools,
    strings), so the common case costs no pass over the data.
    """
    kind = arr.dtype.kind
    if kind in "fc":
        missing = np.isnan(arr)
    elif kind in "mM":
        missing = np.isnat(arr)
    elif kind == "O":
        missing = _missing_objects(arr).astype(bool)
    else:
        return None
    if arr.ndim == 2:
        missing = missing.any(axis=1)
    return missing if missing.any() else None


def unorderable_labels(exc: Exception, name: str | None = None):
    if name is None:
        raise UnorderableLabels(exc) from None
    raise TypeError(
        f"`{name}` holds labels that are not mutually orderable (such as numbers mixed "
        f"with strings; labels are sorted into categories): {exc}"
    ) from None


def too_many_rows(sizes) -> None:
    raise ValueError(f"too many distinct rows to count ({' x '.join(map(str, sizes))}).")


def inexact_merge(a: np.ndarray, b: np.ndarray, axis: int) -> None:
    raise TypeError(
        f"cannot merge counts whose variable {axis} has labels of dtype {a.dtype} with "
        f"labels of dtype {b.dtype}: no common dtype holds every label of both exactly; "
        f"convert the labels to one dtype (or to Python ints in an object array) first."
    )


def categories_shape(shape, lengths) -> None:
    raise ValueError(
        f"`categories` must hold one label array per axis of `table`, of lengths "
        f"{shape}; got lengths {lengths}."
    )


def category_labels_shape(axis: int, shape) -> None:
    raise ValueError(
        f"`categories[{axis}]` has shape {shape}: labels are one per index (1-D), or "
        f"rows of at least one column (2-D)."
    )


def distinct_categories(axis: int) -> None:
    raise ValueError(f"`categories[{axis}]` must hold distinct labels.")


def update_arity(held: int, got: int) -> None:
    if got == 0:
        raise ValueError("update() needs at least one variable.")
    raise ValueError(f"these counts hold {held} variable(s); update() got {got}.")


def merge_arity(a: int, b: int) -> None:
    raise ValueError(f"cannot merge counts of {a} variable(s) with counts of {b}.")


def empty_counts_axes(axes) -> None:
    raise ValueError(f"empty Counts hold no variables; `axes` {tuple(axes)} name none of them.")


def marginal_axes(axes, ndim: int) -> tuple[int, ...]:
    """`axes` as distinct variable indices in [0, ndim)."""
    axes = tuple(axes)
    if not all(isinstance(a, numbers.Integral) and not isinstance(a, bool) for a in axes):
        raise TypeError(f"`axes` must be integers, got {axes!r}.")
    if ndim == 0:
        empty_counts_axes(axes)
    if len(set(axes)) != len(axes) or not all(0 <= a < ndim for a in axes):
        raise ValueError(f"`axes` must be distinct variable indices in [0, {ndim}), got {axes!r}.")
    return tuple(int(a) for a in axes)


def counts_arity(expected: int, got: int) -> None:
    raise ValueError(f"expected Counts of {expected} variable(s), got {got}.")


def counts_or_variables(names=()) -> None:
    """Raise for a Counts among several variables; `names`: those given as a Counts."""
    which = (
        f"{_listed(names)} {'is a Counts' if len(names) == 1 else 'are Counts'}: " if names else ""
    )
    raise TypeError(f"{which}pass either one Counts or the variables themselves, not both.")


def variables_arity(names, got: int) -> None:
    if not names:
        raise TypeError("expected at least one variable.")
    raise TypeError(f"expected {len(names)} variables ({', '.join(names)}), got {got}.")


def no_observations(names=()) -> None:
    """Nothing to estimate from; `names`: the variables (or Counts) that are empty."""
    what = (
        "the input is" if not names else f"{_listed(names)} {'is' if len(names) == 1 else 'are'}"
    )
    raise ValueError(f"no observations: {what} empty (after dropping missing values).")


def empty_counts() -> None:
    raise ValueError("`counts` must hold at least one observation.")


def estimator_for(estimator, measure: str, supported, every) -> str:
    """Check `estimator` against the estimators of `measure` (`every`: all names)."""
    if isinstance(estimator, str) and estimator in supported:
        return estimator
    if not isinstance(estimator, str) or estimator not in every:
        return choice(estimator, "estimator", tuple(every))
    valid = ", ".join(repr(o) for o in supported)
    raise ValueError(
        f"`estimator` {estimator!r} does not estimate {measure}; the estimators that do: {valid}."
    )


def alphabet_option(k) -> int | None:
    """`k` (an alphabet size) checked before any counting: None or an integer >= 1."""
    if k is None:
        return None
    if isinstance(k, bool) or not isinstance(k, numbers.Integral):
        raise TypeError(f"`k` must be an integer, got {type(k).__name__}.")
    if k < 1:
        raise ValueError(f"`k` (the alphabet size) must be at least 1, got {k}.")
    return int(k)


# ---- cli
# Texts of the command line's file errors (infomeasures.cli reports each as one line).

_OTHER_SEPARATORS = {";": "';'", "\t": "tab", "|": "'|'", ",": "','"}


def cli_not_text(name: str, encoding: str, line: int | None, exc: UnicodeDecodeError) -> str:
    where = f" (line {line}, byte 0x{exc.object[exc.start]:02x})" if line is not None else ""
    other = "latin-1" if encoding in ("utf-8", "utf-8-sig") else "utf-8"
    return (
        f"cannot read {name} as {encoding} text{where}; "
        f"pass --encoding with the file's encoding, e.g. --encoding {other}"
    )


def cli_binary(name: str) -> str:
    return f"{name} is not a CSV/TSV text file (it contains NUL bytes)"


def cli_cr_line_endings(name: str) -> str:
    return (
        f"{name} ends its lines with a bare CR (classic Mac OS); "
        "convert them to LF or CRLF line endings first"
    )


def cli_bad_gzip(name: str, exc: Exception) -> str:
    return f"cannot decompress {name}: {exc or type(exc).__name__} (a damaged or truncated .gz?)"


def cli_no_column(column: str, name: str, header: list[str], sep: str) -> str:
    message = f"no column {column!r} in {name}; its columns are: " + ", ".join(header)
    if len(header) == 1:
        # One wide column: the file is probably separated by another character.
        for other, shown in _OTHER_SEPARATORS.items():
            if other != sep and other in header[0]:
                return message + f" (separated by {shown}? pass --sep {shown})"
    return message


# ---- metrics


def labeling(x, name: str) -> None:
    """Raise unless `x` is 1-D: one cluster label per sample."""
    ndim = np.ndim(ragged_checked(x, name))
    if ndim != 1:
        raise ValueError(f"`{name}` must be 1-D, got an array of shape {np.shape(x)}.")


def contingency_ndim(ndim: int) -> None:
    if ndim != 2:
        raise ValueError(f"`contingency` must be 2-D, got {ndim} axes.")


def counts_not_labels(x, name: str) -> None:
    raise TypeError(
        f"`{name}` must be an array of labels, one per sample, got {type(x).__name__}: "
        f"a table of counts no longer says which sample holds which label."
    )


def loss_labels(x, name: str) -> np.ndarray:
    """1-D class labels of any type; a missing label (NaN, None, NaT) is an error."""
    arr = label_array(x, name)
    if arr.ndim != 1:
        raise ValueError(f"`{name}` must be 1-D, got an array of shape {arr.shape}.")
    if arr.size == 0:
        raise ValueError(f"`{name}` is empty: there is no sample to score.")
    missing = missing_labels(arr)
    if missing is not None:
        i = int(np.flatnonzero(missing)[0])
        raise ValueError(f"`{name}` has a missing label (NaN, None or NaT) at index {i}.")
    return arr


def unsortable_labels(names: str) -> None:
    raise TypeError(
        f"{names} hold labels that cannot be compared with each other (such as strings "
        f"mixed with numbers); classes are ordered by sorting them, as scikit-learn does."
    )


def unknown_label(label) -> None:
    raise ValueError(f"`y_true` holds the label {label!r}, not among `labels`.")


def too_few_classes(classes) -> None:
    raise ValueError(
        f"log_loss needs at least two classes, got {list(classes)} in `y_true`; "
        f"pass every class through `labels`."
    )


def class_columns(n_columns: int, classes, *, one_d: bool = False) -> None:
    if n_columns == len(classes):
        return
    if one_d:
        raise ValueError(
            f"a 1-D `y_proba` (the probability of the positive class) needs two classes, "
            f"got {len(classes)}: {list(classes)}."
        )
    raise ValueError(
        f"`y_proba` has {n_columns} columns but there are {len(classes)} "
        f"classes {list(classes)} in `y_true`; pass every class through `labels`."
    )


def class_probabilities(x, n: int) -> np.ndarray:
    """Predicted probabilities of shape (n,) or (n, K), in their float dtype.

    float16/32/64 keep their dtype (scikit-learn clips at its eps); other
    numbers become float64.  One read of an (n, K) array for the minimum and
    the row sums (`_probability_rows`): NaN fails the first, inf the second,
    and an entry above 1 makes its row sum exceed 1, so entries above 1 pass
    only within the sum tolerance (and the caller's clip to 1 - eps removes
    them).
    """
    arr = ragged_checked(x, "y_proba")
    if not (arr.dtype.kind == "f" and arr.dtype.itemsize <= 8):
        arr = as_float_array(arr, "y_proba")[0]
    if arr.ndim == 2 and arr.shape[1:] == (1,):  # one column: the positive class
        arr = arr[:, 0]
    if arr.ndim not in (1, 2) or arr.shape[0] != n:
        raise ValueError(
            f"`y_proba` must have shape (n_samples,) or (n_samples, n_classes) with "
            f"n_samples = {n} (the length of `y_true`), got {arr.shape}."
        )
    if arr.ndim == 1 or arr.size == 0:
        check_unit_interval(arr, "y_proba")
        return arr
    tol = sum_tolerance(arr.dtype, arr.shape[1])
    if _probability_rows(arr, tol):
        return arr
    msg = _describe_bad_entries(arr, "y_proba")
    if msg is not None:
        raise ValueError(msg)
    sums = np.einsum("ij->i", arr)
    dev = np.abs(sums - 1)
    i = int(np.argmax(np.where(np.isnan(dev), np.inf, dev)))
    raise ValueError(
        f"`y_proba` rows must sum to 1 (row {i} sums to {float(sums[i])!r}); "
        f"pass predicted probabilities, such as the output of predict_proba."
    )


def _probability_rows(arr: np.ndarray, tol: float) -> bool:
    """Whether every entry is >= 0 (not NaN) and every row sums to 1 within `tol`.

    Block by block (2**18 entries): the row sums read each block from memory
    and the minimum then reads it from cache, 20% faster than two whole passes.
    """
    rows = max(1, 2**18 // arr.shape[1])
    for start in range(0, arr.shape[0], rows):
        block = arr[start : start + rows]
        # einsum reads the rows faster than add.reduce along a short last axis.
        sums = np.einsum("ij->i", block)
        if not (np.minimum.reduce(block, axis=None) >= 0):
            return False
        if not (np.minimum.reduce(sums) >= 1 - tol and np.maximum.reduce(sums) <= 1 + tol):
            return False
    return True


def sample_weights(x, n: int) -> tuple[np.ndarray, float]:
    """Non-negative finite weights of shape (n,), not all zero, divided by their maximum.

    Returns the scaled weights and the maximum.  Scaling first keeps the sum
    of weights like [1e308, 1e308] finite.  All-zero weights leave no sample
    to average (scikit-learn raises for them too).
    """
    arr, _ = as_float_array(x, "sample_weight")
    if arr.shape != (n,):
        raise ValueError(f"`sample_weight` must have shape ({n},), got {arr.shape}.")
    # min >= 0 fails for NaN; max is then finite unless an entry is inf.
    top = float(np.maximum.reduce(arr))
    if not (np.minimum.reduce(arr) >= 0 and math.isfinite(top)):
        raise ValueError(_describe_bad_entries(arr, "sample_weight"))
    if top == 0:
        raise ValueError(
            "`sample_weight` is zero for every sample, which leaves no sample to score; "
            "pass at least one positive weight."
        )
    return arr / top, top


# ---- resampling
def n_resamples(value) -> int:
    """Check a number of resamples: a positive integer."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"`n_resamples` must be an integer, got {type(value).__name__}.")
    if value < 1:
        raise ValueError(f"`n_resamples` must be at least 1, got {value}.")
    return int(value)


def confidence_level(value) -> float:
    """Check a confidence level: strictly between 0 and 1."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"`confidence_level` must be a real number, got {type(value).__name__}.")
    if not 0 < value < 1:
        raise ValueError(f"`confidence_level` must be in the open interval (0, 1), got {value}.")
    return float(value)


def generator(rng) -> np.random.Generator:
    """`rng` as scipy takes it: None, an integer seed, a SeedSequence or a Generator."""
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is not None and (
        isinstance(rng, bool)
        or not isinstance(rng, numbers.Integral | np.random.SeedSequence | np.random.BitGenerator)
    ):
        raise TypeError(
            f"`rng` must be None, an integer seed or a numpy.random.Generator, "
            f"got {type(rng).__name__}."
        )
    if isinstance(rng, numbers.Integral) and rng < 0:
        raise ValueError(f"`rng` as a seed must be non-negative, got {rng}.")
    return np.random.default_rng(rng)


def resampling_method(method, estimator: str, *, counted: bool) -> str:
    """Check a test method supports the estimator: the G-test is the plug-in's, on counts."""
    method = choice(method, "method", ("permutation", "g-test"))
    if method == "g-test" and not (counted and estimator == "plugin"):
        what = f"estimator={estimator!r}" if counted else "continuous data"
        raise ValueError(
            "`method` 'g-test' needs estimator='plugin' on counted data (G = 2 N I of "
            f"the plug-in is what is chi-squared); got {what}. Use method='permutation'."
        )
    return method


def alternative(value, method: str) -> str:
    """Direction of the test; the G-test's statistic has only an upper tail."""
    value = choice(value, "alternative", ("greater", "less", "two-sided"))
    if method == "g-test" and value != "greater":
        raise ValueError(
            f"`alternative` must be 'greater' for method='g-test' (G is chi-squared "
            f"only in its upper tail); got {value!r}."
        )
    return value


# Largest table total each resampler handles: scipy.stats.random_table
# (Patefield's algorithm) slows to seconds per table and then crashes beyond
# about 2**32 observations; numpy's multinomial needs an int64 total.
_RESAMPLING_TOTALS = {"permutation": 2**31 - 1, "bootstrap": 2**63 - 1}


def resampling_total(n: int, resampler: str) -> None:
    """Check the table's total is within what the resampler supports."""
    limit = _RESAMPLING_TOTALS[resampler]
    if n > limit:
        hint = (
            "use method='g-test', whose chi-squared approximation is accurate at this size"
            if resampler == "permutation"
            else "the interval of an estimate from this many observations is its sampling "
            "error, far below the estimate's rounding"
        )
        raise ValueError(
            f"the {resampler} of a counted table supports totals up to {limit}; this table "
            f"holds {n} observations: {hint}."
        )


# ---- measures


class _BeyondFloat(ValueError):
    """A Python int in the data is beyond the float range."""


def _object_floats(arr: np.ndarray, name: str) -> np.ndarray:
    """Convert an object array (Python numbers) to float64, refusing None and huge ints."""
    # astype would turn None into NaN and report "contains NaN".
    if np.equal(arr, None).any():
        raise TypeError(f"`{name}` must hold real numbers, got None among its entries.")
    try:
        return arr.astype(np.float64)
    except OverflowError:
        raise _BeyondFloat(
            f"`{name}` holds an integer beyond the float range (about 1.8e308)."
        ) from None
    except (TypeError, ValueError):
        raise TypeError(
            f"`{name}` must hold real numbers, got an array of dtype object "
            f"(for observed labels use infomeasures.samples)."
        ) from None


# Distributions up to this many entries are checked on a Python list: the
# sum exactly with math.fsum, the signs always (min of a list costs less
# than an errstate block or a ufunc call).
SMALL = 64


def _normalized(arr: np.ndarray, name: str, axis: int | None) -> np.ndarray:
    """Non-negative weights divided by their sum along `axis` (overflow ignored by caller)."""
    s = np.add.reduce(arr, axis=axis, keepdims=True)
    if not np.isfinite(s).all():
        if not np.isfinite(arr).all():
            raise ValueError(_describe_bad_entries(arr, name))
        # Finite weights whose sum overflows: a power of two brings the
        # largest to [0.5, 1) exactly, then the sum is at most the count.
        _, e = np.frexp(np.maximum.reduce(arr, axis=axis, keepdims=True))
        arr = np.ldexp(arr, -e)
        s = np.add.reduce(arr, axis=axis, keepdims=True)
    if not (s > 0).all():
        raise ValueError(
            f"`{name}` has a distribution whose weights are all zero; it cannot be normalised."
        )
    return arr / s


def _exact_normalized(x, name: str, axis: int | None) -> np.ndarray:
    """Weights holding Python ints beyond the float range, divided exactly.

    Python's int / int is correctly rounded whatever the sizes, so each
    probability is the float nearest to the exact quotient.
    """
    obj = np.asarray(x, dtype=object)
    check_ndim(obj, name)
    if axis is not None:
        axis = normalize_axis(axis, obj.ndim)
    try:
        s = np.add.reduce(obj, axis=axis, keepdims=True)
        if not (obj >= 0).all():
            raise ValueError(f"`{name}` has negative entries.")
        if not (s > 0).all():
            raise ValueError(
                f"`{name}` has a distribution whose weights are all zero; it cannot be normalised."
            )
        return (obj / s).astype(np.float64)
    except (OverflowError, TypeError):
        raise ValueError(
            f"`{name}` mixes integers beyond the float range with other numbers; "
            "pass them all as Python ints to have them rescaled exactly."
        ) from None


def _shown(value) -> str:
    """Return a short echo of a received value (a huge int has no usable repr)."""
    if isinstance(value, int) and abs(value) > 10**30:
        return f"an integer of about {int(value.bit_length() * 0.30103) + 1} digits"
    shown = repr(value)
    return shown if len(shown) <= 40 else f"{shown[:20]}... (a {type(value).__name__})"


def distance_base(scale: float, base) -> None:
    """`js_distance` needs a base above 1: below 1 every JS divergence is <= 0."""
    if scale < 0:
        raise ValueError(
            f"`base` must exceed 1 for js_distance, got {base}: in a base below 1 the "
            f"JS divergence is negative and has no real square root (use js_divergence)."
        )


def enough_variables(arr: np.ndarray, name: str, n: int) -> None:
    """Check a joint table has one axis per variable, at least `n` of them."""
    if arr.ndim < n:
        raise ValueError(
            f"`{name}` must be a joint table with at least {n} axes (one per variable), "
            f"got an array of shape {arr.shape}."
        )


def order(alpha, name: str) -> float:
    """Check a Rényi order: a real number in [0, inf] (inf allowed)."""
    if isinstance(alpha, bool) or not isinstance(alpha, numbers.Real):
        raise TypeError(f"`{name}` must be a real number, got {type(alpha).__name__}.")
    try:
        value = float(alpha)
    except OverflowError:  # a Python int beyond the float range: the limit is inf
        value = math.inf
    if not value >= 0:
        raise ValueError(f"`{name}` must be non-negative (0 to inf), got {alpha}.")
    return value


def tsallis_index(q) -> float:
    if isinstance(q, bool) or not isinstance(q, numbers.Real):
        raise TypeError(f"`q` must be a real number, got {type(q).__name__}.")
    try:
        value = float(q)
    except OverflowError:
        value = math.inf
    if not (value > 0 and math.isfinite(value)):
        raise ValueError(f"`q` (the Tsallis index) must be positive and finite, got {q}.")
    return value


def stacked_axis(axis, shape: tuple) -> int:
    """Return the outcome axis of a stack of distributions (axis 0 indexes them)."""
    if len(shape) < 2:
        raise ValueError(
            f"`p` alone must stack distributions along axis 0 (shape (m, ..., K)), "
            f"got an array of shape {shape}; pass `q` for two distributions."
        )
    ax = normalize_axis(axis, len(shape))
    if ax == 0:
        raise ValueError("`axis` must not be 0 for a stack of distributions: axis 0 indexes them.")
    return ax


def mixture_weights(weights, m: int) -> np.ndarray:
    """Mixture weights of m distributions: non-negative, summing to 1; default equal."""
    if weights is None:
        return np.full(m, 1.0 / m)
    w, dtype = as_float_array(weights, "weights")
    if w.shape != (m,):
        raise ValueError(f"`weights` must have shape ({m},), one per distribution, got {w.shape}.")
    msg = _describe_bad_entries(w, "weights")
    if msg is not None:
        raise ValueError(msg)
    with np.errstate(over="ignore"):  # weights such as 1e308 sum to inf: reported below
        total = float(np.add.reduce(w))
    if not abs(total - 1.0) <= sum_tolerance(dtype, m):
        raise ValueError(f"`weights` must sum to 1 (it sums to {total!r}).")
    return w


# ---- wire


def discrete_option(value, names) -> tuple[bool, ...] | None:
    """`discrete` as one flag per variable (None: decide by dtype), checked before any work."""
    if value is None:
        return None
    if isinstance(value, (bool, np.bool_)):
        return (bool(value),) * len(names)
    try:
        flags = tuple(value)
    except TypeError:
        flags = None
    if flags is None or not all(isinstance(f, (bool, np.bool_)) for f in flags):
        raise TypeError(
            f"`discrete` must be None, a bool or one bool per variable, got {value!r}."
        )
    if len(flags) != len(names):
        raise ValueError(
            f"`discrete` must hold one bool per variable ({', '.join(names)}), "
            f"got {len(flags)}: {value!r}."
        )
    return tuple(bool(f) for f in flags)


def continuous_for_counts(estimator: str, continuous) -> None:
    raise ValueError(
        f"`discrete` marks {', '.join(continuous)} as continuous, but `estimator` "
        f"{estimator!r} counts labels; use a continuous estimator (such as 'ksg') or "
        f"bin the values with samples.discretize."
    )


def counts_to_continuous(estimator: str) -> None:
    raise TypeError(
        f"`estimator` {estimator!r} needs the observations themselves, got a Counts "
        f"table (counts of labels have no distances); pass the arrays."
    )


def needs_continuous(estimator: str, name: str, dtype) -> None:
    raise ValueError(
        f"`estimator` {estimator!r} needs continuous variables, but `{name}` is discrete "
        f"(dtype {dtype}); pass discrete=False to read its values as numbers, or use "
        f"a count estimator."
    )


def not_numbers(name: str, dtype) -> None:
    raise TypeError(
        f"`{name}` is continuous here but holds values of dtype {dtype}, not real "
        f"numbers; mark it discrete (discrete=True) or convert it."
    )


def point_shape(name: str, shape) -> None:
    raise ValueError(
        f"`{name}` must be 1-D (one value per observation) or 2-D (one row per "
        f"observation), got an array of shape {shape}."
    )


def sample_dimensions(dx: int, dy: int) -> None:
    raise ValueError(
        f"`x` and `y` must be samples of the same dimension, got {dx} and {dy} columns."
    )


def small_stratum(name: str, size: int, n_neighbors: int) -> None:
    raise ValueError(
        f"a class of the discrete `{name}` has {size} observation(s), but the neighbour "
        f"estimate within each class needs more than `n_neighbors` ({n_neighbors}); "
        f"lower `n_neighbors` or merge rare classes."
    )


def discrete_pair_given_continuous(name: str) -> None:
    raise ValueError(
        f"'ksg' estimates I(x; y | z) with a continuous `{name}` only when at most one "
        f"of `x` and `y` is discrete; discretize `{name}` (samples.discretize) or make "
        f"one of `x`, `y` continuous."
    )


def discrete_target_only(estimator: str, name: str) -> None:
    raise ValueError(
        f"`estimator` {estimator!r} estimates H(x | y) only for a discrete `x` "
        f"(H(x) - I(x; y)); `{name}` is continuous."
    )


def table_data(data) -> None:
    raise ValueError(
        f"`data` must be 2-D (observations x columns) with at least one column, "
        f"got shape {np.shape(data)}."
    )


def continuous_data_message(name: str, distinct: int, n: int, estimators) -> str:
    return (
        f"`{name}` holds floating-point values, {distinct} distinct among {n} "
        f"observations: a count estimator treats each distinct value as its own label, "
        f"so measurements give about log(n) bits whatever they hold. For measurements use "
        f"a continuous estimator ({', '.join(repr(e) for e in estimators)}) or bin them "
        f"with samples.discretize; pass discrete=True if they really are labels."
    )


def pseudocount_for(estimator: str) -> None:
    raise ValueError(
        f"`pseudocount` smooths counts of labels, so only the 'plugin' estimator takes "
        f"it; `estimator` is {estimator!r}."
    )


# ---- inputs


def no_columns(name: str) -> None:
    raise ValueError(
        f"`{name}` is a DataFrame with no columns; a DataFrame is one variable whose "
        f"values are its rows, so it needs at least one column."
    )


# ---- features


def missing_cluster_label(mask: np.ndarray, name: str) -> None:
    i = int(np.flatnonzero(mask)[0])
    raise ValueError(
        f"`{name}` has a missing label (NaN, None, NaT, pandas NA or masked) at index {i}; "
        f"a clustering metric scores every sample: drop the samples with a missing label "
        f"from both labelings first."
    )


# ---- multisamples


def too_few_variables(need: int, got: int) -> None:
    raise ValueError(
        f"`variables` must hold at least {need} variables (arrays, or one Counts with an axis "
        f"per variable) for this measure, got {got}."
    )


def conditional_matrix_estimator(estimator: str, count_estimators) -> None:
    raise ValueError(
        f"`method`='conditional' conditions on every other column, which is feasible for "
        f"labels with a count estimator ({', '.join(repr(e) for e in count_estimators)}); "
        f"`estimator` is {estimator!r}. Bin measurements with samples.discretize, or use "
        f"method='pairwise'."
    )


# ---- significance


def cli_not_a_number(text: str, column: str, line: int) -> str:
    return (
        f"cannot read {text!r} in column {column!r} at line {line} as a number; the "
        f"continuous estimators read measurements (use a count estimator for labels)"
    )


def cli_test_needs_file(command: str) -> str:
    return (
        f"--test tests observations: give {command} a file of observations with its columns "
        f"(a table of probabilities has no sampling error to test)"
    )


def cli_continuous_needs_file(estimator: str, command: str) -> str:
    return (
        f"--estimator {estimator} estimates from measurements: give {command} a file and "
        f"name its columns"
    )


# ---- pending


def too_many_resamples(value: int, limit: int) -> None:
    raise ValueError(
        f"`n_resamples` must be at most {limit:,} (one value of the statistic is kept "
        f"per resample), got {value:,}."
    )


def n_jobs(value) -> int | None:
    """scikit-learn's `n_jobs`: None or an integer."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"`n_jobs` must be None or an integer, got {value!r}.")
    return int(value)


def seed(value) -> None:
    """Check that an integer `random_state` is a seed numpy's RandomState takes."""
    if isinstance(value, numbers.Integral) and not 0 <= value < 2**32:
        raise ValueError(f"`random_state` as a seed must be in [0, 2**32 - 1], got {value}.")


def target_array(y) -> np.ndarray:
    """Return the target `y` of the feature scores as an array."""
    try:
        return np.asarray(y)
    except ValueError:  # ragged nested sequences
        raise ValueError(
            "`y` must be a 1-D array (n_samples,); got a ragged sequence "
            "(nested sequences of different lengths)."
        ) from None


def single_observation_classes(feature: int) -> None:
    raise ValueError(
        f"every value of feature {feature} of `X`, discrete by `discrete_features`, occurs "
        f"once, so no point has a neighbour of its own class (the Ross estimator needs "
        f"repeated values); treat it as continuous."
    )


# ---- boundary


class UnorderableLabels(TypeError):
    """Labels that cannot be sorted, found where the variable's name is not known.

    `_counts` catches it and reports the variable by name
    (``unorderable_labels(exc.reason, name)``).
    """

    def __init__(self, reason: Exception):
        super().__init__(f"labels must be mutually orderable: {reason}")
        self.reason = reason

    def __reduce__(self):  # pickled by its reason (dask's process schedulers)
        return UnorderableLabels, (self.reason,)


def ragged_checked(x, name: str) -> np.ndarray:
    """Return ``np.asarray(x)``; a ragged nested sequence is an error naming `name`."""
    try:
        return np.asarray(x)
    except ValueError:  # "setting an array element with a sequence"
        ragged(name)


def ragged(name: str) -> None:
    raise ValueError(
        f"`{name}` must be a rectangular array; got a ragged sequence "
        f"(nested sequences of different lengths)."
    ) from None


def _listed(names) -> str:
    """`x`, or `x` and `y`, or `x`, `y` and `z`."""
    quoted = [f"`{n}`" for n in names]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} and {quoted[-1]}"


def table_categories(categories, shape: tuple) -> tuple[np.ndarray, ...]:
    """`categories` of a table of `shape`: one array of labels per axis, of its length."""
    try:
        cats = tuple(categories)
    except TypeError:
        cats = None
    if cats is None or isinstance(categories, str | bytes):
        raise TypeError(
            f"`categories` must be a sequence of label arrays, one per axis of `table`, "
            f"got {_shown(categories)}."
        )
    arrays = tuple(ragged_checked(c, f"categories[{i}]") for i, c in enumerate(cats))
    if any(a.ndim == 0 for a in arrays):
        i = next(i for i, a in enumerate(arrays) if a.ndim == 0)
        raise TypeError(
            f"`categories` must be a sequence of label arrays, one per axis of `table`; "
            f"`categories[{i}]` is the scalar {_shown(cats[i])}."
        )
    lengths = tuple(len(a) for a in arrays)
    if lengths != tuple(shape):
        categories_shape(shape, lengths)
    return arrays


def bins_option(bins, max_bins: int):
    """`bins` of `discretize`: a count in [1, max_bins], a rule name, or increasing edges."""
    if isinstance(bins, str):
        return bins
    if isinstance(bins, numbers.Integral) and not isinstance(bins, bool):
        if bins > max_bins:
            raise ValueError(
                f"`bins` must be at most {max_bins:,} (a plug-in estimate over more bins "
                f"needs more observations than any data set holds), got {_shown(bins)}."
            )
        if bins < 1:
            bins_spec(bins)
        return int(bins)
    if isinstance(bins, bool) or bins is None:
        bins_spec(bins)
    # Complex or object edges are refused before a cast that would warn or fail.
    edges = ragged_checked(bins, "bins")
    if edges.dtype.kind not in "iuf" or edges.ndim != 1 or not 2 <= edges.size <= max_bins + 1:
        bins_spec(bins)
    edges = edges.astype(np.float64)
    if not np.isfinite(edges).all() or not (edges[1:] > edges[:-1]).all():
        bins_spec(bins)
    return edges


def too_many_bins(rule: str, count: float, max_bins: int, ranged: bool) -> None:
    over = "`range`" if ranged else "the spread of `x`"
    raise ValueError(
        f"`bins` {rule!r} asks for {count:.3g} bins over {over}, more than the limit of "
        f"{max_bins:,}: the rule's width comes from the bulk of the data; pass a number "
        f"of bins or explicit edges."
    )


def binnable_spread(lo: float, hi: float, name: str, column: int) -> None:
    """Equal-width bins need hi - lo (or, for a constant, lo +- 0.5) to be representable."""
    if math.isfinite(hi - lo) and (lo < hi or lo - 0.5 < hi + 0.5):
        return
    what = f"spans [{lo!r}, {hi!r}], wider than" if lo < hi else f"is constant at {lo!r}, beyond"
    raise ValueError(
        f"`{name}` (column {column}) {what} what equal-width bin edges can represent; "
        f"pass `range` or explicit edges."
    )


def bins_too_fine(n_bins: int, lo: float, hi: float) -> None:
    raise ValueError(
        f"`bins` {n_bins} is too many for the interval [{lo!r}, {hi!r}] of `x` (or `range`): "
        f"equal-width edges that close together are not distinct floats."
    )


def constant_columns(points: np.ndarray, name: str) -> None:
    """Raise if a continuous variable (points of shape (n, d), n > 1) has a constant column.

    Every continuous estimator refuses one (a -inf differential entropy, a
    singular covariance); checked at the boundary, where the variable's name
    is known.
    """
    if points.shape[0] > 1:
        flat = (points == points[0]).all(axis=0)
        if flat.any():
            constant_variable(name, int(np.flatnonzero(flat)[0]) if points.shape[1] > 1 else None)


def total_beyond_float(estimator: str) -> None:
    raise ValueError(
        f"`estimator` {estimator!r} computes with the total count as a float, and this "
        f"table's total is beyond the float range (about 1.8e308); use estimator='plugin', "
        f"which takes such counts exactly (every bias correction is below 1e-290 here)."
    )
