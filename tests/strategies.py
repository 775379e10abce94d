"""Hypothesis strategies for skewed, sparse and degenerate distributions."""

import inspect

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from ._registry import CONTINUOUS_ESTIMATORS

# Weights spanning 300 orders of magnitude, with exact zeros and ties.
_weight = st.one_of(
    st.just(0.0),
    st.just(1.0),
    st.floats(min_value=0.0, max_value=1.0),
    st.integers(min_value=-300, max_value=0).map(lambda e: 10.0**e),
)


def _normalise(w):
    w = np.asarray(w, dtype=float)
    if not w.sum() > 0:
        w = np.zeros_like(w)
        w.flat[0] = 1.0
    return w / w.sum(axis=None)


@st.composite
def distributions(draw, min_k=1, max_k=12):
    k = draw(st.integers(min_k, max_k))
    return _normalise(draw(hnp.arrays(float, k, elements=_weight)))


@st.composite
def distribution_pairs(draw, min_k=1, max_k=12):
    k = draw(st.integers(min_k, max_k))
    p = _normalise(draw(hnp.arrays(float, k, elements=_weight)))
    kind = draw(st.sampled_from(["independent", "same", "perturbed", "disjointish"]))
    if kind == "same":
        q = p.copy()
    elif kind == "perturbed":
        eps = draw(st.sampled_from([1e-12, 1e-6, 1e-2]))
        noise = draw(hnp.arrays(float, k, elements=st.floats(-1, 1)))
        q = _normalise(p * (1 + eps * noise))
    else:
        q = _normalise(draw(hnp.arrays(float, k, elements=_weight)))
        if kind == "disjointish":
            q = _normalise(np.where(p > 0, 0.0, q) + (q.sum() == 0))
    return p, q


@st.composite
def tables(draw, ndim=2, max_side=5):
    shape = tuple(draw(st.integers(1, max_side)) for _ in range(ndim))
    return _normalise(draw(hnp.arrays(float, shape, elements=_weight)))


@st.composite
def label_columns(draw, n_vars=2, max_n=60):
    """Paired observations of `n_vars` variables with few, skewed labels."""
    n = draw(st.integers(1, max_n))
    label = st.integers(0, 4) | st.sampled_from([0, 0, 0, 7])
    return [np.array(draw(st.lists(label, min_size=n, max_size=n))) for _ in range(n_vars)]


@st.composite
def unit_arrays(draw, max_k=12):
    """Event probabilities in [0, 1], with exact 0 and 1 and tiny values."""
    return draw(hnp.arrays(float, st.integers(1, max_k), elements=_weight))


@st.composite
def count_vectors(draw, max_k=12):
    """Non-negative integer counts with at least one observation."""
    c = draw(hnp.arrays(np.int64, st.integers(1, max_k), elements=st.integers(0, 50)))
    c[0] += c.sum() == 0
    return c


@st.composite
def logits_and_classes(draw, max_n=6, max_k=5):
    k = draw(st.integers(2, max_k))
    n = draw(st.integers(1, max_n))
    z = draw(hnp.arrays(float, (n, k), elements=st.floats(-50, 50)))
    return z, draw(hnp.arrays(np.int64, n, elements=st.integers(0, k - 1)))


@st.composite
def logits_and_binary_targets(draw, max_n=8):
    n = draw(st.integers(1, max_n))
    z = draw(hnp.arrays(float, n, elements=st.floats(-50, 50)))
    return z, draw(hnp.arrays(float, n, elements=st.floats(0, 1)))


@st.composite
def labels_and_probabilities(draw, max_n=8, max_k=4):
    """Draw true classes 0..k-1 (each present) and predicted probability rows."""
    k = draw(st.integers(2, max_k))
    n = draw(st.integers(k, max(k, max_n)))
    y = np.concatenate(
        [np.arange(k), draw(hnp.arrays(np.int64, n - k, elements=st.integers(0, k - 1)))]
    )
    rows = np.array([draw(distributions(min_k=k, max_k=k)) for _ in range(n)])
    return y, rows


@st.composite
def continuous_columns(draw, n_vars=2, min_n=15, max_n=40):
    """Paired draws of `n_vars` dependent normal variables (a chain X -> Y -> Z).

    Drawn through a seed and coupling strengths, so the data are continuous
    (no ties), as the neighbour and Gaussian estimators assume.  Couplings
    up to 1 (correlation up to 0.7) keep two columns from having the same
    ranks, whose copula covariance is singular (an infinite MI, refused).
    """
    n = draw(st.integers(min_n, max_n))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    coupling = draw(st.lists(st.floats(-1, 1), min_size=n_vars, max_size=n_vars))
    columns = [rng.normal(size=n)]
    for c in coupling[1:]:
        columns.append(c * columns[-1] + rng.normal(size=n))
    return columns


def _like(columns, kinds):
    """Draw the columns, integer ones (discrete variables) where the example's are."""
    return tuple(
        np.floor(c).astype(np.int64) if k in "iu" else c
        for c, k in zip(columns, kinds, strict=True)
    )


def _one(strategy):
    return strategy.map(lambda a: (a,))


def _stacked(columns):
    return (np.column_stack(columns),)


#: (leading roles, strategy of the arguments given the example arguments),
#: first match wins: the pairs before the single roles.
_BY_ROLES = (
    (("distribution", "distribution"), lambda args: distribution_pairs()),
    (("labels", "probs"), lambda args: labels_and_probabilities()),
    (("logits", "class_targets"), lambda args: logits_and_classes()),
    (("logits", "binary_targets"), lambda args: logits_and_binary_targets()),
    (("distribution",), lambda args: _one(distributions())),
    (("joint",), lambda args: _one(tables(ndim=np.ndim(args[0]), max_side=4))),
    (("table",), lambda args: _one(tables(np.ndim(args[0]), 5 if np.ndim(args[0]) < 3 else 4))),
    (("columns",), lambda args: label_columns(np.shape(args[0])[1]).map(_stacked)),
    (("points",), lambda args: continuous_columns(1).map(tuple)),
    (("unit",), lambda args: _one(unit_arrays())),
    (("labels",), lambda args: label_columns(len(args)).map(tuple)),
    (("counts",), lambda args: _one(count_vectors())),
)


def valid_args(entry, variant=None):
    """Return a strategy for valid positional arguments of a registry entry, by role.

    The registry's own example arguments come first, so every property is
    also checked on them.  For a `variant` with a continuous estimator, the
    arguments are continuous variables (the entry's `points` first).
    """
    if (variant or {}).get("estimator") in CONTINUOUS_ESTIMATORS:
        if entry.points[0].ndim == 2:  # a matrix of columns
            drawn = continuous_columns(entry.points[0].shape[1]).map(_stacked)
        else:
            kinds = [p.dtype.kind for p in entry.points]
            drawn = continuous_columns(len(kinds)).map(lambda c: _like(c, kinds))
        return st.just(entry.points) | drawn
    roles = tuple(entry.roles.get(name) for name in _positional_names(entry))
    for lead, strategy in _BY_ROLES:
        if roles[: len(lead)] == lead:
            return st.just(entry.args) | strategy(entry.args)
    return st.just(entry.args)


def _positional_names(entry):
    params = inspect.signature(entry.func).parameters.values()
    return [
        p.name
        for p in params
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.VAR_POSITIONAL)
    ]
