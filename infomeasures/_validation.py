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
    base = float(base)
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
    arr = np.asarray(x)
    dt = arr.dtype
    if dt.kind == "f":
        if dt != np.float64:
            arr = arr.astype(np.float64)
        return arr, dt
    if dt.kind in "biu":
        return arr.astype(np.float64), dt
    if dt.kind == "O":
        try:
            return arr.astype(np.float64), np.dtype(np.float64)
        except (TypeError, ValueError):
            pass
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
    x, name: str, *, axis: int | None, normalize: bool, sign_checked: bool = False
) -> np.ndarray:
    """Validate a probability array and return it as float64.

    `axis` is the outcome axis; ``None`` means the whole array is one
    distribution (joint tables).  With ``normalize=True`` any non-negative
    weights are accepted and rescaled to sum to 1 along `axis`.

    ``sign_checked=True`` skips the pass that looks for negative entries: the
    caller promises to feed the array to a kernel whose result is not finite
    when an entry is negative (``entr``), and to call `check_finite_nonneg`
    then.  The sum check still runs.
    """
    arr, dtype = as_float_array(x, name)
    check_ndim(arr, name)
    if axis is not None:
        axis = normalize_axis(axis, arr.ndim)
    k = arr.size if axis is None else arr.shape[axis]
    if k == 0:
        raise ValueError(f"`{name}` is empty: a distribution needs at least one outcome.")
    if arr.size == 0:  # an empty batch of non-empty distributions
        return arr
    if not (sign_checked and not normalize):
        # m >= 0 is False for NaN as well as for negative entries.
        if not np.minimum.reduce(arr, axis=None) >= 0:
            raise ValueError(_describe_bad_entries(arr, name))
    if normalize:
        s = np.add.reduce(arr, axis=axis, keepdims=True)
        if not np.isfinite(s).all():
            raise ValueError(_describe_bad_entries(arr, name) or f"`{name}` sums to infinity.")
        if not (s > 0).all():
            raise ValueError(
                f"`{name}` has a distribution whose weights are all zero; it cannot be normalised."
            )
        return arr / s
    tol = sum_tolerance(dtype, k)
    if arr.ndim == 1 or axis is None:
        # One distribution: compare a Python float (array ops cost more here).
        worst = float(np.add.reduce(arr, axis=None))
        if abs(worst - 1.0) <= tol:
            return arr
        many = False
    else:
        s = np.add.reduce(arr, axis=axis)
        many = True
        dev = np.abs(s - 1.0)
        if (dev <= tol).all():
            return arr
        worst = float(s.flat[int(np.argmax(np.where(np.isnan(dev), np.inf, dev)))])
    msg = _describe_bad_entries(arr, name)
    if msg is not None:
        raise ValueError(msg)
    where = " along `axis`" if many else ""
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
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"`{name}` must be True or False, got {value!r}.")
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
    # None, float NaN (and numpy's), pandas.NA / NaT: the values pandas treats as missing.
    if value is None:
        return True
    if isinstance(value, (float, np.floating)):  # float32 NaN too
        return value != value
    if isinstance(value, (np.datetime64, np.timedelta64)):
        return bool(np.isnat(value))
    return type(value).__name__ in ("NAType", "NaTType")


_missing_objects = np.frompyfunc(_is_missing_scalar, 1, 1)


def missing_values(mask: np.ndarray, name: str, columns=None) -> None:
    """Raise for the first missing observation; `columns`: (name, mask) per DataFrame column."""
    i = int(np.flatnonzero(mask)[0])
    where = f"index {i}"
    if columns:
        column = next(c for c, m in columns if m[i])
        where = f"index {i} (column {column!r})"
    raise ValueError(
        f"`{name}` has a missing value (NaN, None, NaT, pandas NA or masked) at {where}; "
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


# ---- nn


def nn_array(x, name: str) -> tuple[np.ndarray, np.dtype]:
    """Real input for `nn`: the array to compute with, and the dtype to return.

    float16 is computed in float32 and returned as float16 (as
    ``scipy.special`` keeps it); float32 and float64 keep their dtype;
    integers and bools become float64.  ``None`` is the wrong kind of object,
    not a NaN.
    """
    arr = np.asarray(x)
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
    """Finite non-negative weights of shape (K,) as float64; their sum may
    pass 1e308 (the losses rescale them)."""
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
    """The class axis of logits of `shape` (or, with ``several=True``, the axes
    that `axis` names: an int, a tuple of ints or None for all), normalised
    and checked to hold at least one class."""
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
    """Central-difference step per coordinate of `x`: `eps`, or by default
    eps_mach^(1/3) max(1, |x_i|), which balances truncation and rounding error.

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
    """Raise unless each point of `name` has `k` neighbours: k < n when a point's
    neighbours are the other points of its own sample, k <= n otherwise."""
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
        lo, hi = (float(v) for v in value)
    except (TypeError, ValueError):
        raise ValueError(f"`range` must be a pair (low, high), got {value!r}.") from None
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


def unorderable_labels(exc: Exception):
    raise TypeError(f"labels must be mutually orderable: {exc}") from None


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


def counts_or_variables() -> None:
    raise TypeError("pass either one Counts or the variables themselves, not both.")


def variables_arity(names, got: int) -> None:
    if not names:
        raise TypeError("expected at least one variable.")
    raise TypeError(f"expected {len(names)} variables ({', '.join(names)}), got {got}.")


def no_observations() -> None:
    raise ValueError("no observations: the input is empty (after dropping missing values).")


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


# ---- inputs


def no_columns(name: str) -> None:
    raise ValueError(
        f"`{name}` is a DataFrame with no columns; a DataFrame is one variable whose "
        f"values are its rows, so it needs at least one column."
    )
