"""Every input check of infomeasures and every error text, in one place.

Public functions call these at their boundary; nothing below the boundary
re-checks.  Checks are written to be cheap on the success path (one
``minimum.reduce`` and one ``add.reduce`` per distribution) and to spend
time only on building a precise message once something is wrong.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

_LN2 = math.log(2.0)


def log_base(base) -> float:
    """Return ``ln(base)`` after checking that `base` is a valid log base."""
    # Fast path for the default: avoids the numbers.Real ABC check.
    if base == 2 and type(base) in (int, float):
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
    try:
        arr = np.asarray(x)
    except ValueError:  # ragged nested sequences
        raise ValueError(
            f"`{name}` must be a rectangular array of numbers; got a ragged sequence "
            f"(nested sequences of different lengths)."
        ) from None
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
    s = None
    if not normalize and arr.size <= SMALL and (arr.ndim == 1 or axis is None):
        values = arr.ravel().tolist()
        # A NaN that min() passes over makes the sum NaN, reported below.
        if not min(values) >= 0:
            raise ValueError(_describe_bad_entries(arr, name))
        try:  # exact, and raises instead of warning on overflow
            worst = math.fsum(values)
        except (OverflowError, ValueError):  # sums past 1.8e308, or inf - inf
            worst = math.inf
    else:
        if not (sign_checked and not normalize):
            # m >= 0 is False for NaN as well as for negative entries.
            if not np.minimum.reduce(arr, axis=None) >= 0:
                raise ValueError(_describe_bad_entries(arr, name))
        # Non-negative entries near 1e308 may sum past the float range: that
        # is reported below (or rescaled), not leaked as a warning.
        with np.errstate(over="ignore"):
            if normalize:
                return _normalized(arr, name, axis)
            if arr.ndim == 1 or axis is None:
                worst = float(np.add.reduce(arr, axis=None))
            else:
                s = np.add.reduce(arr, axis=axis)
    tol = sum_tolerance(arrived if dtype is None else dtype, k)
    if s is None:
        if abs(worst - 1.0) <= tol:
            return arr
    else:
        dev = np.abs(s - 1.0)
        if (dev <= tol).all():
            return arr
        worst = float(s.flat[int(np.argmax(np.where(np.isnan(dev), np.inf, dev)))])
    msg = _describe_bad_entries(arr, name)
    if msg is not None:
        raise ValueError(msg)
    where = "" if s is None else " along `axis`"
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


def float_array(x, name: str) -> np.ndarray:
    """Real input for `nn`: float16 is computed in float32, float32 and
    float64 keep their dtype, integers and bools become float64."""
    arr = np.asarray(x)
    if arr.dtype.kind == "f" and arr.dtype.itemsize <= 4:
        return arr.astype(np.float32, copy=False)
    return as_float_array(arr, name)[0]


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
    # None, float NaN (and numpy's), pandas.NA / NaT: the values pandas treats as missing.
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, (np.datetime64, np.timedelta64)):
        return bool(np.isnat(value))
    return type(value).__name__ in ("NAType", "NaTType")


_missing_objects = np.frompyfunc(_is_missing_scalar, 1, 1)


def labels(x, name: str) -> tuple[np.ndarray, np.ndarray | None]:
    """Observed labels as an array of shape (n,) or (n, k), and its missing mask.

    The mask is ``None`` when the dtype cannot hold a missing value (ints,
    bools, strings), so the common case costs no pass over the data.
    """
    cat = getattr(x, "cat", None)  # a pandas Series of categorical dtype
    if cat is not None and hasattr(cat, "codes"):
        x = x.array
    if hasattr(x, "codes") and hasattr(x, "categories"):  # pandas.Categorical
        codes = np.asarray(x.codes)
        values = np.asarray(x.categories).take(np.maximum(codes, 0), axis=0)
        return values, (codes < 0) if (codes < 0).any() else None
    arr = np.asarray(x)
    if arr.ndim not in (1, 2):
        raise ValueError(
            f"`{name}` must be 1-D (one label per observation) or 2-D (one row per "
            f"observation), got an array of shape {arr.shape}."
        )
    kind = arr.dtype.kind
    if kind in "fc":
        missing = np.isnan(arr)
    elif kind in "mM":
        missing = np.isnat(arr)
    elif kind == "O":
        missing = _missing_objects(arr).astype(bool)
    elif kind in "biuUS":
        return arr, None
    else:
        raise TypeError(f"`{name}` has dtype {arr.dtype}, which cannot be used as labels.")
    if arr.ndim == 2:
        missing = missing.any(axis=1)
    return arr, missing if missing.any() else None


def missing_values(mask: np.ndarray, name: str) -> None:
    i = int(np.flatnonzero(mask)[0])
    raise ValueError(
        f"`{name}` has a missing value (NaN, None or NaT) at index {i}; "
        f"pass nan_policy='omit' to drop the observations that have one."
    )


def same_length(arrays, names) -> int:
    n = len(arrays[0])
    for arr, name in zip(arrays[1:], names[1:], strict=True):
        if len(arr) != n:
            raise ValueError(
                f"`{names[0]}` and `{name}` must hold the same number of observations, "
                f"got {n} and {len(arr)}."
            )
    return n


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


def count_table(table) -> np.ndarray:
    """A table of exact non-negative integer counts: int64, or Python ints (object)."""
    arr = np.asarray(table)
    if arr.ndim == 0:
        raise ValueError("`table` must have at least one axis (one per variable).")
    if arr.dtype.kind == "b":
        arr = arr.astype(np.int64)
    elif arr.dtype.kind == "f":
        if not np.isfinite(arr).all() or (arr != np.floor(arr)).any():
            raise ValueError("`table` must hold whole-number counts (no fractions, NaN or inf).")
        if arr.size and arr.max() >= 2.0**63:
            raise ValueError(
                "`table` holds float counts of 2**63 or more, which are not exact; "
                "pass Python ints in an object array instead."
            )
        arr = arr.astype(np.int64)
    elif arr.dtype.kind == "O":
        if not all(isinstance(c, numbers.Integral) for c in arr.flat):
            raise ValueError("`table` must hold integer counts.")
    elif arr.dtype.kind not in "iu":
        raise TypeError(f"`table` must hold integer counts, got dtype {arr.dtype}.")
    if arr.size and arr.min() < 0:
        raise ValueError(f"`table` must be non-negative, got the count {arr.min()}.")
    return arr


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
    if not (math.isfinite(value) and value >= 0):
        raise ValueError(f"`pseudocount` must be finite and non-negative, got {value}.")
    return float(value)


# ---- measures


class _BeyondFloat(ValueError):
    """A Python int in the data is beyond the float range."""


def _object_floats(arr: np.ndarray, name: str) -> np.ndarray:
    """An object array (Python numbers) as float64, refusing None and huge ints."""
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
    """A short echo of a received value (a huge int has no usable repr)."""
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
    """A joint table needs one axis per variable, at least `n` of them."""
    if arr.ndim < n:
        raise ValueError(
            f"`{name}` must be a joint table with at least {n} axes (one per variable), "
            f"got an array of shape {arr.shape}."
        )


def order(alpha, name: str) -> float:
    """A Rényi order: a real number in [0, inf] (inf allowed)."""
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
    """The outcome axis of a stack of distributions (axis 0 indexes them)."""
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
    total = float(np.add.reduce(w))
    if not abs(total - 1.0) <= sum_tolerance(dtype, m):
        raise ValueError(f"`weights` must sum to 1 (it sums to {total!r}).")
    return w
