r"""scikit-learn style information metrics and scorers.

Drop-in replacements for scikit-learn's clustering information metrics and
``log_loss``: same names, argument order, defaults (nats) and results,
including scikit-learn's conventions for degenerate labelings, with ``base=``
added.  Labels are counted by :mod:`infomeasures.samples`, so any label type
works and large inputs are fast; the expected mutual information inside
`adjusted_mutual_info_score` is vectorised.

Scorers follow scikit-learn's protocol, a callable
``scorer(estimator, X, y) -> float`` where greater is better, so they can be
passed as ``scoring=`` to ``cross_val_score`` or ``GridSearchCV``.  This
module never imports scikit-learn.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike
from scipy import special

from . import _validation as v
from . import samples

__all__ = [
    "adjusted_mutual_info_score",
    "get_scorer",
    "get_scorer_names",
    "log_loss",
    "make_scorer",
    "mutual_info_score",
    "normalized_mutual_info_score",
    "variation_of_information",
]

_AVERAGES = ("min", "geometric", "arithmetic", "max")
_EPS = float(np.finfo(np.float64).eps)


# ----------------------------------------------------------------- clustering


def _contingency(labels_true, labels_pred) -> samples.Counts:
    for x, name in ((labels_true, "labels_true"), (labels_pred, "labels_pred")):
        if np.ndim(x) != 1:
            raise ValueError(f"`{name}` must be 1-D, got an array of shape {np.shape(x)}.")
    if len(labels_true) == 0 and len(labels_pred) == 0:
        return samples.Counts()
    return samples.counts(labels_true, labels_pred)


def _entropy_nats(table_1d: np.ndarray) -> float:
    n = float(np.add.reduce(table_1d))
    return float(np.add.reduce(special.entr(table_1d / n)))


def _mi_nats(c: samples.Counts) -> float:
    if c.n == 0 or 1 in c.table.shape:
        return 0.0
    return samples.mutual_information(c, base=math.e)


def _generalized_average(u: float, w: float, method: str) -> float:
    if method == "min":
        return min(u, w)
    if method == "geometric":
        return math.sqrt(u * w)
    if method == "arithmetic":
        return (u + w) / 2.0
    return max(u, w)


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
        c = samples.Counts.from_table(table)
        if c.ndim != 2:
            raise ValueError(f"`contingency` must be 2-D, got {c.ndim} axes.")
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
        In [0, 1]; 1.0 when both labelings have a single cluster (or are
        empty), 0.0 when the mutual information is 0 -- scikit-learn's
        conventions.

    Notes
    -----
    .. math:: NMI(U, V) = \frac{I(U; V)}{\operatorname{mean}(H(U), H(V))}

    Examples
    --------
    >>> from infomeasures.metrics import normalized_mutual_info_score
    >>> normalized_mutual_info_score([0, 0, 1, 1], [1, 1, 0, 0])
    1.0
    """
    method = v.choice(average_method, "average_method", _AVERAGES)
    c = _contingency(labels_true, labels_pred)
    shape = c.table.shape if c.n else (0, 0)
    if shape[0] == shape[1] and shape[0] <= 1:
        return 1.0
    mi = _mi_nats(c)
    if mi == 0:
        return 0.0
    h_true, h_pred = _entropy_nats(c.marginal([0])), _entropy_nats(c.marginal([1]))
    return float(mi / _generalized_average(h_true, h_pred, method))


_EMI_BATCH = 1 << 22  # hypergeometric terms evaluated per vectorised batch


