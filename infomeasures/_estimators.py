"""Entropy estimators on count vectors, one private kernel each.

Every kernel takes a 1-D float64 array of non-negative counts (zeros
allowed), the total ``n > 0`` and the alphabet size ``k`` (at least the number
of observed categories), and returns the entropy estimate in nats.  `ESTIMATORS`
maps the public names to the kernels.
"""

from __future__ import annotations

import math

import numpy as np
from scipy import integrate, special


def plugin(counts: np.ndarray, n: float, k: int) -> float:
    r"""Plug-in (maximum-likelihood) estimate.

    .. math:: \hat H = -\sum_i \hat p_i \log \hat p_i, \qquad \hat p_i = n_i / n

    Bias: negative, :math:`-(m-1)/(2n) + O(n^{-2})` with m the categories of
    non-zero probability; it underestimates until n is much larger than m.
    """
    return float(np.add.reduce(special.entr(counts / n)))


def miller_madow(counts: np.ndarray, n: float, k: int) -> float:
    r"""Miller-Madow estimate: the plug-in with its first-order bias removed.

    .. math:: \hat H_{MM} = \hat H_{plugin} + \frac{m - 1}{2n}

    with m the number of observed categories.  Bias :math:`O(n^{-2})` when
    every category is seen; still negative when many are unseen.

    Miller, G. A. (1955). Note on the bias of information estimates.
    *Information Theory in Psychology*, 95-100.
    """
    m = int(np.count_nonzero(counts))
    return plugin(counts, n, k) + (m - 1) / (2.0 * n)


def chao_shen(counts: np.ndarray, n: float, k: int) -> float:
    r"""Chao-Shen estimate: coverage-adjusted Horvitz-Thompson.

    .. math:: \hat H_{CS} = -\sum_i \frac{\tilde p_i \log \tilde p_i}
              {1 - (1 - \tilde p_i)^n}, \qquad
              \tilde p_i = \hat C \hat p_i, \quad \hat C = 1 - f_1 / n

    with :math:`f_1` the number of singletons (set to n - 1 when every
    observation is a singleton).  The coverage :math:`\hat C` accounts for
    unseen categories and the denominator is the inclusion probability of
    category i.  Nearly unbiased when unseen categories carry probability;
    bias decays faster than :math:`O(1/n)` but without a closed order.

    Chao, A. & Shen, T.-J. (2003). Nonparametric estimation of Shannon's index
    of diversity when there are unseen species in sample. *Environmental and
    Ecological Statistics* 10, 429-443.
    """
    c = counts[counts > 0]
    f1 = float(np.count_nonzero(c == 1))
    if f1 == n:  # every observation a singleton: keep the coverage positive
        f1 = n - 1.0
    pa = (1.0 - f1 / n) * (c / n)
    # 1 - (1 - pa)^n: the probability of seeing each category at least once;
    # pa = 1 (one category, no singletons) gives log1p(-1) = -inf and seen = 1.
    with np.errstate(divide="ignore"):
        seen = -np.expm1(n * np.log1p(-pa))
    return float(np.add.reduce(special.entr(pa) / seen))


def grassberger(counts: np.ndarray, n: float, k: int) -> float:
    r"""Grassberger estimate, with the digamma-based G(n) of his eq. (35).

    .. math:: \hat H_G = \log n - \frac1n \sum_i n_i G(n_i), \qquad
              G(n) = \psi(n) + \tfrac12 (-1)^n
              \left[\psi\left(\tfrac{n+1}{2}\right) - \psi\left(\tfrac n2\right)\right]

    Bias smaller than Miller-Madow's for every n; it vanishes faster than any
    power of 1/n for fixed probabilities but remains for unseen categories.

    Grassberger, P. (2003). Entropy estimates from insufficient samplings.
    arXiv:physics/0307138.
    """
    c = counts[counts > 0]
    sign = np.where(np.mod(c, 2) == 0, 1.0, -1.0)
    g = special.digamma(c) + 0.5 * sign * (special.digamma((c + 1) / 2) - special.digamma(c / 2))
    return float(math.log(n) - np.add.reduce(c * g) / n)


