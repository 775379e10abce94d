r"""scikit-learn style information metrics and scorers.

Drop-in replacements for scikit-learn's clustering information metrics and
``log_loss``: same names, argument order, defaults (nats) and results,
including scikit-learn's conventions for degenerate labelings, with ``base=``
added; and of its feature scores ``mutual_info_classif`` and
``mutual_info_regression``, computed by the neighbour kernels of
``infomeasures._neighbors`` (KSG on one max-norm cKDTree for continuous pairs,
Ross's estimator from per-class sorts and `searchsorted` against classes).
Labels are counted by :mod:`infomeasures.samples`, so any label type works
and large inputs are fast; the expected mutual information inside
`adjusted_mutual_info_score` is vectorised.

Scorers follow scikit-learn's protocol, a callable
``scorer(estimator, X, y) -> float`` where greater is better, so they can be
passed as ``scoring=`` to ``cross_val_score`` or ``GridSearchCV``.  This
module never imports scikit-learn.
"""

from __future__ import annotations

import copy
import math
import os
from collections.abc import Callable
from typing import NamedTuple

import numpy as np
import scipy.sparse
from numpy.typing import ArrayLike
from scipy import special

from . import _counts, _estimators, _factorize, _neighbors, samples
from . import _validation as v

__all__ = [
    "adjusted_mutual_info_score",
    "get_scorer",
    "get_scorer_names",
    "log_loss",
    "make_scorer",
    "mutual_info_classif",
    "mutual_info_regression",
    "mutual_info_score",
    "normalized_mutual_info_score",
    "variation_of_information",
]

_AVERAGES = ("min", "geometric", "arithmetic", "max")


# ----------------------------------------------------------------- clustering


def _contingency(labels_true, labels_pred) -> samples.Counts:
    for labels, name in ((labels_true, "labels_true"), (labels_pred, "labels_pred")):
        if isinstance(labels, samples.Counts):
            v.counts_not_labels(labels, name)
        v.labeling(labels, name)
    if len(labels_true) == 0 and len(labels_pred) == 0:
        return samples.Counts()
    names = ("labels_true", "labels_pred")
    # Missing labels (masked entries included) are dropped only to be noticed
    # here: these metrics have no nan_policy, so one is an error naming its
    # labeling, like scikit-learn's, not a silently scored value.
    c = _counts.count((labels_true, labels_pred), names, "omit")
    if c.n < len(labels_true):
        for labels, name in zip((labels_true, labels_pred), names, strict=True):
            missing = _factorize.labels(labels, name).missing
            if missing is not None:
                v.missing_cluster_label(missing, name)
    return c


def _mi_nats(c: samples.Counts) -> float:
    if c.n == 0 or 1 in c.table.shape:
        return 0.0
    return samples.mutual_information(c, base=math.e)


class _Agreement(NamedTuple):
    """What the normalised scores need from one contingency table."""

    mi: float  # I(U; V), nats
    h_true: float  # H(U)
    h_pred: float  # H(V)
    a: np.ndarray  # cluster sizes of U
    b: np.ndarray  # cluster sizes of V
    identical: bool  # the labelings are equal up to renaming (or empty)


def _agreement(c: samples.Counts) -> _Agreement:
    """I(U; V), H(U), H(V) consistent to the last bit with their identities.

    I <= min(H(U), H(V)), with I = H(U) exactly when V determines U (every
    column of the table has one non-empty cell), and likewise for H(V).  The
    three are sums of different terms, so rounding alone would break those
    identities in the last bits: scores bounded by 1 would exceed it and a
    perfect match would give 1 +- an ulp.  Each entropy is summed over its
    sorted cluster sizes, so equal multisets of sizes give equal floats.
    """
    if c.n == 0:
        empty = np.zeros(0)
        return _Agreement(0.0, 0.0, 0.0, empty, empty, True)
    table = c.table
    a, b = c.marginal([0]), c.marginal([1])
    h_true, h_pred = (
        _estimators.plugin(np.sort(m).astype(np.float64), float(c.n), m.size) for m in (a, b)
    )
    filled = table > 0
    determines_true = bool((np.add.reduce(filled, axis=0) == 1).all())
    determines_pred = bool((np.add.reduce(filled, axis=1) == 1).all())
    if determines_true:
        mi = h_true
    elif determines_pred:
        mi = h_pred
    else:
        mi = min(_mi_nats(c), h_true, h_pred)
    return _Agreement(mi, h_true, h_pred, a, b, determines_true and determines_pred)


def _generalized_average(u: float, w: float, method: str) -> float:
    # Each average of u <= w rounds to a value in [u, w] (sqrt(fl(u*u)) == u in
    # IEEE arithmetic), so I <= min(H(U), H(V)) keeps the scores below 1.
    if method == "min":
        return min(u, w)
    if method == "geometric":
        return math.sqrt(u * w)
    if method == "arithmetic":
        return (u + w) / 2.0
    return max(u, w)


