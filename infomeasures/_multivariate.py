"""Measures of many variables from one joint table: sums of marginal entropies.

A joint distribution of n variables is a table with one axis per variable.
Total correlation, dual total correlation, O-information and co-information
are signed sums of the entropies of its marginals, each marginal a
reduction of the table over the axes it leaves out.  Every entropy is
computed once, in nats, and the sum converted to the caller's base at the end.

The pointwise measures (PMI and NPMI) are per-cell tables of a 2-D joint.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
from numpy.typing import ArrayLike

from . import _validation as v
from ._measures import _shannon_nats, _two_product

__all__ = [
    "co_information",
    "dual_total_correlation",
    "interaction_information",
    "normalized_pointwise_mutual_information",
    "o_information",
    "pointwise_mutual_information",
    "total_correlation",
]


def _joint(p, min_vars: int, normalize: bool) -> np.ndarray:
    arr = v.distribution(p, "p", axis=None, normalize=normalize)
    v.enough_variables(arr, "p", min_vars)
    return arr


def _marginal_nats(p: np.ndarray, keep) -> float:
    """H(X_S) in nats for the variables (axes) in `keep`."""
    drop = tuple(ax for ax in range(p.ndim) if ax not in keep)
    return _shannon_nats(np.add.reduce(p, axis=drop) if drop else p)


def _single_nats(p: np.ndarray) -> np.ndarray:
    """Return the H(X_i) in nats, one reduction of the table each."""
    return np.array([_marginal_nats(p, (i,)) for i in range(p.ndim)])


def _rest_nats(p: np.ndarray) -> np.ndarray:
    """Return the H(X_-i) in nats: the table summed over one axis each."""
    return np.array([_shannon_nats(np.add.reduce(p, axis=i)) for i in range(p.ndim)])


def _tc_terms(h_all: float, h_one: np.ndarray) -> list[float]:
    return [*h_one, -h_all]


def _dtc_terms(h_all: float, h_rest: np.ndarray) -> list[float]:
    # DTC = H - sum_i H(X_i | X_-i) = sum_i H(X_-i) - (n - 1) H; H repeated
    # rather than multiplied, so that the one sum below is the only rounding.
    return [*h_rest, *[-h_all] * (h_rest.size - 1)]


def _tc_nats(h_all: float, h_one: np.ndarray) -> float:
    # Theory makes TC >= 0; a sum of rounded entropies can dip an ulp below.
    # One exact sum of all the terms: three copies of a fair bit give 2 bits
    # exactly, not 1.9999999999999998.
    return max(math.fsum(_tc_terms(h_all, h_one)), 0.0)


def _dtc_nats(h_all: float, h_rest: np.ndarray) -> float:
    # DTC >= 0 in theory; clipped after summation as TC is.
    return max(math.fsum(_dtc_terms(h_all, h_rest)), 0.0)


def total_correlation(p: ArrayLike, /, *, base: float = 2, normalize: bool = False) -> float:
    r"""Total correlation (Watanabe's multi-information) of a joint table.

    Parameters
    ----------
    p : array_like of shape (K_1, ..., K_n)
        Joint probabilities with one axis per variable, n >= 2.
    base : float, default=2
        Logarithm base; 2 gives bits, ``math.e`` nats, 10 hartleys.
    normalize : bool, default=False
        If True, `p` may be any non-negative weights and is rescaled.

    Returns
    -------
    float
        :math:`C(X_1; \ldots; X_n) \ge 0`, 0 exactly when the variables are
        independent.

    See Also
    --------
    infomeasures.dual_total_correlation
    infomeasures.o_information
    infomeasures.mutual_information

    Notes
    -----
    .. math:: C = \sum_{i=1}^n H(X_i) - H(X_1, \ldots, X_n)
              = D\left(P \,\|\, \textstyle\prod_i P_i\right)

    For two variables it is the mutual information.  Computed as the sum of
    the marginal entropies (in nats, one reduction of the table each) and
    clipped at 0 after summation.

    References
    ----------
    Watanabe, S. (1960). Information theoretical analysis of multivariate
    correlation. IBM Journal of Research and Development 4(1), 66-82.

    Examples
    --------
    Three copies of one fair bit share 1 bit, counted twice:

    >>> import numpy as np
    >>> import infomeasures as im
    >>> p = np.zeros((2, 2, 2)); p[0, 0, 0] = p[1, 1, 1] = 0.5
    >>> im.total_correlation(p)
    2.0
    """
    scale = v.log_base(base)
    arr = _joint(p, 2, normalize)
    return v.to_units(_tc_nats(_shannon_nats(arr), _single_nats(arr)), scale)


def dual_total_correlation(p: ArrayLike, /, *, base: float = 2, normalize: bool = False) -> float:
    r"""Dual total correlation (binding information) of a joint table.

    Parameters
    ----------
    p : array_like of shape (K_1, ..., K_n)
        Joint probabilities with one axis per variable, n >= 2.
    base : float, default=2
        Logarithm base.
    normalize : bool, default=False
        If True, `p` may be any non-negative weights and is rescaled.

    Returns
    -------
    float
        :math:`B(X_1; \ldots; X_n) \ge 0`.

    See Also
    --------
    infomeasures.total_correlation, infomeasures.o_information

    Notes
    -----
    .. math:: B = H(X_1, \ldots, X_n) - \sum_{i=1}^n H(X_i \mid X_{-i})
              = \sum_{i=1}^n H(X_{-i}) - (n - 1) H(X_1, \ldots, X_n)

    where :math:`X_{-i}` is every variable but :math:`X_i`.  For two
    variables it is the mutual information.  Clipped at 0 after summation.

    References
    ----------
    Han, T. S. (1978). Nonnegative entropy measures of multivariate symmetric
    correlations. Information and Control 36(2), 133-156.

    Examples
    --------
    X, Y fair bits and Z = X xor Y: any two determine the third, so the
    2 bits of the joint are all shared:

    >>> import numpy as np
    >>> import infomeasures as im
    >>> p = np.zeros((2, 2, 2))
    >>> for x in (0, 1):
    ...     for y in (0, 1):
    ...         p[x, y, x ^ y] = 0.25
    >>> im.dual_total_correlation(p)
    2.0
    """
    scale = v.log_base(base)
    arr = _joint(p, 2, normalize)
    return v.to_units(_dtc_nats(_shannon_nats(arr), _rest_nats(arr)), scale)


def o_information(p: ArrayLike, /, *, base: float = 2, normalize: bool = False) -> float:
    r"""O-information of a joint table: redundancy minus synergy.

    Parameters
    ----------
    p : array_like of shape (K_1, ..., K_n)
        Joint probabilities with one axis per variable, n >= 3.
    base : float, default=2
        Logarithm base.
    normalize : bool, default=False
        If True, `p` may be any non-negative weights and is rescaled.

    Returns
    -------
    float
        :math:`\Omega = C - B`: positive when redundancy dominates, negative
        when synergy does.

    See Also
    --------
    infomeasures.total_correlation
    infomeasures.dual_total_correlation
    infomeasures.interaction_information

    Notes
    -----
    .. math:: \Omega(X_1, \ldots, X_n) = C - B
              = (n - 2) H(X_1, \ldots, X_n)
              + \sum_{i=1}^n \left[H(X_i) - H(X_{-i})\right]

    It is the difference of `total_correlation` and
    `dual_total_correlation` as they are returned (each clipped at 0), so
    the identity O = TC - DTC holds for the values a user sees.  For three
    variables it equals the co-information.

    References
    ----------
    Rosas, F., Mediano, P. A. M., Gastpar, M. & Jensen, H. J. (2019).
    Quantifying high-order interdependencies via multivariate extensions of
    the mutual information. Physical Review E 100, 032305.

    Examples
    --------
    Copies of one bit are redundant (+1 bit); XOR is synergistic (-1 bit):

    >>> import numpy as np
    >>> import infomeasures as im
    >>> copy = np.zeros((2, 2, 2)); copy[0, 0, 0] = copy[1, 1, 1] = 0.5
    >>> im.o_information(copy)
    1.0
    >>> xor = np.zeros((2, 2, 2))
    >>> for x in (0, 1):
    ...     for y in (0, 1):
    ...         xor[x, y, x ^ y] = 0.25
    >>> im.o_information(xor)
    -1.0
    """
    scale = v.log_base(base)
    arr = _joint(p, 3, normalize)
    h_all = _shannon_nats(arr)
    # TC - DTC as one exact sum of its entropy terms (no clipping: either sign)
    tc = _tc_terms(h_all, _single_nats(arr))
    dtc = _dtc_terms(h_all, _rest_nats(arr))
    return v.to_units(math.fsum([*tc, *(-h for h in dtc)]), scale)


def _co_information_nats(p: np.ndarray) -> float:
    """Bell's co-information: sum over non-empty subsets S of (-1)^(|S|+1) H(X_S).

    Marginals are built from larger ones (the one with the next axis added),
    so each costs a reduction of an already smaller table.
    """
    n = p.ndim
    tables = {tuple(range(n)): p}
    terms = []
    for size in range(n, 0, -1):  # a loop over the 2^n - 1 subsets of variables
        for keep in itertools.combinations(range(n), size):
            if keep not in tables:
                j = next(ax for ax in range(n) if ax not in keep)
                parent = tuple(sorted((*keep, j)))
                tables[keep] = np.add.reduce(tables[parent], axis=parent.index(j))
            sign = 1.0 if size % 2 else -1.0
            terms.append(sign * _shannon_nats(tables[keep]))
        # subsets two sizes up are no longer needed as parents
        for key in [k for k in tables if len(k) == size + 1]:
            del tables[key]
    return math.fsum(terms)


def co_information(p: ArrayLike, /, *, base: float = 2, normalize: bool = False) -> float:
    r"""Co-information (Bell 2003) of a joint table.

    Parameters
    ----------
    p : array_like of shape (K_1, ..., K_n)
        Joint probabilities with one axis per variable, n >= 2.
    base : float, default=2
        Logarithm base.
    normalize : bool, default=False
        If True, `p` may be any non-negative weights and is rescaled.

    Returns
    -------
    float
        The co-information; any sign for n >= 3.

    See Also
    --------
    infomeasures.interaction_information
    infomeasures.o_information
    infomeasures.mutual_information

    Notes
    -----
    .. math:: I(X_1; \ldots; X_n) = -\sum_{\emptyset \ne S \subseteq
              \{1..n\}} (-1)^{|S|} H(X_S)

    For two variables it is I(X; Y); for three, I(X; Y) - I(X; Y | Z), so
    XOR gives -1 bit.  It sums :math:`2^n - 1` marginal entropies.

    References
    ----------
    Bell, A. J. (2003). The co-information lattice. Proceedings of ICA 2003,
    921-926.

    Examples
    --------
    >>> import numpy as np
    >>> import infomeasures as im
    >>> xor = np.zeros((2, 2, 2))
    >>> for x in (0, 1):
    ...     for y in (0, 1):
    ...         xor[x, y, x ^ y] = 0.25
    >>> im.co_information(xor)
    -1.0
    >>> im.co_information([[0.5, 0.0], [0.0, 0.5]])  # I(X; Y) of a copy
    1.0
    """
    scale = v.log_base(base)
    return v.to_units(_co_information_nats(_joint(p, 2, normalize)), scale)


def interaction_information(p: ArrayLike, /, *, base: float = 2, normalize: bool = False) -> float:
    r"""Interaction information (McGill 1954) in the sign of dit and Jakulin.

    Parameters
    ----------
    p : array_like of shape (K_1, ..., K_n)
        Joint probabilities with one axis per variable, n >= 2.
    base : float, default=2
        Logarithm base.
    normalize : bool, default=False
        If True, `p` may be any non-negative weights and is rescaled.

    Returns
    -------
    float
        :math:`(-1)^n` times the co-information: for three variables
        I(X; Y | Z) - I(X; Y), positive for synergy (XOR gives +1 bit).

    See Also
    --------
    infomeasures.co_information, infomeasures.o_information

    Notes
    -----
    .. math:: II(X_1; \ldots; X_n) = (-1)^n \, I(X_1; \ldots; X_n)
              = \sum_{\emptyset \ne S \subseteq \{1..n\}}
                (-1)^{n - |S| + 1} H(X_S)

    References
    ----------
    McGill, W. J. (1954). Multivariate information transmission.
    Psychometrika 19(2), 97-116.  Jakulin, A. & Bratko, I. (2003). Quantifying
    and visualizing attribute interactions. arXiv:cs/0308002.

    Examples
    --------
    >>> import numpy as np
    >>> import infomeasures as im
    >>> xor = np.zeros((2, 2, 2))
    >>> for x in (0, 1):
    ...     for y in (0, 1):
    ...         xor[x, y, x ^ y] = 0.25
    >>> im.interaction_information(xor)
    1.0
    """
    scale = v.log_base(base)
    arr = _joint(p, 2, normalize)
    sign = 1.0 if arr.ndim % 2 == 0 else -1.0
    return v.to_units(sign * _co_information_nats(arr), scale)


def _pmi_nats(pxy: np.ndarray) -> np.ndarray:
    """log(p(x,y) N / (p(x) p(y))) per cell, -inf where p(x, y) = 0.

    The products are formed exactly (`_two_product`) and the log taken as
    log1p of their small relative difference, so a nearly independent cell
    gets its tiny PMI accurate relative to itself.
    """
    ext = pxy.astype(np.longdouble)
    r = np.add.reduce(ext, axis=1, keepdims=True)
    s = np.add.reduce(ext, axis=0, keepdims=True)
    n = np.add.reduce(r, axis=None)
    ah, al = _two_product(ext, n)
    bh, bl = _two_product(r, s)
    with np.errstate(divide="ignore", invalid="ignore"):
        # The small relative difference where A/B is near 1; elsewhere the
        # plain log(A/B), exact to an ulp of a log that is not small (log1p
        # of a difference near -1 would round p(x, y) << p(x) p(y) to -inf).
        # B = 0 forces A = 0: NaN there, and every A = 0 cell is set to -inf.
        x = ((ah - bh) + (al - bl)) / bh
        pmi = np.where(np.abs(x) < 0.5, np.log1p(x), np.log(ah / bh))
    pmi[ah == 0] = -np.inf
    return pmi.astype(np.float64)


def pointwise_mutual_information(
    pxy: ArrayLike, /, *, base: float = 2, normalize: bool = False
) -> np.ndarray:
    r"""Pointwise mutual information of every cell of a 2-D joint table.

    Parameters
    ----------
    pxy : array_like of shape (K_X, K_Y)
        Joint probabilities; rows index X, columns index Y.
    base : float, default=2
        Logarithm base.
    normalize : bool, default=False
        If True, `pxy` may be any non-negative weights and is rescaled.

    Returns
    -------
    ndarray of shape (K_X, K_Y)
        :math:`\operatorname{pmi}(x, y)`; ``-inf`` in every cell with
        ``p(x, y) = 0`` (the limit as the joint probability goes to 0 with
        the marginals fixed; an empty row or column is such a cell too).

    See Also
    --------
    normalized_pointwise_mutual_information, infomeasures.mutual_information

    Notes
    -----
    .. math:: \operatorname{pmi}(x, y) = \log_b \frac{p(x, y)}{p(x)\, p(y)},
              \qquad I(X; Y) = \sum_{x, y} p(x, y) \operatorname{pmi}(x, y)

    Examples
    --------
    >>> import infomeasures as im
    >>> pmi = im.pointwise_mutual_information([[0.5, 0.0], [0.25, 0.25]])
    >>> pmi  # log2(4/3), log2(0), log2(2/3), log2(2)
    array([[ 0.4150375,       -inf],
           [-0.5849625,  1.       ]])
    """
    scale = v.log_base(base)
    arr = v.distribution(pxy, "pxy", axis=None, normalize=normalize)
    v.check_ndim(arr, "pxy", 2)
    return v.to_units(_pmi_nats(arr), scale)


def normalized_pointwise_mutual_information(
    pxy: ArrayLike, /, *, normalize: bool = False
) -> np.ndarray:
    r"""Normalised pointwise mutual information (Bouma 2009) of a 2-D table.

    Parameters
    ----------
    pxy : array_like of shape (K_X, K_Y)
        Joint probabilities; rows index X, columns index Y.
    normalize : bool, default=False
        If True, `pxy` may be any non-negative weights and is rescaled.

    Returns
    -------
    ndarray of shape (K_X, K_Y)
        Values in [-1, 1], unitless: -1 where ``p(x, y) = 0`` (never
        together, the limit of the formula), 0 for independence, 1 where x
        and y occur only together (``p(x, y) = p(x) = p(y)``, including the
        0/0 of a table with a single non-empty cell).

    See Also
    --------
    pointwise_mutual_information

    Notes
    -----
    .. math:: \operatorname{npmi}(x, y) =
              \frac{\operatorname{pmi}(x, y)}{-\log p(x, y)}

    The ratio does not depend on the logarithm's base, so there is none.

    References
    ----------
    Bouma, G. (2009). Normalized (pointwise) mutual information in
    collocation extraction. Proceedings of GSCL, 31-40.

    Examples
    --------
    >>> import infomeasures as im
    >>> im.normalized_pointwise_mutual_information([[0.5, 0.0], [0.0, 0.5]])
    array([[ 1., -1.],
           [-1.,  1.]])
    """
    arr = v.distribution(pxy, "pxy", axis=None, normalize=normalize)
    v.check_ndim(arr, "pxy", 2)
    pmi = _pmi_nats(arr)
    ext = arr.astype(np.longdouble)
    with np.errstate(divide="ignore", invalid="ignore"):
        # -log p(x, y) of the table scaled to sum exactly to 1
        h = -np.log(ext / np.add.reduce(ext, axis=None))
        npmi = np.asarray(pmi / h, dtype=np.float64)
    npmi[arr == 0] = -1.0
    npmi[(arr > 0) & (h == 0)] = 1.0  # p(x, y) = 1: x and y always together
    # |pmi| <= -log p(x, y) in theory; rounding must not leave [-1, 1].
    return np.clip(npmi, -1.0, 1.0)
