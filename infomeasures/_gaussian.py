"""Closed forms under a multivariate normal fit, and the Gaussian-copula transform.

Private kernels on validated float64 arrays of shape (n, d); results in nats
as Python floats.  Covariances are normalised by n - 1 (numpy.cov's default,
and the fit of Ince et al.'s gcmi code): the log-determinant of a sample
covariance is biased low (Jensen), and the unbiased covariance is the less
biased of the two common fits.  Mutual and conditional mutual information do
not depend on the choice: the factor n/(n-1) cancels between the
log-determinants, whose dimensions add up.  Log-determinants come from a
Cholesky factor, which also detects a singular fit.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.linalg import LinAlgError, cho_factor, cho_solve
from scipy.special import ndtri

from . import _validation

_LOG_2PI_E = math.log(2 * math.pi) + 1.0


def _cov(x: np.ndarray, name: str) -> np.ndarray:
    n, d = x.shape
    if n <= d:
        _validation.too_few_for_covariance(name, n, d)
    return np.atleast_2d(np.cov(x, rowvar=False))


def _cholesky(cov: np.ndarray, name: str):
    try:
        factor = cho_factor(cov, lower=True)
    except LinAlgError:
        _validation.singular_covariance(name)
    diag = np.diag(factor[0])
    # A factor with a zero or vanishing pivot is singular to working precision.
    if not (diag > np.sqrt(np.finfo(float).eps) * np.sqrt(np.diag(cov)).max()).all():
        _validation.singular_covariance(name)
    return factor


def _logdet_of(factor) -> float:
    return 2.0 * float(np.log(np.diag(factor[0])).sum())


def _logdet(cov: np.ndarray, name: str) -> float:
    return _logdet_of(_cholesky(cov, name))


def gaussian_entropy(x: np.ndarray) -> float:
    r"""Differential entropy of the normal fitted to `x` (n, d).

    .. math:: H = \tfrac{d}{2}\,(1 + \log 2\pi) + \tfrac12 \log\det\hat\Sigma

    :math:`\hat\Sigma` normalised by n - 1 (see the module notes).  Exact for
    normal data up to the O(d^2/n) bias of the log-determinant.
    """
    d = x.shape[1]
    return 0.5 * (d * _LOG_2PI_E + _logdet(_cov(x, "x"), "x"))


def _mi_from_cov(cov: np.ndarray, dx: int, name: str) -> float:
    """0.5 (log det S_xx + log det S_yy - log det S) from one joint covariance."""
    mi = 0.5 * (_logdet(cov[:dx, :dx], name) + _logdet(cov[dx:, dx:], name) - _logdet(cov, name))
    # I >= 0 in theory; rounding of nearly equal log-determinants can dip below.
    return max(mi, 0.0)


def gaussian_mi(x: np.ndarray, y: np.ndarray) -> float:
    r"""Mutual information of `x` (n, dx) and `y` (n, dy) under a joint normal fit.

    .. math:: I = \tfrac12\left(\log\det\hat\Sigma_{x} + \log\det\hat\Sigma_{y}
              - \log\det\hat\Sigma_{xy}\right)

    For 1-D x and y this is :math:`-\tfrac12\log(1-\hat r^2)`.  The
    covariance normalisation cancels.  A lower bound on the MI of non-normal
    data with the same covariance (the normal maximises entropy).
    """
    return _mi_from_cov(_cov(np.hstack((x, y)), "(x, y)"), x.shape[1], "(x, y)")


def gaussian_cmi(x: np.ndarray, y: np.ndarray, z: np.ndarray) -> float:
    r"""Conditional mutual information I(X; Y | Z) under a joint normal fit.

    .. math:: I = \tfrac12\left(\log\det\hat\Sigma_{xz} + \log\det\hat\Sigma_{yz}
              - \log\det\hat\Sigma_{z} - \log\det\hat\Sigma_{xyz}\right)

    all from blocks of the one joint covariance; for 1-D variables it is
    :math:`-\tfrac12\log(1-\rho_{xy\cdot z}^2)` with the partial correlation.
    The covariance normalisation cancels (the dimensions of the four blocks
    add up to zero with their signs).
    """
    dx, dy = x.shape[1], y.shape[1]
    cov = _cov(np.hstack((x, y, z)), "(x, y, z)")
    xz = np.r_[0:dx, dx + dy : cov.shape[0]]
    yz = np.r_[dx : cov.shape[0]]
    z_ = np.r_[dx + dy : cov.shape[0]]
    name = "(x, y, z)"
    cmi = 0.5 * (
        _logdet(cov[np.ix_(xz, xz)], name)
        + _logdet(cov[np.ix_(yz, yz)], name)
        - _logdet(cov[np.ix_(z_, z_)], name)
        - _logdet(cov, name)
    )
    # I(X;Y|Z) >= 0 in theory; the rounding of four log-determinants can dip below.
    return max(cmi, 0.0)


def _fit(x: np.ndarray, name: str):
    cov = _cov(x, name)
    return x.mean(axis=0), cov, _cholesky(cov, name)


def _cross_terms(x: np.ndarray, y: np.ndarray):
    """tr(S_q^-1 S_p) + (m_q - m_p)' S_q^-1 (m_q - m_p), log det S_p, log det S_q."""
    mp, sp, fp = _fit(x, "x")
    mq, _, fq = _fit(y, "y")
    diff = mq - mp
    quad = float(np.trace(cho_solve(fq, sp)) + diff @ cho_solve(fq, diff))
    return quad, _logdet_of(fp), _logdet_of(fq)


