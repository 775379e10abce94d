"""Softmax, sigmoid and their cross-entropy losses, with analytic gradients.

Natural logarithms throughout (losses in nats, as in every ML framework);
``axis=-1`` is the class axis.  A NumPy training loop can use these losses
and gradients without an autodiff framework.

dtypes: arrays come back in the input's floating dtype (integers and bools
give float64), as in ``scipy.special``.  float32 and float64 are computed in
their own precision, float16 in float32; the elementwise ``sigmoid`` and
``log_sigmoid`` compute float16 and float32 in float64 and round once.
Scalar results come back as Python floats.

Infinite and NaN logits: ``-inf`` is a valid logit (a class of probability
0).  NaN raises ``ValueError`` everywhere (``sigmoid(nan)`` included), and so
does ``+inf`` wherever a softmax is taken, and a row whose logits are all
``-inf`` wherever a softmax of it is needed (``logsumexp`` of such a row is
``-inf``, the log of 0).  The sigmoid functions accept ``±inf``.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike
from scipy import special

from . import _validation as v

__all__ = [
    "check_grad",
    "log_sigmoid",
    "log_softmax",
    "logsumexp",
    "sigmoid",
    "sigmoid_binary_cross_entropy",
    "softmax",
    "softmax_cross_entropy",
    "softmax_jacobian",
]

_REDUCTIONS = ("mean", "sum", "none")


def _logits(x, name: str, axis: int = -1) -> tuple[np.ndarray, np.dtype, int]:
    """Logits as an array to compute with, the dtype to return and the class axis."""
    z, dtype = v.nn_array(x, name)
    (axis,) = v.class_axes(axis, z.shape, name)
    return z, dtype, axis


def _row_max(z: np.ndarray, axis: int, name: str, *, allow_all_neg_inf: bool = False):
    """Row maxima (keepdims) and their index.

    The maxima also validate the logits (NaN, ``+inf``) without a pass of
    their own.
    """
    idx = np.expand_dims(np.argmax(z, axis=axis), axis)
    m = np.take_along_axis(z, idx, axis=axis)
    v.check_logit_max(m, z, name, allow_all_neg_inf=allow_all_neg_inf)
    return m, idx


def _shift(z: np.ndarray, axis: int, name: str, *, allow_all_neg_inf: bool = False):
    """Row maxima ``m`` (keepdims), their index and ``z - m``.

    An all ``-inf`` row (allowed for `logsumexp` only) is shifted by 0.
    """
    m, idx = _row_max(z, axis, name, allow_all_neg_inf=allow_all_neg_inf)
    shift = np.where(np.isneginf(m), 0.0, m) if allow_all_neg_inf else m
    with np.errstate(over="ignore"):
        # 1e308 - (-1e308) = -inf: the exponential of the true difference is
        # 0 all the same, and a log-softmax below the float range is -inf
        shifted = z - shift
    return m, idx, shifted


def _exp_rest(shifted: np.ndarray, idx: np.ndarray, axis: int, *, out=None):
    """``exp(shifted)`` with 0 at the row maximum, and the sum of the rest.

    With ``rest`` the sum *without* one maximal entry, ``log sum = log1p(rest)``
    keeps full relative accuracy when one class dominates (``log(1 + 1e-20)``
    would round to 0).  Blanchard, Higham & Higham (2021), section 2.
    """
    exp_shifted = np.exp(shifted, out=out)
    np.put_along_axis(exp_shifted, idx, 0.0, axis=axis)
    return exp_shifted, np.add.reduce(exp_shifted, axis=axis, keepdims=True)


# Elements per block of rows in `_rest`: 1 MiB of float64, which stays in cache.
_BLOCK = 1 << 17


def _rest(shifted: np.ndarray, idx: np.ndarray, axis: int) -> np.ndarray:
    """Compute the ``rest`` of `_exp_rest` without keeping the exponentials.

    They are formed a block of rows at a time in one small scratch buffer
    (cache blocking, as scikit-learn's chunked pairwise distances), so they
    never travel to memory and back.
    """
    k = shifted.shape[axis]
    if axis != shifted.ndim - 1 or not shifted.flags.c_contiguous:
        return _exp_rest(shifted, idx, axis)[1]
    rows, row_idx = shifted.reshape(-1, k), idx.reshape(-1, 1)
    n, step = len(rows), max(1, _BLOCK // k)
    scratch = np.empty((min(step, n), k), dtype=shifted.dtype)
    rest = np.empty((n, 1), dtype=shifted.dtype)
    for start in range(0, n, step):
        stop = min(start + step, n)
        out = scratch[: stop - start]
        rest[start:stop] = _exp_rest(rows[start:stop], row_idx[start:stop], 1, out=out)[1]
    return rest.reshape(idx.shape)


def _as(x: np.ndarray, dtype: np.dtype) -> np.ndarray:
    """Cast `x` to the dtype to return.

    A value beyond float16 rounds to ±inf, as IEEE rounding does.
    """
    if x.dtype == dtype:
        return x
    with np.errstate(over="ignore"):
        return x.astype(dtype)


def _out(x):
    return float(x) if np.ndim(x) == 0 else x


def logsumexp(
    z: ArrayLike,
    /,
    *,
    axis: int | tuple[int, ...] | None = -1,
    keepdims: bool = False,
    b: ArrayLike | None = None,
    return_sign: bool = False,
):
    r"""Logarithm of the sum of exponentials, without overflow.

    Parameters
    ----------
    z : array_like of shape (..., K, ...)
        Values to reduce; ``-inf`` entries contribute 0 to the sum.
    axis : int, tuple of ints or None, default=-1
        Axis or axes to reduce; None reduces all of them (the default of
        ``scipy.special.logsumexp`` is None).
    keepdims : bool, default=False
        Keep the reduced axes with length one.
    b : array_like, optional
        Scale factors broadcasting with `z`: the sum is :math:`\sum_i b_i
        e^{z_i}`.  They may be negative (to subtract); a term with
        :math:`b_i = 0` is left out even where :math:`z_i` is ``inf`` or NaN,
        as in ``scipy.special.logsumexp`` (a mask as weights).
    return_sign : bool, default=False
        Also return the sign of the sum.  Without it a negative sum raises
        ``ValueError`` (scipy returns NaN).

    Returns
    -------
    out : float or ndarray
        :math:`\log \big|\sum_i b_i e^{z_i}\big|`; ``-inf`` for a sum of 0
        (a row of ``-inf``, or terms that cancel exactly).
    sign : float or ndarray
        Only with ``return_sign=True``: +1, -1 or 0, the sign of the sum.

    See Also
    --------
    log_softmax, softmax, scipy.special.logsumexp

    Notes
    -----
    .. math:: \operatorname{LSE}(z) = m + \operatorname{log1p}\Big(\sum_{i \ne i^*}
              e^{z_i - m}\Big), \qquad m = z_{i^*} = \max_i z_i

    Shifting by the maximum avoids overflow (``z = 1e4`` or ``1e300``);
    ``log1p`` of the other terms keeps digits that ``log(1 + r)`` would lose.
    With `b`, the leading term is the one of largest :math:`z_i + \log|b_i|`
    and the others are taken relative to it, :math:`\operatorname{sign}(b_i)
    \exp\big((z_i - z_{i^*}) + (\log|b_i| - \log|b_{i^*}|)\big)`, so that
    neither huge nor tiny weights overflow.

    References
    ----------
    P. Blanchard, D. J. Higham and N. J. Higham, "Accurately computing the
    log-sum-exp and softmax functions", IMA J. Numer. Anal. 41(4), 2021.

    Examples
    --------
    >>> import numpy as np
    >>> from infomeasures import nn
    >>> nn.logsumexp([1e4, 1e4])  # 1e4 + log 2, where exp(1e4) overflows
    10000.69314718056
    >>> nn.logsumexp([0.0, -46.0])  # log(1 + e^-46), lost by log(sum(exp))
    1.0530617357553812e-20
    >>> nn.logsumexp([-np.inf, -np.inf])
    -inf
    >>> nn.logsumexp([1.0, 2.0], b=[1.0, -1.0], return_sign=True)  # log|e - e^2|
    (1.5413248546129181, -1.0)
    >>> float(np.log(np.e**2 - np.e))  # the naive formula, to its 14 digits
    1.54132485461292
    """
    z, dtype = v.nn_array(z, "z")
    v.check_bool(keepdims, "keepdims")
    v.check_bool(return_sign, "return_sign")
    if b is not None:
        z, b, b_dtype = v.lse_weights(b, z)
        dtype = np.result_type(dtype, b_dtype)
    axes = v.class_axes(axis, z.shape, "z", several=True)
    if len(axes) == 1:
        (ax,) = axes
    else:  # the reduced axes as one last axis
        batch = [n for i, n in enumerate(z.shape) if i not in axes]
        k = math.prod(z.shape[i] for i in axes)
        dest = range(-len(axes), 0)
        z = np.moveaxis(z, axes, dest).reshape((*batch, k))
        b = None if b is None else np.moveaxis(b, axes, dest).reshape((*batch, k))
        ax = -1
    if b is None:
        m, idx, shifted = _shift(z, ax, "z", allow_all_neg_inf=True)
        _, rest = _exp_rest(shifted, idx, ax, out=shifted)
        out = m + np.log1p(rest)
        sign = np.where(np.isneginf(out), 0.0, 1.0).astype(out.dtype)
    else:
        out, sign = _signed_logsumexp(z, b, ax)
        if not return_sign and (sign < 0).any():
            v.negative_sum()
    out, sign = np.squeeze(out, axis=ax), np.squeeze(sign, axis=ax)
    if keepdims:
        out, sign = np.expand_dims(out, axes), np.expand_dims(sign, axes)
    out = _out(_as(out, dtype))
    return (out, _out(_as(sign, dtype))) if return_sign else out


def _signed_logsumexp(z: np.ndarray, b: np.ndarray, axis: int):
    """log|sum b e^z| and its sign along `axis` (keepdims), b of any sign.

    The lead term has the largest z + log|b|; with u the sum of the other
    terms relative to it, sum = sign* e^(lead) (1 + u) and
    log|1 + u| = log1p(u), or log1p(-u - 2) when u < -1 (scipy's rule).
    """
    with np.errstate(divide="ignore"):  # log 0 = -inf: a zero weight drops its term
        log_abs_b = np.log(np.abs(b))
    z = np.where(b == 0, -np.inf, z)  # even an inf or NaN z: scipy's mask-by-weights
    lead = z + log_abs_b  # |log b| < 745: no overflow
    m, idx = _row_max(lead, axis, "z", allow_all_neg_inf=True)
    empty = np.isneginf(m)  # every weight 0 or every z -inf: a sum of 0
    z_star = np.where(empty, 0.0, np.take_along_axis(z, idx, axis=axis))
    lb_star = np.where(empty, 0.0, np.take_along_axis(log_abs_b, idx, axis=axis))
    with np.errstate(over="ignore"):  # an overflow to -inf is a term of 0
        # z - z* is exact for nearby z (Sterbenz); adding the log-weights
        # separately keeps log|b| from rounding against a large z
        terms = np.exp((z - z_star) + (log_abs_b - lb_star))
    np.copysign(terms, b, out=terms)
    sign_star = np.sign(np.take_along_axis(b, idx, axis=axis))
    np.put_along_axis(terms, idx, 0.0, axis=axis)
    u = sign_star * np.add.reduce(terms, axis=axis, keepdims=True)
    below = u < -1
    with np.errstate(divide="ignore"):  # terms that cancel exactly: log 0 = -inf
        log_mag = np.log1p(np.where(below, -u - 2, u))
    out = z_star + (lb_star + log_mag)
    out[empty] = -np.inf
    sign = np.where(below, -sign_star, sign_star)
    sign[np.isneginf(out)] = 0.0
    return out, sign


def log_softmax(z: ArrayLike, /, *, axis: int = -1) -> np.ndarray:
    r"""Logarithm of the softmax, computed without forming the softmax.

    Parameters
    ----------
    z : array_like of shape (..., K, ...)
        Logits.
    axis : int, default=-1
        The class axis.

    Returns
    -------
    ndarray
        :math:`z_i - \operatorname{LSE}(z)`, with the shape of `z`.

    See Also
    --------
    softmax, logsumexp, scipy.special.log_softmax

    Notes
    -----
    .. math:: \log \operatorname{softmax}(z)_i = (z_i - m) - \operatorname{log1p}
              \Big(\sum_{j \ne j^*} e^{z_j - m}\Big)

    References
    ----------
    P. Blanchard, D. J. Higham and N. J. Higham, "Accurately computing the
    log-sum-exp and softmax functions", IMA J. Numer. Anal. 41(4), 2021.

    Examples
    --------
    >>> import numpy as np
    >>> from infomeasures import nn
    >>> nn.log_softmax([0.0, 0.0])  # log(1/2)
    array([-0.69314718, -0.69314718])
    >>> nn.log_softmax([1e4, 0.0])  # no overflow, no log(0)
    array([     0., -10000.])
    """
    z, dtype, axis = _logits(z, "z", axis)
    _, idx, log_probs = _shift(z, axis, "z")
    log_probs -= np.log1p(_rest(log_probs, idx, axis))
    return _as(log_probs, dtype)


def softmax(z: ArrayLike, /, *, axis: int = -1) -> np.ndarray:
    r"""Softmax: exponentials normalised to sum to 1 along `axis`.

    Parameters
    ----------
    z : array_like of shape (..., K, ...)
        Logits; ``-inf`` gives probability 0.
    axis : int, default=-1
        The class axis.

    Returns
    -------
    ndarray
        :math:`e^{z_i} / \sum_j e^{z_j}`, with the shape and floating dtype of
        `z` (float16 stays float16, as in ``scipy.special.softmax``).

    See Also
    --------
    log_softmax, softmax_jacobian, scipy.special.softmax

    Notes
    -----
    .. math:: \operatorname{softmax}(z)_i = \frac{e^{z_i - m}}{\sum_j e^{z_j - m}},
              \qquad m = \max_j z_j

    References
    ----------
    P. Blanchard, D. J. Higham and N. J. Higham, "Accurately computing the
    log-sum-exp and softmax functions", IMA J. Numer. Anal. 41(4), 2021.

    Examples
    --------
    >>> import numpy as np
    >>> from infomeasures import nn
    >>> nn.softmax([0.0, np.log(3.0)])  # 1/4 and 3/4
    array([0.25, 0.75])
    >>> nn.softmax([1e300, -np.inf, 0.0])
    array([1., 0., 0.])
    """
    z, dtype, axis = _logits(z, "z", axis)
    _, probs, rest = _softmax_parts(z, axis, "z")
    probs /= 1.0 + rest
    return _as(probs, dtype)


def _softmax_parts(z: np.ndarray, axis: int, name: str):
    """Row maxima m, ``exp(z - m)`` (1 at the maximum) and the sum of the other entries."""
    m, idx, shifted = _shift(z, axis, name)
    exp_shifted, rest = _exp_rest(shifted, idx, axis, out=shifted)
    np.put_along_axis(exp_shifted, idx, 1.0, axis=axis)
    return m, exp_shifted, rest


def sigmoid(z: ArrayLike, /) -> float | np.ndarray:
    r"""Logistic sigmoid, elementwise, to a few ulps for any z.

    Parameters
    ----------
    z : array_like
        Logits; ``±inf`` give 0 and 1.  NaN raises ``ValueError``.

    Returns
    -------
    float or ndarray
        :math:`1 / (1 + e^{-z})`, in the floating dtype of `z`.

    See Also
    --------
    log_sigmoid, scipy.special.expit

    Notes
    -----
    .. math:: \sigma(z) = \frac{1}{1 + e^{-|z|}} \ (z \ge 0), \qquad
              \sigma(z) = \frac{e^{-|z|}}{1 + e^{-|z|}} \ (z < 0)

    One exponential that never overflows; for negative z the numerator keeps
    the relative accuracy down to the subnormals (``sigmoid(-745)`` is
    ``5e-324``, where ``scipy.special.expit`` gives 0).  float16 and float32
    are computed in float64 and rounded once.

    Examples
    --------
    >>> from infomeasures import nn
    >>> nn.sigmoid([-800.0, 0.0, 800.0])
    array([0. , 0.5, 1. ])
    >>> nn.sigmoid(-745.0)  # e^-745 rounds to the smallest subnormal
    5e-324
    """
    z64, dtype = _elementwise(z)
    small = np.exp(-np.abs(z64))
    out = np.where(z64 < 0, small, 1.0) / (1.0 + small)
    return _out(_as(out, dtype))


def _elementwise(x) -> tuple[np.ndarray, np.dtype]:
    """`x` in float64 (elementwise functions round once at the end), and the dtype to return."""
    z, dtype = v.nn_array(x, "z")
    v.check_no_nan(z, "z")
    return z.astype(np.float64, copy=False), dtype


def log_sigmoid(z: ArrayLike, /) -> float | np.ndarray:
    r"""Logarithm of the sigmoid, elementwise, accurate for any z.

    Parameters
    ----------
    z : array_like
        Logits; ``-inf`` gives ``-inf`` and ``+inf`` gives 0.  NaN raises
        ``ValueError``.

    Returns
    -------
    float or ndarray
        :math:`\log \sigma(z) = -\log(1 + e^{-z})`, in the floating dtype of `z`.

    See Also
    --------
    sigmoid, sigmoid_binary_cross_entropy, scipy.special.log_expit

    Notes
    -----
    .. math:: \log \sigma(z) = -\operatorname{softplus}(-z)

    Uses ``scipy.special.log_expit`` in float64: exact ``-800`` at
    ``z = -800`` and ``-e^{-40}`` (not 0) at ``z = 40``.

    Examples
    --------
    >>> import math
    >>> from infomeasures import nn
    >>> nn.log_sigmoid(-800.0)
    -800.0
    >>> nn.log_sigmoid(40.0), -math.exp(-40.0)
    (-4.248354255291589e-18, -4.248354255291589e-18)
    """
    z64, dtype = _elementwise(z)
    return _out(_as(special.log_expit(z64), dtype))


def softmax_jacobian(z: ArrayLike, /) -> np.ndarray:
    r"""Jacobian of the softmax over the last axis.

    Parameters
    ----------
    z : array_like of shape (..., K)
        Logits.

    Returns
    -------
    ndarray of shape (..., K, K)
        :math:`J_{ij} = \partial s_i / \partial z_j`.

    See Also
    --------
    softmax

    Notes
    -----
    .. math:: J_{ij} = s_i (\delta_{ij} - s_j), \qquad s = \operatorname{softmax}(z)

    The diagonal :math:`s_i (1 - s_i)` takes :math:`1 - s_i` from the other
    classes, :math:`\sum_{j \ne i} e^{z_j - m} / \sum_j e^{z_j - m}`, never
    as a difference from 1: on a saturated row such as ``[40, 0]``,
    :math:`J_{00} = e^{-40}/(1 + e^{-40})^2 \approx 4.25 \cdot 10^{-18}`,
    where ``diag(s) - s sᵀ`` gives 0.

    Examples
    --------
    >>> from infomeasures import nn
    >>> nn.softmax_jacobian([0.0, 0.0])  # s = (1/2, 1/2): 1/4 and -1/4
    array([[ 0.25, -0.25],
           [-0.25,  0.25]])
    >>> float(nn.softmax_jacobian([40.0, 0.0])[0, 0])
    4.248354255291589e-18
    """
    z, dtype, axis = _logits(z, "z", -1)
    _, idx, shifted = _shift(z, axis, "z")
    exp_shifted, rest = _exp_rest(shifted, idx, axis, out=shifted)
    total = 1.0 + rest
    # sum over j != i of e_j: 1 + (rest - e_i) for i off the maximum (rest
    # holds e_i, so no cancellation), and rest itself at the maximum
    others = 1.0 + (rest - exp_shifted)
    np.put_along_axis(others, idx, rest, axis=axis)
    np.put_along_axis(exp_shifted, idx, 1.0, axis=axis)
    probs = exp_shifted / total
    jac = probs[..., :, None] * probs[..., None, :]
    np.negative(jac, out=jac)
    np.einsum("...ii->...i", jac)[...] = probs * (others / total)
    return _as(jac, dtype)


def _mean_or_sum(per_sample: np.ndarray, reduction: str, count: float) -> float:
    """Sum, or sum / count, of non-negative losses, accumulated in float64.

    A mean whose sum overflows (two losses of 1e308) is summed again after
    scaling by the largest loss.
    """
    with np.errstate(over="ignore"):  # handled below
        total = float(np.add.reduce(per_sample, axis=None, dtype=np.float64))
    if reduction == "sum":
        return total
    if math.isinf(total) and not np.isinf(per_sample).any():
        largest = float(np.max(per_sample))
        scaled = float(np.add.reduce(per_sample / largest, axis=None, dtype=np.float64))
        return scaled / count * largest
    return total / count


def _scaled(x: np.ndarray, factor: float, dtype: np.dtype) -> np.ndarray:
    """Return ``x * factor`` in `dtype`.

    A product beyond the float range is ±inf, as IEEE rounding makes it, and
    a 0 stays 0.
    """
    with np.errstate(over="ignore"):
        if factor != 1.0:
            x = x * factor
        return _as(x, dtype)


def softmax_cross_entropy(
    logits: ArrayLike,
    targets: ArrayLike,
    *,
    class_weights: ArrayLike | None = None,
    label_smoothing: float = 0.0,
    reduction: str = "mean",
    return_grad: bool = False,
):
    r"""Cross-entropy of the softmax of `logits` against `targets`, in nats.

    Parameters
    ----------
    logits : array_like of shape (..., K)
        Unnormalised scores; ``-inf`` marks a class of probability 0.
    targets : array_like of shape (...) or (..., K)
        Class indices (integers in [0, K)) or probability rows.
    class_weights : array_like of shape (K,), optional
        Weight :math:`w_c \ge 0` of each class, as ``weight=`` in
        ``torch.nn.functional.cross_entropy``.  Any finite weights, however
        large or small, give the true loss (see Notes).
    label_smoothing : float in [0, 1], default=0.0
        Mix the targets with the uniform distribution: ``(1-ε) y + ε/K``.
    reduction : {"mean", "sum", "none"}, default="mean"
        How per-sample losses are combined.
    return_grad : bool, default=False
        Also return the gradient of the returned loss with respect to
        `logits` (for ``"none"``: of each sample's loss w.r.t. its own row).

    Returns
    -------
    loss : float or ndarray
        A float for ``"mean"``/``"sum"``, shape (...) for ``"none"``.
    grad : ndarray of shape (..., K)
        Only with ``return_grad=True``.

    Raises
    ------
    ValueError
        For ``"mean"`` over an empty batch, and for ``"mean"`` with class
        indices whose class weights are all 0: both are 0/0, where
        ``torch.nn.functional.cross_entropy`` returns NaN.  ``"sum"`` gives
        0.0 and ``"none"`` an empty or zero array there.

    See Also
    --------
    sigmoid_binary_cross_entropy, log_softmax

    Notes
    -----
    With target weights :math:`a_{ic}` (below) and :math:`p = \operatorname{softmax}(z)`,

    .. math:: \ell_i = -\sum_c a_{ic} \log p_{ic}, \qquad
              \frac{\partial \ell_i}{\partial z_{ic}} = p_{ic} \sum_{c'} a_{ic'} - a_{ic}

    so for a one-hot target the gradient is :math:`p - y`.  The semantics of
    ``torch.nn.functional.cross_entropy``:

    * class index :math:`y_i`: :math:`a_{ic} = (1-ε)\, w_{y_i} [c = y_i] + \frac{ε}{K} w_c`;
      ``"mean"`` divides the sum by :math:`\sum_i w_{y_i}` (by N without
      weights), for the smoothing term as well.
    * probability rows :math:`q_i`: :math:`a_{ic} = w_c \big((1-ε) q_{ic} + ε/K\big)`;
      ``"mean"`` divides by N whatever the weights.

    The weights are divided by the largest one in use (for class indices
    without smoothing, that of the targets' classes; otherwise that of all
    classes) and the scale is put
    back once at the end, so weights such as ``[1e308, 1]`` or ``[1e-300,
    1e-300]`` neither overflow nor underflow: a weighted mean is exact, and a
    ``"sum"`` is ``inf`` only when the true value is beyond the float range.
    (With smoothing, target weights below 1e-308 of the largest weight raise
    ``ValueError``.)  Target weights and the weighted gradient are computed in
    float64 and rounded to the logits' dtype once.

    :math:`-\log p_{ic}` is computed as :math:`(m_i - z_{ic}) +
    \operatorname{log1p}(r_i)` with the max-shift of `logsumexp`, never as
    ``log(softmax(z))``: the loss of a class 1e4 below the others is 1e4,
    not inf, and a confident correct prediction has loss ``e^{-46}`` rather
    than 0.  A target class whose logit is ``-inf`` has loss ``inf``.

    Examples
    --------
    >>> import numpy as np
    >>> from infomeasures import nn
    >>> z = np.array([[2.0, 1.0, 0.1], [0.5, 2.5, 0.0]])
    >>> loss, grad = nn.softmax_cross_entropy(z, [0, 1], return_grad=True)
    >>> bool(np.isclose(loss, np.mean(-nn.log_softmax(z)[[0, 1], [0, 1]])))
    True
    >>> np.allclose(grad, (nn.softmax(z) - np.eye(3)[[0, 1]]) / 2)
    True
    >>> nn.softmax_cross_entropy([[0.0, 2.0]], [0], class_weights=[1e308, 1.0])  # log(1 + e^2)
    2.1269280110429727
    """
    z, dtype, _ = _logits(logits, "logits", -1)
    k = z.shape[-1]
    v.choice(reduction, "reduction", _REDUCTIONS)
    eps = v.in_closed_interval(label_smoothing, "label_smoothing", 0.0, 1.0)
    v.check_bool(return_grad, "return_grad")
    weights = None if class_weights is None else v.class_weights(class_weights, k)
    target_array = v.ragged_checked(targets, "targets")
    batch = z.shape[:-1]
    z2 = z.reshape(-1, k)
    n = len(z2)
    if n == 0 and reduction == "mean":
        v.mean_of_nothing("logits")
    if target_array.dtype.kind in "iu" or (
        target_array.dtype.kind == "b" and target_array.shape == batch
    ):
        y = v.class_targets(target_array, k, batch).reshape(-1).astype(np.intp)
        if weights is None and eps == 0.0:
            loss, grad = _ce_index(z2, y, reduction, return_grad)
        else:
            target_weights, scale, target_sum = _index_target_weights(y, k, weights, eps)
            # a target sum below the normal range would make 1/sum overflow
            if reduction == "mean" and target_sum < np.finfo(np.float64).tiny:
                v.zero_target_weights(bool(weights[y].any()))
            # the weighted mean is invariant to the scale of the weights
            mult, count = (1.0, target_sum) if reduction == "mean" else (scale, 1.0)
            loss, grad = _ce_general(z2, target_weights, reduction, mult, count, return_grad)
    elif target_array.dtype.kind in "fO" or target_array.dtype.kind == "b":
        q = v.nn_array(target_array, "targets")[0]  # its dtype sets the sum tolerance
        v.check_unit_interval(q, "targets")  # first: entries of 1e308 would overflow the sum
        q = v.probability_rows(q, "targets", z.shape).reshape(-1, k)
        target_weights = (1.0 - eps) * q + eps / k
        scale = 1.0
        if weights is not None:
            scale = float(weights.max()) or 1.0
            target_weights *= weights / scale
        count = float(n) if reduction == "mean" else 1.0
        loss, grad = _ce_general(z2, target_weights, reduction, scale, count, return_grad)
    else:
        v.target_kind(target_array.dtype)
    if reduction == "none":
        loss = _as(loss.reshape(batch), dtype)
        loss = _out(loss) if loss.ndim == 0 else loss
    if return_grad:
        return loss, _as(grad.reshape(z.shape), dtype)
    return loss


def _index_target_weights(y: np.ndarray, k: int, weights, eps: float):
    """Target weights a (N, K) of class indices, divided by a scale so that a <= 1.

    Returns ``(a / scale, scale, sum_i w_{y_i} / scale)``.  The scale is the
    largest weight in use: of the targets' classes without smoothing (so the
    target sum is at least 1), of every class with it.
    """
    w = np.ones(k) if weights is None else weights
    in_use = w if eps > 0.0 else w[y]
    scale = float(in_use.max()) if in_use.size else 0.0
    scale = scale or 1.0  # all weights zero: nothing to scale
    with np.errstate(over="ignore"):
        # without smoothing only the targets' weights (<= 1 now) are used: a
        # non-target weight 1e308 times theirs may overflow unseen
        w = w / scale
    w_y = w[y]
    target_weights = np.zeros((len(y), k))
    if eps > 0.0:
        target_weights += (eps / k) * w
    target_weights[np.arange(len(y)), y] += (1.0 - eps) * w_y
    return target_weights, scale, float(np.add.reduce(w_y))


def _ce_index(z, y, reduction, return_grad):
    """Fused loss and gradient for plain class-index targets.

    The returned gradient array is the only (N, K) buffer: it holds
    exp(z - m), then the softmax, then p - onehot, scaled.
    """
    n = len(y)
    rows = np.arange(n)
    m, idx, shifted = _shift(z, 1, "logits")
    exp_shifted, rest = _exp_rest(shifted, idx, 1, out=shifted)
    m, idx, rest = m[:, 0], idx[:, 0], rest[:, 0]
    zy = z[rows, y]
    with np.errstate(invalid="ignore", over="ignore"):
        # a target logit of -inf gives m - zy = inf, and 1e308 - (-1e308)
        # overflows to inf: both the true loss
        per_sample = np.log1p(rest) + (m - zy)
    if reduction == "none":
        loss = per_sample
    else:
        loss = _mean_or_sum(per_sample, reduction, n)
    if not return_grad:
        return loss, None
    scale = (1.0 / n) if reduction == "mean" else 1.0
    total = 1.0 + rest
    probs = exp_shifted
    probs[rows, idx] = 1.0
    probs *= (scale / total)[:, None]
    # p_y - 1 where y is the argmax is -rest/(1 + rest): computed directly it
    # would round to 0 for rest below eps.
    hit = idx == y
    probs[rows, y] = np.where(hit, -scale * rest / total, probs[rows, y] - scale)
    return loss, probs


def _ce_general(z, target_weights, reduction, mult, count, return_grad):
    """Loss and gradient for target weights a (N, K): weights, smoothing, soft labels.

    The loss is ``mult * sum_i l_i / count`` (``mult * l_i`` for "none"), the
    gradient likewise; `target_weights` are float64 and at most 1.
    """
    m, probs, rest = _softmax_parts(z, 1, "logits")
    with np.errstate(over="ignore"):  # a log-probability below -1e308 is -inf
        neg_log_probs = (m - z) + np.log1p(rest)  # >= 0, exact for dominant classes
    with np.errstate(invalid="ignore"):
        # 0 * inf (a zero target on a -inf logit) is 0: mask it
        terms = np.where(target_weights > 0, target_weights * neg_log_probs, 0.0)
    per_sample = np.add.reduce(terms, axis=1)
    if reduction == "none":
        loss = _scaled(per_sample, mult, per_sample.dtype)
    else:
        with np.errstate(over="ignore"):  # beyond the float range: the true inf
            loss = mult * _mean_or_sum(per_sample, reduction, count)
    if not return_grad:
        return loss, None
    probs /= 1.0 + rest
    grad = probs * np.add.reduce(target_weights, axis=1, keepdims=True)
    grad -= target_weights
    return loss, _scaled(grad, mult / count, z.dtype)


def sigmoid_binary_cross_entropy(
    logits: ArrayLike, targets: ArrayLike, *, reduction: str = "mean", return_grad: bool = False
):
    r"""Binary cross-entropy of ``sigmoid(logits)`` against `targets`, in nats.

    Parameters
    ----------
    logits : array_like
        Unnormalised scores z; ``±inf`` allowed, NaN raises ``ValueError``.
    targets : array_like
        Probabilities y in [0, 1] (labels 0/1 included), same shape as `logits`.
    reduction : {"mean", "sum", "none"}, default="mean"
        ``"mean"`` averages over every element (``ValueError`` when there are
        none: 0/0).
    return_grad : bool, default=False
        Also return the gradient with respect to `logits`.

    Returns
    -------
    loss : float or ndarray
        A float for ``"mean"``/``"sum"``, the shape of `logits` for ``"none"``.
    grad : ndarray
        Only with ``return_grad=True``: ``sigmoid(z) - y`` per element (divided
        by the number of elements for ``"mean"``).

    See Also
    --------
    softmax_cross_entropy, log_sigmoid

    Notes
    -----
    .. math:: \ell = -y \log \sigma(z) - (1-y) \log \sigma(-z), \qquad
              \frac{\partial \ell}{\partial z} = \sigma(z) - y

    Both terms are non-negative and come from ``log_expit``, so logits of
    ±800 give exact losses (800, not inf), and the mean of losses near 1e308
    is summed without overflow.  This is the logistic-regression loss; with
    ``dZ = sigmoid(Z) - Y`` a batch update is ``dW = X @ dZ.T / m``,
    ``db = dZ.mean()``.

    Examples
    --------
    >>> from infomeasures import nn
    >>> nn.sigmoid_binary_cross_entropy([800.0, -800.0], [0.0, 1.0], reduction="none")
    array([800., 800.])
    >>> loss, grad = nn.sigmoid_binary_cross_entropy([0.0], [1.0], return_grad=True)
    >>> round(loss, 6), grad  # log 2 and sigmoid(0) - 1
    (0.693147, array([-0.5]))
    """
    z, dtype = v.nn_array(logits, "logits")
    y = v.unit_interval_array(targets, "targets")
    v.same_shape(y, "targets", z.shape, "logits")
    v.choice(reduction, "reduction", _REDUCTIONS)
    v.check_bool(return_grad, "return_grad")
    v.check_no_nan(z, "logits")
    if z.size == 0 and reduction == "mean":
        v.mean_of_nothing("logits")
    y = y.astype(z.dtype)
    with np.errstate(invalid="ignore"):
        # 0 * log_expit(-inf) = 0 * -inf must be 0, not NaN: mask those terms
        per = np.where(y > 0, y * special.log_expit(z), 0.0)
        per += np.where(y < 1, (1 - y) * special.log_expit(-z), 0.0)
    np.negative(per, out=per)
    if reduction == "none":
        loss = _out(_as(per, dtype))
    else:
        loss = _mean_or_sum(per, reduction, per.size)
    if not return_grad:
        return loss
    grad = special.expit(z) - y
    if reduction == "mean":
        grad /= grad.size
    return loss, _as(grad, dtype)


def check_grad(
    f: Callable[[np.ndarray], float], x: ArrayLike, grad: ArrayLike, *, eps: float | None = None
) -> float:
    r"""Largest relative gap between a gradient and central finite differences.

    Parameters
    ----------
    f : callable
        Scalar function of an array shaped like `x`.
    x : array_like
        Point at which to check (not modified); finite.
    grad : array_like
        The analytic gradient of `f` at `x`, same shape.
    eps : float, optional
        Step, a positive finite real that changes every coordinate of `x`
        and keeps ``x ± eps`` finite (else ``ValueError``).  Default
        :math:`\epsilon^{1/3} \max(1, |x_i|)` per coordinate, which balances
        truncation and rounding error of central differences.

    Returns
    -------
    float
        :math:`\|g - \hat g\|_\infty / \max(\|g\|_\infty, \|\hat g\|_\infty)`
        where :math:`\hat g_i = (f(x + h e_i) - f(x - h e_i)) / 2h`; 0 if both
        are zero, ``inf`` if either is not finite.  Around 1e-9 or less means
        the gradient is right.

    See Also
    --------
    scipy.optimize.check_grad

    Notes
    -----
    .. math:: \hat g_i = \frac{f(x + h_i e_i) - f(x - h_i e_i)}{2 h_i}

    It evaluates `f` twice per coordinate, so keep `x` small.

    Examples
    --------
    >>> import numpy as np
    >>> from infomeasures import nn
    >>> x = np.array([0.3, -1.2, 2.0])
    >>> nn.check_grad(lambda x: np.sum(x ** 3), x, 3 * x ** 2) < 1e-9
    True
    >>> nn.check_grad(lambda x: np.sum(x ** 3), x, 2 * x ** 2) > 0.1
    True
    """
    x = np.array(v.nn_array(x, "x")[0], dtype=np.float64)  # a private copy
    g = v.nn_array(grad, "grad")[0]
    v.same_shape(g, "grad", x.shape, "x")
    v.check_callable(f, "f")
    h = v.fd_step(eps, x)
    fd = np.empty_like(x)
    flat, hflat, out = x.reshape(-1), h.reshape(-1), fd.reshape(-1)
    for i in range(flat.size):  # one coordinate at a time: f is a black box
        orig, step = flat[i], float(hflat[i])
        flat[i] = orig + step
        up = float(f(x))
        flat[i] = orig - step
        down = float(f(x))
        flat[i] = orig
        # halves first: 2 * step and up - down may pass 1e308 (Python floats: no warning)
        out[i] = (0.5 * up - 0.5 * down) / step
    scale = max(float(np.max(np.abs(g), initial=0.0)), float(np.max(np.abs(fd), initial=0.0)))
    if scale == 0.0:
        return 0.0
    with np.errstate(invalid="ignore"):  # inf - inf: not finite, reported as inf
        gap = float(np.max(np.abs(g - fd))) / scale
    return gap if math.isfinite(gap) else math.inf