def james_stein(counts: np.ndarray, n: float, k: int) -> float:
    r"""James-Stein shrinkage estimate: the plug-in entropy of shrunk frequencies.

    .. math:: \hat p_i^{S} = \lambda \frac1k + (1 - \lambda) \hat p_i, \qquad
              \lambda = \frac{1 - \sum_i \hat p_i^2}
              {(n - 1) \sum_i (1/k - \hat p_i)^2}

    clipped to [0, 1], over all k categories of the alphabet.  Biased toward
    log k by design, trading bias for a much smaller mean squared error when
    n is small relative to k.

    Hausser, J. & Strimmer, K. (2009). Entropy inference and the James-Stein
    estimator. *Journal of Machine Learning Research* 10, 1469-1484.
    """
    full = np.zeros(k)
    full[: counts.size] = counts
    ml = full / n
    target = 1.0 / k
    denom = (n - 1.0) * np.add.reduce((target - ml) ** 2)
    lam = 1.0 if denom == 0 else (1.0 - np.add.reduce(ml**2)) / denom
    lam = min(1.0, max(0.0, lam))
    shrunk = lam * target + (1.0 - lam) * ml
    return float(np.add.reduce(special.entr(shrunk)))


def nsb(counts: np.ndarray, n: float, k: int) -> float:
    r"""NSB estimate: the posterior mean of H under a mixture of Dirichlet priors.

    .. math:: \hat H_{NSB} = \frac{\int E[H \mid n, \beta]\, P(n \mid \beta)\,
              \frac{d\xi}{d\beta}\, d\beta}{\int P(n \mid \beta)\,
              \frac{d\xi}{d\beta}\, d\beta}, \qquad
              \xi(\beta) = \psi(k\beta + 1) - \psi(\beta + 1)

    The prior over the Dirichlet concentration beta makes the prior on H
    nearly flat; :math:`E[H \mid n, \beta]` is Wolpert and Wolf's posterior
    mean.  Integrated over log beta with ``scipy.integrate.quad``.  Depends on
    the alphabet size k.  Small bias even for n of the order of sqrt(k)
    (no closed order).

    Nemenman, I., Shafee, F. & Bialek, W. (2002). Entropy and inference,
    revisited. *Advances in Neural Information Processing Systems* 14.
    """
    c = counts[counts > 0]
    unseen = k - c.size
    if k == 1:  # one possible outcome: H = 0, and the NSB prior degenerates
        return 0.0

    def log_evidence(beta):  # beta scalar or 1-D
        beta = np.asarray(beta, dtype=float)
        kb = k * beta
        per_cat = special.gammaln(c[:, None] + beta) - special.gammaln(beta)
        return special.gammaln(kb) - special.gammaln(n + kb) + np.add.reduce(per_cat, axis=0)

    def prior(beta):  # d xi / d beta, xi(beta) = E[H | beta] a priori
        return k * special.polygamma(1, k * beta + 1) - special.polygamma(1, beta + 1)

    def mean_h(beta):
        total = n + k * beta
        seen = np.add.reduce((c + beta) * special.digamma(c + beta + 1))
        return (
            special.digamma(total + 1) - (seen + unseen * beta * special.digamma(beta + 1)) / total
        )

    # Integrate over log beta; scale the evidence by its peak to avoid overflow.
    grid = np.linspace(-12, 8, 401)
    logw = log_evidence(np.exp(grid))
    peak = float(np.max(logw))

    def weight(t):
        beta = math.exp(t)
        return math.exp(float(log_evidence(beta)[0]) - peak) * prior(beta) * beta

    lo, hi = grid[0], grid[-1]
    points = [float(grid[np.argmax(logw)])]
    norm = integrate.quad(weight, lo, hi, points=points, limit=200)[0]
    num = integrate.quad(
        lambda t: weight(t) * mean_h(math.exp(t)), lo, hi, points=points, limit=200
    )[0]
    return float(num / norm)


ESTIMATORS = {
    "plugin": plugin,
    "miller-madow": miller_madow,
    "chao-shen": chao_shen,
    "grassberger": grassberger,
    "james-stein": james_stein,
    "nsb": nsb,
}


# ---- plug-in kernels on exact integer tables
#
# They take the observed cells of a table as parallel integer arrays (int64,
# or Python ints in object arrays), one entry per cell, so the same kernel
# serves a dense table (its non-zero cells) and the sparse observed outcomes
# of many variables.  Integer products are exact while every count is at most
# _PRODUCT_SAFE = 2**31 - 1 (then a + b for products a, b fits int64); larger
# counts are widened to Python ints.

_PRODUCT_SAFE = math.isqrt(2**62 - 1)