def _chance_corrected(g: _Agreement, emi: float, method: str) -> float:
    """(I - E[I]) / (mean(H(U), H(V)) - E[I]): AMI, and NMI with E[I] = 0.

    The one degenerate-case rule of both scores, as scikit-learn's: the
    denominator vanishes only when E[I] reaches the normaliser, i.e. when
    every labeling with these cluster sizes agrees equally (both labelings a
    single cluster, or one all singletons with the normaliser equal to the
    other's entropy).  Then I = E[I] too and the score is 0/0; it is 1.0 when
    the labelings are identical up to renaming (no split at all, or all
    singletons on both sides: a perfect match) and 0.0 otherwise (the
    agreement is exactly what chance gives).
    """
    den = _generalized_average(g.h_true, g.h_pred, method) - emi
    if den <= 0:
        return 1.0 if g.identical else 0.0
    return float((g.mi - emi) / den)


def mutual_info_score(
    labels_true: ArrayLike | None,
    labels_pred: ArrayLike | None,
    *,
    contingency: ArrayLike | None = None,
    base: float = math.e,
) -> float:
    r"""Mutual information between two labelings of the same samples.

    Parameters
    ----------
    labels_true, labels_pred : array_like of shape (n_samples,)
        Two labelings; any label type (ints, strings, pandas).  Ignored (and
        may be None) when `contingency` is given.
    contingency : array_like of shape (n_classes, n_clusters), optional
        A contingency table of counts to use instead of the labels, as in
        scikit-learn (a scipy sparse matrix is densified).
    base : float, default=math.e
        Logarithm base; the default gives nats, as scikit-learn.

    Returns
    -------
    float
        :math:`I(U; V) \ge 0`; 0.0 when either labeling has one cluster or
        the input is empty.

    See Also
    --------
    normalized_mutual_info_score, adjusted_mutual_info_score : Scaled to [0, 1].
    infomeasures.samples.mutual_information : The same with other estimators.

    Notes
    -----
    .. math:: I(U; V) = \sum_{i,j} \frac{n_{ij}}{N}
              \log \frac{N n_{ij}}{a_i b_j}

    with :math:`n_{ij}` the contingency table and a, b its margins, computed
    from exact integers (see :func:`infomeasures.samples.mutual_information`),
    so tables whose products overflow int64 stay correct.

    Examples
    --------
    >>> from infomeasures.metrics import mutual_info_score
    >>> round(mutual_info_score([0, 0, 1, 1], ["a", "a", "b", "b"]), 6)  # ln 2
    0.693147
    """
    scale = v.log_base(base)
    if contingency is not None:
        table = contingency.toarray() if hasattr(contingency, "toarray") else contingency
        c = _counts.from_table(table, name="contingency")
        v.contingency_ndim(c.ndim)
    else:
        c = _contingency(labels_true, labels_pred)
    return _mi_nats(c) / scale + 0.0


def normalized_mutual_info_score(
    labels_true: ArrayLike, labels_pred: ArrayLike, *, average_method: str = "arithmetic"
) -> float:
    r"""Mutual information normalised by an average of the two entropies.

    Parameters
    ----------
    labels_true, labels_pred : array_like of shape (n_samples,)
        Two labelings.
    average_method : {'min', 'geometric', 'arithmetic', 'max'}, default='arithmetic'
        How the entropies H(U) and H(V) are averaged.

    Returns
    -------
    float
        In [0, 1]; exactly 1.0 for labelings identical up to renaming and
        when both have a single cluster (or are empty), 0.0 when the mutual
        information is 0 -- scikit-learn's conventions.

    See Also
    --------
    adjusted_mutual_info_score : The same score corrected for chance.
    mutual_info_score : The unnormalised mutual information.

    Notes
    -----
    .. math:: NMI(U, V) = \frac{I(U; V)}{\operatorname{mean}(H(U), H(V))}

    :math:`I(U; V) \le \min(H(U), H(V))`, with equality exactly when one
    labeling determines the other.  The three are sums of different terms,
    so I is taken as that entropy when the contingency table shows the
    equality and is otherwise capped by both: the score never exceeds 1
    through rounding, and a perfect match gives 1.0 exactly.

    Examples
    --------
    >>> from infomeasures.metrics import normalized_mutual_info_score
    >>> normalized_mutual_info_score([0, 0, 1, 1], [1, 1, 0, 0])
    1.0
    >>> normalized_mutual_info_score(range(37), range(37))
    1.0
    """
    method = v.choice(average_method, "average_method", _AVERAGES)
    return _chance_corrected(_agreement(_contingency(labels_true, labels_pred)), 0.0, method)


_EMI_BATCH = 1 << 22  # hypergeometric terms evaluated per vectorised batch


