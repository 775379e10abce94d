"""Softmax, sigmoid and their cross-entropy losses, with analytic gradients.

Natural logarithms throughout (losses in nats, as in every ML framework);
``axis=-1`` is the class axis.  A NumPy training loop can use these losses
and gradients without an autodiff framework.

dtypes: float32 and float64 are computed in their own precision, float16 in
float32; arrays come back in the input's floating dtype (integers give
float64).  Scalar losses come back as Python floats.

Infinite and NaN logits: ``-inf`` is a valid logit (a class of probability
0).  NaN and ``+inf`` raise ``ValueError``; so does a row whose logits are
all ``-inf`` wherever a softmax of it is needed (``logsumexp`` of such a row
is ``-inf``, the log of 0).
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


def _shifted_exp(z: np.ndarray, axis: int, *, name: str = "z", allow_all_neg_inf: bool = False):
    """The shared core of every softmax quantity.

    Returns ``(m, e, rest)`` with ``m`` the row maxima (keepdims), ``e =
    exp(z - m)`` and ``rest`` the sum of ``e`` *without* one maximal entry,
    so that ``log(sum e) = log1p(rest)`` keeps full relative accuracy when
    one class dominates (``log(1 + 1e-20)`` would round to 0).
    """
    idx = np.expand_dims(np.argmax(z, axis=axis), axis)
    m = np.take_along_axis(z, idx, axis=axis)
    v.check_logit_max(m, z, name, allow_all_neg_inf=allow_all_neg_inf)
    # An all -inf row (allowed only for logsumexp): shift by 0, e is all 0.
    shift = np.where(np.isneginf(m), 0.0, m) if allow_all_neg_inf else m
    e = z - shift
    np.exp(e, out=e)
    np.put_along_axis(e, idx, 0.0, axis=axis)
    rest = np.add.reduce(e, axis=axis, keepdims=True)
    np.put_along_axis(e, idx, np.where(np.isneginf(m), 0.0, 1.0).astype(e.dtype), axis=axis)
    return m, e, rest, idx


def _out(x):
    return float(x) if np.ndim(x) == 0 else x


def logsumexp(z: ArrayLike, /, *, axis: int = -1, keepdims: bool = False) -> float | np.ndarray:
    r"""Logarithm of the sum of exponentials, without overflow.

    Parameters
    ----------
    z : array_like of shape (..., K, ...)
        Values to reduce; ``-inf`` entries contribute 0 to the sum.
    axis : int, default=-1
        Axis to reduce.
    keepdims : bool, default=False
        Keep the reduced axis with length one.

    Returns
    -------
    float or ndarray
        :math:`\log \sum_i e^{z_i}`; ``-inf`` for a row of ``-inf``.

    Notes
    -----
    .. math:: \operatorname{LSE}(z) = m + \operatorname{log1p}\Big(\sum_{i \ne i^*}
              e^{z_i - m}\Big), \qquad m = z_{i^*} = \max_i z_i

    Shifting by the maximum avoids overflow (``z = 1e4`` or ``1e300``);
    ``log1p`` of the other terms keeps digits that ``log(1 + r)`` would lose.

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
    """
    z = v.float_array(z, "z")
    v.check_ndim(z, "z")
    axis = v.normalize_axis(axis, z.ndim)
    m, _, rest, _ = _shifted_exp(z, axis, allow_all_neg_inf=True)
    out = m + np.log1p(rest)
    if not keepdims:
        out = np.squeeze(out, axis=axis)
    return _out(out)


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

    Notes
    -----
    .. math:: \log \operatorname{softmax}(z)_i = (z_i - m) - \operatorname{log1p}
              \Big(\sum_{j \ne j^*} e^{z_j - m}\Big)

    Examples
    --------
    >>> from infomeasures import nn
    >>> nn.log_softmax([0.0, 0.0])
    array([-0.69314718, -0.69314718])
    >>> nn.log_softmax([1e4, 0.0])  # no overflow, no log(0)
    array([     0., -10000.])
    """
    z = v.float_array(z, "z")
    v.check_ndim(z, "z")
    axis = v.normalize_axis(axis, z.ndim)
    m, _, rest, _ = _shifted_exp(z, axis)
    return (z - m) - np.log1p(rest)


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
        :math:`e^{z_i} / \sum_j e^{z_j}`, with the shape of `z`.

    Notes
    -----
    .. math:: \operatorname{softmax}(z)_i = \frac{e^{z_i - m}}{\sum_j e^{z_j - m}},
              \qquad m = \max_j z_j

    Examples
    --------
    >>> import numpy as np
    >>> from infomeasures import nn
    >>> nn.softmax([0.0, np.log(3.0)])
    array([0.25, 0.75])
    >>> nn.softmax([1e300, -np.inf, 0.0])
    array([1., 0., 0.])
    """
    z = v.float_array(z, "z")
    v.check_ndim(z, "z")
    axis = v.normalize_axis(axis, z.ndim)
    _, e, rest, _ = _shifted_exp(z, axis)
    e /= 1.0 + rest
    return e


def sigmoid(z: ArrayLike, /) -> float | np.ndarray:
    r"""Logistic sigmoid, elementwise, accurate for any z.

    Parameters
    ----------
    z : array_like
        Logits.

    Returns
    -------
    float or ndarray
        :math:`1 / (1 + e^{-z})`.

    Notes
    -----
    .. math:: \sigma(z) = \frac{1}{1 + e^{-z}}

    Uses ``scipy.special.expit``, which never overflows.

    Examples
    --------
    >>> from infomeasures import nn
    >>> nn.sigmoid([-800.0, 0.0, 800.0])
    array([0. , 0.5, 1. ])
    """
    z = v.float_array(z, "z")
    return _out(special.expit(z))


def log_sigmoid(z: ArrayLike, /) -> float | np.ndarray:
    r"""Logarithm of the sigmoid, elementwise, accurate for any z.

    Parameters
    ----------
    z : array_like
        Logits.

    Returns
    -------
    float or ndarray
        :math:`\log \sigma(z) = -\log(1 + e^{-z})`.

    Notes
    -----
    .. math:: \log \sigma(z) = -\operatorname{softplus}(-z)

    Uses ``scipy.special.log_expit``: exact ``-800`` at ``z = -800`` and
    ``-e^{-40}`` (not 0) at ``z = 40``.

    Examples
    --------
    >>> from infomeasures import nn
    >>> nn.log_sigmoid(-800.0)
    -800.0
    >>> nn.log_sigmoid(40.0)
    -4.248354255291589e-18
    """
    z = v.float_array(z, "z")
    return _out(special.log_expit(z))


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

    Notes
    -----
    .. math:: J = \operatorname{diag}(s) - s s^\top, \qquad s = \operatorname{softmax}(z)

    Examples
    --------
    >>> from infomeasures import nn
    >>> nn.softmax_jacobian([0.0, 0.0])
    array([[ 0.25, -0.25],
           [-0.25,  0.25]])
    """
    s = softmax(z, axis=-1)
    jac = -s[..., :, None] * s[..., None, :]
    np.einsum("...ii->...i", jac)[...] += s
    return jac


