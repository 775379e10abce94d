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
    "self_information",
]

_LN2 = math.log(2.0)

# With t = (q - p) / (q + p), for |t| <= 1/3 (q/p within [1/2, 2]):
#   p log(p/q) - p + q = (p+q) t^2 [1 - (1-t) t S(t^2)],
#       S(x) = sum_k x^k / (2k+3)            (from atanh t = t + t^3 S(t^2))
#   p log(2p/(p+q)) + q log(2q/(p+q)) = (p+q)/2 t^2 G(t^2),
#       G(x) = sum_k x^k / ((k+1)(2k+1))     (from (1±t) log(1±t))
# All terms are positive, so both series are free of cancellation.  With
# t^2 <= 1/9, the truncation is below 1e-16 relative for G (16 terms) and
# for the correction (1-t) t S, which is at most 0.16 of the KL term (15 terms).
_S_COEF = np.array([1.0 / (2 * k + 3) for k in range(15)])
_G_COEF = np.array([1.0 / ((k + 1) * (2 * k + 1)) for k in range(16)])


# Kernels run over blocks of this many elements so that their temporaries
# stay in cache: a loop over blocks, never over outcomes.
_BLOCK = 1 << 15


def _blockwise(kernel, p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Apply ``kernel(p, q, out)`` over cache-sized blocks of broadcast p, q."""
    p, q = np.broadcast_arrays(p, q)
    shape = p.shape
    pf, qf = p.ravel(), q.ravel()  # copies only where broadcasting made views
    out = np.empty(pf.size)
    for start in range(0, pf.size, _BLOCK):
        block = slice(start, start + _BLOCK)
        kernel(pf[block], qf[block], out[block])
    return out.reshape(shape)


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
    """p log(p/q) - p + q for |t| < 1/3, from s = p + q and t = (q-p)/(q+p)."""
    x = t * t
    return s * x * (1.0 - (1.0 - t) * t * _horner(x, _S_COEF))


def _kl_block(p, q, out) -> None:
    special.kl_div(p, q, out=out)
    idx, s, t = _near_equal(p, q)
    if t.size:
        out.put(idx, _kl_series(s, t))


def _kl_terms(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Non-negative terms p log(p/q) - p + q, accurate to a few ulps each.

    For distributions (sum p = sum q = 1) their sum is D(P||Q).  Far from
    p = q scipy's ``kl_div`` is accurate; near it, the series above is used.
    """
    return _blockwise(_kl_block, p, q)


def _kl_terms_extended(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Like `_kl_terms`, for `q` built from marginals in extended precision.

    MI and CMI compare a table with a product of its marginals.  Rounding the
    marginals to float64 costs eps/|t| relative accuracy where the table is
    nearly independent, and the product can underflow (1e-200 * 1e-200).  So
    both arrive here as ``np.longdouble`` (80-bit on x86-64; where longdouble
    is float64 this degrades gracefully to float64 accuracy), and t is formed
    before rounding to float64.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        # p = 0 gives q (the -p + q part); q = 0 < p gives the true +inf.
        # Kept in extended precision through the sum, so exact cases stay exact.
        terms = np.where(p > 0, p * np.log(p / q) - p + q, q)
    s = p + q
    d = q - p
    idx = np.flatnonzero(np.abs(d) * 3 < s)
    if idx.size:
        s = s.ravel().take(idx)
        t = (d.ravel().take(idx) / s).astype(np.float64)
        terms.put(idx, _kl_series(s.astype(np.float64), t))
    return terms


def _js_block(p, q, out) -> None:
    s = p + q
    with np.errstate(invalid="ignore", divide="ignore"):
        # s = 0 only where p = q = 0; xlogy(0, nan) is nan there, fixed below.
        np.add(special.xlogy(p, 2.0 * p / s), special.xlogy(q, 2.0 * q / s), out=out)
    out[s == 0] = 0.0
    idx, s, t = _near_equal(p, q)
    if t.size:
        x = t * t
        out.put(idx, 0.5 * s * x * _horner(x, _G_COEF))


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
        The outcome axis.  (``scipy.stats.entropy`` defaults to ``axis=0``.)
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

    Notes
    -----
    .. math:: H(P) = -\sum_i p_i \log_b p_i, \qquad 0 \log 0 = 0

    Every term is non-negative, so the result is accurate to a few ulps.
    float16/float32 input is widened to float64 before computing.

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
    arr = v.distribution(p, "p", axis=axis, normalize=normalize, sign_checked=True)
    h = _reduce(special.entr(arr), axis, keepdims)
    if not (math.isfinite(h) if h.ndim == 0 else np.isfinite(h).all()):
        # entr is -inf for negative entries and NaN for NaN ones: the sign
        # check skipped by `distribution` happens here, and raises.
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
    arr, _ = v.as_float_array(pxy, name)
    v.check_ndim(arr, name, ndim)
    return v.distribution(arr, name, axis=None, normalize=normalize)


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
    return v.to_units(float(np.add.reduce(terms, axis=None)), scale)


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
    arr = _table(pxy, "pxy", 2, normalize)
    ext = arr.astype(np.longdouble)
    q = np.multiply.outer(np.add.reduce(ext, axis=1), np.add.reduce(ext, axis=0))
    return v.to_units(np.add.reduce(_kl_terms_extended(ext, q), axis=None), scale)


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
    arr = _table(pxyz, "pxyz", 3, normalize)
    ext = arr.astype(np.longdouble)
    pxz = np.add.reduce(ext, axis=1)
    pyz = np.add.reduce(ext, axis=0)
    pz = np.add.reduce(pxz, axis=0)
    # p(y, z) / p(z) <= 1 first, so the product cannot underflow needlessly;
    # p(z) = 0 forces every p(x, y, z) = 0: the reference measure is 0 there.
    ratio = np.divide(pyz, pz, out=np.zeros_like(pyz), where=pz > 0)
    q = pxz[:, None, :] * ratio[None, :, :]
    return v.to_units(np.add.reduce(_kl_terms_extended(ext, q), axis=None), scale)


def _pair(p, q, axis: int, normalize: bool):
    pa, _ = v.as_float_array(p, "p")
    qa, _ = v.as_float_array(q, "q")
    v.check_ndim(pa, "p")
    v.check_ndim(qa, "q")
    v.matching_pair(pa, qa, axis)
    pa = v.distribution(pa, "p", axis=axis, normalize=normalize)
    qa = v.distribution(qa, "q", axis=axis, normalize=normalize)
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
    pa, qa = _pair(p, q, axis, normalize)
    return v.to_units(_reduce(_kl_terms(pa, qa), axis, keepdims), scale)


def _js_nats(p, q, axis, keepdims, normalize):
    pa, qa = _pair(p, q, axis, normalize)
    js = 0.5 * _reduce(_js_terms(pa, qa), axis, keepdims)
    # Theory bounds JS by ln 2 (disjoint supports); rounding can overshoot by
    # an ulp, and the bound must hold exactly (1 bit, not 1.0000000000000002).
    return np.minimum(js, _LN2)


def js_divergence(
    p: ArrayLike,
    q: ArrayLike,
    /,
    *,
    base: float = 2,
    axis: int = -1,
    keepdims: bool = False,
    normalize: bool = False,
) -> Result:
    r"""Jensen–Shannon divergence of P and Q.

    Parameters
    ----------
    p, q : array_like of shape (..., K, ...)
        Distributions with their K outcomes along `axis`; batch axes
        broadcast.
    base : float, default=2
        Logarithm base.  In bits the result lies in [0, 1].
    axis : int, default=-1
        The outcome axis.
    keepdims : bool, default=False
        Keep the reduced axis with length one.
    normalize : bool, default=False
        Rescale non-negative weights to sum to 1.

    Returns
    -------
    float or ndarray
        :math:`\mathrm{JS}(P, Q)`, symmetric, in :math:`[0, \log_b 2]`.

    Notes
    -----
    .. math:: \mathrm{JS}(P, Q) = \tfrac12 D(P \| M) + \tfrac12 D(Q \| M),
              \qquad M = \tfrac12 (P + Q)

    M is never formed (it underflows for subnormal inputs); each term
    :math:`p \log\frac{2p}{p+q} + q \log\frac{2q}{p+q}` is evaluated without
    cancellation, so JS of nearly equal inputs is accurate relative to itself
    and JS of identical inputs is exactly 0.

    Examples
    --------
    >>> import infomeasures as im
    >>> im.js_divergence([1.0, 0.0], [0.0, 1.0])
    1.0
    >>> im.js_divergence([0.5, 0.5], [0.5, 0.5])
    0.0
    """
    scale = v.log_base(base)
    return v.to_units(_js_nats(p, q, axis, keepdims, normalize), scale)


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
        ``scipy.spatial.distance.jensenshannon``).
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
    js = _js_nats(p, q, axis, keepdims, normalize)
    return v.to_units(np.sqrt(js / scale), 1.0)