def _expected_mutual_information(g: _Agreement) -> float:
    """E[I(U; V)] in nats under random labelings with the cluster sizes a and b.

    EMI = sum_ij sum_k (k/N) log(N k / (a_i b_j)) P(k; N, a_i, b_j), P the
    hypergeometric pmf.  Terms depend on (a_i, b_j) only, so each distinct
    pair of margins is evaluated once and weighted by its multiplicity, and
    k runs only over the window where P is not negligible: mu +- (12 sd + 30),
    with sd that of the binomial, which bounds the hypergeometric's tails
    (Hoeffding 1963); the mass outside is below exp(-45).

    P is not taken from log-gamma functions of N, whose differences lose
    about eps N log N (1e-9 relative at N = 2e5): within each window,
    log P(k) - log P(lo) is summed from the ratios
    P(k+1)/P(k) = (a-k)(b-k) / ((k+1)(N-a-b+k+1)), each exact to an ulp, and
    the window is normalised to sum to 1 (it holds all but exp(-45) of the
    mass), so the error grows with the window's length, not with N.

    A labeling that is one cluster, or all singletons, fixes I in every table
    with these margins (I = 0, resp. I = H of the other labeling), so E[I] is
    that value exactly.  The sum would reach it only up to rounding, and
    these are exactly the cases where E[I] may equal the normaliser of AMI
    (its 0/0 case): decided on rounding noise, the AMI of identical singleton
    labelings came out as -1 or 1.0046.  So the closed form is returned, as
    the very float the normaliser holds.
    """
    a, b = g.a, g.b
    if a.size <= 1 or b.size <= 1:
        return 0.0
    if a.max() == 1:
        return g.h_pred
    if b.max() == 1:
        return g.h_true
    n = int(np.add.reduce(a))
    ua, ca = np.unique(a, return_counts=True)
    ub, cb = np.unique(b, return_counts=True)
    A = np.repeat(ua, ub.size).astype(np.float64)
    B = np.tile(ub, ua.size).astype(np.float64)
    weight = np.repeat(ca, ub.size) * np.tile(cb, ua.size).astype(np.float64)
    N = float(n)
    mu = A * B / N
    half = 12.0 * np.sqrt(B * (A / N) * (1.0 - A / N)) + 30.0
    # The window starts at k = 0 where the support does: k = 0 adds nothing to
    # the sum but its probability is needed to normalise the window.
    lo = np.maximum(np.maximum(0.0, A + B - N), np.floor(mu - half))
    hi = np.minimum(np.minimum(A, B), np.ceil(mu + half))
    length = (hi - lo + 1.0).astype(np.int64)
    ends = np.cumsum(length)
    cuts = np.searchsorted(ends, np.arange(_EMI_BATCH, int(ends[-1]), _EMI_BATCH), side="left")
    total = 0.0
    for first, last in zip(
        np.r_[0, cuts + 1], np.r_[cuts + 1, length.size], strict=True
    ):  # batches of pairs, each about _EMI_BATCH terms
        if first >= last:
            continue
        lens = length[first:last]
        pair = np.repeat(np.arange(first, last), lens)
        starts = np.cumsum(lens) - lens
        ends_ = starts + lens - 1
        k = lo[pair] + (np.arange(pair.size) - np.repeat(starts, lens))
        a_, b_ = A[pair], B[pair]
        up = (a_ - k) * (b_ - k)
        up[ends_] = 1.0  # the last k of a window has no successor (and may be a or b)
        step = np.log(up / ((k + 1.0) * (N - a_ - b_ + k + 1.0)))
        # Exclusive cumulative sum restarted at each window: log P(k) - log P(lo).
        step[ends_] = 0.0
        step[ends_] = -np.add.reduceat(step, starts)
        log_p = np.cumsum(step) - step
        log_p -= np.repeat(np.maximum.reduceat(log_p, starts), lens)
        p = np.exp(log_p)
        p /= np.repeat(np.add.reduceat(p, starts), lens)
        # (k/N) log(N k / (a b)) as log1p of (N k - a b) / (a b): the terms near
        # k = mu cancel in the sum, so each must be accurate relative to itself;
        # N k - a b is exact below 2**53, and xlog1py gives 0 at k = 0.
        ab = a_ * b_
        gain = special.xlog1py(k, (N * k - ab) / ab) / N
        total += float(np.dot(weight[pair] * gain, p))
    return total