def _reduce(per_sample: np.ndarray, reduction: str, denom: float):
    if reduction == "none":
        return per_sample
    total = float(np.add.reduce(per_sample, axis=None, dtype=np.float64))
    return total / denom if reduction == "mean" else total


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
        Weight :math:`w_c` of each class, as ``weight=`` in
        ``torch.nn.functional.cross_entropy``.
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
    >>> round(loss, 6)
    0.306882
    >>> np.allclose(grad, (nn.softmax(z) - np.eye(3)[[0, 1]]) / 2)
    True
    """
    z = v.float_array(logits, "logits")
    if z.ndim == 0:
        raise ValueError("`logits` must have a class axis, got a scalar.")
    k = z.shape[-1]
    if k == 0:
        raise ValueError("`logits` has no classes (its last axis is empty).")
    v.choice(reduction, "reduction", _REDUCTIONS)
    eps = v.in_closed_interval(label_smoothing, "label_smoothing", 0.0, 1.0)
    v.check_bool(return_grad, "return_grad")
    w = None if class_weights is None else v.nonneg_vector(class_weights, "class_weights", k)
    t = np.asarray(targets)
    batch = z.shape[:-1]
    z2 = z.reshape(-1, k)
    if t.dtype.kind in "iu" or (t.dtype.kind == "b" and t.shape == batch):
        y = v.class_targets(t, k, batch).reshape(-1).astype(np.intp)
        if w is None and eps == 0.0:
            loss, grad = _ce_index(z2, y, reduction, return_grad)
        else:
            weights = np.ones(k) if w is None else w
            a = np.zeros_like(z2)
            np.put_along_axis(a, y[:, None], ((1.0 - eps) * weights[y])[:, None], axis=1)
            a += (eps / k) * weights
            denom = float(weights[y].sum()) if w is not None else len(y)
            loss, grad = _ce_general(z2, a, reduction, denom, return_grad)
    elif t.dtype.kind in "fO" or t.dtype.kind == "b":
        q = v.probability_rows(v.float_array(t, "targets"), "targets", z.shape).reshape(-1, k)
        a = (1.0 - eps) * q + eps / k
        if w is not None:
            a = a * w
        loss, grad = _ce_general(z2, a.astype(z2.dtype), reduction, len(q), return_grad)
    else:
        raise TypeError(
            f"`targets` must be class indices (integers) or probability rows, got dtype {t.dtype}."
        )
    if reduction == "none":
        loss = loss.reshape(batch)
        loss = _out(loss) if loss.ndim == 0 else loss
    if return_grad:
        return loss, grad.reshape(z.shape)
    return loss


def _ce_index(z, y, reduction, return_grad):
    """Fused loss and gradient for plain class-index targets.

    The returned gradient array is the only (N, K) buffer: it holds
    exp(z - m), then the softmax, then p - onehot, scaled.
    """
    n = len(y)
    rows = np.arange(n)
    m, e, rest, idx = _shifted_exp(z, axis=1, name="logits")
    m, rest, idx = m[:, 0], rest[:, 0], idx[:, 0]
    zy = z[rows, y]
    with np.errstate(invalid="ignore"):
        # a target logit of -inf gives m - zy = inf: the true loss
        per_sample = np.log1p(rest) + (m - zy)
    loss = _reduce(per_sample, reduction, n)
    if not return_grad:
        return loss, None
    scale = (1.0 / n) if reduction == "mean" else 1.0
    s = 1.0 + rest
    e *= (scale / s)[:, None]
    # p_y - 1 where y is the argmax is -rest/(1 + rest): computed directly it
    # would round to 0 for rest below eps.
    hit = idx == y
    e[rows, y] = np.where(hit, -scale * rest / s, e[rows, y] - scale)
    return loss, e


def _ce_general(z, a, reduction, denom, return_grad):
    """Loss and gradient for target weights a (N, K): weights, smoothing, soft labels."""
    m, e, rest, _ = _shifted_exp(z, axis=1, name="logits")
    nlp = (m - z) + np.log1p(rest)  # -log p >= 0, exact for dominant classes
    with np.errstate(invalid="ignore"):
        # 0 * inf (a zero target on a -inf logit) is 0: mask it
        terms = np.where(a > 0, a * nlp, 0.0)
    per_sample = np.add.reduce(terms, axis=1)
    loss = _reduce(per_sample, reduction, denom)
    if not return_grad:
        return loss, None
    scale = (1.0 / denom) if reduction == "mean" else 1.0
    e /= 1.0 + rest
    e *= np.add.reduce(a, axis=1, keepdims=True)
    e -= a
    e *= scale
    return loss, e


def sigmoid_binary_cross_entropy(
    logits: ArrayLike, targets: ArrayLike, *, reduction: str = "mean", return_grad: bool = False
):
    r"""Binary cross-entropy of ``sigmoid(logits)`` against `targets`, in nats.

    Parameters
    ----------
    logits : array_like
        Unnormalised scores z.
    targets : array_like
        Probabilities y in [0, 1] (labels 0/1 included), same shape as `logits`.
    reduction : {"mean", "sum", "none"}, default="mean"
        ``"mean"`` averages over every element.
    return_grad : bool, default=False
        Also return the gradient with respect to `logits`.

    Returns
    -------
    loss : float or ndarray
    grad : ndarray
        Only with ``return_grad=True``: ``sigmoid(z) - y`` per element (divided
        by the number of elements for ``"mean"``).

    Notes
    -----
    .. math:: \ell = -y \log \sigma(z) - (1-y) \log \sigma(-z), \qquad
              \frac{\partial \ell}{\partial z} = \sigma(z) - y

    Both terms are non-negative and come from ``log_expit``, so logits of
    ±800 give exact losses (800, not inf).  This is the logistic-regression
    loss; with ``dZ = sigmoid(Z) - Y`` a batch update is
    ``dW = X @ dZ.T / m``, ``db = dZ.mean()``.

    Examples
    --------
    >>> from infomeasures import nn
    >>> nn.sigmoid_binary_cross_entropy([800.0, -800.0], [0.0, 1.0], reduction="none")
    array([800., 800.])
    >>> loss, grad = nn.sigmoid_binary_cross_entropy([0.0], [1.0], return_grad=True)
    >>> round(loss, 6), grad
    (0.693147, array([-0.5]))
    """
    z = v.float_array(logits, "logits")
    y = v.unit_interval(targets, "targets")
    if y.shape != z.shape:
        raise ValueError(f"`targets` must have the shape of `logits` {z.shape}, got {y.shape}.")
    v.choice(reduction, "reduction", _REDUCTIONS)
    v.check_bool(return_grad, "return_grad")
    if np.isnan(z).any():
        raise ValueError("`logits` contains NaN.")
    y = y.astype(z.dtype)
    with np.errstate(invalid="ignore"):
        # 0 * log_expit(-inf) = 0 * -inf must be 0, not NaN: mask those terms
        per = np.where(y > 0, y * special.log_expit(z), 0.0)
        per += np.where(y < 1, (1 - y) * special.log_expit(-z), 0.0)
    np.negative(per, out=per)
    loss = _reduce(per, reduction, max(per.size, 1))
    if reduction == "none":
        loss = _out(loss)
    if not return_grad:
        return loss
    grad = special.expit(z) - y
    if reduction == "mean":
        grad /= max(grad.size, 1)
    return loss, grad


def check_grad(
    f: Callable[[np.ndarray], float], x: ArrayLike, grad: ArrayLike, *, eps: float | None = None
) -> float:
    r"""Largest relative gap between a gradient and central finite differences.

    Parameters
    ----------
    f : callable
        Scalar function of an array shaped like `x`.
    x : array_like
        Point at which to check (not modified).
    grad : array_like
        The analytic gradient of `f` at `x`, same shape.
    eps : float, optional
        Step.  Default :math:`\epsilon^{1/3} \max(1, |x_i|)` per coordinate,
        which balances truncation and rounding error of central differences.

    Returns
    -------
    float
        :math:`\|g - \hat g\|_\infty / \max(\|g\|_\infty, \|\hat g\|_\infty)`
        where :math:`\hat g_i = (f(x + h e_i) - f(x - h e_i)) / 2h`; 0 if both
        are zero.  Around 1e-9 or less means the gradient is right.

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
    x = np.array(v.as_float_array(x, "x")[0], dtype=np.float64)  # a private copy
    g = v.as_float_array(grad, "grad")[0]
    if g.shape != x.shape:
        raise ValueError(f"`grad` must have the shape of `x` {x.shape}, got {g.shape}.")
    if not callable(f):
        raise TypeError("`f` must be callable.")
    cube_root_eps = np.finfo(np.float64).eps ** (1.0 / 3.0)
    h = np.full(x.shape, eps) if eps is not None else cube_root_eps * np.maximum(1.0, np.abs(x))
    fd = np.empty_like(x)
    flat, hflat, out = x.reshape(-1), h.reshape(-1), fd.reshape(-1)
    for i in range(flat.size):  # one coordinate at a time: f is a black box
        orig = flat[i]
        flat[i] = orig + hflat[i]
        up = float(f(x))
        flat[i] = orig - hflat[i]
        down = float(f(x))
        flat[i] = orig
        out[i] = (up - down) / (2.0 * hflat[i])
    scale = max(float(np.max(np.abs(g), initial=0.0)), float(np.max(np.abs(fd), initial=0.0)))
    if scale == 0.0:
        return 0.0
    gap = float(np.max(np.abs(g - fd))) / scale
    return gap if math.isfinite(gap) else math.inf