def _expected_mutual_information(a: np.ndarray, b: np.ndarray, n: int) -> float:
    """E[I(U; V)] in nats under random labelings with the margins a and b.

    EMI = sum_ij sum_k (k/N) log(N k / (a_i b_j)) P(k; N, a_i, b_j), P the
    hypergeometric pmf.  Terms depend on (a_i, b_j) only, so each distinct
    pair of margins is evaluated once and weighted by its multiplicity, and
    k runs only over the window where P is not negligible: mu +- (12 sd + 30),
    with sd that of the binomial, which bounds the hypergeometric's tails
    (Hoeffding 1963); the mass outside is below exp(-45).
    """
    ua, ca = np.unique(a, return_counts=True)
    ub, cb = np.unique(b, return_counts=True)
    A = np.repeat(ua, ub.size).astype(np.float64)
    B = np.tile(ub, ua.size).astype(np.float64)
    weight = np.repeat(ca, ub.size) * np.tile(cb, ua.size).astype(np.float64)
    N = float(n)
    mu = A * B / N
    half = 12.0 * np.sqrt(B * (A / N) * (1.0 - A / N)) + 30.0
    lo = np.maximum(np.maximum(1.0, A + B - N), np.floor(mu - half))
    hi = np.minimum(np.minimum(A, B), np.ceil(mu + half))
    length = np.maximum(hi - lo + 1.0, 0.0).astype(np.int64)
    log_scale = math.log(N) - np.log(A) - np.log(B)
    log_const = (
        special.gammaln(A + 1)
        + special.gammaln(B + 1)
        + special.gammaln(N - A + 1)
        + special.gammaln(N - B + 1)
        - special.gammaln(N + 1)
    )
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
        k = lo[pair] + (np.arange(pair.size) - np.repeat(starts, lens))
        a_, b_ = A[pair], B[pair]
        log_pmf = (
            log_const[pair]
            - special.gammaln(k + 1)
            - special.gammaln(a_ - k + 1)
            - special.gammaln(b_ - k + 1)
            - special.gammaln(N - a_ - b_ + k + 1)
        )
        terms = weight[pair] * (k / N) * (np.log(k) + log_scale[pair]) * np.exp(log_pmf)
        total += float(np.add.reduce(terms))
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
        1.0 for identical labelings (up to renaming), about 0 for independent
        ones, and negative when worse than chance.  1.0 when both labelings
        have one cluster or are empty, 0.0 when exactly one has a single
        cluster (scikit-learn's conventions).

    Notes
    -----
    .. math:: AMI(U, V) = \frac{I(U; V) - E[I]}{\operatorname{mean}(H(U), H(V)) - E[I]}

    where E[I] is the expected mutual information of two random labelings
    with the same cluster sizes (Vinh, Epps & Bailey 2010), a sum of
    hypergeometric terms.  It is evaluated vectorised, once per distinct pair
    of cluster sizes and only over the window of counts with non-negligible
    probability.  As in scikit-learn, a numerator or denominator that is zero
    up to rounding is replaced by machine epsilon with its sign.

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
    """
    method = v.choice(average_method, "average_method", _AVERAGES)
    c = _contingency(labels_true, labels_pred)
    shape = c.table.shape if c.n else (0, 0)
    if shape[0] == shape[1] and shape[0] <= 1:
        return 1.0
    if 1 in shape:
        return 0.0
    mi = _mi_nats(c)
    a, b = c.marginal([0]), c.marginal([1])
    emi = _expected_mutual_information(a, b, c.n)
    normalizer = _generalized_average(_entropy_nats(a), _entropy_nats(b), method)
    # As scikit-learn, a numerator or denominator at rounding level becomes
    # +-eps, so degenerate cases (all singletons: I = E[I] = H) give 1.0.  The
    # level is that of sums of O(normalizer) terms, not eps itself, so the
    # outcome does not hinge on the last bit of E[I].
    noise = 8.0 * _EPS * max(1.0, normalizer)
    den, num = normalizer - emi, mi - emi
    den = math.copysign(_EPS, den) if abs(den) < noise else den
    num = math.copysign(_EPS, num) if abs(num) < noise else num
    return float(num / den)


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


# ----------------------------------------------------------------- log loss


def log_loss(
    y_true: ArrayLike,
    y_proba: ArrayLike,
    *,
    normalize: bool = True,
    sample_weight: ArrayLike | None = None,
    labels: ArrayLike | None = None,
    base: float = math.e,
) -> float:
    r"""Log loss (cross-entropy) of predicted probabilities, without clipping.

    Parameters
    ----------
    y_true : array_like of shape (n_samples,)
        True labels, of any type.
    y_proba : array_like of shape (n_samples, n_classes) or (n_samples,)
        Predicted probabilities, columns in the sorted order of the classes
        (as ``estimator.classes_``); a 1-D array is the probability of the
        greater of two classes.
    normalize : bool, default=True
        Return the (weighted) mean loss; else the sum.
    sample_weight : array_like of shape (n_samples,), optional
        Non-negative weights.
    labels : array_like, optional
        All class labels, when `y_true` does not contain every class.
    base : float, default=math.e
        Logarithm base; the default gives nats, as scikit-learn.

    Returns
    -------
    float
        ``inf`` when a true class was predicted with probability 0.

    Raises
    ------
    ValueError
        For probabilities outside [0, 1], rows that do not sum to 1 within
        sqrt(eps) (scikit-learn warns and carries on; a silent wrong answer
        is worse), a class count that does not match the columns, or labels
        in `y_true` missing from `labels`.

    Notes
    -----
    .. math:: L = -\frac{1}{\sum_i w_i} \sum_i w_i \log_b p_{i, y_i}

    scikit-learn clips probabilities to [eps, 1 - eps], which turns a
    confident wrong prediction (p = 0 on the true class) into a finite loss
    of 36 nats; here it is ``inf``, which is the true cross-entropy.  Every
    other input gives scikit-learn's value.  Probabilities are computed in
    float64.

    Examples
    --------
    >>> from infomeasures.metrics import log_loss
    >>> round(log_loss(["spam", "ham", "ham"], [[0.1, 0.9], [0.9, 0.1], [0.8, 0.2]]), 6)
    0.144622
    >>> log_loss([0, 1], [0.0, 0.0])
    inf
    """
    v.check_bool(normalize, "normalize")
    scale = v.log_base(base)
    proba = v.unit_interval(y_proba, "y_proba")
    if np.ndim(y_true) != 1:
        raise ValueError(f"`y_true` must be 1-D, got an array of shape {np.shape(y_true)}.")
    y = np.asarray(y_true)
    if proba.ndim not in (1, 2) or proba.shape[0] != y.shape[0]:
        raise ValueError(
            f"`y_proba` must have shape (n_samples,) or (n_samples, n_classes) with "
            f"n_samples = {y.shape[0]} (the length of `y_true`), got {proba.shape}."
        )
    classes = np.unique(y if labels is None else np.asarray(labels))
    if classes.size < 2:
        raise ValueError(
            f"log_loss needs at least two classes, got {classes.tolist()}; "
            f"pass every class through `labels`."
        )
    idx = np.searchsorted(classes, y)
    unknown = (idx >= classes.size) | (classes[np.minimum(idx, classes.size - 1)] != y)
    if unknown.any():
        bad = y[unknown][0].item()
        raise ValueError(f"`y_true` holds the label {bad!r}, not among `labels`.")
    if proba.ndim == 1:
        if classes.size != 2:
            raise ValueError(f"1-D `y_proba` needs two classes, got {classes.size}.")
        # p of the positive class; 1 - p for the other, via log1p(-p).
        with np.errstate(divide="ignore"):
            loss = np.where(idx == 1, -np.log(proba), -np.log1p(-proba))
    else:
        if proba.shape[1] != classes.size:
            raise ValueError(
                f"`y_proba` has {proba.shape[1]} columns but there are {classes.size} "
                f"classes {classes.tolist()}; pass every class through `labels`."
            )
        v.probability_rows(proba, "y_proba", proba.shape)
        p = np.take_along_axis(proba, idx[:, None], axis=1)[:, 0]
        with np.errstate(divide="ignore"):  # p = 0 is the true, infinite loss
            loss = -np.log(p)
    if sample_weight is None:
        total, wsum = np.add.reduce(loss), float(loss.size)
    else:
        w = v.nonneg_vector(sample_weight, "sample_weight", loss.size)
        # A zero weight removes a sample, even one with infinite loss.
        weighted = np.multiply(w, loss, out=np.zeros_like(loss), where=w > 0)
        total = np.add.reduce(weighted)
        wsum = float(np.add.reduce(w))
    value = total / wsum if normalize else total
    return float(value) / scale + 0.0


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


def _bits_log_loss(y_true, y_proba, **kwargs):
    return log_loss(y_true, y_proba, base=2, **kwargs)


_SCORERS = {
    "mutual_info_score": (mutual_info_score, 1, "predict", {}),
    "normalized_mutual_info_score": (normalized_mutual_info_score, 1, "predict", {}),
    "adjusted_mutual_info_score": (adjusted_mutual_info_score, 1, "predict", {}),
    "neg_log_loss": (log_loss, -1, "predict_proba", {}),
    "neg_cross_entropy": (_bits_log_loss, -1, "predict_proba", {}),
    "neg_variation_of_information": (variation_of_information, -1, "predict", {}),
    "neg_normalized_variation_of_information": (
        variation_of_information,
        -1,
        "predict",
        {"normalized": True},
    ),
}


def get_scorer_names() -> list[str]:
    """Names accepted by `get_scorer`.

    Parameters
    ----------
    None

    Returns
    -------
    list of str
        scikit-learn's names where it has the scorer (``'mutual_info_score'``,
        ``'normalized_mutual_info_score'``, ``'adjusted_mutual_info_score'``,
        ``'neg_log_loss'``) and ours: ``'neg_cross_entropy'`` (mean
        cross-entropy of ``predict_proba`` in bits, negated),
        ``'neg_variation_of_information'`` and
        ``'neg_normalized_variation_of_information'``.

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
    """The scorer registered under a name (a callable is returned as is).

    Parameters
    ----------
    scoring : str or callable
        One of `get_scorer_names`.

    Returns
    -------
    callable
        ``scorer(estimator, X, y) -> float``; greater is better.

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
    func, sign, method, kwargs = _SCORERS[name]
    return _Scorer(func, sign, method, dict(kwargs))