def adjusted_mutual_info_score(
    labels_true: ArrayLike, labels_pred: ArrayLike, *, average_method: str = "arithmetic"
) -> float:
    r"""Mutual information adjusted for chance agreement.

    Parameters
    ----------
    labels_true, labels_pred : array_like of shape (n_samples,)
        Two labelings.
    average_method : {'min', 'geometric', 'arithmetic', 'max'}, default='arithmetic'
        How the entropies are averaged in the normaliser.

    Returns
    -------
    float
        At most 1; exactly 1.0 for identical labelings (up to renaming),
        about 0 for independent ones, and negative when worse than chance.
        1.0 when both labelings have one cluster or are empty, 0.0 when
        exactly one has a single cluster (scikit-learn's conventions).

    See Also
    --------
    normalized_mutual_info_score : The same score without the chance term.
    mutual_info_score : The unadjusted mutual information.

    Notes
    -----
    .. math:: AMI(U, V) = \frac{I(U; V) - E[I]}{\operatorname{mean}(H(U), H(V)) - E[I]}

    where E[I] is the expected mutual information of two random labelings
    with the same cluster sizes (Vinh, Epps & Bailey 2010), a sum of
    hypergeometric terms.  It is evaluated vectorised, once per distinct pair
    of cluster sizes and only over the window of counts with non-negligible
    probability.

    The denominator vanishes only when E[I] reaches the normaliser: both
    labelings one cluster, or one all singletons (then I = E[I] = the other's
    entropy for every labeling with these sizes) and the normaliser equal to
    the other's entropy.  E[I] is then taken in closed form, and the 0/0 is
    1.0 for identical labelings (all singletons on both sides, as
    scikit-learn) and 0.0 otherwise; there scikit-learn returns rounding
    noise (all singletons against three clusters with ``'min'``: 0.97 to
    1.09).  Elsewhere the hypergeometric probabilities are built from their
    successive ratios and normalised over each window, so E[I] keeps about
    13 digits for any N, where log-gamma differences (scikit-learn's) lose
    :math:`\epsilon N \log N` (9 digits at N = 2e5).

    References
    ----------
    Vinh, N. X., Epps, J. & Bailey, J. (2010). Information theoretic measures
    for clusterings comparison. *JMLR* 11, 2837-2854.

    Examples
    --------
    >>> from infomeasures.metrics import adjusted_mutual_info_score
    >>> adjusted_mutual_info_score([0, 0, 1, 1], [1, 1, 0, 0])
    1.0
    >>> round(adjusted_mutual_info_score([0, 0, 1, 1], [0, 1, 0, 1]), 6)
    -0.5
    >>> adjusted_mutual_info_score(range(100), range(100))  # all singletons
    1.0
    """
    method = v.choice(average_method, "average_method", _AVERAGES)
    g = _agreement(_contingency(labels_true, labels_pred))
    return _chance_corrected(g, _expected_mutual_information(g), method)


def variation_of_information(
    labels_true: ArrayLike,
    labels_pred: ArrayLike,
    *,
    normalized: bool = False,
    base: float = math.e,
) -> float:
    r"""Variation of information H(U|V) + H(V|U), a metric between labelings.

    Parameters
    ----------
    labels_true, labels_pred : array_like of shape (n_samples,)
        Two labelings.
    normalized : bool, default=False
        Divide by the joint entropy H(U, V), giving a value in [0, 1].
    base : float, default=math.e
        Logarithm base (ignored when `normalized`).

    Returns
    -------
    float
        0.0 for identical labelings (up to renaming) and for empty input.

    See Also
    --------
    mutual_info_score : I(U; V), with VI = H(U) + H(V) - 2 I(U; V).

    Notes
    -----
    .. math:: VI(U, V) = H(U \mid V) + H(V \mid U) = H(U) + H(V) - 2 I(U; V)

    Both conditional entropies are summed from non-negative terms of the
    contingency table, so VI never goes negative through cancellation.  It is
    a true metric on partitions (Meila 2007); scikit-learn has no equivalent.

    References
    ----------
    Meila, M. (2007). Comparing clusterings -- an information based distance.
    *Journal of Multivariate Analysis* 98, 873-895.

    Examples
    --------
    >>> from infomeasures.metrics import variation_of_information
    >>> variation_of_information([0, 0, 1, 1], [0, 1, 0, 1], base=2)
    2.0
    >>> variation_of_information([0, 0, 1, 1], [0, 1, 0, 1], normalized=True)
    1.0
    """
    normalized = v.check_bool(normalized, "normalized")
    scale = v.log_base(base)
    c = _contingency(labels_true, labels_pred)
    if c.n == 0:
        return 0.0
    swapped = samples.Counts.from_table(c.table.T, categories=c.categories[::-1])
    vi = samples.conditional_entropy(c, base=math.e) + samples.conditional_entropy(
        swapped, base=math.e
    )
    if normalized:
        joint = samples.joint_entropy(c, base=math.e)
        return vi / joint + 0.0 if joint > 0 else 0.0
    return vi / scale + 0.0


# ------------------------------------------------------------ feature scoring


def _discrete_mask(discrete_features, n_features: int, sparse: bool) -> np.ndarray:
    if isinstance(discrete_features, str):
        if discrete_features != "auto":
            v.discrete_features_spec(discrete_features, n_features)
        return np.full(n_features, sparse)
    if isinstance(discrete_features, (bool, np.bool_)):
        return np.full(n_features, bool(discrete_features))
    spec = np.asarray(discrete_features)
    if spec.ndim != 1:
        v.discrete_features_spec(discrete_features, n_features)
    if spec.dtype == bool:
        if spec.size != n_features:
            v.discrete_features_spec(discrete_features, n_features)
        return spec.copy()
    mask = np.zeros(n_features, dtype=bool)
    if spec.size == 0 and spec.dtype.kind != "c":  # [] or (): no discrete feature
        return mask
    if spec.dtype.kind not in "iu" or spec.min() < -n_features or spec.max() >= n_features:
        v.discrete_features_spec(discrete_features, n_features)
    mask[spec.astype(np.intp)] = True
    return mask