def gaussian_kl(x: np.ndarray, y: np.ndarray) -> float:
    r"""KL divergence D(P || Q) between the normals fitted to x ~ P and y ~ Q.

    .. math:: D = \tfrac12\left(\operatorname{tr}(\Sigma_q^{-1}\Sigma_p)
              + (\mu_q-\mu_p)^\top\Sigma_q^{-1}(\mu_q-\mu_p) - d
              + \log\det\Sigma_q - \log\det\Sigma_p\right)

    Both covariances normalised by n - 1 (see the module notes); the choice
    matters only when the sample sizes differ, and a sample against itself
    gives exactly 0 either way.
    """
    quad, ldp, ldq = _cross_terms(x, y)
    # D >= 0 in theory; rounding can leave a tiny negative for equal fits.
    return max(0.5 * (quad - x.shape[1] + ldq - ldp), 0.0)


def gaussian_cross_entropy(x: np.ndarray, y: np.ndarray) -> float:
    r"""Cross-entropy H(P, Q) = -E_P[log q] between the normals fitted to x and y.

    .. math:: H = \tfrac12\left(d\log 2\pi + \log\det\Sigma_q
              + \operatorname{tr}(\Sigma_q^{-1}\Sigma_p)
              + (\mu_q-\mu_p)^\top\Sigma_q^{-1}(\mu_q-\mu_p)\right)

    Covariances normalised by n - 1 (see the module notes).
    """
    quad, _, ldq = _cross_terms(x, y)
    return 0.5 * (x.shape[1] * math.log(2 * math.pi) + ldq + quad)


def copula_normal(x: np.ndarray) -> np.ndarray:
    r"""Gaussian-copula transform of each column: standard normal scores of its ranks.

    .. math:: g(x_i) = \Phi^{-1}\!\left(\frac{\operatorname{rank}(x_i)}{n + 1}\right)

    Ranks with ties averaged (`scipy.stats.rankdata`), mapped through
    `scipy.special.ndtri`; Ince et al. (2017).  Invariant under strictly
    increasing transforms of each column.
    """
    # Imported here: scipy.stats costs every import of infomeasures about half
    # a second, and only the copula needs it.
    from scipy.stats import rankdata

    return ndtri(rankdata(x, axis=0) / (x.shape[0] + 1))


def copula_mi(x: np.ndarray, y: np.ndarray) -> float:
    """Gaussian-copula mutual information (Ince et al. 2017).

    `gaussian_mi` of the copula-normal scores (the covariance normalisation
    cancels).  A lower bound on the MI, blind to the margins and robust to
    outliers.
    """
    return gaussian_mi(copula_normal(x), copula_normal(y))


def copula_cmi(x: np.ndarray, y: np.ndarray, z: np.ndarray) -> float:
    """Gaussian-copula conditional mutual information (Ince et al. 2017).

    `gaussian_cmi` of the copula-normal scores of each margin (the covariance
    normalisation cancels).
    """
    return gaussian_cmi(copula_normal(x), copula_normal(y), copula_normal(z))
