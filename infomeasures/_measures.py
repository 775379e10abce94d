"""Information measures of discrete probability distributions.

Everything here works on probability arrays; observations, counts and
estimators live elsewhere and reduce to these functions.  Every measure is
computed in nats and divided by ``ln(base)`` once at the end.

Accuracy notes
--------------
* Entropy-type sums use ``scipy.special.entr`` / ``xlogy`` / ``rel_entr``,
  which give 0 log 0 = 0 and are non-negative term by term, so the pairwise
  sum is accurate to a few ulps.
* KL and JS divergences are sums of terms of both signs when written as
  ``p log(p/q)``; when P and Q are close the terms cancel and the relative
  error explodes.  We rewrite each term so that it is non-negative and
  evaluate it without cancellation (see `_kl_terms` and `_js_terms`).
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike
from scipy import special

from . import _validation as v

Result = float | np.ndarray

__all__ = [
    "binary_entropy",
    "conditional_entropy",
    "conditional_mutual_information",
    "cross_entropy",
    "entropy",
    "joint_entropy",
    "js_distance",
    "js_divergence",
    "kl_divergence",
    "mutual_information",
    "renyi_divergence",
    "renyi_entropy",
    "self_information",
    "tsallis_entropy",
]

_LN2 = math.log(2.0)

# With t = (q - p) / (q + p), for |t| <= 1/3 (q/p within [1/2, 2]):
#   p log(p/q) - p + q = (p+q) t^2 [1 - (1-t) t S(t^2)],
#       S(x) = sum_k x^k / (2k+3)            (from atanh t = t + t^3 S(t^2))
# All terms are positive, so the series is free of cancellation.  The
# correction (1-t) t S is at most 0.16 of the KL term, so S needs only a
# few ulps: S is the degree-9 polynomial interpolating it at the 10
# Chebyshev nodes of [0, 1/9] (coefficients from mpmath at 60 digits),
# within 1.3 eps of S there, where the Taylor series needs 15 terms.
#   p log(2p/(p+q)) + q log(2q/(p+q)) = (p+q)/2 [log1p(-t^2) + 2 t atanh t]
# (from (1±t) log(1±t)): both parts are O(t^2), the first negative and half
# the second, so the sum loses at most one bit (measured: <= 2.5 ulps
# against mpmath over |t| < 1/3), with 4 ufunc calls instead of a series.
_S_COEF = np.array(
    [
        0.3333333333333333,
        0.20000000000007292,
        0.1428571428355438,
        0.11111111358713932,
        0.09090894718066429,
        0.07692785032479312,
        0.06657072104827468,
        0.06000536404795356,
        0.04400369243072337,
        0.08082022805971766,
    ]
)


# Kernels run over blocks of this many elements so that their temporaries
# stay in cache: a loop over blocks, never over outcomes.
_BLOCK = 1 << 15


def _blockwise(kernel, p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Apply ``kernel(p, q, out)`` over cache-sized blocks of broadcast p, q."""
    if p.shape == q.shape and p.size <= _BLOCK:  # one block: no copies, no loop
        # p's memory layout, so a reduction sums in the order it would for p
        out = np.empty_like(p, dtype=np.float64)
        kernel(p, q, out)
        return out
    p, q = np.broadcast_arrays(p, q)
    shape = p.shape
    pf, qf = p.ravel(), q.ravel()  # copies only where broadcasting made views
    out = np.empty(pf.size)
    for start in range(0, pf.size, _BLOCK):
        block = slice(start, start + _BLOCK)
        kernel(pf[block], qf[block], out[block])
    return out.reshape(shape)


def _long_pair(p: np.ndarray, q: np.ndarray, keepdims: bool) -> bool:
    """Whether p, q are one long 1-D pair, for `_blockwise_sum` (else terms, then a reduce)."""
    return p.ndim == 1 and p.shape == q.shape and p.size > _BLOCK and not keepdims


def _blockwise_sum(kernel, p: np.ndarray, q: np.ndarray) -> float:
    """Sum of ``kernel``'s terms over two 1-D arrays of one shape (p twice for one).

    Block by block, each block summed while in cache: no array of all the
    terms is allocated, written out and read back (a third of the time on
    1e7 entries).  The block sums are added exactly.
    """
    buf = np.empty(min(p.size, _BLOCK))
    sums = []
    for start in range(0, p.size, _BLOCK):  # a loop over blocks, not outcomes
        block = slice(start, start + _BLOCK)
        pb, qb = p[block], q[block]
        out = buf[: pb.size]
        kernel(pb, qb, out)
        sums.append(float(np.add.reduce(out)))
    try:
        return math.fsum(sums)
    except ValueError:  # inf - inf: only from invalid entries, reported by the caller
        return math.nan


def _xlogx_block(p, _, out) -> None:
    # p + 5e-324 is p except at 0 (log stays finite there, and 0 * log = 0)
    # and for subnormal p, where it moves the term by under 1e-321.  numpy's
    # SIMD log makes this 5x faster than scipy's entr.  A negative entry
    # gives NaN for the caller to report, under the caller's errstate.
    np.add(p, 5e-324, out=out)
    np.log(out, out=out)
    out *= p


def _shannon_nats(p: np.ndarray) -> float:
    """H of a validated table (any shape, all of it one distribution), in nats.

    Past `v.SMALL` entries, summed block by block in cache (`_blockwise_sum`).
    """
    flat = p.ravel()
    if flat.size < 8:  # `distribution` checked the signs of small arrays
        # Added in order, as numpy adds fewer than 8 elements (the same bits
        # as a batch), in a fifth of a reduce's time.  Not `sum()`: from
        # Python 3.12 it compensates, and would differ from the batch.
        terms = np.log(flat + 5e-324)  # `_xlogx_block`'s steps
        terms *= flat
        total = 0.0
        for term in terms.tolist():  # fewer than 8
            total += term
        return 0.0 - total
    if flat.size <= v.SMALL:
        out = np.empty_like(flat)
        _xlogx_block(flat, None, out)
        return 0.0 - float(np.add.reduce(out))
    with np.errstate(invalid="ignore"):  # negative entries: NaN, reported by the caller
        return 0.0 - _blockwise_sum(_xlogx_block, flat, flat)


def _near_equal(p: np.ndarray, q: np.ndarray):
    """Where q/p lies in (1/2, 2): the flat indices, p + q and t = (q-p)/(q+p)."""
    s = p + q
    d = q - p
    # Strict: s = 0 (p = q = 0) is left out, so t is never 0/0.
    idx = np.flatnonzero(np.abs(d) * 3.0 < s)
    s = s.take(idx)
    return idx, s, d.take(idx) / s


def _horner(x: np.ndarray, coef: np.ndarray) -> np.ndarray:
    """sum_k coef[k] x^k, in place (numpy's polyval allocates per step)."""
    r = np.full_like(x, coef[-1])
    for c in coef[-2::-1]:
        r *= x
        r += c
    return r