def _column(X, j: int) -> np.ndarray:
    if scipy.sparse.issparse(X):
        return X[:, [j]].toarray()[:, 0].astype(np.float64)
    return X[:, j]


def _feature_matrix(X, y) -> tuple[np.ndarray | scipy.sparse.csc_matrix, np.ndarray]:
    """`X` as float64 (a sparse `X` as CSC) and `y` as an array, both checked."""
    if scipy.sparse.issparse(X):
        X = scipy.sparse.csc_matrix(X, dtype=np.float64)
        finite = X.data
    else:
        X, _ = v.as_float_array(X, "X")
        finite = X
    y = v.target_array(y)
    v.feature_matrix(X, y)
    v.nonfinite_values(finite, "X")
    return X, y


def _scaled_noisy(x: np.ndarray, rng: np.random.RandomState) -> np.ndarray:
    """scikit-learn's preprocessing of continuous columns, draw for draw.

    Each column is divided by its standard deviation (a near-constant one is
    left unscaled, as ``sklearn.preprocessing.scale``), then gets noise of
    1e-10 of its mean absolute value "to remove repeated values" (Kraskov et
    al.); the same draws as scikit-learn's, so the same `random_state` gives
    the same scores.  `x` is a fresh array: the caller's data are never touched.
    """
    # A column beyond 2**500 is first scaled by a power of two (exact), so that
    # its variance and mean do not overflow; below, the arithmetic is sklearn's.
    _, exponent = np.frexp(np.max(np.abs(x), axis=0, initial=0.0))
    shift = np.where(exponent > 500, exponent, 0)
    x = np.ldexp(x, -shift)
    sd = np.std(x, axis=0)
    constant = sd < np.ldexp(10 * np.finfo(np.float64).eps, -shift)
    sd[constant] = np.ldexp(1.0, -shift[constant])  # left unscaled, as sklearn does
    x /= sd
    rest = np.where(constant, shift, 0)  # the columns still of their huge size
    mean_abs = np.ldexp(np.mean(np.ldexp(np.abs(x), -rest), axis=0), rest)
    x += 1e-10 * np.maximum(1, mean_abs) * rng.standard_normal(size=x.shape)
    return x


def _target(y: np.ndarray, discrete: bool, rng: np.random.RandomState) -> np.ndarray:
    """Class codes (int64) of a discrete target, or a continuous one preprocessed."""
    if discrete:
        if y.dtype.kind == "f":
            v.nonfinite_values(y, "y")
            fractional = y != np.round(y)
            if fractional.any():
                v.continuous_target(y[fractional])
        return np.unique(y, return_inverse=True)[1].ravel().astype(np.int64)
    target, _ = v.as_float_array(y, "y")
    v.nonfinite_values(target, "y")
    return _scaled_noisy(target[:, None].copy(), rng)[:, 0]


def _one_feature_mi(x, target, discrete: bool, discrete_target: bool, k: int, workers: int, j):
    """I(x; target) in nats by the estimator that fits the two kinds of variable."""
    if discrete and discrete_target:
        return _mi_nats(samples.counts(x, target))
    if discrete:
        codes = np.unique(x, return_inverse=True)[1].ravel().astype(np.int64)
        if np.unique(codes).size == codes.size:
            v.single_observation_classes(j)
        return _neighbors.ross(codes, target[:, None], k)
    if discrete_target:
        if np.unique(target).size == target.size:
            v.no_usable_classes("y")
        return _neighbors.ross(target, x[:, None], k)
    return _neighbors.KSG(x[:, None], target[:, None], k, rescale=False, workers=workers)()


