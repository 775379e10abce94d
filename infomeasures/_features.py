"""scikit-learn compatible feature scoring by mutual information (public later in metrics).

Same signature, preprocessing and results as
`sklearn.feature_selection.mutual_info_classif` and `mutual_info_regression`,
computed by the kernels of `_neighbors`: KSG on a 2-D max-norm cKDTree for
continuous pairs and, for a continuous feature against classes, Ross's
estimator from per-class sorts and `searchsorted` with no tree at all.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse
from scipy.special import xlogy

from . import _validation
from ._neighbors import KSG, _ross


def _plugin_mi(a: np.ndarray, b: np.ndarray) -> float:
    """Plug-in mutual information of two label arrays, in nats (scikit-learn's
    ``mutual_info_score``), from their contingency counts."""
    _, ca = np.unique(a, return_inverse=True)
    _, cb = np.unique(b, return_inverse=True)
    ka, kb = int(ca.max()) + 1, int(cb.max()) + 1
    joint = np.bincount(ca * kb + cb, minlength=ka * kb).reshape(ka, kb).astype(np.float64)
    na, nb = joint.sum(axis=1), joint.sum(axis=0)
    n = float(a.size)
    # xlogy gives 0 for empty cells; the ratio is 0/positive there.
    mi = xlogy(joint, joint * n / np.outer(na, nb)).sum() / n
    # I >= 0 in theory; rounding can leave a tiny negative for independent labels.
    return max(float(mi), 0.0)


def _discrete_mask(discrete_features, n_features: int, sparse: bool) -> np.ndarray:
    if isinstance(discrete_features, str):
        if discrete_features != "auto":
            _validation.discrete_features_spec(discrete_features, n_features)
        return np.full(n_features, sparse)
    if isinstance(discrete_features, (bool, np.bool_)):
        return np.full(n_features, bool(discrete_features))
    spec = np.asarray(discrete_features)
    if spec.ndim != 1:
        _validation.discrete_features_spec(discrete_features, n_features)
    if spec.dtype == bool:
        if spec.size != n_features:
            _validation.discrete_features_spec(discrete_features, n_features)
        return spec.copy()
    if spec.size and (
        spec.dtype.kind not in "iu" or spec.min() < -n_features or spec.max() >= n_features
    ):
        _validation.discrete_features_spec(discrete_features, n_features)
    mask = np.zeros(n_features, dtype=bool)
    mask[spec.astype(np.intp)] = True
    return mask


def _column(X, j: int) -> np.ndarray:
    if scipy.sparse.issparse(X):
        return X[:, [j]].toarray()[:, 0].astype(np.float64)
    return X[:, j]


def _estimate_mi(X, y, discrete_features, discrete_target, n_neighbors, random_state, n_jobs):
    """scikit-learn's ``_estimate_mi``: the same preprocessing, draw for draw,
    so that the same `random_state` gives the same noisy data."""
    n_neighbors = _validation.n_neighbors(n_neighbors)
    sparse = scipy.sparse.issparse(X)
    if sparse:
        X = scipy.sparse.csc_matrix(X, dtype=np.float64)
        _validation.nonfinite_values(X.data, "X")
    else:
        X, _ = _validation.as_float_array(X, "X")
    y = np.asarray(y)
    _validation.feature_matrix(X, y)
    if not sparse:
        _validation.nonfinite_values(X, "X")
    n, n_features = X.shape
    discrete = _discrete_mask(discrete_features, n_features, sparse)
    rng = _validation.random_state(random_state)
    workers = 1 if n_jobs is None else (int(n_jobs) if n_jobs > 0 else -1)

    continuous = np.flatnonzero(~discrete)
    scaled = None
    if continuous.size:
        if sparse:
            _validation.sparse_continuous()
        scaled = X[:, continuous]  # a copy: the caller's X is never modified
        sd = np.nanstd(scaled, axis=0)
        # scikit-learn's scale(): a near-constant column is left unscaled.
        sd[sd < 10 * np.finfo(np.float64).eps] = 1.0
        scaled /= sd
        # scikit-learn's noise "to remove repeated values" (Kraskov et al.),
        # reproduced so that scores match for the same random_state.
        means = np.maximum(1, np.mean(np.abs(scaled), axis=0))
        scaled += 1e-10 * means * rng.standard_normal(size=(n, continuous.size))

    if discrete_target:
        if y.dtype.kind == "f":
            _validation.nonfinite_values(y, "y")
            if (y != np.round(y)).any():
                _validation.continuous_target(y[y != np.round(y)])
        _, target = np.unique(y, return_inverse=True)
        target = target.ravel().astype(np.int64)
    else:
        target, _ = _validation.as_float_array(y, "y")
        _validation.nonfinite_values(target, "y")
        sd = np.nanstd(target)
        target = target / (sd if sd != 0 else 1.0)
        target += 1e-10 * np.maximum(1, np.mean(np.abs(target))) * rng.standard_normal(size=n)

    where = {int(j): i for i, j in enumerate(continuous)}
    mi = np.empty(n_features)
    for j in range(n_features):  # a loop over features, as scikit-learn's
        x = scaled[:, where[j]] if j in where else _column(X, j)
        if discrete[j] and discrete_target:
            mi[j] = _plugin_mi(x, target)
        elif discrete[j]:
            codes = np.unique(x, return_inverse=True)[1].ravel().astype(np.int64)
            mi[j] = _ross(codes, target[:, None], n_neighbors)
        elif discrete_target:
            mi[j] = _ross(target, x[:, None], n_neighbors)
        else:
            mi[j] = KSG(x[:, None], target[:, None], n_neighbors, rescale=False, workers=workers)()
    # True MI is non-negative; scikit-learn replaces negative estimates by 0.
    return np.maximum(mi, 0.0)


_PARAMS = """
    Parameters
    ----------
    X : array_like or scipy sparse matrix of shape (n_samples, n_features)
        Feature matrix. It is never modified.
    y : array_like of shape (n_samples,)
        Target vector{target}.
    discrete_features : {{"auto", bool, array_like}}, default="auto"
        Which features are discrete: all or none (bool), a boolean mask of
        shape (n_features,) or the indices of the discrete features. "auto"
        means False for dense `X` and True for sparse `X`.
    n_neighbors : int, default=3
        The k of the neighbour estimators. Larger k lowers the variance and
        raises the bias.
    copy : bool, default=True
        Accepted for compatibility. `X` is never modified here (scikit-learn
        overwrites it with ``copy=False``).
    random_state : int, numpy.random.RandomState or None, default=None
        Seeds the tiny noise (1e-10 of the scale) added to each continuous
        variable, drawn exactly as scikit-learn draws it: the same seed gives
        scikit-learn's scores.
    n_jobs : int, default=None
        Threads for the cKDTree queries of continuous pairs (scipy's
        ``workers``): None means 1, -1 all cores.
