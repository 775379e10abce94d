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
    """Maximum-likelihood estimate -sum p log p with p = n_i / n; bias O(k/n)."""
    return float(np.add.reduce(special.entr(counts / n)))


def miller_madow(counts: np.ndarray, n: float, k: int) -> float:
    """Plug-in plus (m - 1) / (2n), m the observed categories (Miller 1955)."""
    m = int(np.count_nonzero(counts))
    return plugin(counts, n, k) + (m - 1) / (2.0 * n)


def chao_shen(counts: np.ndarray, n: float, k: int) -> float:
    """Coverage-adjusted Horvitz-Thompson estimate (Chao & Shen 2003)."""
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
    """log n - (1/n) sum n_i G(n_i), G(n) = psi(n) + (-1)^n/2 (psi((n+1)/2) - psi(n/2))
    (Grassberger 2003, eq. 35)."""
    c = counts[counts > 0]
    sign = np.where(np.mod(c, 2) == 0, 1.0, -1.0)
    g = special.digamma(c) + 0.5 * sign * (special.digamma((c + 1) / 2) - special.digamma(c / 2))
    return float(math.log(n) - np.add.reduce(c * g) / n)


def james_stein(counts: np.ndarray, n: float, k: int) -> float:
    """Plug-in entropy of frequencies shrunk toward uniform 1/k (Hausser & Strimmer 2009)."""
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
    """Posterior mean of H under the NSB mixture of Dirichlet priors
    (Nemenman, Shafee & Bialek 2002), integrated over the concentration."""
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