def _estimate_mi(X, y, discrete_features, discrete_target, n_neighbors, random_state, n_jobs):
    """Estimate as scikit-learn's ``_estimate_mi`` does.

    The same preprocessing, draw for draw, so that the same `random_state`
    gives the same noisy data.
    """
    n_neighbors = v.n_neighbors(n_neighbors)
    n_jobs = v.n_jobs(n_jobs)
    v.seed(random_state)
    X, y = _feature_matrix(X, y)
    v.enough_neighbors(n_neighbors, X.shape[0], "X")
    sparse = scipy.sparse.issparse(X)
    discrete = _discrete_mask(discrete_features, X.shape[1], sparse)
    rng = v.random_state(random_state)
    # scipy's `workers`: -1 is every core (what 0, a negative or too large n_jobs ask for)
    workers = 1 if n_jobs is None else (n_jobs if 0 < n_jobs <= (os.cpu_count() or 1) else -1)
    continuous = np.flatnonzero(~discrete)
    if continuous.size and sparse:
        v.sparse_continuous()
    # Drawn in scikit-learn's order: the features' noise first, then the target's.
    scaled = _scaled_noisy(X[:, continuous], rng) if continuous.size else None
    target = _target(y, discrete_target, rng)
    where = {int(j): i for i, j in enumerate(continuous)}
    mi = np.empty(X.shape[1])
    for j in range(X.shape[1]):  # a loop over features, as scikit-learn's
        x = scaled[:, where[j]] if j in where else _column(X, j)
        mi[j] = _one_feature_mi(x, target, discrete[j], discrete_target, n_neighbors, workers, j)
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
        ``workers``): None means 1, -1 all cores."""


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
    ndarray of shape (n_features,)
        Estimated I(feature; y) in nats, negative estimates replaced by 0.

    See Also
    --------
    mutual_info_regression : The same for a continuous target.

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
    >>> from infomeasures.metrics import mutual_info_classif
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
    ndarray of shape (n_features,)
        Estimated I(feature; y) in nats, negative estimates replaced by 0.

    See Also
    --------
    mutual_info_classif : The same for a discrete target.

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
    >>> from infomeasures.metrics import mutual_info_regression
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


# ----------------------------------------------------------------- log loss


def _class_index(y: np.ndarray, labels) -> tuple[np.ndarray, np.ndarray]:
    """Return the sorted classes and the column of each sample's class among them.

    Classes are sorted, as scikit-learn's LabelBinarizer orders the columns of
    ``predict_proba``.  Integer labels over a short range are looked up in a
    table built by `bincount` (a few passes over y, no sort).
    """
    lab = None if labels is None else np.asarray(labels)
    if lab is not None and lab.ndim != 1:
        lab = lab.ravel()
    given = [arr for arr in (y, lab) if arr is not None]
    if y.size and all(arr.dtype.kind in "iu" for arr in given):
        ints = [arr for arr in given if arr.size]  # empty `labels`: no bound
        lo = min(int(arr.min()) for arr in ints)
        span = max(int(arr.max()) for arr in ints) - lo + 1
        if span <= max(4 * y.size, 1 << 16) and lo >= -(2**63) and lo + span <= 2**63:
            offset = y.astype(np.intp, copy=False)
            if lo:
                offset = offset - lo
            present = np.bincount(
                offset if lab is None else lab.astype(np.intp) - lo, minlength=span
            ).astype(bool)
            classes = np.flatnonzero(present) + lo
            if present.all():  # every value in the range is a class: no lookup
                return classes, offset
            if lab is not None and not present[offset].all():
                v.unknown_label(y[~present[offset]][0].item())
            return classes, (np.cumsum(present) - 1)[offset]
    try:
        if lab is None:
            return np.unique(y, return_inverse=True)
        classes = np.unique(lab)
        idx = np.searchsorted(classes, y)
        found = classes[np.minimum(idx, max(classes.size - 1, 0))] == y if classes.size else False
    except TypeError:
        v.unsortable_labels("`y_true`" if lab is None else "`y_true` and `labels`")
    unknown = ~np.asarray(found, dtype=bool) | (idx >= classes.size)
    if unknown.any():
        v.unknown_label(y[unknown][0].item())
    return classes, idx


def log_loss(
    y_true: ArrayLike,
    y_proba: ArrayLike,
    *,
    normalize: bool = True,
    sample_weight: ArrayLike | None = None,
    labels: ArrayLike | None = None,
    base: float = math.e,
) -> float:
    r"""Log loss (cross-entropy) of predicted probabilities, clipped as scikit-learn.

    Parameters
    ----------
    y_true : array_like of shape (n_samples,)
        True labels, of any type that sorts (ints, strings, pandas).
    y_proba : array_like of shape (n_samples, n_classes) or (n_samples,)
        Predicted probabilities, columns in the sorted order of the classes
        (as ``estimator.classes_``); a 1-D array (or a single column) is the
        probability of the greater of two classes.  float16, float32 and
        float64 are accepted as they are.
    normalize : bool, default=True
        Return the (weighted) mean loss; else the (weighted) sum.
    sample_weight : array_like of shape (n_samples,), optional
        Non-negative finite weights, not all zero.
    labels : array_like, optional
        All class labels, when `y_true` does not contain every class.
    base : float, default=math.e
        Logarithm base; the default gives nats, as scikit-learn.

    Returns
    -------
    float
        The mean (or summed) loss; finite, because of the clipping below.

    Raises
    ------
    ValueError
        For probabilities outside [0, 1], rows that do not sum to 1 within
        sqrt(eps) of their dtype (scikit-learn warns and carries on; a silent
        wrong answer is worse), a class count that does not match the
        columns, labels in `y_true` missing from `labels`, missing labels,
        or all-zero `sample_weight` (as scikit-learn).
    TypeError
        For a `Counts` table or labels that cannot be sorted together.

    See Also
    --------
    infomeasures.nn.softmax_cross_entropy : The same loss from logits, exact (not clipped).
    infomeasures.cross_entropy : Cross-entropy of two distributions.

    Notes
    -----
    .. math:: L = -\frac{1}{\sum_i w_i} \sum_i w_i
              \log_b \operatorname{clip}(p_{i, y_i}, \epsilon, 1 - \epsilon)

    **Clipping.** As scikit-learn 1.9, each probability is clipped to
    :math:`[\epsilon, 1 - \epsilon]` with :math:`\epsilon` the machine
    epsilon of the dtype of `y_proba` (2.2e-16 for float64, 1.2e-7 for
    float32), so a zero probability on the true class costs
    :math:`-\log \epsilon` (36.04 nats in float64, 15.94 in float32) instead
    of an infinite loss: one confident mistake does not turn a
    model-selection fold into -inf.  The true cross-entropy is then
    understated; for it use :func:`infomeasures.nn.softmax_cross_entropy`,
    which does not clip.  Rows are not renormalised (as scikit-learn 1.9).

    Probabilities are clipped in their own dtype's eps but the logarithms and
    sums are taken in float64, so float32 input agrees with scikit-learn
    (which computes in float32) to float32 precision and is more accurate.
    A 1-D `y_proba` is the positive class; the loss of the negative class is
    :math:`-\log(1 - p)`, taken with ``log1p``.  Weights are divided by their
    maximum before they are summed, so huge weights do not overflow.

    Examples
    --------
    >>> import math
    >>> from infomeasures.metrics import log_loss
    >>> round(log_loss(["spam", "ham", "ham"], [[0.1, 0.9], [0.9, 0.1], [0.8, 0.2]]), 6)
    0.144622
    >>> round(-(math.log(0.9) + math.log(0.9) + math.log(0.8)) / 3, 6)  # the naive formula
    0.144622

    A zero probability on the true class is clipped at float64's eps:

    >>> log_loss([0, 1], [[1.0, 0.0], [1.0, 0.0]]) == -math.log(2.0**-52) / 2
    True
    """
    normalize = v.check_bool(normalize, "normalize")
    scale = v.log_base(base)
    for arg, name in ((y_true, "y_true"), (labels, "labels")):
        if isinstance(arg, samples.Counts):
            v.counts_not_labels(arg, name)
    y = v.loss_labels(y_true, "y_true")
    n = y.shape[0]
    proba = v.class_probabilities(y_proba, n)
    classes, idx = _class_index(y, labels)
    if classes.size < 2:
        v.too_few_classes(classes.tolist())
    eps = np.finfo(proba.dtype).eps
    bounds = (float(eps), float(1 - eps))  # 1 - eps rounded in the dtype, as scikit-learn
    if proba.ndim == 1:
        v.class_columns(2, classes.tolist(), one_d=True)
        p = np.clip(proba.astype(np.float64), *bounds)
        loss = np.log(p)
        negative = idx == 0
        loss[negative] = np.log1p(-p[negative])
    else:
        k = proba.shape[1]
        v.class_columns(k, classes.tolist())
        # One gather of the true class's column: flat index row * k + column.
        flat_index = np.arange(0, n * k, k)
        flat_index += idx
        # The gather is a new array: widened only if it is not float64 already.
        p = np.ascontiguousarray(proba).reshape(-1)[flat_index].astype(np.float64, copy=False)
        loss = np.log(np.clip(p, *bounds, out=p), out=p)
    if sample_weight is None:
        total = -float(np.add.reduce(loss))
        value = total / n if normalize else total
    else:
        w, top = v.sample_weights(sample_weight, n)
        total = -float(np.dot(w, loss))
        if normalize:
            value = total / float(np.add.reduce(w))
        else:
            # The true sum may exceed the float range; inf is then its rounding.
            with np.errstate(over="ignore"):
                value = float(np.float64(total) * top)
    return v.to_units(value, scale)


# ------------------------------------------------------------------- scorers

_RESPONSE_METHODS = ("predict", "predict_proba", "decision_function")


class _Scorer:
    """scikit-learn's scorer protocol: ``scorer(estimator, X, y) -> float``."""

    def __init__(self, score_func, sign: int, response_method: str, kwargs: dict):
        self._score_func = score_func
        self._sign = sign
        self._response_method = response_method
        self._kwargs = kwargs

    def __call__(self, estimator, X, y_true, sample_weight=None, **kwargs) -> float:
        y_pred = getattr(estimator, self._response_method)(X)
        if self._response_method == "predict_proba":
            classes = getattr(estimator, "classes_", None)
            if classes is not None and len(classes) == 2 and np.ndim(y_pred) == 2:
                y_pred = y_pred[:, 1]  # as scikit-learn: the positive class only
            elif classes is not None and "labels" not in self._kwargs:
                kwargs.setdefault("labels", classes)
        if sample_weight is not None:
            kwargs["sample_weight"] = sample_weight
        return self._sign * self._score_func(y_true, y_pred, **{**self._kwargs, **kwargs})

    def __repr__(self) -> str:
        name = getattr(self._score_func, "__name__", repr(self._score_func))
        extra = "" if self._sign > 0 else ", greater_is_better=False"
        extra += "".join(f", {key}={value!r}" for key, value in self._kwargs.items())
        return f"make_scorer({name}, response_method={self._response_method!r}{extra})"