"""


def mutual_info_classif(
    X,
    y,
    *,
    discrete_features="auto",
    n_neighbors: int = 3,
    copy: bool = True,
    random_state=None,
    n_jobs: int | None = None,
) -> np.ndarray:
    r"""Mutual information between each feature and a discrete target, in nats.

    A drop-in for `sklearn.feature_selection.mutual_info_classif`: same
    signature, preprocessing and scores (on continuous data without ties,
    equal to scikit-learn's up to rounding), so it works as
    ``SelectKBest(score_func=mutual_info_classif)``.
    {params}
    Returns
    -------
    mi : ndarray of shape (n_features,)
        Estimated I(feature; y) in nats, negative estimates replaced by 0.

    See Also
    --------
    mutual_info_regression : the same for a continuous target.

    Notes
    -----
    Each continuous feature is divided by its standard deviation and gets
    noise of standard deviation :math:`10^{{-10}}\max(1, \overline{{|x|}})`.
    A continuous feature against the classes uses Ross (2014):

    .. math:: \hat I = \psi(n) - \langle\psi(n_{{y_i}})\rangle + \psi(k)
              - \langle\psi(m_i)\rangle

    where :math:`n_{{y}}` is the size of class y and :math:`m_i` counts the
    points of any class closer than the k-th neighbour of i within its own
    class; a class seen once is left out and a class with :math:`n_y \le k`
    uses :math:`k = n_y - 1`, as in scikit-learn. In one dimension this needs
    no tree: one sort per class and `numpy.searchsorted`. A discrete feature
    uses the plug-in mutual information of the contingency table.

    Distances here are exact. scikit-learn searches a class of at most
    2k + 1 points by brute force with a dot-product expansion of the
    distances, whose rounding can count a class's k-th neighbour as closer
    than itself; scores of features with such small classes can then differ
    from scikit-learn's by about 1/n.

    References
    ----------
    .. [1] B. C. Ross, "Mutual information between discrete and continuous
       data sets", PLoS ONE 9(2), e87357, 2014.
    .. [2] A. Kraskov, H. Stögbauer, P. Grassberger, "Estimating mutual
       information", Phys. Rev. E 69, 066138, 2004.

    Examples
    --------
    Two equally likely classes with unit normal features centred at 0 and at
    `mu` share :math:`I = h(X) - \tfrac12\log 2\pi e`; for mu = 0 it is 0.

    >>> import numpy as np
    >>> from scipy import integrate, stats
    >>> from infomeasures._features import mutual_info_classif
    >>> rng = np.random.default_rng(0)
    >>> y = rng.integers(0, 2, 4000)
    >>> X = np.column_stack([y * 2.0 + rng.normal(size=4000), rng.normal(size=4000)])
    >>> mi = mutual_info_classif(X, y, random_state=0)
    >>> mix = lambda t: 0.5 * (stats.norm.pdf(t) + stats.norm.pdf(t, 2.0))
    >>> h = integrate.quad(lambda t: -mix(t) * np.log(mix(t)), -12, 14)[0]
    >>> exact = h - 0.5 * np.log(2 * np.pi * np.e)
    >>> bool(abs(mi[0] - exact) < 0.03), bool(mi[1] < 0.02)
    (True, True)
    """
    return _estimate_mi(X, y, discrete_features, True, n_neighbors, random_state, n_jobs)


def mutual_info_regression(
    X,
    y,
    *,
    discrete_features="auto",
    n_neighbors: int = 3,
    copy: bool = True,
    random_state=None,
    n_jobs: int | None = None,
) -> np.ndarray:
    r"""Mutual information between each feature and a continuous target, in nats.

    A drop-in for `sklearn.feature_selection.mutual_info_regression`: same
    signature, preprocessing and scores (on continuous data without ties,
    equal to scikit-learn's up to rounding), so it works as
    ``SelectKBest(score_func=mutual_info_regression)``.
    {params}
    Returns
    -------
    mi : ndarray of shape (n_features,)
        Estimated I(feature; y) in nats, negative estimates replaced by 0.

    See Also
    --------
    mutual_info_classif : the same for a discrete target.

    Notes
    -----
    Each continuous variable (features and `y`) is divided by its standard
    deviation and gets noise of standard deviation
    :math:`10^{{-10}}\max(1, \overline{{|x|}})`. A continuous pair uses
    Kraskov, Stögbauer & Grassberger's algorithm 1:

    .. math:: \hat I = \psi(n) + \psi(k) - \langle\psi(n_{{x,i}} + 1)\rangle
              - \langle\psi(n_{{y,i}} + 1)\rangle

    with :math:`n_{{x,i}}`, :math:`n_{{y,i}}` the points strictly closer in
    each margin than the k-th neighbour of i in the max-norm of the pair
    (one 2-D cKDTree query; the margins by a sort and `numpy.searchsorted`).
    A discrete feature uses Ross's estimator (see `mutual_info_classif`).

    References
    ----------
    .. [1] A. Kraskov, H. Stögbauer, P. Grassberger, "Estimating mutual
       information", Phys. Rev. E 69, 066138, 2004.
    .. [2] B. C. Ross, "Mutual information between discrete and continuous
       data sets", PLoS ONE 9(2), e87357, 2014.

    Examples
    --------
    For a bivariate normal with correlation r, :math:`I = -\tfrac12\log(1-r^2)`:

    >>> import numpy as np
    >>> from infomeasures._features import mutual_info_regression
    >>> rng = np.random.default_rng(0)
    >>> x, noise = rng.normal(size=(2, 5000))
    >>> y = 0.8 * x + 0.6 * noise
    >>> X = np.column_stack([x, rng.normal(size=5000)])
    >>> mi = mutual_info_regression(X, y, random_state=0)
    >>> bool(abs(mi[0] - (-0.5 * np.log(1 - 0.8**2))) < 0.03), bool(mi[1] < 0.02)
    (True, True)
    """
    return _estimate_mi(X, y, discrete_features, False, n_neighbors, random_state, n_jobs)


mutual_info_classif.__doc__ = mutual_info_classif.__doc__.format(
    params=_PARAMS.format(target=" of class labels")
)
mutual_info_regression.__doc__ = mutual_info_regression.__doc__.format(
    params=_PARAMS.format(target=" of real values")
)