def _exact_cells(*arrays) -> list[np.ndarray]:
    """The arrays, as Python ints if a product of two entries may overflow int64."""
    if all(a.dtype != object for a in arrays) and all(
        int(a.max(initial=0)) <= _PRODUCT_SAFE for a in arrays
    ):
        return list(arrays)
    return [a.astype(object) for a in arrays]


def _divergence_sums(m, d, group=None, size: int = 1) -> np.ndarray:
    r"""Per group, the sums of m log(m/d) - m + d >= 0 over all cells, for exact integers.

    `m`, `d` hold the cells with m > 0 (others, with m = 0, may be left out)
    of groups in which :math:`\sum m = \sum d` over all cells; `group` (codes
    in [0, size), default one group) says which group a cell belongs to.

    Where m and d are close, each term comes from the series in
    t = (d - m) / (d + m), with the difference taken exactly in integers, so
    nearly independent tables lose nothing to cancellation.  Elsewhere only
    m log(m/d) is evaluated in floating point.  The -m + d parts of those far
    cells, including the left-out ones (m = 0), sum to
    :math:`\sum_{near} (m - d)` because the group's m and d have equal totals:
    an exact integer, so that, e.g., a perfectly dependent table gives exactly
    log 2 rather than log 2 plus rounding.
    """
    # Imported here: the top of this module belongs to the count estimators.
    from ._measures import _kl_series

    r = m - d  # exact: int64 or Python ints
    rf = r.astype(np.float64)
    sf = (m + d).astype(np.float64)
    near = np.flatnonzero(np.abs(rf) * 3.0 < sf)
    terms = special.rel_entr(m.astype(np.float64), d.astype(np.float64))
    terms[near] = _kl_series(sf[near], -rf[near] / sf[near])
    if group is None:
        residual = np.add.reduce(r[near], dtype=r.dtype)
        return np.array([float(np.add.reduce(terms)) + float(residual)])
    residual = np.zeros(size, dtype=r.dtype)  # object: Python int 0s
    np.add.at(residual, group[near], r[near])
    return np.bincount(group, weights=terms, minlength=size) + residual.astype(np.float64)


def _plugin_cmi_nats(nxyz, nxz, nyz, zcode=None, nz=None) -> float:
    r"""Plug-in I(X; Y | Z) from the observed cells (x, y, z), from exact residuals.

    .. math:: I = \frac1N \sum_z \frac{1}{n_z} \sum_{x,y}
              \left[m \log\frac{m}{d} - m + d\right],\quad
              m = n_z n_{xyz},\ d = n_{xz} n_{yz},

    every term non-negative.  `nxyz`, `nxz`, `nyz` are per cell, `zcode` the
    cell's z, `nz` the totals per z.  Mutual information is the case of one z
    (``zcode=None``; `nz` defaults to the total).
    """
    if nz is None:
        nz = np.array([int(np.add.reduce(nxyz))])
    nxyz, nxz, nyz, nz = _exact_cells(nxyz, nxz, nyz, nz)
    m = (nz[0] if zcode is None else nz[zcode]) * nxyz
    d = nxz * nyz
    per_z = _divergence_sums(m, d, zcode, len(nz))
    nzf = nz.astype(np.float64)
    total = np.add.reduce(np.divide(per_z, nzf, out=np.zeros_like(per_z), where=nzf > 0))
    # Every term is >= 0, so the sum is too: no clipping needed.
    return float(total / float(np.add.reduce(nz)))


def _plugin_conditional_entropy_nats(nxy, ny) -> float:
    r""":math:`\frac1N \sum n_{xy} \log(n_y / n_{xy})` over observed cells: non-negative terms."""
    nxy, ny = nxy.astype(np.float64), ny.astype(np.float64)
    return float(np.add.reduce(special.xlogy(nxy, ny / nxy)) / np.add.reduce(nxy))


def _plugin_kl_nats(tx, ty) -> float:
    r"""D(P_x || P_y) of two aligned count vectors, from exact integer residuals.

    .. math:: \frac{1}{n_x n_y}\sum_a [m \log(m/d) - m + d],\quad
              m = n_x(a)\, n_y,\ d = n_y(a)\, n_x
    """
    nx, ny = np.add.reduce(tx), np.add.reduce(ty)
    tx, ty, totals = _exact_cells(tx, ty, np.array([int(nx), int(ny)]))
    nx, ny = totals
    seen = tx > 0
    total = _divergence_sums(tx[seen] * ny, ty[seen] * nx)[0]
    return float(total / (float(nx) * float(ny)))