def make_scorer(
    score_func: Callable,
    *,
    response_method: str = "predict",
    greater_is_better: bool = True,
    **kwargs,
) -> Callable:
    """Make a scorer ``(estimator, X, y) -> float`` from a metric.

    Parameters
    ----------
    score_func : callable
        ``score_func(y_true, y_pred, **kwargs) -> float``.
    response_method : {'predict', 'predict_proba', 'decision_function'}, default='predict'
        The estimator method whose output is passed as `y_pred`.
    greater_is_better : bool, default=True
        False for losses: the scorer returns the negated loss, so that greater
        is always better, as scikit-learn's model selection expects.
    **kwargs
        Passed on to `score_func`.

    Returns
    -------
    callable
        A scorer usable as ``scoring=`` in scikit-learn's ``cross_val_score``
        and ``GridSearchCV``.

    See Also
    --------
    infomeasures.metrics.get_scorer : The scorers made already, by name.

    Notes
    -----
    The scorer computes ``sign * score_func(y, estimator.<response_method>(X))``
    with sign -1 for losses.  With ``'predict_proba'`` and a binary
    estimator, only the positive-class column is passed on, as in
    scikit-learn, so scores match its own scorers bit for bit.

    Examples
    --------
    >>> from infomeasures.metrics import make_scorer, variation_of_information
    >>> scorer = make_scorer(variation_of_information, greater_is_better=False)
    >>> class Constant:
    ...     def predict(self, X):
    ...         return [0] * len(X)
    >>> scorer(Constant(), [[1], [2]], [0, 1])  # -H(y | constant) in nats
    -0.6931471805599453
    """
    v.choice(response_method, "response_method", _RESPONSE_METHODS)
    sign = 1 if v.check_bool(greater_is_better, "greater_is_better") else -1
    return _Scorer(score_func, sign, response_method, kwargs)