def _kl_series(s: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Return p log(p/q) - p + q for |t| < 1/3, from s = p + q and t = (q-p)/(q+p)."""
    x = t * t
    return s * x * (1.0 - (1.0 - t) * t * _horner(x, _S_COEF))


def _kl_block(p, q, out) -> None:
    # p log(p/q) - p + q on numpy's SIMD log (4x faster than scipy's kl_div),
    # under the caller's errstate: q = 0 < p gives the true +inf, p = 0 gives
    # NaN (0 * -inf) until replaced by its true value q.
    r = p / q
    np.log(r, out=out)
    out *= p
    out -= p
    out += q
    if not math.isfinite(np.add.reduce(out, axis=None)):  # rare: no pass for them otherwise
        np.copyto(out, q, where=p == 0)
        _kl_overflow(p, q, out)
    _put_near_series(p, q, r, out)


def _put_near_series(p, q, r, out) -> tuple[np.ndarray, np.ndarray]:
    """Put the series' p log(p/q) - p + q into `out` where r = p/q lies in (1/2, 2).

    That is |t| < 1/3; NaN (p = q = 0) compares False.  Returns those cells' p and q.
    """
    idx = np.flatnonzero((r > 0.5) & (r < 2.0))
    pi, qi = p.take(idx), q.take(idx)
    if idx.size:
        si = pi + qi
        out.put(idx, _kl_series(si, (qi - pi) / si))
    return pi, qi


def _kl_overflow(p, q, out) -> None:
    """Redo the terms where p/q overflowed (q tiny or subnormal but positive).

    The quotient p/q is +inf once it passes 1.8e308 (p = 0.5, q = 1e-310);
    log p - log q is finite there.
    """
    idx = np.flatnonzero(np.isposinf(out) & (q > 0) & (p > 0))
    if idx.size:
        pi, qi = p.take(idx), q.take(idx)
        out.put(idx, pi * (np.log(pi) - np.log(qi)) - pi + qi)


def _kl_terms(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Non-negative terms p log(p/q) - p + q, accurate to a few ulps each.

    For distributions (sum p = sum q = 1) their sum is D(P||Q).  Far from
    p = q (q/p outside [1/2, 2]) the direct form loses at most a few ulps;
    near it, the series above is used.  Entries must be non-negative.
    """
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        return _blockwise(_kl_block, p, q)


# Dekker's splitter for the precision of np.longdouble (2**32 + 1 for the
# 64-bit significand of x87 extended, 2**27 + 1 where longdouble is a double).
_SPLIT = np.longdouble(2.0) ** ((np.finfo(np.longdouble).nmant + 2) // 2) + 1


def _two_product(a: np.ndarray, b) -> tuple[np.ndarray, np.ndarray]:
    """Split ``a * b = hi + lo`` exactly, by Dekker's splitting (Dekker 1971)."""
    hi = a * b
    c = a * _SPLIT
    ah = c - (c - a)
    al = a - ah
    c = b * _SPLIT
    bh = c - (c - b)
    bl = b - bh
    return hi, ((ah * bh - hi) + ah * bl + al * bh) + al * bl


def _ratio_terms(a, b, c, d) -> np.ndarray:
    """Non-negative terms ``A log(A/B) - A + B`` of ``A = a b`` and ``B = c d``.

    MI and CMI compare two products of a table and its marginals, e.g.
    ``p(x, y) N`` and ``p(x) p(y)``.  Near independence log(A/B) is tiny, and
    a quotient A/B that rounds first loses eps/|A/B - 1| relative accuracy
    (#13.11).  Both products are formed exactly (`_two_product`, in
    ``np.longdouble``: no underflow of 1e-200 * 1e-200 either), so the small
    difference B - A is exact up to one rounding, and t = (B - A)/(A + B)
    feeds the cancellation-free series: an exactly independent table gives
    exactly 0.  Where longdouble is a double this degrades to double accuracy.
    """
    ah, al = _two_product(a, b)
    bh, bl = _two_product(c, d)
    s = ah + bh
    with np.errstate(divide="ignore", invalid="ignore"):
        # A = 0 gives B (the -A + B part); B = 0 < A gives the true +inf.
        # t is NaN where A = B = 0, so those cells stay out of `near`.
        terms = np.where(ah > 0, ah * np.log(ah / bh) - ah + bh, bh)
        t = ((bh - ah) + (bl - al)) / s
    near = np.abs(t) * 3 < 1
    terms[near] = _kl_series(s[near], t[near])
    return terms


def _js_block(p, q, out) -> None:
    # s = 0 only where p = q = 0: the smallest subnormal in its place makes
    # those quotients 0/5e-324 = 0 and their terms xlogy(0, 0) = 0.
    s = np.maximum(p + q, 5e-324)
    np.add(special.xlogy(p, (p + p) / s), special.xlogy(q, (q + q) / s), out=out)
    idx, s, t = _near_equal(p, q)
    if t.size:
        f = np.log1p(-(t * t))
        f += 2.0 * t * np.arctanh(t)
        out.put(idx, 0.5 * s * f)


def _js_terms(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Non-negative terms of 2*JS: p log(2p/(p+q)) + q log(2q/(p+q)).

    Written without forming (p+q)/2, which underflows for subnormal inputs.
    """
    return _blockwise(_js_block, p, q)


def _reduce(terms: np.ndarray, axis, keepdims: bool) -> np.ndarray:
    return np.add.reduce(terms, axis=axis, keepdims=keepdims)


def self_information(p: ArrayLike, /, *, base: float = 2) -> Result:
    r"""Self-information (surprisal) of events of probability `p`.

    Parameters
    ----------
    p : array_like
        Event probabilities, each in [0, 1].
    base : float, default=2
        Logarithm base; 2 gives bits, ``math.e`` nats, 10 hartleys.

    Returns
    -------
    float or ndarray
        :math:`-\log_b p`, elementwise, with the shape of `p`; ``inf`` where
        ``p == 0``.

    See Also
    --------
    infomeasures.entropy : The expected self-information of a distribution.
    infomeasures.pointwise_mutual_information : What one outcome tells of another.

    Notes
    -----
    .. math:: I(p) = -\log_b p

    Examples
    --------
    >>> import infomeasures as im
    >>> im.self_information(0.5)
    1.0
    >>> im.self_information([1.0, 0.25, 0.0])
    array([ 0.,  2., inf])
    """
    scale = v.log_base(base)
    arr, _ = v.as_float_array(p, "p")
    v.check_unit_interval(arr, "p")
    with np.errstate(divide="ignore"):  # log(0) = -inf is the true value
        out = 0.0 - np.log(arr)  # 0.0 - keeps -log(1) from being -0.0
    return v.to_units(out, scale)


def entropy(
    p: ArrayLike,
    /,
    *,
    base: float = 2,
    axis: int = -1,
    keepdims: bool = False,
    normalize: bool = False,
) -> Result:
    r"""Shannon entropy of a discrete distribution.

    Parameters
    ----------
    p : array_like of shape (..., K, ...)
        Probabilities of the K outcomes along `axis`; other axes are a batch.
    base : float, default=2
        Logarithm base; 2 gives bits, ``math.e`` nats, 10 hartleys.
    axis : int, default=-1
        The outcome axis (``scipy.stats.entropy`` defaults to ``axis=0``).
    keepdims : bool, default=False
        Keep the reduced axis with length one, as in NumPy.
    normalize : bool, default=False
        If True, `p` may be any non-negative weights (counts, say) and is
        rescaled to sum to 1.  If False, `p` must sum to 1 within a tolerance
        suited to its dtype.

    Returns
    -------
    float or ndarray
        :math:`H(P)`; a float for one distribution, an array for a batch.

    See Also
    --------
    infomeasures.binary_entropy : The entropy of two outcomes, elementwise.
    infomeasures.renyi_entropy, infomeasures.tsallis_entropy
    infomeasures.samples.entropy : Estimated from observations.
    scipy.stats.entropy : The same, by default along ``axis=0`` and in nats.

    Notes
    -----
    .. math:: H(P) = -\sum_i p_i \log_b p_i, \qquad 0 \log 0 = 0

    Every term is non-negative, so the result is accurate to a few ulps.
    float16/float32 input is widened to float64 before computing, and must
    sum to 1 only to the accuracy of its own dtype.  With ``normalize=True``
    weights of any size are accepted: finite ones whose sum overflows are
    scaled by a power of two first, Python integers beyond the float range
    are divided exactly.

    Examples
    --------
    A shooter who hits with probability 0.1, and one who hits with 0.999:

    >>> import infomeasures as im
    >>> f"{im.entropy([0.1, 0.9]):.4f} bits"
    '0.4690 bits'
    >>> f"{im.entropy([0.999, 0.001]):.4f} bits"
    '0.0114 bits'

    A batch of distributions, one per row, in nats:

    >>> import math
    >>> im.entropy([[0.5, 0.5], [1.0, 0.0]], base=math.e)
    array([0.69314718, 0.        ])
    """
    scale = v.log_base(base)
    keepdims = v.check_bool(keepdims, "keepdims")
    arr = v.distribution(p, "p", axis=axis, normalize=normalize, sign_checked=True)
    ax = v.normalize_axis(axis, arr.ndim)
    h = _shannon_along(arr, ax, keepdims)
    if normalize and arr.size:
        h = _dominant_weight_terms(h, p, arr, ax, keepdims)
    if not (math.isfinite(h) if h.ndim == 0 else np.isfinite(h).all()):
        # The kernel is NaN for negative and NaN entries: the sign check
        # skipped by `distribution` happens here, and raises.
        v.check_finite_nonneg(arr, "p")
    return v.to_units(h, scale)


def binary_entropy(p: ArrayLike, /, *, base: float = 2) -> Result:
    r"""Entropy of a Bernoulli(p) variable, elementwise.

    Parameters
    ----------
    p : array_like
        Success probabilities in [0, 1].
    base : float, default=2
        Logarithm base.

    Returns
    -------
    float or ndarray
        :math:`H(p, 1-p)` with the shape of `p`.

    See Also
    --------
    infomeasures.entropy : The entropy of any number of outcomes.

    Notes
    -----
    .. math:: h(p) = -p \log_b p - (1-p) \log_b (1-p)

    The second term is computed as ``(1-p) * log1p(-p)``, so the result is
    accurate to a few ulps for p near 0 (e.g. 1e-20) as well as near 1.

    Examples
    --------
    >>> import infomeasures as im
    >>> round(im.binary_entropy(0.1), 4)
    0.469
    >>> im.binary_entropy([0.0, 0.5, 1.0])
    array([0., 1., 0.])
    """
    scale = v.log_base(base)
    arr, _ = v.as_float_array(p, "p")
    v.check_unit_interval(arr, "p")
    out = special.entr(arr) - special.xlog1py(1.0 - arr, -arr)
    return v.to_units(out, scale)


def joint_entropy(pxy: ArrayLike, /, *, base: float = 2, normalize: bool = False) -> Result:
    r"""Joint entropy H(X, Y, ...) of a joint probability table.

    Parameters
    ----------
    pxy : array_like of shape (K_X, K_Y, ...)
        Joint table with one axis per variable, ``pxy[i, j] = P(X=x_i, Y=y_j)``.
    base : float, default=2
        Logarithm base.
    normalize : bool, default=False
        Rescale non-negative weights to sum to 1.

    Returns
    -------
    float
        :math:`H(X, Y, \ldots)`.

    See Also
    --------
    infomeasures.entropy : The entropy of one variable.
    infomeasures.conditional_entropy
    infomeasures.samples.joint_entropy : Estimated from observations.

    Notes
    -----
    .. math:: H(X, Y) = -\sum_{x, y} p(x, y) \log_b p(x, y)

    Examples
    --------
    >>> import infomeasures as im
    >>> im.joint_entropy([[0.25, 0.25], [0.25, 0.25]])
    2.0
    """
    scale = v.log_base(base)
    arr = v.distribution(pxy, "pxy", axis=None, normalize=normalize)
    return v.to_units(np.add.reduce(special.entr(arr), axis=None), scale)


def _table(pxy, name: str, ndim: int, normalize: bool) -> np.ndarray:
    arr = v.distribution(pxy, name, axis=None, normalize=normalize)
    v.check_ndim(arr, name, ndim)
    return arr


def conditional_entropy(pxy: ArrayLike, /, *, base: float = 2, normalize: bool = False) -> Result:
    r"""Conditional entropy H(X|Y) of a 2-D joint table ``pxy[x, y]``.

    Parameters
    ----------
    pxy : array_like of shape (K_X, K_Y)
        Joint probabilities; rows index X, columns index Y.
    base : float, default=2
        Logarithm base.
    normalize : bool, default=False
        Rescale non-negative weights to sum to 1.

    Returns
    -------
    float
        :math:`H(X \mid Y)`.

    See Also
    --------
    infomeasures.joint_entropy, infomeasures.mutual_information
    infomeasures.samples.conditional_entropy : Estimated from observations.

    Notes
    -----
    .. math:: H(X \mid Y) = -\sum_{x, y} p(x, y) \log_b \frac{p(x, y)}{p(y)}
              = H(X, Y) - H(Y)

    It is computed from the table directly; every term is non-negative.

    Examples
    --------
    >>> import infomeasures as im
    >>> im.conditional_entropy([[0.25, 0.25], [0.25, 0.25]])
    1.0
    >>> im.conditional_entropy([[0.5, 0.0], [0.0, 0.5]])
    0.0
    """
    scale = v.log_base(base)
    arr = _table(pxy, "pxy", 2, normalize)
    ext = arr.astype(np.longdouble)
    # log(p(y)/p(x, y)) = log1p(rest/p(x, y)), rest = sum of the *other* cells
    # of the column, from prefix and suffix sums: p(y) - p(x, y) would cancel
    # where one cell carries almost all of its column.
    rest = np.zeros_like(ext)
    rest[1:] += np.cumsum(ext, axis=0)[:-1]  # exclusive prefix sums
    rest[:-1] += np.cumsum(ext[::-1], axis=0)[::-1][1:]  # exclusive suffix sums
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(ext > 0, ext * np.log1p(rest / ext), 0.0)
    # Divided by the total: the entropy of the table scaled to sum exactly to 1.
    h = np.add.reduce(terms, axis=None) / np.add.reduce(ext, axis=None)
    return v.to_units(float(h), scale)


def mutual_information(pxy: ArrayLike, /, *, base: float = 2, normalize: bool = False) -> Result:
    r"""Mutual information I(X; Y) of a 2-D joint table ``pxy[x, y]``.

    Parameters
    ----------
    pxy : array_like of shape (K_X, K_Y)
        Joint probabilities.
    base : float, default=2
        Logarithm base.
    normalize : bool, default=False
        Rescale non-negative weights to sum to 1.

    Returns
    -------
    float
        :math:`I(X; Y) \ge 0`.

    See Also
    --------
    infomeasures.conditional_mutual_information
    infomeasures.pointwise_mutual_information : The log-ratio of one cell, whose mean this is.
    infomeasures.total_correlation : The same of more than two variables.
    infomeasures.samples.mutual_information : Estimated from observations.

    Notes
    -----
    .. math:: I(X; Y) = \sum_{x, y} p(x, y) \log_b \frac{p(x, y)}{p(x) p(y)}
              = D(P_{XY} \| P_X \otimes P_Y)

    It is computed as that divergence, term by term from the table, never as
    H(X) + H(Y) - H(X, Y), so a nearly independent table gives a tiny
    non-negative value accurate relative to itself.

    Examples
    --------
    >>> import infomeasures as im
    >>> im.mutual_information([[0.5, 0.0], [0.0, 0.5]])
    1.0
    >>> im.mutual_information([[0.25, 0.25], [0.25, 0.25]])
    0.0
    """
    scale = v.log_base(base)
    ext = _table(pxy, "pxy", 2, normalize).astype(np.longdouble)
    r = np.add.reduce(ext, axis=1, keepdims=True)
    s = np.add.reduce(ext, axis=0, keepdims=True)
    n = np.add.reduce(r, axis=None)
    # I = (1/N) sum p log(p N / (r s)) = (1/N^2) sum [A log(A/B) - A + B] with
    # A = p N, B = r s: the MI of the table scaled to sum exactly to 1.
    terms = _ratio_terms(ext, n, r, s)
    mi = float(np.add.reduce(terms, axis=None) / (n * n))
    # Non-negative in theory; clipped after summation so rounding of an
    # empty-ish table can never report a negative dependence.
    return v.to_units(max(mi, 0.0), scale)


def conditional_mutual_information(
    pxyz: ArrayLike, /, *, base: float = 2, normalize: bool = False
) -> Result:
    r"""Conditional mutual information I(X; Y | Z) of a 3-D table ``pxyz[x, y, z]``.

    Parameters
    ----------
    pxyz : array_like of shape (K_X, K_Y, K_Z)
        Joint probabilities.
    base : float, default=2
        Logarithm base.
    normalize : bool, default=False
        Rescale non-negative weights to sum to 1.

    Returns
    -------
    float
        :math:`I(X; Y \mid Z) \ge 0`.

    See Also
    --------
    infomeasures.mutual_information
    infomeasures.interaction_information : I(X; Y | Z) - I(X; Y) for three variables.
    infomeasures.samples.conditional_mutual_information : Estimated from observations.

    Notes
    -----
    .. math:: I(X; Y \mid Z) = \sum_{x, y, z} p(x, y, z)
              \log_b \frac{p(z)\, p(x, y, z)}{p(x, z)\, p(y, z)}
              = H(X, Z) + H(Y, Z) - H(X, Y, Z) - H(Z)

    It is computed term by term as a divergence, like `mutual_information`.

    Examples
    --------
    X and Y are copies of a fair bit Z, so they share nothing beyond Z:

    >>> import numpy as np
    >>> import infomeasures as im
    >>> p = np.zeros((2, 2, 2)); p[0, 0, 0] = p[1, 1, 1] = 0.5
    >>> im.conditional_mutual_information(p)
    0.0

    X and Y are independent fair bits and Z = X xor Y:

    >>> p = np.zeros((2, 2, 2))
    >>> for x in (0, 1):
    ...     for y in (0, 1):
    ...         p[x, y, x ^ y] = 0.25
    >>> im.conditional_mutual_information(p)
    1.0
    """
    scale = v.log_base(base)
    ext = _table(pxyz, "pxyz", 3, normalize).astype(np.longdouble)
    pxz = np.add.reduce(ext, axis=1, keepdims=True)
    pyz = np.add.reduce(ext, axis=0, keepdims=True)
    pz = np.add.reduce(pxz, axis=0, keepdims=True)
    n = np.add.reduce(pz, axis=None)
    # I = (1/N) sum p log(p p(z) / (p(x,z) p(y,z))) = (1/N) sum [A log(A/B) - A + B] / p(z)
    # with A = p p(z), B = p(x,z) p(y,z); a slice with p(z) = 0 is all zeros.
    terms = _ratio_terms(ext, pz, pxz, pyz)
    terms = np.divide(terms, pz, out=np.zeros_like(terms), where=pz > 0)
    cmi = float(np.add.reduce(terms, axis=None) / n)
    return v.to_units(max(cmi, 0.0), scale)  # clipped as in mutual_information


def _pair(p, q, axis: int, normalize: bool):
    """Validate two distributions; each keeps the sum tolerance of its own dtype."""
    pa = v.distribution(p, "p", axis=axis, normalize=normalize)
    qa = v.distribution(q, "q", axis=axis, normalize=normalize)
    v.matching_pair(pa, qa, axis)
    return pa, qa


def cross_entropy(
    p: ArrayLike,
    q: ArrayLike,
    /,
    *,
    base: float = 2,
    axis: int = -1,
    keepdims: bool = False,
    normalize: bool = False,
) -> Result:
    r"""Cross-entropy H(P, Q) of Q relative to P.

    Parameters
    ----------
    p, q : array_like of shape (..., K, ...)
        Distributions with their K outcomes along `axis`; batch axes
        broadcast.
    base : float, default=2
        Logarithm base.
    axis : int, default=-1
        The outcome axis.
    keepdims : bool, default=False
        Keep the reduced axis with length one.
    normalize : bool, default=False
        Rescale non-negative weights to sum to 1.

    Returns
    -------
    float or ndarray
        :math:`H(P, Q)`; ``inf`` when some ``q_i = 0 < p_i``.

    See Also
    --------
    infomeasures.kl_divergence : The cross-entropy minus the entropy of `p`.
    infomeasures.entropy
    infomeasures.nn.softmax_cross_entropy : The same from logits, with its gradient.
    infomeasures.samples.cross_entropy : Estimated from two samples.

    Notes
    -----
    .. math:: H(P, Q) = -\sum_i p_i \log_b q_i = H(P) + D(P \| Q)

    Examples
    --------
    True class 0 of three, predicted probabilities [0.6, 0.3, 0.1]:

    >>> import math
    >>> import infomeasures as im
    >>> h = im.cross_entropy([1, 0, 0], [0.6, 0.3, 0.1], base=math.e)
    >>> math.isclose(h, -math.log(0.6))
    True
    >>> im.cross_entropy([0.5, 0.5], [1.0, 0.0])
    inf
    """
    scale = v.log_base(base)
    keepdims = v.check_bool(keepdims, "keepdims")
    pa, qa = _pair(p, q, axis, normalize)
    terms = -special.xlogy(pa, qa)
    return v.to_units(_reduce(terms, axis, keepdims), scale)


def kl_divergence(
    p: ArrayLike,
    q: ArrayLike,
    /,
    *,
    base: float = 2,
    axis: int = -1,
    keepdims: bool = False,
    normalize: bool = False,
) -> Result:
    r"""Kullback–Leibler divergence D(P‖Q).

    Parameters
    ----------
    p, q : array_like of shape (..., K, ...)
        Distributions with their K outcomes along `axis`; batch axes
        broadcast.
    base : float, default=2
        Logarithm base.
    axis : int, default=-1
        The outcome axis.
    keepdims : bool, default=False
        Keep the reduced axis with length one.
    normalize : bool, default=False
        Rescale non-negative weights to sum to 1.

    Returns
    -------
    float or ndarray
        :math:`D(P \| Q) \ge 0`; ``inf`` when some ``q_i = 0 < p_i``.

    See Also
    --------
    infomeasures.cross_entropy, infomeasures.js_divergence
    infomeasures.renyi_divergence : The Rényi divergence of order alpha; order 1 is this.
    infomeasures.samples.kl_divergence : Estimated from two samples.
    scipy.special.rel_entr : The elementwise terms.

    Notes
    -----
    .. math:: D(P \| Q) = \sum_i p_i \log_b \frac{p_i}{q_i}
              = \sum_i \left(p_i \log_b \frac{p_i}{q_i} - p_i + q_i\right)

    The second form (equal to the first when both sum to 1) has non-negative
    terms; each is evaluated without cancellation, through a series in
    :math:`t = (q_i - p_i)/(q_i + p_i)` where :math:`q_i/p_i \in [1/2, 2]`.
    So D is accurate *relative to itself* even when P and Q agree to 12
    digits.  Inputs that sum to 1 only within the tolerance get the second
    form, which is also the generalised divergence of non-negative measures.

    Examples
    --------
    >>> import infomeasures as im
    >>> im.kl_divergence([0.5, 0.5], [0.25, 0.75])  # doctest: +ELLIPSIS
    0.2075...
    >>> im.kl_divergence([0.5, 0.5], [1.0, 0.0])
    inf
    >>> im.kl_divergence([1.0, 0.0], [0.5, 0.5])
    1.0
    """
    scale = v.log_base(base)
    keepdims = v.check_bool(keepdims, "keepdims")
    pa, qa = _pair(p, q, axis, normalize)
    if _long_pair(pa, qa, keepdims):
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            return v.to_units(_blockwise_sum(_kl_block, pa, qa), scale)
    return v.to_units(_reduce(_kl_terms(pa, qa), axis, keepdims), scale)


# Vectors this short cost more in numpy's per-call overhead (about 0.3 us a
# ufunc) than in arithmetic: `_js_short` does theirs on Python floats.
# numpy adds fewer than 8 elements in order (8 and more pairwise), so up to
# 7 the Python sum has the bits of the array path's.
_SHORT = 7
_SHORT_TOL = v.sum_tolerance(np.dtype(np.float64), _SHORT)  # the same for any k <= 7


def _short_floats(x) -> list | None:
    """`x` as a list of 1 to `_SHORT` floats if it is such a float64 vector or list, else None."""
    if type(x) is np.ndarray:
        if x.dtype == np.float64 and x.ndim == 1 and 0 < x.size <= _SHORT:
            return x.tolist()
        return None
    if type(x) in (list, tuple) and 0 < len(x) <= _SHORT and all(type(e) is float for e in x):
        return list(x)
    return None


def _sums_to_one(values: list) -> bool:
    if not min(values) >= 0:
        return False
    try:
        return abs(math.fsum(values) - 1.0) <= _SHORT_TOL
    except (OverflowError, ValueError):  # inf entries
        return False


def _js_short(p, q) -> float | None:
    """JS in nats of two short 1-D float vectors, on Python floats.

    The terms of `_js_block`, written out the same way (libm's log, as in
    scipy's xlogy, and libm's log1p and atanh for nearly equal entries,
    where numpy's SIMD loops may differ from libm by an ulp), summed in
    order as numpy sums fewer than 8 elements.  Returns None, deferring to
    the array path and its messages, for anything but two valid vectors.
    """
    pl = _short_floats(p)
    ql = _short_floats(q) if pl is not None else None
    if ql is None or len(ql) != len(pl) or not (_sums_to_one(pl) and _sums_to_one(ql)):
        return None
    total = 0.0
    for a, b in zip(pl, ql, strict=True):  # at most _SHORT outcomes
        s = a + b
        d = b - a
        if abs(d) * 3.0 < s:
            t = d / s
            total += 0.5 * s * (math.log1p(-(t * t)) + 2.0 * t * math.atanh(t))
        else:
            s = max(s, 5e-324)
            total += (a * math.log((a + a) / s) if a else 0.0) + (
                b * math.log((b + b) / s) if b else 0.0
            )
    return min(0.5 * total, _LN2)


def _js_nats(p, q, axis, keepdims, normalize):
    if keepdims is False and normalize is False and type(axis) is int and axis in (0, -1):
        js = _js_short(p, q)
        if js is not None:
            return js
    keepdims = v.check_bool(keepdims, "keepdims")
    pa, qa = _pair(p, q, axis, normalize)
    if _long_pair(pa, qa, keepdims):
        js = 0.5 * _blockwise_sum(_js_block, pa, qa)
    else:
        js = 0.5 * _reduce(_js_terms(pa, qa), axis, keepdims)
    # Theory bounds JS by ln 2 (disjoint supports); rounding can overshoot by
    # an ulp, and the bound must hold exactly (1 bit, not 1.0000000000000002).
    return np.minimum(js, _LN2)


def js_divergence(
    p: ArrayLike,
    q: ArrayLike | None = None,
    /,
    *,
    weights: ArrayLike | None = None,
    base: float = 2,
    axis: int = -1,
    keepdims: bool = False,
    normalize: bool = False,
) -> Result:
    r"""Jensen–Shannon divergence of P and Q, or of several weighted distributions.

    Parameters
    ----------
    p, q : array_like of shape (..., K, ...)
        Two distributions with their K outcomes along `axis`; batch axes
        broadcast.  With `q` omitted, `p` of shape (m, ..., K, ...) holds m
        distributions stacked along axis 0 (the generalised divergence).
    weights : array_like of shape (m,), optional
        Mixture weights of the distributions (2 for `p` and `q`),
        non-negative and summing to 1.  Default: equal weights.
    base : float, default=2
        Logarithm base.  In bits the two-distribution result lies in [0, 1].
    axis : int, default=-1
        The outcome axis (never 0 for a stack: axis 0 indexes the
        distributions).
    keepdims : bool, default=False
        Keep the reduced axis with length one.
    normalize : bool, default=False
        Rescale each distribution's non-negative weights to sum to 1.

    Returns
    -------
    float or ndarray
        :math:`\mathrm{JS}_w`, in :math:`[0, H_b(w)]` (:math:`[0, \log_b 2]`
        for two equally weighted distributions).

    See Also
    --------
    js_distance, infomeasures.kl_divergence

    Notes
    -----
    .. math:: \mathrm{JS}_w(P_1, \ldots, P_m) = \sum_i w_i D(P_i \| M)
              = H(M) - \sum_i w_i H(P_i), \qquad M = \sum_i w_i P_i

    For two equally weighted distributions M is never formed (it underflows
    for subnormal inputs); each term :math:`p \log\frac{2p}{p+q} + q
    \log\frac{2q}{p+q}` is evaluated without cancellation, so JS of nearly
    equal inputs is accurate relative to itself and JS of identical inputs is
    exactly 0.  The weighted form sums the KL terms of each distribution
    against the mixture (`kl_divergence`'s cancellation-free terms), not
    differences of entropies.

    References
    ----------
    Lin, J. (1991). Divergence measures based on the Shannon entropy. IEEE
    Transactions on Information Theory 37(1), 145-151.

    Examples
    --------
    >>> import infomeasures as im
    >>> im.js_divergence([1.0, 0.0], [0.0, 1.0])
    1.0
    >>> im.js_divergence([0.5, 0.5], [0.5, 0.5])
    0.0

    Three disjoint distributions with equal weights: the mixture's
    entropy, log2(3):

    >>> im.js_divergence([[1, 0, 0], [0, 1, 0], [0, 0, 1]])  # doctest: +ELLIPSIS
    1.58496250072115...
    """
    scale = v.log_base(base)
    if q is not None and weights is None:
        return v.to_units(_js_nats(p, q, axis, keepdims, normalize), scale)
    keepdims = v.check_bool(keepdims, "keepdims")
    if q is None:
        dists = v.distribution(p, "p", axis=axis, normalize=normalize)
        ax = v.stacked_axis(axis, dists.shape)
    else:
        pa, qa = _pair(p, q, axis, normalize)
        ax = v.normalize_axis(axis, max(pa.ndim, qa.ndim)) + 1
        dists = np.stack(np.broadcast_arrays(pa, qa))
    w = v.mixture_weights(weights, dists.shape[0])
    return v.to_units(_generalized_js_nats(dists, w, ax, keepdims), scale)


def _generalized_js_nats(dists: np.ndarray, w: np.ndarray, ax: int, keepdims: bool):
    """sum_i w_i D(P_i || M), M = sum_i w_i P_i, from the KL terms of each P_i."""
    used = w > 0  # a weight-0 distribution may lie outside M: 0 * inf is not 0
    dists, w = dists[used], w[used]
    m = np.tensordot(w, dists, axes=(0, 0))
    kl = _reduce(_kl_terms(dists, m[None]), ax, keepdims)
    js = np.tensordot(w, kl, axes=(0, 0))
    # Theory bounds JS_w by H(w) (disjoint supports) and below by 0; rounding
    # may cross either by an ulp.
    return np.clip(js, 0.0, float(np.add.reduce(special.entr(w))))


def js_distance(
    p: ArrayLike,
    q: ArrayLike,
    /,
    *,
    base: float = 2,
    axis: int = -1,
    keepdims: bool = False,
    normalize: bool = False,
) -> Result:
    r"""Jensen–Shannon distance: the square root of the JS divergence.

    Parameters
    ----------
    p, q : array_like of shape (..., K, ...)
        Distributions with their K outcomes along `axis`.
    base : float, default=2
        Logarithm base of the divergence under the root (as in
        ``scipy.spatial.distance.jensenshannon``).  It must exceed 1: in a
        base below 1 the divergence is negative and has no real root, so
        such a base raises ``ValueError`` (`js_divergence` accepts it).
    axis : int, default=-1
        The outcome axis.
    keepdims : bool, default=False
        Keep the reduced axis with length one.
    normalize : bool, default=False
        Rescale non-negative weights to sum to 1.

    Returns
    -------
    float or ndarray
        :math:`\sqrt{\mathrm{JS}_b(P, Q)}`, a metric on distributions.

    See Also
    --------
    infomeasures.js_divergence : Its square.
    scipy.spatial.distance.jensenshannon : The same, by default along ``axis=0`` and in nats.

    Notes
    -----
    .. math:: d_{JS}(P, Q) = \sqrt{\mathrm{JS}_b(P, Q)}

    Examples
    --------
    >>> import infomeasures as im
    >>> im.js_distance([1.0, 0.0], [0.0, 1.0])
    1.0
    >>> round(im.js_distance([0.5, 0.5], [0.9, 0.1]), 6)
    0.383136
    """
    scale = v.log_base(base)
    v.distance_base(scale, base)
    js = _js_nats(p, q, axis, keepdims, normalize)
    if type(js) is float:  # from `_js_short`
        return math.sqrt(js / scale)
    return v.to_units(np.sqrt(js / scale), 1.0)


# ----------------------------------------------------------- Rényi and Tsallis
def _log_power_mean(p: np.ndarray, z: np.ndarray, axis: int, keepdims: bool) -> np.ndarray:
    """``log sum_i p_i exp(z_i)`` along `axis`, for p summing to 1, accurately.

    Rényi quantities are this with z = (alpha - 1) log p or (alpha - 1)
    log(p/q), and z = 0 where p = 0.  Near alpha = 1, or for a nearly
    deterministic P, the sum is near 1 and ``log(sum p^alpha)`` would lose
    the digits that matter; ``log1p(sum p expm1(z))`` keeps them.  Where
    that inner sum is near -1 (a small power sum) or exp would overflow,
    ``logsumexp(log p + z)`` (scipy) is exact instead.
    """
    big = np.maximum.reduce(z, axis=axis, keepdims=True) > 700.0
    with np.errstate(over="ignore", divide="ignore"):
        # Clipped z only where `big` sends the row to logsumexp anyway.
        x = np.add.reduce(p * np.expm1(np.minimum(z, 700.0)), axis=axis, keepdims=True)
        lse = special.logsumexp(np.log(p) + z, axis=axis, keepdims=True)
    near = ~big & (x > -0.5)
    out = np.where(near, np.log1p(np.where(near, x, 0.0)), lse)
    return out if keepdims else np.squeeze(out, axis=axis)


# Orders beyond this are the limit alpha = inf to every digit, while
# (alpha - 1) log p would overflow the power sums.  Factoring out the largest
# term, H_alpha = alpha/(alpha - 1) H_inf - log S/(alpha - 1) with 1 <= S <= K,
# and D_alpha = D_inf + log S/(alpha - 1) with log S in [log min p, 0]: both
# within (H_inf + log K + 745) / (alpha - 1) < 1e-296 of the limit.
_HUGE_ORDER = 1e300


def _effective_order(alpha: float) -> float:
    return math.inf if alpha > _HUGE_ORDER else alpha


def _log_or_zero(p: np.ndarray, z_scale: float, log_q=None) -> np.ndarray:
    """Return z = z_scale * (log p - log q) where p > 0, and 0 where p = 0."""
    # log 0 - log 0 (p = q = 0) is NaN, and the where below discards it.
    with np.errstate(divide="ignore", invalid="ignore"):
        lr = np.log(p) if log_q is None else np.log(p) - log_q
    # z_scale * (+-inf) is +-inf (q = 0 < p), never NaN: z_scale != 0.  A huge
    # order (Tsallis q = 1e308) overflows the product to +-inf, which is the
    # limit wanted: p^(q - 1) is then 0 (or inf) to every digit.
    with np.errstate(over="ignore"):
        return np.where(p > 0, z_scale * lr, 0.0)


def _dominant_weight_terms(h, weights, p: np.ndarray, axis: int, keepdims: bool):
    """Redo the term of a weight holding most of its distribution's total.

    Normalising rounds p = w / s, and -p log p near p = 1 then keeps few of
    its digits (counts [1e15, 1] lost 5 of 16); from the weights it is
    p log1p((s - w) / w), with s - w exact for whole-number weights.
    """
    try:
        w = v.as_float_array(weights, "p")[0]
    except ValueError:  # the only one left after `distribution`: Python ints past the
        return h  # float range, which it divided exactly
    with np.errstate(over="ignore"):
        s = np.add.reduce(w, axis=axis, keepdims=True)
    if not np.isfinite(s).all():  # weights that `distribution` rescaled by a power of two
        return h
    big = w > 0.5 * s
    if not big.any():
        return h
    with np.errstate(divide="ignore", invalid="ignore"):  # other cells, masked below
        fixed = p * np.log1p((s - w) / w) + p * np.log(p)
    return h + _reduce(np.where(big, fixed, 0.0), axis, keepdims)


def _shannon_along(arr: np.ndarray, axis: int, keepdims: bool) -> np.ndarray:
    """H in nats of each distribution along `axis` of a validated array."""
    if arr.ndim == 1:
        h = np.float64(_shannon_nats(arr))
        return h.reshape(1) if keepdims else h
    with np.errstate(invalid="ignore"):  # negative entries: NaN, reported by the caller
        return 0.0 - _reduce(_blockwise(_xlogx_block, arr, arr), axis, keepdims)


def renyi_entropy(
    p: ArrayLike,
    /,
    alpha: float,
    *,
    base: float = 2,
    axis: int = -1,
    keepdims: bool = False,
    normalize: bool = False,
) -> Result:
    r"""Rényi entropy of order `alpha` of a discrete distribution.

    Parameters
    ----------
    p : array_like of shape (..., K, ...)
        Probabilities of the K outcomes along `axis`; other axes are a batch.
    alpha : float
        The order, ``0 <= alpha <= inf``.  0, 1 and ``inf`` are the exact
        limits (Hartley, Shannon and min-entropy), not a nearby order.
    base : float, default=2
        Logarithm base.
    axis : int, default=-1
        The outcome axis.
    keepdims : bool, default=False
        Keep the reduced axis with length one.
    normalize : bool, default=False
        Rescale non-negative weights to sum to 1.

    Returns
    -------
    float or ndarray
        :math:`H_\alpha(P)`, non-increasing in alpha.

    See Also
    --------
    infomeasures.entropy, tsallis_entropy, renyi_divergence

    Notes
    -----
    .. math:: H_\alpha(P) = \frac{1}{1 - \alpha} \log_b \sum_i p_i^\alpha,
              \quad H_0 = \log_b |\{i : p_i > 0\}|,
              \quad H_1 = H, \quad H_\infty = -\log_b \max_i p_i

    :math:`H_0` counts the outcomes of non-zero probability (the support),
    not the length of the array.  Near alpha = 1 the power sum is computed
    as :math:`1 + \sum_i p_i\,\mathrm{expm1}((\alpha - 1)\log p_i)`, so the
    result tends smoothly to the Shannon entropy.

    References
    ----------
    Rényi, A. (1961). On measures of entropy and information. Proceedings of
    the Fourth Berkeley Symposium 1, 547-561.

    Examples
    --------
    >>> import infomeasures as im
    >>> p = [0.5, 0.25, 0.25, 0.0]
    >>> im.renyi_entropy(p, 0)  # log2 of the 3 outcomes in the support
    1.584962500721156
    >>> im.renyi_entropy(p, 1) == im.entropy(p)
    True
    >>> im.renyi_entropy(p, 2)  # -log2(0.25 + 0.0625 + 0.0625)
    1.415037499278844
    >>> im.renyi_entropy(p, float("inf"))  # -log2(0.5)
    1.0
    """
    scale = v.log_base(base)
    alpha = _effective_order(v.order(alpha, "alpha"))
    keepdims = v.check_bool(keepdims, "keepdims")
    arr = v.distribution(p, "p", axis=axis, normalize=normalize)
    ax = v.normalize_axis(axis, arr.ndim)
    if alpha == 1:
        h = _shannon_along(arr, ax, keepdims)
    elif alpha == 0:
        h = np.log(np.count_nonzero(arr, axis=ax, keepdims=keepdims).astype(np.float64))
    elif alpha == math.inf:
        h = 0.0 - np.log(np.maximum.reduce(arr, axis=ax, keepdims=keepdims))
    else:
        eps = alpha - 1.0
        h = _log_power_mean(arr, _log_or_zero(arr, eps), ax, keepdims) / -eps
    return v.to_units(h, scale)


def tsallis_entropy(
    p: ArrayLike,
    /,
    q: float,
    *,
    axis: int = -1,
    keepdims: bool = False,
    normalize: bool = False,
) -> Result:
    r"""Compute the Tsallis entropy of index `q` of a discrete distribution (no units).

    Parameters
    ----------
    p : array_like of shape (..., K, ...)
        Probabilities of the K outcomes along `axis`; other axes are a batch.
    q : float
        The entropic index, finite and positive; ``q = 1`` is the exact limit.
    axis : int, default=-1
        The outcome axis.
    keepdims : bool, default=False
        Keep the reduced axis with length one.
    normalize : bool, default=False
        Rescale non-negative weights to sum to 1.

    Returns
    -------
    float or ndarray
        :math:`S_q(P) \ge 0`.

    See Also
    --------
    renyi_entropy, infomeasures.entropy

    Notes
    -----
    .. math:: S_q(P) = \frac{1 - \sum_i p_i^q}{q - 1}
              = -\sum_i p_i \frac{\mathrm{expm1}((q - 1) \ln p_i)}{q - 1},
              \qquad S_1 = -\sum_i p_i \ln p_i

    Tsallis entropy is not a logarithm of anything, so it has no base and
    no units: its limit at q = 1 is the Shannon entropy in nats.  The expm1
    form keeps it accurate near q = 1.

    References
    ----------
    Tsallis, C. (1988). Possible generalization of Boltzmann-Gibbs
    statistics. Journal of Statistical Physics 52, 479-487.

    Examples
    --------
    >>> import math
    >>> import infomeasures as im
    >>> im.tsallis_entropy([0.5, 0.5], 2)  # 1 - (0.25 + 0.25)
    0.5
    >>> math.isclose(im.tsallis_entropy([0.5, 0.5], 1), math.log(2))
    True
    """
    q = v.tsallis_index(q)
    keepdims = v.check_bool(keepdims, "keepdims")
    arr = v.distribution(p, "p", axis=axis, normalize=normalize)
    ax = v.normalize_axis(axis, arr.ndim)
    if q == 1:
        return v.to_units(_shannon_along(arr, ax, keepdims), 1.0)
    eps = q - 1.0
    z = _log_or_zero(arr, eps)
    with np.errstate(over="ignore", divide="ignore"):
        # p^q - p; where p^(q-1) overflows (q < 1, p subnormal), p^q itself.
        terms = np.where(
            z > 700.0, np.exp(np.log(arr) + z) - arr, arr * np.expm1(np.minimum(z, 700.0))
        )
    return v.to_units(_reduce(terms, ax, keepdims) / -eps, 1.0)


def renyi_divergence(
    p: ArrayLike,
    q: ArrayLike,
    /,
    alpha: float,
    *,
    base: float = 2,
    axis: int = -1,
    keepdims: bool = False,
    normalize: bool = False,
) -> Result:
    r"""Rényi divergence of order `alpha` of P from Q.

    Parameters
    ----------
    p, q : array_like of shape (..., K, ...)
        Distributions with their K outcomes along `axis`; batch axes
        broadcast.
    alpha : float
        The order, ``0 <= alpha <= inf``; 0, 1 and ``inf`` are exact limits.
    base : float, default=2
        Logarithm base.
    axis : int, default=-1
        The outcome axis.
    keepdims : bool, default=False
        Keep the reduced axis with length one.
    normalize : bool, default=False
        Rescale non-negative weights to sum to 1.

    Returns
    -------
    float or ndarray
        :math:`D_\alpha(P \| Q) \ge 0`, non-decreasing in alpha; ``inf``
        where Q misses part of P's support and alpha >= 1.

    See Also
    --------
    infomeasures.kl_divergence, renyi_entropy

    Notes
    -----
    .. math:: D_\alpha(P \| Q) = \frac{1}{\alpha - 1}
              \log_b \sum_i p_i^\alpha q_i^{1 - \alpha},
              \quad D_0 = -\log_b Q(\{i : p_i > 0\}),
              \quad D_1 = D(P \| Q),
              \quad D_\infty = \log_b \max_{i : p_i > 0} \frac{p_i}{q_i}

    The sum is :math:`\sum_i p_i \exp((\alpha - 1) \ln(p_i / q_i))`, taken
    through expm1 near alpha = 1 and through logsumexp where it is small or
    would overflow (q subnormal), so no order loses the result to rounding.
    When P and Q nearly coincide the result is accurate to a few ulps of 1
    (absolutely), not relative to its tiny self as `kl_divergence` is.

    References
    ----------
    van Erven, T. & Harremoës, P. (2014). Rényi divergence and
    Kullback-Leibler divergence. IEEE Transactions on Information Theory 60(7),
    3797-3820.

    Examples
    --------
    >>> import infomeasures as im
    >>> im.renyi_divergence([0.5, 0.5], [0.25, 0.75], float("inf"))  # log2(0.5/0.25)
    1.0
    >>> im.renyi_divergence([0.5, 0.5, 0.0], [0.25, 0.25, 0.5], 0)  # -log2(0.5)
    1.0
    >>> im.renyi_divergence([0.5, 0.5], [0.25, 0.75], 1) == im.kl_divergence(
    ...     [0.5, 0.5], [0.25, 0.75])
    True
    """
    scale = v.log_base(base)
    alpha = _effective_order(v.order(alpha, "alpha"))
    keepdims = v.check_bool(keepdims, "keepdims")
    pa, qa = _pair(p, q, axis, normalize)
    ax = v.normalize_axis(axis, max(pa.ndim, qa.ndim))
    if alpha == 1:
        return v.to_units(_reduce(_kl_terms(pa, qa), ax, keepdims), scale)
    with np.errstate(divide="ignore"):
        if alpha == 0:
            # -log Q(supp P), from the mass off the support when that is small
            off = _reduce(np.where(pa > 0, 0.0, qa), ax, keepdims)
            on = _reduce(np.where(pa > 0, qa, 0.0), ax, keepdims)
            d = np.where(off < 0.5, -np.log1p(-np.minimum(off, 0.5)), -np.log(on))
        elif alpha == math.inf:
            # where p = q = 0 the difference is -inf - -inf; the cell is
            # off the support of p and replaced by -inf.
            with np.errstate(invalid="ignore"):
                lr = np.where(pa > 0, np.log(pa) - np.log(qa), -np.inf)
            d = np.maximum.reduce(lr, axis=ax, keepdims=keepdims)
        else:
            eps = alpha - 1.0
            z = _log_or_zero(pa, eps, np.log(qa))
            d = _log_power_mean(np.broadcast_to(pa, z.shape), z, ax, keepdims) / eps
    # Non-negative in theory (Gibbs); clipped after summation as KL is.
    return v.to_units(np.maximum(d, 0.0), scale)