# scikit-learn's names where it has the scorer, then ours.
_SCORERS = {
    "mutual_info_score": make_scorer(mutual_info_score),
    "normalized_mutual_info_score": make_scorer(normalized_mutual_info_score),
    "adjusted_mutual_info_score": make_scorer(adjusted_mutual_info_score),
    "neg_log_loss": make_scorer(
        log_loss, response_method="predict_proba", greater_is_better=False
    ),
    "neg_cross_entropy": make_scorer(
        log_loss, response_method="predict_proba", greater_is_better=False, base=2
    ),
    "neg_variation_of_information": make_scorer(variation_of_information, greater_is_better=False),
    "neg_normalized_variation_of_information": make_scorer(
        variation_of_information, greater_is_better=False, normalized=True
    ),
}


def get_scorer_names() -> list[str]:
    """Return the names accepted by `get_scorer`.

    Returns
    -------
    list of str
        Sorted; scikit-learn's names where it has the scorer (``'mutual_info_score'``,
        ``'normalized_mutual_info_score'``, ``'adjusted_mutual_info_score'``,
        ``'neg_log_loss'``) and ours: ``'neg_cross_entropy'`` (mean
        cross-entropy of ``predict_proba`` in bits, negated),
        ``'neg_variation_of_information'`` and
        ``'neg_normalized_variation_of_information'``.

    See Also
    --------
    infomeasures.metrics.get_scorer : The scorer of a name.

    Notes
    -----
    Losses are negated, so that greater is better for every scorer.

    Examples
    --------
    >>> from infomeasures.metrics import get_scorer_names
    >>> "neg_log_loss" in get_scorer_names()
    True
    """
    return sorted(_SCORERS)


def get_scorer(scoring: str | Callable) -> Callable:
    """Return the scorer registered under a name (a callable is returned as is).

    Parameters
    ----------
    scoring : str or callable
        One of `get_scorer_names`.

    Returns
    -------
    callable
        ``scorer(estimator, X, y) -> float``; greater is better.

    See Also
    --------
    infomeasures.metrics.get_scorer_names : The names it accepts.
    infomeasures.metrics.make_scorer : Make a scorer of another metric.

    Notes
    -----
    Unknown names raise ``ValueError`` listing the valid ones.

    Examples
    --------
    >>> from infomeasures.metrics import get_scorer
    >>> get_scorer("neg_log_loss")
    make_scorer(log_loss, response_method='predict_proba', greater_is_better=False)
    """
    if callable(scoring):
        return scoring
    name = v.choice(scoring, "scoring", get_scorer_names())
    # A copy, as scikit-learn's get_scorer: the caller may not alter the registry.
    return copy.deepcopy(_SCORERS[name])
